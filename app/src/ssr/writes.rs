//! Taking turns to write, and group commit on SQLite.
//!
//! SQLite has one writer at a time, and with `synchronous = FULL` every commit waits for the
//! disk. Writers queue here, in the process, rather than sleeping in SQLite's busy handler.
//!
//! Writes that arrive together share one commit ([`begin_grouped`]): the first writer to take
//! the turn begins a transaction, every writer works inside a savepoint of it, and the writer
//! that finds nobody queued behind it commits for all of them. Each writer is answered only
//! after that commit has reached the disk, so an acknowledged write is exactly as durable as
//! with a commit of its own; a writer that fails rolls back its savepoint and nothing else.
//! PostgreSQL needs none of this: its writers run side by side.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sea_orm::sqlx::sqlite::SqliteConnectOptions;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionSession, TransactionTrait,
};
use tokio::sync::{Mutex, MutexGuard, watch};

/// The most writers one commit carries; the next ones start another.
const MAX_GROUP: usize = 64;

/// How long a member waits for its group's commit before making sure someone will commit it
/// (the writer it was left open for may have gone away).
const RECHECK: Duration = Duration::from_millis(50);

static TURN: Mutex<Turn> = Mutex::const_new(Turn {
    open: None,
    next_id: 0,
});

/// Writers waiting for the turn. While any are, the holder leaves its group open for them.
static WAITING: AtomicUsize = AtomicUsize::new(0);

struct Turn {
    open: Option<Group>,
    next_id: u64,
}

/// An open transaction that writers join with savepoints.
struct Group {
    id: u64,
    outer: DatabaseTransaction,
    /// Which database the group writes to: tests run many at once in one process.
    database: Arc<SqliteConnectOptions>,
    members: usize,
    /// `Some(true)` once committed, `Some(false)` if the commit failed.
    outcome: watch::Sender<Option<bool>>,
}

type Held = MutexGuard<'static, Turn>;

/// A write transaction from [`begin_write`] or [`begin_grouped`]. Use it as the transaction it
/// derefs to and end it with [`WriteTxn::commit`]; dropped, it rolls back.
pub struct WriteTxn<T> {
    txn: Option<T>,
    /// The turn, held on SQLite until this writer is done.
    turn: Option<Held>,
    /// The group this writer joined, and where its commit will be announced.
    group: Option<(u64, watch::Receiver<Option<bool>>)>,
}

impl<T> std::ops::Deref for WriteTxn<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.txn
            .as_ref()
            .expect("a WriteTxn holds its transaction until it commits")
    }
}

impl<T: TransactionSession> WriteTxn<T> {
    /// Commits; in a group, returns once the group's commit has reached the disk. Marks kept
    /// views outdated, here and, on PostgreSQL, on the other servers (see `views`).
    pub async fn commit(self) -> Result<(), DbErr> {
        self.finish().await?;
        super::views::committed();
        Ok(())
    }

    /// Commits a write no kept view reads (a session's idle timer, a signed-out session): the
    /// views stay as they are, here and on the other servers.
    pub async fn commit_unseen(self) -> Result<(), DbErr> {
        self.finish().await
    }

    async fn finish(mut self) -> Result<(), DbErr> {
        let txn = self
            .txn
            .take()
            .expect("a WriteTxn holds its transaction until it commits");
        txn.commit().await?;
        match (self.group.take(), self.turn.take()) {
            (Some((id, outcome)), Some(mut turn)) => {
                let full = turn.open.as_ref().is_some_and(|g| g.members >= MAX_GROUP);
                if full || WAITING.load(Ordering::SeqCst) == 0 {
                    turn = committed(turn).await?;
                }
                drop(turn);
                group_outcome(id, outcome).await
            }
            (_, turn) => {
                drop(turn);
                Ok(())
            }
        }
    }
}

impl<T> Drop for WriteTxn<T> {
    fn drop(&mut self) {
        // Roll back first (for a member: its savepoint), then give up the turn.
        drop(self.txn.take());
        let Some(turn) = self.turn.take() else {
            return;
        };
        drop(turn);
        // Members before this one wait for the group's commit; with nobody queued to carry
        // the group on, commit it for them.
        if let Some((id, _)) = self.group.take()
            && WAITING.load(Ordering::SeqCst) == 0
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(commit_if_open(id));
        }
    }
}

/// Starts a transaction that will write, on its own. On SQLite it waits for the turn (first
/// committing any open group), then begins IMMEDIATE, taking the write lock at once: a
/// deferred transaction that has read cannot become a writer while another one commits.
///
/// Never call it while holding another `WriteTxn`: the turn is not re-entrant.
pub async fn begin_write<C: TransactionTrait + ConnectionTrait>(
    db: &C,
) -> Result<WriteTxn<C::Transaction>, DbErr> {
    let turn = match db.get_database_backend() {
        DbBackend::Sqlite => Some(committed(take_turn().await).await?),
        _ => None,
    };
    let txn = db.begin_with_options(immediate()).await?;
    Ok(WriteTxn {
        txn: Some(txn),
        turn,
        group: None,
    })
}

/// Starts a write that may share its commit with others arriving at the same moment (see the
/// module). For short writes on the hot path, such as logging an incident. On PostgreSQL it is
/// a plain transaction.
///
/// Never call it while holding another `WriteTxn`: the turn is not re-entrant.
pub async fn begin_grouped(
    db: &DatabaseConnection,
) -> Result<WriteTxn<DatabaseTransaction>, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(WriteTxn {
            txn: Some(db.begin().await?),
            turn: None,
            group: None,
        });
    }
    let database = db.get_sqlite_connection_pool().connect_options();
    let mut turn = take_turn().await;
    let joinable = turn
        .open
        .as_ref()
        .is_some_and(|g| Arc::ptr_eq(&g.database, &database) && g.members < MAX_GROUP);
    if !joinable {
        turn = committed(turn).await?;
        let id = turn.next_id;
        turn.next_id += 1;
        turn.open = Some(Group {
            id,
            outer: db.begin_with_options(immediate()).await?,
            database,
            members: 0,
            outcome: watch::channel(None).0,
        });
    }
    let group = turn.open.as_mut().expect("a group is open");
    let savepoint = group.outer.begin().await?;
    group.members += 1;
    let joined = (group.id, group.outcome.subscribe());
    Ok(WriteTxn {
        txn: Some(savepoint),
        turn: Some(turn),
        group: Some(joined),
    })
}

/// Writers that take their turn wait for it counted in [`WAITING`].
async fn take_turn() -> Held {
    struct Waiting;
    impl Drop for Waiting {
        fn drop(&mut self) {
            WAITING.fetch_sub(1, Ordering::SeqCst);
        }
    }
    WAITING.fetch_add(1, Ordering::SeqCst);
    let _waiting = Waiting;
    TURN.lock().await
}

fn immediate() -> TransactionOptions {
    TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    }
}

/// Commits the open group, if any, and hands the turn back. The commit runs in a task of its
/// own, so a request that goes away meanwhile cannot leave it half done: its members learn
/// the outcome either way.
async fn committed(mut turn: Held) -> Result<Held, DbErr> {
    if turn.open.is_none() {
        return Ok(turn);
    }
    tokio::spawn(async move {
        if let Some(group) = turn.open.take() {
            let ok = match group.outer.commit().await {
                Ok(()) => true,
                Err(e) => {
                    tracing::error!(error = %e, writers = group.members, "group commit failed");
                    false
                }
            };
            group.outcome.send_replace(Some(ok));
        }
        turn
    })
    .await
    .map_err(|e| DbErr::Custom(format!("group commit stopped: {e}")))
}

/// Commits group `id` if it is still open and nobody is queued to join it.
async fn commit_if_open(id: u64) {
    let turn = TURN.lock().await;
    let stranded =
        WAITING.load(Ordering::SeqCst) == 0 && turn.open.as_ref().is_some_and(|g| g.id == id);
    if stranded {
        // Failures reach the members through the group's outcome.
        let _ = committed(turn).await;
    }
}

/// Waits until group `id` is committed; an error if its commit failed or never happened.
async fn group_outcome(id: u64, mut outcome: watch::Receiver<Option<bool>>) -> Result<(), DbErr> {
    loop {
        // Copied out at once: the watch's guard must not be held across an await.
        let waited = tokio::time::timeout(RECHECK, outcome.wait_for(Option::is_some))
            .await
            .map(|done| done.map(|value| *value == Some(true)));
        match waited {
            Ok(Ok(true)) => return Ok(()),
            Ok(Ok(false)) => return Err(DbErr::Custom("the shared commit failed".into())),
            Ok(Err(_)) => return Err(DbErr::Custom("the shared commit never happened".into())),
            Err(_) => commit_if_open(id).await,
        }
    }
}

/// Writers waiting for the turn right now (tests and diagnostics).
pub fn writers_waiting() -> usize {
    WAITING.load(Ordering::SeqCst)
}
