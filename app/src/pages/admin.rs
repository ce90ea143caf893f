//! `/admin`: reference data for admins. Every organisation, area, place and category can be
//! renamed in place, and new ones added at the end of each list.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::reference::{PlaceDto, ReferenceData};
use shared::user::OrgKind;

use crate::api::reference::{
    SaveArea, SaveCategory, SaveOrganisation, SavePlace, get_places, get_reference_data,
};
use crate::app::UserResource;
use crate::components::fields::{FormAlert, PageError};
use crate::i18n::{T, org_kind_name, t, use_lang};

#[component]
pub fn AdminPage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let org = ServerAction::<SaveOrganisation>::new();
    let area = ServerAction::<SaveArea>::new();
    let place = ServerAction::<SavePlace>::new();
    let category = ServerAction::<SaveCategory>::new();
    let data = Resource::new(
        move || {
            (
                org.version().get(),
                area.version().get(),
                place.version().get(),
                category.version().get(),
            )
        },
        |_| async {
            Ok::<_, shared::AppError>((
                get_reference_data().await?,
                get_places(String::new()).await?,
            ))
        },
    );
    view! {
        <Title text=t(T::Administration) />
        <h1>{t(T::Administration)}</h1>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let admin = user.await.ok().flatten().is_some_and(|u| u.can_manage_reference_data());
                match data.await {
                    Ok(_) if !admin => view! { <PageError error=shared::AppError::Forbidden /> }.into_any(),
                    Ok((d, places)) => {
                        let r = d.reference;
                        view! {
                            <Organisations r=r.clone() action=org />
                            <Areas r=r.clone() action=area />
                            <Places r=r.clone() places action=place />
                            <Categories r action=category />
                        }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn alert<S>(action: ServerAction<S>) -> impl IntoView
where
    S: server_fn::ServerFn<Output = (), Error = shared::AppError> + Clone + Send + Sync + 'static,
{
    view! { <FormAlert error=Signal::derive(move || action.value().get().and_then(Result::err)) /> }
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
fn Organisations(r: ReferenceData, action: ServerAction<SaveOrganisation>) -> impl IntoView {
    view! {
        <section aria-labelledby="orgs-heading" class="admin-section">
            <h2 id="orgs-heading">{t(T::Organisations)}</h2>
            {alert(action)}
            <ul class="admin-list">
                {r.organisations.into_iter().map(|o| view! {
                    <li>
                        <ActionForm action>
                            <input type="hidden" name="id" value=o.id.to_string() />
                            <input name="name" value=o.name.clone() aria-label=format!("{} {}", t(T::Name), o.name) required />
                            {kind_select(Some(o.kind), format!("{} {}", t(T::Kind), o.name))}
                            <button type="submit">{t(T::Save)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
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
fn Areas(r: ReferenceData, action: ServerAction<SaveArea>) -> impl IntoView {
    view! {
        <section aria-labelledby="areas-heading" class="admin-section">
            <h2 id="areas-heading">{t(T::Areas)}</h2>
            {alert(action)}
            <ul class="admin-list">
                {r.areas.into_iter().map(|a| view! {
                    <li>
                        <ActionForm action>
                            <input type="hidden" name="id" value=a.id.to_string() />
                            <input name="name" value=a.name.clone() aria-label=format!("{} {}", t(T::Name), a.name) required />
                            <button type="submit">{t(T::Save)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
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
fn Places(
    r: ReferenceData,
    places: Vec<PlaceDto>,
    action: ServerAction<SavePlace>,
) -> impl IntoView {
    let areas = r.areas.clone();
    view! {
        <section aria-labelledby="places-heading" class="admin-section">
            <h2 id="places-heading">{t(T::Places)}</h2>
            {alert(action)}
            {r.areas.into_iter().map(|a| {
                let places: Vec<_> = places.iter().filter(|p| p.area_id == a.id).cloned().collect();
                view! {
                    <h3>{a.name.clone()}</h3>
                    <ul class="admin-list">
                        {places.into_iter().map(|p| view! {
                            <li>
                                <ActionForm action>
                                    <input type="hidden" name="id" value=p.id.to_string() />
                                    <input name="name" value=p.name.clone() aria-label=format!("{} {}", t(T::Name), p.name) required />
                                    <button type="submit">{t(T::Save)}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            }).collect_view()}
            <ActionForm action attr:class="add-form">
                <label for="new-place">{t(T::NewPlace)}</label>
                <input id="new-place" name="name" required />
                <label for="new-place-area">{t(T::Area)}</label>
                <select id="new-place-area" name="area_id" required>
                    {areas.into_iter().map(|a| view! { <option value=a.id.to_string()>{a.name}</option> }).collect_view()}
                </select>
                <button type="submit">{t(T::Add)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Categories(r: ReferenceData, action: ServerAction<SaveCategory>) -> impl IntoView {
    view! {
        <section aria-labelledby="categories-heading" class="admin-section">
            <h2 id="categories-heading">{t(T::Categories)}</h2>
            {alert(action)}
            <ul class="admin-list">
                {r.categories.into_iter().map(|c| view! {
                    <li>
                        <ActionForm action>
                            <input type="hidden" name="id" value=c.id.to_string() />
                            <input name="name_sv" value=c.name_sv.clone() lang="sv" required
                                aria-label=format!("{} {}", t(T::NameSwedish), c.name_sv) />
                            <input name="name_en" value=c.name_en.clone().unwrap_or_default() lang="en"
                                aria-label=format!("{} {}", t(T::NameEnglish), c.name_sv) />
                            <button type="submit">{t(T::Save)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
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
