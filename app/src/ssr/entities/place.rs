//! `places`: named spots within an area; `name_key` makes names unique per area, ignoring case.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "places")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub area_id: Uuid,
    pub name: String,
    pub name_key: String,
    pub created_at: DateTimeUtc,
    /// The area's stand-in for the places of anonymised incidents: never suggested or listed.
    pub anonymous: bool,
    /// When it was retired: gone from the forms for new work, kept by old records.
    pub retired_at: Option<DateTimeUtc>,
    /// A duplicate merged into this place: the row stays as an alias of its name.
    pub merged_into: Option<Uuid>,
    /// False for a place first typed in a form, until a coordinator confirms or merges it.
    pub confirmed: bool,
    /// Who fixes things here (street and parks, property, a housing company): proposed as a
    /// work order's owner before the category's default.
    pub owner_organisation_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The case-insensitive key a place name is matched on.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}
