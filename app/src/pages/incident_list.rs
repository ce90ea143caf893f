//! `/incidents`: the incident list, newest first, with the start of each description,
//! searchable by words in the description or place name and filtered by week, area, category
//! and organisation through the URL (so a filtered view can be bookmarked and shared).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::incident::IncidentFilter;

use crate::api::incidents::list_incidents;
use crate::api::reference::get_reference_data;
use crate::components::fields::{FieldMessage, PageError};
use crate::components::filter_form::FilterForm;
use crate::i18n::{T, count_of, t};

fn filter_from_query(q: &leptos_router::params::ParamsMap) -> IncidentFilter {
    let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
    IncidentFilter {
        week: get("week"),
        area: get("area"),
        category: get("category"),
        organisation: get("organisation"),
        q: get("q"),
        before: get("before"),
    }
}

/// Where the pager's links land: the results' heading, not the filters above them (on a
/// phone the filters fill the first screen).
const RESULTS: &str = "results";

/// The query string for `filter` with a different cursor.
fn query_with(filter: &IncidentFilter, before: Option<&str>) -> String {
    let pairs = [
        ("week", filter.week.as_deref()),
        ("area", filter.area.as_deref()),
        ("category", filter.category.as_deref()),
        ("organisation", filter.organisation.as_deref()),
        ("q", filter.q.as_deref()),
        ("before", before),
    ];
    let query: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", urlencode(v))))
        .collect();
    format!("/incidents?{}", query.join("&"))
}

pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn IncidentListPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let page = Resource::new(move || filter.get(), list_incidents);
    let data = Resource::new(|| (), |_| get_reference_data());
    let user = expect_context::<crate::app::UserResource>();

    view! {
        <Title text=t(T::Incidents) />
        <h1>{t(T::Incidents)}</h1>
        // A transition, not a suspense: the page on screen stays while the next one loads, so
        // the pager's jump to the results' heading finds it.
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let f = filter.get();
                let reference = data.await.map(|d| d.reference).unwrap_or_default();
                let page = page.await;
                let can_export = user.await.ok().flatten().is_some_and(|u| u.can_read_audit_log());
                let export_href = query_with(&f, None).replacen("/incidents?", "/incidents/export.csv?", 1);
                let error = Signal::derive({
                    let page = page.clone();
                    move || page.clone().err()
                });
                let week_value = f.week.clone().unwrap_or_default();
                let q_value = f.q.clone().unwrap_or_default();
                let newest_href = f.before.is_some().then(|| format!("{}#{RESULTS}", query_with(&f, None)));
                let older_href = |cursor: &str| format!("{}#{RESULTS}", query_with(&f, Some(cursor)));
                let (sel_area, sel_category, sel_org) = (f.area.clone(), f.category.clone(), f.organisation.clone());
                let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
                view! {
                    <FilterForm action="/incidents" class="filters" role="search">
                        <div class="field search-field">
                            <label for="q">{t(T::SearchText)}</label>
                            <input id="q" name="q" type="search" maxlength="200" value=q_value
                                aria-describedby="q-hint" />
                            <p class="hint" id="q-hint">{t(T::SearchTextHint)}</p>
                        </div>
                        <div class="field">
                            <label for="week">{t(T::Week)}</label>
                            <input id="week" name="week" type="week" value=week_value />
                            <FieldMessage field="week" error />
                        </div>
                        <div class="field">
                            <label for="area">{t(T::Area)}</label>
                            <select id="area" name="area">
                                <option value="">{t(T::All)}</option>
                                {reference.areas.iter().map(|a| {
                                    let v = a.id.to_string();
                                    view! { <option selected=selected(&sel_area, &v) value=v>{a.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="category">{t(T::Category)}</label>
                            <select id="category" name="category">
                                <option value="">{t(T::All)}</option>
                                {reference.categories.iter().map(|c| {
                                    let v = c.id.to_string();
                                    view! { <option selected=selected(&sel_category, &v) value=v>{c.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="organisation">{t(T::Organisation)}</label>
                            <select id="organisation" name="organisation">
                                <option value="">{t(T::All)}</option>
                                {reference.organisations.iter().map(|o| {
                                    let v = o.id.to_string();
                                    view! { <option selected=selected(&sel_org, &v) value=v>{o.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="filter-buttons">
                            <button type="submit" class="primary">{t(T::Filter)}</button>
                            <a href="/incidents">{t(T::ClearFilters)}</a>
                        </div>
                    </FilterForm>
                    {can_export.then(|| view! {
                        <p><a href=export_href rel="external" download>{t(T::ExportCsv)}</a></p>
                    })}
                    {match page {
                        Ok(p) if p.items.is_empty() => view! { <p role="status">{t(T::NoIncidents)}</p> }.into_any(),
                        Ok(p) => view! {
                            <h2 id=RESULTS class="results-heading">{shown(&p.items)}</h2>
                            <table class="incidents">
                                <caption class="visually-hidden">{t(T::Incidents)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(T::When)}</th>
                                        <th scope="col">{t(T::Category)}</th>
                                        <th scope="col">{t(T::Area)}</th>
                                        <th scope="col">{t(T::Place)}</th>
                                        <th scope="col">{t(T::Organisation)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {p.items.into_iter().map(|i| view! {
                                        <tr>
                                            <td data-label=t(T::When)><a href=format!("/incidents/{}", i.id)>{i.occurred_at}</a></td>
                                            <td data-label=t(T::Category)>{i.category}
                                                {i.youth_involved.then(|| view! { <span class="tag">{t(T::YouthTag)}</span> })}
                                                {i.physical_environment.then(|| view! { <span class="tag">{t(T::EnvironmentTag)}</span> })}
                                                {i.late_addition.then(|| view! { <span class="tag">{t(T::LateAddition)}</span> })}
                                            </td>
                                            <td data-label=t(T::Area)>{i.area}</td>
                                            <td data-label=t(T::Place)>{i.place}
                                                {(!i.excerpt.is_empty()).then(|| view! { <span class="excerpt">{i.excerpt}</span> })}
                                            </td>
                                            <td data-label=t(T::Organisation)>{i.organisation}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label=t(T::Paging)>
                                {newest_href.map(|href| view! { <a href=href>{t(T::NewestFirst)}</a> })}
                                {p.next_cursor.map(|c| view! { <a href=older_href(&c) rel="next">{t(T::OlderIncidents)}</a> })}
                            </nav>
                        }.into_any(),
                        Err(shared::AppError::Validation(_)) => ().into_any(),
                        Err(e) => view! { <PageError error=e /> }.into_any(),
                    }}
                }
            })}
        </Transition>
    }
}

/// "25 händelser, 2026-11-30 14:02 – 2026-11-28 09:10": how many and which stretch of time,
/// so a later page says where in the list it is.
fn shown(items: &[shared::incident::IncidentSummary]) -> String {
    let count = count_of(items.len() as u64, T::IncidentOne, T::IncidentsCount);
    match (items.first(), items.last()) {
        (Some(newest), Some(oldest)) if items.len() > 1 => {
            format!("{count}, {} – {}", newest.occurred_at, oldest.occurred_at)
        }
        (Some(only), _) => format!("{count}, {}", only.occurred_at),
        _ => count,
    }
}
