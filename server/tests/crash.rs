//! Nothing acknowledged is lost: the server is killed (SIGKILL) at random moments while
//! reporters log incidents at full speed, and restarted, ten times; afterwards every incident
//! whose creation was acknowledged is stored, the database passes SQLite's integrity check and
//! the kept counts still equal the incidents. SIGTERM finishes what is in flight and exits 0.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::ssr::entities::incident;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Statement,
};

mod common;

use common::process::{Logged, Served, incident, log_until_gone, reporters, samverkan};

fn temp_sqlite() -> String {
    let file = std::env::temp_dir().join(format!(
        "samverkan-crash-{}.db",
        uuid::Uuid::now_v7().simple()
    ));
    format!("sqlite://{}", file.display())
}

async fn stored(db: &DatabaseConnection, ids: &[String]) -> u64 {
    let mut found = 0;
    for chunk in ids.chunks(500) {
        let ids: Vec<uuid::Uuid> = chunk.iter().map(|id| id.parse().expect("uuid")).collect();
        found += incident::Entity::find()
            .filter(incident::Column::Id.is_in(ids))
            .count(db)
            .await
            .expect("count");
    }
    found
}

async fn single_text(db: &DatabaseConnection, sql: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .expect("a row");
    row.try_get_by_index::<String>(0).expect("text")
}

async fn single_number(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("number")
}

/// Prepares a database with the demo data, and the reporters' sessions and form on it.
async fn prepared(url: &str) -> (Vec<reqwest::Client>, Vec<(&'static str, String)>) {
    assert!(samverkan(url, &["migrate"]).success());
    assert!(samverkan(url, &["demo-data"]).success());
    let served = Served::start(url).await;
    let clients = reporters(&served.base, 8).await;
    let form = incident(&served.base, &clients[0]).await;
    (clients, form)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_incident_survives_ten_kills() {
    let url = temp_sqlite();
    let (clients, form) = prepared(&url).await;
    let logged = Arc::new(Mutex::new(Logged::default()));
    let mut rng = rand::rngs::StdRng::seed_from_u64(2_023_196);
    for round in 0..10 {
        let before = logged.lock().expect("logged").acknowledged.len();
        let mut served = Served::start(&url).await;
        let base = served.base.clone();
        let load = tokio::spawn({
            let (clients, form, logged) = (clients.clone(), form.clone(), logged.clone());
            async move { log_until_gone(&base, &clients, &form, &logged).await }
        });
        tokio::time::sleep(Duration::from_millis(rng.gen_range(150..900))).await;
        served.kill();
        load.await.expect("reporters");
        let after = logged.lock().expect("logged").acknowledged.len();
        assert!(after > before, "round {round}: nothing was acknowledged");
    }

    let logged = std::mem::take(&mut *logged.lock().expect("logged"));
    assert_eq!(logged.server_errors, 0, "5xx answers");
    assert_eq!(logged.refused, 0, "refused answers");
    println!(
        "{} incidents acknowledged across ten kills",
        logged.acknowledged.len()
    );
    let db = app::ssr::db::connect(&url).await.expect("connect");
    let found = stored(&db, &logged.acknowledged).await;
    assert_eq!(
        found,
        logged.acknowledged.len() as u64,
        "acknowledged incidents missing after the kills"
    );
    assert_eq!(single_text(&db, "PRAGMA integrity_check").await, "ok");
    let incidents = single_number(&db, "SELECT COUNT(*) FROM incidents").await;
    let counted = single_number(
        &db,
        "SELECT CAST(COALESCE(SUM(incidents), 0) AS INTEGER) FROM incident_week_counts",
    )
    .await;
    assert_eq!(counted, incidents, "the kept counts follow the incidents");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_finishes_what_is_in_flight_and_exits_cleanly() {
    let url = temp_sqlite();
    let (clients, form) = prepared(&url).await;
    let logged = Arc::new(Mutex::new(Logged::default()));
    let mut served = Served::start(&url).await;
    let base = served.base.clone();
    let load = tokio::spawn({
        let (clients, form, logged) = (clients.clone(), form.clone(), logged.clone());
        async move { log_until_gone(&base, &clients, &form, &logged).await }
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    let status = served.terminate(Duration::from_secs(15));
    load.await.expect("reporters");

    assert!(
        status.is_some_and(|s| s.success()),
        "after SIGTERM: {status:?}"
    );
    let logged = std::mem::take(&mut *logged.lock().expect("logged"));
    assert!(!logged.acknowledged.is_empty());
    assert_eq!(logged.server_errors, 0, "5xx answers");
    let db = app::ssr::db::connect(&url).await.expect("connect");
    assert_eq!(
        stored(&db, &logged.acknowledged).await,
        logged.acknowledged.len() as u64
    );
}
