//! Group commit on SQLite: writers that arrive together share one commit, each is answered
//! only after it, and one writer failing takes nothing of the others with it. (Its own test
//! binary: the turn is shared by the whole process.)

use app::ssr::db;
use app::ssr::entities::organisation;
use app::ssr::writes::{begin_grouped, writers_waiting};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use shared::user::OrgKind;
use uuid::Uuid;

async fn file_database() -> (DatabaseConnection, std::path::PathBuf) {
    let file = std::env::temp_dir().join(format!("samverkan-group-{}.db", Uuid::now_v7().simple()));
    let conn = db::connect(&format!("sqlite://{}?mode=rwc", file.display()))
        .await
        .expect("connect");
    db::migrate(&conn).await.expect("migrate");
    (conn, file)
}

fn organisation(name: &str) -> (Uuid, organisation::ActiveModel) {
    let id = Uuid::now_v7();
    let row = organisation::ActiveModel {
        id: Set(id),
        name: Set(name.to_owned()),
        kind: Set(OrgKind::Police),
        created_at: Set(Utc::now()),
        retired_at: Set(None),
    };
    (id, row)
}

async fn exists(db: &DatabaseConnection, id: Uuid) -> bool {
    organisation::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("read")
        .is_some()
}

/// Waits until `n` writers queue for the turn.
async fn until_waiting(n: usize) {
    for _ in 0..10_000 {
        if writers_waiting() == n {
            return;
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    panic!("{n} writers never queued");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_member_rolls_back_alone_and_the_others_are_committed_together() {
    let (conn, file) = file_database().await;

    // A holds the turn; B and C queue behind it, so A's commit leaves the group open for them.
    let a = begin_grouped(&conn).await.expect("A begins");
    let (a_id, row) = organisation("A");
    row.insert(&*a).await.expect("A writes");

    let (b_id, b_row) = organisation("B");
    let b = tokio::spawn({
        let conn = conn.clone();
        async move {
            let txn = begin_grouped(&conn).await.expect("B begins");
            b_row.insert(&*txn).await.expect("B writes");
            // B fails after writing: dropped without commit.
        }
    });
    until_waiting(1).await;
    let (c_id, c_row) = organisation("C");
    let c = tokio::spawn({
        let conn = conn.clone();
        async move {
            let txn = begin_grouped(&conn).await.expect("C begins");
            c_row.insert(&*txn).await.expect("C writes");
            txn.commit().await
        }
    });
    until_waiting(2).await;

    // Nothing of A's is visible to others until the group commits.
    let before_commit = exists(&conn, a_id).await;
    a.commit().await.expect("A is acknowledged");
    b.await.expect("B ran");
    c.await.expect("C ran").expect("C is acknowledged");

    assert!(!before_commit, "A's write was visible before its commit");
    assert!(exists(&conn, a_id).await, "A acknowledged but missing");
    assert!(!exists(&conn, b_id).await, "B failed but was stored");
    assert!(exists(&conn, c_id).await, "C acknowledged but missing");

    // A group left open by a writer that failed last is still committed for those before it.
    let d = begin_grouped(&conn).await.expect("D begins");
    let (d_id, d_row) = organisation("D");
    d_row.insert(&*d).await.expect("D writes");
    let (e_id, e_row) = organisation("E");
    let e = tokio::spawn({
        let conn = conn.clone();
        async move {
            let txn = begin_grouped(&conn).await.expect("E begins");
            e_row.insert(&*txn).await.expect("E writes");
        }
    });
    until_waiting(1).await;
    d.commit().await.expect("D is acknowledged");
    e.await.expect("E ran");
    assert!(exists(&conn, d_id).await, "D acknowledged but missing");
    assert!(!exists(&conn, e_id).await, "E failed but was stored");

    // A plain writer after a group finds everything committed and the lock free.
    let plain = app::ssr::writes::begin_write(&conn)
        .await
        .expect("plain begins");
    let (f_id, f_row) = organisation("F");
    f_row.insert(&*plain).await.expect("F writes");
    plain.commit().await.expect("F is acknowledged");
    assert!(exists(&conn, f_id).await);

    let _ = std::fs::remove_file(&file);
}
