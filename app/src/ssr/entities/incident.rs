//! `incidents`: what reporters log. Times in UTC; `week_key` is the local ISO week (202648).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "incidents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub occurred_at: DateTimeUtc,
    pub week_key: i32,
    pub area_id: Uuid,
    pub place_id: Uuid,
    pub category_id: Uuid,
    pub organisation_id: Uuid,
    pub reporter_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub youth_involved: bool,
    pub physical_environment: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: Option<DateTimeUtc>,
    /// Set when retention removed the description and the exact place (`retention`).
    pub anonymised_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::area::Entity",
        from = "Column::AreaId",
        to = "super::area::Column::Id"
    )]
    Area,
    #[sea_orm(
        belongs_to = "super::place::Entity",
        from = "Column::PlaceId",
        to = "super::place::Column::Id"
    )]
    Place,
    #[sea_orm(
        belongs_to = "super::category::Entity",
        from = "Column::CategoryId",
        to = "super::category::Column::Id"
    )]
    Category,
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::ReporterId",
        to = "super::user::Column::Id"
    )]
    Reporter,
}

impl ActiveModelBehavior for ActiveModel {}
