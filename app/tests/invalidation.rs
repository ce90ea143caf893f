//! Several servers on one PostgreSQL database: a change through one outdates the kept views
//! (picture counts, dashboard, yearly report) of all of them, once it commits and not before.
//! PostgreSQL only: without `TEST_DATABASE_URL` there is nothing to share. (Its own test
//! binary: kept views are outdated process-wide.)

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::ssr::audit::{self, Actor};
use app::ssr::views::{self, CHANNEL, Views};
use app::ssr::{db, testing, writes};
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use shared::audit::{AuditAction, RecordType};

/// How long an announcement may take to arrive; far more than it needs.
const PATIENCE: Duration = Duration::from_secs(10);

async fn server(url: &str) -> DatabaseConnection {
    db::connect(url).await.expect("connect")
}

/// Reads the view through `kept`, giving a rebuild the read started (off the request path)
/// time to finish; how many builds there have been.
async fn builds(kept: &Views, counter: &Arc<AtomicUsize>) -> usize {
    let count = counter.clone();
    let _: usize = kept
        .get_or("picture".into(), None, move || async move {
            Ok(count.fetch_add(1, Ordering::SeqCst) + 1)
        })
        .await
        .expect("view");
    tokio::time::sleep(Duration::from_millis(200)).await;
    counter.load(Ordering::SeqCst)
}

/// A transaction of another server that announces a change (sent by hand: through this
/// process it would outdate its views directly).
async fn announcing(there: &DatabaseConnection) -> DatabaseTransaction {
    let txn = there.begin().await.expect("begin");
    txn.execute_unprepared(&format!("NOTIFY {CHANNEL}"))
        .await
        .expect("notify");
    txn
}

/// Waits until the view has been built `n` times; false if it never is.
async fn rebuilt(kept: &Views, counter: &Arc<AtomicUsize>, n: usize) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < PATIENCE {
        if builds(kept, counter).await >= n {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

// One test: the phases would outdate each other's views if they ran side by side.
#[tokio::test]
async fn changes_are_announced_when_they_commit_and_outdate_every_servers_views() {
    let Some(url) = testing::postgres_url().await else {
        return;
    };
    let there = server(&url).await;
    db::migrate(&there).await.expect("migrate");
    every_committed_write_is_announced_once_it_commits(&url, &there).await;
    a_change_through_another_server_outdates_this_ones_views(&url, &there).await;
}

/// What `follow_other_servers` hears, heard on a connection of its own.
async fn heard(listener: &mut PgListener, wait: Duration) -> bool {
    tokio::time::timeout(wait, listener.recv()).await.is_ok()
}

async fn a_change_through_another_server_outdates_this_ones_views(
    url: &str,
    there: &DatabaseConnection,
) {
    let here = server(url).await;

    // This server listens; it is listening once it has outdated its views for the first time.
    let before = views::generation();
    views::follow_other_servers(&here);
    let start = std::time::Instant::now();
    while views::generation() == before {
        assert!(start.elapsed() < PATIENCE, "the listener never started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (kept, counter) = (
        Views::new(Duration::from_secs(600)),
        Arc::new(AtomicUsize::new(0)),
    );
    assert_eq!(builds(&kept, &counter).await, 1);
    assert_eq!(builds(&kept, &counter).await, 1, "kept");

    // Another server announces a change inside its transaction: nothing until it commits.
    let txn = announcing(there).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        builds(&kept, &counter).await,
        1,
        "not outdated before the commit"
    );
    txn.rollback().await.expect("rollback");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        builds(&kept, &counter).await,
        1,
        "a rolled-back change outdates nothing"
    );

    let txn = announcing(there).await;
    txn.commit().await.expect("commit");
    assert!(
        rebuilt(&kept, &counter, 2).await,
        "outdated after the commit"
    );
}

async fn every_committed_write_is_announced_once_it_commits(url: &str, there: &DatabaseConnection) {
    let mut other = PgListener::connect(url).await.expect("listener");
    other.listen(CHANNEL).await.expect("listen");
    views::announce_to_other_servers(there);
    let change = |action| {
        let there = there.clone();
        async move {
            let txn = writes::begin_write(&there).await.expect("begin");
            audit::record(
                &*txn,
                Actor::default(),
                action,
                RecordType::Incident,
                None,
                None,
                None,
            )
            .await
            .expect("audit");
            txn
        }
    };
    // Rolled back: dropped without a commit.
    drop(change(AuditAction::Update).await);
    // A read is audited outside any write.
    audit::record(
        there,
        Actor::default(),
        AuditAction::View,
        RecordType::Incident,
        None,
        None,
        None,
    )
    .await
    .expect("audit");
    assert!(
        !heard(&mut other, Duration::from_millis(700)).await,
        "neither a rolled-back change nor a read is announced"
    );
    change(AuditAction::Update)
        .await
        .commit()
        .await
        .expect("commit");
    assert!(
        heard(&mut other, PATIENCE).await,
        "a committed change is announced"
    );

    // Many writers at once: every one is announced, by at least one announcement after it
    // committed, and in fewer announcements than writes.
    let burst: Vec<_> = (0..40)
        .map(|_| {
            let change = change(AuditAction::Update);
            tokio::spawn(async move { change.await.commit().await.expect("commit") })
        })
        .collect();
    for write in burst {
        write.await.expect("write");
    }
    let mut announcements = 0;
    while heard(&mut other, Duration::from_millis(700)).await {
        announcements += 1;
    }
    assert!(
        (1..40).contains(&announcements),
        "{announcements} announcements for 40 writes"
    );
}
