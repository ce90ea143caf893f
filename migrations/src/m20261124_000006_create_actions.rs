//! Actions (åtgärder) and the incidents they answer.

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::{Areas, Organisations};
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Actions {
    Table,
    Id,
    Title,
    OwnerOrganisationId,
    OwnerPerson,
    Due,
    AreaId,
    OriginMeetingId,
    State,
    Note,
    CreatedAt,
    CreatedBy,
    ClosedAt,
}

#[derive(DeriveIden)]
enum ActionIncidents {
    Table,
    ActionId,
    IncidentId,
}

#[derive(DeriveIden)]
enum Incidents {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Actions::Table)
                .col(id(Actions::Id))
                .col(text(Actions::Title, 200))
                .col(uuid_ref(Actions::OwnerOrganisationId))
                .col(ColumnDef::new(Actions::OwnerPerson).string_len(100).null())
                .col(ColumnDef::new(Actions::Due).date().not_null())
                .col(ColumnDef::new(Actions::AreaId).uuid().null())
                // The meeting it was decided at (meetings arrive with the meeting machinery).
                .col(ColumnDef::new(Actions::OriginMeetingId).uuid().null())
                .col(text(Actions::State, 16))
                .col(ColumnDef::new(Actions::Note).text().null())
                .col(time(Actions::CreatedAt))
                .col(uuid_ref(Actions::CreatedBy))
                // When it ended (done, not possible, not done): open actions carry over until then.
                .col(
                    ColumnDef::new(Actions::ClosedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut fk(
                    Actions::Table,
                    Actions::OwnerOrganisationId,
                    Organisations::Table,
                ))
                .foreign_key(&mut fk(Actions::Table, Actions::AreaId, Areas::Table))
                .foreign_key(&mut fk(Actions::Table, Actions::CreatedBy, Users::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_actions_owner",
            Actions::Table,
            &["owner_organisation_id", "state", "due"],
        ))
        .await?;
        m.create_index(index(
            "ix_actions_area",
            Actions::Table,
            &["area_id", "state", "due"],
        ))
        .await?;
        m.create_index(index("ix_actions_state", Actions::Table, &["state", "due"]))
            .await?;
        m.create_table(
            Table::create()
                .table(ActionIncidents::Table)
                .col(uuid_ref(ActionIncidents::ActionId))
                .col(uuid_ref(ActionIncidents::IncidentId))
                .primary_key(
                    Index::create()
                        .col(ActionIncidents::ActionId)
                        .col(ActionIncidents::IncidentId),
                )
                .foreign_key(&mut fk(
                    ActionIncidents::Table,
                    ActionIncidents::ActionId,
                    Actions::Table,
                ))
                .foreign_key(&mut fk(
                    ActionIncidents::Table,
                    ActionIncidents::IncidentId,
                    Incidents::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_action_incidents_incident",
            ActionIncidents::Table,
            &["incident_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ActionIncidents::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Actions::Table).to_owned())
            .await
    }
}
