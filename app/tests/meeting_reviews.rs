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
            .flat_map(|(_, l)| l)
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
