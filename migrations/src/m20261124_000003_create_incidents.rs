//! Incidents, with an index for every filter the list offers (all newest first).

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, flag, id, index, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::{Areas, Categories, Organisations, Places};
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Incidents {
    Table,
    Id,
    OccurredAt,
    WeekKey,
    AreaId,
    PlaceId,
    CategoryId,
    OrganisationId,
    ReporterId,
    Description,
    YouthInvolved,
    PhysicalEnvironment,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Incidents::Table)
                .col(id(Incidents::Id))
                .col(time(Incidents::OccurredAt))
                // ISO week of the local occurrence time as year*100+week (202648).
                .col(ColumnDef::new(Incidents::WeekKey).integer().not_null())
                .col(uuid_ref(Incidents::AreaId))
                .col(uuid_ref(Incidents::PlaceId))
                .col(uuid_ref(Incidents::CategoryId))
                .col(uuid_ref(Incidents::OrganisationId))
                .col(uuid_ref(Incidents::ReporterId))
                .col(ColumnDef::new(Incidents::Description).text().not_null())
                .col(flag(Incidents::YouthInvolved))
                .col(flag(Incidents::PhysicalEnvironment))
                .col(time(Incidents::CreatedAt))
                .col(
                    ColumnDef::new(Incidents::UpdatedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut fk(Incidents::Table, Incidents::AreaId, Areas::Table))
                .foreign_key(&mut fk(Incidents::Table, Incidents::PlaceId, Places::Table))
                .foreign_key(&mut fk(
                    Incidents::Table,
                    Incidents::CategoryId,
                    Categories::Table,
                ))
                .foreign_key(&mut fk(
                    Incidents::Table,
                    Incidents::OrganisationId,
                    Organisations::Table,
                ))
                .foreign_key(&mut fk(
                    Incidents::Table,
                    Incidents::ReporterId,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        let t = || Incidents::Table;
        for (name, cols) in [
            ("ix_incidents_time", &["occurred_at", "id"][..]),
            ("ix_incidents_week", &["week_key", "occurred_at", "id"][..]),
            ("ix_incidents_area", &["area_id", "occurred_at", "id"][..]),
            (
                "ix_incidents_category",
                &["category_id", "occurred_at", "id"][..],
            ),
            (
                "ix_incidents_org",
                &["organisation_id", "occurred_at", "id"][..],
            ),
            ("ix_incidents_place", &["place_id", "occurred_at"][..]),
        ] {
            m.create_index(index(name, t(), cols)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Incidents::Table).to_owned())
            .await
    }
}
