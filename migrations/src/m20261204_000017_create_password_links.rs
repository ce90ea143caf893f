//! Accounts kept in the app: one-time links to choose a password (for a newcomer, or after a
//! reset), stored only as the SHA-256 of their token, and when each user last signed in.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PasswordLinks {
    Table,
    Id,
    UserId,
    TokenHash,
    Purpose,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    LastSignInAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(
                    ColumnDef::new(Users::LastSignInAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PasswordLinks::Table)
                .col(id(PasswordLinks::Id))
                .col(uuid_ref(PasswordLinks::UserId))
                .col(text(PasswordLinks::TokenHash, 64).unique_key())
                .col(text(PasswordLinks::Purpose, 16))
                .col(time(PasswordLinks::CreatedAt))
                .col(time(PasswordLinks::ExpiresAt))
                .col(
                    ColumnDef::new(PasswordLinks::UsedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    &mut fk(PasswordLinks::Table, PasswordLinks::UserId, Users::Table)
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_password_links_user",
            PasswordLinks::Table,
            &["user_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PasswordLinks::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .drop_column(Users::LastSignInAt)
                .to_owned(),
        )
        .await
    }
}
