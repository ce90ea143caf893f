//! Connecting to SQLite (default, a file under `data/`) or PostgreSQL, and migrating.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionSession, TransactionTrait,
};

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
        options.max_connections(16);
    }
    Database::connect(options).await
}

/// Whose turn it is to write to SQLite. SQLite has one writer at a time; waiting for the lock
/// inside SQLite means sleeping in its busy handler (1, 2, 5, 10… ms) and leaving the lock idle
/// in between, so writers queue here instead and each starts the moment the last one commits.
static SQLITE_WRITE_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A write transaction ([`begin_write`]); on SQLite it holds the write turn until it commits
/// or is dropped. Use it as the transaction it derefs to.
pub struct WriteTxn<T> {
    txn: T,
    _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
}

impl<T> std::ops::Deref for WriteTxn<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.txn
    }
}

impl<T: TransactionSession> WriteTxn<T> {
    /// Commits, and marks kept views outdated (see `views`).
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await?;
        super::views::changed();
        Ok(())
    }
}

/// Starts a transaction that will write. On SQLite it waits for the process's write turn, then
/// begins IMMEDIATE, taking the write lock at once: a deferred transaction that has read
/// cannot become a writer while another one commits, and SQLite then fails at once ("database
/// is locked") instead of waiting out `busy_timeout`. PostgreSQL ignores both.
///
/// Never call it while holding another `WriteTxn`: the turn is not re-entrant.
pub async fn begin_write<C: TransactionTrait + ConnectionTrait>(
    db: &C,
) -> Result<WriteTxn<C::Transaction>, DbErr> {
    let turn = match db.get_database_backend() {
        DbBackend::Sqlite => Some(SQLITE_WRITE_TURN.lock().await),
        _ => None,
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
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
