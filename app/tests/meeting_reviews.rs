//! Service tests for reviewing carried-over actions: one write with its audit event, whether
//! the state moves or only a note is recorded; a refused note stores nothing.

mod common;

use app::ssr::entities::audit_event;
use app::ssr::testing::databases;
use app::ssr::{actions, meeting_detail, minutes};
use common::{action_input, started_meeting, world};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use shared::action::ActionState;
use shared::audit::{AuditAction, RecordType};

#[tokio::test]
async fn a_review_note_without_a_new_state_is_audited_and_a_refused_one_stores_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let action = actions::create(&w.db, c, &action_input(&w, "Belysning vid torget"))
            .await
            .unwrap();
        let id = started_meeting(&w).await;
        let minutes_events = || {
            audit_event::Entity::find()
                .filter(audit_event::Column::RecordType.eq(RecordType::Minutes))
                .filter(audit_event::Column::RecordId.eq(id))
                .filter(
                    audit_event::Column::Action.is_in([AuditAction::Create, AuditAction::Update]),
                )
                .all(&w.db)
        };
        let before = minutes_events().await.unwrap().len();
        minutes::review_action(
            &w.db,
            c,
            id,
            &action.to_string(),
            "open",
            "Väntar på beställning",
        )
        .await
        .unwrap();
        let events = minutes_events().await.unwrap();
        assert_eq!(events.len(), before + 1, "{backend}");
        let after = events.last().unwrap().after_json.clone().unwrap();
        assert!(
            after.contains("Väntar på beställning") && after.contains("open"),
            "{after}"
        );

        // A phone number in the note: refused, and neither the state nor the review changes.
        let err = minutes::review_action(
            &w.db,
            c,
            id,
            &action.to_string(),
            "in_progress",
            "Ring 070-123 45 67",
        )
        .await
        .unwrap_err();
        assert!(err.issue_for("note").is_some(), "{backend}: {err:?}");
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        let row = d
            .carried
            .iter()
            .flat_map(|g| &g.actions)
            .next()
            .expect("carried");
        assert_eq!(row.action.state, ActionState::Open, "{backend}: not moved");
        assert_eq!(
            row.reviewed,
            Some((ActionState::Open, Some("Väntar på beställning".to_owned()))),
            "{backend}"
        );
        assert_eq!(
            minutes_events().await.unwrap().len(),
            before + 1,
            "{backend}"
        );
    }
}

/// A meeting lists each owner's five longest overdue actions (and any it has reviewed), counts
/// the rest, and lists all of one owner's when asked; the minutes list every one.
#[tokio::test]
async fn a_meeting_lists_a_few_actions_per_owner_and_all_when_asked() {
    use shared::lang::Lang;
    use shared::meeting::{CARRIED_SHOWN, CarriedShown, Missing};
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let today = app::ssr::time::now_local().date();
        let mut ids = Vec::new();
        for n in 0..CARRIED_SHOWN + 2 {
            let mut input = action_input(&w, &format!("Åtgärd {n}"));
            input.due = (today + chrono::Days::new(n as u64 + 1)).to_string();
            ids.push(actions::create(&w.db, c, &input).await.unwrap());
        }
        let id = started_meeting(&w).await;
        let police = w.police_org.to_string();
        let listed = |shown: CarriedShown| {
            let (w, police) = (&w, &police);
            async move {
                let d = meeting_detail::detail_in(&w.db, c, id, Lang::Sv, &shown)
                    .await
                    .unwrap();
                let g = d.carried.iter().find(|g| &g.owner_id == police).cloned();
                (d, g.expect("the police's actions"))
            }
        };
        let (d, few) = listed(CarriedShown::Few).await;
        let titles: Vec<&str> = few
            .actions
            .iter()
            .map(|a| a.action.title.as_str())
            .collect();
        assert_eq!(
            titles,
            ["Åtgärd 0", "Åtgärd 1", "Åtgärd 2", "Åtgärd 3", "Åtgärd 4"],
            "{backend}: the earliest due first"
        );
        assert_eq!(
            (few.total, few.unreviewed),
            (CARRIED_SHOWN + 2, CARRIED_SHOWN + 2)
        );
        assert!(few.cut());
        assert!(d.missing().contains(&Missing::Unreviewed {
            titles: titles.iter().map(|t| (*t).to_owned()).collect(),
            more: 2
        }));

        // Reviewed, the last one stays listed among the few; it is no longer unreviewed.
        let last = ids.last().unwrap().to_string();
        minutes::review_action(&w.db, c, id, &last, "in_progress", "")
            .await
            .unwrap();
        let (_, few) = listed(CarriedShown::Few).await;
        assert_eq!(few.actions.len(), CARRIED_SHOWN + 1, "{backend}");
        assert_eq!(few.actions.last().unwrap().action.id, last);
        assert_eq!(few.unreviewed, CARRIED_SHOWN + 1);

        let (_, all) = listed(CarriedShown::Owner(police.clone())).await;
        assert_eq!(all.actions.len(), CARRIED_SHOWN + 2, "{backend}");
        assert!(!all.cut());
        let other = CarriedShown::Owner(uuid::Uuid::now_v7().to_string());
        assert_eq!(listed(other).await.1.actions.len(), CARRIED_SHOWN + 1);
        let minutes = meeting_detail::detail(&w.db, c, id).await.unwrap();
        assert_eq!(minutes.carried[0].actions.len(), CARRIED_SHOWN + 2);
    }
}

/// "Genomförd" picked by a slip at the meeting is corrected there: the action is open again and
/// the meeting keeps one review. A closing made on the action's own page stays final.
#[tokio::test]
async fn a_closing_recorded_at_the_meeting_is_corrected_there_and_no_other() {
    use app::ssr::entities::action;
    use shared::AppError;
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let slip = actions::create(&w.db, c, &action_input(&w, "Belysning vid torget"))
            .await
            .unwrap();
        let elsewhere = actions::create(&w.db, c, &action_input(&w, "Klotter vid skolan"))
            .await
            .unwrap();
        let id = started_meeting(&w).await;
        let db = &w.db;
        let review = move |action: uuid::Uuid, state: &'static str, note: &'static str| async move {
            minutes::review_action(db, c, id, &action.to_string(), state, note).await
        };
        review(slip, "done", "Klar enligt kommunen").await.unwrap();
        let closed = action::Entity::find_by_id(slip)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert!(closed.closed_at.is_some(), "{backend}");
        review(slip, "in_progress", "Klar enligt kommunen")
            .await
            .unwrap();
        let reopened = action::Entity::find_by_id(slip)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (reopened.state, reopened.closed_at),
            (ActionState::InProgress, None),
            "{backend}: open again"
        );
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        let rows: Vec<_> = d
            .carried
            .iter()
            .flat_map(|g| &g.actions)
            .filter(|r| r.action.id == slip.to_string())
            .collect();
        assert_eq!(rows.len(), 1, "{backend}: still carried, once");
        assert_eq!(
            rows[0].reviewed,
            Some((
                ActionState::InProgress,
                Some("Klar enligt kommunen".to_owned())
            )),
            "{backend}: the one review says what holds now"
        );
        // Corrected again, to another closing: closed, and corrected once more it could be.
        review(slip, "not_possible", "").await.unwrap();
        let state = move |a: uuid::Uuid| async move {
            action::Entity::find_by_id(a)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .state
        };
        assert_eq!(state(slip).await, ActionState::NotPossible, "{backend}");

        // Closed on its own page during the meeting: final here too.
        actions::update_state(&w.db, c, elsewhere, "done", "")
            .await
            .unwrap();
        assert!(
            matches!(review(elsewhere, "open", "").await, Err(AppError::Conflict)),
            "{backend}"
        );
        assert_eq!(state(elsewhere).await, ActionState::Done, "{backend}");
    }
}
