//! `/actions`: open actions (or "my organisation's", or all), `/actions/new` for coordinators,
//! and `/actions/:id` with linked incidents, history and the state change.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::action::{ACTIONS_PER_PAGE, ActionPage, ActionScope, ActionState, ActionSummary};

use crate::api::actions::{CreateAction, UpdateActionState, get_action, list_actions};
use crate::api::reference::get_reference_data;
use crate::app::UserResource;
use crate::components::action_fields::{ActionFields, ActionValues};
use crate::components::fields::{FieldMessage, FormAlert, FormError, PageError, invalid};
use crate::components::history::History;
use crate::components::labels::state_label;
use crate::components::saving::saved;
use crate::i18n::{T, count_of, t};

#[component]
pub fn ActionTable(actions: Vec<ActionSummary>) -> impl IntoView {
    if actions.is_empty() {
        return view! { <p role="status">{t(T::NoActions)}</p> }.into_any();
    }
    view! {
        <table class="incidents">
            <caption class="visually-hidden">{t(T::Actions)}</caption>
            <thead><tr>
                <th scope="col">{t(T::Title)}</th>
                <th scope="col">{t(T::Owner)}</th>
                <th scope="col">{t(T::DueDate)}</th>
                <th scope="col">{t(T::State)}</th>
                <th scope="col">{t(T::Area)}</th>
            </tr></thead>
            <tbody>
                {actions.into_iter().map(|a| view! {
                    <tr class:overdue=a.overdue>
                        <td data-label=t(T::Title)><a href=format!("/actions/{}", a.id)>{a.title}</a></td>
                        <td data-label=t(T::Owner)>{a.owner_organisation}{a.owner_person.map(|p| format!(" ({p})"))}</td>
                        <td data-label=t(T::DueDate)>{a.due}
                            {a.overdue.then(|| view! { " " <span class="tag warn">{t(T::Overdue)}</span> })}</td>
                        <td data-label=t(T::State)>{state_label(a.state)}</td>
                        <td data-label=t(T::Area)>{a.area.unwrap_or_default()}{a.place.map(|p| format!(", {p}"))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    let query = use_query_map();
    let scope = move || query.with(|q| ActionScope::parse(&q.get("scope").unwrap_or_default()));
    let after = move || query.with(|q| q.get("after").unwrap_or_default());
    let actions = Resource::new(
        move || (scope(), after()),
        |(scope, after)| list_actions(scope.code().to_owned(), after),
    );
    let user = expect_context::<UserResource>();
    view! {
        <Title text=t(T::Actions) />
        <h1>{t(T::Actions)}</h1>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let coordinator = user.await.ok().flatten().is_some_and(|u| u.role == shared::user::Role::Coordinator);
                let (current, later_page) = (scope(), !after().trim().is_empty());
                let tab = |value: ActionScope, label: T| view! {
                    <a href=value.href() aria-current=(current == value).then_some("page")>{t(label)}</a>
                };
                view! {
                    <nav class="tabs" aria-label=t(T::Actions)>
                        {tab(ActionScope::Open, T::ScopeOpen)} {tab(ActionScope::Mine, T::ScopeMine)} {tab(ActionScope::All, T::ScopeAll)}
                    </nav>
                    {coordinator.then(|| view! { <p><a class="button primary" href="/actions/new">{t(T::NewAction)}</a></p> })}
                    {match actions.await {
                        Ok(page) => view! { <ActionList page scope=current later_page /> }.into_any(),
                        Err(e) => view! { <PageError error=e /> }.into_any(),
                    }}
                }
            })}
        </Suspense>
    }
}

/// A page of the list, how many there are in all, and the way on to the next page.
#[component]
fn ActionList(page: ActionPage, scope: ActionScope, later_page: bool) -> impl IntoView {
    let paged = later_page || page.next_cursor.is_some();
    view! {
        {(page.total > 0).then(|| {
            let count = count_of(page.total, T::ActionWordOne, T::ActionWordMany);
            let per_page = paged.then(|| format!(" · {ACTIONS_PER_PAGE} {}", t(T::PerPage)));
            view! { <p>{format!("{count}{}", per_page.unwrap_or_default())}</p> }
        })}
        <ActionTable actions=page.items />
        {paged.then(|| view! {
            <nav class="pager" aria-label=t(T::Paging)>
                {later_page.then(|| view! { <a href=scope.href()>{t(T::ToFirstPage)}</a> })}
                {page.next_cursor.map(|c| view! { <a href=scope.href_after(&c) rel="next">{t(T::MoreActions)}</a> })}
            </nav>
        })}
    }
}

#[component]
pub fn NewActionPage() -> impl IntoView {
    let query = use_query_map();
    let (incident, area) = query.with_untracked(|q| {
        (
            q.get("incident").unwrap_or_default(),
            q.get("area").unwrap_or_default(),
        )
    });
    let user = expect_context::<UserResource>();
    let data = Resource::new(|| (), |_| get_reference_data());
    let action = ServerAction::<CreateAction>::new();
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=t(T::NewAction) />
        <h1>{t(T::NewAction)}</h1>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || {
                let (incident, area) = (incident.clone(), area.clone());
                Suspend::new(async move {
                let may_create = user.await.ok().flatten().is_some_and(|u| u.can_create_actions());
                let r = match data.await {
                    Ok(_) if !may_create => {
                        return view! { <PageError error=shared::AppError::Forbidden /> }.into_any()
                    }
                    Ok(d) => d.reference,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                view! {
                    <FormAlert error />
                    <ActionForm action attr:class="incident-form">
                        <input type="hidden" name="incident_id" value=incident />
                        <ActionFields prefix=String::new() values=ActionValues { area_id: area, ..ActionValues::default() }
                            organisations=r.organisations areas=r.areas error />
                        <button type="submit" class="primary big">{t(T::CreateAction)}</button>
                    </ActionForm>
                }.into_any()
            })}}
        </Suspense>
    }
}

#[component]
pub fn ActionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let update = ServerAction::<UpdateActionState>::new();
    // Reloaded after a save that succeeded; a refused one keeps the form as typed.
    let saves = RwSignal::new(0usize);
    let note = NodeRef::<leptos::html::Textarea>::new();
    saved(update, move || {
        saves.update(|n| *n += 1);
        // The page is updated in place, so the saved note is cleared by hand.
        if let Some(note) = note.get_untracked() {
            note.set_value("");
        }
    });
    let detail = Resource::new(move || (id(), saves.get()), |(id, _)| get_action(id));
    let error: FormError = Signal::derive(move || update.value().get().and_then(Result::err));
    let just_saved = move || matches!(update.value().get(), Some(Ok(())));
    view! {
        <Title text=t(T::TypeAction) />
        // A transition keeps the page while it reloads after a save: no jump to the top.
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                let s = d.summary.clone();
                let state = s.state;
                let closed = s.state.is_closed();
                view! {
                    {query.with(|q| q.get("saved").is_some()).then(|| view! { <p class="notice" role="status">{t(T::ActionSaved)}</p> })}
                    // Its own reactive spot: a refused save must not rebuild (and so reset) the form.
                    {move || just_saved().then(|| view! { <p class="notice" role="status">{format!("{} {}", t(T::StateSaved), state_label(state))}</p> })}
                    <h1>{s.title.clone()}</h1>
                    <dl class="facts">
                        <dt>{t(T::State)}</dt><dd>{state_label(s.state)}</dd>
                        <dt>{t(T::Owner)}</dt><dd>{s.owner_organisation.clone()}</dd>
                        {s.owner_person.clone().map(|p| view! { <dt>{t(T::OwnerPerson)}</dt><dd>{p}</dd> })}
                        <dt>{t(T::DueDate)}</dt><dd>{s.due.clone()}
                            {s.overdue.then(|| view! { " " <span class="tag warn">{t(T::Overdue)}</span> })}</dd>
                        {s.area.clone().map(|a| view! { <dt>{t(T::Area)}</dt><dd>{a}</dd> })}
                        {s.place.clone().map(|p| view! { <dt>{t(T::Place)}</dt><dd>{p}</dd> })}
                        <dt>{t(T::Created)}</dt><dd>{d.created.clone()}</dd>
                        {d.note.clone().map(|n| view! { <dt>{t(T::Note)}</dt><dd class="description">{n}</dd> })}
                    </dl>
                    {(!d.incidents.is_empty()).then(|| view! {
                        <h2>{t(T::LinkedIncidents)}</h2>
                        <ul class="plain">
                            {d.incidents.clone().into_iter().map(|(id, label)| view! {
                                <li><a href=format!("/incidents/{id}")>{label}</a></li>
                            }).collect_view()}
                        </ul>
                    })}
                    {if closed {
                        view! { <p>{t(T::ActionClosed)}</p> }.into_any()
                    } else if d.can_update {
                        view! {
                            <h2>{t(T::ChangeState)}</h2>
                            <FormAlert error />
                            <ActionForm action=update attr:class="incident-form">
                                <input type="hidden" name="id" value=s.id.clone() />
                                <div class="field">
                                    <label for="state">{t(T::State)}</label>
                                    <select id="state" name="state" aria-invalid=invalid(error, "state")>
                                        // The saved state comes first and is chosen: saving again with
                                        // only a note records progress, never an undo.
                                        {std::iter::once(s.state).chain(ActionState::ALL.into_iter().filter(|x| *x != s.state)).map(|x| view! {
                                            <option value=x.code() selected=x == s.state>{state_label(x)}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldMessage field="state" error />
                                </div>
                                <div class="field">
                                    <label for="note">{t(T::Note)}</label>
                                    <textarea id="note" node_ref=note name="note" rows="3" maxlength="2000" aria-describedby="note-hint"
                                        aria-invalid=invalid(error, "note")></textarea>
                                    <p class="hint" id="note-hint">{t(T::NoteHint)}</p>
                                    <FieldMessage field="note" error />
                                </div>
                                <button type="submit" class="primary">{t(T::Save)}</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        ().into_any()
                    }}
                    {(!d.reviews.is_empty()).then(|| view! {
                        <h2>{t(T::AtMeetings)}</h2>
                        <ol class="plain">
                            {d.reviews.clone().into_iter().map(|r| view! {
                                <li>
                                    <a href=format!("/meetings/{}", r.meeting_id)>{r.meeting}</a>
                                    {format!(": {}{}", state_label(r.state), r.note.map(|n| format!(" – {n}")).unwrap_or_default())}
                                </li>
                            }).collect_view()}
                        </ol>
                    })}
                    <h2>{t(T::History)}</h2>
                    <History entries=d.history.clone() />
                    <p><a href="/actions">{t(T::Actions)}</a></p>
                }.into_any()
            })}
        </Transition>
    }
}
