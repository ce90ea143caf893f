//! `work_orders`: unsafe places sent to the organisation that fixes them, followed until done
//! or withdrawn (`closed_at`).

use sea_orm::entity::prelude::*;
use shared::work_order::{OrderKind, OrderState, Priority};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: OrderKind,
    pub priority: Priority,
    pub state: OrderState,
    pub area_id: Uuid,
    pub place_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// A map point from the sender's phone, in millionths of a degree.
    pub lat_e6: Option<i32>,
    pub lon_e6: Option<i32>,
    pub owner_organisation_id: Uuid,
    pub sender_organisation_id: Uuid,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    /// When it was sent to its present owner (re-routing sends it again).
    pub sent_at: DateTimeUtc,
    pub due_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
    pub planned_for: Option<Date>,
    pub done_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub done_note: Option<String>,
    pub rejected_at: Option<DateTimeUtc>,
    pub reject_reason: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
    /// When retention emptied its text (with its incidents').
    pub anonymised_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
