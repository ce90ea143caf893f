//! Service tests for the actions a meeting decides: corrected and removed (and put back) while
//! the minutes are open, each change audited; refused for other roles, other meetings' actions,
//! bad input and locked minutes; an action its owner has started on is never removed.

mod common;

use app::ssr::entities::audit_event;
use app::ssr::testing::databases;
use app::ssr::{actions, meeting_detail, meetings, minutes};
use common::{World, action_input, started_meeting, world};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::action::{ActionInput, ActionSummary};
use shared::audit::AuditAction;
use shared::{AppError, FieldError};
use uuid::Uuid;

async fn decided(w: &World, id: Uuid) -> Vec<ActionSummary> {
    meeting_detail::detail(&w.db, &w.coordinator, id)
        .await
        .expect("the meeting")
        .new_actions
}

/// The audit events of record `id`, oldest first: (action, before, after).
async fn events(w: &World, id: Uuid) -> Vec<(AuditAction, Option<String>, Option<String>)> {
    audit_event::Entity::find()
        .filter(audit_event::Column::RecordId.eq(id))
        .order_by_asc(audit_event::Column::Id)
        .all(&w.db)
        .await
        .expect("audit events")
        .into_iter()
        .map(|e| (e.action, e.before_json, e.after_json))
        .collect()
}

#[tokio::test]
async fn a_decided_action_is_corrected_in_every_field_and_the_change_is_audited() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let id = started_meeting(&w).await;
        let action = minutes::new_action(&w.db, c, id, &action_input(&w, "Kvällsvandring"))
            .await
            .unwrap();
        let due = (app::ssr::time::now_local().date() + chrono::Days::new(21)).to_string();
        let corrected = ActionInput {
            title: "Kvällsvandring vid busstationen".into(),
            owner_organisation_id: w.school.organisation_id.to_string(),
            owner_person: "Sara Skola".into(),
            due: due.clone(),
            area_id: w.norrtalje.to_string(),
            place: "Busstationen".into(),
            incident_id: String::new(),
        };
        minutes::edit_action(&w.db, c, id, &action.to_string(), &corrected)
            .await
            .unwrap();

        let [a] = decided(&w, id).await.try_into().expect("one action");
        assert_eq!(a.title, "Kvällsvandring vid busstationen", "{backend}");
        assert_eq!(
            a.owner_organisation_id,
            w.school.organisation_id.to_string()
        );
        assert_eq!(a.owner_person.as_deref(), Some("Sara Skola"));
        assert_eq!(a.due, due);
        assert_eq!(a.area_id, Some(w.norrtalje.to_string()));
        assert_eq!(a.place.as_deref(), Some("Busstationen"));

        let log = events(&w, action).await;
        let (kind, before, after) = log.last().expect("audited");
        assert_eq!(*kind, AuditAction::Update, "{backend}");
        let (before, after) = (before.clone().unwrap(), after.clone().unwrap());
        assert!(
            before.contains("Rimbo") && !before.contains("Busstationen"),
            "{before}"
        );
        assert!(
            after.contains("Norrtälje") && after.contains("Busstationen"),
            "{after}"
        );
        assert!(after.contains("Sara Skola"), "{after}");
    }
}

#[tokio::test]
async fn a_correction_is_refused_for_others_other_meetings_bad_input_and_locked_minutes() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let id = started_meeting(&w).await;
        let action = minutes::new_action(&w.db, c, id, &action_input(&w, "Kvällsvandring"))
            .await
            .unwrap()
            .to_string();
        let elsewhere = actions::create(&w.db, c, &action_input(&w, "Belysning vid torget"))
            .await
            .unwrap()
            .to_string();
        let input = action_input(&w, "Ny lydelse");
        let log = events(&w, Uuid::parse_str(&action).unwrap()).await.len();

        for who in [&w.police, &w.school, &w.manager, &w.admin] {
            assert_eq!(
                minutes::edit_action(&w.db, who, id, &action, &input).await,
                Err(AppError::Forbidden),
                "{backend}: {:?}",
                who.role
            );
            assert_eq!(
                minutes::remove_action(&w.db, who, id, &action).await,
                Err(AppError::Forbidden),
                "{backend}: {:?}",
                who.role
            );
        }
        assert_eq!(
            minutes::edit_action(&w.db, c, id, &elsewhere, &input).await,
            Err(AppError::NotFound),
            "{backend}: an action not decided at this meeting"
        );
        assert_eq!(
            minutes::remove_action(&w.db, c, id, &elsewhere).await,
            Err(AppError::NotFound),
            "{backend}"
        );
        assert_eq!(
            minutes::remove_action(&w.db, c, id, "inte-ett-id").await,
            Err(AppError::NotFound),
            "{backend}"
        );
        let past = ActionInput {
            due: "2020-01-01".into(),
            ..input.clone()
        };
        assert_eq!(
            minutes::edit_action(&w.db, c, id, &action, &past)
                .await
                .unwrap_err()
                .issue_for("due"),
            Some(&FieldError::Passed),
            "{backend}"
        );
        let nobody = ActionInput {
            owner_organisation_id: Uuid::now_v7().to_string(),
            ..input.clone()
        };
        assert_eq!(
            minutes::edit_action(&w.db, c, id, &action, &nobody)
                .await
                .unwrap_err()
                .issue_for("owner_organisation_id"),
            Some(&FieldError::Unknown),
            "{backend}"
        );
        assert_eq!(
            decided(&w, id).await[0].title,
            "Kvällsvandring",
            "{backend}: unchanged"
        );
        assert_eq!(
            events(&w, Uuid::parse_str(&action).unwrap()).await.len(),
            log,
            "{backend}: a refused change is not audited"
        );

        common::held_today(&w.db, id).await;
        meetings::finalise(&w.db, c, id).await.unwrap();
        assert_eq!(
            minutes::edit_action(&w.db, c, id, &action, &input).await,
            Err(AppError::Locked),
            "{backend}"
        );
        assert_eq!(
            minutes::remove_action(&w.db, c, id, &action).await,
            Err(AppError::Locked),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_removed_action_is_gone_everywhere_and_the_undo_puts_it_back() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let id = started_meeting(&w).await;
        let input = action_input(&w, "Kvällsvandring");
        let form = Uuid::now_v7();
        minutes::new_action_once(&w.db, c, id, &form.to_string(), &input)
            .await
            .unwrap();
        minutes::remove_action(&w.db, c, id, &form.to_string())
            .await
            .unwrap();
        assert!(decided(&w, id).await.is_empty(), "{backend}");
        let open = actions::list(&w.db, c, actions::Scope::All, None)
            .await
            .unwrap();
        assert!(
            open.items.iter().all(|a| a.id != form.to_string()),
            "{backend}: not in the list"
        );
        assert_eq!(
            actions::get(&w.db, c, form, shared::lang::Lang::Sv).await,
            Err(AppError::NotFound)
        );
        let log = events(&w, form).await;
        let (kind, before, after) = log.last().expect("audited");
        assert_eq!(*kind, AuditAction::Delete, "{backend}");
        assert!(before.as_deref().unwrap().contains("Kvällsvandring"));
        assert_eq!(after, &None);

        // The page's undo sends the same form again.
        minutes::new_action_once(&w.db, c, id, &form.to_string(), &input)
            .await
            .unwrap();
        assert_eq!(
            decided(&w, id).await[0].id,
            form.to_string(),
            "{backend}: back"
        );
    }
}

#[tokio::test]
async fn an_action_its_owner_has_started_on_is_not_removed_but_can_be_corrected() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let id = started_meeting(&w).await;
        let action = minutes::new_action(&w.db, c, id, &action_input(&w, "Kvällsvandring"))
            .await
            .unwrap();
        actions::update_state(
            &w.db,
            &w.police,
            action,
            "in_progress",
            "Planerad till fredag",
        )
        .await
        .unwrap();
        assert_eq!(
            minutes::remove_action(&w.db, c, id, &action.to_string()).await,
            Err(AppError::Conflict),
            "{backend}: the owner's work is not thrown away"
        );
        minutes::edit_action(
            &w.db,
            c,
            id,
            &action.to_string(),
            &action_input(&w, "Kvällsvandring i Rimbo"),
        )
        .await
        .unwrap();
        let [a] = decided(&w, id).await.try_into().expect("one action");
        assert_eq!(a.title, "Kvällsvandring i Rimbo", "{backend}");
        assert_eq!(
            a.state,
            shared::action::ActionState::InProgress,
            "{backend}: state kept"
        );
    }
}

#[tokio::test]
async fn an_action_a_later_meeting_has_reviewed_is_not_removed() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let first = started_meeting(&w).await;
        let action = minutes::new_action(&w.db, c, first, &action_input(&w, "Kvällsvandring"))
            .await
            .unwrap();
        let series = app::ssr::entities::meetings::meeting::Entity::find_by_id(first)
            .one(&w.db)
            .await
            .unwrap()
            .expect("the meeting")
            .series_id;
        let next = meetings::plan_next(&w.db, c, series).await.unwrap();
        meetings::start(&w.db, c, next).await.unwrap();
        minutes::review_action(&w.db, c, next, &action.to_string(), "open", "Följs upp")
            .await
            .unwrap();
        assert_eq!(
            minutes::remove_action(&w.db, c, first, &action.to_string()).await,
            Err(AppError::Conflict),
            "{backend}: the later meeting's review stays true"
        );
        assert_eq!(decided(&w, first).await.len(), 1, "{backend}");
    }
}
