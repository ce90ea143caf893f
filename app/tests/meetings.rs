//! Service tests for meetings: planning, the state machine, locked minutes for every editable
//! part, addenda, and actions carried over across three meetings.

mod common;

use app::ssr::testing::databases;
use app::ssr::{actions, meeting_detail, meetings, minutes};
use common::{World, action_input, world};
use shared::AppError;
use shared::action::ActionState;
use shared::meeting::{Attendance, ItemKind, MeetingState};
use uuid::Uuid;

async fn series(w: &World) -> Uuid {
    let members = app::ssr::reference::load(&w.db, shared::lang::Lang::Sv)
        .await
        .expect("fixture")
        .organisations
        .iter()
        .map(|o| o.id.0)
        .collect::<Vec<_>>();
    meetings::create_series(
        &w.db,
        &w.coordinator,
        "Lägesbildsmöte",
        2,
        "15:00",
        &members,
    )
    .await
    .expect("fixture")
}

#[tokio::test]
async fn a_coordinator_plans_starts_records_and_finalises_a_meeting() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let s = series(&w).await;
        let id = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        let d = meeting_detail::detail(&w.db, &w.coordinator, id)
            .await
            .unwrap();
        assert_eq!(d.summary.state, MeetingState::Planned, "{backend}");
        assert!(d.summary.starts_at.ends_with("15:00"));
        assert_eq!(d.attendance.len(), 3, "every member organisation is listed");
        assert_eq!(d.ratings.len(), 2, "one rating row per area");

        assert_eq!(
            meetings::finalise(&w.db, &w.coordinator, id).await,
            Err(AppError::Conflict),
            "start first"
        );
        meetings::start(&w.db, &w.coordinator, id).await.unwrap();
        let police = w.police_org.to_string();
        minutes::set_attendance(&w.db, &w.coordinator, id, &police, "present")
            .await
            .unwrap();
        minutes::set_attendance(&w.db, &w.coordinator, id, &police, "deputy")
            .await
            .unwrap();
        minutes::set_guests(&w.db, &w.coordinator, id, "Räddningstjänsten")
            .await
            .unwrap();
        minutes::rate(
            &w.db,
            &w.coordinator,
            id,
            &w.rimbo.to_string(),
            "4",
            "Oro kring stationen",
        )
        .await
        .unwrap();
        assert!(
            minutes::rate(&w.db, &w.coordinator, id, &w.rimbo.to_string(), "7", "")
                .await
                .unwrap_err()
                .issue_for("rating")
                .is_some()
        );
        minutes::add_item(&w.db, &w.coordinator, id, "agenda", "Lägesbild per tätort")
            .await
            .unwrap();
        minutes::add_item(
            &w.db,
            &w.coordinator,
            id,
            "decision",
            "Extra kvällsvandring i Rimbo fredag",
        )
        .await
        .unwrap();
        let new = minutes::new_action(
            &w.db,
            &w.coordinator,
            id,
            &action_input(&w, "Kvällsvandring i Rimbo"),
        )
        .await
        .unwrap();
        common::held_today(&w.db, id).await;
        meetings::finalise(&w.db, &w.coordinator, id).await.unwrap();

        let d = meeting_detail::detail(&w.db, &w.police, id).await.unwrap();
        assert_eq!(d.summary.state, MeetingState::Finalised);
        assert!(!d.can_edit && d.finalised_at.is_some());
        let row = d
            .attendance
            .iter()
            .find(|a| a.organisation == "Polisen")
            .unwrap();
        assert_eq!(row.status, Some(Attendance::Deputy));
        assert_eq!(d.guests.as_deref(), Some("Räddningstjänsten"));
        let rimbo = d.ratings.iter().find(|r| r.area == "Rimbo").unwrap();
        assert_eq!(
            (rimbo.rating, rimbo.comment.as_deref()),
            (Some(4), Some("Oro kring stationen"))
        );
        assert_eq!(
            d.items.iter().map(|i| i.kind).collect::<Vec<_>>(),
            [ItemKind::Agenda, ItemKind::Decision]
        );
        assert_eq!(
            d.new_actions
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>(),
            [new.to_string()]
        );
    }
}

#[tokio::test]
async fn finalised_minutes_refuse_every_change_but_take_addenda() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let s = series(&w).await;
        let carried = actions::create(
            &w.db,
            &w.coordinator,
            &action_input(&w, "Belysning vid skolan"),
        )
        .await
        .unwrap();
        let id = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        assert_eq!(
            minutes::add_addendum(&w.db, &w.coordinator, id, "För tidigt").await,
            Err(AppError::Conflict)
        );
        meetings::start(&w.db, &w.coordinator, id).await.unwrap();
        common::held_today(&w.db, id).await;
        meetings::finalise(&w.db, &w.coordinator, id).await.unwrap();

        let (db, c) = (&w.db, &w.coordinator);
        let police = w.police_org.to_string();
        let rimbo = w.rimbo.to_string();
        assert_eq!(
            minutes::set_attendance(db, c, id, &police, "present").await,
            Err(AppError::Locked)
        );
        assert_eq!(
            minutes::set_guests(db, c, id, "Gäst").await,
            Err(AppError::Locked)
        );
        assert_eq!(
            minutes::rate(db, c, id, &rimbo, "2", "").await,
            Err(AppError::Locked)
        );
        assert_eq!(
            minutes::add_item(db, c, id, "agenda", "Ny punkt").await,
            Err(AppError::Locked)
        );
        assert_eq!(
            minutes::add_item(db, c, id, "decision", "Nytt beslut").await,
            Err(AppError::Locked)
        );
        assert_eq!(
            minutes::review_action(db, c, id, &carried.to_string(), "done", "").await,
            Err(AppError::Locked)
        );
        assert_eq!(
            minutes::new_action(db, c, id, &action_input(&w, "Sent beslut")).await,
            Err(AppError::Locked)
        );
        assert_eq!(meetings::start(db, c, id).await, Err(AppError::Locked));
        assert_eq!(meetings::finalise(db, c, id).await, Err(AppError::Locked));

        minutes::add_addendum(db, c, id, "Rättelse: mötet började 15.10.")
            .await
            .unwrap();
        let d = meeting_detail::detail(db, c, id).await.unwrap();
        assert_eq!(
            d.items.last().map(|i| (i.kind, i.text.as_str())),
            Some((ItemKind::Addendum, "Rättelse: mötet började 15.10."))
        );
        assert_eq!(
            actions::get(db, c, carried, shared::lang::Lang::Sv)
                .await
                .unwrap()
                .summary
                .state,
            ActionState::Open,
            "the refused review changed nothing"
        );
    }
}

#[tokio::test]
async fn only_coordinators_run_meetings_and_managers_cannot_read_minutes() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let s = series(&w).await;
        assert_eq!(
            meetings::plan_next(&w.db, &w.police, s).await,
            Err(AppError::Forbidden)
        );
        let id = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        assert_eq!(
            meetings::start(&w.db, &w.admin, id).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            minutes::add_item(&w.db, &w.police, id, "agenda", "Punkt").await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            meeting_detail::detail(&w.db, &w.manager, id).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            meeting_detail::detail(&w.db, &w.police, Uuid::now_v7()).await,
            Err(AppError::NotFound)
        );
    }
}

#[tokio::test]
async fn open_actions_carry_over_across_three_meetings_until_they_end() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let s = series(&w).await;
        let a = actions::create(&w.db, &w.coordinator, &action_input(&w, "Åtgärd A"))
            .await
            .unwrap();
        let b = actions::create(&w.db, &w.coordinator, &action_input(&w, "Åtgärd B"))
            .await
            .unwrap();
        let titles = |d: &shared::meeting::MeetingDetail| {
            let mut t: Vec<String> = d
                .carried
                .iter()
                .flat_map(|g| g.actions.iter().map(|c| c.action.title.clone()))
                .collect();
            t.sort();
            t
        };

        // Meeting 1: both carried; A is reviewed and stays open, B is done; C is decided.
        let m1 = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        // Held two days and one day ago, so that their minutes can be finalised.
        common::held_days_ago(&w.db, m1, 2).await;
        meetings::start(&w.db, &w.coordinator, m1).await.unwrap();
        minutes::review_action(
            &w.db,
            &w.coordinator,
            m1,
            &a.to_string(),
            "in_progress",
            "Beställd",
        )
        .await
        .unwrap();
        minutes::review_action(&w.db, &w.coordinator, m1, &b.to_string(), "done", "")
            .await
            .unwrap();
        let c = minutes::new_action(&w.db, &w.coordinator, m1, &action_input(&w, "Åtgärd C"))
            .await
            .unwrap();
        let d1 = meeting_detail::detail(&w.db, &w.coordinator, m1)
            .await
            .unwrap();
        assert_eq!(
            titles(&d1),
            ["Åtgärd A", "Åtgärd B"],
            "{backend}: B closed during the meeting still shows"
        );
        assert_eq!(
            d1.carried[0].owner, "Polisen",
            "grouped by owner organisation"
        );
        assert!(d1.carried[0].actions.iter().all(|c| c.reviewed.is_some()));
        meetings::finalise(&w.db, &w.coordinator, m1).await.unwrap();

        // Meeting 2: A (still open) and C carry over; B ended.
        let m2 = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        common::held_days_ago(&w.db, m2, 1).await;
        meetings::start(&w.db, &w.coordinator, m2).await.unwrap();
        let d2 = meeting_detail::detail(&w.db, &w.coordinator, m2)
            .await
            .unwrap();
        assert_eq!(titles(&d2), ["Åtgärd A", "Åtgärd C"]);
        assert!(
            d2.carried[0].actions.iter().all(|c| c.reviewed.is_none()),
            "nothing recorded yet at this meeting"
        );
        minutes::review_action(
            &w.db,
            &w.coordinator,
            m2,
            &a.to_string(),
            "not_possible",
            "Platsen rivs",
        )
        .await
        .unwrap();
        minutes::review_action(
            &w.db,
            &w.coordinator,
            m2,
            &c.to_string(),
            "open",
            "Väntar på väder",
        )
        .await
        .unwrap();
        let unrelated = Uuid::now_v7().to_string();
        assert_eq!(
            minutes::review_action(&w.db, &w.coordinator, m2, &unrelated, "done", "").await,
            Err(AppError::NotFound)
        );
        meetings::finalise(&w.db, &w.coordinator, m2).await.unwrap();

        // Meeting 3: only C is left.
        let m3 = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        meetings::start(&w.db, &w.coordinator, m3).await.unwrap();
        let d3 = meeting_detail::detail(&w.db, &w.coordinator, m3)
            .await
            .unwrap();
        assert_eq!(titles(&d3), ["Åtgärd C"]);
        assert_eq!(
            minutes::review_action(&w.db, &w.coordinator, m3, &a.to_string(), "done", "").await,
            Err(AppError::NotFound)
        );

        // Earlier minutes still show what they recorded.
        let d2 = meeting_detail::detail(&w.db, &w.coordinator, m2)
            .await
            .unwrap();
        let reviewed_a = d2
            .carried
            .iter()
            .flat_map(|g| &g.actions)
            .find(|x| x.action.title == "Åtgärd A")
            .unwrap();
        assert_eq!(
            reviewed_a.reviewed,
            Some((ActionState::NotPossible, Some("Platsen rivs".into())))
        );
        let a_page = actions::get(&w.db, &w.police, a, shared::lang::Lang::Sv)
            .await
            .unwrap();
        let history: Vec<(ActionState, Option<&str>)> = a_page
            .reviews
            .iter()
            .map(|r| (r.state, r.note.as_deref()))
            .collect();
        assert_eq!(
            history,
            [
                (ActionState::InProgress, Some("Beställd")),
                (ActionState::NotPossible, Some("Platsen rivs"))
            ],
            "its history across meetings"
        );
        let dates: Vec<String> = [
            d1.summary.starts_at,
            d2.summary.starts_at,
            d3.summary.starts_at,
        ]
        .to_vec();
        assert!(
            dates[0] < dates[1] && dates[1] < dates[2],
            "one week apart: {dates:?}"
        );
    }
}

#[tokio::test]
async fn the_start_page_gets_the_soonest_meeting_still_to_be_held() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        assert_eq!(
            meetings::next(&w.db, &w.police).await,
            Ok(None),
            "{backend}"
        );
        let s = series(&w).await;
        let first = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        let next = meetings::next(&w.db, &w.police).await.unwrap().unwrap();
        assert_eq!(
            (next.id, next.state),
            (first.to_string(), MeetingState::Planned)
        );
        meetings::start(&w.db, &w.coordinator, first).await.unwrap();
        let second = meetings::plan_next(&w.db, &w.coordinator, s).await.unwrap();
        let next = meetings::next(&w.db, &w.police).await.unwrap().unwrap();
        assert_eq!(
            (next.id, next.state),
            (first.to_string(), MeetingState::InProgress),
            "{backend}: the one under way comes first"
        );
        common::held_today(&w.db, first).await;
        meetings::finalise(&w.db, &w.coordinator, first)
            .await
            .unwrap();
        let next = meetings::next(&w.db, &w.police).await.unwrap().unwrap();
        assert_eq!(
            next.id,
            second.to_string(),
            "{backend}: a finalised one is done"
        );
        assert_eq!(next.series, "Lägesbildsmöte");
        assert_eq!(
            meetings::next(&w.db, &w.manager).await,
            Err(AppError::Forbidden)
        );
    }
}
