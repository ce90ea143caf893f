//! Area groups (områdesgrupper): per area, the people working with children and youth meet
//! with the weekly meeting's machinery. Their meetings, minutes and actions are need-to-know:
//! members, coordinators and admins only; managers see counts.

use serde::{Deserialize, Serialize};

use crate::action::ActionSummary;
use crate::contact::{ContactEntry, ContactFunction};
use crate::meeting::MeetingSummary;

/// A group as lists show it. Managers get only the name, area and counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub id: String,
    pub name: String,
    pub area: String,
    pub members: u32,
    /// Meetings whose minutes are finalised.
    pub meetings_held: u32,
    pub actions_open: u32,
    pub actions_done: u32,
    /// False for managers: counts only, no page to open.
    pub can_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMember {
    pub contact_id: String,
    pub name: String,
    pub organisation: String,
    pub function: ContactFunction,
    pub convener: bool,
    /// Left the organisation: kept on the list of past members, not contacted.
    pub active: bool,
}

/// The area's youth-involved incidents for the picture week, per category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthPicture {
    pub week: String,
    pub total: u32,
    pub previous: u32,
    pub categories: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetail {
    pub summary: GroupSummary,
    pub area_id: String,
    pub weekday: u32,
    pub start_time: String,
    pub members: Vec<GroupMember>,
    /// Who to call in the group's area (and municipality-wide posts).
    pub who_to_call: Vec<ContactEntry>,
    pub youth: YouthPicture,
    pub open_actions: Vec<ActionSummary>,
    pub meetings: Vec<MeetingSummary>,
    /// Coordinators and the group's convener plan and run its meetings.
    pub can_run: bool,
    /// Coordinators change the membership.
    pub can_manage: bool,
    /// For coordinators: active directory entries not yet members, (id, "name, function,
    /// organisation"), to add.
    pub candidates: Vec<(String, String)>,
    pub feed_path: Option<String>,
}
