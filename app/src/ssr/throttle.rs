//! Sign-in throttling. After a few failed sign-ins for one account, or many from one network
//! address, further attempts must wait, twice as long after each new failure (up to 15
//! minutes). A successful sign-in clears its account's failures but not its address's, so a
//! guesser cannot reset the count with an account of its own. Failures an hour old are
//! forgotten.
//!
//! Kept in memory, per server process: a restart forgets it, and servers sharing one
//! PostgreSQL database count apart (each still limits).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures for one account before it must wait.
pub const ACCOUNT_FREE: u32 = 5;
/// Failures from one address (many accounts) before it must wait.
pub const ADDRESS_FREE: u32 = 20;
/// The first wait; it doubles with each failure after that.
const FIRST_WAIT: Duration = Duration::from_secs(30);
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
/// Entries kept at most: a flood of made-up accounts cannot exhaust memory.
const MAX_ENTRIES: usize = 100_000;

/// Whose failures are counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// An email address as typed, trimmed and in lower case.
    Account(String),
    Address(IpAddr),
}

impl Key {
    pub fn account(email: &str) -> Self {
        Self::Account(email.trim().to_lowercase())
    }

    fn free(&self) -> u32 {
        match self {
            Self::Account(_) => ACCOUNT_FREE,
            Self::Address(_) => ADDRESS_FREE,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<Key, Failures>>,
}

impl Throttle {
    /// `Err(wait)` when any of `keys` must still wait that long before trying again.
    pub fn check(&self, keys: &[Key], now: Instant) -> Result<(), Duration> {
        let failures = self.lock();
        let wait = keys
            .iter()
            .filter_map(|key| {
                let f = failures.get(key)?;
                let until = f.last + wait_after(f.count, key.free())?;
                until.checked_duration_since(now)
            })
            .max();
        match wait {
            Some(wait) if !wait.is_zero() => Err(wait),
            _ => Ok(()),
        }
    }

    /// Counts a failed sign-in against every key.
    pub fn failed(&self, keys: &[Key], now: Instant) {
        let mut failures = self.lock();
        if failures.len() >= MAX_ENTRIES {
            failures.retain(|_, f| now.saturating_duration_since(f.last) < FORGET_AFTER);
        }
        for key in keys {
            if failures.len() >= MAX_ENTRIES && !failures.contains_key(key) {
                continue;
            }
            let entry = failures.entry(key.clone()).or_insert(Failures {
                count: 0,
                last: now,
            });
            if now.saturating_duration_since(entry.last) >= FORGET_AFTER {
                entry.count = 0;
            }
            entry.count += 1;
            entry.last = now;
        }
    }

    /// A successful sign-in: the account starts afresh.
    pub fn succeeded(&self, account: &Key) {
        self.lock().remove(account);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Failures>> {
        // A panic while holding the lock leaves only counts behind: still usable.
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How long after the last of `count` failures the next attempt must wait, if at all.
fn wait_after(count: u32, free: u32) -> Option<Duration> {
    let over = count.checked_sub(free)?;
    let wait = FIRST_WAIT.saturating_mul(2u32.saturating_pow(over.min(16)));
    Some(wait.min(LONGEST_WAIT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(t: &Throttle, keys: &[Key], now: Instant, times: u32) {
        for _ in 0..times {
            t.failed(keys, now);
        }
    }

    #[test]
    fn an_account_waits_after_five_failures_and_longer_after_each_more() {
        let t = Throttle::default();
        let now = Instant::now();
        let anna = [Key::account(" Anna@Example.org ")];
        fail(&t, &anna, now, ACCOUNT_FREE - 1);
        assert_eq!(t.check(&anna, now), Ok(()));
        fail(&t, &anna, now, 1);
        assert_eq!(t.check(&anna, now), Err(Duration::from_secs(30)));
        assert_eq!(t.check(&anna, now + Duration::from_secs(30)), Ok(()));
        fail(&t, &anna, now + Duration::from_secs(30), 1);
        assert_eq!(
            t.check(&anna, now + Duration::from_secs(30)),
            Err(Duration::from_secs(60))
        );
        // Another account is not held back by Anna's failures.
        assert_eq!(t.check(&[Key::account("bo@example.org")], now), Ok(()));
        // The same account however it is typed.
        assert!(t.check(&[Key::account("anna@example.org")], now).is_err());
    }

    #[test]
    fn waits_stop_growing_at_fifteen_minutes() {
        let t = Throttle::default();
        let now = Instant::now();
        let k = [Key::account("a@b.se")];
        fail(&t, &k, now, 100);
        assert_eq!(t.check(&k, now), Err(LONGEST_WAIT));
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let t = Throttle::default();
        let now = Instant::now();
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        for i in 0..ADDRESS_FREE {
            t.failed(
                &[Key::account(&format!("u{i}@x.se")), Key::Address(ip)],
                now,
            );
        }
        let keys = [Key::account("mine@x.se"), Key::Address(ip)];
        assert!(t.check(&keys, now).is_err());
        t.succeeded(&Key::account("mine@x.se"));
        assert!(t.check(&keys, now).is_err(), "the address still waits");
        let account = [Key::account("u0@x.se")];
        t.succeeded(&account[0]);
        assert_eq!(t.check(&account, now), Ok(()));
    }

    #[test]
    fn failures_an_hour_old_are_forgotten() {
        let t = Throttle::default();
        let now = Instant::now();
        let k = [Key::account("a@b.se")];
        fail(&t, &k, now, ACCOUNT_FREE);
        let later = now + FORGET_AFTER;
        t.failed(&k, later);
        assert_eq!(t.check(&k, later), Ok(()), "one fresh failure, not six");
    }
}
