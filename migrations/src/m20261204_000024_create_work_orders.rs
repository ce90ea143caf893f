//! Work orders: unsafe places sent to the organisation that fixes them, and the routing that
//! proposes that organisation (a place's owner, a category's default owner and kind).

use sea_orm_migration::prelude::*;

use crate::helpers::{fk, id, index, text, time, uuid_ref};
use crate::m20261124_000001_create_reference_data::{Areas, Categories, Organisations, Places};
use crate::m20261124_000002_create_users_and_sessions::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WorkOrders {
    Table,
    Id,
    Kind,
    Priority,
    State,
    AreaId,
    PlaceId,
    Description,
    LatE6,
    LonE6,
    OwnerOrganisationId,
    SenderOrganisationId,
    CreatedBy,
    CreatedAt,
    SentAt,
    DueAt,
    AcceptedAt,
    PlannedFor,
    DoneAt,
    DoneNote,
    RejectedAt,
    RejectReason,
    ClosedAt,
    AnonymisedAt,
}

#[derive(DeriveIden)]
enum WorkOrderIncidents {
    Table,
    WorkOrderId,
    IncidentId,
}

#[derive(DeriveIden)]
enum Incidents {
    Table,
}

#[derive(DeriveIden)]
enum Routing {
    OwnerOrganisationId,
    DefaultOwnerOrganisationId,
    WorkOrderKind,
}

fn moment(col: WorkOrders) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

/// The standard categories that are about a place's state, and the kind of order they make.
const KINDS: [(&str, &str); 4] = [
    ("unsafe_place", "lighting"),
    ("graffiti", "graffiti"),
    ("littering", "litter"),
    ("vandalism", "damaged_furniture"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(WorkOrders::Table)
                .col(id(WorkOrders::Id))
                .col(text(WorkOrders::Kind, 24))
                .col(text(WorkOrders::Priority, 8))
                .col(text(WorkOrders::State, 16))
                .col(uuid_ref(WorkOrders::AreaId))
                .col(uuid_ref(WorkOrders::PlaceId))
                .col(ColumnDef::new(WorkOrders::Description).text().not_null())
                // A map point from the sender's phone, in millionths of a degree.
                .col(ColumnDef::new(WorkOrders::LatE6).integer().null())
                .col(ColumnDef::new(WorkOrders::LonE6).integer().null())
                .col(uuid_ref(WorkOrders::OwnerOrganisationId))
                .col(uuid_ref(WorkOrders::SenderOrganisationId))
                .col(uuid_ref(WorkOrders::CreatedBy))
                .col(time(WorkOrders::CreatedAt))
                .col(time(WorkOrders::SentAt))
                .col(time(WorkOrders::DueAt))
                .col(moment(WorkOrders::AcceptedAt))
                .col(ColumnDef::new(WorkOrders::PlannedFor).date().null())
                .col(moment(WorkOrders::DoneAt))
                .col(ColumnDef::new(WorkOrders::DoneNote).text().null())
                .col(moment(WorkOrders::RejectedAt))
                .col(
                    ColumnDef::new(WorkOrders::RejectReason)
                        .string_len(300)
                        .null(),
                )
                .col(moment(WorkOrders::ClosedAt))
                .col(moment(WorkOrders::AnonymisedAt))
                .foreign_key(&mut fk(WorkOrders::Table, WorkOrders::AreaId, Areas::Table))
                .foreign_key(&mut fk(
                    WorkOrders::Table,
                    WorkOrders::PlaceId,
                    Places::Table,
                ))
                .foreign_key(&mut fk(
                    WorkOrders::Table,
                    WorkOrders::OwnerOrganisationId,
                    Organisations::Table,
                ))
                .foreign_key(&mut fk(
                    WorkOrders::Table,
                    WorkOrders::SenderOrganisationId,
                    Organisations::Table,
                ))
                .foreign_key(&mut fk(
                    WorkOrders::Table,
                    WorkOrders::CreatedBy,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            (
                "ix_work_orders_owner",
                &["owner_organisation_id", "closed_at", "due_at"][..],
            ),
            (
                "ix_work_orders_area",
                &["area_id", "closed_at", "due_at"][..],
            ),
            (
                "ix_work_orders_sender",
                &["sender_organisation_id", "closed_at"][..],
            ),
            ("ix_work_orders_place", &["place_id"][..]),
        ] {
            m.create_index(index(name, WorkOrders::Table, cols)).await?;
        }
        m.create_table(
            Table::create()
                .table(WorkOrderIncidents::Table)
                .col(uuid_ref(WorkOrderIncidents::WorkOrderId))
                .col(uuid_ref(WorkOrderIncidents::IncidentId))
                .primary_key(
                    Index::create()
                        .col(WorkOrderIncidents::WorkOrderId)
                        .col(WorkOrderIncidents::IncidentId),
                )
                .foreign_key(&mut fk(
                    WorkOrderIncidents::Table,
                    WorkOrderIncidents::WorkOrderId,
                    WorkOrders::Table,
                ))
                .foreign_key(&mut fk(
                    WorkOrderIncidents::Table,
                    WorkOrderIncidents::IncidentId,
                    Incidents::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_work_order_incidents_incident",
            WorkOrderIncidents::Table,
            &["incident_id"],
        ))
        .await?;
        // Added columns carry no foreign key (SQLite cannot add one); the code checks them.
        m.alter_table(
            Table::alter()
                .table(Places::Table)
                .add_column(ColumnDef::new(Routing::OwnerOrganisationId).uuid().null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Categories::Table)
                .add_column(
                    ColumnDef::new(Routing::DefaultOwnerOrganisationId)
                        .uuid()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Categories::Table)
                .add_column(ColumnDef::new(Routing::WorkOrderKind).string_len(24).null())
                .to_owned(),
        )
        .await?;
        for (code, kind) in KINDS {
            m.exec_stmt(
                Query::update()
                    .table(Categories::Table)
                    .value(Routing::WorkOrderKind, kind)
                    .and_where(Expr::col(Categories::Code).eq(code))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            (
                Categories::Table.into_iden(),
                Routing::WorkOrderKind.into_iden(),
            ),
            (
                Categories::Table.into_iden(),
                Routing::DefaultOwnerOrganisationId.into_iden(),
            ),
            (
                Places::Table.into_iden(),
                Routing::OwnerOrganisationId.into_iden(),
            ),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        m.drop_table(Table::drop().table(WorkOrderIncidents::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(WorkOrders::Table).to_owned())
            .await
    }
}
