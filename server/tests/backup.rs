//! `samverkan backup` while reporters log at full speed, and `samverkan restore` of that
//! backup: the copy is whole and of one moment, the restore puts exactly it back, keeps the
//! database it replaced, and the server runs on the restored one. Restore refuses a database
//! in use and a file that is not a backup, and changes nothing then.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod common;

use common::process::{Logged, Served, incident, log_until_gone, reporters, samverkan};

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "samverkan-{name}-{}",
        uuid::Uuid::now_v7().simple()
    ))
}

fn run(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samverkan"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run samverkan")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

async fn incidents(url: &str) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let db = app::ssr::db::connect(url).await.expect("connect");
    let n = app::ssr::entities::incident::Entity::find()
        .count(&db)
        .await
        .expect("count");
    db.close().await.expect("close");
    n
}

fn file_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_load_restores_to_exactly_what_it_held() {
    let live = temp("live.db");
    let url = file_url(&live);
    assert!(samverkan(&url, &["migrate"]).success());
    assert!(samverkan(&url, &["demo-data"]).success());
    // The recent incidents and the history before them (how many depends on today's date).
    let demo = incidents(&url).await;
    assert!(demo > app::ssr::demo::RECENT_INCIDENTS as u64);
    let backup = temp("backup.db");
    let backup_arg = backup.to_string_lossy().into_owned();

    // Back up while eight reporters log as fast as the server answers.
    let mut served = Served::start(&url).await;
    let clients = reporters(&served.base, 8).await;
    let form = incident(&served.base, &clients[0]).await;
    let logged = Arc::new(Mutex::new(Logged::default()));
    let load = tokio::spawn({
        let (base, clients, form, logged) = (
            served.base.clone(),
            clients.clone(),
            form.clone(),
            logged.clone(),
        );
        async move { log_until_gone(&base, &clients, &form, &logged).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let acknowledged_before = logged.lock().expect("logged").acknowledged.len();
    let made = tokio::task::spawn_blocking({
        let (url, arg) = (url.clone(), backup_arg.clone());
        move || run(&url, &["backup", &arg])
    })
    .await
    .expect("backup ran");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused_while_running = run(&url, &["restore", &backup_arg]);
    served.terminate(Duration::from_secs(15));
    load.await.expect("reporters");
    assert!(made.status.success(), "backup: {}", text(&made));
    assert!(text(&made).contains("backup written"), "{}", text(&made));

    assert!(!refused_while_running.status.success());
    assert!(
        text(&refused_while_running).contains("in use"),
        "{}",
        text(&refused_while_running)
    );

    let logged = std::mem::take(&mut *logged.lock().expect("logged"));
    assert_eq!(logged.server_errors, 0);
    let in_backup = incidents(&file_url(&backup)).await;
    let in_live = incidents(&url).await;
    assert!(
        in_backup >= demo + acknowledged_before as u64,
        "backup misses acknowledged rows"
    );
    assert!(in_live > in_backup, "the load went on after the backup");
    assert_eq!(in_live, demo + logged.acknowledged.len() as u64);

    // A second backup to the same name is refused; the first is untouched.
    let again = run(&url, &["backup", &backup_arg]);
    assert!(!again.status.success());
    assert!(text(&again).contains("exists already"));

    // Restore: exactly the backup comes back, the replaced database is kept.
    let restored = run(&url, &["restore", &backup_arg]);
    assert!(restored.status.success(), "restore: {}", text(&restored));
    assert_eq!(incidents(&url).await, in_backup);
    let kept = std::fs::read_dir(live.parent().expect("dir"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.to_string_lossy()
                .starts_with(&format!("{}.before-restore-", live.display()))
        })
        .expect("the replaced database is kept");
    assert_eq!(incidents(&file_url(&kept)).await, in_live);

    // The server runs on the restored database, and the reporters' sessions of the backup's
    // moment still work.
    let served = Served::start(&url).await;
    let list = clients[0]
        .post(format!("{}/api/incidents/list", served.base))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&[("filter[week]", "")])
        .send()
        .await
        .expect("list");
    assert_eq!(list.status(), reqwest::StatusCode::OK);
}

#[tokio::test]
async fn restoring_a_file_that_is_no_backup_changes_nothing() {
    let live = temp("live.db");
    let url = file_url(&live);
    assert!(samverkan(&url, &["migrate"]).success());
    assert!(samverkan(&url, &["demo-data"]).success());
    let demo = incidents(&url).await;
    let junk = temp("junk.db");
    std::fs::write(&junk, b"not a database at all, just text").expect("write");
    let out = run(&url, &["restore", &junk.to_string_lossy()]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("nothing was restored"),
        "{}",
        text(&out)
    );
    assert_eq!(incidents(&url).await, demo);

    let missing = run(&url, &["restore", "/no/such/backup.db"]);
    assert!(!missing.status.success());
    assert_eq!(incidents(&url).await, demo);

    let postgres = run(
        "postgres://postgres@127.0.0.1:5432/x",
        &["backup", "/tmp/x"],
    );
    assert!(!postgres.status.success());
    assert!(text(&postgres).contains("pg_dump"), "{}", text(&postgres));
}
