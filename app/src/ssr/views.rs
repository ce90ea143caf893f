//! Computed read models kept for a short while: the situation picture's counts, the dashboard
//! and the yearly report. Each is built from the per-week counts in tens of milliseconds; kept,
//! a page that many people open at the weekly meeting costs a lookup.
//!
//! An entry is used while it is younger than the time to live and no change has gone through
//! this process since it was made: every audited change and every committed write turn calls
//! [`changed`]. Changes made by another process (the CLI import, a second server on the same
//! PostgreSQL database) show within the time to live.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Result;

/// Bumped by every change that goes through this process.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Marks every kept view as outdated.
pub fn changed() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// At most this many views are kept; past it, all are dropped and built again on demand.
const MAX_ENTRIES: usize = 256;

struct Entry {
    generation: u64,
    made: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

type Slot = Arc<tokio::sync::Mutex<Option<Entry>>>;

pub struct Views {
    ttl: Duration,
    slots: Mutex<HashMap<String, Slot>>,
}

impl Views {
    /// Views kept for `ttl`; zero keeps nothing.
    pub fn new(ttl: Duration) -> Self {
        Views {
            ttl,
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// The view under `key`, or `build`'s result, kept for the next caller. Callers asking
    /// for the same key while it is being built wait for that one build.
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
        let mut entry = slot.lock().await;
        // Read before building: a change during the build leaves the entry outdated.
        let generation = GENERATION.load(Ordering::Acquire);
        if let Some(e) = entry.as_ref()
            && e.generation == generation
            && e.made.elapsed() < self.ttl
            && let Some(value) = e.value.downcast_ref::<T>()
        {
            return Ok(value.clone());
        }
        let value = build.await?;
        *entry = Some(Entry {
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
