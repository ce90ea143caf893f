//! Meeting series and their meetings: attendance, ratings per area, agenda items, decisions,
//! addenda and what each meeting recorded for the actions it carried over.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::{Areas, Organisations};
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MeetingSeries {
    Table,
    Id,
    Name,
    Weekday,
    StartTime,
    DurationMinutes,
    FeedToken,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SeriesMembers {
    Table,
    SeriesId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    SeriesId,
    StartsAt,
    State,
    PictureWeek,
    Guests,
    StartedAt,
    FinalisedAt,
    FinalisedBy,
}

#[derive(DeriveIden)]
enum MeetingAttendance {
    Table,
    MeetingId,
    OrganisationId,
    Status,
}

#[derive(DeriveIden)]
enum MeetingRatings {
    Table,
    MeetingId,
    AreaId,
    Rating,
    Comment,
}

#[derive(DeriveIden)]
enum MeetingItems {
    Table,
    Id,
    MeetingId,
    Kind,
    Text,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum ActionReviews {
    Table,
    Id,
    MeetingId,
    ActionId,
    StateAfter,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MeetingSeries::Table)
                .col(id(MeetingSeries::Id))
                .col(text(MeetingSeries::Name, 100).unique_key())
                // 0 = Monday … 6 = Sunday; local (Europe/Stockholm) time `15:00`.
                .col(ColumnDef::new(MeetingSeries::Weekday).integer().not_null())
                .col(text(MeetingSeries::StartTime, 5))
                .col(
                    ColumnDef::new(MeetingSeries::DurationMinutes)
                        .integer()
                        .not_null()
                        .default(90),
                )
                // Secret part of the iCalendar feed URL (calendar programs send no cookies).
                .col(text(MeetingSeries::FeedToken, 64))
                .col(time(MeetingSeries::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SeriesMembers::Table)
                .col(uuid_ref(SeriesMembers::SeriesId))
                .col(uuid_ref(SeriesMembers::OrganisationId))
                .primary_key(
                    Index::create()
                        .col(SeriesMembers::SeriesId)
                        .col(SeriesMembers::OrganisationId),
                )
                .foreign_key(&mut fk(
                    SeriesMembers::Table,
                    SeriesMembers::SeriesId,
                    MeetingSeries::Table,
                ))
                .foreign_key(&mut fk(
                    SeriesMembers::Table,
                    SeriesMembers::OrganisationId,
                    Organisations::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Meetings::Table)
                .col(id(Meetings::Id))
                .col(uuid_ref(Meetings::SeriesId))
                .col(time(Meetings::StartsAt))
                .col(text(Meetings::State, 16))
                .col(ColumnDef::new(Meetings::PictureWeek).integer().not_null())
                .col(ColumnDef::new(Meetings::Guests).text().null())
                .col(
                    ColumnDef::new(Meetings::StartedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(
                    ColumnDef::new(Meetings::FinalisedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ColumnDef::new(Meetings::FinalisedBy).uuid().null())
                .foreign_key(&mut fk(
                    Meetings::Table,
                    Meetings::SeriesId,
                    MeetingSeries::Table,
                ))
                .foreign_key(&mut fk(
                    Meetings::Table,
                    Meetings::FinalisedBy,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_meetings_series",
            Meetings::Table,
            &["series_id", "starts_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingAttendance::Table)
                .col(uuid_ref(MeetingAttendance::MeetingId))
                .col(uuid_ref(MeetingAttendance::OrganisationId))
                .col(text(MeetingAttendance::Status, 16))
                .primary_key(
                    Index::create()
                        .col(MeetingAttendance::MeetingId)
                        .col(MeetingAttendance::OrganisationId),
                )
                .foreign_key(&mut fk(
                    MeetingAttendance::Table,
                    MeetingAttendance::MeetingId,
                    Meetings::Table,
                ))
                .foreign_key(&mut fk(
                    MeetingAttendance::Table,
                    MeetingAttendance::OrganisationId,
                    Organisations::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingRatings::Table)
                .col(uuid_ref(MeetingRatings::MeetingId))
                .col(uuid_ref(MeetingRatings::AreaId))
                .col(ColumnDef::new(MeetingRatings::Rating).integer().not_null())
                .col(ColumnDef::new(MeetingRatings::Comment).text().null())
                .primary_key(
                    Index::create()
                        .col(MeetingRatings::MeetingId)
                        .col(MeetingRatings::AreaId),
                )
                .foreign_key(&mut fk(
                    MeetingRatings::Table,
                    MeetingRatings::MeetingId,
                    Meetings::Table,
                ))
                .foreign_key(&mut fk(
                    MeetingRatings::Table,
                    MeetingRatings::AreaId,
                    Areas::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingItems::Table)
                .col(id(MeetingItems::Id))
                .col(uuid_ref(MeetingItems::MeetingId))
                .col(text(MeetingItems::Kind, 16))
                .col(ColumnDef::new(MeetingItems::Text).text().not_null())
                .col(time(MeetingItems::CreatedAt))
                .col(uuid_ref(MeetingItems::CreatedBy))
                .foreign_key(&mut fk(
                    MeetingItems::Table,
                    MeetingItems::MeetingId,
                    Meetings::Table,
                ))
                .foreign_key(&mut fk(
                    MeetingItems::Table,
                    MeetingItems::CreatedBy,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_meeting_items_meeting",
            MeetingItems::Table,
            &["meeting_id", "id"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(ActionReviews::Table)
                .col(id(ActionReviews::Id))
                .col(uuid_ref(ActionReviews::MeetingId))
                .col(uuid_ref(ActionReviews::ActionId))
                .col(text(ActionReviews::StateAfter, 16))
                .col(ColumnDef::new(ActionReviews::Note).text().null())
                .col(time(ActionReviews::CreatedAt))
                .foreign_key(&mut fk(
                    ActionReviews::Table,
                    ActionReviews::MeetingId,
                    Meetings::Table,
                ))
                .foreign_key(&mut fk(
                    ActionReviews::Table,
                    ActionReviews::ActionId,
                    Actions::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_action_reviews",
                ActionReviews::Table,
                &["meeting_id", "action_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_action_reviews_action",
            ActionReviews::Table,
            &["action_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ActionReviews::Table.into_iden(),
            MeetingItems::Table.into_iden(),
            MeetingRatings::Table.into_iden(),
            MeetingAttendance::Table.into_iden(),
            Meetings::Table.into_iden(),
            SeriesMembers::Table.into_iden(),
            MeetingSeries::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
