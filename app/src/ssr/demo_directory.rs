//! Demo contact directory and area groups: every area's police, field worker, school and
//! youth-leisure contacts, the municipality-wide on-call posts, a field worker who has left
//! (the deputy stands in), and area groups in Rimbo and Hallstavik with a planned meeting.
//! Names are invented; phone numbers are from the range PTS reserves for fiction.

use sea_orm::{ConnectionTrait, EntityTrait, TransactionTrait};
use shared::contact::ContactInput;
use uuid::Uuid;

use super::entities::{area, organisation};
use super::{Result, contacts, db_err, groups, meetings};

/// (key, name, organisation, function, unit, area (empty: whole municipality), account, deputy key)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const CONTACTS: [Row; 22] = [
    ("pol-n", "Nils Nordin", "Polisen Norrtälje", "community_police", "", "Norrtälje", "", ""),
    ("pol-r", "Per Polis", "Polisen Norrtälje", "community_police", "", "Rimbo", "police@example.org", "pol-n"),
    ("pol-h", "Tove Sjöberg", "Polisen Norrtälje", "community_police", "", "Hallstavik", "", "pol-n"),
    ("pol-a", "Anders Öberg", "Polisen Norrtälje", "community_police", "", "Älmsta", "", "pol-n"),
    ("pol-g", "Eva Hamn", "Polisen Norrtälje", "community_police", "", "Grisslehamn", "", "pol-a"),
    ("fa-n", "Fatima Lind", "Fältsamordnarna", "field_worker", "", "Norrtälje", "", ""),
    ("fa-r", "Jonna Ek", "Fältsamordnarna", "field_worker", "", "Rimbo", "", "fa-n"),
    ("fa-h", "Mats Strand", "Fältsamordnarna", "field_worker", "", "Hallstavik", "", "fa-n"),
    ("fa-a", "Maja Lund", "Fältsamordnarna", "field_worker", "", "Älmsta", "", "fa-n"),
    ("fa-g", "Björn Fors", "Fältsamordnarna", "field_worker", "", "Grisslehamn", "", "fa-a"),
    ("sk-n", "Karin Berg", "Utbildningsförvaltningen", "school_counsellor", "Lommarskolan", "Norrtälje", "", ""),
    ("sk-r", "Lena Holm", "Utbildningsförvaltningen", "school_counsellor", "Ekebyskolan", "Rimbo", "", "sk-n"),
    ("sk-h", "Sara Skola", "Utbildningsförvaltningen", "school_counsellor", "Hallstaviks skola", "Hallstavik", "school@example.org", "sk-n"),
    ("fu-n", "Omar Sahin", "Fritid och ungdom", "youth_leisure", "", "Norrtälje", "", ""),
    ("fu-r", "Ali Hassan", "Fritid och ungdom", "youth_leisure", "Rimbo fritidsgård", "Rimbo", "", "fu-n"),
    ("fu-h", "Elin Vik", "Fritid och ungdom", "youth_leisure", "", "Hallstavik", "", "fu-n"),
    ("fu-a", "Kim Nyberg", "Fritid och ungdom", "youth_leisure", "Fritidsgården", "Älmsta", "", "fu-n"),
    ("soc", "Socialjouren", "Socialtjänsten", "social_on_call", "", "", "", ""),
    ("fast", "Fastighetsjouren", "Fastighetsavdelningen", "property_duty", "", "", "", ""),
    ("umo", "Ungdomsmottagningen", "Ungdomsmottagningen", "youth_clinic", "", "", "", ""),
    ("tink", "Cecilia Samordnare", "Trygg i Norrtälje Kommun", "safety_coordinator", "", "", "coordinator@example.org", ""),
    ("rek-r", "Rolf Rektor", "Utbildningsförvaltningen", "school_principal", "Ekebyskolan", "Rimbo", "", "sk-r"),
];

/// The field worker in Grisslehamn has left: the deputy in Älmsta stands in.
const LEFT: &str = "fa-g";

/// (name, area, weekday, time, convener key, member keys)
type GroupRow = (
    &'static str,
    &'static str,
    u32,
    &'static str,
    &'static str,
    [&'static str; 4],
);

#[rustfmt::skip]
const GROUPS: [GroupRow; 2] = [
    ("Områdesgrupp Rimbo", "Rimbo", 1, "13:00", "sk-r", ["pol-r", "fa-r", "fu-r", "rek-r"]),
    ("Områdesgrupp Hallstavik", "Hallstavik", 3, "13:00", "sk-h", ["pol-h", "fa-h", "fu-h", "umo"]),
];

fn email_of(name: &str) -> String {
    let local: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            ' ' => '.',
            c => c,
        })
        .collect();
    format!("{local}@example.org")
}

pub async fn load<C: ConnectionTrait + TransactionTrait>(db: &C) -> Result<()> {
    let coordinator = super::demo::demo_user(db, "coordinator@example.org").await?;
    let orgs = organisation::Entity::find().all(db).await.map_err(db_err)?;
    let areas = area::Entity::find().all(db).await.map_err(db_err)?;
    let org_id = |name: &str| {
        orgs.iter()
            .find(|o| o.name == name)
            .map(|o| o.id.to_string())
            .unwrap_or_default()
    };
    let area_id = |name: &str| {
        areas
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.id.to_string())
            .unwrap_or_default()
    };
    let mut ids: Vec<(&str, Uuid)> = Vec::new();
    // Every deputy comes earlier in the table than the people it stands in for.
    for (i, (key, name, org, function, unit, area, account, deputy)) in CONTACTS.iter().enumerate()
    {
        let input = ContactInput {
            name: (*name).to_owned(),
            organisation_id: org_id(org),
            function: (*function).to_owned(),
            unit: (*unit).to_owned(),
            area_id: area_id(area),
            phone: format!("070-174 06 {:02}", 10 + i),
            email: email_of(name),
            deputy_id: ids
                .iter()
                .find(|(k, _)| k == deputy)
                .map(|(_, id)| id.to_string())
                .unwrap_or_default(),
            account_email: (*account).to_owned(),
        };
        let id = contacts::save(db, &coordinator, "", &input).await?;
        ids.push((key, id));
    }
    let id_of = |key: &str| {
        ids.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, id)| id.to_string())
            .unwrap_or_default()
    };
    for (name, area, weekday, time, convener, members) in GROUPS {
        let group = groups::create(db, &coordinator, name, &area_id(area), weekday, time).await?;
        groups::set_member(db, &coordinator, group, &id_of(convener), "convener").await?;
        for m in members {
            groups::set_member(db, &coordinator, group, &id_of(m), "member").await?;
        }
        meetings::plan_next(db, &coordinator, group).await?;
    }
    contacts::deactivate(db, &coordinator, &id_of(LEFT)).await
}
