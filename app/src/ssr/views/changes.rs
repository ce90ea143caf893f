//! What outdates the kept views: a generation bumped by every change, the writers whose own
//! changes their next read must show, and the announcements between servers on PostgreSQL.

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use sea_orm::sqlx::postgres::{PgListener, PgPool};
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::watch;
use uuid::Uuid;

/// Bumped by every change that goes through this process, or that another server announces.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The PostgreSQL channel on which servers announce changes to each other.
pub const CHANNEL: &str = "samverkan_changed";

/// Marks every kept view as outdated.
pub fn changed() {
    bump();
}

/// [`changed`], returning the generation it started.
fn bump() -> u64 {
    GENERATION.fetch_add(1, Ordering::AcqRel) + 1
}

/// How many changes this process has seen (tests and diagnostics).
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

tokio::task_local! {
    /// Who has written in this request and not yet committed: set by the audit trail, read
    /// when the write commits.
    static WRITER: Cell<Option<Uuid>>;
}

/// Per user, the generation their last committed write started: their reads use no view made
/// before it.
static WRITTEN: LazyLock<Mutex<HashMap<Uuid, u64>>> = LazyLock::new(Default::default);

/// Runs one request's work noting who writes in it, so that each writer's next read shows
/// their own change (see [`super::Views::get_or`]). Outside it writes are not noted.
pub async fn noting_writers<F: Future>(work: F) -> F::Output {
    WRITER.scope(Cell::new(None), work).await
}

/// `user` writes in this request (the audit trail calls it with each change's actor).
pub fn written_by(user: Option<Uuid>) {
    if user.is_some() {
        let _ = WRITER.try_with(|writer| writer.set(user));
    }
}

/// The generation a view must be of for `reader`: one made after their last write.
pub fn needed_by(reader: Option<Uuid>) -> u64 {
    reader.map_or(0, |user| {
        let written = WRITTEN.lock().unwrap_or_else(|e| e.into_inner());
        written.get(&user).copied().unwrap_or(0)
    })
}

/// Counts the writes this process has committed; the announcers watch it.
static COMMITS: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

/// After a write has committed: marks every kept view as outdated, notes the generation for
/// the writer's next read, and has this process's announcer tell the other servers (a
/// rolled-back write never gets here).
pub fn committed() {
    let generation = bump();
    if let Some(user) = WRITER.try_with(Cell::take).ok().flatten() {
        let mut written = WRITTEN.lock().unwrap_or_else(|e| e.into_inner());
        let last = written.entry(user).or_default();
        *last = (*last).max(generation);
    }
    COMMITS.send_modify(|n| *n = n.wrapping_add(1));
}

/// On PostgreSQL, tells the other servers about this process's committed writes (see the
/// module), in a task of its own until the pool closes. Commits that arrive while an
/// announcement is on its way share the next one.
pub fn announce_to_other_servers(db: &DatabaseConnection) {
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let pool = db.get_postgres_connection_pool().clone();
    let mut commits = COMMITS.subscribe();
    commits.mark_unchanged();
    tokio::spawn(async move {
        while commits.changed().await.is_ok() {
            commits.mark_unchanged();
            while let Err(e) = announce(&pool).await {
                if pool.is_closed() {
                    return;
                }
                tracing::warn!(error = %e, "could not tell other servers of a change; trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    });
}

async fn announce(pool: &PgPool) -> std::result::Result<(), sea_orm::sqlx::Error> {
    // The channel is a constant of ours.
    sea_orm::sqlx::query(sea_orm::sqlx::AssertSqlSafe(format!("NOTIFY {CHANNEL}")))
        .execute(pool)
        .await
        .map(|_| ())
}

/// On PostgreSQL, listens for the changes other servers announce and outdates this server's
/// views, in a task of its own for as long as the process runs. A dropped connection outdates
/// them too (announcements may have been missed) and is made again.
pub fn follow_other_servers(db: &DatabaseConnection) {
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let pool = db.get_postgres_connection_pool().clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = listen(&pool).await {
                tracing::warn!(error = %e, "not hearing other servers' changes; trying again");
            }
            changed();
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

async fn listen(pool: &PgPool) -> std::result::Result<(), sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // Whatever changed before the listening began.
    changed();
    loop {
        // `None`: the connection dropped and was made again, and announcements in between
        // are lost.
        listener.try_recv().await?;
        changed();
    }
}
