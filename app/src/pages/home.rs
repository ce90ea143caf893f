//! `/`: a greeting, the quickest way to log an incident, and this week per area.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::incidents::get_week_overview;
use crate::app::UserResource;
use crate::components::fields::PageError;
use crate::i18n::{T, t};

#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let overview = Resource::new(|| (), |_| get_week_overview());
    view! {
        <Title text=t(T::Home) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let me = user.await.ok().flatten();
                let overview = overview.await;
                view! {
                    <h1>{me.as_ref().map(|m| format!("{} {}", t(T::Hello), m.name)).unwrap_or_default()}</h1>
                    {me.as_ref().filter(|m| m.can_log_incidents()).map(|_| view! {
                        <p><a class="button primary big" href="/incidents/new">{t(T::LogIncident)}</a></p>
                    })}
                    {match overview {
                        Ok(o) => {
                            let can_list = me.as_ref().is_some_and(|m| m.can_read_incidents());
                            let week = o.week.clone();
                            view! {
                                <section aria-labelledby="week-heading">
                                    <h2 id="week-heading">{format!("{} {}", t(T::ThisWeek), o.week)}</h2>
                                    <table class="counts">
                                        <caption class="visually-hidden">{t(T::IncidentsPerArea)}</caption>
                                        <thead><tr><th scope="col">{t(T::Area)}</th><th scope="col">{t(T::Incidents)}</th></tr></thead>
                                        <tbody>
                                            {o.areas.into_iter().map(|(area, n)| view! {
                                                <tr><th scope="row">{area}</th><td>{n.map(|n| n.to_string()).unwrap_or_else(|| "<3".to_owned())}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    {can_list.then(|| view! {
                                        <p><a href=format!("/incidents?week={week}")>{t(T::ShowWeekIncidents)}</a></p>
                                    })}
                                </section>
                            }.into_any()
                        }
                        Err(e) => view! { <PageError error=e /> }.into_any(),
                    }}
                }
            })}
        </Suspense>
    }
}
