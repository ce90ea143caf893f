//! The browser's files are named by their build: pages link into the current build's folder,
//! its files may be kept for good, and pages themselves are never kept. A phone that has been
//! here once asks again for nothing but the page.

use reqwest::StatusCode;
use reqwest::header::CACHE_CONTROL;
use samverkan_server::assets::FOREVER;

mod common;

use common::*;

/// Every `attr="…"` value in `html`.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| html[at + needle.len()..].split('"').next())
        .collect()
}

#[tokio::test]
async fn pages_link_the_current_builds_files_which_are_kept_for_good() {
    for (backend, app) in apps().await {
        app.sign_in("coordinator@example.org").await;
        let build = format!("/pkg/{TEST_BUILD}/");
        for path in ["/sign-in", "/", "/picture", "/incidents/new"] {
            let page = app.client.get(app.url(path)).send().await.unwrap();
            assert_eq!(page.status(), StatusCode::OK, "{backend}: {path}");
            assert_eq!(
                page.headers()[CACHE_CONTROL],
                "no-store",
                "{backend}: {path}"
            );
            let html = page.text().await.unwrap();
            let code: Vec<&str> = values(&html, "href")
                .into_iter()
                .chain(values(&html, "src"))
                .filter(|link| link.starts_with("/pkg/"))
                .collect();
            for name in ["samverkan.css", "samverkan.js", "samverkan_bg.wasm"] {
                assert!(
                    code.contains(&format!("{build}{name}").as_str()),
                    "{backend}: {path} links {name} in its build: {code:?}"
                );
            }
            assert!(
                code.iter().all(|link| link.starts_with(&build)),
                "{backend}: {path}: nothing outside the build: {code:?}"
            );
            assert!(
                html.contains(&format!("from \"{build}samverkan.js\"")),
                "{backend}: {path}: the hydration script loads this build's module"
            );
            // The nonce belongs to scripts; a link's `crossorigin` is a mode.
            for mode in values(&html, "crossorigin") {
                assert_eq!(mode, "anonymous", "{backend}: {path}");
            }
        }

        let css = app.client.get(app.url(TEST_CSS_PATH)).send().await.unwrap();
        assert_eq!(css.status(), StatusCode::OK, "{backend}");
        assert_eq!(css.headers()[CACHE_CONTROL], FOREVER, "{backend}");
        assert_eq!(css.text().await.unwrap(), TEST_CSS, "{backend}");

        // A file this build does not have: not found, and not remembered as missing.
        for missing in [
            format!("/pkg/{TEST_BUILD}/samverkan.js.map"),
            "/pkg/samverkan.css".to_owned(),
            "/pkg/ffffffffffffffff/samverkan.css".to_owned(),
        ] {
            let res = app.client.get(app.url(&missing)).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend}: {missing}");
            assert_ne!(
                res.headers()
                    .get(CACHE_CONTROL)
                    .map(|v| v.to_str().unwrap()),
                Some(FOREVER),
                "{backend}: {missing}"
            );
        }
    }
}

/// The data a page hands to the browser, one entry per resource.
fn resources(html: &str) -> Vec<&str> {
    html.split("__RESOLVED_RESOURCES[")
        .skip(1)
        .filter_map(|rest| rest.split_once("] = \"").map(|(_, value)| value))
        .map(|value| value.split("\";").next().unwrap_or_default())
        .collect()
}

// Leptos runs what is inside a Suspense again until it settles: the start page made its
// resources there, and sent each of them three times (3.7 MB of HTML on ten years of data).
#[tokio::test]
async fn the_start_page_sends_each_piece_of_its_data_once() {
    for (backend, app) in apps().await {
        for (email, piece) in [
            ("coordinator@example.org", "\\\"areas\\\""),
            ("police@example.org", "\\\"late_additions\\\""),
            ("manager@example.org", "\\\"weeks\\\""),
        ] {
            let browser = app.browser();
            browser.sign_in(email).await;
            let html = browser.page("/").await;
            let sent = resources(&html);
            assert!(!sent.is_empty(), "{backend} {email}: the page's data");
            let copies = sent.iter().filter(|value| value.contains(piece)).count();
            assert_eq!(copies, 1, "{backend} {email}: {piece} sent {copies} times");
            // Short ones (an empty list) may well be alike.
            let mut long: Vec<&str> = sent.iter().copied().filter(|v| v.len() > 40).collect();
            let count = long.len();
            long.sort_unstable();
            long.dedup();
            assert_eq!(long.len(), count, "{backend} {email}: nothing sent twice");
        }
    }
}
