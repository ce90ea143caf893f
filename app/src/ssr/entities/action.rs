//! `actions`: decided measures, followed until closed (`closed_at`).

use sea_orm::entity::prelude::*;
use shared::action::ActionState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "actions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub owner_organisation_id: Uuid,
    pub owner_person: Option<String>,
    pub due: Date,
    pub area_id: Option<Uuid>,
    pub place_id: Option<Uuid>,
    pub origin_meeting_id: Option<Uuid>,
    pub state: ActionState,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Uuid,
    pub closed_at: Option<DateTimeUtc>,
    /// The area group the action belongs to (need-to-know); `None` for the weekly meeting's.
    pub group_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
