//! Service levels for work orders, as an admin sets them: how many hours the owner has for a
//! kind of order at a priority. Kinds without a row use the defaults in `shared`.

use sea_orm_migration::prelude::*;

use crate::helpers::{text, time};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ServiceLevels {
    Table,
    Kind,
    Priority,
    Hours,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ServiceLevels::Table)
                .col(text(ServiceLevels::Kind, 24))
                .col(text(ServiceLevels::Priority, 8))
                .col(ColumnDef::new(ServiceLevels::Hours).integer().not_null())
                .col(time(ServiceLevels::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(ServiceLevels::Kind)
                        .col(ServiceLevels::Priority),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ServiceLevels::Table).to_owned())
            .await
    }
}
