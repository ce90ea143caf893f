//! `/admin/users`: accounts for admins. Search and filter by organisation, role and status;
//! create an account (which gives a one-time set-password link to send); change a person's
//! name, address, organisation or role; deactivate and reactivate; reset a password; unlock an
//! account held after wrong passwords. A change keeps the account's card open and says what
//! happened in it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::AppError;
use shared::account::{Account, AccountFilter, AccountInput};
use shared::reference::OrganisationDto;
use shared::user::Role;

use crate::api::accounts::{
    CreateAccount, ResetAccountPassword, SetAccountActive, UnlockAccount, UpdateAccount,
    list_accounts,
};
use crate::api::reference::get_reference_data;
use crate::components::account_fields::AccountFields;
use crate::components::fields::{FormAlert, FormError, PageError};
use crate::components::filter_form::FilterForm;
use crate::components::password_link::LinkBox;
use crate::components::saving::saved;
use crate::i18n::{T, count_of, role_name, t};

/// What was last done to an account, so that its card shows the outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Update,
    Deactivate,
    Reactivate,
    Reset,
    Unlock,
}

#[derive(Clone, Copy)]
struct Acts {
    update: ServerAction<UpdateAccount>,
    active: ServerAction<SetAccountActive>,
    reset: ServerAction<ResetAccountPassword>,
    unlock: ServerAction<UnlockAccount>,
    /// The account of the last change, and which change.
    last: RwSignal<Option<(String, Step)>>,
    /// The account whose card is open (kept while the list reloads after a change).
    open: RwSignal<Option<String>>,
}

impl Acts {
    fn error(self, step: Step) -> Option<AppError> {
        match step {
            Step::Update => self.update.value().get().and_then(Result::err),
            Step::Deactivate | Step::Reactivate => self.active.value().get().and_then(Result::err),
            Step::Reset => self.reset.value().get().and_then(Result::err),
            Step::Unlock => self.unlock.value().get().and_then(Result::err),
        }
    }

    fn succeeded(self, step: Step) -> bool {
        let ok = |done: Option<bool>| done == Some(true);
        match step {
            Step::Update => ok(self.update.value().get().map(|r| r.is_ok())),
            Step::Deactivate | Step::Reactivate => ok(self.active.value().get().map(|r| r.is_ok())),
            Step::Reset => ok(self.reset.value().get().map(|r| r.is_ok())),
            Step::Unlock => ok(self.unlock.value().get().map(|r| r.is_ok())),
        }
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            AccountFilter {
                q: get("q"),
                organisation: get("organisation"),
                role: get("role"),
                status: get("status"),
            }
        })
    });
    let create = ServerAction::<CreateAccount>::new();
    let acts = Acts {
        update: ServerAction::new(),
        active: ServerAction::new(),
        reset: ServerAction::new(),
        unlock: ServerAction::new(),
        last: RwSignal::new(None),
        open: RwSignal::new(None),
    };
    // The list reloads after a change that was saved, never after a refused one (whose form
    // keeps what was typed).
    let changed = RwSignal::new(0u32);
    let bump = move || changed.update(|n| *n += 1);
    saved(create, bump);
    saved(acts.update, bump);
    saved(acts.active, bump);
    saved(acts.reset, bump);
    saved(acts.unlock, bump);
    let accounts = Resource::new(
        move || (filter.get(), changed.get()),
        |(f, _)| list_accounts(f.q, f.organisation, f.role, f.status),
    );
    let reference = Resource::new(|| (), |_| get_reference_data());
    view! {
        <Title text=t(T::Accounts) />
        <h1>{t(T::Accounts)}</h1>
        <p>{t(T::AccountsIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match reference.await {
                    Ok(r) => view! {
                        <NewAccount create organisations=r.reference.organisations.clone() />
                        <Filters filter=filter.get_untracked() organisations=r.reference.organisations />
                    }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (list, orgs) = match (accounts.await, reference.await) {
                    (Ok(list), Ok(r)) => (list, r.reference.organisations),
                    (Err(e), _) | (_, Err(e)) => return view! { <PageError error=e /> }.into_any(),
                };
                let count = count_of(list.len() as u64, T::AccountOne, T::AccountMany);
                view! {
                    <p class="muted" role="status">{count}</p>
                    {list.is_empty().then(|| view! { <p>{t(T::NoAccounts)}</p> })}
                    <ul class="plain accounts">
                        {list.into_iter().map(|a| view! {
                            <AccountCard a acts organisations=orgs.clone() />
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </Transition>
    }
}

/// "New account", folded until needed; after a save its link is shown and the form empties.
#[component]
fn NewAccount(
    create: ServerAction<CreateAccount>,
    organisations: Vec<OrganisationDto>,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || create.value().get().and_then(Result::err));
    let form = NodeRef::<leptos::html::Form>::new();
    saved(create, move || {
        if let Some(form) = form.get_untracked() {
            form.reset();
        }
    });
    let created = move || create.value().get().and_then(Result::ok);
    view! {
        <details class="disclosure new-account" open=move || created().is_some() || error.get().is_some()>
            <summary>{t(T::NewAccount)}</summary>
            {move || created().map(|link| view! { <LinkBox link heading=T::AccountCreated /> })}
            <p class="hint">{t(T::NewAccountHint)}</p>
            <FormAlert error />
            <ActionForm action=create node_ref=form attr:class="account-grid">
                <AccountFields scope="new-".to_owned() values=AccountInput::default() organisations error role_help=true />
                <div class="form-end"><button type="submit" class="primary">{t(T::CreateAccount)}</button></div>
            </ActionForm>
        </details>
    }
}

#[component]
fn Filters(filter: AccountFilter, organisations: Vec<OrganisationDto>) -> impl IntoView {
    let statuses = [
        ("", T::StatusAll),
        ("active", T::StatusActive),
        ("inactive", T::StatusInactive),
    ];
    view! {
        <FilterForm action="/admin/users" class="filters" role="search">
            <div class="field">
                <label for="q">{t(T::SearchNameEmail)}</label>
                <input id="q" name="q" type="search" value=filter.q.clone() maxlength="200" />
            </div>
            <div class="field">
                <label for="organisation">{t(T::Organisation)}</label>
                <select id="organisation" name="organisation">
                    <option value="">{t(T::AnyOrganisation)}</option>
                    {organisations.into_iter().map(|o| {
                        let v = o.id.to_string();
                        view! { <option selected=v == filter.organisation value=v>{o.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="role">{t(T::Role)}</label>
                <select id="role" name="role">
                    <option value="">{t(T::AnyRole)}</option>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option selected=r.code() == filter.role value=r.code()>{role_name(r).0}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="status">{t(T::Status)}</label>
                <select id="status" name="status">
                    {statuses.into_iter().map(|(code, label)| view! {
                        <option selected=code == filter.status value=code>{t(label)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{t(T::Search)}</button>
        </FilterForm>
    }
}

/// One account: who, where, which role, when last signed in, and its state; "Ändra" opens the
/// change form and the other steps.
#[component]
fn AccountCard(a: Account, acts: Acts, organisations: Vec<OrganisationDto>) -> impl IntoView {
    let id = a.id.to_string();
    let mine = {
        let id = id.clone();
        move || {
            acts.last
                .get()
                .filter(|(who, _)| *who == id)
                .map(|(_, step)| step)
        }
    };
    let error: FormError = Signal::derive({
        let mine = mine.clone();
        move || mine().and_then(|step| acts.error(step))
    });
    let notice = {
        let mine = mine.clone();
        move || mine().filter(|step| acts.succeeded(*step))
    };
    let status = NodeRef::<leptos::html::P>::new();
    // A refused deactivation says why beside its button, where the keyboard then is.
    let refused_active =
        move || error.with(|e| e.as_ref().and_then(|e| e.issue_for("active")).is_some());
    let active_error = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(p) = active_error.get() {
            let _ = p.focus();
        }
    });
    // The list is drawn anew after a change: the keyboard lands on what happened.
    Effect::new(move |_| {
        if let Some(p) = status.get() {
            let _ = p.focus();
        }
    });
    let is_open = {
        let id = id.clone();
        move || acts.open.get().as_deref() == Some(id.as_str())
    };
    let details = NodeRef::<leptos::html::Details>::new();
    let toggle = {
        let id = id.clone();
        move |_| {
            let open = details.get().is_some_and(|d| d.open());
            acts.open
                .update(|o| match (open, o.as_deref() == Some(id.as_str())) {
                    (true, _) => *o = Some(id.clone()),
                    (false, true) => *o = None,
                    (false, false) => {}
                });
        }
    };
    let key = StoredValue::new(id.clone());
    let mark = move |step: Step| move |_| acts.last.set(Some((key.get_value(), step)));
    let scope = format!("account-{}-", a.id);
    let active_scope = scope.clone();
    let hidden = format!(" {} {}", t(T::ForAccount), a.name);
    let values = AccountInput {
        name: a.name.clone(),
        email: a.email.clone(),
        organisation_id: a.organisation_id.to_string(),
        role: a.role.code().to_owned(),
    };
    let last_sign_in = a.last_sign_in.clone().map_or_else(
        || t(T::NeverSignedIn).to_owned(),
        |at| format!("{} {at}", t(T::LastSignIn)),
    );
    let uid = a.id.to_string();
    let (unlock_id, reset_id, active_id) = (uid.clone(), uid.clone(), uid.clone());
    view! {
        <li class="account" class:inactive=!a.active>
            <p class="account-name">
                <strong>{a.name.clone()}</strong>
                {a.is_caller.then(|| format!(" {}", t(T::YouSuffix)))}
                <span class="muted">{format!(" · {}", a.email)}</span>
            </p>
            <p>{format!("{} · {}", a.organisation, role_name(a.role).0)}</p>
            <p class="muted">{last_sign_in}</p>
            <p class="badges">
                {(!a.active).then(|| view! { <span class="badge">{t(T::AccountInactive)}</span> })}
                {a.locked.then(|| view! { <span class="badge warn">{t(T::AccountLocked)}</span> })}
                {a.link_valid_until.clone().map(|until| view! {
                    <span class="badge">{format!("{} {until}", t(T::LinkWaiting))}</span>
                })}
            </p>
            {move || notice().map(|step| {
                let text = match step {
                    Step::Update => T::AccountSaved,
                    Step::Deactivate => T::AccountDeactivated,
                    Step::Reactivate => T::AccountReactivated,
                    Step::Reset => T::PasswordResetNotice,
                    Step::Unlock => T::AccountUnlocked,
                };
                view! {
                    <p class="notice" role="status" tabindex="-1" node_ref=status>{t(text)}</p>
                    {(step == Step::Reset).then(|| acts.reset.value().get().and_then(Result::ok)
                        .map(|link| view! { <LinkBox link heading=T::NewLinkFor /> }))}
                }
            })}
            <details class="edit" node_ref=details prop:open=is_open on:toggle=toggle>
                <summary>{t(T::ManageAccount)}<span class="visually-hidden">{hidden}</span></summary>
                <FormAlert error reasons=true />
                <ActionForm action=acts.update attr:class="account-grid">
                    <input type="hidden" name="id" value=uid.clone() />
                    <AccountFields scope=scope.clone() values organisations error />
                    <p class="hint form-end">{t(T::RoleChangeNote)}</p>
                    <div class="form-end">
                        <button type="submit" on:click=mark(Step::Update)>{t(T::SaveAccount)}</button>
                    </div>
                </ActionForm>
                <div class="account-steps">
                    {a.locked.then(|| view! {
                        <ActionForm action=acts.unlock attr:class="inline">
                            <input type="hidden" name="id" value=unlock_id />
                            <button type="submit" on:click=mark(Step::Unlock)>{t(T::Unlock)}</button>
                        </ActionForm>
                    })}
                    {a.active.then(|| view! { <ResetStep id=reset_id acts mark=mark(Step::Reset) /> })}
                    <ActionForm action=acts.active attr:class="inline">
                        <input type="hidden" name="id" value=active_id />
                        <input type="hidden" name="active" value=(!a.active).to_string() />
                        {if a.active {
                            view! {
                                <p class="hint">{t(T::DeactivateHint)}</p>
                                <button type="submit" class="danger" on:click=mark(Step::Deactivate)>{t(T::DeactivateAccount)}</button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="submit" on:click=mark(Step::Reactivate)>{t(T::Reactivate)}</button>
                            }.into_any()
                        }}
                        {move || refused_active().then(|| view! {
                            <p class="field-error" id=format!("{active_scope}active-error") tabindex="-1" node_ref=active_error>
                                {t(T::FieldLastAdmin)}
                            </p>
                        })}
                    </ActionForm>
                </div>
            </details>
        </li>
    }
}

/// "Reset the password", asked once more before it is done (the old password stops working);
/// a disclosure, so it works without JavaScript too.
#[component]
fn ResetStep(
    id: String,
    acts: Acts,
    mark: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <details class="reset-step">
            <summary>{t(T::ResetPassword)}</summary>
            <p class="hint">{t(T::ResetHint)}</p>
            <ActionForm action=acts.reset attr:class="inline">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="danger" on:click=mark>{t(T::ConfirmReset)}</button>
            </ActionForm>
        </details>
    }
}
