//! Reference data as the browser sees it: organisations, areas, places and categories.

use serde::{Deserialize, Serialize};

use crate::ids::{AreaId, CategoryId, OrganisationId, PlaceId};
use crate::user::OrgKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDto {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrgKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDto {
    pub id: AreaId,
    pub name: String,
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
}

/// Everything the incident form and the list filters need, fetched in one call. Places are
/// fetched per area (`get_places`): there can be thousands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceData {
    pub organisations: Vec<OrganisationDto>,
    pub areas: Vec<AreaDto>,
    pub categories: Vec<CategoryDto>,
}
