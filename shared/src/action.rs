//! Actions (åtgärder): what the collaboration decides to do, followed until it ends as done,
//! not possible (changed circumstances) or not done (with a reason).

use chrono::NaiveDate;
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError, Issues};
use crate::ids::{AreaId, OrganisationId};
use crate::text::{IncidentDescription, Name};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum ActionState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "in_progress"))]
    InProgress,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "done"))]
    Done,
    /// Changed circumstances made it impossible.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_possible"))]
    NotPossible,
    /// It was not done; the reason is required.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_done"))]
    NotDone,
}

impl ActionState {
    pub const ALL: [ActionState; 5] = [
        ActionState::Open,
        ActionState::InProgress,
        ActionState::Done,
        ActionState::NotPossible,
        ActionState::NotDone,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActionState::Open => "open",
            ActionState::InProgress => "in_progress",
            ActionState::Done => "done",
            ActionState::NotPossible => "not_possible",
            ActionState::NotDone => "not_done",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == text.trim())
    }

    /// Done, not possible and not done end an action; it then no longer carries over.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            ActionState::Done | ActionState::NotPossible | ActionState::NotDone
        )
    }

    /// An open action may move anywhere; a closed one is final.
    pub fn can_become(self, next: ActionState) -> bool {
        !self.is_closed() && next != self
    }
}

/// A state change as typed: the new state and a note (required for "not done"). The same
/// state with a note is a progress note.
pub fn parse_transition(
    from: ActionState,
    state: &str,
    note: &str,
) -> Result<(ActionState, Option<String>), AppError> {
    let (next, note) = parse_state_and_note(state, note)?;
    if next == from && !from.is_closed() {
        // Keeping the state with a note records progress ("waiting for the property owner");
        // keeping it without one would change nothing.
        return match note {
            Some(_) => Ok((next, note)),
            None => Err(AppError::field("note", FieldError::Required)),
        };
    }
    if !from.can_become(next) {
        return Err(AppError::Conflict);
    }
    Ok((next, note))
}

/// A meeting correcting the state it recorded itself, while its minutes are open: any other
/// state, so a closing by a slip ("done" for "in progress") can be taken back where it was
/// made. Elsewhere a closed action stays final ([`parse_transition`]).
pub fn parse_correction(
    recorded: ActionState,
    state: &str,
    note: &str,
) -> Result<(ActionState, Option<String>), AppError> {
    let (next, note) = parse_state_and_note(state, note)?;
    if next == recorded {
        return Err(AppError::Conflict);
    }
    Ok((next, note))
}

/// The state and the note as typed; a note is required for "not done".
fn parse_state_and_note(
    state: &str,
    note: &str,
) -> Result<(ActionState, Option<String>), AppError> {
    let mut issues = Issues::default();
    let next = issues.check(
        "state",
        ActionState::parse(state).ok_or(FieldError::Invalid),
    );
    let note = if note.trim().is_empty() {
        match next {
            Some(ActionState::NotDone) => issues
                .check("note", Err(FieldError::Required))
                .map(|_: ()| None),
            _ => Some(None),
        }
    } else {
        issues.check(
            "note",
            IncidentDescription::parse(note).map(|n| Some(n.into_inner())),
        )
    };
    issues.finish(|| Some((next?, note?)))
}

/// The action form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionInput {
    pub title: String,
    pub owner_organisation_id: String,
    pub owner_person: String,
    pub due: String,
    pub area_id: String,
    /// A place in the area (picked or typed); needs an area.
    pub place: String,
    pub incident_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAction {
    pub title: String,
    pub owner_organisation_id: OrganisationId,
    pub owner_person: Option<String>,
    pub due: NaiveDate,
    pub area_id: Option<AreaId>,
    pub place: Option<crate::text::PlaceName>,
    pub incident_id: Option<crate::ids::IncidentId>,
}

impl ActionInput {
    /// Checks every field; `today` is the local date (due dates may not lie in the past).
    pub fn validate(&self, today: NaiveDate) -> Result<ValidAction, AppError> {
        let mut issues = Issues::default();
        let title = issues.check("title", Name::parse(&self.title).map(Name::into_inner));
        let owner = issues.check(
            "owner_organisation_id",
            OrganisationId::parse(&self.owner_organisation_id),
        );
        let person = if self.owner_person.trim().is_empty() {
            Some(None)
        } else {
            // A name belongs here; a phone number, address or identity number does not (the
            // directory holds how to reach people).
            let checked = crate::text::PersonName::parse(&self.owner_person).and_then(|p| {
                match crate::guard::first(p.as_str()) {
                    Some(found) => Err(FieldError::PersonalData {
                        kind: found.kind,
                        position: found.position,
                    }),
                    None => Ok(Some(p.into_inner())),
                }
            });
            issues.check("owner_person", checked)
        };
        let due = issues.check(
            "due",
            if self.due.trim().is_empty() {
                Err(FieldError::Required)
            } else {
                NaiveDate::parse_from_str(self.due.trim(), "%Y-%m-%d")
                    .map_err(|_| FieldError::Invalid)
                    .and_then(|d| {
                        if d < today {
                            Err(FieldError::Passed)
                        } else {
                            Ok(d)
                        }
                    })
            },
        );
        let area = if self.area_id.trim().is_empty() {
            Some(None)
        } else {
            issues.check("area_id", AreaId::parse(&self.area_id).map(Some))
        };
        let place = match (self.place.trim().is_empty(), self.area_id.trim().is_empty()) {
            (true, _) => Some(None),
            (false, true) => issues.check(
                "area_id",
                Err::<Option<crate::text::PlaceName>, _>(FieldError::Required),
            ),
            (false, false) => issues.check(
                "place",
                crate::text::PlaceName::parse(&self.place).map(Some),
            ),
        };
        let incident = if self.incident_id.trim().is_empty() {
            Some(None)
        } else {
            issues.check(
                "incident_id",
                crate::ids::IncidentId::parse(&self.incident_id).map(Some),
            )
        };
        issues.finish(|| {
            Some(ValidAction {
                title: title?,
                owner_organisation_id: owner?,
                owner_person: person?,
                due: due?,
                area_id: area?,
                place: place?,
                incident_id: incident?,
            })
        })
    }
}

/// One action as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSummary {
    pub id: String,
    pub title: String,
    pub owner_organisation_id: String,
    pub owner_organisation: String,
    pub owner_person: Option<String>,
    pub due: String,
    pub overdue: bool,
    pub state: ActionState,
    pub area_id: Option<String>,
    pub area: Option<String>,
    pub place: Option<String>,
}

/// Which actions a list shows, as `?scope=` in the address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionScope {
    /// Not yet closed, across all organisations.
    #[default]
    Open,
    /// The caller's organisation's actions that are not yet closed ("my actions").
    Mine,
    /// Everything, closed included.
    All,
}

impl ActionScope {
    pub const ALL: [ActionScope; 3] = [ActionScope::Open, ActionScope::Mine, ActionScope::All];

    /// Anything unknown reads as the open actions, the list's default.
    pub fn parse(text: &str) -> Self {
        match text {
            "mine" => Self::Mine,
            "all" => Self::All,
            _ => Self::Open,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "",
            Self::Mine => "mine",
            Self::All => "all",
        }
    }

    /// The list's address for this scope, from its first page.
    pub fn href(self) -> String {
        match self {
            Self::Open => "/actions".to_owned(),
            other => format!("/actions?scope={}", other.code()),
        }
    }

    /// The list's page after the one whose cursor is `cursor`.
    pub fn href_after(self, cursor: &str) -> String {
        let sep = if self == Self::Open { '?' } else { '&' };
        format!("{}{sep}after={cursor}", self.href())
    }

    /// Open actions come most overdue first, to be dealt with; everything (the history)
    /// comes latest due first.
    pub fn latest_first(self) -> bool {
        self == Self::All
    }
}

/// Actions a list page shows.
pub const ACTIONS_PER_PAGE: u64 = 50;

/// Overdue actions the start page names; the rest are in the list.
pub const OVERDUE_NAMED: u64 = 5;

/// One page of an action list, with the cursor of the next page and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPage {
    pub items: Vec<ActionSummary>,
    pub next_cursor: Option<String>,
    pub total: u64,
}

/// The start page's view of a scope: how many are open and overdue, the most overdue by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOverview {
    pub open: u64,
    pub overdue: u64,
    /// At most [`OVERDUE_NAMED`], the longest overdue first.
    pub most_overdue: Vec<ActionSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDetail {
    pub summary: ActionSummary,
    pub note: Option<String>,
    pub created: String,
    pub can_update: bool,
    /// Linked incidents: (id, "2026-11-24 21:30 · Klotter · Torget").
    pub incidents: Vec<(String, String)>,
    /// What each meeting recorded for it, oldest first.
    pub reviews: Vec<MeetingReview>,
    pub history: Vec<crate::audit::AuditEntry>,
}

/// One meeting's record of an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReview {
    pub meeting_id: String,
    pub meeting: String,
    pub state: ActionState,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn closed_actions_are_final_and_open_ones_move_anywhere() {
        assert!(ActionState::Open.can_become(ActionState::NotDone));
        assert!(ActionState::InProgress.can_become(ActionState::Open));
        assert!(!ActionState::Done.can_become(ActionState::Open));
        assert!(!ActionState::Open.can_become(ActionState::Open));
    }

    #[test]
    fn a_meeting_corrects_the_closing_it_recorded_to_any_other_state() {
        assert_eq!(
            parse_correction(ActionState::Done, "in_progress", ""),
            Ok((ActionState::InProgress, None))
        );
        assert_eq!(
            parse_correction(ActionState::Done, "not_possible", ""),
            Ok((ActionState::NotPossible, None))
        );
        let err = parse_correction(ActionState::Done, "not_done", "").unwrap_err();
        assert_eq!(err.issue_for("note"), Some(&FieldError::Required));
        assert_eq!(
            parse_correction(ActionState::Done, "done", ""),
            Err(AppError::Conflict)
        );
        assert!(parse_correction(ActionState::Done, "finished", "").is_err());
    }

    #[test]
    fn not_done_needs_a_reason() {
        let err = parse_transition(ActionState::Open, "not_done", " ").unwrap_err();
        assert_eq!(err.issue_for("note"), Some(&FieldError::Required));
        let (state, note) =
            parse_transition(ActionState::Open, "not_done", "Fastighetsägaren sade nej.").unwrap();
        assert_eq!(
            (state, note.as_deref()),
            (ActionState::NotDone, Some("Fastighetsägaren sade nej."))
        );
        assert_eq!(
            parse_transition(ActionState::Open, "done", "").unwrap(),
            (ActionState::Done, None)
        );
        assert_eq!(
            parse_transition(ActionState::Done, "open", ""),
            Err(AppError::Conflict)
        );
        assert_eq!(
            parse_transition(
                ActionState::InProgress,
                "in_progress",
                "Väntar på fastighetsägaren"
            ),
            Ok((
                ActionState::InProgress,
                Some("Väntar på fastighetsägaren".to_owned())
            ))
        );
        assert_eq!(
            parse_transition(ActionState::InProgress, "in_progress", " ")
                .unwrap_err()
                .issue_for("note"),
            Some(&FieldError::Required)
        );
        assert_eq!(
            parse_transition(ActionState::Done, "done", "Igen"),
            Err(AppError::Conflict)
        );
        assert_eq!(
            parse_transition(ActionState::Open, "maybe", "")
                .unwrap_err()
                .issue_for("state"),
            Some(&FieldError::Invalid)
        );
    }

    #[test]
    fn an_action_needs_a_title_an_owner_and_a_due_date_not_in_the_past() {
        let input = ActionInput {
            title: "x".into(),
            due: "2026-11-23".into(),
            owner_organisation_id: "".into(),
            ..Default::default()
        };
        let err = input.validate(today()).unwrap_err();
        assert_eq!(
            err.issue_for("title"),
            Some(&FieldError::TooShort { min: 2 })
        );
        assert_eq!(
            err.issue_for("owner_organisation_id"),
            Some(&FieldError::Required)
        );
        assert_eq!(err.issue_for("due"), Some(&FieldError::Passed));
        let ok = ActionInput {
            title: "Byt trasig belysning vid gångtunneln".into(),
            owner_organisation_id: "0191f0a0-0000-7000-8000-000000000001".into(),
            due: "2026-12-01".into(),
            ..Default::default()
        };
        assert_eq!(ok.validate(today()).unwrap().due.to_string(), "2026-12-01");
    }

    #[test]
    fn titles_are_guarded_against_personal_data() {
        let input = ActionInput {
            title: "Ring 070-123 45 67".into(),
            owner_organisation_id: "0191f0a0-0000-7000-8000-000000000001".into(),
            due: "2026-12-01".into(),
            ..Default::default()
        };
        assert!(matches!(
            input.validate(today()).unwrap_err().issue_for("title"),
            Some(FieldError::PersonalData { .. })
        ));
    }

    #[test]
    fn the_owner_person_is_a_name_not_a_number_or_an_address() {
        let with = |person: &str| ActionInput {
            title: "Ny belysning".into(),
            owner_organisation_id: "0191f0a0-0000-7000-8000-000000000001".into(),
            owner_person: person.into(),
            due: "2026-12-01".into(),
            ..Default::default()
        };
        assert!(with("Anna Berg").validate(today()).is_ok());
        for person in ["Anna 070-123 45 67", "anna@skola.se", "Anna (811218-9876)"] {
            assert!(
                matches!(
                    with(person)
                        .validate(today())
                        .unwrap_err()
                        .issue_for("owner_person"),
                    Some(FieldError::PersonalData { .. })
                ),
                "{person}"
            );
        }
    }

    #[test]
    fn a_scope_reads_back_from_its_address_and_anything_else_is_the_open_list() {
        for scope in ActionScope::ALL {
            let href = scope.href();
            let code = href.split_once("scope=").map_or("", |(_, c)| c);
            assert_eq!(ActionScope::parse(code), scope, "{href}");
        }
        assert_eq!(ActionScope::Open.href(), "/actions");
        assert_eq!(ActionScope::Open.href_after("c"), "/actions?after=c");
        assert_eq!(
            ActionScope::Mine.href_after("c"),
            "/actions?scope=mine&after=c"
        );
        assert_eq!(ActionScope::parse("closed"), ActionScope::Open);
        assert!(ActionScope::All.latest_first());
        assert!(!ActionScope::Mine.latest_first());
    }

    proptest::proptest! {
        /// Any action form gets field errors or a valid action, never a panic.
        #[test]
        fn any_form_gets_field_errors_or_a_valid_action(
            title in "(?s).{0,120}",
            owner in "(?s).{0,40}",
            person in "(?s).{0,120}",
            due in "(?s).{0,20}",
            area in "(?s).{0,40}",
            place in "(?s).{0,120}",
            incident in "(?s).{0,40}",
        ) {
            let input = ActionInput {
                title, owner_organisation_id: owner, owner_person: person, due,
                area_id: area, place, incident_id: incident,
            };
            let result = input.validate(today());
            proptest::prop_assert!(matches!(result, Ok(_) | Err(AppError::Validation(_))));
        }
    }
}
