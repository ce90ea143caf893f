//! `/walks/:id/report`: the walk as a printable page: where and when, who walked, and every
//! observation with what became of it (a work order and how far it has come, or none).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::walk::ObservationView;
use shared::work_order::OrderState;

use crate::api::walks::get_walk;
use crate::components::fields::PageError;
use crate::components::labels::{order_kind_label, order_state_label, walk_state_label};
use crate::i18n::{T, count_of, t};

/// "Arbetsorder till Gatu- och parkavdelningen: Åtgärdad 2026-12-04", or "Ingen arbetsorder".
fn outcome(o: &ObservationView) -> String {
    match &o.order {
        Some(w) => {
            let when = w
                .done_on
                .clone()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            format!(
                "{} {}: {}{when}",
                t(T::OrderTo),
                w.owner,
                order_state_label(w.state)
            )
        }
        None => t(T::NoOrder).to_owned(),
    }
}

#[component]
pub fn WalkReportPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let detail = Resource::new(id, get_walk);
    view! {
        <Title text=t(T::WalkReport) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                let total = d.observations.len();
                let made = d.observations.iter().filter(|o| o.order.is_some()).count();
                let fixed = d.observations.iter().filter(|o| o.order.as_ref().is_some_and(|w| w.state == OrderState::Done)).count();
                view! {
                    <article class="minutes">
                        <h1>{format!("{} – {}, {}", t(T::WalkReport), d.summary.area, d.summary.planned_for)}</h1>
                        <p>{walk_state_label(d.summary.state)}</p>
                        <p class="no-print actions">
                            <a href=format!("/walks/{}", d.summary.id)>{t(T::SafetyWalk)}</a>
                            <button type="button" class="primary" on:click=|_| { let _ = window().print(); }>{t(T::Print)}</button>
                        </p>
                        <h2>{t(T::Participants)}</h2>
                        <p class="description">{d.participants.clone()}</p>
                        <h2>{t(T::Observations)}</h2>
                        <p>{format!("{}; {made} {}; {fixed} {}.",
                            count_of(total as u64, T::ObservationOne, T::ObservationsCount),
                            t(T::BecameOrders), t(T::FixedFromWalk))}</p>
                        // A list, not a table: it reads the same on a phone and on paper.
                        <ol class="observations walk-report">
                            {d.observations.iter().map(|o| view! {
                                <li>
                                    <h3>{format!("{} – {}", o.place, order_kind_label(o.kind))}</h3>
                                    <p class="description">{o.note.clone()}</p>
                                    <p class="muted">{format!("{}, {}", o.by, o.at)}</p>
                                    <p><strong>{format!("{}: ", t(T::WhatBecameOfIt))}</strong>{outcome(o)}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    </article>
                }.into_any()
            })}
        </Suspense>
    }
}
