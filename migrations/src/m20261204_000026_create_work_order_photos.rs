//! Photos on work orders, kept in the database (so backups and retention cover them): made
//! anew as JPEG on upload, without any of the original's metadata.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WorkOrderPhotos {
    Table,
    Id,
    WorkOrderId,
    Stage,
    Width,
    Height,
    Bytes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WorkOrders {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(WorkOrderPhotos::Table)
                .col(id(WorkOrderPhotos::Id))
                .col(uuid_ref(WorkOrderPhotos::WorkOrderId))
                .col(text(WorkOrderPhotos::Stage, 8))
                .col(ColumnDef::new(WorkOrderPhotos::Width).integer().not_null())
                .col(ColumnDef::new(WorkOrderPhotos::Height).integer().not_null())
                .col(ColumnDef::new(WorkOrderPhotos::Bytes).blob().not_null())
                .col(uuid_ref(WorkOrderPhotos::CreatedBy))
                .col(time(WorkOrderPhotos::CreatedAt))
                .foreign_key(&mut fk(
                    WorkOrderPhotos::Table,
                    WorkOrderPhotos::WorkOrderId,
                    WorkOrders::Table,
                ))
                .foreign_key(&mut fk(
                    WorkOrderPhotos::Table,
                    WorkOrderPhotos::CreatedBy,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_work_order_photos_order",
            WorkOrderPhotos::Table,
            &["work_order_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WorkOrderPhotos::Table).to_owned())
            .await
    }
}
