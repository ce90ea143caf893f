//! Sign-in throttling. After a few failed sign-ins for one account (5), or many from one
//! network address (100: a whole office may share one NAT address), further attempts must
//! wait, twice as long after each new failure (up to 15 minutes). An attempt is counted when
//! it starts, before its password is checked, so simultaneous guesses cannot slip under the
//! limit. A successful sign-in clears its account's failures but not its address's, so a
//! guesser cannot reset the count with an account of its own. Failures an hour old are
//! forgotten. The address is the peer's, or behind trusted proxies (`client_address`) the
//! client's as they report it.
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
/// Far above the account's: a whole municipal office behind one NAT address must never be
/// locked out because one account is being guessed.
pub const ADDRESS_FREE: u32 = 100;
const _: () = assert!(
    ADDRESS_FREE >= 10 * ACCOUNT_FREE,
    "an office is never locked out"
);
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
    /// Starts a sign-in attempt: `Err(wait)` when any of `keys` must still wait that long;
    /// otherwise the attempt is counted against every key at once, before the password is
    /// checked, so that simultaneous attempts cannot all slip under the limit. An attempt
    /// that succeeds is taken back ([`Throttle::succeeded`]).
    pub fn begin(&self, keys: &[Key], now: Instant) -> Result<(), Duration> {
        let mut failures = self.lock();
        let wait = keys
            .iter()
            .filter_map(|key| {
                let f = failures.get(key)?;
                if now.saturating_duration_since(f.last) >= FORGET_AFTER {
                    return None;
                }
                let until = f.last + wait_after(f.count, key.free())?;
                until.checked_duration_since(now)
            })
            .max();
        if let Some(wait) = wait.filter(|w| !w.is_zero()) {
            return Err(wait);
        }
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
        Ok(())
    }

    /// A successful sign-in: the account starts afresh; the other keys (the address) no
    /// longer count this attempt, but keep their failures.
    pub fn succeeded(&self, keys: &[Key], account: &Key) {
        let mut failures = self.lock();
        failures.remove(account);
        Self::take_back(&mut failures, keys, account);
    }

    /// Whether `key` must wait before its next attempt (the users page shows it as locked).
    pub fn holds(&self, key: &Key, now: Instant) -> bool {
        self.lock().get(key).is_some_and(|f| {
            now.saturating_duration_since(f.last) < FORGET_AFTER
                && wait_after(f.count, key.free()).is_some_and(|wait| f.last + wait > now)
        })
    }

    /// Forgets `key`'s failures: an admin released the account.
    pub fn release(&self, key: &Key) {
        self.lock().remove(key);
    }

    /// An attempt that never reached a verdict (the database failed): not counted.
    pub fn undecided(&self, keys: &[Key]) {
        let mut failures = self.lock();
        Self::take_back(&mut failures, keys, &Key::Account(String::new()));
    }

    fn take_back(failures: &mut HashMap<Key, Failures>, keys: &[Key], except: &Key) {
        for key in keys.iter().filter(|k| *k != except) {
            if let Some(f) = failures.get_mut(key) {
                f.count = f.count.saturating_sub(1);
                if f.count == 0 {
                    failures.remove(key);
                }
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Failures>> {
        // A panic while holding the lock leaves only counts behind: still usable.
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whose address a request is: the `peer`, unless it is one of the `trusted` proxies; then
/// the right-most address of `forwarded` (`X-Forwarded-For`) that is not a trusted proxy.
/// Anything further left was written by the client itself. An unreadable entry stops the
/// walk at the proxy that passed it on.
pub fn client_address(peer: IpAddr, forwarded: &str, trusted: &[IpAddr]) -> IpAddr {
    let mut last = peer;
    if !trusted.contains(&peer) {
        return peer;
    }
    for hop in forwarded
        .rsplit(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
    {
        match hop.parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => last = ip,
            Ok(ip) => return ip,
            Err(_) => return last,
        }
    }
    last
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

    /// `times` attempts that all fail.
    fn fail(t: &Throttle, keys: &[Key], now: Instant, times: u32) {
        for _ in 0..times {
            t.begin(keys, now).expect("not yet held back");
        }
    }

    #[test]
    fn an_account_waits_after_five_failures_and_longer_after_each_more() {
        let t = Throttle::default();
        let now = Instant::now();
        let anna = [Key::account(" Anna@Example.org ")];
        fail(&t, &anna, now, ACCOUNT_FREE);
        assert_eq!(t.begin(&anna, now), Err(Duration::from_secs(30)));
        let later = now + Duration::from_secs(30);
        fail(&t, &anna, later, 1);
        assert_eq!(t.begin(&anna, later), Err(Duration::from_secs(60)));
        // Another account is not held back by Anna's failures.
        assert_eq!(t.begin(&[Key::account("bo@example.org")], now), Ok(()));
        // The same account however it is typed.
        assert!(t.begin(&[Key::account("anna@example.org")], later).is_err());
    }

    #[test]
    fn a_held_account_is_free_again_once_released() {
        let t = Throttle::default();
        let now = Instant::now();
        let anna = Key::account("anna@example.org");
        fail(&t, std::slice::from_ref(&anna), now, ACCOUNT_FREE);
        assert!(t.holds(&anna, now));
        assert!(!t.holds(&Key::account("bo@example.org"), now));
        assert!(!t.holds(&anna, now + FIRST_WAIT));
        t.release(&anna);
        assert!(!t.holds(&anna, now));
        assert_eq!(t.begin(&[anna], now), Ok(()));
    }

    #[test]
    fn an_attempt_counts_before_its_password_is_checked() {
        let t = Throttle::default();
        let now = Instant::now();
        let k = [Key::account("a@b.se")];
        // Five attempts under way at once, none decided yet: the sixth must wait.
        fail(&t, &k, now, ACCOUNT_FREE);
        assert!(t.begin(&k, now).is_err());
    }

    #[test]
    fn waits_stop_growing_at_fifteen_minutes() {
        let t = Throttle::default();
        let now = Instant::now();
        let k = [Key::account("a@b.se")];
        for i in 0..100 {
            let _ = t.begin(&k, now + LONGEST_WAIT * i);
        }
        assert_eq!(t.begin(&k, now + LONGEST_WAIT * 99), Err(LONGEST_WAIT));
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let t = Throttle::default();
        let now = Instant::now();
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        for i in 0..ADDRESS_FREE {
            fail(
                &t,
                &[Key::account(&format!("u{i}@x.se")), Key::Address(ip)],
                now,
                1,
            );
        }
        let keys = [Key::account("mine@x.se"), Key::Address(ip)];
        assert!(t.begin(&keys, now).is_err(), "the address waits");
        let account = [Key::account("u0@x.se")];
        t.succeeded(&account, &account[0]);
        assert_eq!(t.begin(&account, now), Ok(()));
    }

    #[test]
    fn a_success_is_not_counted_against_its_address() {
        let t = Throttle::default();
        let now = Instant::now();
        let ip: IpAddr = "192.0.2.8".parse().unwrap();
        // A whole office signs in from one address, many times over.
        for i in 0..(ADDRESS_FREE * 3) {
            let keys = [Key::account(&format!("u{}@x.se", i % 40)), Key::Address(ip)];
            t.begin(&keys, now).expect("colleagues are never held back");
            t.succeeded(&keys, &keys[0]);
        }
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let (proxy, inner) = (ip("10.0.0.5"), ip("10.0.0.6"));
        // No proxy configured: a loopback or any other peer is the client, whatever it says.
        assert_eq!(
            client_address(ip("127.0.0.1"), "198.51.100.9", &[]),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(ip("203.0.113.4"), "198.51.100.9", &[proxy]),
            ip("203.0.113.4")
        );
        // Behind a trusted proxy: the right-most untrusted entry, never what the client wrote.
        assert_eq!(
            client_address(proxy, "198.51.100.9", &[proxy]),
            ip("198.51.100.9")
        );
        assert_eq!(
            client_address(proxy, "6.6.6.6, 198.51.100.9", &[proxy]),
            ip("198.51.100.9")
        );
        assert_eq!(
            client_address(proxy, "6.6.6.6, 198.51.100.9, 10.0.0.6", &[proxy, inner]),
            ip("198.51.100.9")
        );
        assert_eq!(client_address(proxy, "", &[proxy]), proxy);
        assert_eq!(client_address(proxy, "garbage", &[proxy]), proxy);
    }

    #[test]
    fn failures_an_hour_old_are_forgotten() {
        let t = Throttle::default();
        let now = Instant::now();
        let k = [Key::account("a@b.se")];
        fail(&t, &k, now, ACCOUNT_FREE);
        let later = now + FORGET_AFTER;
        assert_eq!(t.begin(&k, later), Ok(()), "one fresh attempt, not six");
        assert_eq!(t.begin(&k, later), Ok(()));
    }
}
