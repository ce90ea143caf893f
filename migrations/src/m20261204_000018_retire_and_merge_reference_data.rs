//! Reference data that lives: organisations, areas, categories and places can be retired (they
//! leave the forms for new work, old records keep them, and they can be brought back); a
//! duplicate place can be merged into the one that stays (the merged row stays as an alias,
//! pointing at it); a place typed for the first time is marked unconfirmed until a
//! coordinator confirms or merges it. Places that exist already count as confirmed.

use sea_orm_migration::prelude::*;

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
}

#[derive(DeriveIden)]
enum Areas {
    Table,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
}

#[derive(DeriveIden)]
enum Places {
    Table,
    MergedInto,
    Confirmed,
}

#[derive(DeriveIden)]
enum Added {
    RetiredAt,
}

fn retired_at() -> ColumnDef {
    ColumnDef::new(Added::RetiredAt)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Organisations::Table.into_iden(),
            Areas::Table.into_iden(),
            Categories::Table.into_iden(),
            Places::Table.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(retired_at())
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Places::Table)
                .add_column(ColumnDef::new(Places::MergedInto).uuid().null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Places::Table)
                .add_column(
                    ColumnDef::new(Places::Confirmed)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_places_merged_into",
            Places::Table,
            &["merged_into"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_places_merged_into")
                .table(Places::Table)
                .to_owned(),
        )
        .await?;
        for column in [Places::Confirmed, Places::MergedInto] {
            m.alter_table(
                Table::alter()
                    .table(Places::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        for table in [
            Organisations::Table.into_iden(),
            Areas::Table.into_iden(),
            Categories::Table.into_iden(),
            Places::Table.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column(Added::RetiredAt)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
