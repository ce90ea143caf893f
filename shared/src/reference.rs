//! Reference data as the browser sees it: organisations, areas, places and categories. Retired
//! entries stay in the lists (old records name them) but leave the forms for new work.

use serde::{Deserialize, Serialize};

use crate::ids::{AreaId, CategoryId, OrganisationId, PlaceId};
use crate::user::OrgKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDto {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrgKind,
    #[serde(default)]
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDto {
    pub id: AreaId,
    pub name: String,
    #[serde(default)]
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceDto {
    pub id: PlaceId,
    pub area_id: AreaId,
    pub name: String,
}

/// A category with its name in the caller's language (Swedish name when no English one exists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryDto {
    pub id: CategoryId,
    pub name: String,
    pub name_sv: String,
    pub name_en: Option<String>,
    #[serde(default)]
    pub retired: bool,
    /// The kind of work order it makes; `None` for categories not about a place's state.
    #[serde(default)]
    pub work_order_kind: Option<crate::work_order::OrderKind>,
    /// The organisation proposed to fix what it reports.
    #[serde(default)]
    pub default_owner_id: Option<String>,
}

/// Everything the incident form and the list filters need, fetched in one call. Places are
/// fetched per area (`get_places`): there can be thousands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceData {
    pub organisations: Vec<OrganisationDto>,
    pub areas: Vec<AreaDto>,
    pub categories: Vec<CategoryDto>,
    /// Work orders' service levels in force, one per kind.
    #[serde(default)]
    pub service_levels: Vec<crate::work_order::ServiceLevel>,
}

impl ReferenceData {
    /// The lists as a form offers them: without retired entries, except those whose id is in
    /// `keep` (the values a record being changed, or a filter, already has).
    pub fn for_forms(&self, keep: &[&str]) -> ReferenceData {
        let kept = |retired: bool, id: String| !retired || keep.contains(&id.as_str());
        ReferenceData {
            organisations: self
                .organisations
                .iter()
                .filter(|o| kept(o.retired, o.id.to_string()))
                .cloned()
                .collect(),
            areas: self
                .areas
                .iter()
                .filter(|a| kept(a.retired, a.id.to_string()))
                .cloned()
                .collect(),
            categories: self
                .categories
                .iter()
                .filter(|c| kept(c.retired, c.id.to_string()))
                .cloned()
                .collect(),
            service_levels: self.service_levels.clone(),
        }
    }
}

/// What can be done to reference data: retire it, or bring it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReferenceKind {
    Organisation,
    Area,
    Category,
    Place,
}

impl ReferenceKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Area => "area",
            Self::Category => "category",
            Self::Place => "place",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Organisation, Self::Area, Self::Category, Self::Place]
            .into_iter()
            .find(|k| k.code() == text.trim())
    }
}

/// A place as the coordinators' place list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedPlace {
    pub id: PlaceId,
    pub area_id: AreaId,
    pub name: String,
    /// Typed in a form for the first time and not yet confirmed or merged.
    pub new: bool,
    pub retired: bool,
    /// Incidents at the place, ever (kept counts).
    pub incidents: u64,
    /// Names merged into this place, which now lead to it when typed.
    pub aliases: Vec<String>,
    /// Who fixes things here (work orders' proposed owner).
    #[serde(default)]
    pub owner_id: Option<String>,
}

/// One area's places for the place list, and how many new places wait in each area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceList {
    pub area_id: AreaId,
    pub places: Vec<ManagedPlace>,
    /// Areas with new places to confirm or merge, and how many.
    pub new_per_area: Vec<(AreaId, u64)>,
}

/// What a merge would move, shown before it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergePreview {
    pub from_id: PlaceId,
    pub into_id: PlaceId,
    pub from: String,
    pub into: String,
    pub incidents: u64,
    pub actions: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn area(n: u128, retired: bool) -> AreaDto {
        AreaDto {
            id: AreaId(Uuid::from_u128(n)),
            name: format!("Område {n}"),
            retired,
        }
    }

    #[test]
    fn forms_leave_out_retired_entries_unless_the_record_already_has_one() {
        let data = ReferenceData {
            areas: vec![area(1, false), area(2, true), area(3, true)],
            ..ReferenceData::default()
        };
        let ids = |d: &ReferenceData| d.areas.iter().map(|a| a.id.0.as_u128()).collect::<Vec<_>>();
        assert_eq!(ids(&data.for_forms(&[])), [1]);
        let keep = Uuid::from_u128(3).to_string();
        assert_eq!(ids(&data.for_forms(&[keep.as_str()])), [1, 3]);
    }

    #[test]
    fn kinds_round_trip() {
        for k in [
            ReferenceKind::Organisation,
            ReferenceKind::Area,
            ReferenceKind::Category,
            ReferenceKind::Place,
        ] {
            assert_eq!(ReferenceKind::parse(k.code()), Some(k));
        }
        assert_eq!(ReferenceKind::parse("user"), None);
    }
}
