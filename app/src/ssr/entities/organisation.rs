//! `organisations`: the agencies and units taking part.

use sea_orm::entity::prelude::*;
use shared::user::OrgKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub kind: OrgKind,
    pub created_at: DateTimeUtc,
    /// When it was retired: gone from the forms for new work, kept by old records.
    pub retired_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
