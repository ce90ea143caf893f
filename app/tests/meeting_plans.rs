//! Service tests for changing planned meetings: moving and cancelling, and what a started or
//! cancelled meeting refuses.

mod common;

use app::ssr::testing::databases;
use app::ssr::{meeting_detail, meeting_plans, meetings, minutes};
use common::{World, world};
use shared::meeting::MeetingState;
use shared::{AppError, FieldError};
use uuid::Uuid;

async fn planned(w: &World) -> (Uuid, Uuid) {
    let s = meetings::create_series(&w.db, &w.coordinator, "Lägesbildsmöte", 2, "15:00", &[])
        .await
        .expect("fixture");
    let id = meetings::plan_next(&w.db, &w.coordinator, s)
        .await
        .expect("fixture");
    (s, id)
}

fn in_days(n: u64) -> String {
    (app::ssr::time::now_local().date() + chrono::Days::new(n)).to_string()
}

#[tokio::test]
async fn a_planned_meeting_moves_and_its_picture_week_follows() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let (_, id) = planned(&w).await;
        let c = &w.coordinator;
        let day = in_days(9);
        meeting_plans::reschedule(&w.db, c, id, &day, "09:30")
            .await
            .unwrap();
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        assert_eq!(d.summary.starts_at, format!("{day} 09:30"), "{backend}");
        let week =
            shared::week::IsoWeek::of(chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap());
        assert_eq!(d.picture_week, week.previous().to_string(), "{backend}");

        let yesterday = (app::ssr::time::now_local().date() - chrono::Days::new(1)).to_string();
        let err = meeting_plans::reschedule(&w.db, c, id, &yesterday, "09:30")
            .await
            .unwrap_err();
        assert_eq!(
            err.issue_for("date"),
            Some(&FieldError::Passed),
            "{backend}"
        );
        let err = meeting_plans::reschedule(&w.db, c, id, &day, "25:00")
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("time"), Some(&FieldError::Invalid));
        assert_eq!(
            meeting_plans::reschedule(&w.db, &w.police, id, &day, "10:00").await,
            Err(AppError::Forbidden),
            "{backend}"
        );

        meetings::start(&w.db, c, id).await.unwrap();
        assert_eq!(
            meeting_plans::reschedule(&w.db, c, id, &day, "10:00").await,
            Err(AppError::Conflict),
            "{backend}: a started meeting stays where it was held"
        );
        assert_eq!(
            meeting_plans::cancel(&w.db, c, id).await,
            Err(AppError::Conflict)
        );
    }
}

#[tokio::test]
async fn a_cancelled_meeting_stays_listed_and_refuses_to_run() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let (s, id) = planned(&w).await;
        let c = &w.coordinator;
        meeting_plans::cancel(&w.db, c, id).await.unwrap();
        let series = meetings::list_series(&w.db, c, None).await.unwrap();
        let listed = series
            .iter()
            .flat_map(|s| &s.meetings)
            .find(|m| m.id == id.to_string())
            .expect("still listed");
        assert_eq!(listed.state, MeetingState::Cancelled, "{backend}");
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        assert!(!d.can_edit, "{backend}: nothing to record");
        assert_eq!(meetings::start(&w.db, c, id).await, Err(AppError::Conflict));
        assert_eq!(
            minutes::add_item(&w.db, c, id, "agenda", "Genomgång").await,
            Err(AppError::Conflict),
            "{backend}"
        );
        assert_eq!(
            meeting_plans::cancel(&w.db, c, id).await,
            Err(AppError::Conflict)
        );
        let next = meetings::plan_next(&w.db, c, s).await.unwrap();
        assert_ne!(next, id, "{backend}: the next one is planned after it");
    }
}

#[tokio::test]
async fn minutes_are_finalised_on_the_meetings_day_not_before() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let (_, id) = planned(&w).await;
        let c = &w.coordinator;
        meeting_plans::reschedule(&w.db, c, id, &in_days(2), "15:00")
            .await
            .unwrap();
        meetings::start(&w.db, c, id).await.unwrap();
        let d = meeting_detail::detail(&w.db, c, id).await.unwrap();
        assert!(d.before_its_day, "{backend}");
        let err = meetings::finalise(&w.db, c, id).await.unwrap_err();
        assert_eq!(
            err.issue_for("step"),
            Some(&FieldError::NotYet),
            "{backend}"
        );
        common::held_today(&w.db, id).await;
        meetings::finalise(&w.db, c, id).await.unwrap();
    }
}

/// A long series lists the meetings still to be held and the latest eight others, newest
/// first, with its total; asked for the whole series, every one.
#[tokio::test]
async fn a_long_series_lists_what_is_ahead_and_the_latest_held_unless_asked_for_all() {
    use shared::meeting::MEETINGS_HELD_SHOWN;
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let (s, first) = planned(&w).await;
        let mut ids = vec![first];
        for _ in 0..MEETINGS_HELD_SHOWN + 3 {
            ids.push(meetings::plan_next(&w.db, c, s).await.unwrap());
        }
        // All but the last two are called off: they are no longer ahead.
        for id in &ids[..ids.len() - 2] {
            meeting_plans::cancel(&w.db, c, *id).await.unwrap();
        }
        let ours = |all: Vec<shared::meeting::SeriesSummary>| {
            all.into_iter()
                .find(|x| x.id == s.to_string())
                .expect("the series")
        };
        let few = ours(meetings::list_series(&w.db, c, None).await.unwrap());
        assert_eq!(few.meetings_total, ids.len(), "{backend}");
        let listed: Vec<String> = few.meetings.iter().map(|m| m.id.clone()).collect();
        let expected: Vec<String> = ids
            .iter()
            .rev()
            .take(2 + MEETINGS_HELD_SHOWN)
            .map(Uuid::to_string)
            .collect();
        assert_eq!(
            listed, expected,
            "{backend}: newest first, the oldest left out"
        );
        let other = ours(
            meetings::list_series(&w.db, c, Some(Uuid::now_v7()))
                .await
                .unwrap(),
        );
        assert_eq!(other.meetings.len(), 2 + MEETINGS_HELD_SHOWN, "{backend}");
        let whole = ours(meetings::list_series(&w.db, c, Some(s)).await.unwrap());
        assert_eq!(whole.meetings.len(), ids.len(), "{backend}");
        assert_eq!(whole.meetings.last().unwrap().id, first.to_string());
    }
}
