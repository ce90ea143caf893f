//! Where a meeting series meets ("Kommunhuset, sal 2"), for its calendar feed and its page.

use sea_orm_migration::prelude::*;

use crate::helpers::text_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MeetingSeries {
    Table,
    Location,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(MeetingSeries::Table)
                .add_column(text_null(MeetingSeries::Location, 100))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(MeetingSeries::Table)
                .drop_column(MeetingSeries::Location)
                .to_owned(),
        )
        .await
    }
}
