//! Sign-in throttling. After a few failed sign-ins for one account (5), or many from one
//! network address (100: a whole office may share one NAT address), further attempts must
//! wait, twice as long after each new failure (up to 15 minutes). An attempt is counted when
//! it starts, before its password is checked, so simultaneous guesses cannot slip under the
//! limit. A successful sign-in clears its account's failures but not its address's, so a
//! guesser cannot reset the count with an account of its own. Failures an hour old are
//! forgotten. The address is the peer's, or behind trusted proxies (`client_address`) the
//! client's as they report it.
//!
//! Counted in the database (`sign_in_failures`), so every server sharing it counts together
//! and a restart forgets nothing. Keys are stored as SHA-256 hashes, never as addresses.

use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, Set, Statement,
    TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::entities::sign_in_failure as row;
use super::writes::begin_write;
use super::{Result, db_err};

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

    /// The stored form: a hash, so the table holds no e-mail or network address.
    fn stored(&self) -> String {
        let plain = match self {
            Self::Account(email) => format!("account:{email}"),
            Self::Address(ip) => format!("address:{ip}"),
        };
        hex::encode(Sha256::digest(plain.as_bytes()))
    }
}

/// Starts a sign-in attempt: `Ok(Err(wait))` when any of `keys` must still wait that long;
/// otherwise the attempt is counted against every key, before the password is checked, in one
/// write that also reads the counts (locked on PostgreSQL, the write turn on SQLite), so that
/// simultaneous attempts, on this server or another, cannot all slip under the limit. An
/// attempt that succeeds is taken back ([`succeeded`]).
pub async fn begin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<std::result::Result<(), Duration>> {
    let mut stored: Vec<(String, u32)> = keys.iter().map(|k| (k.stored(), k.free())).collect();
    // One order for every writer: two attempts never wait on each other's rows crosswise.
    stored.sort();
    stored.dedup();
    let hashes: Vec<String> = stored.iter().map(|(h, _)| h.clone()).collect();
    let txn = begin_write(db).await.map_err(db_err)?;
    for hash in &hashes {
        row::Entity::insert(row::ActiveModel {
            key: Set(hash.clone()),
            failures: Set(0),
            last_at: Set(now),
        })
        .on_conflict(OnConflict::column(row::Column::Key).do_nothing().to_owned())
        .exec_without_returning(&*txn)
        .await
        .map_err(db_err)?;
    }
    let rows = row::Entity::find()
        .filter(row::Column::Key.is_in(hashes.clone()))
        .lock_exclusive()
        .all(&*txn)
        .await
        .map_err(db_err)?;
    let wait = rows
        .iter()
        .filter_map(|r| {
            let free = stored.iter().find(|(h, _)| *h == r.key)?.1;
            waiting(r, free, now)
        })
        .max();
    if let Some(wait) = wait {
        // Nothing counted: the rows it made for new keys are rolled back with it.
        return Ok(Err(wait));
    }
    // Failures an hour old are forgotten: such a key starts again at this attempt.
    let counted = Expr::case(
        Expr::col(row::Column::LastAt).lte(now - FORGET_AFTER),
        Expr::val(1),
    )
    .finally(Expr::col(row::Column::Failures).add(1));
    row::Entity::update_many()
        .col_expr(row::Column::Failures, counted.into())
        .col_expr(row::Column::LastAt, Expr::value(now))
        .filter(row::Column::Key.is_in(hashes))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    forget_old(db, now).await;
    Ok(Ok(()))
}

/// Deletes keys whose last failure is an hour old, so the table stays small. Best effort, in
/// a write of its own: on PostgreSQL it skips rows another sign-in holds rather than wait for
/// them (two sign-ins never wait on each other crosswise).
async fn forget_old<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) {
    let cutoff = now - FORGET_AFTER;
    let forgotten = async {
        let txn = begin_write(db).await?;
        match txn.get_database_backend() {
            DbBackend::Postgres => {
                txn.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "DELETE FROM sign_in_failures WHERE key IN (SELECT key FROM sign_in_failures \
                     WHERE last_at < $1 FOR UPDATE SKIP LOCKED)",
                    [cutoff.into()],
                ))
                .await?;
            }
            _ => {
                row::Entity::delete_many()
                    .filter(row::Column::LastAt.lt(cutoff))
                    .exec(&*txn)
                    .await?;
            }
        }
        txn.commit().await
    };
    if let Err(e) = forgotten.await {
        tracing::warn!(error = %e, "old sign-in failures not deleted; the next sign-in tries again");
    }
}

/// A successful sign-in: the account starts afresh; the other keys (the address) no longer
/// count this attempt, but keep their failures.
pub async fn succeeded<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    keys: &[Key],
    account: &Key,
) -> Result<()> {
    let others: Vec<Key> = keys.iter().filter(|k| *k != account).cloned().collect();
    take_back(db, &others, Some(account)).await
}

/// An attempt that never reached a verdict (the database failed): not counted.
pub async fn undecided<C: ConnectionTrait + TransactionTrait>(db: &C, keys: &[Key]) -> Result<()> {
    take_back(db, keys, None).await
}

/// Forgets `key`'s failures: an admin released the account. Runs inside the caller's write.
pub async fn release<C: ConnectionTrait>(db: &C, key: &Key) -> Result<()> {
    row::Entity::delete_by_id(key.stored())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Which of `keys` must wait before their next attempt (the accounts page shows them as
/// locked), in one query.
pub async fn holding<C: ConnectionTrait>(
    db: &C,
    keys: &[Key],
    now: DateTime<Utc>,
) -> Result<Vec<Key>> {
    let hashes: Vec<String> = keys.iter().map(Key::stored).collect();
    let rows = row::Entity::find()
        .filter(row::Column::Key.is_in(hashes))
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(keys
        .iter()
        .filter(|k| {
            let hash = k.stored();
            rows.iter()
                .any(|r| r.key == hash && waiting(r, k.free(), now).is_some())
        })
        .cloned()
        .collect())
}

/// Takes one attempt back from each of `keys`, and forgets `cleared` entirely.
async fn take_back<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    keys: &[Key],
    cleared: Option<&Key>,
) -> Result<()> {
    let txn = begin_write(db).await.map_err(db_err)?;
    if let Some(key) = cleared {
        release(&*txn, key).await?;
    }
    let hashes: Vec<String> = keys.iter().map(Key::stored).collect();
    row::Entity::update_many()
        .col_expr(
            row::Column::Failures,
            Expr::col(row::Column::Failures).sub(1),
        )
        .filter(row::Column::Key.is_in(hashes.clone()))
        .filter(row::Column::Failures.gt(0))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    row::Entity::delete_many()
        .filter(row::Column::Key.is_in(hashes))
        .filter(row::Column::Failures.lte(0))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    txn.commit().await.map_err(db_err)
}

/// How long `r` must still wait at `now`, if at all.
fn waiting(r: &row::Model, free: u32, now: DateTime<Utc>) -> Option<Duration> {
    let since = (now - r.last_at).to_std().unwrap_or_default();
    if since >= FORGET_AFTER {
        return None;
    }
    let count = u32::try_from(r.failures).unwrap_or(0);
    wait_after(count, free)?
        .checked_sub(since)
        .filter(|w| !w.is_zero())
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
    let wait = FIRST_WAIT.saturating_mul(2u32.saturating_pow(Ord::min(over, 16)));
    Some(wait.min(LONGEST_WAIT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_after_the_free_failures_and_stop_at_fifteen_minutes() {
        assert_eq!(wait_after(ACCOUNT_FREE - 1, ACCOUNT_FREE), None);
        assert_eq!(wait_after(ACCOUNT_FREE, ACCOUNT_FREE), Some(FIRST_WAIT));
        assert_eq!(
            wait_after(ACCOUNT_FREE + 1, ACCOUNT_FREE),
            Some(FIRST_WAIT * 2)
        );
        assert_eq!(
            wait_after(ACCOUNT_FREE + 99, ACCOUNT_FREE),
            Some(LONGEST_WAIT)
        );
    }

    #[test]
    fn keys_are_stored_as_hashes_that_tell_accounts_and_addresses_apart() {
        let anna = Key::account(" Anna@Example.org ").stored();
        assert_eq!(anna, Key::account("anna@example.org").stored());
        assert_eq!(anna.len(), 64);
        assert!(!anna.contains("anna"));
        let ip: IpAddr = "192.0.2.7".parse().expect("an address");
        assert_ne!(
            Key::Address(ip).stored(),
            Key::account("192.0.2.7").stored()
        );
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
}
