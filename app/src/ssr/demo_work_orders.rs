//! The demo's work orders: routing for the places and categories about a place's state, and
//! six orders sent from recent incidents, one in each step of an order's life (one overdue),
//! made through the services as people would.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use shared::ids::IncidentId;
use shared::lang::Lang;
use shared::reference::ReferenceKind;
use shared::work_order::{Priority, StepInput, WorkOrderInput};
use uuid::Uuid;

use super::demo::demo_user;
use super::entities::{category, incident, organisation, place, work_order};
use super::time::now_local;
use super::{Result, db_err, reference_admin, work_orders};

/// Who fixes things where: (place, owner).
const PLACE_OWNERS: [(&str, &str); 10] = [
    ("Societetsparken", "Gatu- och parkavdelningen"),
    ("Torget", "Gatu- och parkavdelningen"),
    ("Badplatsen", "Gatu- och parkavdelningen"),
    ("Hamnplan", "Gatu- och parkavdelningen"),
    ("Lommarskolan", "Fastighetsavdelningen"),
    ("Ekebyskolan", "Fastighetsavdelningen"),
    ("Skolgården", "Fastighetsavdelningen"),
    ("Fritidsgården", "Fastighetsavdelningen"),
    ("Folkets hus", "Fastighetsavdelningen"),
    ("Rimbo centrum", "Norrtäljehem"),
];

/// Each category's default owner: (code, owner).
const CATEGORY_OWNERS: [(&str, &str); 4] = [
    ("unsafe_place", "Gatu- och parkavdelningen"),
    ("littering", "Gatu- och parkavdelningen"),
    ("graffiti", "Fastighetsavdelningen"),
    ("vandalism", "Fastighetsavdelningen"),
];

/// (the step reached, its note or date, the text sent, urgent)
const ORDERS: [(&str, &str, &str, bool); 6] = [
    (
        "sent",
        "",
        "Flera lampor trasiga längs gångvägen, helt mörkt efter klockan 16.",
        true,
    ),
    (
        "accept",
        "",
        "Buskagen har vuxit över gångvägen och skymmer sikten mot parkeringen.",
        false,
    ),
    (
        "plan",
        "5",
        "Trasig parkbänk och lös räcke vid trappan.",
        false,
    ),
    (
        "done",
        "Bytt två armaturer och röjt sly runt belysningsstolparna.",
        "Mörkt vid entrén, belysningen ur funktion sedan förra veckan.",
        false,
    ),
    (
        "reject",
        "Inte vår fastighet: huset ägs av Norrtäljehem.",
        "Klotter på gaveln mot gångvägen, delvis stötande.",
        true,
    ),
    (
        "overdue",
        "",
        "Nedskräpat kring återvinningen, glas på marken.",
        false,
    ),
];

pub(super) async fn organisation_id<C: ConnectionTrait>(db: &C, name: &str) -> Result<Uuid> {
    organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(db)
        .await
        .map_err(db_err)?
        .map(|o| o.id)
        .ok_or(shared::AppError::Internal)
}

async fn set_routing<C: ConnectionTrait + TransactionTrait>(db: &C) -> Result<()> {
    let admin = demo_user(db, "admin@example.org").await?;
    for (name, owner) in PLACE_OWNERS {
        let owner = organisation_id(db, owner).await?.to_string();
        for p in place::Entity::find()
            .filter(place::Column::Name.eq(name))
            .all(db)
            .await
            .map_err(db_err)?
        {
            let id = p.id.to_string();
            reference_admin::set_routing(db, &admin, ReferenceKind::Place, &id, &owner, "").await?;
        }
    }
    for (code, owner) in CATEGORY_OWNERS {
        let owner = organisation_id(db, owner).await?.to_string();
        let c = category::Entity::find()
            .filter(category::Column::Code.eq(code))
            .one(db)
            .await
            .map_err(db_err)?
            .ok_or(shared::AppError::Internal)?;
        let kind = c.work_order_kind.map(|k| k.code()).unwrap_or_default();
        let id = c.id.to_string();
        reference_admin::set_routing(db, &admin, ReferenceKind::Category, &id, &owner, kind)
            .await?;
    }
    Ok(())
}

/// The newest recent incidents in categories that make work orders, one per place.
async fn sources<C: ConnectionTrait>(db: &C) -> Result<Vec<incident::Model>> {
    let kinds: Vec<Uuid> = category::Entity::find()
        .filter(category::Column::WorkOrderKind.is_not_null())
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let recent = incident::Entity::find()
        .filter(incident::Column::CategoryId.is_in(kinds))
        .filter(incident::Column::OccurredAt.gte(Utc::now() - TimeDelta::days(30)))
        .order_by_desc(incident::Column::OccurredAt)
        .all(db)
        .await
        .map_err(db_err)?;
    let mut seen = std::collections::HashSet::new();
    Ok(recent
        .into_iter()
        .filter(|i| seen.insert(i.place_id))
        .take(ORDERS.len())
        .collect())
}

pub(super) async fn load<C: ConnectionTrait + TransactionTrait>(db: &C) -> Result<()> {
    set_routing(db).await?;
    let coordinator = demo_user(db, "coordinator@example.org").await?;
    let mut handlers = Vec::new();
    for email in ["streets@example.org", "property@example.org"] {
        handlers.push(demo_user(db, email).await?);
    }
    for (source, (reached, note, text, urgent)) in sources(db).await?.into_iter().zip(ORDERS) {
        let draft = work_orders::draft(db, &coordinator, IncidentId(source.id), Lang::Sv).await?;
        let input = WorkOrderInput {
            incident_ids: vec![draft.incident_id.clone()],
            kind: draft.kind.map(|k| k.code()).unwrap_or("other").to_owned(),
            priority: if urgent {
                Priority::Urgent
            } else {
                Priority::Normal
            }
            .code()
            .to_owned(),
            owner_organisation_id: draft.proposed_owner.clone().unwrap_or_default(),
            description: text.to_owned(),
            keep_name: false,
            ..Default::default()
        };
        let id = work_orders::create(db, &coordinator, &input).await?;
        // The owner's handler takes the steps; for owners without accounts, the coordinator.
        let owner = Uuid::parse_str(&input.owner_organisation_id).unwrap_or_default();
        let actor = handlers
            .iter()
            .find(|h| h.organisation_id.0 == owner)
            .unwrap_or(&coordinator);
        let step = |step: &str, planned_for: String, note: &str| StepInput {
            step: step.to_owned(),
            planned_for,
            note: note.to_owned(),
            owner_organisation_id: String::new(),
        };
        let today = now_local().date();
        match reached {
            "accept" | "reject" => {
                work_orders::step(db, actor, id, &step(reached, String::new(), note)).await?;
            }
            "plan" => {
                let days = note.parse::<u64>().unwrap_or(5);
                let day = today + chrono::Days::new(days);
                work_orders::step(db, actor, id, &step("accept", String::new(), "")).await?;
                work_orders::step(db, actor, id, &step("plan", day.to_string(), "")).await?;
            }
            "done" => {
                work_orders::step(db, actor, id, &step("accept", String::new(), "")).await?;
                work_orders::step(db, actor, id, &step("done", String::new(), note)).await?;
            }
            "overdue" => {
                // Sent four weeks ago and never taken: a demo shortcut past the clock.
                let model = work_order::Entity::find_by_id(id)
                    .one(db)
                    .await
                    .map_err(db_err)?
                    .ok_or(shared::AppError::Internal)?;
                let shift = TimeDelta::days(28);
                let mut active: work_order::ActiveModel = model.clone().into();
                active.created_at = Set(model.created_at - shift);
                active.sent_at = Set(model.sent_at - shift);
                active.due_at = Set(model.due_at - shift);
                active.update(db).await.map_err(db_err)?;
            }
            _ => {}
        }
    }
    Ok(())
}
