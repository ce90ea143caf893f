//! `walk_observations`: what was seen on a walk, one place at a time. The id is made on the
//! phone, so a draft sent twice is stored once.

use sea_orm::entity::prelude::*;
use shared::work_order::OrderKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "walk_observations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub walk_id: Uuid,
    pub place_id: Uuid,
    pub kind: OrderKind,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub lat_e6: Option<i32>,
    pub lon_e6: Option<i32>,
    /// The organisation of whoever recorded it.
    pub organisation_id: Uuid,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    /// The work order it became, if any.
    pub work_order_id: Option<Uuid>,
    /// Removed as a slip (hidden; its recorder or a coordinator can bring it back).
    pub removed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
