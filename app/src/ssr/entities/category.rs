//! `categories`: incident categories; seeded ones carry a stable `code`.

use sea_orm::entity::prelude::*;
use shared::work_order::OrderKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "categories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub code: Option<String>,
    pub name_sv: String,
    pub name_en: Option<String>,
    pub sort_order: i32,
    pub created_at: DateTimeUtc,
    /// When it was retired: gone from the forms for new work, kept by old records.
    pub retired_at: Option<DateTimeUtc>,
    /// Who usually fixes what this category reports: a work order's proposed owner.
    pub default_owner_organisation_id: Option<Uuid>,
    /// Set for categories about a place's state (an unsafe place, graffiti): reporters may
    /// send their incidents as work orders, of this kind unless they choose another.
    pub work_order_kind: Option<OrderKind>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
