//! Fresh databases for tests: always an in-memory SQLite one, plus a new PostgreSQL database
//! (named by a UUID) when `TEST_DATABASE_URL` points at a PostgreSQL server.

use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::db;

/// Prefix of every PostgreSQL database the tests create (so leftovers can be dropped).
pub const PG_PREFIX: &str = "samverkan_test_";

/// A fresh, migrated database per backend under test, named for failure messages.
pub async fn databases() -> Vec<(&'static str, DatabaseConnection)> {
    let mut all = vec![("sqlite", db::memory().await.expect("in-memory SQLite"))];
    if let Some(url) = postgres_url().await {
        let db = db::connect(&url)
            .await
            .expect("connecting to the fresh PostgreSQL database");
        db::migrate(&db).await.expect("migrating PostgreSQL");
        all.push(("postgres", db));
    }
    all
}

/// Creates a new empty PostgreSQL database and returns its URL, when `TEST_DATABASE_URL` is set.
pub async fn postgres_url() -> Option<String> {
    let base = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))?;
    let name = format!("{PG_PREFIX}{}", uuid::Uuid::now_v7().simple());
    let admin = db::connect(&base)
        .await
        .expect("connecting to TEST_DATABASE_URL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("creating a test database");
    admin.close().await.ok();
    let (server, _) = base
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL ends in /database");
    Some(format!("{server}/{name}"))
}
