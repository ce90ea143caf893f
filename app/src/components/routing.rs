//! Routing for work orders, as the admin page keeps it: for each category the kind of order it
//! makes (none: reporters cannot send it) and who usually fixes it; for the places of one area
//! who fixes things there. The app proposes the place's owner first, else the category's.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::reference::{OrganisationDto, ReferenceData};
use shared::work_order::OrderKind;

use crate::api::places::list_places;
use crate::api::reference::{SetRouting, SetServiceLevel};
use crate::components::fields::FormAlert;
use crate::components::labels::order_kind_label;
use crate::components::order_views::hours_text;
use crate::i18n::{T, t};

/// The owner select: none, or an organisation (retired ones only if already chosen).
fn owner_select(
    id: String,
    label: String,
    orgs: &[OrganisationDto],
    chosen: Option<String>,
) -> impl IntoView + use<> {
    let chosen = chosen.unwrap_or_default();
    let options: Vec<(String, String, bool)> = orgs
        .iter()
        .filter(|o| !o.retired || o.id.to_string() == chosen)
        .map(|o| (o.id.to_string(), o.name.clone(), o.id.to_string() == chosen))
        .collect();
    view! {
        <select id=id name="owner_organisation_id" aria-label=label>
            <option value="">{t(T::NoOwner)}</option>
            {options.into_iter().map(|(value, name, selected)| view! {
                <option value=value selected=selected>{name}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn RoutingSection(r: ReferenceData) -> impl IntoView {
    let action = ServerAction::<SetRouting>::new();
    let query = use_query_map();
    let area = move || query.with(|q| q.get("routing_area").unwrap_or_default());
    let places = Resource::new(
        move || (area(), action.version().get()),
        |(area, _)| async move {
            if area.is_empty() {
                Ok(None)
            } else {
                list_places(area).await.map(Some)
            }
        },
    );
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let orgs = StoredValue::new(r.organisations.clone());
    let chosen_area = area();
    view! {
        <section aria-labelledby="routing-heading" class="admin-section">
            <h2 id="routing-heading">{t(T::RoutingHeading)}</h2>
            <p>{t(T::RoutingIntro)}</p>
            <FormAlert error=Signal::derive(move || action.value().get().and_then(Result::err)) reasons=true />
            {move || saved().then(|| view! { <p class="notice" role="status">{t(T::SavedEdit)}</p> })}
            <h3>{t(T::Categories)}</h3>
            <ul class="admin-list">
                {r.categories.clone().into_iter().filter(|c| !c.retired).map(|c| {
                    let id = c.id.to_string();
                    let kind = c.work_order_kind;
                    view! {
                        <li>
                            <ActionForm action>
                                <input type="hidden" name="kind" value="category" />
                                <input type="hidden" name="id" value=id.clone() />
                                <span>{c.name.clone()}</span>
                                <select name="work_order_kind" aria-label=format!("{} {}", t(T::OrderKindField), c.name)>
                                    <option value="">{t(T::NoOrders)}</option>
                                    {OrderKind::ALL.into_iter().map(|k| view! {
                                        <option value=k.code() selected=Some(k) == kind>{order_kind_label(k)}</option>
                                    }).collect_view()}
                                </select>
                                {orgs.with_value(|orgs| owner_select(format!("owner-{id}"), format!("{} {}", t(T::OwnerOrg), c.name), orgs, c.default_owner_id.clone()))}
                                <button type="submit">{t(T::Save)}<span class="visually-hidden">{format!(" {}", c.name)}</span></button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ServiceLevels levels=r.service_levels.clone() />
            <h3>{t(T::Places)}</h3>
            <form method="get" action="/admin" class="filters">
                <div class="field">
                    <label for="routing_area">{t(T::Area)}</label>
                    <select id="routing_area" name="routing_area">
                        {r.areas.clone().into_iter().filter(|a| !a.retired).map(|a| {
                            let value = a.id.to_string();
                            view! { <option value=value.clone() selected=value == chosen_area>{a.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">{t(T::ShowPlaces)}</button>
            </form>
            <Transition>
                {move || {
                    Suspend::new(async move {
                        let list = places.await.ok().flatten()?;
                        Some(view! {
                            <ul class="admin-list">
                                {list.places.into_iter().filter(|p| !p.retired).map(|p| {
                                    let id = p.id.to_string();
                                    view! {
                                        <li>
                                            <ActionForm action>
                                                <input type="hidden" name="kind" value="place" />
                                                <input type="hidden" name="id" value=id.clone() />
                                                <span>{p.name.clone()}</span>
                                                {orgs.with_value(|orgs| owner_select(format!("owner-{id}"), format!("{} {}", t(T::OwnerOrg), p.name), orgs, p.owner_id.clone()))}
                                                <button type="submit">{t(T::Save)}<span class="visually-hidden">{format!(" {}", p.name)}</span></button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })
                    })
                }}
            </Transition>
        </section>
    }
}

/// Each kind's service level: hours for normal and urgent orders.
#[component]
fn ServiceLevels(levels: Vec<shared::work_order::ServiceLevel>) -> impl IntoView {
    let action = ServerAction::<SetServiceLevel>::new();
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <h3>{t(T::ServiceLevels)}</h3>
        <p class="hint">{t(T::ServiceLevelsHint)}</p>
        <FormAlert error=Signal::derive(move || action.value().get().and_then(Result::err)) reasons=true />
        {move || saved().then(|| view! { <p class="notice" role="status">{t(T::SavedEdit)}</p> })}
        <ul class="admin-list">
            {levels.into_iter().map(|l| {
                let name = order_kind_label(l.kind);
                let now = format!("{}: {} · {}: {}", t(T::PriorityNormal), hours_text(l.normal_hours.max(0) as u64),
                    t(T::PriorityUrgent), hours_text(l.urgent_hours.max(0) as u64));
                view! {
                    <li>
                        <ActionForm action>
                            <input type="hidden" name="kind" value=l.kind.code() />
                            <span>{name}</span>
                            <input type="number" name="normal_hours" min="1" max="8784" required value=l.normal_hours.to_string()
                                aria-label=format!("{} {}, {}", name, t(T::PriorityNormal), t(T::HourMany)) />
                            <input type="number" name="urgent_hours" min="1" max="8784" required value=l.urgent_hours.to_string()
                                aria-label=format!("{} {}, {}", name, t(T::PriorityUrgent), t(T::HourMany)) />
                            <button type="submit">{t(T::Save)}<span class="visually-hidden">{format!(" {name}")}</span></button>
                            <span class="hint">{now}</span>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
