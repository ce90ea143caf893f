//! Words for the domain's codes, as every page shows them (never the raw code).

use shared::action::ActionState;
use shared::meeting::MeetingState;

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
