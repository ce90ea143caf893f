//! Words for the domain's codes, as every page shows them (never the raw code).

use shared::action::ActionState;

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
