//! Many reporters logging at once on a SQLite file: every write is acknowledged and stored,
//! and the kept counts agree. (Deferred transactions that read before writing used to fail
//! with "database is locked"; now writes arriving together share a commit.)

mod common;

use app::ssr::counts::{self, Scope};
use app::ssr::entities::{incident, place};
use app::ssr::{db, incidents};
use common::{input, world};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_logging_on_sqlite_stores_every_incident() {
    let file = std::env::temp_dir().join(format!(
        "samverkan-writes-{}.db",
        uuid::Uuid::now_v7().simple()
    ));
    let conn = db::connect(&format!("sqlite://{}?mode=rwc", file.display()))
        .await
        .expect("connect");
    db::migrate(&conn).await.expect("migrate");
    let w = world(conn).await;
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
