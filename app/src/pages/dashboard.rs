//! `/dashboard`: is the work working? For coordinators and admins, incidents per week against
//! the year before, per area and category, and hot places; for managers the same by whole
//! quarter and year, protected ([`PublishedFigures`]). For both, follow-through of actions,
//! reporting on time, attendance and the weekly ratings.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::dashboard::{Dashboard, Figure, FollowThrough};

use crate::api::dashboard::get_dashboard;
use crate::api::reference::get_reference_data;
use crate::components::chart::{BarChart, BarRow, LineChart, Series};
use crate::components::fields::{FieldMessage, FormError, PageError};
use crate::components::figures::{Legend, PublishedFigures};
use crate::components::filter_form::FilterForm;
use crate::components::order_views::{OrderEffects, OrderTable};
use crate::components::town_ratings::TownRatings;
use crate::i18n::{T, t};
use crate::pages::incident_list::urlencode;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        query.with(|q| {
            (
                q.get("area").unwrap_or_default(),
                q.get("category").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(args, |(area, category)| get_dashboard(area, category));
    let reference = Resource::new(|| (), |_| get_reference_data());
    view! {
        <Title text=t(T::Dashboard) />
        <h1>{t(T::Dashboard)}</h1>
        <p>{t(T::DashboardIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (area, category) = args();
                let query = format!("area={}&category={}", urlencode(&area), urlencode(&category));
                let reference = reference.await.map(|r| r.reference).unwrap_or_default();
                let result = data.await;
                let suppressed = result.as_ref().map_or(true, |d| d.suppressed);
                let error: FormError = Signal::derive({
                    let result = result.clone();
                    move || result.clone().err()
                });
                let year_link = view! { <p><a href="/dashboard/year">{t(T::YearReport)}</a></p> };
                if suppressed {
                    // Managers' figures take no filter: every area is in their tables.
                    return match result {
                        Ok(d) => view! { {year_link} <DashboardView d query /> }.into_any(),
                        Err(e) => view! { <PageError error=e /> }.into_any(),
                    };
                }
                let form = view! {
                    <FilterForm action="/dashboard" class="filters">
                        <div class="field">
                            <label for="dash-area">{t(T::Area)}</label>
                            <select id="dash-area" name="area">
                                <option value="">{t(T::All)}</option>
                                {reference.areas.iter().map(|a| {
                                    let id = a.id.to_string();
                                    view! { <option selected=id == area value=id.clone()>{a.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                            <FieldMessage field="area" error />
                        </div>
                        <div class="field">
                            <label for="dash-category">{t(T::Category)}</label>
                            <select id="dash-category" name="category">
                                <option value="">{t(T::All)}</option>
                                {reference.categories.iter().map(|c| {
                                    let id = c.id.to_string();
                                    view! { <option selected=id == category value=id.clone()>{c.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                            <FieldMessage field="category" error />
                        </div>
                        <button type="submit" class="primary">{t(T::Filter)}</button>
                    </FilterForm>
                    {year_link}
                };
                match result {
                    Ok(d) => view! { {form} <DashboardView d query /> }.into_any(),
                    Err(shared::AppError::Validation(_)) => form.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The CSV link for one chart's data (roles that may export).
fn csv_link(d: &Dashboard, chart: &'static str, what: T, query: &str) -> impl IntoView + use<> {
    d.can_export.then(|| {
        let href = format!("/dashboard/export.csv?chart={chart}&{query}");
        view! { <p><a href=href download>{format!("{} ({})", t(T::DownloadCsv), t(what).to_lowercase())}</a></p> }
    })
}

#[component]
fn DashboardView(d: Dashboard, query: String) -> impl IntoView {
    let compliance_labels: Vec<String> = d.compliance.iter().map(|c| c.week.clone()).collect();
    let compliance = vec![Series {
        name: t(T::PerCent).to_owned(),
        values: d
            .compliance
            .iter()
            .map(|c| Some(f64::from(c.percent())))
            .collect(),
    }];
    let quarters: Vec<BarRow> = d
        .by_quarter
        .iter()
        .map(|q| {
            (
                q.name.clone(),
                Figure::Count(q.opened),
                Figure::Count(q.done),
            )
        })
        .collect();
    let plain = |v: Option<f64>| {
        v.map(crate::components::chart::whole)
            .unwrap_or_else(|| "–".to_owned())
    };
    view! {
        {match d.published.clone() {
            Some(p) => view! { <Legend /> <PublishedFigures p /> }.into_any(),
            None => view! { <ExactIncidents d=d.clone() query=query.clone() /> }.into_any(),
        }}
        <section aria-labelledby="follow-heading">
            <h2 id="follow-heading">{t(T::FollowThroughTitle)}</h2>
            <BarChart id="quarters" title=t(T::ActionsPerQuarter).to_owned() description=t(T::FollowThroughDesc).to_owned()
                rows=quarters names=(t(T::Opened).to_owned(), t(T::DoneCount).to_owned()) />
            <FollowTable caption=t(T::PerQuarter) first=t(T::Quarter) rows=d.by_quarter.clone() />
            {csv_link(&d, "quarters", T::Quarter, &query)}
            <FollowTable caption=t(T::PerOwner) first=t(T::Organisation) rows=d.by_owner.clone() />
            {csv_link(&d, "owners", T::PerOwner, &query)}
        </section>
        <OrderTable rows=d.work_orders.clone() />
        <OrderEffects rows=d.order_effects.clone() />
        <section aria-labelledby="reporting-heading">
            <h2 id="reporting-heading">{t(T::ReportingOnTime)}</h2>
            <LineChart id="compliance" title=t(T::ReportingOnTime).to_owned() description=t(T::ReportingOnTimeDesc).to_owned()
                labels=compliance_labels series=compliance cell=plain max=100.0 />
            {csv_link(&d, "compliance", T::ReportingOnTime, &query)}
        </section>
        <section aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">{t(T::AttendanceTitle)}</h2>
            <AttendanceTable d=d.clone() />
            {csv_link(&d, "attendance", T::AttendanceTitle, &query)}
        </section>
        <section aria-labelledby="ratings-heading">
            <h2 id="ratings-heading">{t(T::RatingsTitle)}</h2>
            <TownRatings ratings=d.ratings.clone() />
            {(!d.ratings.towns.is_empty()).then(|| csv_link(&d, "ratings", T::EveryRating, &query))}
        </section>
    }
}

/// Coordinators' and admins' exact incident figures: weekly, per area and category, places.
#[component]
fn ExactIncidents(d: Dashboard, query: String) -> impl IntoView {
    let week_labels: Vec<String> = d.weeks.iter().map(|w| w.week.clone()).collect();
    let weekly = vec![
        Series {
            name: t(T::Last52Weeks).to_owned(),
            values: d.weeks.iter().map(|w| Some(f64::from(w.count))).collect(),
        },
        Series {
            name: t(T::YearBefore).to_owned(),
            values: d
                .weeks
                .iter()
                .map(|w| Some(f64::from(w.last_year)))
                .collect(),
        },
    ];
    let breakdown = |rows: &[shared::dashboard::Breakdown]| -> Vec<BarRow> {
        rows.iter()
            .map(|b| {
                (
                    b.name.clone(),
                    Figure::Count(b.count),
                    Figure::Count(b.previous),
                )
            })
            .collect()
    };
    let periods = (t(T::Last52Weeks).to_owned(), t(T::YearBefore).to_owned());
    view! {
        <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">{t(T::IncidentsPerWeek)}</h2>
            <LineChart id="weekly" title=t(T::IncidentsPerWeek).to_owned() description=t(T::IncidentsPerWeekDesc).to_owned()
                labels=week_labels series=weekly />
            {csv_link(&d, "weeks", T::IncidentsPerWeek, &query)}
            <BarChart id="by-area" title=t(T::PerArea).to_owned() description=t(T::BreakdownDesc).to_owned()
                rows=breakdown(&d.by_area) names=periods.clone() />
            <BarChart id="by-category" title=t(T::PerCategory).to_owned() description=t(T::BreakdownDesc).to_owned()
                rows=breakdown(&d.by_category) names=periods.clone() />
            {csv_link(&d, "areas", T::PerArea, &query)}
            {csv_link(&d, "categories", T::PerCategory, &query)}
        </section>
        <section aria-labelledby="hot-heading">
            <h2 id="hot-heading">{t(T::HotPlaces)}</h2>
            {if d.hot_places.is_empty() {
                view! { <p>{t(T::NoData)}</p> }.into_any()
            } else {
                view! {
                    <table class="incidents">
                        <caption class="visually-hidden">{t(T::HotPlaces)}</caption>
                        <thead><tr>
                            <th scope="col">{t(T::Place)}</th><th scope="col">{t(T::Area)}</th>
                            <th scope="col">{t(T::Weeks4)}</th><th scope="col">{t(T::Weeks12)}</th><th scope="col">{t(T::Weeks12Before)}</th>
                        </tr></thead>
                        <tbody>
                            {d.hot_places.iter().map(|h| view! {
                                <tr>
                                    <th scope="row">{h.place.clone()}</th>
                                    <td data-label=t(T::Area)>{h.area.clone()}</td>
                                    <td data-label=t(T::Weeks4)>{h.last4}</td>
                                    <td data-label=t(T::Weeks12)>{h.last12}</td>
                                    <td data-label=t(T::Weeks12Before)>{h.previous12}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {csv_link(&d, "places", T::HotPlaces, &query)}
        </section>
    }
}

#[component]
fn FollowTable(
    caption: &'static str,
    first: &'static str,
    rows: Vec<FollowThrough>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{format!("{caption}: {}", t(T::NoData))}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="incidents">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{first}</th>
                    <th scope="col">{t(T::Opened)}</th><th scope="col">{t(T::DoneCount)}</th>
                    <th scope="col">{t(T::NotPossibleCount)}</th><th scope="col">{t(T::NotDoneCount)}</th>
                    <th scope="col">{t(T::OverdueCount)}</th><th scope="col">{t(T::MedianDays)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.name}</th>
                            <td data-label=t(T::Opened)>{r.opened}</td>
                            <td data-label=t(T::DoneCount)>{r.done}</td>
                            <td data-label=t(T::NotPossibleCount)>{r.not_possible}</td>
                            <td data-label=t(T::NotDoneCount)>{r.not_done}</td>
                            <td data-label=t(T::OverdueCount)>{r.overdue}</td>
                            <td data-label=t(T::MedianDays)>{r.median_days_to_done.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AttendanceTable(d: Dashboard) -> impl IntoView {
    let quarters: Vec<String> = d
        .attendance
        .first()
        .map(|a| a.quarters.iter().map(|q| q.0.clone()).collect())
        .unwrap_or_default();
    if d.attendance.is_empty() {
        return view! { <p>{t(T::NoData)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="incidents">
                <caption class="visually-hidden">{t(T::AttendanceTitle)}</caption>
                <thead><tr>
                    <th scope="col">{t(T::Organisation)}</th>
                    {quarters.into_iter().map(|q| view! { <th scope="col">{q}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {d.attendance.into_iter().map(|a| view! {
                        <tr>
                            <th scope="row">{a.organisation}</th>
                            {a.quarters.into_iter().map(|(q, attended, held)| view! {
                                <td data-label=q>{format!("{attended} {} {held}", t(T::AttendedOf))}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
