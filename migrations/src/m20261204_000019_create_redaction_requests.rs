//! Requests that coordinators remove personal data from an incident: who asked (and for which
//! organisation), why, and how each request ended (`redacted` or `declined`).

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, text_null, time, uuid_ref};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RedactionRequests {
    Table,
    Id,
    IncidentId,
    RequestedBy,
    OrganisationId,
    Reason,
    CreatedAt,
    ResolvedAt,
    ResolvedBy,
    Outcome,
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
                .table(RedactionRequests::Table)
                .col(id(RedactionRequests::Id))
                .col(uuid_ref(RedactionRequests::IncidentId))
                .col(uuid_ref(RedactionRequests::RequestedBy))
                .col(uuid_ref(RedactionRequests::OrganisationId))
                .col(text(RedactionRequests::Reason, 300))
                .col(time(RedactionRequests::CreatedAt))
                .col(
                    ColumnDef::new(RedactionRequests::ResolvedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ColumnDef::new(RedactionRequests::ResolvedBy).uuid().null())
                .col(text_null(RedactionRequests::Outcome, 16))
                .foreign_key(&mut fk(
                    RedactionRequests::Table,
                    RedactionRequests::IncidentId,
                    Incidents::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_redaction_requests_open",
            RedactionRequests::Table,
            &["resolved_at", "created_at"],
        ))
        .await?;
        m.create_index(index(
            "ix_redaction_requests_incident",
            RedactionRequests::Table,
            &["incident_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RedactionRequests::Table).to_owned())
            .await
    }
}
