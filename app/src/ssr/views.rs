//! Computed read models kept for a short while: the situation picture's counts, the dashboard
//! and the yearly report. Each is built from the per-week counts in tens of milliseconds; kept,
//! a page that many people open at the weekly meeting costs a lookup.
//!
//! An entry is used while it is younger than the time to live and no change has gone through
//! this process since it was made (or, while another caller rebuilds it, as it was:
//! [`Views::get_or`]): every audited change and every committed write turn calls
//! [`changed`]. On PostgreSQL each server also tells the others, once its writes have
//! committed ([`announce_to_other_servers`]: one `NOTIFY` for however many commits came while
//! the last one was on its way), and listens to theirs ([`follow_other_servers`]): a change
//! through one server outdates the views of all of them. The announcement is sent after the
//! commit, never inside the write: a `NOTIFY` in a transaction takes a database-wide lock at
//! commit, and committing writers would queue for it one by one. Changes on SQLite by another
//! process (the CLI import) show within the time to live.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use sea_orm::sqlx::postgres::{PgListener, PgPool};
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::watch;

use super::Result;

/// Bumped by every change that goes through this process, or that another server announces.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The PostgreSQL channel on which servers announce changes to each other.
pub const CHANNEL: &str = "samverkan_changed";

/// Marks every kept view as outdated.
pub fn changed() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// How many changes this process has seen (tests and diagnostics).
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// Counts the writes this process has committed; the announcers watch it.
static COMMITS: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

/// After a write has committed: marks every kept view as outdated and has this process's
/// announcer tell the other servers (a rolled-back write never gets here).
pub fn committed() {
    changed();
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

/// At most this many views are kept; past it, all are dropped and built again on demand.
const MAX_ENTRIES: usize = 256;

struct Entry {
    generation: u64,
    made: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

/// One view: the value kept, and the turn to build it.
#[derive(Default)]
struct Slot {
    kept: Mutex<Option<Entry>>,
    building: tokio::sync::Mutex<()>,
}

impl Slot {
    /// The kept value if it is of `generation` (none given: of any) and younger than `ttl`.
    fn value<T: Clone + 'static>(&self, generation: Option<u64>, ttl: Duration) -> Option<T> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|e| generation.is_none_or(|g| e.generation == g) && e.made.elapsed() < ttl)
            .and_then(|e| e.value.downcast_ref::<T>().cloned())
    }
}

pub struct Views {
    ttl: Duration,
    slots: Mutex<HashMap<String, Arc<Slot>>>,
}

impl Views {
    /// Views kept for `ttl`; zero keeps nothing.
    pub fn new(ttl: Duration) -> Self {
        Views {
            ttl,
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// The view under `key`, or `build`'s result, kept for the next caller.
    ///
    /// One caller at a time builds a view. While it does, callers asking for the same view get
    /// the value kept before (younger than the time to live) rather than wait: while incidents
    /// stream in, each change outdates the picture and the dashboard, and every reader would
    /// otherwise wait for a rebuild. A caller that finds nothing being built builds, and gets
    /// what is true after every change it has seen, its own included.
    pub async fn get_or<T, F>(&self, key: String, build: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T>>,
    {
        if self.ttl.is_zero() {
            return build.await;
        }
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            if slots.len() >= MAX_ENTRIES && !slots.contains_key(&key) {
                slots.clear();
            }
            slots.entry(key).or_default().clone()
        };
        if let Some(value) = slot.value(Some(generation()), self.ttl) {
            return Ok(value);
        }
        let _turn = match slot.building.try_lock() {
            Ok(turn) => turn,
            Err(_) => match slot.value(None, self.ttl) {
                Some(kept) => return Ok(kept),
                None => slot.building.lock().await,
            },
        };
        // Read before building: a change during the build leaves the entry outdated.
        let generation = generation();
        if let Some(value) = slot.value(Some(generation), self.ttl) {
            return Ok(value);
        }
        let value = build.await?;
        *slot.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(Entry {
            generation,
            made: Instant::now(),
            value: Arc::new(value.clone()),
        });
        Ok(value)
    }
}

impl Default for Views {
    /// Nothing kept (services called directly, tests).
    fn default() -> Self {
        Views::new(Duration::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    async fn count(views: &Views, builds: &AtomicUsize) -> usize {
        views
            .get_or("k".into(), async {
                Ok(builds.fetch_add(1, Ordering::SeqCst) + 1)
            })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_view_is_built_once_until_something_changes() {
        let (views, builds) = (Views::new(Duration::from_secs(60)), AtomicUsize::new(0));
        assert_eq!(count(&views, &builds).await, 1);
        assert_eq!(count(&views, &builds).await, 1, "kept");
        changed();
        assert_eq!(
            count(&views, &builds).await,
            2,
            "built again after a change"
        );
    }

    #[tokio::test]
    async fn a_view_expires_and_zero_keeps_nothing() {
        let (views, builds) = (Views::new(Duration::from_millis(1)), AtomicUsize::new(0));
        assert_eq!(count(&views, &builds).await, 1);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(count(&views, &builds).await, 2, "expired");
        let (never, builds) = (Views::default(), AtomicUsize::new(0));
        assert_eq!(count(&never, &builds).await, 1);
        assert_eq!(count(&never, &builds).await, 2);
    }

    #[tokio::test]
    async fn while_one_caller_rebuilds_the_others_get_the_kept_view_at_once() {
        let views = Arc::new(Views::new(Duration::from_secs(60)));
        let first: u32 = views.get_or("r".into(), async { Ok(1) }).await.unwrap();
        assert_eq!(first, 1);
        changed();
        // A rebuild that takes until it is let go.
        let (release, hold) = tokio::sync::oneshot::channel::<()>();
        let rebuilding = {
            let views = views.clone();
            tokio::spawn(async move {
                views
                    .get_or("r".into(), async {
                        hold.await.ok();
                        Ok(2u32)
                    })
                    .await
                    .unwrap()
            })
        };
        while views.slots.lock().unwrap()["r"].building.try_lock().is_ok() {
            tokio::task::yield_now().await;
        }
        let meanwhile: u32 = views.get_or("r".into(), async { Ok(99) }).await.unwrap();
        assert_eq!(meanwhile, 1, "the kept view, without waiting or building");
        release.send(()).unwrap();
        assert_eq!(
            rebuilding.await.unwrap(),
            2,
            "the rebuilding caller gets the new view"
        );
        let after: u32 = views.get_or("r".into(), async { Ok(3) }).await.unwrap();
        assert_eq!(after, 2, "then everyone does");
    }

    #[tokio::test]
    async fn a_failed_build_is_not_kept() {
        let views = Views::new(Duration::from_secs(60));
        let failed: Result<u32> = views
            .get_or("f".into(), async { Err(shared::AppError::Internal) })
            .await;
        assert!(failed.is_err());
        assert_eq!(
            views.get_or("f".into(), async { Ok(7u32) }).await.unwrap(),
            7
        );
    }
}
