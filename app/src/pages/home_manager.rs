//! The start page for a manager: the headline figures, all taken from the dashboard (with its
//! small-number suppression), and the way to the trends behind them. No current-week counts:
//! a week still in progress singles out the first incident logged in a quiet area.

use leptos::prelude::*;
use shared::dashboard::{Headlines, total_text};

use crate::api::dashboard::get_dashboard;
use crate::i18n::{T, count_of, t};

#[component]
pub fn ManagerHeadlines() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| get_dashboard(String::new(), String::new()));
    view! {
        <section class="status-box" aria-labelledby="headlines-heading">
            <h2 id="headlines-heading">{t(T::Headlines)}</h2>
            <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
                {move || Suspend::new(async move {
                    dashboard.await.ok().map(|d| view! { <Figures h=d.headlines() /> })
                })}
            </Suspense>
            <p><a href="/dashboard">{t(T::ToDashboard)}</a></p>
        </section>
    }
}

#[component]
fn Figures(h: Headlines) -> impl IntoView {
    let before = format!(
        " ({} {})",
        t(T::LowerYearBefore),
        total_text(h.previous, h.previous_partial)
    );
    let incidents = format!("{}{}", total_text(h.incidents, h.partial), before);
    let actions = format!(
        "{}, {}, {}",
        count_of(h.actions_opened, T::DecidedOne, T::DecidedMany),
        count_of(h.actions_done, T::DoneOne, T::DoneMany),
        count_of(h.actions_overdue, T::OverdueOne, T::OverdueMany)
    );
    view! {
        <dl class="facts">
            <dt>{t(T::IncidentsLast52)}</dt>
            <dd>{incidents}</dd>
            <dt>{t(T::ActionsLastYear)}</dt>
            <dd>{actions}</dd>
            {h.compliance.map(|c| view! {
                <dt>{format!("{} {}", t(T::ReportsOnTime), c.week)}</dt>
                <dd>{format!("{} {} {} ({} %)", c.on_time, t(T::AttendedOf), c.organisations, c.percent())}</dd>
            })}
        </dl>
        {(h.partial || h.previous_partial).then(|| view! { <p class="hint">{t(T::HeadlinesHint)}</p> })}
    }
}
