//! The contact directory and area groups: a meeting series with an area is an area group,
//! whose members are directory entries; actions decided in it belong to it (need-to-know).

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, text_null, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::{Areas, Organisations};
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contacts {
    Table,
    Id,
    Name,
    OrganisationId,
    Function,
    Unit,
    AreaId,
    Phone,
    Email,
    DeputyId,
    UserId,
    Active,
    CreatedAt,
    DeactivatedAt,
}

#[derive(DeriveIden)]
enum GroupMembers {
    Table,
    SeriesId,
    ContactId,
    Convener,
}

#[derive(DeriveIden)]
enum MeetingSeries {
    Table,
    AreaId,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    GroupId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Contacts::Table)
                .col(id(Contacts::Id))
                .col(text(Contacts::Name, 100))
                .col(uuid_ref(Contacts::OrganisationId))
                .col(text(Contacts::Function, 24))
                .col(text_null(Contacts::Unit, 100))
                // No area: the post serves the whole municipality (e.g. the social on-call).
                .col(ColumnDef::new(Contacts::AreaId).uuid().null())
                .col(text_null(Contacts::Phone, 32))
                .col(text_null(Contacts::Email, 254))
                .col(ColumnDef::new(Contacts::DeputyId).uuid().null())
                // The account of the person themselves: they may edit the entry.
                .col(ColumnDef::new(Contacts::UserId).uuid().null().unique_key())
                .col(
                    ColumnDef::new(Contacts::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(time(Contacts::CreatedAt))
                .col(
                    ColumnDef::new(Contacts::DeactivatedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut fk(
                    Contacts::Table,
                    Contacts::OrganisationId,
                    Organisations::Table,
                ))
                .foreign_key(&mut fk(Contacts::Table, Contacts::AreaId, Areas::Table))
                .foreign_key(&mut fk(
                    Contacts::Table,
                    Contacts::DeputyId,
                    Contacts::Table,
                ))
                .foreign_key(&mut fk(Contacts::Table, Contacts::UserId, Users::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(index("contacts_area", Contacts::Table, &["area_id"]))
            .await?;
        m.create_table(
            Table::create()
                .table(GroupMembers::Table)
                .col(uuid_ref(GroupMembers::SeriesId))
                .col(uuid_ref(GroupMembers::ContactId))
                .col(
                    ColumnDef::new(GroupMembers::Convener)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .primary_key(
                    Index::create()
                        .col(GroupMembers::SeriesId)
                        .col(GroupMembers::ContactId),
                )
                .foreign_key(&mut fk(
                    GroupMembers::Table,
                    GroupMembers::SeriesId,
                    MeetingSeries::Table,
                ))
                .foreign_key(&mut fk(
                    GroupMembers::Table,
                    GroupMembers::ContactId,
                    Contacts::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "group_members_contact",
            GroupMembers::Table,
            &["contact_id"],
        ))
        .await?;
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(
            Table::alter()
                .table(MeetingSeries::Table)
                .add_column(ColumnDef::new(MeetingSeries::AreaId).uuid().null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Actions::Table)
                .add_column(ColumnDef::new(Actions::GroupId).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("actions_group", Actions::Table, &["group_id"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("actions_group")
                .table(Actions::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Actions::Table)
                .drop_column(Actions::GroupId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(MeetingSeries::Table)
                .drop_column(MeetingSeries::AreaId)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(GroupMembers::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Contacts::Table).to_owned())
            .await
    }
}
