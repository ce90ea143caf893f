//! `/dashboard/year?year=2026`: the basis for the statutory situation picture and action plan:
//! incidents per area by quarter and per category against the year before, the actions by
//! outcome, reporting on time and meeting attendance per organisation, and for exact roles
//! each area's categories. Printable on A4 and as CSV.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::dashboard::{AreaYear, OrganisationYear, YearReport};

use crate::api::dashboard::get_year_report;
use crate::components::fields::{FieldMessage, FormError, PageError};
use crate::components::figures::{FigureTableView, Legend};
use crate::components::filter_form::FilterForm;
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
                    <FilterForm action="/dashboard/year" class="filters no-print">
                        <div class="field">
                            <label for="report-year">{t(T::Year)}</label>
                            <input id="report-year" name="year" inputmode="numeric" maxlength="4" value=shown_year.clone() />
                            <FieldMessage field="year" error />
                        </div>
                        <button type="submit" class="primary">{t(T::Show)}</button>
                    </FilterForm>
                };
                match result {
                    Ok(r) => view! {
                        <h1>{format!("{} {}", t(T::YearReport), r.year)}</h1>
                        <p>{t(T::YearReportIntro)}</p>
                        {form}
                        <p class="actions no-print">
                            <a class="button" href=format!("/dashboard/year.csv?year={}", r.year) download="">{t(T::YearReportCsv)}</a>
                            " "
                            <button type="button" class="button" on:click=|_| print()>{t(T::PrintReport)}</button>
                        </p>
                        <Report r />
                    }.into_any(),
                    Err(shared::AppError::Validation(_)) => view! { <h1>{t(T::YearReport)}</h1> {form} }.into_any(),
                    Err(e) => view! { <h1>{t(T::YearReport)}</h1> <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(r: YearReport) -> impl IntoView {
    let year = r.year;
    let detail = r.areas.iter().any(|a| !a.categories.is_empty());
    view! {
        {r.suppressed.then(|| view! { <Legend /> })}
        {(r.suppressed && r.running).then(|| view! { <p class="hint">{t(T::YearRunningNote)}</p> })}
        <section aria-labelledby="year-areas">
            <h2 id="year-areas">{format!("1. {}", t(T::IncidentsPerAreaQuarter))}</h2>
            <FigureTableView caption=format!("{} {year}", t(T::IncidentsPerAreaQuarter)) first=t(T::Area) table=r.by_area />
        </section>
        <section aria-labelledby="year-categories">
            <h2 id="year-categories">{format!("2. {}", t(T::IncidentsPerCategoryYear))}</h2>
            <FigureTableView caption=format!("{} {year}", t(T::IncidentsPerCategoryYear)) first=t(T::Category) table=r.by_category />
        </section>
        <section aria-labelledby="year-actions">
            <h2 id="year-actions">{format!("3. {}", t(T::ActionsByOutcome))}</h2>
            <ActionTable areas=r.areas.clone() year />
        </section>
        <section aria-labelledby="year-reporting">
            <h2 id="year-reporting">{format!("4. {}", t(T::ReportingOnTime))}</h2>
            <OrganisationTable rows=r.organisations.clone() reporting=true year />
        </section>
        <section aria-labelledby="year-attendance">
            <h2 id="year-attendance">{format!("5. {}", t(T::MeetingAttendance))}</h2>
            <OrganisationTable rows=r.organisations.clone() reporting=false year />
        </section>
        {detail.then(|| view! {
            <section aria-labelledby="year-detail">
                <h2 id="year-detail">{format!("6. {}", t(T::PerAreaAndCategory))}</h2>
                {r.areas.into_iter().filter(|a| !a.categories.is_empty()).enumerate().map(|(index, a)| view! {
                    <AreaDetail a year index />
                }).collect_view()}
            </section>
        })}
    }
}

#[component]
fn ActionTable(areas: Vec<AreaYear>, year: i32) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="incidents">
                <caption>{format!("{} {year}", t(T::ActionsByOutcome))}</caption>
                <thead><tr>
                    <th scope="col">{t(T::Area)}</th>
                    <th scope="col">{t(T::Opened)}</th><th scope="col">{t(T::DoneCount)}</th>
                    <th scope="col">{t(T::NotPossibleCount)}</th><th scope="col">{t(T::NotDoneCount)}</th>
                    <th scope="col">{t(T::StillOpen)}</th>
                </tr></thead>
                <tbody>
                    {areas.into_iter().map(|a| view! {
                        <tr>
                            <th scope="row">{a.area}</th>
                            <td data-label=t(T::Opened)>{a.actions_opened}</td>
                            <td data-label=t(T::DoneCount)>{a.actions_done}</td>
                            <td data-label=t(T::NotPossibleCount)>{a.actions_not_possible}</td>
                            <td data-label=t(T::NotDoneCount)>{a.actions_not_done}</td>
                            <td data-label=t(T::StillOpen)>{a.actions_open}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// "3 av 4 (75 %)", or "–" when nothing was due.
fn share(done: u32, of: u32) -> String {
    if of == 0 {
        return "–".to_owned();
    }
    format!("{done} {} {of} ({} %)", t(T::AttendedOf), done * 100 / of)
}

/// Per organisation: weekly reports on time (`reporting`), or meetings attended.
#[component]
fn OrganisationTable(rows: Vec<OrganisationYear>, reporting: bool, year: i32) -> impl IntoView {
    let rows: Vec<OrganisationYear> = rows
        .into_iter()
        .filter(|r| {
            if reporting {
                r.reports_due > 0
            } else {
                r.weekly_expected + r.groups_expected > 0
            }
        })
        .collect();
    if rows.is_empty() {
        let none = if reporting {
            T::NoReportsDue
        } else {
            T::NoMeetingsHeld
        };
        return view! { <p>{t(none)}</p> }.into_any();
    }
    let caption = format!(
        "{} {year}",
        t(if reporting {
            T::ReportingOnTime
        } else {
            T::MeetingAttendance
        })
    );
    let columns: Vec<&'static str> = if reporting {
        vec![t(T::OnTimeOfDue)]
    } else {
        vec![t(T::SituationMeetings), t(T::AreaGroups)]
    };
    view! {
        <div class="table-scroll">
            <table class="incidents">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{t(T::Organisation)}</th>
                    {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let cells = if reporting {
                            vec![share(r.reports_on_time, r.reports_due)]
                        } else {
                            vec![share(r.weekly_attended, r.weekly_expected), share(r.groups_attended, r.groups_expected)]
                        };
                        view! {
                            <tr>
                                <th scope="row">{r.organisation}</th>
                                {cells.into_iter().zip(columns.clone()).map(|(c, label)| view! {
                                    <td data-label=label>{c}</td>
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One area's incidents per category, exact (coordinators and admins).
#[component]
fn AreaDetail(a: AreaYear, year: i32, index: usize) -> impl IntoView {
    let (heading, labelled_by) = (format!("year-area-{index}"), format!("year-area-{index}"));
    view! {
        <section class="area-picture" aria-labelledby=labelled_by>
            <h3 id=heading>{a.area.clone()}</h3>
            <table class="picture">
                <caption class="visually-hidden">{format!("{} {}", t(T::IncidentsPerCategory), a.area)}</caption>
                <thead><tr>
                    <th scope="col">{t(T::Category)}</th>
                    <th scope="col">{year}</th>
                    <th scope="col">{year - 1}</th>
                </tr></thead>
                <tbody>
                    {a.categories.into_iter().map(|c| view! {
                        <tr><th scope="row">{c.name}</th><td>{c.count}</td><td>{c.previous}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
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
