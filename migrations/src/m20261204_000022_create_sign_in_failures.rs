//! Failed sign-ins, counted in the database so that every server sharing it counts together
//! and a restart forgets nothing. One row per key: the SHA-256 of an account's e-mail address
//! or of a network address (never the address itself), its failures and the last one's time.
//! Rows an hour old are deleted as new attempts arrive.

use sea_orm_migration::prelude::*;

use crate::helpers::{index, time};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Key,
    Failures,
    LastAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SignInFailures::Table)
                .col(
                    ColumnDef::new(SignInFailures::Key)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(SignInFailures::Failures)
                        .integer()
                        .not_null(),
                )
                .col(time(SignInFailures::LastAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_sign_in_failures_last_at",
            SignInFailures::Table,
            &["last_at"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignInFailures::Table).to_owned())
            .await
    }
}
