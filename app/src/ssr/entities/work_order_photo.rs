//! `work_order_photos`: photos of a work order's place, before and after, as JPEG without
//! metadata. Lists select everything but `bytes`.

use sea_orm::entity::prelude::*;
use shared::work_order::PhotoStage;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_order_photos")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub work_order_id: Uuid,
    pub stage: PhotoStage,
    pub width: i32,
    pub height: i32,
    #[sea_orm(column_type = "Blob")]
    pub bytes: Vec<u8>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
