//! The incident list filtered by area and category together walks an index of both, newest
//! first, instead of one area's whole history looking for the category.

use sea_orm_migration::prelude::*;

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Incidents {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index(
            "ix_incidents_area_category",
            Incidents::Table,
            &["area_id", "category_id", "occurred_at", "id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_incidents_area_category")
                .table(Incidents::Table)
                .to_owned(),
        )
        .await
    }
}
