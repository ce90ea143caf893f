//! `weekly_reports`: an organisation's report for an ISO week (`nothing_to_report` = nollrapport).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "weekly_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub week_key: i32,
    pub submitted_at: DateTimeUtc,
    pub submitted_by: Uuid,
    pub nothing_to_report: bool,
    pub incident_count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
