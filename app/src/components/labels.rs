//! Words for the domain's codes, as every page shows them (never the raw code).

use shared::action::ActionState;
use shared::meeting::MeetingState;
use shared::work_order::{OrderKind, OrderState, Priority, StepKind};

use crate::i18n::{T, t};

pub fn state_label(state: ActionState) -> &'static str {
    t(match state {
        ActionState::Open => T::StateOpen,
        ActionState::InProgress => T::StateInProgress,
        ActionState::Done => T::StateDone,
        ActionState::NotPossible => T::StateNotPossible,
        ActionState::NotDone => T::StateNotDone,
    })
}

pub fn state_text(state: MeetingState) -> &'static str {
    t(match state {
        MeetingState::Planned => T::MeetingPlanned,
        MeetingState::InProgress => T::MeetingInProgress,
        MeetingState::Finalised => T::MeetingFinalised,
        MeetingState::Cancelled => T::MeetingCancelled,
    })
}

pub fn weekday_name(day: u32) -> &'static str {
    t([
        T::Monday,
        T::Tuesday,
        T::Wednesday,
        T::Thursday,
        T::Friday,
        T::Saturday,
        T::Sunday,
    ][day.min(6) as usize])
}

pub fn order_kind_label(kind: OrderKind) -> &'static str {
    t(match kind {
        OrderKind::Lighting => T::OrderKindLighting,
        OrderKind::Vegetation => T::OrderKindVegetation,
        OrderKind::Graffiti => T::OrderKindGraffiti,
        OrderKind::Litter => T::OrderKindLitter,
        OrderKind::DamagedFurniture => T::OrderKindDamagedFurniture,
        OrderKind::Other => T::OrderKindOther,
    })
}

pub fn priority_label(priority: Priority) -> &'static str {
    t(match priority {
        Priority::Normal => T::PriorityNormal,
        Priority::Urgent => T::PriorityUrgent,
    })
}

pub fn order_state_label(state: OrderState) -> &'static str {
    t(match state {
        OrderState::Sent => T::OrderSent,
        OrderState::Accepted => T::OrderAccepted,
        OrderState::Planned => T::OrderPlanned,
        OrderState::Done => T::OrderDone,
        OrderState::Rejected => T::OrderRejected,
        OrderState::Withdrawn => T::OrderWithdrawn,
    })
}

pub fn walk_state_label(state: shared::walk::WalkState) -> &'static str {
    t(match state {
        shared::walk::WalkState::Planned => T::WalkOpen,
        shared::walk::WalkState::Done => T::WalkDone,
    })
}

pub fn step_label(step: StepKind) -> &'static str {
    t(match step {
        StepKind::Accept => T::StepAccept,
        StepKind::Plan => T::StepPlan,
        StepKind::Done => T::StepDone,
        StepKind::Reject => T::StepReject,
        StepKind::Reroute => T::StepReroute,
        StepKind::Withdraw => T::StepWithdraw,
    })
}
