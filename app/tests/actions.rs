//! Service tests for actions: who creates and moves them, the state rules, lists and the
//! situation picture's open and overdue counts.

mod common;

use app::ssr::actions::{self, Scope};
use app::ssr::testing::databases;
use app::ssr::{incidents, picture};
use common::{World, input, world};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use shared::action::{ACTIONS_PER_PAGE, ActionInput, ActionState, ActionSummary, OVERDUE_NAMED};
use shared::audit::AuditAction;
use shared::lang::Lang;
use shared::week::IsoWeek;
use shared::{AppError, FieldError};

fn today() -> chrono::NaiveDate {
    app::ssr::time::now_local().date()
}

/// The first page of a list, as the page shows it.
async fn listed(
    db: &sea_orm::DatabaseConnection,
    who: &shared::user::CurrentUser,
    scope: Scope,
) -> Result<Vec<ActionSummary>, AppError> {
    actions::list(db, who, scope, None).await.map(|p| p.items)
}

/// Moves an action's due date `days` from today, as time passing would (the form refuses
/// past dates).
async fn due_in(db: &sea_orm::DatabaseConnection, id: uuid::Uuid, days: i64) {
    let model = app::ssr::entities::action::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("read")
        .expect("the action");
    let mut active: app::ssr::entities::action::ActiveModel = model.into();
    active.due = Set(today() + chrono::TimeDelta::days(days));
    active.update(db).await.expect("due date moved");
}

fn action_input(w: &World) -> ActionInput {
    ActionInput {
        title: "Byt trasig belysning i gångtunneln".into(),
        owner_organisation_id: w.police_org.to_string(),
        owner_person: "Per Polis".into(),
        due: (today() + chrono::Days::new(14)).to_string(),
        area_id: w.rimbo.to_string(),
        place: "Gångtunneln".into(),
        incident_id: String::new(),
    }
}

#[tokio::test]
async fn a_coordinator_creates_an_action_linked_to_the_incident_that_prompted_it() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let incident =
            incidents::create(&w.db, &w.school, &input(w.rimbo, w.graffiti, "Gångtunneln"))
                .await
                .unwrap();
        let form = ActionInput {
            incident_id: incident.to_string(),
            ..action_input(&w)
        };
        let id = actions::create(&w.db, &w.coordinator, &form).await.unwrap();

        let d = actions::get(&w.db, &w.school, id, Lang::Sv).await.unwrap();
        assert_eq!(d.summary.owner_organisation, "Polisen", "{backend}");
        assert_eq!(d.summary.state, ActionState::Open);
        assert_eq!(d.summary.area.as_deref(), Some("Rimbo"));
        assert_eq!(
            d.summary.place.as_deref(),
            Some("Gångtunneln"),
            "the incident's place is reused, case and all"
        );
        assert!(!d.summary.overdue);
        assert_eq!(d.incidents.len(), 1);
        assert!(d.incidents[0].1.contains("Gångtunneln"));
        assert_eq!(
            d.history.iter().map(|e| e.action).collect::<Vec<_>>(),
            [AuditAction::Create]
        );
        assert!(!d.can_update, "the school does not own it");
        assert!(
            actions::get(&w.db, &w.police, id, Lang::Sv)
                .await
                .unwrap()
                .can_update
        );
    }
}

#[tokio::test]
async fn only_coordinators_create_and_bad_input_is_named() {
    for (_, db) in databases().await {
        let w = world(db).await;
        for user in [&w.police, &w.manager, &w.admin] {
            assert_eq!(
                actions::create(&w.db, user, &action_input(&w)).await,
                Err(AppError::Forbidden)
            );
        }
        let bad = ActionInput {
            owner_organisation_id: uuid::Uuid::now_v7().to_string(),
            ..action_input(&w)
        };
        assert_eq!(
            actions::create(&w.db, &w.coordinator, &bad)
                .await
                .unwrap_err()
                .issue_for("owner_organisation_id"),
            Some(&FieldError::Unknown)
        );
        let bad = ActionInput {
            due: (today() - chrono::Days::new(1)).to_string(),
            title: "".into(),
            ..action_input(&w)
        };
        let err = actions::create(&w.db, &w.coordinator, &bad)
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("due"), Some(&FieldError::Passed));
        assert_eq!(err.issue_for("title"), Some(&FieldError::Required));
        let bad = ActionInput {
            incident_id: uuid::Uuid::now_v7().to_string(),
            ..action_input(&w)
        };
        assert_eq!(
            actions::create(&w.db, &w.coordinator, &bad)
                .await
                .unwrap_err()
                .issue_for("incident_id"),
            Some(&FieldError::Unknown)
        );
        assert!(
            listed(&w.db, &w.coordinator, Scope::All)
                .await
                .unwrap()
                .is_empty(),
            "nothing was stored"
        );
    }
}

#[tokio::test]
async fn the_owner_organisation_moves_an_action_and_closing_is_final() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let id = actions::create(&w.db, &w.coordinator, &action_input(&w))
            .await
            .unwrap();
        assert_eq!(
            actions::update_state(&w.db, &w.school, id, "done", "").await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            actions::update_state(&w.db, &w.manager, id, "done", "").await,
            Err(AppError::NotFound)
        );
        actions::update_state(
            &w.db,
            &w.police_colleague,
            id,
            "in_progress",
            "Beställt av fastighet.",
        )
        .await
        .unwrap();
        let err = actions::update_state(&w.db, &w.police, id, "not_done", "")
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("note"), Some(&FieldError::Required));
        actions::update_state(
            &w.db,
            &w.police,
            id,
            "not_done",
            "Fastighetsägaren avböjde.",
        )
        .await
        .unwrap();
        assert_eq!(
            actions::update_state(&w.db, &w.coordinator, id, "open", "").await,
            Err(AppError::Conflict)
        );

        let d = actions::get(&w.db, &w.coordinator, id, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(d.summary.state, ActionState::NotDone);
        assert_eq!(d.note.as_deref(), Some("Fastighetsägaren avböjde."));
        let last = d.history.last().unwrap();
        assert_eq!(last.action, AuditAction::Update);
        let state = last.changes.iter().find(|c| c.field == "state").unwrap();
        assert_eq!(
            (state.before.as_str(), state.after.as_str()),
            ("in_progress", "not_done")
        );

        assert!(
            listed(&w.db, &w.police, Scope::Open)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(listed(&w.db, &w.police, Scope::All).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn my_actions_are_my_organisations_open_ones() {
    for (_, db) in databases().await {
        let w = world(db).await;
        actions::create(&w.db, &w.coordinator, &action_input(&w))
            .await
            .unwrap();
        let school_org = app::ssr::reference::load(&w.db, Lang::Sv)
            .await
            .unwrap()
            .organisations
            .into_iter()
            .find(|o| o.name == "Skolan")
            .unwrap();
        let for_school = ActionInput {
            owner_organisation_id: school_org.id.to_string(),
            ..action_input(&w)
        };
        actions::create(&w.db, &w.coordinator, &for_school)
            .await
            .unwrap();
        let mine = listed(&w.db, &w.school, Scope::Mine).await.unwrap();
        assert_eq!(
            mine.iter()
                .map(|a| a.owner_organisation.as_str())
                .collect::<Vec<_>>(),
            ["Skolan"]
        );
        assert_eq!(
            listed(&w.db, &w.school, Scope::Open).await.unwrap().len(),
            2
        );
        assert_eq!(
            listed(&w.db, &w.manager, Scope::Open).await,
            Err(AppError::Forbidden)
        );
    }
}

#[tokio::test]
async fn the_picture_counts_open_and_overdue_actions_per_area() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let on_time = actions::create(&w.db, &w.coordinator, &action_input(&w))
            .await
            .unwrap();
        let late = actions::create(&w.db, &w.coordinator, &action_input(&w))
            .await
            .unwrap();
        let closed = actions::create(&w.db, &w.coordinator, &action_input(&w))
            .await
            .unwrap();
        actions::update_state(&w.db, &w.police, closed, "done", "")
            .await
            .unwrap();
        // Due dates in the past cannot be entered; move one back as time would.
        let model = app::ssr::entities::action::Entity::find_by_id(late)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        let mut active: app::ssr::entities::action::ActiveModel = model.into();
        active.due = Set(today() - chrono::Days::new(3));
        active.update(&w.db).await.unwrap();

        let p = picture::compile(&w.db, &w.coordinator, IsoWeek::of(today()), 3, Lang::Sv)
            .await
            .unwrap();
        let rimbo = p.areas.iter().find(|a| a.area == "Rimbo").unwrap();
        assert_eq!((rimbo.open_actions, rimbo.overdue_actions), (2, 1));
        let list = listed(&w.db, &w.coordinator, Scope::Open).await.unwrap();
        assert_eq!(
            list.first().map(|a| (a.id.clone(), a.overdue)),
            Some((late.to_string(), true)),
            "soonest due first"
        );
        assert!(
            list.iter()
                .any(|a| a.id == on_time.to_string() && !a.overdue)
        );
    }
}

#[tokio::test]
async fn a_long_list_comes_a_page_at_a_time_each_action_once_in_due_order() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Seven due dates, eight or nine actions each: both pages' boundaries fall inside a
        // run of equal dates, where only the ids keep the order.
        let count = ACTIONS_PER_PAGE as usize + 7;
        let mut ids = Vec::new();
        for i in 0..count {
            let id = actions::create(&w.db, &w.coordinator, &action_input(&w))
                .await
                .unwrap();
            // Due dates spread over both sides of today, several sharing a day.
            due_in(&w.db, id, (i as i64 % 7) - 3).await;
            ids.push(id);
        }
        actions::update_state(&w.db, &w.police, ids[0], "done", "")
            .await
            .unwrap();
        for (scope, expected) in [(Scope::Open, count - 1), (Scope::All, count)] {
            let first = actions::list(&w.db, &w.coordinator, scope, None)
                .await
                .unwrap();
            assert_eq!(first.total, expected as u64, "{backend} {scope:?}");
            assert_eq!(first.items.len(), ACTIONS_PER_PAGE as usize);
            let cursor = first.next_cursor.clone().expect("a second page");
            let second = actions::list(&w.db, &w.coordinator, scope, Some(&cursor))
                .await
                .unwrap();
            assert_eq!(second.next_cursor, None, "{backend} {scope:?}: two pages");
            assert_eq!(second.total, first.total);
            let shown: Vec<_> = first.items.iter().chain(&second.items).collect();
            assert_eq!(shown.len(), expected, "{backend} {scope:?}: none twice");
            let boundary = (&first.items[first.items.len() - 1], &second.items[0]);
            assert_eq!(
                boundary.0.due, boundary.1.due,
                "{backend} {scope:?}: a run split"
            );
            let mut unique: Vec<_> = shown.iter().map(|a| a.id.clone()).collect();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), expected, "{backend} {scope:?}: each once");
            let dues: Vec<&str> = shown.iter().map(|a| a.due.as_str()).collect();
            let mut sorted = dues.clone();
            sorted.sort();
            if scope == Scope::All {
                sorted.reverse();
            }
            assert_eq!(dues, sorted, "{backend} {scope:?}: due order across pages");
        }
    }
}

#[tokio::test]
async fn a_list_refuses_a_cursor_it_did_not_make() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        for bad in [
            "2026-13-01_0191f0a0000070008000000000000001",
            "igår",
            "2026-12-01",
        ] {
            assert_eq!(
                actions::list(&w.db, &w.coordinator, Scope::Open, Some(bad)).await,
                Err(AppError::BadRequest),
                "{backend} {bad}"
            );
        }
        // An empty one is the first page.
        assert!(
            actions::list(&w.db, &w.coordinator, Scope::Open, Some(""))
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn the_start_page_gets_counts_and_the_longest_overdue_not_the_whole_list() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let overdue = OVERDUE_NAMED as i64 + 2;
        for days in (1..=overdue).map(|d| -d).chain([3, 30]) {
            let id = actions::create(&w.db, &w.coordinator, &action_input(&w))
                .await
                .unwrap();
            due_in(&w.db, id, days).await;
        }
        // A closed one long past its day is neither open nor overdue.
        let closed = actions::create(&w.db, &w.coordinator, &action_input(&w))
            .await
            .unwrap();
        actions::update_state(&w.db, &w.police, closed, "done", "")
            .await
            .unwrap();
        due_in(&w.db, closed, -40).await;

        let o = actions::overview(&w.db, &w.coordinator, Scope::Open)
            .await
            .unwrap();
        assert_eq!(
            (o.open, o.overdue),
            (overdue as u64 + 2, overdue as u64),
            "{backend}"
        );
        let days: Vec<String> = o.most_overdue.iter().map(|a| a.due.clone()).collect();
        let longest: Vec<String> = (0..OVERDUE_NAMED as i64)
            .map(|i| (today() - chrono::TimeDelta::days(overdue - i)).to_string())
            .collect();
        assert_eq!(
            days, longest,
            "{backend}: the longest overdue, oldest first"
        );
        assert!(o.most_overdue.iter().all(|a| a.overdue));
        // "All" asks for the same: closed actions are not on the start page.
        assert_eq!(
            actions::overview(&w.db, &w.coordinator, Scope::All).await,
            Ok(o)
        );
        // The police own them all; the school owns none.
        let police = actions::overview(&w.db, &w.police, Scope::Mine)
            .await
            .unwrap();
        assert_eq!(police.open, overdue as u64 + 2);
        let school = actions::overview(&w.db, &w.school, Scope::Mine)
            .await
            .unwrap();
        assert_eq!(
            (school.open, school.overdue, school.most_overdue.len()),
            (0, 0, 0)
        );
        assert_eq!(
            actions::overview(&w.db, &w.manager, Scope::Open).await,
            Err(AppError::Forbidden)
        );
    }
}
