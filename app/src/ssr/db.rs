//! Connecting to SQLite (default, a file under `data/`) or PostgreSQL, and migrating.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Connects to `url`. SQLite files are created if absent and run with WAL, foreign keys on and
/// full fsync on commit, so an acknowledged write survives a crash.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    // SAMVERKAN_SLOW_SQL_MS=N logs every statement slower than N ms (with its text) as a
    // warning: for finding what a slow page waits for, never on in production by default.
    if let Some(ms) = std::env::var("SAMVERKAN_SLOW_SQL_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        options
            .sqlx_logging(true)
            .sqlx_logging_level(log::LevelFilter::Off)
            .sqlx_slow_statements_logging_settings(
                log::LevelFilter::Warn,
                Duration::from_millis(ms),
            );
    }
    if url.starts_with("sqlite:") {
        if !url.contains(":memory:") && !url.contains("mode=memory") {
            // Readers run in parallel with WAL; an in-memory database must keep one connection.
            options.max_connections(4);
        }
        options.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    } else {
        options.max_connections(postgres_connections()?);
        // No parallel workers for a query: the app's are short, and starting workers cost
        // more than they saved. A record's history, estimated at thousands of rows (its
        // record has that many views) and finding none, took 7 ms in a parallel plan where
        // the index alone answers in 0.1 ms, and on a few cores the workers take the CPU
        // from the other requests.
        options.map_sqlx_postgres_opts(|o| o.options([("max_parallel_workers_per_gather", 0)]));
    }
    Database::connect(options).await
}

/// Connections to PostgreSQL: `SAMVERKAN_DB_CONNECTIONS`, else four per core (8 on two
/// cores). More only queue inside PostgreSQL: on the benchmark's two cores, 16 connections
/// gave the situation picture a p99 of 90 ms where 8 gave 64 ms, at the same logging rate.
/// Anything but a whole number above 0 stops the start with a message rather than a guess.
fn postgres_connections() -> Result<u32, DbErr> {
    match std::env::var("SAMVERKAN_DB_CONNECTIONS") {
        Err(_) => {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            Ok(u32::try_from(cores * 4).unwrap_or(32).clamp(4, 32))
        }
        Ok(text) => text.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            DbErr::Custom(format!(
                "SAMVERKAN_DB_CONNECTIONS must be a whole number above 0, not {text:?}"
            ))
        }),
    }
}

/// Brings PostgreSQL's planner statistics up to date after a bulk load (ten years of demo
/// data, a CSV import). Until autovacuum gets to it the planner guesses from an empty table:
/// on the benchmark's data it expected 28 incidents of a category in an area where there are
/// 6,850, so it sorted the area's whole history instead of walking the index newest first
/// (25 ms against 1 ms for the filtered list). SQLite plans without statistics.
pub async fn refresh_statistics<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(())
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// A fresh, migrated in-memory database (tests).
pub async fn memory() -> Result<DatabaseConnection, DbErr> {
    let db = connect("sqlite::memory:").await?;
    migrate(&db).await?;
    Ok(db)
}
