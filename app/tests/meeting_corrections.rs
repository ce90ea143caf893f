//! Service tests for a forgiving meeting page: a form sent twice stores once, items can be
//! reworded, removed and put back until the minutes are locked, every member's attendance is
//! saved in one write (all or nothing), and the page lists what the minutes lack.

mod common;

use app::ssr::entities::audit_event;
use app::ssr::testing::databases;
use app::ssr::{actions, meeting_detail, meetings, minutes};
use common::{World, action_input, started_meeting, world};
use sea_orm::{EntityTrait, PaginatorTrait};
use shared::AppError;
use shared::action::ActionState;
use shared::meeting::{Attendance, ItemKind, Missing};
use uuid::Uuid;

async fn texts(w: &World, id: Uuid, kind: ItemKind) -> Vec<String> {
    meeting_detail::detail(&w.db, &w.coordinator, id)
        .await
        .expect("the meeting")
        .items
        .into_iter()
        .filter(|i| i.kind == kind)
        .map(|i| i.text)
        .collect()
}

async fn audit_events(w: &World) -> u64 {
    audit_event::Entity::find()
        .count(&w.db)
        .await
        .expect("audit events")
}

#[tokio::test]
async fn an_item_sent_twice_is_added_once_and_can_be_reworded_removed_and_put_back() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = started_meeting(&w).await;
        let (c, first, second) = (&w.coordinator, Uuid::now_v7(), Uuid::now_v7());
        let (a, b) = (first.to_string(), second.to_string());
        minutes::add_item_once(&w.db, c, id, "decision", &a, "Fältarna förstärker i Rimbo")
            .await
            .unwrap();
        minutes::add_item_once(&w.db, c, id, "decision", &a, "Fältarna förstärker i Rimbo")
            .await
            .expect("the same form again is no error");
        assert_eq!(
            minutes::add_item_once(&w.db, c, id, "decision", &a, "Något annat").await,
            Err(AppError::Conflict),
            "{backend}: another text under a used id is refused, not dropped in silence"
        );
        minutes::add_item_once(&w.db, c, id, "decision", &b, "Polisen patrullerar torget")
            .await
            .unwrap();
        assert_eq!(
            texts(&w, id, ItemKind::Decision).await,
            ["Fältarna förstärker i Rimbo", "Polisen patrullerar torget"],
            "{backend}"
        );

        minutes::edit_item(&w.db, c, id, &a, "Fältarna förstärker i Rimbo på fredag")
            .await
            .unwrap();
        let before = audit_events(&w).await;
        minutes::remove_item(&w.db, c, id, &a).await.unwrap();
        assert_eq!(
            audit_events(&w).await,
            before + 1,
            "{backend}: removal audited"
        );
        assert_eq!(
            texts(&w, id, ItemKind::Decision).await,
            ["Polisen patrullerar torget"]
        );
        // Undo: the page sends the removed item again, with its id.
        minutes::add_item_once(
            &w.db,
            c,
            id,
            "decision",
            &a,
            "Fältarna förstärker i Rimbo på fredag",
        )
        .await
        .unwrap();
        assert_eq!(
            texts(&w, id, ItemKind::Decision).await,
            [
                "Fältarna förstärker i Rimbo på fredag",
                "Polisen patrullerar torget"
            ],
            "{backend}: put back in its place"
        );
        assert_eq!(
            minutes::edit_item(&w.db, c, id, &a, "Ring 070-123 45 67")
                .await
                .unwrap_err()
                .issue_for("text"),
            Some(&shared::FieldError::PersonalData {
                kind: shared::guard::PersonalData::PhoneNumber,
                position: 6
            }),
            "{backend}: the guard checks rewording too"
        );
        assert_eq!(
            minutes::remove_item(&w.db, &w.police, id, &b).await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        assert_eq!(
            minutes::remove_item(&w.db, c, id, &Uuid::now_v7().to_string()).await,
            Err(AppError::NotFound)
        );

        common::held_today(&w.db, id).await;
        meetings::finalise(&w.db, c, id).await.unwrap();
        assert_eq!(
            minutes::edit_item(&w.db, c, id, &b, "Ny lydelse").await,
            Err(AppError::Locked)
        );
        assert_eq!(
            minutes::remove_item(&w.db, c, id, &b).await,
            Err(AppError::Locked)
        );
        minutes::add_addendum(&w.db, c, id, "Rättelse: mötet började 15.10.")
            .await
            .unwrap();
        let addendum = meeting_detail::detail(&w.db, c, id)
            .await
            .unwrap()
            .items
            .into_iter()
            .find(|i| i.kind == ItemKind::Addendum)
            .unwrap();
        assert_eq!(
            minutes::remove_item(&w.db, c, id, &addendum.id).await,
            Err(AppError::Locked),
            "{backend}: addenda stay"
        );
    }
}

#[tokio::test]
async fn every_members_attendance_is_one_write_and_a_refused_entry_stores_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = started_meeting(&w).await;
        let d = meeting_detail::detail(&w.db, &w.coordinator, id)
            .await
            .unwrap();
        let orgs: Vec<String> = d
            .attendance
            .iter()
            .map(|a| a.organisation_id.clone())
            .collect();
        let entries: Vec<(String, String)> = orgs
            .iter()
            .zip(["present", "deputy", "absent"])
            .map(|(o, s)| (o.clone(), s.to_owned()))
            .collect();
        let before = audit_events(&w).await;
        minutes::set_attendance_all(&w.db, &w.coordinator, id, &entries)
            .await
            .unwrap();
        assert_eq!(
            audit_events(&w).await,
            before + 1,
            "{backend}: one audit event"
        );
        let statuses = |d: &shared::meeting::MeetingDetail| {
            d.attendance.iter().map(|a| a.status).collect::<Vec<_>>()
        };
        let d = meeting_detail::detail(&w.db, &w.coordinator, id)
            .await
            .unwrap();
        assert_eq!(
            statuses(&d),
            [
                Some(Attendance::Present),
                Some(Attendance::Deputy),
                Some(Attendance::Absent)
            ],
            "{backend}"
        );

        // One bad entry: none of the others change.
        let refused = vec![
            (orgs[0].clone(), String::new()),
            (Uuid::now_v7().to_string(), "present".to_owned()),
        ];
        let err = minutes::set_attendance_all(&w.db, &w.coordinator, id, &refused)
            .await
            .unwrap_err();
        assert_eq!(
            err.issue_for("organisation_id"),
            Some(&shared::FieldError::Unknown)
        );
        let d = meeting_detail::detail(&w.db, &w.coordinator, id)
            .await
            .unwrap();
        assert_eq!(
            statuses(&d)[0],
            Some(Attendance::Present),
            "{backend}: nothing stored"
        );

        // An empty status clears the row.
        minutes::set_attendance_all(&w.db, &w.coordinator, id, &refused[..1])
            .await
            .unwrap();
        let d = meeting_detail::detail(&w.db, &w.coordinator, id)
            .await
            .unwrap();
        assert_eq!(statuses(&d)[0], None, "{backend}");
    }
}

#[tokio::test]
async fn a_new_action_sent_twice_is_created_once() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = started_meeting(&w).await;
        let input = action_input(&w, "Kvällsvandring vid busstationen");
        let form_id = Uuid::now_v7().to_string();
        let first = minutes::new_action_once(&w.db, &w.coordinator, id, &form_id, &input)
            .await
            .unwrap();
        let again = minutes::new_action_once(&w.db, &w.coordinator, id, &form_id, &input)
            .await
            .unwrap();
        assert_eq!(first, again, "{backend}");
        let d = meeting_detail::detail(&w.db, &w.coordinator, id)
            .await
            .unwrap();
        assert_eq!(d.new_actions.len(), 1, "{backend}");
        assert_ne!(d.new_ids.action, form_id, "the next form gets a fresh id");
    }
}

#[tokio::test]
async fn the_meeting_lists_what_its_minutes_lack_until_they_are_complete() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = started_meeting(&w).await;
        let c = &w.coordinator;
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        let missing = d.missing();
        assert_eq!(missing.first(), Some(&Missing::NoAttendance), "{backend}");
        assert!(missing.contains(&Missing::NoDecisions));
        assert!(matches!(&missing[1], Missing::Unrated(towns) if towns.len() == d.ratings.len()));

        let org = d.attendance[0].organisation_id.clone();
        minutes::set_attendance(&w.db, c, id, &org, "present")
            .await
            .unwrap();
        for r in &d.ratings {
            minutes::rate(&w.db, c, id, &r.area_id, "2", "")
                .await
                .unwrap();
        }
        minutes::add_item(&w.db, c, id, "decision", "Inga nya åtgärder")
            .await
            .unwrap();
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        assert_eq!(d.missing(), Vec::new(), "{backend}");
    }
}

#[tokio::test]
async fn locked_minutes_keep_each_actions_state_as_it_was_when_they_were_finalised() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let earlier = actions::create(&w.db, c, &action_input(&w, "Belysning vid torget"))
            .await
            .unwrap();
        let id = started_meeting(&w).await;
        let decided = minutes::new_action(&w.db, c, id, &action_input(&w, "Kvällsvandring"))
            .await
            .unwrap();
        actions::update_state(&w.db, c, earlier, "in_progress", "")
            .await
            .unwrap();
        common::held_today(&w.db, id).await;
        meetings::finalise(&w.db, c, id).await.unwrap();

        // Both actions end after the minutes were locked.
        actions::update_state(&w.db, c, earlier, "done", "")
            .await
            .unwrap();
        actions::update_state(&w.db, c, decided, "not_possible", "")
            .await
            .unwrap();
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        let carried: Vec<_> = d.carried.iter().flat_map(|g| &g.actions).collect();
        let earlier_row = carried
            .iter()
            .find(|a| a.action.id == earlier.to_string())
            .expect("carried over");
        assert_eq!(
            earlier_row.action.state,
            ActionState::InProgress,
            "{backend}"
        );
        assert_eq!(d.new_actions[0].state, ActionState::Open, "{backend}");
    }
}
