//! Weekly reports: one per organisation and ISO week, with or without incidents.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, flag, id, index, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::Organisations;
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WeeklyReports {
    Table,
    Id,
    OrganisationId,
    WeekKey,
    SubmittedAt,
    SubmittedBy,
    NothingToReport,
    IncidentCount,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(WeeklyReports::Table)
                .col(id(WeeklyReports::Id))
                .col(uuid_ref(WeeklyReports::OrganisationId))
                .col(ColumnDef::new(WeeklyReports::WeekKey).integer().not_null())
                .col(time(WeeklyReports::SubmittedAt))
                .col(uuid_ref(WeeklyReports::SubmittedBy))
                .col(flag(WeeklyReports::NothingToReport))
                .col(
                    ColumnDef::new(WeeklyReports::IncidentCount)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .foreign_key(&mut fk(
                    WeeklyReports::Table,
                    WeeklyReports::OrganisationId,
                    Organisations::Table,
                ))
                .foreign_key(&mut fk(
                    WeeklyReports::Table,
                    WeeklyReports::SubmittedBy,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_weekly_reports_org_week",
                WeeklyReports::Table,
                &["organisation_id", "week_key"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_weekly_reports_week",
            WeeklyReports::Table,
            &["week_key"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WeeklyReports::Table).to_owned())
            .await
    }
}
