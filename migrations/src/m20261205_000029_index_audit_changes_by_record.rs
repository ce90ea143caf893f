//! A record's history (who created and changed it) is read from its audit events without
//! reading the views among them: the index on the record id also holds the action. Every
//! audited read of a record adds a view event, so a much-read incident had tens of thousands,
//! and its page slowed with every look at it. It replaces the index on (record id, id): the
//! record id alone still finds a record's events.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_audit_record_changes \
             ON audit_events (record_id, action, id)",
        )
        .await?;
        db.execute_unprepared("DROP INDEX IF EXISTS ix_audit_record")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("CREATE INDEX ix_audit_record ON audit_events (record_id, id)")
            .await?;
        db.execute_unprepared("DROP INDEX ix_audit_record_changes")
            .await?;
        Ok(())
    }
}
