//! A page never waits forever while another server starts in the same process.
//!
//! Finding the app's routes renders it with resource loading switched off for the whole
//! process (a Leptos-wide flag). Servers used to find them each time they built their router,
//! so a page rendering on another server at that moment waited for its data forever: a
//! manager's `/picture` once gave no answer for 30 s. The routes are now found once
//! (`startup::routes`). In a binary of its own, so the only routers built are this test's.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::StatusCode;

mod common;
use common::*;

const ROUNDS: usize = 100;
/// A page takes milliseconds: anything near this is a stall, named at once.
const BOUND: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "current_thread")]
async fn pages_beside_files_never_stall_while_other_servers_build_their_routers() {
    let (_, app) = apps().await.remove(0);
    let manager = app.browser();
    let coordinator = app.browser();
    assert_eq!(
        manager.sign_in("manager@example.org").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        coordinator
            .sign_in("coordinator@example.org")
            .await
            .status(),
        StatusCode::OK
    );
    let visitor = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let file_url = app.url(TEST_CSS_PATH);

    // Another thread keeps building routers, as the other tests of a binary do when they
    // start their servers.
    let stop = Arc::new(AtomicBool::new(false));
    let builder = {
        let (url, stop) = (app.database_url.clone(), stop.clone());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let state = samverkan_server::build_state(&config(url))
                    .await
                    .expect("state");
                while !stop.load(Ordering::Relaxed) {
                    drop(samverkan_server::startup::router(state.clone()));
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            });
        })
    };

    for round in 0..ROUNDS {
        let files: Vec<_> = (0..5)
            .map(|_| tokio::spawn(visitor.get(&file_url).send()))
            .collect();
        for (who, path, expected) in [
            (&manager, "/picture", StatusCode::FORBIDDEN),
            (&manager, "/dashboard", StatusCode::OK),
            (&coordinator, "/picture", StatusCode::OK),
        ] {
            let status = tokio::time::timeout(BOUND, async {
                let res = who.client.get(who.url(path)).send().await?;
                let status = res.status();
                res.text().await?;
                Ok::<_, reqwest::Error>(status)
            })
            .await
            .unwrap_or_else(|_| panic!("round {round}: {path} gave no answer within {BOUND:?}"))
            .expect("page");
            assert_eq!(status, expected, "round {round}: {path}");
        }
        for file in files {
            let file = tokio::time::timeout(BOUND, file)
                .await
                .unwrap_or_else(|_| panic!("round {round}: a file stalled"))
                .expect("task")
                .expect("file");
            assert_eq!(file.status(), StatusCode::OK, "round {round}");
            assert_eq!(file.text().await.expect("body"), TEST_CSS, "round {round}");
        }
    }
    stop.store(true, Ordering::Relaxed);
    builder.join().expect("router builder");
}
