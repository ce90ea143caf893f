//! `service_levels`: the hours an owner has for a kind of work order at a priority, as an
//! admin set them (kinds without a row use the defaults in `shared`).

use sea_orm::entity::prelude::*;
use shared::work_order::{OrderKind, Priority};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_levels")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: OrderKind,
    #[sea_orm(primary_key, auto_increment = false)]
    pub priority: Priority,
    pub hours: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
