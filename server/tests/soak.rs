//! The soak test: 100 simulated users at once for 60 s (`SOAK_SECONDS` to change it), on
//! loopback, mixing what each role does all day: reporters log incidents and read the list and
//! the picture, coordinators read the picture, the dashboard and the meetings, managers the
//! dashboard. Not one 5xx, not one failed request, and every acknowledged incident is stored.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use reqwest::header::ACCEPT;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tokio::sync::Mutex;

mod common;

use common::{TestApp, apps, as_pairs, incident_form};

#[derive(Default)]
struct Tally {
    requests: AtomicU64,
    server_errors: AtomicU64,
    failures: AtomicU64,
    acknowledged: Mutex<Vec<uuid::Uuid>>,
}

#[derive(Clone, Copy)]
enum Kind {
    Reporter,
    Coordinator,
    Manager,
}

/// One request; its outcome is counted.
async fn request(tally: &Tally, req: reqwest::RequestBuilder) -> Option<(u16, String)> {
    tally.requests.fetch_add(1, Ordering::Relaxed);
    let res = match req.send().await {
        Ok(res) => res,
        Err(_) => {
            tally.failures.fetch_add(1, Ordering::Relaxed);
            return None;
        }
    };
    let status = res.status().as_u16();
    if status >= 500 {
        tally.server_errors.fetch_add(1, Ordering::Relaxed);
    }
    let body = res.text().await.unwrap_or_default();
    Some((status, body))
}

async fn user(app: TestApp, kind: Kind, seed: u64, until: Instant, tally: Arc<Tally>) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let form = incident_form(&app, "Klotter på elskåpet vid gångtunneln.").await;
    let pages: &[&str] = match kind {
        Kind::Reporter => &["/", "/incidents", "/picture", "/actions"],
        Kind::Coordinator => &["/picture", "/dashboard", "/meetings", "/reports/overview"],
        Kind::Manager => &["/dashboard", "/", "/groups"],
    };
    while Instant::now() < until {
        let write = matches!(kind, Kind::Reporter) && rng.gen_bool(0.4);
        if write {
            let req = app
                .client
                .post(app.url("/api/incidents/save"))
                .header(ACCEPT, "application/json")
                .form(&as_pairs(&form));
            if let Some((200, body)) = request(&tally, req).await
                && let Ok(id) = serde_json::from_str::<String>(&body)
                && let Ok(id) = id.parse()
            {
                tally.acknowledged.lock().await.push(id);
            }
        } else {
            let page = pages[rng.gen_range(0..pages.len())];
            request(&tally, app.client.get(app.url(page))).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_users_for_a_minute_get_no_server_error_and_lose_no_write() {
    let seconds: u64 = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    for (backend, app) in apps().await {
        let mut browsers = Vec::new();
        for i in 0..100u64 {
            let (kind, email) = match i % 10 {
                0 => (Kind::Coordinator, "coordinator@example.org"),
                1 => (Kind::Manager, "manager@example.org"),
                2..=5 => (Kind::Reporter, "police@example.org"),
                _ => (Kind::Reporter, "school@example.org"),
            };
            let browser = app.browser();
            assert_eq!(browser.sign_in(email).await.status(), 200, "{backend}");
            browsers.push((browser, kind, i));
        }
        let tally = Arc::new(Tally::default());
        let until = Instant::now() + Duration::from_secs(seconds);
        let users: Vec<_> = browsers
            .into_iter()
            .map(|(browser, kind, seed)| {
                tokio::spawn(user(browser, kind, seed, until, tally.clone()))
            })
            .collect();
        for u in users {
            u.await.expect("a user ran to the end");
        }

        let acknowledged = tally.acknowledged.lock().await.clone();
        let mut stored = 0;
        for chunk in acknowledged.chunks(500) {
            stored += app::ssr::entities::incident::Entity::find()
                .filter(app::ssr::entities::incident::Column::Id.is_in(chunk.to_vec()))
                .count(&app.db)
                .await
                .expect("count");
        }
        let requests = tally.requests.load(Ordering::Relaxed);
        println!(
            "{backend}: {requests} requests in {seconds} s, {} incidents logged",
            acknowledged.len()
        );
        assert!(requests > 100, "{backend}: the users did next to nothing");
        assert!(
            !acknowledged.is_empty(),
            "{backend}: no write was acknowledged"
        );
        assert_eq!(
            tally.server_errors.load(Ordering::Relaxed),
            0,
            "{backend}: 5xx"
        );
        assert_eq!(
            tally.failures.load(Ordering::Relaxed),
            0,
            "{backend}: failed requests"
        );
        assert_eq!(stored, acknowledged.len() as u64, "{backend}: lost writes");
    }
}
