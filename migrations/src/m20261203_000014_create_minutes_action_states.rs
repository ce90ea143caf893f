//! What locked minutes say about each action: its state at the moment the minutes were
//! finalised, so that closing an action later does not change minutes that are already signed.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, text, uuid_ref};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MinutesActionStates {
    Table,
    MeetingId,
    ActionId,
    State,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MinutesActionStates::Table)
                .col(uuid_ref(MinutesActionStates::MeetingId))
                .col(uuid_ref(MinutesActionStates::ActionId))
                .col(text(MinutesActionStates::State, 16))
                .primary_key(
                    Index::create()
                        .col(MinutesActionStates::MeetingId)
                        .col(MinutesActionStates::ActionId),
                )
                .foreign_key(&mut fk(
                    MinutesActionStates::Table,
                    MinutesActionStates::MeetingId,
                    Meetings::Table,
                ))
                .foreign_key(&mut fk(
                    MinutesActionStates::Table,
                    MinutesActionStates::ActionId,
                    Actions::Table,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MinutesActionStates::Table).to_owned())
            .await
    }
}
