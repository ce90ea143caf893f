//! Hidden and missing records answer alike, and in the same time: the services run the same
//! queries for an area group's meeting, the group itself or its action that the caller may
//! not see as for an id that does not exist, and only then decide. Compared as the exact
//! sequence of statements each runs (deterministic, where sampled timings are not).

mod common;

use std::sync::{Arc, Mutex};

use app::ssr::testing::databases;
use app::ssr::{actions, groups, meeting_detail, meetings, minutes};
use common::{World, action_input, world};
use sea_orm::DatabaseConnection;
use shared::AppError;
use shared::lang::Lang;
use shared::user::CurrentUser;
use uuid::Uuid;

/// `w.db` with every statement it runs written down (SQL text, without the values).
fn traced(w: &World) -> (DatabaseConnection, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut db = w.db.clone();
    let log = seen.clone();
    db.set_metric_callback(move |info| {
        log.lock()
            .expect("the statement log")
            .push(info.statement.sql.clone());
    });
    (db, seen)
}

/// Rimbo's area group with nobody in it, a meeting and an action of its own.
async fn hidden_group(w: &World) -> (Uuid, Uuid, Uuid) {
    let c = &w.coordinator;
    let group = groups::create(
        &w.db,
        c,
        "Områdesgrupp Rimbo",
        &w.rimbo.to_string(),
        1,
        "13:00",
    )
    .await
    .expect("fixture");
    let meeting = meetings::plan_next(&w.db, c, group).await.expect("fixture");
    meetings::start(&w.db, c, meeting).await.expect("fixture");
    let action = minutes::new_action(&w.db, c, meeting, &action_input(w, "Samtal med föräldrar"))
        .await
        .expect("fixture");
    (group, meeting, action)
}

#[derive(Debug, Clone, Copy)]
enum Read {
    Group,
    Meeting,
    Action,
}

/// Reads `id` as `who` does, and the statements it ran.
async fn read(
    db: &DatabaseConnection,
    seen: &Mutex<Vec<String>>,
    who: &CurrentUser,
    what: Read,
    id: Uuid,
) -> (Result<(), AppError>, Vec<String>) {
    seen.lock().expect("the statement log").clear();
    let answer = match what {
        Read::Group => groups::detail(db, who, id, Lang::Sv).await.map(|_| ()),
        Read::Meeting => meeting_detail::detail(db, who, id).await.map(|_| ()),
        Read::Action => actions::get(db, who, id, Lang::Sv).await.map(|_| ()),
    };
    (answer, seen.lock().expect("the statement log").clone())
}

#[tokio::test]
async fn a_hidden_group_meeting_or_action_takes_the_same_queries_as_a_missing_one() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let (group, meeting, action) = hidden_group(&w).await;
        let (db, seen) = traced(&w);
        for (what, hidden) in [
            (Read::Group, group),
            (Read::Meeting, meeting),
            (Read::Action, action),
        ] {
            let (hidden_answer, hidden_trace) = read(&db, &seen, &w.police, what, hidden).await;
            let missing = Uuid::now_v7();
            let (missing_answer, missing_trace) = read(&db, &seen, &w.police, what, missing).await;
            assert_eq!(
                hidden_answer,
                Err(AppError::NotFound),
                "{backend}: {what:?}"
            );
            assert_eq!(
                missing_answer,
                Err(AppError::NotFound),
                "{backend}: {what:?}"
            );
            assert!(
                !hidden_trace.is_empty(),
                "{backend}: {what:?}: nothing traced"
            );
            assert_eq!(
                hidden_trace, missing_trace,
                "{backend}: {what:?}: hidden and missing run different queries"
            );
        }
        // The coordinator, who may, still reads them.
        for (what, id) in [
            (Read::Group, group),
            (Read::Meeting, meeting),
            (Read::Action, action),
        ] {
            let (answer, _) = read(&db, &seen, &w.coordinator, what, id).await;
            assert_eq!(answer, Ok(()), "{backend}: {what:?}");
        }
    }
}
