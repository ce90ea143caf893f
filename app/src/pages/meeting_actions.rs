//! The meeting page's server actions, shared by its sections, and what each save announces.

use leptos::prelude::*;
use shared::meeting::ItemKind;

use crate::api::meeting_actions::{EditMeetingAction, MeetingAction, RemoveMeetingAction};
use crate::api::meetings::{
    CancelMeeting, EditItem, MeetingStep, MoveMeeting, RecordAttendance, RecordGuests, RecordItem,
    RecordPeopleAttendance, RecordRating, RemoveItem, ReviewAction,
};
use crate::components::action_fields::ActionValues;
use crate::components::saving::{refused, saved};
use crate::i18n::T;

/// What was just removed, kept so that the notice can put it back.
#[derive(Clone, Debug, PartialEq)]
pub enum Removed {
    Item {
        meeting: String,
        kind: &'static str,
        item_id: String,
        text: String,
    },
    Action {
        meeting: String,
        action_id: String,
        values: ActionValues,
    },
}

impl Removed {
    /// The id it had, and has again when put back.
    pub fn id(&self) -> &str {
        match self {
            Removed::Item { item_id, .. } => item_id,
            Removed::Action { action_id, .. } => action_id,
        }
    }

    /// Puts it back: the same id again, so it returns to its place.
    pub fn restore(self, acts: &MeetingActions) {
        match self {
            Removed::Item {
                meeting,
                kind,
                item_id,
                text,
            } => {
                acts.undo.dispatch(RecordItem {
                    id: meeting,
                    kind: kind.to_owned(),
                    item_id,
                    text,
                });
            }
            Removed::Action {
                meeting,
                action_id,
                values: v,
            } => {
                acts.undo_action.dispatch(MeetingAction {
                    id: meeting,
                    action_id,
                    title: v.title,
                    owner_organisation_id: v.owner_organisation_id,
                    owner_person: v.owner_person,
                    due: v.due,
                    area_id: v.area_id,
                    place: v.place,
                });
            }
        }
    }
}

/// Every recording action of the meeting page.
#[derive(Clone, Copy)]
pub struct MeetingActions {
    pub start: ServerAction<MeetingStep>,
    pub finalise: ServerAction<MeetingStep>,
    pub reschedule: ServerAction<MoveMeeting>,
    pub cancel: ServerAction<CancelMeeting>,
    pub attendance: ServerAction<RecordAttendance>,
    pub people: ServerAction<RecordPeopleAttendance>,
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
    pub edit_action: ServerAction<EditMeetingAction>,
    pub remove_action: ServerAction<RemoveMeetingAction>,
    pub undo_action: ServerAction<MeetingAction>,
    /// The new action whose correction was sent last (its form shows the refusal).
    pub editing: RwSignal<Option<String>>,
    /// What the last "remove" took away.
    pub removed: RwSignal<Option<Removed>>,
    /// The item or action an undo is bringing back: its row takes the focus when drawn.
    pub restoring: RwSignal<Option<String>>,
}

impl MeetingActions {
    pub(crate) fn new() -> Self {
        Self {
            start: ServerAction::new(),
            finalise: ServerAction::new(),
            reschedule: ServerAction::new(),
            cancel: ServerAction::new(),
            attendance: ServerAction::new(),
            people: ServerAction::new(),
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
            edit_action: ServerAction::new(),
            remove_action: ServerAction::new(),
            undo_action: ServerAction::new(),
            editing: RwSignal::new(None),
            removed: RwSignal::new(None),
            restoring: RwSignal::new(None),
        }
    }

    pub fn item(&self, kind: ItemKind) -> ServerAction<RecordItem> {
        match kind {
            ItemKind::Agenda => self.agenda,
            ItemKind::Decision => self.decision,
            ItemKind::Addendum => self.addendum,
        }
    }

    /// After each save: says what was saved and counts it in `saves`. A refused save takes
    /// the last notice away, so that it never contradicts the form's error.
    pub(crate) fn announce(&self, notice: RwSignal<Option<(T, bool)>>, saves: RwSignal<usize>) {
        fn watch<S>(
            action: ServerAction<S>,
            text: T,
            undo: bool,
            notice: RwSignal<Option<(T, bool)>>,
            saves: RwSignal<usize>,
        ) where
            S: leptos::server_fn::ServerFn<Error = shared::AppError>
                + Clone
                + Send
                + Sync
                + 'static,
            S::Output: Send + Sync + 'static,
        {
            saved(action, move || {
                crate::components::unsaved::saves_accepted();
                notice.set(Some((text, undo)));
                saves.update(|n| *n += 1);
            });
            refused(action, move || {
                crate::components::unsaved::saves_refused();
                notice.set(None);
            });
        }
        watch(self.attendance, T::SavedAttendance, false, notice, saves);
        watch(self.people, T::SavedAttendance, false, notice, saves);
        watch(self.guests, T::SavedGuests, false, notice, saves);
        watch(self.rating, T::SavedRating, false, notice, saves);
        watch(self.agenda, T::SavedAgenda, false, notice, saves);
        watch(self.decision, T::SavedDecision, false, notice, saves);
        watch(self.addendum, T::SavedAddendum, false, notice, saves);
        watch(self.edit, T::SavedEdit, false, notice, saves);
        watch(self.remove, T::SavedRemoved, true, notice, saves);
        watch(self.undo, T::SavedRestored, false, notice, saves);
        watch(self.review, T::SavedReview, false, notice, saves);
        watch(self.action, T::SavedAction, false, notice, saves);
        watch(self.edit_action, T::SavedActionEdit, false, notice, saves);
        watch(
            self.remove_action,
            T::SavedActionRemoved,
            true,
            notice,
            saves,
        );
        watch(self.undo_action, T::SavedRestored, false, notice, saves);
    }
}

/// A row that an undo brings back takes the keyboard's focus when it is drawn again: the undo
/// button went with its notice, and the row is where the person was.
pub fn focus_if_restored(acts: MeetingActions, id: String) -> NodeRef<leptos::html::Li> {
    let row = NodeRef::<leptos::html::Li>::new();
    Effect::new(move |_| {
        if let Some(li) = row.get()
            && acts
                .restoring
                .with_untracked(|r| r.as_deref() == Some(id.as_str()))
        {
            // Only this row takes focus: a tap on another row's text stays a tap.
            let _ = li.set_attribute("tabindex", "-1");
            let _ = li.focus();
            acts.restoring.set(None);
        }
    });
    row
}
