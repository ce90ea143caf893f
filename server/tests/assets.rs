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
