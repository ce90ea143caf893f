//! Users (one organisation and one role each) and their server-side sessions.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::Organisations;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    Name,
    OrganisationId,
    Role,
    PasswordHash,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(id(Users::Id))
                .col(text(Users::Email, 254).unique_key())
                .col(text(Users::Name, 100))
                .col(uuid_ref(Users::OrganisationId))
                .col(text(Users::Role, 16))
                .col(text(Users::PasswordHash, 255))
                .col(
                    ColumnDef::new(Users::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(time(Users::CreatedAt))
                .foreign_key(&mut fk(
                    Users::Table,
                    Users::OrganisationId,
                    Organisations::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Sessions::Table)
                // SHA-256 of the cookie token: a leaked table does not yield usable cookies.
                .col(
                    ColumnDef::new(Sessions::Id)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(uuid_ref(Sessions::UserId))
                .col(time(Sessions::CreatedAt))
                .col(time(Sessions::LastSeenAt))
                .col(time(Sessions::ExpiresAt))
                .foreign_key(
                    &mut fk(Sessions::Table, Sessions::UserId, Users::Table)
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_sessions_user", Sessions::Table, &["user_id"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Sessions::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Users::Table).to_owned())
            .await
    }
}
