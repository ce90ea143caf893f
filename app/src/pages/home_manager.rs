//! The start page for a manager: the headline figures, all taken from the dashboard (the
//! latest ended quarter, protected as there), and the way to the trends behind them. No
//! current-week counts: a week still in progress singles out the first incident logged in a
//! quiet area.

use leptos::prelude::*;
use shared::dashboard::Headlines;

use crate::api::dashboard::get_dashboard;
use crate::components::made_once::made_once;
use crate::i18n::{T, count_of, t, use_lang};

#[component]
pub fn ManagerHeadlines() -> impl IntoView {
    let dashboard = made_once("dashboard", || {
        Resource::new(|| (), |_| get_dashboard(String::new(), String::new()))
    });
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
    let lang = use_lang();
    let actions = format!(
        "{}, {}, {}",
        count_of(h.actions_opened, T::DecidedOne, T::DecidedMany),
        count_of(h.actions_done, T::DoneOne, T::DoneMany),
        count_of(h.actions_overdue, T::OverdueOne, T::OverdueMany)
    );
    view! {
        <dl class="facts">
            {h.incidents.map(|q| view! {
                <dt>{format!("{} {}", t(T::Incidents), q.quarter)}</dt>
                <dd>{format!("{} ({} {})", q.count.text(lang), t(T::SameQuarterYearBefore), q.year_before.text(lang))}</dd>
            })}
            <dt>{t(T::ActionsLastYear)}</dt>
            <dd>{actions}</dd>
            {h.compliance.map(|c| view! {
                <dt>{format!("{} {}", t(T::ReportsOnTime), c.week)}</dt>
                <dd>{format!("{} {} {} ({} %)", c.on_time, t(T::AttendedOf), c.organisations, c.percent())}</dd>
            })}
        </dl>
    }
}
