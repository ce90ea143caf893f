//! Tables of incident figures by whole quarter and year, as managers and the yearly report
//! show them, with the legend that explains their symbols once per page.

use leptos::prelude::*;
use shared::dashboard::{Figure, FigureTable, PlaceFigure, Published};

use crate::components::chart::{BarChart, BarRow};
use crate::i18n::{T, t, use_lang};

/// What "<3", "dolt", "0" and "–" mean, and which periods are shown.
#[component]
pub fn Legend() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="legend-box" aria-labelledby="legend-heading">
            <h2 id="legend-heading">{t(T::LegendTitle)}</h2>
            <dl class="facts">
                <dt>"<3"</dt><dd>{t(T::LegendSmall)}</dd>
                <dt>{Figure::Hidden.text(lang)}</dt><dd>{t(T::LegendHidden)}</dd>
                <dt>"0"</dt><dd>{t(T::LegendZero)}</dd>
                <dt>"–"</dt><dd>{t(T::LegendNoData)}</dd>
            </dl>
            <p class="hint">{t(T::LegendPeriods)}</p>
        </section>
    }
}

/// A figure table; its caption is for screen readers (the section's heading says it on the
/// screen). On a phone each row is a card with its figures two by two.
#[component]
pub fn FigureTableView(caption: String, first: &'static str, table: FigureTable) -> impl IntoView {
    let lang = use_lang();
    let columns = table.columns.clone();
    view! {
        <div class="table-scroll">
            <table class="incidents figures">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{first}</th>
                    {table.columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|row| {
                        let columns = columns.clone();
                        view! {
                            <tr class:total=row.total>
                                <th scope="row">{row.label}</th>
                                {row.cells.into_iter().zip(columns).map(|(f, c)| view! {
                                    <td data-label=c>{f.text(lang)}</td>
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Bars of two columns of a table, per row (the total row left out: it dwarfs the rest).
pub fn bars(table: &FigureTable, now: usize, before: usize) -> Vec<BarRow> {
    table
        .rows
        .iter()
        .filter(|r| !r.total)
        .map(|r| {
            let at = |c: usize| r.cells.get(c).copied().unwrap_or(Figure::NoData);
            (r.label.clone(), at(now), at(before))
        })
        .collect()
}

/// Managers' incident figures on the dashboard: per area and quarter, per category, and the
/// places with repeated incidents, all of whole periods.
#[component]
pub fn PublishedFigures(p: Published) -> impl IntoView {
    let year = p.year;
    let column = |label: String| p.by_area.columns.iter().position(|c| *c == label);
    let full = |y: i32| format!("{} {y}", t(T::FullYear));
    let area_bars = match (column(full(year)), column(full(year - 1))) {
        (Some(now), Some(before)) => bars(&p.by_area, now, before),
        _ => Vec::new(),
    };
    let category_bars = bars(&p.by_category, 0, 1);
    view! {
        <section aria-labelledby="areas-heading">
            <h2 id="areas-heading">{t(T::IncidentsPerAreaQuarter)}</h2>
            <FigureTableView caption=t(T::IncidentsPerAreaQuarter).to_owned() first=t(T::Area) table=p.by_area.clone() />
            {(!area_bars.is_empty()).then(|| view! {
                <BarChart id="by-area" title=format!("{}, {}", t(T::PerArea), t(T::FullYear).to_lowercase())
                    description=t(T::YearBarsDesc).to_owned()
                    rows=area_bars names=(full(year), full(year - 1)) />
            })}
        </section>
        <section aria-labelledby="categories-heading">
            <h2 id="categories-heading">{t(T::IncidentsPerCategoryYear)}</h2>
            <BarChart id="by-category" title=format!("{}, {}", t(T::PerCategory), t(T::FullYear).to_lowercase())
                description=t(T::YearBarsDesc).to_owned()
                rows=category_bars names=(full(year), full(year - 1)) />
            <FigureTableView caption=t(T::IncidentsPerCategoryYear).to_owned() first=t(T::Category) table=p.by_category />
        </section>
        <section aria-labelledby="places-heading">
            <h2 id="places-heading">{format!("{} {year}", t(T::RepeatedPlaces))}</h2>
            <p class="hint">{t(T::RepeatedPlacesHint)}</p>
            <PlaceTable places=p.places year />
        </section>
    }
}

#[component]
fn PlaceTable(places: Vec<PlaceFigure>, year: i32) -> impl IntoView {
    if places.is_empty() {
        return view! { <p>{t(T::NoRepeatedPlaces)}</p> }.into_any();
    }
    view! {
        <table class="incidents">
            <caption class="visually-hidden">{format!("{} {year}", t(T::RepeatedPlaces))}</caption>
            <thead><tr>
                <th scope="col">{t(T::Place)}</th><th scope="col">{t(T::Area)}</th>
                <th scope="col">{format!("{} {year}", t(T::Incidents))}</th>
            </tr></thead>
            <tbody>
                {places.into_iter().map(|p| view! {
                    <tr>
                        <th scope="row">{p.place}</th>
                        <td data-label=t(T::Area)>{p.area}</td>
                        <td data-label=t(T::Incidents)>{p.count}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
