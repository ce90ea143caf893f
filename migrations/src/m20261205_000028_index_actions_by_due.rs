//! The action lists walk an index in their own order, 50 at a time: the open ones by due
//! date (a partial index of the open ones alone) and the whole history by due date, so a page
//! deep in ten years reads 51 rows instead of sorting every action in scope.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("CREATE INDEX ix_actions_due ON actions (due, id)")
            .await?;
        // Partial indexes read the same on SQLite and PostgreSQL.
        db.execute_unprepared(
            "CREATE INDEX ix_actions_open_by_due ON actions (due, id) WHERE closed_at IS NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("DROP INDEX ix_actions_open_by_due")
            .await?;
        db.execute_unprepared("DROP INDEX ix_actions_due").await?;
        Ok(())
    }
}
