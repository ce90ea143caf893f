//! Name warnings a reporter chose to keep ("Gustav Adolfs torg" is a place): one row each, so
//! the coordinators see per organisation how often it happens, and which incidents to check.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KeptWarnings {
    Table,
    Id,
    OrganisationId,
    IncidentId,
    Kind,
    At,
}

#[derive(DeriveIden)]
enum Incidents {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(KeptWarnings::Table)
                .col(id(KeptWarnings::Id))
                .col(uuid_ref(KeptWarnings::OrganisationId))
                .col(uuid_ref(KeptWarnings::IncidentId))
                .col(text(KeptWarnings::Kind, 16))
                .col(time(KeptWarnings::At))
                .foreign_key(&mut fk(
                    KeptWarnings::Table,
                    KeptWarnings::IncidentId,
                    Incidents::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_kept_warnings_at", KeptWarnings::Table, &["at"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(KeptWarnings::Table).to_owned())
            .await
    }
}
