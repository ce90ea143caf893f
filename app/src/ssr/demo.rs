//! Demo data: the Norrtälje-like municipality the README's demo accounts live in. Loaded only
//! into an empty database; the standard categories can be loaded alone for a real install.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set,
    TransactionTrait,
};
use shared::ids::{AreaId, CategoryId};
use shared::incident::IncidentInput;
use shared::text::PlaceName;
use shared::user::{CurrentUser, OrgKind, Role};
use shared::work_order::OrderKind;
use uuid::Uuid;

use super::entities::{area, category, organisation, user};
use super::reference::find_or_create_place;
use super::time::{input_local, now_local};
use super::users::{self, UserForCreate};
use super::{Result, auth, db_err, incidents};

pub const DEMO_PASSWORD: &str = "demo-password";

/// How many recent incidents the demo logs (over the last ~40 days), besides the older history
/// of `demo_history`.
pub const RECENT_INCIDENTS: usize = 60;

/// The demo accounts: (email, name, organisation, role).
pub const DEMO_USERS: [(&str, &str, &str, Role); 7] = [
    (
        "admin@example.org",
        "Alva Admin",
        "Trygg i Norrtälje Kommun",
        Role::Admin,
    ),
    (
        "coordinator@example.org",
        "Cecilia Samordnare",
        "Trygg i Norrtälje Kommun",
        Role::Coordinator,
    ),
    (
        "police@example.org",
        "Per Polis",
        "Polisen Norrtälje",
        Role::Reporter,
    ),
    (
        "school@example.org",
        "Sara Skola",
        "Utbildningsförvaltningen",
        Role::Reporter,
    ),
    (
        "manager@example.org",
        "Magnus Chef",
        "Kommunledningskontoret",
        Role::Manager,
    ),
    (
        "streets@example.org",
        "Gustav Gata",
        "Gatu- och parkavdelningen",
        Role::Handler,
    ),
    (
        "property@example.org",
        "Fanny Fastighet",
        "Fastighetsavdelningen",
        Role::Handler,
    ),
];

/// The standard categories: (code, Swedish, English).
pub const CATEGORIES: [(&str, &str, &str); 11] = [
    ("vandalism", "Skadegörelse", "Vandalism"),
    ("graffiti", "Klotter", "Graffiti"),
    ("littering", "Nedskräpning", "Littering"),
    (
        "disturbance",
        "Ordningsstörning",
        "Public-order disturbance",
    ),
    ("unsafe_gathering", "Otrygg samling", "Unsafe gathering"),
    ("drugs", "Narkotikarelaterade tecken", "Drug-related signs"),
    ("threat_violence", "Hot eller våld", "Threat or violence"),
    ("fire", "Brand", "Fire"),
    ("theft", "Stöld", "Theft"),
    (
        "unsafe_place",
        "Otrygg plats (belysning, vegetation)",
        "Unsafe place (lighting, vegetation)",
    ),
    ("other", "Övrigt", "Other"),
];

pub(super) const ORGANISATIONS: [(&str, OrgKind); 14] = [
    ("Trygg i Norrtälje Kommun", OrgKind::Municipality),
    ("Kommunledningskontoret", OrgKind::Municipality),
    ("Polisen Norrtälje", OrgKind::Police),
    ("Ordningsvakterna", OrgKind::SecurityGuards),
    ("Fältsamordnarna", OrgKind::FieldWorkers),
    ("Utbildningsförvaltningen", OrgKind::School),
    ("Socialtjänsten", OrgKind::SocialServices),
    ("Tiohundra", OrgKind::Healthcare),
    ("Fastighetsavdelningen", OrgKind::Property),
    ("Gatu- och parkavdelningen", OrgKind::StreetParks),
    ("Kollektivtrafiken", OrgKind::PublicTransport),
    ("Fritid och ungdom", OrgKind::YouthLeisure),
    ("Ungdomsmottagningen", OrgKind::YouthClinic),
    // A housing company outside the collaboration: it gets work orders, not meetings.
    ("Norrtäljehem", OrgKind::Property),
];

/// Organisations that do not sit in the weekly meeting.
const OUTSIDE_THE_MEETING: [&str; 2] = ["Kommunledningskontoret", "Norrtäljehem"];

const AREAS: [(&str, [&str; 4]); 5] = [
    (
        "Norrtälje",
        ["Busstationen", "Societetsparken", "Lommarskolan", "Torget"],
    ),
    (
        "Rimbo",
        [
            "Rimbo centrum",
            "Idrottsplatsen",
            "Pendlarparkeringen",
            "Ekebyskolan",
        ],
    ),
    (
        "Hallstavik",
        [
            "Folkets hus",
            "Badplatsen",
            "Järnvägsstationen",
            "Skolgården",
        ],
    ),
    (
        "Älmsta",
        ["Kanalbron", "Matbutiken", "Hamnen", "Fritidsgården"],
    ),
    (
        "Grisslehamn",
        ["Färjeläget", "Hamnplan", "Campingen", "Busshållplatsen"],
    ),
];

/// A description that fits an incident of the category with `code` (one of [`CATEGORIES`]),
/// the `n`th of its few: a search for "klotter" in the demo finds graffiti, not thefts.
pub(super) fn description(code: Option<&str>, n: usize) -> &'static str {
    let fitting: &[&str] = match code {
        Some("vandalism") => &[
            "Krossad glasruta i väntkuren, glassplitter på marken.",
            "Sönderslagen parkbänk och vältade blomlådor.",
        ],
        Some("graffiti") => &[
            "Nytt klotter på fasaden mot parkeringen.",
            "Taggar sprayade på elskåpet vid gångvägen.",
        ],
        Some("littering") => &[
            "Papperskorgar överfulla, skräp utspritt i området.",
            "Nedskräpning runt grillplatsen efter helgen.",
        ],
        Some("disturbance") => &[
            "Hög musik och bråk utanför entrén sent på kvällen.",
            "Mopeder som kör i gångtunneln, störande för boende.",
        ],
        Some("unsafe_gathering") => &[
            "Grupp ungdomar samlade sent på kvällen, hög ljudnivå och nedskräpning.",
            "Större grupp samlad vid busshållplatsen, resenärer upplever otrygghet.",
        ],
        Some("drugs") => &[
            "Tecken på narkotikaförsäljning: återkommande korta möten vid entrén.",
            "Kanyler hittade i buskaget bakom förskolan.",
        ],
        Some("threat_violence") => &[
            "Hot mellan två grupper vid busshållplatsen, ingen skadad.",
            "Slagsmål utanför gallerian, polis på plats.",
        ],
        Some("fire") => &[
            "Brand i soptunna, släckt av räddningstjänsten.",
            "Anlagd brand i container bakom skolan.",
        ],
        Some("theft") => &[
            "Cykelstölder ur cykelstället vid stationen.",
            "Inbrott i förråd, verktyg borta.",
        ],
        Some("unsafe_place") => &[
            "Trasig belysning längs gångvägen, upplevs som mörk och otrygg.",
            "Buskage har vuxit igen och skymmer sikten vid övergångsstället.",
        ],
        _ => &[
            "Oro bland boende kring platsen, följs upp vid nästa möte.",
            "Övergivet fordon som står kvar sedan flera veckor.",
        ],
    };
    fitting[n % fitting.len()]
}

/// Loads the standard categories that are not there yet.
pub async fn load_categories<C: ConnectionTrait>(db: &C) -> Result<()> {
    let existing = category::Entity::find().all(db).await.map_err(db_err)?;
    for (order, (code, sv, en)) in CATEGORIES.iter().enumerate() {
        if existing
            .iter()
            .any(|c| c.code.as_deref() == Some(*code) || c.name_sv == *sv)
        {
            continue;
        }
        category::ActiveModel {
            id: Set(Uuid::now_v7()),
            code: Set(Some((*code).to_owned())),
            name_sv: Set((*sv).to_owned()),
            name_en: Set(Some((*en).to_owned())),
            sort_order: Set(order as i32),
            created_at: Set(Utc::now()),
            retired_at: Set(None),
            default_owner_organisation_id: Set(None),
            work_order_kind: Set(OrderKind::for_category(code)),
        }
        .insert(db)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

/// True when the database has no users yet.
pub async fn is_empty<C: ConnectionTrait>(db: &C) -> Result<bool> {
    Ok(user::Entity::find().count(db).await.map_err(db_err)? == 0)
}

/// Loads the whole demo (organisations, areas, places, categories, the five demo accounts, six
/// weeks of recent incidents and their history from two years back). Refuses a database that
/// already has users.
pub async fn load(db: &DatabaseConnection) -> Result<()> {
    if !is_empty(db).await? {
        return Err(shared::AppError::Conflict);
    }
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    load_categories(&*txn).await?;
    for (name, kind) in ORGANISATIONS {
        organisation::ActiveModel {
            id: Set(Uuid::now_v7()),
            name: Set(name.to_owned()),
            kind: Set(kind),
            created_at: Set(Utc::now()),
            retired_at: Set(None),
        }
        .insert(&*txn)
        .await
        .map_err(db_err)?;
    }
    let mut areas = Vec::new();
    for (name, places) in AREAS {
        let id = AreaId(Uuid::now_v7());
        area::ActiveModel {
            id: Set(id.0),
            name: Set(name.to_owned()),
            created_at: Set(Utc::now()),
            retired_at: Set(None),
        }
        .insert(&*txn)
        .await
        .map_err(db_err)?;
        for place in places {
            let place = PlaceName::parse(place).map_err(|_| shared::AppError::Internal)?;
            find_or_create_place(&*txn, id, &place, true).await?;
        }
        areas.push((id, places));
    }
    txn.commit().await.map_err(db_err)?;

    for (email, name, organisation, role) in DEMO_USERS {
        users::create(
            db,
            UserForCreate {
                email,
                name,
                organisation,
                role,
                password: DEMO_PASSWORD,
            },
        )
        .await?;
    }
    load_incidents(db, &areas).await?;
    let history = super::demo_history::load(db, &areas).await?;
    tracing::debug!(history, "demo incident history loaded");
    load_meeting_series(db).await?;
    super::demo_actions::load(db).await?;
    super::demo_work_orders::load(db).await?;
    super::demo_walks::load(db).await?;
    super::demo_directory::load(db).await
}

/// The weekly situation-picture meeting, Wednesdays 15:00, with the article's participants.
async fn load_meeting_series<C: ConnectionTrait + TransactionTrait>(db: &C) -> Result<()> {
    let coordinator = demo_user(db, "coordinator@example.org").await?;
    let members: Vec<Uuid> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter(|o| !OUTSIDE_THE_MEETING.contains(&o.name.as_str()))
        .map(|o| o.id)
        .collect();
    super::meetings::create_series_at(
        db,
        &coordinator,
        "Lägesbildsmöte",
        2,
        "15:00",
        "Kommunhuset, Norrtälje",
        &members,
    )
    .await?;
    Ok(())
}

/// Signs a demo account in and out to get it as the services see it.
pub(super) async fn demo_user<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    email: &str,
) -> Result<CurrentUser> {
    let settings = super::Settings::default();
    let token = auth::sign_in(db, &settings, email, DEMO_PASSWORD).await?;
    let user = auth::resolve_session(db, &settings, &token)
        .await?
        .ok_or(shared::AppError::Internal)?;
    auth::sign_out(db, &token).await?;
    Ok(user)
}

/// Six weeks of recent incidents by the police and school demo users, spread deterministically.
async fn load_incidents(db: &DatabaseConnection, areas: &[(AreaId, [&str; 4])]) -> Result<()> {
    let categories = category::Entity::find().all(db).await.map_err(db_err)?;
    let mut reporters = Vec::new();
    for email in ["police@example.org", "school@example.org"] {
        reporters.push(demo_user(db, email).await?);
    }
    // A small linear congruential generator: the same demo every time.
    let mut seed: u64 = 2_023_196;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let now = now_local();
    for i in 0..RECENT_INCIDENTS {
        // Hot spots: the first area and first place come up far more often.
        let (area, places) = &areas[if next(3) == 0 { 0 } else { next(areas.len()) }];
        let place = places[if next(2) == 0 { 0 } else { next(places.len()) }];
        let category = &categories[next(categories.len())];
        let hours_ago = 2 + (i as i64) * 16 + next(8) as i64;
        let input = IncidentInput {
            occurred_at: input_local(super::time::local_to_utc(now - TimeDelta::hours(hours_ago))),
            area_id: area.to_string(),
            place: place.to_owned(),
            category_id: CategoryId(category.id).to_string(),
            description: description(category.code.as_deref(), next(2)).to_owned(),
            youth_involved: next(3) == 0,
            physical_environment: next(2) == 0,
            keep_name: false,
        };
        incidents::create(db, &reporters[i % reporters.len()], &input).await?;
    }
    Ok(())
}
