//! Organisations, areas, places within areas and incident categories.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, text_null, time, uuid_ref};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Organisations {
    Table,
    Id,
    Name,
    Kind,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Areas {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Places {
    Table,
    Id,
    AreaId,
    Name,
    NameKey,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Categories {
    Table,
    Id,
    Code,
    NameSv,
    NameEn,
    SortOrder,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Organisations::Table)
                .col(id(Organisations::Id))
                .col(text(Organisations::Name, 100).unique_key())
                .col(text(Organisations::Kind, 24))
                .col(time(Organisations::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Areas::Table)
                .col(id(Areas::Id))
                .col(text(Areas::Name, 100).unique_key())
                .col(time(Areas::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Places::Table)
                .col(id(Places::Id))
                .col(uuid_ref(Places::AreaId))
                .col(text(Places::Name, 100))
                // Lower-cased name: "Busstationen" and "busstationen" are one place.
                .col(text(Places::NameKey, 100))
                .col(time(Places::CreatedAt))
                .foreign_key(&mut fk(Places::Table, Places::AreaId, Areas::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_places_area_name",
                Places::Table,
                &["area_id", "name_key"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Categories::Table)
                .col(id(Categories::Id))
                .col(text_null(Categories::Code, 40).unique_key())
                .col(text(Categories::NameSv, 100).unique_key())
                .col(text_null(Categories::NameEn, 100))
                .col(
                    ColumnDef::new(Categories::SortOrder)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(time(Categories::CreatedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Categories::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Places::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Areas::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Organisations::Table).to_owned())
            .await
    }
}
