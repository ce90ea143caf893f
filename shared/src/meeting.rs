//! Meetings: the weekly situation-picture meeting and the area groups' with attendance,
//! ratings per town, agenda, decisions, actions carried over, and minutes locked when finalised.

#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use crate::action::{ActionState, ActionSummary};
use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum MeetingState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "planned"))]
    Planned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "in_progress"))]
    InProgress,
    /// The minutes are locked; corrections are addenda.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "finalised"))]
    Finalised,
    /// Called off before it started; it stays in the lists, marked so.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

impl MeetingState {
    /// The stored value, as the audit log shows it.
    pub fn code(self) -> &'static str {
        match self {
            MeetingState::Planned => "planned",
            MeetingState::InProgress => "in_progress",
            MeetingState::Finalised => "finalised",
            MeetingState::Cancelled => "cancelled",
        }
    }

    /// Planned or in progress: its minutes can still be written.
    pub fn is_open(self) -> bool {
        matches!(self, MeetingState::Planned | MeetingState::InProgress)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum Attendance {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "present"))]
    Present,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "absent"))]
    Absent,
    /// Sent a deputy.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "deputy"))]
    Deputy,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [Attendance::Present, Attendance::Deputy, Attendance::Absent];

    pub fn code(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Deputy => "deputy",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == text.trim())
    }
}

/// Agenda items, decisions and addenda share one shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum ItemKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "agenda"))]
    Agenda,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "decision"))]
    Decision,
    /// A dated correction appended after the minutes were locked.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "addendum"))]
    Addendum,
}

impl ItemKind {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "agenda" => Some(ItemKind::Agenda),
            "decision" => Some(ItemKind::Decision),
            "addendum" => Some(ItemKind::Addendum),
            _ => None,
        }
    }
}

/// The five-grade scale: 1 calm … 5 serious.
pub fn parse_rating(text: &str) -> Result<i32, FieldError> {
    match text.trim().parse::<i32>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        Ok(_) | Err(_) if text.trim().is_empty() => Err(FieldError::Required),
        _ => Err(FieldError::Invalid),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: String,
    pub series: String,
    /// Local start, `2026-11-25 15:00`.
    pub starts_at: String,
    pub state: MeetingState,
}

/// The meetings page lists this many of a series' held (or cancelled) meetings, the latest,
/// until it is asked for the whole series.
pub const MEETINGS_HELD_SHOWN: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesSummary {
    pub id: String,
    pub name: String,
    /// `Wednesday 15:00` in the caller's language is made by the page from these.
    pub weekday: u32,
    pub start_time: String,
    /// Where it meets, if given.
    pub location: Option<String>,
    pub members: Vec<String>,
    /// Newest first: those still to be held and the latest [`MEETINGS_HELD_SHOWN`] others,
    /// or every one when the page asked for the whole series.
    pub meetings: Vec<MeetingSummary>,
    /// How many meetings the series has, listed or not.
    pub meetings_total: usize,
    /// Path of the iCalendar feed (with its secret token); only for coordinators.
    pub feed_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub organisation_id: String,
    pub organisation: String,
    pub status: Option<Attendance>,
}

/// A member of an area group at one of its meetings (area groups take attendance per person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAttendanceRow {
    pub contact_id: String,
    pub name: String,
    pub organisation: String,
    pub status: Option<Attendance>,
}

/// Who is expected at a meeting, as its page and minutes list them: the member organisations
/// of the weekly meeting, the members (people) of an area group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// The organisation's or the directory entry's id, as the attendance form sends it.
    pub id: String,
    /// "Polisen Norrtälje"; "Mia Medlem (Fältsamordnarna)".
    pub name: String,
    pub status: Option<Attendance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRow {
    pub area_id: String,
    pub area: String,
    pub incidents: u32,
    pub rating: Option<i32>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub text: String,
    pub at: String,
    pub by: String,
}

/// An action that was open when the meeting started, and what the meeting recorded for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedAction {
    pub action: ActionSummary,
    /// The owner's latest note on the action (from its own page or an earlier meeting).
    pub latest_note: Option<String>,
    pub reviewed: Option<(ActionState, Option<String>)>,
}

/// A meeting page lists this many of each owner's carried-over actions (the longest overdue
/// first, and any the meeting has reviewed) until it is asked for all of that owner's.
pub const CARRIED_SHOWN: usize = 5;

/// One owner organisation's carried-over actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedGroup {
    pub owner_id: String,
    pub owner: String,
    /// Due order; all of them, or those [`CarriedShown`] lets the page list.
    pub actions: Vec<CarriedAction>,
    /// How many the owner has, listed or not.
    pub total: usize,
    /// Of those, still open and not reviewed by this meeting, listed or not.
    pub unreviewed: usize,
}

impl CarriedGroup {
    /// Some of the owner's actions are not listed.
    pub fn cut(&self) -> bool {
        self.actions.len() < self.total
    }
}

/// Which carried-over actions a meeting's data lists in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarriedShown {
    /// [`CARRIED_SHOWN`] per owner.
    Few,
    /// All of one owner organisation's (by id), a few of the others'.
    Owner(String),
    /// Every one: the printed minutes.
    All,
}

impl CarriedShown {
    /// The meeting page's `owner` query value, as the server function receives it: none or
    /// empty for a few, `all` for every one, otherwise an organisation id.
    pub fn parse(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            None | Some("") => CarriedShown::Few,
            Some("all") => CarriedShown::All,
            Some(id) => CarriedShown::Owner(id.to_owned()),
        }
    }

    /// The query value [`CarriedShown::parse`] reads back.
    pub fn code(&self) -> Option<String> {
        match self {
            CarriedShown::Few => None,
            CarriedShown::Owner(id) => Some(id.clone()),
            CarriedShown::All => Some("all".to_owned()),
        }
    }

    /// Whether every one of `owner`'s actions is listed.
    pub fn lists_all_of(&self, owner: &str) -> bool {
        match self {
            CarriedShown::All => true,
            CarriedShown::Owner(id) => id == owner,
            CarriedShown::Few => false,
        }
    }

    /// Whether `owner`'s `n`-th action (0-based, due order) is listed; reviewed ones always are.
    pub fn lists(&self, owner: &str, n: usize, reviewed: bool) -> bool {
        self.lists_all_of(owner) || reviewed || n < CARRIED_SHOWN
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDetail {
    pub summary: MeetingSummary,
    pub picture_week: String,
    pub guests: Option<String>,
    /// Per organisation; for an area group derived from `people`.
    pub attendance: Vec<AttendanceRow>,
    /// An area group's members, each with their attendance; empty for the weekly meeting.
    pub people: Vec<PersonAttendanceRow>,
    pub ratings: Vec<RatingRow>,
    pub items: Vec<Item>,
    /// Grouped by owner organisation, in name order.
    pub carried: Vec<CarriedGroup>,
    pub new_actions: Vec<ActionSummary>,
    pub can_edit: bool,
    /// Coordinators append addenda to finalised minutes.
    pub can_add_addenda: bool,
    pub finalised_at: Option<String>,
    /// Who finalised the minutes.
    pub finalised_by: Option<String>,
    /// The meeting's day has not come: its minutes cannot be finalised yet.
    pub before_its_day: bool,
    /// The area group this meeting belongs to; `None` for the weekly meeting.
    pub group_id: Option<String>,
    /// For an area group: its area's incidents involving young people in the picture week.
    pub youth: Option<crate::group::YouthPicture>,
    /// Ids for what the page's add forms create next, fresh with every load: a form sent
    /// twice carries the same id, and the server stores it once.
    pub new_ids: NewIds,
    /// For the weekly meeting while its minutes are open: work orders past due, most overdue
    /// first, reviewed beside the actions.
    #[serde(default)]
    pub overdue_work_orders: Vec<crate::work_order::WorkOrderSummary>,
}

/// See [`MeetingDetail::new_ids`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIds {
    pub agenda: String,
    pub decision: String,
    pub addendum: String,
    pub action: String,
}

impl NewIds {
    pub fn item(&self, kind: ItemKind) -> &str {
        match kind {
            ItemKind::Agenda => &self.agenda,
            ItemKind::Decision => &self.decision,
            ItemKind::Addendum => &self.addendum,
        }
    }
}

/// What a coordinator is asked about before the minutes are locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Nobody's attendance is recorded.
    NoAttendance,
    /// Towns without a rating, by name.
    Unrated(Vec<String>),
    /// Carried-over open actions the meeting has not reviewed: the listed ones by title, and
    /// how many more there are.
    Unreviewed { titles: Vec<String>, more: usize },
    /// No decision is recorded.
    NoDecisions,
}

impl MeetingDetail {
    /// What the minutes lack, in the order the meeting page shows its sections.
    /// Whether attendance is taken per person (an area group) rather than per organisation.
    pub fn per_person(&self) -> bool {
        self.group_id.is_some()
    }

    /// Who is expected, in the order the page lists them.
    pub fn attendees(&self) -> Vec<Attendee> {
        if self.per_person() {
            self.people
                .iter()
                .map(|p| Attendee {
                    id: p.contact_id.clone(),
                    name: format!("{} ({})", p.name, p.organisation),
                    status: p.status,
                })
                .collect()
        } else {
            self.attendance
                .iter()
                .map(|a| Attendee {
                    id: a.organisation_id.clone(),
                    name: a.organisation.clone(),
                    status: a.status,
                })
                .collect()
        }
    }

    pub fn missing(&self) -> Vec<Missing> {
        let mut missing = Vec::new();
        if self.attendees().iter().all(|a| a.status.is_none()) {
            missing.push(Missing::NoAttendance);
        }
        let unrated: Vec<String> = self
            .ratings
            .iter()
            .filter(|r| r.rating.is_none())
            .map(|r| r.area.clone())
            .collect();
        if !unrated.is_empty() {
            missing.push(Missing::Unrated(unrated));
        }
        let titles: Vec<String> = self
            .carried
            .iter()
            .flat_map(|g| &g.actions)
            .filter(|c| c.reviewed.is_none() && !c.action.state.is_closed())
            .map(|c| c.action.title.clone())
            .collect();
        let total: usize = self.carried.iter().map(|g| g.unreviewed).sum();
        if total > 0 {
            let more = total.saturating_sub(titles.len());
            missing.push(Missing::Unreviewed { titles, more });
        }
        if !self.items.iter().any(|i| i.kind == ItemKind::Decision) {
            missing.push(Missing::NoDecisions);
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting() -> MeetingDetail {
        MeetingDetail {
            summary: MeetingSummary {
                id: "m".into(),
                series: "Lägesbildsmöte".into(),
                starts_at: "2026-12-02 15:00".into(),
                state: MeetingState::InProgress,
            },
            picture_week: "2026-W48".into(),
            overdue_work_orders: Vec::new(),
            guests: None,
            attendance: vec![AttendanceRow {
                organisation_id: "o".into(),
                organisation: "Polisen".into(),
                status: None,
            }],
            people: Vec::new(),
            ratings: vec![RatingRow {
                area_id: "a".into(),
                area: "Rimbo".into(),
                incidents: 2,
                rating: None,
                comment: None,
            }],
            items: Vec::new(),
            carried: vec![CarriedGroup {
                owner_id: "o".into(),
                owner: "Polisen".into(),
                total: 1,
                unreviewed: 1,
                actions: vec![CarriedAction {
                    action: ActionSummary {
                        id: "x".into(),
                        title: "Belysning vid torget".into(),
                        owner_organisation_id: "o".into(),
                        owner_organisation: "Polisen".into(),
                        owner_person: None,
                        due: "2026-12-10".into(),
                        overdue: false,
                        state: ActionState::Open,
                        area_id: None,
                        area: None,
                        place: None,
                    },
                    latest_note: None,
                    reviewed: None,
                }],
            }],
            new_actions: Vec::new(),
            can_edit: true,
            can_add_addenda: false,
            finalised_at: None,
            finalised_by: None,
            before_its_day: false,
            group_id: None,
            youth: None,
            new_ids: NewIds::default(),
        }
    }

    #[test]
    fn an_empty_meeting_misses_attendance_ratings_reviews_and_decisions() {
        assert_eq!(
            meeting().missing(),
            vec![
                Missing::NoAttendance,
                Missing::Unrated(vec!["Rimbo".into()]),
                Missing::Unreviewed {
                    titles: vec!["Belysning vid torget".into()],
                    more: 0
                },
                Missing::NoDecisions,
            ]
        );
    }

    #[test]
    fn a_complete_meeting_misses_nothing() {
        let mut m = meeting();
        m.attendance[0].status = Some(Attendance::Present);
        m.ratings[0].rating = Some(2);
        m.carried[0].actions[0].reviewed = Some((ActionState::Open, None));
        m.carried[0].unreviewed = 0;
        m.items.push(Item {
            id: "i".into(),
            kind: ItemKind::Decision,
            text: "Fältarna förstärker".into(),
            at: String::new(),
            by: String::new(),
        });
        assert_eq!(m.missing(), Vec::new());
    }

    #[test]
    fn unreviewed_actions_not_listed_are_counted() {
        let mut m = meeting();
        m.carried[0].total = 40;
        m.carried[0].unreviewed = 38;
        assert!(m.carried[0].cut());
        assert!(m.missing().contains(&Missing::Unreviewed {
            titles: vec!["Belysning vid torget".into()],
            more: 37
        }));
    }

    #[test]
    fn a_meeting_lists_a_few_of_each_owners_actions_unless_asked() {
        assert_eq!(CarriedShown::parse(None), CarriedShown::Few);
        assert_eq!(CarriedShown::parse(Some(" ")), CarriedShown::Few);
        assert_eq!(CarriedShown::parse(Some("all")), CarriedShown::All);
        let police = CarriedShown::parse(Some("o-1"));
        assert_eq!(police, CarriedShown::Owner("o-1".into()));
        for shown in [CarriedShown::Few, police.clone(), CarriedShown::All] {
            assert_eq!(CarriedShown::parse(shown.code().as_deref()), shown);
        }
        let last = CARRIED_SHOWN - 1;
        assert!(CarriedShown::Few.lists("o-1", last, false));
        assert!(!CarriedShown::Few.lists("o-1", CARRIED_SHOWN, false));
        assert!(CarriedShown::Few.lists("o-1", CARRIED_SHOWN + 9, true));
        assert!(police.lists("o-1", 500, false));
        assert!(!police.lists("o-2", CARRIED_SHOWN, false));
        assert!(CarriedShown::All.lists("o-2", 500, false));
    }

    #[test]
    fn ratings_are_one_to_five() {
        assert_eq!(parse_rating("3"), Ok(3));
        assert_eq!(parse_rating(" 5 "), Ok(5));
        assert_eq!(parse_rating("0"), Err(FieldError::Invalid));
        assert_eq!(parse_rating("6"), Err(FieldError::Invalid));
        assert_eq!(parse_rating("lugnt"), Err(FieldError::Invalid));
        assert_eq!(parse_rating(""), Err(FieldError::Required));
    }
}
