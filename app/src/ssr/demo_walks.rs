//! The demo's safety walks: one walked in Rimbo twelve days ago, closed, with its observations
//! (two became work orders), and one planned in Norrtälje next week; made through the services
//! as people would.

use chrono::{TimeDelta, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sea_orm::{IntoActiveModel, TransactionTrait};
use shared::walk::{ObservationInput, ToOrdersInput, WalkInput};
use uuid::Uuid;

use super::demo::demo_user;
use super::demo_work_orders::organisation_id;
use super::entities::{area, walk_observation};
use super::time::now_local;
use super::{Result, db_err, walks};

/// (who, place, kind, note, sent to), walked in this order.
const SEEN: [(&str, &str, &str, &str, Option<&str>); 4] = [
    (
        "police@example.org",
        "Rimbo centrum",
        "lighting",
        "Tre lampor släckta i gångpassagen mot busshållplatsen, mörkt hela vägen.",
        Some("Norrtäljehem"),
    ),
    (
        "coordinator@example.org",
        "Pendlarparkeringen",
        "vegetation",
        "Buskarna skymmer sikten från cykelstället mot parkeringen.",
        Some("Gatu- och parkavdelningen"),
    ),
    (
        "police@example.org",
        "Idrottsplatsen",
        "damaged_furniture",
        "Trasigt staket bakom läktaren, öppning mot skogen.",
        None,
    ),
    (
        "coordinator@example.org",
        "Rimbo centrum",
        "graffiti",
        "Klotter på återvinningsstationen, inget kränkande.",
        None,
    ),
];

async fn area_id<C: ConnectionTrait>(db: &C, name: &str) -> Result<String> {
    Ok(area::Entity::find()
        .filter(area::Column::Name.eq(name))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(shared::AppError::Internal)?
        .id
        .to_string())
}

pub(super) async fn load<C: ConnectionTrait + TransactionTrait>(db: &C) -> Result<()> {
    let coordinator = demo_user(db, "coordinator@example.org").await?;
    let today = now_local().date();
    let walked = today - TimeDelta::days(12);
    let rimbo = WalkInput {
        area_id: area_id(db, "Rimbo").await?,
        planned_for: walked.to_string(),
        participants: "Polisen, Norrtäljehem, fritidsgården, Rimbo IF och två boende.".into(),
    };
    let walk = walks::plan(db, &coordinator, &rimbo).await?;
    let mut to_orders = ToOrdersInput::default();
    // Recorded that evening, ten minutes apart.
    let evening = walked
        .and_hms_opt(18, 0, 0)
        .map(super::time::local_to_utc)
        .unwrap_or_else(Utc::now);
    for (i, (who, place, kind, note, owner)) in SEEN.into_iter().enumerate() {
        let user = demo_user(db, who).await?;
        let input = ObservationInput {
            id: Uuid::now_v7().to_string(),
            walk_id: walk.to_string(),
            place: place.into(),
            kind: kind.into(),
            note: note.into(),
            ..Default::default()
        };
        let id = walks::observe(db, &user, &input).await?;
        if let Some(m) = walk_observation::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
        {
            let mut at = m.into_active_model();
            at.created_at = Set(evening + TimeDelta::minutes(10 * i as i64));
            at.update(db).await.map_err(db_err)?;
        }
        if let Some(owner) = owner {
            to_orders.picked.push(id.to_string());
            to_orders
                .owners
                .push(format!("{id}:{}", organisation_id(db, owner).await?));
        }
    }
    walks::set_done(db, &coordinator, walk, true).await?;
    walks::to_work_orders(db, &coordinator, walk, &to_orders).await?;
    let next = WalkInput {
        area_id: area_id(db, "Norrtälje").await?,
        planned_for: (today + TimeDelta::days(5)).to_string(),
        participants:
            "Polisen, Gatu- och parkavdelningen, fältassistenterna och Brottsofferjouren.".into(),
    };
    walks::plan(db, &coordinator, &next).await?;
    Ok(())
}
