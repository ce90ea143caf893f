//! Retention: incidents older than the retention period are anonymised (their description and
//! exact place removed, counts kept). Adds when an incident was anonymised, marks the one
//! stand-in place per area that anonymised incidents point to, indexes what is still to be
//! anonymised, and lets the audit log's snapshots be redacted, and only them: who did what to
//! which record, and when, stays unchangeable, and rows still cannot be deleted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Incidents {
    Table,
    AnonymisedAt,
}

#[derive(DeriveIden)]
enum Places {
    Table,
    Anonymous,
}

const SQLITE_UP: [&str; 2] = [
    "DROP TRIGGER audit_events_no_update",
    "CREATE TRIGGER audit_events_only_redact BEFORE UPDATE ON audit_events \
     WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.user_id IS NOT OLD.user_id \
       OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.action IS NOT OLD.action \
       OR NEW.record_type IS NOT OLD.record_type OR NEW.record_id IS NOT OLD.record_id \
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: only snapshots may be redacted'); END",
];

const SQLITE_DOWN: [&str; 2] = [
    "DROP TRIGGER audit_events_only_redact",
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
];

const POSTGRES_UP: [&str; 1] = [
    "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$ \
     BEGIN \
       IF TG_OP = 'DELETE' OR (NEW.id, NEW.at, NEW.user_id, NEW.organisation_id, NEW.action, \
            NEW.record_type, NEW.record_id) IS DISTINCT FROM (OLD.id, OLD.at, OLD.user_id, \
            OLD.organisation_id, OLD.action, OLD.record_type, OLD.record_id) THEN \
         RAISE EXCEPTION 'audit_events is append-only: only snapshots may be redacted'; \
       END IF; \
       RETURN NEW; \
     END; $$ LANGUAGE plpgsql",
];

const POSTGRES_DOWN: [&str; 1] = [
    "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$ \
     BEGIN RAISE EXCEPTION 'audit_events is append-only'; END; $$ LANGUAGE plpgsql",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Incidents::Table)
                .add_column(
                    ColumnDef::new(Incidents::AnonymisedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Places::Table)
                .add_column(
                    ColumnDef::new(Places::Anonymous)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        // What retention still has to do, oldest first, without visiting the rest.
        db.execute_unprepared(
            "CREATE INDEX ix_incidents_to_anonymise ON incidents (occurred_at) \
             WHERE anonymised_at IS NULL",
        )
        .await?;
        let statements: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &POSTGRES_UP,
            _ => &SQLITE_UP,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let statements: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &POSTGRES_DOWN,
            _ => &SQLITE_DOWN,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        db.execute_unprepared("DROP INDEX ix_incidents_to_anonymise")
            .await?;
        m.alter_table(
            Table::alter()
                .table(Places::Table)
                .drop_column(Places::Anonymous)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Incidents::Table)
                .drop_column(Incidents::AnonymisedAt)
                .to_owned(),
        )
        .await
    }
}
