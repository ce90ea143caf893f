//! `safety_walks`: a walk through an area with its participants (trygghetsvandring).

use sea_orm::entity::prelude::*;
use shared::walk::WalkState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "safety_walks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub area_id: Uuid,
    pub planned_for: Date,
    /// Organisations and roles, not names; emptied by retention.
    #[sea_orm(column_type = "Text")]
    pub participants: String,
    pub state: WalkState,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub done_at: Option<DateTimeUtc>,
    /// When retention emptied its participants and its observations' notes.
    pub anonymised_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
