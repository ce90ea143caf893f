//! The demo's actions: what the weekly meeting decided in recent weeks, owned by the
//! organisations that carry them out, in every state (open, in progress, done, one overdue),
//! so that the action list, the start page and the managers' follow-through show real work.

use chrono::{Days, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionTrait};
use shared::action::ActionInput;

use super::entities::{action, area, organisation};
use super::time::now_local;
use super::{Result, actions, db_err};

/// (title, owner, area, place, due in days, state reached, a note on the way)
const ACTIONS: [(&str, &str, &str, &str, i64, &str, &str); 6] = [
    (
        "Byt trasig belysning i gångtunneln",
        "Gatu- och parkavdelningen",
        "Norrtälje",
        "Busstationen",
        14,
        "open",
        "",
    ),
    (
        "Kvällsvandringar i centrum på fredagar",
        "Fältsamordnarna",
        "Rimbo",
        "Rimbo centrum",
        21,
        "in_progress",
        "Två vandringar gjorda, fortsätter till jul.",
    ),
    (
        "Sanera klotter på skolans gavel",
        "Fastighetsavdelningen",
        "Rimbo",
        "Ekebyskolan",
        7,
        "done",
        "Sanerat och målat om.",
    ),
    (
        "Extra närvaro vid torget helgkvällar",
        "Polisen Norrtälje",
        "Norrtälje",
        "Torget",
        28,
        "in_progress",
        "",
    ),
    (
        "Föräldramöte om trygghet på skolvägen",
        "Utbildningsförvaltningen",
        "Norrtälje",
        "Lommarskolan",
        -3,
        "open",
        "",
    ),
    (
        "Röj buskage längs gångvägen",
        "Gatu- och parkavdelningen",
        "Hallstavik",
        "Folkets hus",
        10,
        "open",
        "",
    ),
];

pub async fn load<C: ConnectionTrait + TransactionTrait>(db: &C) -> Result<()> {
    let coordinator = super::demo::demo_user(db, "coordinator@example.org").await?;
    let orgs = organisation::Entity::find().all(db).await.map_err(db_err)?;
    let areas = area::Entity::find().all(db).await.map_err(db_err)?;
    let today = now_local().date();
    for (title, owner, area_name, place, due_in, state, note) in ACTIONS {
        let id_of = |found: Option<uuid::Uuid>| found.map(|i| i.to_string()).unwrap_or_default();
        let input = ActionInput {
            title: title.to_owned(),
            owner_organisation_id: id_of(orgs.iter().find(|o| o.name == owner).map(|o| o.id)),
            owner_person: String::new(),
            due: (today + Days::new(30)).to_string(),
            area_id: id_of(areas.iter().find(|a| a.name == area_name).map(|a| a.id)),
            place: place.to_owned(),
            incident_id: String::new(),
        };
        let id = actions::create(db, &coordinator, &input).await?;
        if state != "open" {
            actions::update_state(db, &coordinator, id, state, note).await?;
        }
        // Decided some weeks ago; one is past its due date (a demo shortcut past the rule
        // that new actions are due today or later).
        let model = action::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
            .ok_or(shared::AppError::Internal)?;
        let mut active: action::ActiveModel = model.into();
        active.created_at = Set(Utc::now() - chrono::TimeDelta::days(21));
        active.due = Set(today
            .checked_add_signed(chrono::TimeDelta::days(due_in))
            .unwrap_or(today));
        active.update(db).await.map_err(db_err)?;
    }
    Ok(())
}
