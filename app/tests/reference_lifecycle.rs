//! Reference data that lives: retiring and bringing back areas, categories, organisations and
//! places (gone from new work, kept by old records), new typed places waiting for a
//! coordinator, merging a duplicate place (incidents, actions and kept counts move exactly;
//! the old name leads to the kept place), and the directory kept by admins too.

mod common;

use std::collections::BTreeMap;

use app::ssr::counts::{self, Scope};
use app::ssr::entities::{audit_event, incident, place};
use app::ssr::testing::databases;
use app::ssr::{accounts, actions, contacts, incidents, places, reference, reference_admin};
use common::{World, action_input, input, world};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::audit::RecordType;
use shared::ids::{IncidentId, PlaceId};
use shared::reference::ReferenceKind;
use shared::{AppError, FieldError};
use uuid::Uuid;

async fn place_named(w: &World, name: &str) -> place::Model {
    place::Entity::find()
        .filter(place::Column::Name.eq(name))
        .one(&w.db)
        .await
        .expect("test data")
        .unwrap_or_else(|| panic!("place {name}"))
}

async fn log(w: &World, place: &str) -> IncidentId {
    incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, place))
        .await
        .expect("logged")
}

async fn reference_events(w: &World) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq(RecordType::ReferenceData))
        .count(&w.db)
        .await
        .expect("test data")
}

/// Incidents per place as the kept counts say, and as the incidents table says.
async fn place_counts(w: &World) -> (BTreeMap<Uuid, i64>, BTreeMap<Uuid, i64>) {
    let mut kept = BTreeMap::new();
    for c in counts::place_cells(&w.db, Scope::weeks(0, 999_999))
        .await
        .expect("test data")
    {
        *kept.entry(c.place_id).or_default() += c.incidents;
    }
    let mut counted = BTreeMap::new();
    for i in incident::Entity::find()
        .all(&w.db)
        .await
        .expect("test data")
    {
        *counted.entry(i.place_id).or_default() += 1;
    }
    kept.retain(|_, n| *n != 0);
    (kept, counted)
}

#[tokio::test]
async fn a_retired_area_or_category_leaves_new_work_while_old_incidents_keep_it() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let old = log(&w, "Torget").await;
        let rimbo = w.rimbo.to_string();
        let graffiti = w.graffiti.to_string();
        reference_admin::set_retired(&w.db, &w.admin, ReferenceKind::Area, &rimbo, true)
            .await
            .expect("test data");
        reference_admin::set_retired(&w.db, &w.admin, ReferenceKind::Category, &graffiti, true)
            .await
            .expect("test data");
        let loaded = reference::load(&w.db, shared::lang::Lang::Sv)
            .await
            .expect("test data");
        assert!(
            loaded.areas.iter().any(|a| a.id == w.rimbo && a.retired),
            "{backend}"
        );
        assert!(loaded.for_forms(&[]).areas.iter().all(|a| a.id != w.rimbo));

        let refused =
            incidents::create(&w.db, &w.police, &input(w.rimbo, w.vandalism, "Torget")).await;
        assert_eq!(
            refused.unwrap_err().issue_for("area_id"),
            Some(&FieldError::Retired),
            "{backend}"
        );
        let refused =
            incidents::create(&w.db, &w.police, &input(w.norrtalje, w.graffiti, "Torget")).await;
        assert_eq!(
            refused.unwrap_err().issue_for("category_id"),
            Some(&FieldError::Retired)
        );
        // The old incident keeps both, and can still be corrected.
        let mut fix = input(w.rimbo, w.graffiti, "Torget");
        fix.description = "Klotter på väggen mot parkeringen, nu sanerat.".into();
        incidents::update(&w.db, &w.police, old, &fix)
            .await
            .expect("kept values are fine");

        reference_admin::set_retired(&w.db, &w.admin, ReferenceKind::Area, &rimbo, false)
            .await
            .expect("test data");
        reference_admin::set_retired(&w.db, &w.admin, ReferenceKind::Category, &graffiti, false)
            .await
            .expect("test data");
        log(&w, "Torget").await;
        assert_eq!(
            reference_events(&w).await,
            5,
            "{backend}: the place typed first, then retired and back, twice"
        );
    }
}

#[tokio::test]
async fn only_admins_retire_areas_categories_and_organisations_and_coordinators_places_too() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        log(&w, "Torget").await;
        let torget = place_named(&w, "Torget").await.id.to_string();
        let rimbo = w.rimbo.to_string();
        for who in [&w.coordinator, &w.police, &w.manager] {
            let r =
                reference_admin::set_retired(&w.db, who, ReferenceKind::Area, &rimbo, true).await;
            assert_eq!(r, Err(AppError::Forbidden), "{backend}");
        }
        for who in [&w.police, &w.manager] {
            let r =
                reference_admin::set_retired(&w.db, who, ReferenceKind::Place, &torget, true).await;
            assert_eq!(r, Err(AppError::Forbidden));
        }
        assert_eq!(reference_events(&w).await, 1, "only the place typed in");
        reference_admin::set_retired(&w.db, &w.coordinator, ReferenceKind::Place, &torget, true)
            .await
            .expect("coordinators keep places");
        // A retired place is not offered, and typing it again is refused for new incidents.
        let offered = reference::places(&w.db, Some(w.rimbo))
            .await
            .expect("test data");
        assert!(offered.iter().all(|p| p.name != "Torget"), "{backend}");
        let again =
            incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "torget")).await;
        assert_eq!(
            again.unwrap_err().issue_for("place"),
            Some(&FieldError::Retired)
        );
    }
}

#[tokio::test]
async fn an_organisation_with_active_accounts_stays_and_a_retired_one_takes_no_new_work() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let police = w.police_org.to_string();
        let kept = reference_admin::set_retired(
            &w.db,
            &w.admin,
            ReferenceKind::Organisation,
            &police,
            true,
        )
        .await;
        assert_eq!(
            kept.unwrap_err().issue_for("retired"),
            Some(&FieldError::ActiveAccounts),
            "{backend}"
        );
        for who in [&w.police, &w.police_colleague] {
            accounts::set_active(&w.db, &w.admin, who.id, false)
                .await
                .expect("test data");
        }
        reference_admin::set_retired(&w.db, &w.admin, ReferenceKind::Organisation, &police, true)
            .await
            .expect("no active accounts left");
        let action =
            actions::create(&w.db, &w.coordinator, &action_input(&w, "Ny belysning")).await;
        assert_eq!(
            action.unwrap_err().issue_for("owner_organisation_id"),
            Some(&FieldError::Retired),
            "{backend}"
        );
        let account = shared::account::AccountInput {
            name: "Ny Polis".into(),
            email: "ny.polis@test.se".into(),
            organisation_id: police.clone(),
            role: "reporter".into(),
        };
        let refused = accounts::create(&w.db, &w.admin, &account, "https://x.se").await;
        assert_eq!(
            refused.unwrap_err().issue_for("organisation_id"),
            Some(&FieldError::Retired)
        );
    }
}

#[tokio::test]
async fn typed_places_wait_for_a_coordinator_who_confirms_them() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        reference_admin::save_place(&w.db, &w.admin, "", &w.rimbo.to_string(), "Rimbo station")
            .await
            .expect("test data");
        log(&w, "Rimbo busstation").await;
        log(&w, "Rimbo busstation").await;
        let listed = places::list(&w.db, &w.coordinator, w.rimbo)
            .await
            .expect("test data");
        let names: Vec<(&str, bool, u64)> = listed
            .iter()
            .map(|p| (p.name.as_str(), p.new, p.incidents))
            .collect();
        assert_eq!(
            names,
            [("Rimbo busstation", true, 2), ("Rimbo station", false, 0)],
            "{backend}"
        );
        let waiting = places::new_per_area(&w.db, &w.coordinator)
            .await
            .expect("test data");
        assert_eq!(waiting.get(&w.rimbo.0), Some(&1));
        assert_eq!(
            places::list(&w.db, &w.police, w.rimbo).await,
            Err(AppError::Forbidden)
        );

        places::confirm(&w.db, &w.coordinator, listed[0].id)
            .await
            .expect("test data");
        assert!(
            places::new_per_area(&w.db, &w.admin)
                .await
                .expect("test data")
                .is_empty(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_merge_moves_incidents_actions_and_counts_exactly_and_the_old_name_leads_to_the_kept_place()
 {
    for (backend, db) in databases().await {
        let w = world(db).await;
        reference_admin::save_place(&w.db, &w.admin, "", &w.rimbo.to_string(), "Rimbo station")
            .await
            .expect("test data");
        for _ in 0..3 {
            log(&w, "Rimbo bus station").await;
        }
        log(&w, "Rimbo station").await;
        let mut decided = action_input(&w, "Bättre belysning");
        decided.place = "Rimbo bus station".into();
        actions::create(&w.db, &w.coordinator, &decided)
            .await
            .expect("test data");
        let from = PlaceId(place_named(&w, "Rimbo bus station").await.id);
        let into = PlaceId(place_named(&w, "Rimbo station").await.id);

        let preview = places::merge_preview(&w.db, &w.coordinator, from, into)
            .await
            .expect("test data");
        assert_eq!((preview.incidents, preview.actions), (3, 1), "{backend}");
        assert_eq!(
            places::merge(&w.db, &w.police, from, into).await,
            Err(AppError::Forbidden)
        );
        let moved = places::merge(&w.db, &w.coordinator, from, into)
            .await
            .expect("test data");
        assert_eq!(moved, preview);

        let (kept, counted) = place_counts(&w).await;
        assert_eq!(
            kept, counted,
            "{backend}: the kept counts follow the incidents"
        );
        assert_eq!(counted.get(&into.0), Some(&4));
        assert_eq!(counted.get(&from.0), None);
        // Typing the merged name again picks the kept place; no duplicate is made.
        let again = log(&w, "rimbo bus station").await;
        let row = incident::Entity::find_by_id(again.0)
            .one(&w.db)
            .await
            .expect("test data")
            .expect("test data");
        assert_eq!(row.place_id, into.0, "{backend}");
        let listed = places::list(&w.db, &w.coordinator, w.rimbo)
            .await
            .expect("test data");
        let station = listed.iter().find(|p| p.id == into).expect("test data");
        assert_eq!(station.aliases, ["Rimbo bus station"]);
        assert_eq!(station.incidents, 5);
        assert!(listed.iter().all(|p| p.id != from));
        assert!(
            reference::places(&w.db, Some(w.rimbo))
                .await
                .expect("test data")
                .iter()
                .all(|p| p.id != from)
        );
        assert_eq!(
            reference_events(&w).await,
            3,
            "{backend}: a place typed in, one made by the admin, one merge"
        );
    }
}

#[tokio::test]
async fn a_merge_that_cannot_be_done_changes_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        log(&w, "Torget").await;
        incidents::create(
            &w.db,
            &w.police,
            &input(w.norrtalje, w.graffiti, "Stora torget"),
        )
        .await
        .expect("test data");
        reference_admin::save_place(&w.db, &w.admin, "", &w.rimbo.to_string(), "Gamla torget")
            .await
            .expect("test data");
        let torget = PlaceId(place_named(&w, "Torget").await.id);
        let elsewhere = PlaceId(place_named(&w, "Stora torget").await.id);
        let old = PlaceId(place_named(&w, "Gamla torget").await.id);
        let events = reference_events(&w).await;
        let across = places::merge(&w.db, &w.coordinator, torget, elsewhere).await;
        assert_eq!(
            across.unwrap_err().issue_for("into"),
            Some(&FieldError::Unknown),
            "{backend}"
        );
        let itself = places::merge(&w.db, &w.coordinator, torget, torget).await;
        assert_eq!(
            itself.unwrap_err().issue_for("into"),
            Some(&FieldError::Invalid)
        );
        reference_admin::set_retired(
            &w.db,
            &w.coordinator,
            ReferenceKind::Place,
            &old.to_string(),
            true,
        )
        .await
        .expect("test data");
        let retired = places::merge(&w.db, &w.coordinator, torget, old).await;
        assert_eq!(
            retired.unwrap_err().issue_for("into"),
            Some(&FieldError::Retired)
        );
        let missing = places::merge(&w.db, &w.coordinator, PlaceId(Uuid::now_v7()), torget).await;
        assert_eq!(missing, Err(AppError::NotFound));
        assert_eq!(place_named(&w, "Torget").await.merged_into, None);
        assert_eq!(
            reference_events(&w).await,
            events + 1,
            "{backend}: only the retirement"
        );
    }
}

#[tokio::test]
async fn admins_keep_the_directory_and_someone_who_left_can_come_back() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let entry = shared::contact::ContactInput {
            name: "Frida Fält".into(),
            organisation_id: w.police_org.to_string(),
            function: "field_worker".into(),
            phone: "070-174 06 31".into(),
            ..shared::contact::ContactInput::default()
        };
        let id = contacts::save(&w.db, &w.admin, "", &entry)
            .await
            .expect("admins add entries");
        let id = id.to_string();
        contacts::deactivate(&w.db, &w.admin, &id)
            .await
            .expect("test data");
        let filter = contacts::Filter::default();
        let seen = contacts::directory(&w.db, &w.admin, &filter)
            .await
            .expect("test data");
        assert!(seen.entries.iter().all(|e| e.id != id), "{backend}");
        assert!(seen.left.iter().any(|(left, _)| *left == id));
        assert!(
            contacts::directory(&w.db, &w.police, &filter)
                .await
                .expect("test data")
                .left
                .is_empty()
        );
        assert_eq!(
            contacts::reactivate(&w.db, &w.police, &id).await,
            Err(AppError::Forbidden)
        );
        contacts::reactivate(&w.db, &w.coordinator, &id)
            .await
            .expect("test data");
        let back = contacts::directory(&w.db, &w.police, &filter)
            .await
            .expect("test data");
        assert!(back.entries.iter().any(|e| e.id == id), "{backend}");
        assert_eq!(
            contacts::reactivate(&w.db, &w.admin, &id).await,
            Err(AppError::Conflict)
        );
    }
}
