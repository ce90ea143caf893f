//! `contacts`: the directory's entries; deactivated, never deleted.

use sea_orm::entity::prelude::*;
use shared::contact::ContactFunction;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub organisation_id: Uuid,
    pub function: ContactFunction,
    pub unit: Option<String>,
    pub area_id: Option<Uuid>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub deputy_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub deactivated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
