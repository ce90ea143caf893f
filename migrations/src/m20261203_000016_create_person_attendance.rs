//! An area group's attendance is taken per person: its members are directory entries, not
//! organisations. The organisations' attendance (`meeting_attendance`) is derived from it.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, text, uuid_ref};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MeetingPersonAttendance {
    Table,
    MeetingId,
    ContactId,
    Status,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
}

#[derive(DeriveIden)]
enum Contacts {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MeetingPersonAttendance::Table)
                .col(uuid_ref(MeetingPersonAttendance::MeetingId))
                .col(uuid_ref(MeetingPersonAttendance::ContactId))
                .col(text(MeetingPersonAttendance::Status, 16))
                .primary_key(
                    Index::create()
                        .col(MeetingPersonAttendance::MeetingId)
                        .col(MeetingPersonAttendance::ContactId),
                )
                .foreign_key(&mut fk(
                    MeetingPersonAttendance::Table,
                    MeetingPersonAttendance::MeetingId,
                    Meetings::Table,
                ))
                .foreign_key(&mut fk(
                    MeetingPersonAttendance::Table,
                    MeetingPersonAttendance::ContactId,
                    Contacts::Table,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(
            Table::drop()
                .table(MeetingPersonAttendance::Table)
                .to_owned(),
        )
        .await
    }
}
