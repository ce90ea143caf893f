//! Meeting tables: series and members, meetings, attendance, ratings, items, action reviews.

macro_rules! relationless {
    () => {
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}

/// `meeting_series`: a recurring meeting with its weekday, time and iCalendar feed token.
pub mod series {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "meeting_series")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub name: String,
        pub weekday: i32,
        pub start_time: String,
        pub duration_minutes: i32,
        pub feed_token: String,
        pub created_at: DateTimeUtc,
        /// Set for an area group; `None` for the weekly situation-picture meeting.
        pub area_id: Option<Uuid>,
        /// Where it meets, if given.
        pub location: Option<String>,
    }
    relationless!();
}

/// `series_members`: the organisations expected at a series' meetings.
pub mod member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "series_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub series_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
    }
    relationless!();
}

/// `group_members`: an area group's members (directory entries), one of them its convener.
pub mod group_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "group_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub series_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub contact_id: Uuid,
        pub convener: bool,
    }
    relationless!();
}

/// `meetings`: one occurrence, planned → in progress → finalised (locked).
pub mod meeting {
    use sea_orm::entity::prelude::*;
    use shared::meeting::MeetingState;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "meetings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub series_id: Uuid,
        pub starts_at: DateTimeUtc,
        pub state: MeetingState,
        pub picture_week: i32,
        #[sea_orm(column_type = "Text", nullable)]
        pub guests: Option<String>,
        pub started_at: Option<DateTimeUtc>,
        pub finalised_at: Option<DateTimeUtc>,
        pub finalised_by: Option<Uuid>,
    }
    relationless!();
}

/// `meeting_attendance`: present, absent or deputy, per member organisation.
pub mod attendance {
    use sea_orm::entity::prelude::*;
    use shared::meeting::Attendance;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "meeting_attendance")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub meeting_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
        pub status: Attendance,
    }
    relationless!();
}

/// `meeting_person_attendance`: present, absent or deputy, per member of an area group.
pub mod person_attendance {
    use sea_orm::entity::prelude::*;
    use shared::meeting::Attendance;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "meeting_person_attendance")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub meeting_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub contact_id: Uuid,
        pub status: Attendance,
    }
    relationless!();
}

/// `meeting_ratings`: the town's situation rated 1 (calm) … 5 (serious), with a comment.
pub mod rating {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "meeting_ratings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub meeting_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub area_id: Uuid,
        pub rating: i32,
        #[sea_orm(column_type = "Text", nullable)]
        pub comment: Option<String>,
    }
    relationless!();
}

/// `meeting_items`: agenda items, decisions and addenda.
pub mod item {
    use sea_orm::entity::prelude::*;
    use shared::meeting::ItemKind;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "meeting_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub meeting_id: Uuid,
        pub kind: ItemKind,
        #[sea_orm(column_type = "Text")]
        pub text: String,
        pub created_at: DateTimeUtc,
        pub created_by: Uuid,
    }
    relationless!();
}

/// `action_reviews`: what a meeting recorded for an action it carried over.
pub mod review {
    use sea_orm::entity::prelude::*;
    use shared::action::ActionState;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_reviews")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub meeting_id: Uuid,
        pub action_id: Uuid,
        pub state_after: ActionState,
        #[sea_orm(column_type = "Text", nullable)]
        pub note: Option<String>,
        pub created_at: DateTimeUtc,
    }
    relationless!();
}

/// `minutes_action_states`: each carried-over and new action's state when the minutes were
/// finalised; locked minutes show these, not today's.
pub mod frozen_state {
    use sea_orm::entity::prelude::*;
    use shared::action::ActionState;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "minutes_action_states")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub meeting_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub action_id: Uuid,
        pub state: ActionState,
    }
    relationless!();
}
