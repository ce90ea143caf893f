//! `/reports`: the organisation's weekly report (its incidents, or an explicit nollrapport),
//! and `/reports/overview`: who has reported, who is late, who is missing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::report::{OwnWeek, ReportStatus};

use crate::api::reports::{SubmitReport, get_own_week, report_overview};
use crate::components::fields::{FormAlert, FormError, PageError};
use crate::components::week_picker::WeekPicker;
use crate::i18n::{T, count_of, t};

#[component]
pub fn ReportPage() -> impl IntoView {
    let query = use_query_map();
    let week = move || query.with(|q| q.get("week").unwrap_or_default());
    let sent = move || query.with(|q| q.get("sent").is_some());
    let action = ServerAction::<SubmitReport>::new();
    let data = Resource::new(
        move || (week(), action.version().get()),
        |(w, _)| get_own_week(w),
    );
    view! {
        <Title text=t(T::WeeklyReport) />
        <h1>{t(T::WeeklyReport)}</h1>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(w) => view! { <OwnWeekView w sent=sent() action /> }.into_any(),
                    Err(e @ shared::AppError::Validation(_)) => {
                        let error: FormError = Signal::derive(move || Some(e.clone()));
                        view! { <WeekPicker path="/reports" value=week() error /> }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OwnWeekView(w: OwnWeek, sent: bool, action: ServerAction<SubmitReport>) -> impl IntoView {
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    let none: FormError = Signal::derive(|| None);
    let count = w.incidents.len();
    view! {
        <WeekPicker path="/reports" value=w.week.clone() error=none />
        <p>{format!("{} · {} {} · {} {}", w.organisation, t(T::Week), w.week, t(T::Due), w.due)}</p>
        {(sent && w.report.is_some()).then(|| view! { <p class="notice" role="status">{t(T::ReportSent)}</p> })}
        {match w.report.clone() {
            Some(r) => view! {
                <div class="status-box">
                    <p><strong>{if r.nothing_to_report { t(T::NollrapportSent) } else { t(T::ReportWithIncidentsSent) }}</strong></p>
                    <p>{format!("{} {} ({})", t(T::SentAt), r.submitted_at, r.submitted_by)}
                        {r.late.then(|| view! { " " <span class="tag warn">{t(T::Late)}</span> })}</p>
                    {(w.late_additions > 0).then(|| view! {
                        <p>{count_of(w.late_additions, T::LateAdditionExplained, T::LateAdditionsExplained)}</p>
                    })}
                </div>
            }.into_any(),
            None => view! {
                <div class="status-box">
                    {w.overdue.then(|| view! { <p class="warn-text"><strong>{t(T::ReportOverdue)}</strong></p> })}
                    <FormAlert error />
                    <ActionForm action>
                        <input type="hidden" name="week" value=w.week.clone() />
                        {if count == 0 {
                            view! {
                                <input type="hidden" name="nothing_to_report" value="on" />
                                <p>{t(T::NoIncidentsThisWeek)}</p>
                                <button type="submit" class="primary">{t(T::SendNollrapport)}</button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="submit" class="primary">{format!("{} ({count})", t(T::SendReport))}</button>
                            }.into_any()
                        }}
                    </ActionForm>
                </div>
            }.into_any(),
        }}
        <h2>{format!("{} ({count})", t(T::IncidentsThisWeek))}</h2>
        <ul class="plain">
            {w.incidents.into_iter().map(|i| view! {
                <li>
                    <a href=format!("/incidents/{}", i.id)>{format!("{} · {} · {}, {}", i.occurred_at, i.category, i.place, i.area)}</a>
                    {i.late_addition.then(|| view! { " " <span class="tag">{t(T::LateAddition)}</span> })}
                </li>
            }).collect_view()}
        </ul>
        <p><a href="/incidents/new">{t(T::LogIncident)}</a></p>
    }
}

#[component]
pub fn ReportOverviewPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| report_overview());
    view! {
        <Title text=t(T::ReportOverview) />
        <h1>{t(T::ReportOverview)}</h1>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(weeks) => weeks.into_iter().map(|w| {
                        let heading = format!("{} {} · {} {}", t(T::Week), w.week, t(T::Due), w.due);
                        view! {
                            <section class="report-week">
                                <h2>{heading.clone()}</h2>
                                <table>
                                    <caption class="visually-hidden">{heading}</caption>
                                    <thead><tr>
                                        <th scope="col">{t(T::Organisation)}</th>
                                        <th scope="col">{t(T::Status)}</th>
                                        <th scope="col">{t(T::Contact)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {w.organisations.into_iter().map(|o| view! {
                                            <tr>
                                                <th scope="row">{o.organisation}</th>
                                                <td>{status_text(&o.status)}</td>
                                                <td>{o.contacts.join(", ")}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }
                    }).collect_view().into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn status_text(status: &ReportStatus) -> String {
    match status {
        ReportStatus::Sent {
            nothing_to_report,
            late,
            submitted_at,
            incident_count,
        } => {
            let what = if *nothing_to_report {
                t(T::StatusNollrapport).to_owned()
            } else {
                format!("{} ({incident_count})", t(T::StatusReported))
            };
            let late = if *late {
                format!(" – {}", t(T::Late))
            } else {
                String::new()
            };
            format!("{what}, {submitted_at}{late}")
        }
        ReportStatus::Missing => t(T::StatusMissing).to_owned(),
        ReportStatus::Pending => t(T::StatusPending).to_owned(),
    }
}
