//! The meeting page's server actions, shared by its sections, and what each save announces.

use leptos::prelude::*;
use shared::meeting::ItemKind;

use crate::api::meetings::{
    CancelMeeting, EditItem, MeetingAction, MeetingStep, MoveMeeting, RecordAttendance,
    RecordGuests, RecordItem, RecordRating, RemoveItem, ReviewAction,
};
use crate::components::saving::saved;
use crate::i18n::T;

/// An item just removed, kept so that the notice can put it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub meeting: String,
    pub kind: &'static str,
    pub item_id: String,
    pub text: String,
}

/// Every recording action of the meeting page.
#[derive(Clone, Copy)]
pub struct MeetingActions {
    pub start: ServerAction<MeetingStep>,
    pub finalise: ServerAction<MeetingStep>,
    pub reschedule: ServerAction<MoveMeeting>,
    pub cancel: ServerAction<CancelMeeting>,
    pub attendance: ServerAction<RecordAttendance>,
    pub guests: ServerAction<RecordGuests>,
    pub rating: ServerAction<RecordRating>,
    pub agenda: ServerAction<RecordItem>,
    pub decision: ServerAction<RecordItem>,
    pub addendum: ServerAction<RecordItem>,
    pub edit: ServerAction<EditItem>,
    pub remove: ServerAction<RemoveItem>,
    pub undo: ServerAction<RecordItem>,
    pub review: ServerAction<ReviewAction>,
    pub action: ServerAction<MeetingAction>,
    /// The item the last "remove" took away.
    pub removed: RwSignal<Option<Removed>>,
}

impl MeetingActions {
    pub(crate) fn new() -> Self {
        Self {
            start: ServerAction::new(),
            finalise: ServerAction::new(),
            reschedule: ServerAction::new(),
            cancel: ServerAction::new(),
            attendance: ServerAction::new(),
            guests: ServerAction::new(),
            rating: ServerAction::new(),
            agenda: ServerAction::new(),
            decision: ServerAction::new(),
            addendum: ServerAction::new(),
            edit: ServerAction::new(),
            remove: ServerAction::new(),
            undo: ServerAction::new(),
            review: ServerAction::new(),
            action: ServerAction::new(),
            removed: RwSignal::new(None),
        }
    }

    pub fn item(&self, kind: ItemKind) -> ServerAction<RecordItem> {
        match kind {
            ItemKind::Agenda => self.agenda,
            ItemKind::Decision => self.decision,
            ItemKind::Addendum => self.addendum,
        }
    }

    /// After each save: says what was saved and counts it in `saves`.
    pub(crate) fn announce(&self, notice: RwSignal<Option<(T, bool)>>, saves: RwSignal<usize>) {
        let say = move |text: T, undo: bool| {
            move || {
                notice.set(Some((text, undo)));
                saves.update(|n| *n += 1);
            }
        };
        saved(self.attendance, say(T::SavedAttendance, false));
        saved(self.guests, say(T::SavedGuests, false));
        saved(self.rating, say(T::SavedRating, false));
        saved(self.agenda, say(T::SavedAgenda, false));
        saved(self.decision, say(T::SavedDecision, false));
        saved(self.addendum, say(T::SavedAddendum, false));
        saved(self.edit, say(T::SavedEdit, false));
        saved(self.remove, say(T::SavedRemoved, true));
        saved(self.undo, say(T::SavedRestored, false));
        saved(self.review, say(T::SavedReview, false));
        saved(self.action, say(T::SavedAction, false));
    }
}
