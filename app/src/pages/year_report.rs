//! `/dashboard/year?year=2026`: the yearly report for the statutory situation picture and
//! action plan: per area, the year's incidents by category against the year before and the
//! actions with their outcome. Printable on A4.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use shared::dashboard::{AreaYear, total_text};

use crate::api::dashboard::get_year_report;
use crate::components::fields::{FieldMessage, FormError, PageError};
use crate::i18n::{T, t};

#[component]
pub fn YearReportPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.with(|q| q.get("year").unwrap_or_default());
    let data = Resource::new(year, get_year_report);
    view! {
        <Title text=t(T::YearReport) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let result = data.await;
                let error: FormError = Signal::derive({
                    let result = result.clone();
                    move || result.clone().err()
                });
                let shown_year = result.as_ref().map(|r| r.year.to_string()).unwrap_or_else(|_| year());
                let form = view! {
                    <Form method="GET" action="/dashboard/year" attr:class="filters no-print">
                        <div class="field">
                            <label for="report-year">{t(T::Year)}</label>
                            <input id="report-year" name="year" inputmode="numeric" maxlength="4" value=shown_year.clone() />
                            <FieldMessage field="year" error />
                        </div>
                        <button type="submit" class="primary">{t(T::Show)}</button>
                    </Form>
                };
                match result {
                    Ok(r) => view! {
                        <h1>{format!("{} {}", t(T::YearReport), r.year)}</h1>
                        <p>{t(T::YearReportIntro)}</p>
                        {form}
                        {r.suppressed.then(|| view! { <p class="hint">{t(T::SuppressionNote)}</p> })}
                        <p class="actions no-print">
                            <a class="button" href=format!("/dashboard/year.csv?year={}", r.year) download="">{t(T::YearReportCsv)}</a>
                            " "
                            <button type="button" class="button" on:click=|_| print()>{t(T::PrintReport)}</button>
                        </p>
                        {r.areas.into_iter().enumerate().map(|(index, a)| view! { <AreaYearSection a year=r.year index /> }).collect_view()}
                    }.into_any(),
                    Err(shared::AppError::Validation(_)) => view! { <h1>{t(T::YearReport)}</h1> {form} }.into_any(),
                    Err(e) => view! { <h1>{t(T::YearReport)}</h1> <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AreaYearSection(a: AreaYear, year: i32, index: usize) -> impl IntoView {
    let (heading, labelled_by) = (format!("year-area-{index}"), format!("year-area-{index}"));
    view! {
        <section class="area-picture" aria-labelledby=labelled_by>
            <h2 id=heading>{a.area.clone()}</h2>
            <p>{format!("{}: {} ({} {}: {})", t(T::IncidentsCount), total_text(a.total, a.partial), t(T::YearBefore).to_lowercase(), year - 1, total_text(a.previous_total, a.previous_partial))}</p>
            {if a.categories.is_empty() {
                view! { <p>{t(T::NoData)}</p> }.into_any()
            } else {
                view! {
                    <table class="picture">
                        <caption class="visually-hidden">{format!("{} {}", t(T::IncidentsPerCategory), a.area)}</caption>
                        <thead><tr>
                            <th scope="col">{t(T::Category)}</th>
                            <th scope="col">{year}</th>
                            <th scope="col">{year - 1}</th>
                        </tr></thead>
                        <tbody>
                            {a.categories.into_iter().map(|c| view! {
                                <tr><th scope="row">{c.name}</th><td>{total_text(c.count, c.partial)}</td><td>{total_text(c.previous, c.previous_partial)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t(T::ActionsInArea)}</h3>
            <p>{format!(
                "{} {} · {} {} · {} {} · {} {} · {} {}",
                t(T::Opened), a.actions_opened, t(T::DoneCount), a.actions_done,
                t(T::NotPossibleCount), a.actions_not_possible, t(T::NotDoneCount), a.actions_not_done,
                t(T::StillOpen), a.actions_open,
            )}</p>
        </section>
    }
}

/// Opens the browser's print dialog (the menu, filters and buttons are left off the paper).
fn print() {
    #[cfg(feature = "hydrate")]
    if let Err(e) = window().print() {
        leptos::logging::warn!("print: {e:?}");
    }
}
