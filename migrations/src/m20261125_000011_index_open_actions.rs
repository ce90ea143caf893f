//! Open actions per area (the situation picture's "open actions" line) from an index of the
//! open ones alone, instead of visiting every action ever taken.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Partial indexes read the same on SQLite and PostgreSQL.
        m.get_connection()
            .execute_unprepared(
                "CREATE INDEX ix_actions_open ON actions (area_id, due, group_id) \
                 WHERE closed_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX ix_actions_open")
            .await?;
        Ok(())
    }
}
