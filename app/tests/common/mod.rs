//! Test fixtures: a small municipality with one user per role, built through the services.

#![allow(dead_code)]

use app::ssr::{Settings, auth, demo, reference, users};
use sea_orm::DatabaseConnection;
use shared::ids::{AreaId, CategoryId, OrganisationId};
use shared::incident::IncidentInput;
use shared::user::{CurrentUser, Role};

pub const PASSWORD: &str = "a-long-test-password";

pub struct World {
    pub db: DatabaseConnection,
    pub police: CurrentUser,
    pub police_colleague: CurrentUser,
    pub school: CurrentUser,
    pub coordinator: CurrentUser,
    pub manager: CurrentUser,
    pub admin: CurrentUser,
    pub rimbo: AreaId,
    pub norrtalje: AreaId,
    pub graffiti: CategoryId,
    pub vandalism: CategoryId,
    pub police_org: OrganisationId,
}

pub async fn sign_in_as(db: &DatabaseConnection, email: &str) -> CurrentUser {
    sign_in_with(db, email, PASSWORD).await
}

/// Signs in with `password` (the demo's accounts have their own).
pub async fn sign_in_with(db: &DatabaseConnection, email: &str, password: &str) -> CurrentUser {
    let settings = Settings::default();
    let token = auth::sign_in(db, &settings, email, password)
        .await
        .expect("sign in");
    auth::resolve_session(db, &settings, &token)
        .await
        .expect("resolve")
        .expect("valid session")
}

/// Builds the fixture on `db` (fresh and migrated).
pub async fn world(db: DatabaseConnection) -> World {
    demo::load_categories(&db).await.expect("categories");
    for (name, kind) in [
        ("Polisen", "police"),
        ("Skolan", "school"),
        ("TiNK", "municipality"),
    ] {
        reference::save_organisation(&db, "", name, kind)
            .await
            .expect("organisation");
    }
    let rimbo = reference::save_area(&db, "", "Rimbo").await.expect("area");
    let norrtalje = reference::save_area(&db, "", "Norrtälje")
        .await
        .expect("area");
    for (email, org, role) in [
        ("police@test.se", "Polisen", Role::Reporter),
        ("police2@test.se", "Polisen", Role::Reporter),
        ("school@test.se", "Skolan", Role::Reporter),
        ("coordinator@test.se", "TiNK", Role::Coordinator),
        ("manager@test.se", "TiNK", Role::Manager),
        ("admin@test.se", "TiNK", Role::Admin),
    ] {
        let input = users::UserForCreate {
            email,
            name: "Test Person",
            organisation: org,
            role,
            password: PASSWORD,
        };
        users::create(&db, input).await.expect("user");
    }
    let data = reference::load(&db, shared::lang::Lang::Sv)
        .await
        .expect("reference");
    let category = |sv: &str| {
        data.categories
            .iter()
            .find(|c| c.name_sv == sv)
            .expect("category")
            .id
    };
    let police = sign_in_as(&db, "police@test.se").await;
    World {
        police_org: police.organisation_id,
        police,
        police_colleague: sign_in_as(&db, "police2@test.se").await,
        school: sign_in_as(&db, "school@test.se").await,
        coordinator: sign_in_as(&db, "coordinator@test.se").await,
        manager: sign_in_as(&db, "manager@test.se").await,
        admin: sign_in_as(&db, "admin@test.se").await,
        rimbo,
        norrtalje,
        graffiti: category("Klotter"),
        vandalism: category("Skadegörelse"),
        db,
    }
}

/// A valid incident form an hour ago in `area`.
pub fn input(area: AreaId, category: CategoryId, place: &str) -> IncidentInput {
    let when = app::ssr::time::now_local() - chrono::TimeDelta::hours(1);
    IncidentInput {
        occurred_at: when.format("%Y-%m-%dT%H:%M").to_string(),
        area_id: area.to_string(),
        place: place.to_owned(),
        category_id: category.to_string(),
        description: "Nytt klotter på väggen mot parkeringen.".to_owned(),
        youth_involved: false,
        physical_environment: true,
        keep_name: false,
    }
}

/// Dates meeting `id` today (a fixture shortcut past the planning rules): minutes are
/// finalised on the meeting's day, not before.
pub async fn held_today(db: &DatabaseConnection, id: uuid::Uuid) {
    held_days_ago(db, id, 0).await;
}

/// Dates meeting `id` `days` days ago, at the present hour.
pub async fn held_days_ago(db: &DatabaseConnection, id: uuid::Uuid, days: i64) {
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let m = app::ssr::entities::meetings::meeting::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("the meeting")
        .expect("the meeting exists");
    let mut active: app::ssr::entities::meetings::meeting::ActiveModel = m.into();
    active.starts_at = Set(chrono::Utc::now() - chrono::TimeDelta::days(days));
    active.update(db).await.expect("dated");
}

/// A valid action form: owned by the police, in Rimbo, due in a week.
pub fn action_input(w: &World, title: &str) -> shared::action::ActionInput {
    shared::action::ActionInput {
        title: title.into(),
        owner_organisation_id: w.police_org.to_string(),
        owner_person: String::new(),
        due: (app::ssr::time::now_local().date() + chrono::Days::new(7)).to_string(),
        area_id: w.rimbo.to_string(),
        place: String::new(),
        incident_id: String::new(),
    }
}

/// A started meeting of a new weekly series with every organisation as a member.
pub async fn started_meeting(w: &World) -> uuid::Uuid {
    let members = app::ssr::reference::load(&w.db, shared::lang::Lang::Sv)
        .await
        .expect("fixture")
        .organisations
        .iter()
        .map(|o| o.id.0)
        .collect::<Vec<_>>();
    let s = app::ssr::meetings::create_series(
        &w.db,
        &w.coordinator,
        "Lägesbildsmöte",
        2,
        "15:00",
        &members,
    )
    .await
    .expect("fixture");
    let id = app::ssr::meetings::plan_next(&w.db, &w.coordinator, s)
        .await
        .expect("fixture");
    app::ssr::meetings::start(&w.db, &w.coordinator, id)
        .await
        .expect("fixture");
    id
}

/// The outside owners work orders go to, added to a world for the tests that need them:
/// street and parks ("Gata") and property ("Fastighet"), each with a handler, and a
/// category that is not about a place's state.
pub struct Owners {
    pub gata: OrganisationId,
    pub gata_handler: CurrentUser,
    pub fastighet: OrganisationId,
    pub fastighet_handler: CurrentUser,
    /// "Ordningsstörning": no work-order kind, so reporters may not send it.
    pub disturbance: CategoryId,
}

/// Adds `Owners` to `w`.
pub async fn owners(w: &World) -> Owners {
    let gata = reference::save_organisation(&w.db, "", "Gata", "street_parks")
        .await
        .expect("organisation");
    let fastighet = reference::save_organisation(&w.db, "", "Fastighet", "property")
        .await
        .expect("organisation");
    for (email, org) in [("gata@test.se", "Gata"), ("fastighet@test.se", "Fastighet")] {
        let input = users::UserForCreate {
            email,
            name: "Test Person",
            organisation: org,
            role: Role::Handler,
            password: PASSWORD,
        };
        users::create(&w.db, input).await.expect("handler");
    }
    let disturbance = reference::load(&w.db, shared::lang::Lang::Sv)
        .await
        .expect("reference")
        .categories
        .iter()
        .find(|c| c.name_sv == "Ordningsstörning")
        .expect("category")
        .id;
    Owners {
        gata,
        gata_handler: sign_in_as(&w.db, "gata@test.se").await,
        fastighet,
        fastighet_handler: sign_in_as(&w.db, "fastighet@test.se").await,
        disturbance,
    }
}
