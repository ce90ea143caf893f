//! The append-only audit log. Triggers refuse every UPDATE and DELETE on both backends, so not
//! even a bug in the app can rewrite history.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::helpers::{id, index, text, time};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    UserId,
    OrganisationId,
    Action,
    RecordType,
    RecordId,
    BeforeJson,
    AfterJson,
}

const SQLITE_TRIGGERS: [&str; 2] = [
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events \
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
];

const POSTGRES_TRIGGERS: [&str; 2] = [
    "CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$ \
     BEGIN RAISE EXCEPTION 'audit_events is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events \
     FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(id(AuditEvents::Id))
                .col(time(AuditEvents::At))
                // No foreign keys: the log outlives what it describes.
                .col(ColumnDef::new(AuditEvents::UserId).uuid().null())
                .col(ColumnDef::new(AuditEvents::OrganisationId).uuid().null())
                .col(text(AuditEvents::Action, 16))
                .col(text(AuditEvents::RecordType, 24))
                .col(ColumnDef::new(AuditEvents::RecordId).uuid().null())
                .col(ColumnDef::new(AuditEvents::BeforeJson).text().null())
                .col(ColumnDef::new(AuditEvents::AfterJson).text().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_audit_user",
            AuditEvents::Table,
            &["user_id", "id"],
        ))
        .await?;
        m.create_index(index(
            "ix_audit_record",
            AuditEvents::Table,
            &["record_id", "id"],
        ))
        .await?;
        m.create_index(index("ix_audit_at", AuditEvents::Table, &["at"]))
            .await?;
        let triggers = match m.get_database_backend() {
            DatabaseBackend::Postgres => &POSTGRES_TRIGGERS,
            _ => &SQLITE_TRIGGERS,
        };
        for sql in triggers {
            m.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AuditEvents::Table).to_owned())
            .await?;
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_events_append_only()")
                .await?;
        }
        Ok(())
    }
}
