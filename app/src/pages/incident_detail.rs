//! `/incidents/:id`: one incident, with who logged it and when; edit link for those allowed;
//! removing personal data for coordinators, asking them to for its reporters.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::incidents::get_incident;
use crate::components::fields::PageError;
use crate::components::history::History;
use crate::components::order_views::brief_text;
use crate::components::redaction::{RedactionForm, RedactionRequestForm};
use crate::i18n::{T, t, yes_no};

#[component]
pub fn IncidentDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let saved = move || query.with(|q| q.get("saved").is_some());
    let changed = RwSignal::new(0u32);
    let removed = RwSignal::new(false);
    let incident = Resource::new(move || (id(), changed.get()), |(id, _)| get_incident(id));
    let user = expect_context::<crate::app::UserResource>();
    view! {
        <Title text=t(T::Incident) />
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let coordinator = user.await.ok().flatten().is_some_and(|u| u.role == shared::user::Role::Coordinator);
                match incident.await {
                    Ok(d) => {
                        let s = d.summary.clone();
                        view! {
                            {saved().then(|| view! { <p class="notice" role="status">{t(T::IncidentSaved)}</p> })}
                            <h1>{format!("{} – {}", s.category, s.place)}</h1>
                            <dl class="facts">
                                <dt>{t(T::When)}</dt><dd>{s.occurred_at.clone()}" ("{s.week.clone()}")"</dd>
                                <dt>{t(T::Area)}</dt><dd>{s.area.clone()}</dd>
                                <dt>{t(T::Place)}</dt><dd>{s.place.clone()}</dd>
                                <dt>{t(T::Category)}</dt><dd>{s.category.clone()}</dd>
                                <dt>{t(T::YouthInvolved)}</dt><dd>{yes_no(s.youth_involved)}</dd>
                                <dt>{t(T::PhysicalEnvironment)}</dt><dd>{yes_no(s.physical_environment)}</dd>
                                <dt>{t(T::Organisation)}</dt><dd>{s.organisation.clone()}
                                    {s.late_addition.then(|| view! { " " <span class="tag">{t(T::LateAddition)}</span> })}</dd>
                                <dt>{t(T::LoggedBy)}</dt><dd>{match d.reporter.is_empty() {
                                    true => d.logged_at.clone(),
                                    false => format!("{}, {}", d.reporter, d.logged_at),
                                }}</dd>
                                {d.updated_at.clone().map(|u| view! { <dt>{t(T::LastChanged)}</dt><dd>{u}</dd> })}
                            </dl>
                            <h2>{t(T::Description)}</h2>
                            {match d.anonymised_at.clone() {
                                Some(when) => view! {
                                    <p class="description anonymised">{format!("{} {when}.", t(T::AnonymisedNote))}</p>
                                }.into_any(),
                                None => view! { <p class="description">{d.description.clone()}</p> }.into_any(),
                            }}
                            {(!d.work_orders.is_empty()).then(|| view! {
                                <h2>{t(T::OrdersOnIncident)}</h2>
                                <ul class="plain">
                                    {d.work_orders.clone().into_iter().map(|b| {
                                        let text = brief_text(&b);
                                        if b.can_open {
                                            view! { <li><a href=format!("/work-orders/{}", b.id)>{text}</a></li> }.into_any()
                                        } else {
                                            view! { <li>{text}</li> }.into_any()
                                        }
                                    }).collect_view()}
                                </ul>
                            })}
                            <h2>{t(T::History)}</h2>
                            <History entries=d.history.clone() />
                            <p class="actions">
                                {d.can_edit.then(|| view! {
                                    <a class="button" href=format!("/incidents/{}/edit", s.id)>{t(T::Edit)}</a>
                                })}
                                {coordinator.then(|| view! {
                                    <a class="button" href=format!("/actions/new?incident={}&area={}", s.id, d.input.area_id)>{t(T::CreateAction)}</a>
                                })}
                                {d.can_send_work_order.then(|| view! {
                                    <a class="button" href=format!("/work-orders/new?incident={}", s.id)>{t(T::SendWorkOrder)}</a>
                                })}
                                <a href="/incidents">{t(T::BackToList)}</a>
                            </p>
                            {d.can_redact.then(|| view! {
                                <RedactionForm id=s.id.to_string() place=s.place.clone()
                                    requests=d.redaction_requests.clone() changed removed />
                            })}
                            {d.can_request_redaction.then(|| view! { <RedactionRequestForm id=s.id.to_string() /> })}
                        }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}
