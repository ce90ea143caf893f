//! Safety walks (trygghetsvandringar) and what was observed on them; an observation may later
//! become a work order.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::{Areas, Organisations, Places};
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SafetyWalks {
    Table,
    Id,
    AreaId,
    PlannedFor,
    Participants,
    State,
    CreatedBy,
    CreatedAt,
    DoneAt,
    AnonymisedAt,
}

#[derive(DeriveIden)]
enum WalkObservations {
    Table,
    Id,
    WalkId,
    PlaceId,
    Kind,
    Note,
    LatE6,
    LonE6,
    OrganisationId,
    CreatedBy,
    CreatedAt,
    WorkOrderId,
    RemovedAt,
}

#[derive(DeriveIden)]
enum WalkPhotos {
    Table,
    Id,
    ObservationId,
    Width,
    Height,
    Bytes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WorkOrders {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let moment = |col: SafetyWalks| {
            ColumnDef::new(col)
                .timestamp_with_time_zone()
                .null()
                .to_owned()
        };
        m.create_table(
            Table::create()
                .table(SafetyWalks::Table)
                .col(id(SafetyWalks::Id))
                .col(uuid_ref(SafetyWalks::AreaId))
                .col(ColumnDef::new(SafetyWalks::PlannedFor).date().not_null())
                .col(ColumnDef::new(SafetyWalks::Participants).text().not_null())
                .col(text(SafetyWalks::State, 8))
                .col(uuid_ref(SafetyWalks::CreatedBy))
                .col(time(SafetyWalks::CreatedAt))
                .col(moment(SafetyWalks::DoneAt))
                .col(moment(SafetyWalks::AnonymisedAt))
                .foreign_key(&mut fk(
                    SafetyWalks::Table,
                    SafetyWalks::AreaId,
                    Areas::Table,
                ))
                .foreign_key(&mut fk(
                    SafetyWalks::Table,
                    SafetyWalks::CreatedBy,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WalkObservations::Table)
                .col(id(WalkObservations::Id))
                .col(uuid_ref(WalkObservations::WalkId))
                .col(uuid_ref(WalkObservations::PlaceId))
                .col(text(WalkObservations::Kind, 24))
                .col(ColumnDef::new(WalkObservations::Note).text().not_null())
                .col(ColumnDef::new(WalkObservations::LatE6).integer().null())
                .col(ColumnDef::new(WalkObservations::LonE6).integer().null())
                .col(uuid_ref(WalkObservations::OrganisationId))
                .col(uuid_ref(WalkObservations::CreatedBy))
                .col(time(WalkObservations::CreatedAt))
                .col(ColumnDef::new(WalkObservations::WorkOrderId).uuid().null())
                // Removed as a slip: hidden, and brought back by "Ångra".
                .col(
                    ColumnDef::new(WalkObservations::RemovedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut fk(
                    WalkObservations::Table,
                    WalkObservations::WalkId,
                    SafetyWalks::Table,
                ))
                .foreign_key(&mut fk(
                    WalkObservations::Table,
                    WalkObservations::PlaceId,
                    Places::Table,
                ))
                .foreign_key(&mut fk(
                    WalkObservations::Table,
                    WalkObservations::OrganisationId,
                    Organisations::Table,
                ))
                .foreign_key(&mut fk(
                    WalkObservations::Table,
                    WalkObservations::CreatedBy,
                    Users::Table,
                ))
                .foreign_key(&mut fk(
                    WalkObservations::Table,
                    WalkObservations::WorkOrderId,
                    WorkOrders::Table,
                ))
                .to_owned(),
        )
        .await?;
        // Photos of an observation's place, made anew as JPEG without metadata (as an order's).
        m.create_table(
            Table::create()
                .table(WalkPhotos::Table)
                .col(id(WalkPhotos::Id))
                .col(uuid_ref(WalkPhotos::ObservationId))
                .col(ColumnDef::new(WalkPhotos::Width).integer().not_null())
                .col(ColumnDef::new(WalkPhotos::Height).integer().not_null())
                .col(ColumnDef::new(WalkPhotos::Bytes).blob().not_null())
                .col(uuid_ref(WalkPhotos::CreatedBy))
                .col(time(WalkPhotos::CreatedAt))
                .foreign_key(&mut fk(
                    WalkPhotos::Table,
                    WalkPhotos::ObservationId,
                    WalkObservations::Table,
                ))
                .foreign_key(&mut fk(
                    WalkPhotos::Table,
                    WalkPhotos::CreatedBy,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_walk_photos_observation",
            WalkPhotos::Table,
            &["observation_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_safety_walks_day",
            SafetyWalks::Table,
            &["planned_for"],
        ))
        .await?;
        m.create_index(index(
            "ix_walk_observations_walk",
            WalkObservations::Table,
            &["walk_id", "created_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WalkPhotos::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(WalkObservations::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(SafetyWalks::Table).to_owned())
            .await
    }
}
