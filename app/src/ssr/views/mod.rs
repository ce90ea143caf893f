//! Computed read models kept for a short while: the situation picture's counts, the dashboard,
//! the yearly report and the reference data. Each is built from the per-week counts in tens to
//! hundreds of milliseconds; kept, a page that many people open at the weekly meeting costs a
//! lookup.
//!
//! Every audited change and every committed write outdates them ([`changed`], [`committed`]),
//! and so does the time to live. An outdated view is rebuilt off the request path: a reader
//! gets the view as it was and one rebuild starts in a task of its own ([`Views::get_or`]).
//! While incidents stream in, no reader waits for a rebuild. Two readers do: the first ever
//! (nothing kept, or kept longer than [`SERVED_AT_MOST`]), and one who has written since the
//! view was made, so that whoever logs an incident sees it counted on their next page
//! ([`noting_writers`]).
//!
//! On PostgreSQL each server also tells the others, once its writes have committed
//! ([`announce_to_other_servers`]: one `NOTIFY` for however many commits came while the last
//! one was on its way), and listens to theirs ([`follow_other_servers`]): a change through one
//! server outdates the views of all of them. The announcement is sent after the commit, never
//! inside the write: a `NOTIFY` in a transaction takes a database-wide lock at commit, and
//! committing writers would queue for it one by one. Changes on SQLite by another process (the
//! CLI import) show within the time to live.

mod changes;

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use changes::needed_by;
pub use changes::{
    CHANNEL, announce_to_other_servers, changed, committed, follow_other_servers, generation,
    noting_writers, written_by,
};
use uuid::Uuid;

use super::Result;

/// At most this many views are kept; past it, all are dropped and built again on demand.
const MAX_ENTRIES: usize = 256;

/// A view older than this is not served at all: its next reader waits for a build. (Younger
/// than it but older than the time to live, it is outdated and served while rebuilt.)
const SERVED_AT_MOST: Duration = Duration::from_secs(600);

struct Entry {
    generation: u64,
    made: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

/// One view: the value kept, and the turn to build it.
#[derive(Default)]
struct Slot {
    kept: Mutex<Option<Entry>>,
    building: Arc<tokio::sync::Mutex<()>>,
}

impl Slot {
    /// The kept value, its generation and whether it is younger than `ttl`, if it is younger
    /// than `at_most`.
    fn kept<T: Clone + 'static>(&self, ttl: Duration, at_most: Duration) -> Option<(T, u64, bool)> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let entry = kept.as_ref().filter(|e| e.made.elapsed() < at_most)?;
        let value = entry.value.downcast_ref::<T>()?.clone();
        Some((value, entry.generation, entry.made.elapsed() < ttl))
    }

    /// Builds the view as of now and keeps it.
    async fn build<T, F, Fut>(&self, build: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        // Read before building: a change during the build leaves the entry outdated.
        let generation = generation();
        let value = build().await?;
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(Entry {
            generation,
            made: Instant::now(),
            value: Arc::new(value.clone()),
        });
        Ok(value)
    }
}

pub struct Views {
    ttl: Duration,
    /// [`SERVED_AT_MOST`], or the time to live if that is longer.
    served_at_most: Duration,
    slots: Mutex<HashMap<String, Arc<Slot>>>,
}

impl Views {
    /// Views kept for `ttl`; zero keeps nothing.
    pub fn new(ttl: Duration) -> Self {
        Views {
            ttl,
            served_at_most: SERVED_AT_MOST.max(ttl),
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// The view under `key` for `reader`, made by `build` when needed.
    ///
    /// An up-to-date view is returned as kept. An outdated one (changed since, or older than
    /// the time to live) too, while one rebuild runs in a task of its own (see the module),
    /// unless it was made before `reader`'s last write: then, as when nothing is kept or what
    /// is kept is older than [`SERVED_AT_MOST`], the reader waits for a build (one at a time;
    /// a build another reader finishes meanwhile may do).
    pub async fn get_or<T, F, Fut>(&self, key: String, reader: Option<Uuid>, build: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<T>> + Send + 'static,
    {
        if self.ttl.is_zero() {
            return build().await;
        }
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            if slots.len() >= MAX_ENTRIES && !slots.contains_key(&key) {
                slots.clear();
            }
            slots.entry(key).or_default().clone()
        };
        let needed = needed_by(reader);
        if let Some((value, made_at, young)) = slot.kept::<T>(self.ttl, self.served_at_most)
            && made_at >= needed
        {
            if (made_at != generation() || !young)
                && let Ok(turn) = slot.building.clone().try_lock_owned()
            {
                let slot = slot.clone();
                tokio::spawn(async move {
                    if let Err(e) = slot.build(build).await {
                        tracing::warn!(error = %e, "a kept view could not be rebuilt");
                    }
                    drop(turn);
                });
            }
            return Ok(value);
        }
        let _turn = slot.building.lock().await;
        match slot.kept::<T>(self.ttl, self.served_at_most) {
            Some((value, made_at, _)) if made_at >= needed => Ok(value),
            _ => slot.build(build).await,
        }
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
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The view "k" through `views`, counting builds in `builds`; the build gives `value`.
    async fn view(
        views: &Views,
        reader: Option<Uuid>,
        builds: &Arc<AtomicUsize>,
        value: u32,
    ) -> u32 {
        let builds = builds.clone();
        views
            .get_or("k".into(), reader, move || async move {
                builds.fetch_add(1, Ordering::SeqCst);
                Ok(value)
            })
            .await
            .unwrap()
    }

    /// Views kept for `ttl`, and a count of builds for [`view`].
    fn counting(ttl: Duration) -> (Views, Arc<AtomicUsize>) {
        (Views::new(ttl), Arc::new(AtomicUsize::new(0)))
    }

    /// Waits until nobody builds "k".
    async fn built(views: &Views) {
        let slot = views.slots.lock().unwrap()["k"].clone();
        drop(slot.building.lock().await);
    }

    #[tokio::test]
    async fn an_outdated_view_is_served_as_kept_while_one_rebuild_runs_off_the_path() {
        let (views, builds) = counting(Duration::from_secs(60));
        assert_eq!(view(&views, None, &builds, 1).await, 1);
        changed();
        // A rebuild that takes until it is let go.
        let (release, hold) = tokio::sync::oneshot::channel::<()>();
        let served = tokio::time::timeout(
            Duration::from_secs(5),
            views.get_or("k".into(), None, move || async move {
                hold.await.ok();
                Ok(2u32)
            }),
        )
        .await
        .expect("the reader does not wait for the rebuild")
        .unwrap();
        assert_eq!(served, 1, "the view as it was");
        let meanwhile = view(&views, None, &builds, 99).await;
        assert_eq!(meanwhile, 1, "still as it was, and no second rebuild");
        assert_eq!(builds.load(Ordering::SeqCst), 1);
        release.send(()).unwrap();
        built(&views).await;
        assert_eq!(
            view(&views, None, &builds, 2).await,
            2,
            "then the rebuilt view"
        );
    }

    #[tokio::test]
    async fn a_writer_waits_for_a_view_made_after_their_write_and_nobody_else_does() {
        let (views, builds) = counting(Duration::from_secs(60));
        let (writer, other, rolled_back) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(view(&views, Some(writer), &builds, 1).await, 1);
        noting_writers(async {
            written_by(Some(writer));
            committed();
        })
        .await;
        noting_writers(async { written_by(Some(rolled_back)) }).await;
        assert!(needed_by(Some(writer)) > 0);
        assert_eq!(
            needed_by(Some(rolled_back)),
            0,
            "no commit, nothing to wait for"
        );
        assert_eq!(needed_by(Some(other)), 0);
        // Outside a request nobody is noted.
        written_by(Some(other));
        committed();
        assert_eq!(needed_by(Some(other)), 0);

        assert_eq!(
            view(&views, Some(other), &builds, 2).await,
            1,
            "another reader gets the view as it was"
        );
        assert_eq!(
            view(&views, Some(writer), &builds, 2).await,
            2,
            "the writer gets one made after the write"
        );
    }

    #[tokio::test]
    async fn a_view_expires_and_zero_keeps_nothing() {
        let (views, builds) = counting(Duration::from_millis(1));
        assert_eq!(view(&views, None, &builds, 1).await, 1);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(
            view(&views, None, &builds, 2).await,
            1,
            "expired: served while rebuilt"
        );
        built(&views).await;
        assert_eq!(builds.load(Ordering::SeqCst), 2);
        // Kept too long: not served at all.
        let views = Views {
            served_at_most: Duration::from_millis(10),
            ..views
        };
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(
            view(&views, None, &builds, 3).await,
            3,
            "too old: built on the path"
        );
        let (never, builds) = (Views::default(), Arc::new(AtomicUsize::new(0)));
        assert_eq!(view(&never, None, &builds, 1).await, 1);
        assert_eq!(view(&never, None, &builds, 2).await, 2);
        assert_eq!(builds.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_build_is_not_kept_and_a_failed_rebuild_keeps_the_old_view() {
        let views = Views::new(Duration::from_secs(60));
        let failed: Result<u32> = views
            .get_or("k".into(), None, || async {
                Err(shared::AppError::Internal)
            })
            .await;
        assert!(failed.is_err());
        let builds = Arc::new(AtomicUsize::new(0));
        assert_eq!(view(&views, None, &builds, 7).await, 7);
        changed();
        let served: u32 = views
            .get_or("k".into(), None, || async {
                Err(shared::AppError::Internal)
            })
            .await
            .unwrap();
        assert_eq!(served, 7);
        built(&views).await;
        let slot = views.slots.lock().unwrap()["k"].clone();
        assert_eq!(
            slot.kept::<u32>(views.ttl, views.served_at_most)
                .map(|(v, _, _)| v),
            Some(7)
        );
    }
}
