//! Many reporters logging at once on a SQLite file: every write is acknowledged and stored,
//! and the kept counts agree. (Deferred transactions that read before writing used to fail
//! with "database is locked"; now writes arriving together share a commit.)

mod common;

use app::ssr::counts::{self, Scope};
use app::ssr::entities::{incident, place};
use app::ssr::{db, incidents};
use common::{input, world};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The test world on a fresh, migrated SQLite file (in-memory SQLite keeps one connection,
/// so nothing there waits for a lock); remove the file at the end.
async fn on_a_file(prefix: &str) -> (common::World, std::path::PathBuf) {
    let file = std::env::temp_dir().join(format!("{prefix}-{}.db", uuid::Uuid::now_v7().simple()));
    let conn = db::connect(&format!("sqlite://{}?mode=rwc", file.display()))
        .await
        .expect("connect");
    db::migrate(&conn).await.expect("migrate");
    (world(conn).await, file)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_logging_on_sqlite_stores_every_incident() {
    let (w, file) = on_a_file("samverkan-writes").await;
    let mut tasks = Vec::new();
    for i in 0..64 {
        let (conn, police) = (w.db.clone(), w.police.clone());
        let place = format!("Plats {}", i % 8);
        let incident = input(w.rimbo, w.graffiti, &place);
        tasks.push(tokio::spawn(async move {
            incidents::create(&conn, &police, &incident).await
        }));
    }
    for task in tasks {
        task.await
            .expect("task")
            .expect("every write is acknowledged");
    }
    assert_eq!(incident::Entity::find().count(&w.db).await.unwrap(), 64);
    let kept: i64 = counts::cells(&w.db, Scope::weeks(0, 999_999))
        .await
        .expect("counts")
        .iter()
        .map(|c| c.incidents)
        .sum();
    assert_eq!(kept, 64, "the kept counts follow grouped writes");
    let places = place::Entity::find()
        .filter(place::Column::Name.starts_with("Plats "))
        .count(&w.db)
        .await
        .unwrap();
    assert_eq!(places, 8, "each new place created once");
    let _ = std::fs::remove_file(&file);
}

/// Refreshing a session's idle timer is a write, and waits its turn with the other writes:
/// while a write holds the turn longer than SQLite's busy timeout (5 s), the request still
/// gets its user once the turn comes. (Beside the turn, it waited in SQLite's busy handler,
/// lost the lock to the turn's writers while incidents streamed in, and failed with
/// "database is locked" after 5 s, every request of that session stalled behind it.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_refreshed_in_its_turn_while_another_write_holds_it() {
    use app::ssr::entities::session;
    use app::ssr::{Settings, auth, writes};
    use sea_orm::{ActiveModelTrait, Set};
    let (w, file) = on_a_file("samverkan-session").await;
    let s = Settings::default();
    let token = auth::sign_in(&w.db, &s, "police@test.se", common::PASSWORD)
        .await
        .unwrap();
    let long_ago = chrono::Utc::now() - chrono::TimeDelta::minutes(2);
    for model in session::Entity::find().all(&w.db).await.unwrap() {
        let mut active: session::ActiveModel = model.into();
        active.last_seen_at = Set(long_ago);
        active.update(&w.db).await.unwrap();
    }
    let held = writes::begin_write(&w.db).await.unwrap();
    let (db, settings, t) = (w.db.clone(), s.clone(), token.clone());
    let request = tokio::spawn(async move { auth::resolve_session(&db, &settings, &t).await });
    tokio::time::sleep(std::time::Duration::from_millis(5_500)).await;
    held.commit_unseen().await.unwrap();
    let user = request.await.unwrap().expect("no \"database is locked\"");
    assert_eq!(user.map(|u| u.id), Some(w.police.id));
    let refreshed = session::Entity::find()
        .filter(session::Column::LastSeenAt.gt(long_ago))
        .count(&w.db)
        .await
        .unwrap();
    assert_eq!(refreshed, 1, "this session's idle timer");
    let _ = std::fs::remove_file(&file);
}

/// Reading the incident list records the read, and that record is a write: it waits its turn
/// with the other writes and shares their commit. While a write holds the turn longer than
/// SQLite's busy timeout (5 s), sixteen readers at once all get their page once the turn
/// comes, and each read is recorded. (Written beside the turn, each read waited in SQLite's
/// busy handler and failed with "database is locked" after 5 s.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_reads_are_recorded_in_their_turn_while_another_write_holds_it() {
    use app::ssr::entities::audit_event;
    use app::ssr::writes;
    use shared::audit::{AuditAction, RecordType};
    use shared::lang::Lang;
    let (w, file) = on_a_file("samverkan-reads").await;
    incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
        .await
        .expect("an incident to list");
    let held = writes::begin_write(&w.db).await.unwrap();
    let mut readers = Vec::new();
    for _ in 0..16 {
        let (db, coordinator) = (w.db.clone(), w.coordinator.clone());
        readers.push(tokio::spawn(async move {
            let filter = shared::incident::IncidentFilter::default();
            incidents::list(&db, &coordinator, &filter, Lang::Sv).await
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(5_500)).await;
    assert!(
        readers.iter().all(|r| !r.is_finished()),
        "every reader waits for the turn"
    );
    assert!(writes::writers_waiting() >= 16, "queued for the turn");
    held.commit_unseen().await.unwrap();
    for reader in readers {
        let page = reader.await.unwrap().expect("no \"database is locked\"");
        assert_eq!(page.items.len(), 1);
    }
    let recorded = audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq(RecordType::IncidentList))
        .filter(audit_event::Column::Action.eq(AuditAction::View))
        .count(&w.db)
        .await
        .unwrap();
    assert_eq!(recorded, 16, "every read recorded");
    let _ = std::fs::remove_file(&file);
}
