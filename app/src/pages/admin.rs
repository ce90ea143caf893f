//! `/admin`: reference data for admins. Every organisation, area and category can be renamed
//! in place, retired (gone from the forms for new work, kept by old records) and brought back,
//! and new ones added at the end of each list. Places have a page of their own (`/places`),
//! which coordinators keep too.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::reference::{ReferenceData, ReferenceKind};
use shared::user::OrgKind;

use crate::api::reference::{
    SaveArea, SaveCategory, SaveOrganisation, SetRetired, get_reference_data,
};
use crate::app::UserResource;
use crate::components::fields::{FormAlert, PageError, ScopedFieldMessage};
use crate::components::routing::RoutingSection;
use crate::i18n::{T, org_kind_name, t, use_lang};

/// Retiring and bringing back, shared by the page's lists: the row of the last one shows
/// what happened.
#[derive(Clone, Copy)]
struct Retiring {
    action: ServerAction<SetRetired>,
    last: RwSignal<Option<String>>,
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let org = ServerAction::<SaveOrganisation>::new();
    let area = ServerAction::<SaveArea>::new();
    let category = ServerAction::<SaveCategory>::new();
    let retiring = Retiring {
        action: ServerAction::new(),
        last: RwSignal::new(None),
    };
    let data = Resource::new(
        move || {
            (
                org.version().get(),
                area.version().get(),
                category.version().get(),
                retiring.action.version().get(),
            )
        },
        |_| get_reference_data(),
    );
    view! {
        <Title text=t(T::Administration) />
        <h1>{t(T::Administration)}</h1>
        // A transition: after a save the lists are redrawn where they stand, not emptied first,
        // so the page keeps its place.
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let admin = user.await.ok().flatten().is_some_and(|u| u.can_manage_reference_data());
                match data.await {
                    Ok(_) if !admin => view! { <PageError error=shared::AppError::Forbidden /> }.into_any(),
                    Ok(d) => {
                        let r = d.reference;
                        view! {
                            <p>
                                {t(T::PlacesMovedNote)}" "
                                <a href="/places">{t(T::Places)}</a>
                            </p>
                            <Organisations r=r.clone() action=org retiring />
                            <Areas r=r.clone() action=area retiring />
                            <Categories r=r.clone() action=category retiring />
                            <RoutingSection r />
                        }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What the section's last save did: refused (with the reason) or saved.
fn alert<S>(action: ServerAction<S>) -> impl IntoView
where
    S: server_fn::ServerFn<Output = (), Error = shared::AppError> + Clone + Send + Sync + 'static,
{
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <FormAlert error=Signal::derive(move || action.value().get().and_then(Result::err)) reasons=true />
        {move || saved().then(|| view! { <p class="notice" role="status">{t(T::SavedEdit)}</p> })}
    }
}

/// "Retire" or "Bring back" for one entry, and what happened to it.
#[component]
fn RetireForm(
    kind: ReferenceKind,
    id: String,
    name: String,
    retired: bool,
    retiring: Retiring,
) -> impl IntoView {
    let key = StoredValue::new(id.clone());
    let mine = move || retiring.last.get().as_deref() == Some(key.get_value().as_str());
    let error = Signal::derive(move || {
        mine()
            .then(|| retiring.action.value().get().and_then(Result::err))
            .flatten()
    });
    let done = move || {
        (mine() && matches!(retiring.action.value().get(), Some(Ok(())))).then(|| {
            t(if retired {
                T::RetireConfirmed
            } else {
                T::RestoreConfirmed
            })
        })
    };
    let scope = format!("retire-{id}-");
    let hidden = format!(" {name}");
    // The lists are redrawn after the change: the keyboard lands on what happened.
    let status = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(p) = status.get() {
            let _ = p.focus();
        }
    });
    view! {
        <ActionForm action=retiring.action attr:class="inline">
            <input type="hidden" name="kind" value=kind.code() />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="retired" value=(!retired).to_string() />
            <button type="submit" class:danger=!retired
                on:click=move |_| retiring.last.set(Some(key.get_value()))>
                {t(if retired { T::Restore } else { T::Retire })}
                <span class="visually-hidden">{hidden}</span>
            </button>
        </ActionForm>
        {move || done().map(|text| view! { <p class="hint" role="status" tabindex="-1" node_ref=status>{text}</p> })}
        <ScopedFieldMessage scope field="retired" error />
    }
}

fn retired_badge(retired: bool) -> impl IntoView {
    retired.then(|| view! { <span class="badge">{t(T::Retired)}</span> })
}

fn kind_select(selected: Option<OrgKind>, label: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <select name="kind" aria-label=label>
            {OrgKind::ALL.into_iter().map(|k| view! {
                <option value=k.code() selected=Some(k) == selected>{org_kind_name(k, lang)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn Organisations(
    r: ReferenceData,
    action: ServerAction<SaveOrganisation>,
    retiring: Retiring,
) -> impl IntoView {
    view! {
        <section aria-labelledby="orgs-heading" class="admin-section">
            <h2 id="orgs-heading">{t(T::Organisations)}</h2>
            {alert(action)}
            <ul class="admin-list">
                {r.organisations.into_iter().map(|o| { let rn = o.name.clone(); let save_label = format!(" {rn}"); view! {
                    <li>
                        <ActionForm action>
                            <input type="hidden" name="id" value=o.id.to_string() />
                            <input name="name" value=o.name.clone() aria-label=format!("{} {}", t(T::Name), o.name) required />
                            {kind_select(Some(o.kind), format!("{} {}", t(T::Kind), o.name))}
                            <button type="submit">{t(T::Save)}<span class="visually-hidden">{save_label}</span></button>
                            {retired_badge(o.retired)}
                        </ActionForm>
                        <RetireForm kind=ReferenceKind::Organisation id=o.id.to_string() name=rn retired=o.retired retiring />
                    </li>
                }}).collect_view()}
            </ul>
            <ActionForm action attr:class="add-form">
                <label for="new-org">{t(T::NewOrganisation)}</label>
                <input id="new-org" name="name" required />
                {kind_select(None, t(T::Kind).to_owned())}
                <button type="submit">{t(T::Add)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Areas(r: ReferenceData, action: ServerAction<SaveArea>, retiring: Retiring) -> impl IntoView {
    view! {
        <section aria-labelledby="areas-heading" class="admin-section">
            <h2 id="areas-heading">{t(T::Areas)}</h2>
            {alert(action)}
            <ul class="admin-list">
                {r.areas.into_iter().map(|a| { let rn = a.name.clone(); let save_label = format!(" {rn}"); view! {
                    <li>
                        <ActionForm action>
                            <input type="hidden" name="id" value=a.id.to_string() />
                            <input name="name" value=a.name.clone() aria-label=format!("{} {}", t(T::Name), a.name) required />
                            <button type="submit">{t(T::Save)}<span class="visually-hidden">{save_label}</span></button>
                            {retired_badge(a.retired)}
                        </ActionForm>
                        <RetireForm kind=ReferenceKind::Area id=a.id.to_string() name=rn retired=a.retired retiring />
                    </li>
                }}).collect_view()}
            </ul>
            <ActionForm action attr:class="add-form">
                <label for="new-area">{t(T::NewArea)}</label>
                <input id="new-area" name="name" required />
                <button type="submit">{t(T::Add)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Categories(
    r: ReferenceData,
    action: ServerAction<SaveCategory>,
    retiring: Retiring,
) -> impl IntoView {
    view! {
        <section aria-labelledby="categories-heading" class="admin-section">
            <h2 id="categories-heading">{t(T::Categories)}</h2>
            {alert(action)}
            <ul class="admin-list">
                {r.categories.into_iter().map(|c| { let rn = c.name_sv.clone(); let save_label = format!(" {rn}"); view! {
                    <li>
                        <ActionForm action>
                            <input type="hidden" name="id" value=c.id.to_string() />
                            <input name="name_sv" value=c.name_sv.clone() lang="sv" required
                                aria-label=format!("{} {}", t(T::NameSwedish), c.name_sv) />
                            <input name="name_en" value=c.name_en.clone().unwrap_or_default() lang="en"
                                aria-label=format!("{} {}", t(T::NameEnglish), c.name_sv) />
                            <button type="submit">{t(T::Save)}<span class="visually-hidden">{save_label}</span></button>
                            {retired_badge(c.retired)}
                        </ActionForm>
                        <RetireForm kind=ReferenceKind::Category id=c.id.to_string() name=rn retired=c.retired retiring />
                    </li>
                }}).collect_view()}
            </ul>
            <ActionForm action attr:class="add-form">
                <label for="new-category-sv">{t(T::NameSwedish)}</label>
                <input id="new-category-sv" name="name_sv" lang="sv" required />
                <label for="new-category-en">{t(T::NameEnglish)}</label>
                <input id="new-category-en" name="name_en" lang="en" />
                <button type="submit">{t(T::Add)}</button>
            </ActionForm>
        </section>
    }
}
