//! `/`: a greeting, what needs the signed-in person now (their organisation's weekly report and
//! actions; for a coordinator who has not reported, overdue actions and the next meeting; for
//! a manager the headline figures), the quickest way to log an incident, and this week per
//! area (not for managers).

use leptos::prelude::*;
use leptos_meta::Title;
use shared::action::ActionScope;
use shared::user::{CurrentUser, Role};

use crate::api::actions::get_action_overview;
use crate::api::incidents::{get_week_overview, kept_warnings};
use crate::api::meetings::next_meeting;
use crate::api::redaction::open_redactions;
use crate::api::reports::{get_own_week, missing_reports};
use crate::api::work_orders::list_work_orders;
use crate::app::UserResource;
use crate::components::fields::PageError;
use crate::components::labels::state_text;
use crate::components::made_once::{made_once, provide_made_once};
use crate::i18n::{T, count_of, t};
use crate::pages::home_manager::ManagerHeadlines;

#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    // The parts below make their resources inside the Suspense that waits for the user.
    provide_made_once();
    view! {
        <Title text=t(T::Home) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let me = user.await.ok().flatten();
                view! {
                    <h1>{me.as_ref().map(|m| format!("{} {}", t(T::Hello), m.name)).unwrap_or_default()}</h1>
                    {me.clone().map(|me| view! { <OnMe me /> })}
                    {me.as_ref().filter(|m| m.can_log_incidents()).map(|_| view! {
                        <p><a class="button primary big" href="/incidents/new">{t(T::LogIncident)}</a></p>
                    })}
                    // A week still in progress singles out the first incident in a quiet area:
                    // managers get the headline figures of whole weeks instead, and the week
                    // is never fetched for them.
                    {me.as_ref().filter(|m| m.can_read_incidents()).map(|_| view! { <ThisWeek /> })}
                }
            })}
        </Suspense>
    }
}

/// This week's incidents per area so far, with a way to the list.
#[component]
fn ThisWeek() -> impl IntoView {
    let overview = made_once("week", || Resource::new(|| (), |_| get_week_overview()));
    view! {
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let week = o.week.clone();
                        view! {
                            <section aria-labelledby="week-heading">
                                <h2 id="week-heading">{format!("{} {}", t(T::ThisWeek), o.week)}</h2>
                                <table class="counts">
                                    <caption class="visually-hidden">{t(T::IncidentsPerArea)}</caption>
                                    <thead><tr><th scope="col">{t(T::Area)}</th><th scope="col">{t(T::Incidents)}</th></tr></thead>
                                    <tbody>
                                        {o.areas.into_iter().map(|(area, n)| view! {
                                            <tr><th scope="row">{area}</th><td>{n.unwrap_or_default().to_string()}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <p><a href=format!("/incidents?week={week}")>{t(T::ShowWeekIncidents)}</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What needs this person: only what their role can act on.
#[component]
fn OnMe(me: CurrentUser) -> impl IntoView {
    let on_me = if me.role == Role::Coordinator {
        view! {
            <RemovalRequests />
            <KeptNameWarnings />
            <NotReported />
            <OverdueActions scope=ActionScope::Open heading=T::OpenActions />
            <NextMeeting />
        }
        .into_any()
    } else if me.can_log_incidents() {
        view! { <ReportDue /> <OverdueActions scope=ActionScope::Mine heading=T::OurActions /> }
            .into_any()
    } else if me.can_see_dashboard() {
        view! { <ManagerHeadlines /> }.into_any()
    } else if me.role == Role::Handler {
        view! { <OrderQueue /> }.into_any()
    } else {
        ().into_any()
    };
    view! { <div class="on-me">{on_me}</div> }
}

/// A handler's queue in one line: how many orders wait, how many are late.
#[component]
fn OrderQueue() -> impl IntoView {
    let orders = made_once("orders", || {
        Resource::new(
            || (),
            |_| list_work_orders(String::new(), String::new(), String::new()),
        )
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                orders.await.ok().map(|list| {
                    let late = list.iter().filter(|o| o.overdue_days > 0).count() as u64;
                    view! {
                        <section aria-labelledby="queue-heading">
                            <h2 id="queue-heading">{t(T::OpenOrders)}</h2>
                            <p>
                                {count_of(list.len() as u64, T::WorkOrder, T::WorkOrders).to_lowercase()}
                                {(late > 0).then(|| view! { ", " <span class="tag warn">{format!("{late} {}", t(T::Overdue))}</span> })}
                            </p>
                            <p><a class="button primary big" href="/work-orders">{t(T::ShowQueue)}</a></p>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}

/// The organisation's weekly report: sent, due, or late.
#[component]
fn ReportDue() -> impl IntoView {
    let own = made_once("own-week", || {
        Resource::new(|| (), |_| get_own_week(String::new()))
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                own.await.ok().map(|w| {
                    let (text, late) = match &w.report {
                        Some(r) => (format!("{} {}", t(T::SentAt), r.submitted_at), false),
                        None => (format!("{} {} {}", t(T::NotSentYet), t(T::Due), w.due), w.overdue),
                    };
                    view! {
                        <section class="status-box" aria-labelledby="report-due-heading">
                            <h2 id="report-due-heading">{format!("{} {}", t(T::WeeklyReport), w.week)}</h2>
                            <p>{text}{late.then(|| view! { " " <span class="tag warn">{t(T::Late)}</span> })}</p>
                            <p><a href="/reports">{t(T::ToWeeklyReport)}</a></p>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}

/// Requests to remove personal data from incidents, while any wait (coordinators).
#[component]
fn RemovalRequests() -> impl IntoView {
    let open = made_once("redactions", || Resource::new(|| (), |_| open_redactions()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let open = open.await.ok().filter(|o| !o.is_empty())?;
                Some(view! {
                    <section class="status-box" aria-labelledby="removal-heading">
                        <h2 id="removal-heading">{t(T::RedactionRequestsWaiting)}</h2>
                        <ul class="plain">
                            {open.into_iter().map(|r| view! {
                                <li>
                                    <a href=format!("/incidents/{}", r.incident_id)>{r.incident.clone()}</a>
                                    {format!(" · {} {}, {}", t(T::RequestedBy), r.organisation, r.at)}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// Texts saved despite a name warning lately, per organisation and to check (coordinators).
#[component]
fn KeptNameWarnings() -> impl IntoView {
    let kept = made_once("kept-warnings", || {
        Resource::new(|| (), |_| kept_warnings())
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let kept = kept.await.ok().filter(|k| !k.incidents.is_empty())?;
                let per = kept
                    .per_organisation
                    .iter()
                    .map(|(org, n)| format!("{org}: {n}"))
                    .collect::<Vec<_>>()
                    .join(" · ");
                Some(view! {
                    <section class="status-box" aria-labelledby="kept-heading">
                        <h2 id="kept-heading">{t(T::KeptWarningsHeading)}</h2>
                        <p>{t(T::KeptWarningsIntro)}</p>
                        <p><strong>{per}</strong></p>
                        <ul class="plain">
                            {kept.incidents.into_iter().map(|(id, what, org, at)| view! {
                                <li><a href=format!("/incidents/{id}")>{what}</a>{format!(" · {org}, {at}")}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// Who has not sent last week's report (coordinators chase them).
#[component]
fn NotReported() -> impl IntoView {
    let missing = made_once("missing-reports", || {
        Resource::new(|| (), |_| missing_reports())
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let m = missing.await.ok()?;
                Some(view! {
                    <section class="status-box" aria-labelledby="not-reported-heading">
                        <h2 id="not-reported-heading">{format!("{} {}", t(T::WeeklyReport), m.week)}</h2>
                        <p>{if m.organisations.is_empty() {
                            t(T::EveryoneReported).to_owned()
                        } else {
                            format!("{} {}", t(T::NotReported), m.organisations.join(", "))
                        }}</p>
                        <p><a href="/reports/overview">{t(T::WhoReported)}</a></p>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// Open actions (the organisation's own for a reporter): how many, how many overdue, and the
/// longest overdue by name; the rest are a click away in the list, which starts with them.
#[component]
fn OverdueActions(scope: ActionScope, heading: T) -> impl IntoView {
    let actions = made_once(&format!("actions-{}", scope.code()), || {
        Resource::new(
            move || scope,
            |scope| get_action_overview(scope.code().to_owned()),
        )
    });
    let id = format!("actions-{}-heading", scope.code());
    view! {
        <Suspense>
            {move || {
                let (id, labelled_by) = (id.clone(), id.clone());
                Suspend::new(async move {
                let o = actions.await.ok()?;
                let unnamed = o.overdue.saturating_sub(o.most_overdue.len() as u64);
                Some(view! {
                    <section class="status-box" aria-labelledby=labelled_by>
                        <h2 id=id>{t(heading)}</h2>
                        <p>
                            {count_of(o.open, T::OpenActionOne, T::OpenActionsCount)}
                            {(o.overdue > 0).then(|| format!(", {}", count_of(o.overdue, T::OverdueOne, T::OverdueMany)))}
                            " · "<a href=scope.href()>{t(T::ToTheList)}</a>
                        </p>
                        {(!o.most_overdue.is_empty()).then(|| view! {
                            <ul class="plain">
                                {o.most_overdue.into_iter().map(|a| view! {
                                    <li><a href=format!("/actions/{}", a.id)>{a.title}</a>{format!(" · {} {}", t(T::DueDate), a.due)}</li>
                                }).collect_view()}
                                {(unnamed > 0).then(|| view! {
                                    <li><a href=scope.href()>{format!("{unnamed} {}", t(T::AndMoreInList))}</a></li>
                                })}
                            </ul>
                        })}
                    </section>
                })
            })}}
        </Suspense>
    }
}

/// The next meeting of the weekly situation-picture series and where it stands.
#[component]
fn NextMeeting() -> impl IntoView {
    let next = made_once("next-meeting", || Resource::new(|| (), |_| next_meeting()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let next = next.await.ok()?;
                Some(view! {
                    <section class="status-box" aria-labelledby="next-meeting-heading">
                        <h2 id="next-meeting-heading">{t(T::NextMeeting)}</h2>
                        {match next {
                            Some(m) => view! {
                                <p><a href=format!("/meetings/{}", m.id)>{format!("{} {}", m.series, m.starts_at)}</a>
                                    {format!(" · {}", state_text(m.state))}</p>
                            }.into_any(),
                            None => view! { <p>{t(T::NoMeetingPlanned)}" "<a href="/meetings">{t(T::ToMeetings)}</a></p> }.into_any(),
                        }}
                    </section>
                })
            })}
        </Suspense>
    }
}
