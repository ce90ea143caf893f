//! A work order's tags, as lists and its page show them (urgent, how many days late), its
//! line on an incident's page, the weekly meeting's list of overdue orders, and the
//! dashboard's table per owner and kind.

use leptos::prelude::*;
use shared::work_order::{Priority, WorkOrderBrief, WorkOrderSummary};

use crate::components::labels::{order_kind_label, order_state_label, priority_label};
use crate::i18n::{T, count_of, t};

#[component]
pub fn OrderTags(summary: WorkOrderSummary) -> impl IntoView {
    view! {
        {(summary.priority == Priority::Urgent).then(|| view! {
            <span class="tag warn">{priority_label(Priority::Urgent)}</span>" "
        })}
        {(summary.overdue_days > 0).then(|| view! {
            <span class="tag warn">{format!("{} {}", t(T::OverdueBy), count_of(summary.overdue_days, T::DayOne, T::DayMany))}</span>
        })}
    }
}

/// "14 dagar" or "48 timmar": a service level in words.
pub fn hours_text(hours: u64) -> String {
    if hours % 24 == 0 {
        count_of(hours / 24, T::DayOne, T::DayMany)
    } else {
        count_of(hours, T::HourOne, T::HourMany)
    }
}

/// "Åtgärdad av Gatu- och parkavdelningen 2026-12-04": an order as an incident's page names it.
pub fn brief_text(b: &WorkOrderBrief) -> String {
    use shared::work_order::OrderState as S;
    let by = t(match b.state {
        S::Sent => T::BriefSentTo,
        S::Accepted => T::BriefAcceptedBy,
        S::Planned => T::BriefPlannedBy,
        S::Done => T::BriefDoneBy,
        S::Rejected => T::BriefRejectedBy,
        S::Withdrawn => T::BriefWithdrawn,
    });
    format!("{by} {} {}", b.owner, b.date)
}

/// The weekly meeting's review of work orders past due: what, where, whose and how late.
#[component]
pub fn OverdueOrders(list: Vec<WorkOrderSummary>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        view! {
            <section aria-labelledby="overdue-orders-heading">
                <h2 id="overdue-orders-heading">{t(T::OverdueOrders)}</h2>
                <ul class="plain">
                    {list.into_iter().map(|o| {
                        let title = format!("{} – {}, {}", order_kind_label(o.kind), o.place, o.area);
                        view! {
                            <li>
                                <a href=format!("/work-orders/{}", o.id)>{title}</a>
                                {format!(" · {} · {}", o.owner, order_state_label(o.state))}" "
                                <OrderTags summary=o />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Work orders per owner and kind: sent, fixed, median days to fixed, share late.
#[component]
pub fn OrderTable(rows: Vec<shared::dashboard::OrderFollowThrough>) -> impl IntoView {
    view! {
        <section aria-labelledby="orders-heading">
            <h2 id="orders-heading">{t(T::OrdersPerOwner)}</h2>
            {if rows.is_empty() {
                view! { <p>{t(T::NoData)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="incidents">
                            <caption class="visually-hidden">{t(T::OrdersPerOwner)}</caption>
                            <thead><tr>
                                <th scope="col">{t(T::OwnerOrg)}</th><th scope="col">{t(T::OrderKindField)}</th>
                                <th scope="col">{t(T::SentCount)}</th><th scope="col">{t(T::FixedCount)}</th>
                                <th scope="col">{t(T::MedianDaysFixed)}</th><th scope="col">{t(T::LateShare)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <th scope="row">{r.owner.clone()}</th>
                                        <td data-label=t(T::OrderKindField)>{order_kind_label(r.kind)}</td>
                                        <td data-label=t(T::SentCount)>{r.sent}</td>
                                        <td data-label=t(T::FixedCount)>{r.done}</td>
                                        <td data-label=t(T::MedianDaysFixed)>{r.median_days_to_done.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".to_owned())}</td>
                                        <td data-label=t(T::LateShare)>{format!("{} ({} %)", r.late, r.late_percent())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
