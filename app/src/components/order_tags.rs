//! A work order's tags, as lists and its page show them: urgent, and how many days late.

use leptos::prelude::*;
use shared::work_order::{Priority, WorkOrderBrief, WorkOrderSummary};

use crate::components::labels::priority_label;
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
