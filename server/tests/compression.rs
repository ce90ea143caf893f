//! What a phone on a weak connection receives: pages, server functions and downloads are
//! compressed as the browser accepts (brotli or gzip), identical once unpacked, and sent as
//! they are to a client that accepts neither.

use std::io::Read;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, VARY};

mod common;

use common::*;

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("gzip");
    text
}

#[tokio::test]
async fn pages_server_functions_and_downloads_go_out_compressed() {
    for (backend, app) in apps().await {
        app.sign_in("coordinator@example.org").await;
        let get = |path: &str, encoding: Option<&'static str>| {
            let mut request = app.client.get(app.url(path));
            if let Some(e) = encoding {
                request = request.header(ACCEPT_ENCODING, e);
            }
            request.send()
        };
        for path in [
            "/dashboard",
            "/incidents",
            "/dashboard/export.csv?chart=weeks",
        ] {
            let plain = get(path, None).await.unwrap();
            assert_eq!(plain.status(), StatusCode::OK, "{backend}: {path}");
            assert!(
                plain.headers().get(CONTENT_ENCODING).is_none(),
                "{backend}: {path}"
            );
            let plain = plain.bytes().await.unwrap();

            let gzip = get(path, Some("gzip")).await.unwrap();
            assert_eq!(
                gzip.headers()[CONTENT_ENCODING],
                "gzip",
                "{backend}: {path}"
            );
            assert!(
                gzip.headers()[VARY]
                    .to_str()
                    .unwrap()
                    .to_ascii_lowercase()
                    .contains("accept-encoding"),
                "{backend}: {path}: caches must keep the two apart"
            );
            let packed = gzip.bytes().await.unwrap();
            let unpacked = gunzip(&packed);
            println!(
                "{backend} {path}: {} bytes plain, {} gzip",
                plain.len(),
                packed.len()
            );
            assert!(packed.len() * 2 < plain.len(), "{backend}: {path}");
            if path.contains(".csv") {
                // A download is the same file, only packed.
                assert_eq!(unpacked.as_bytes(), &plain[..], "{backend}: {path}");
            } else {
                // A page carries a fresh CSP nonce each time: the same page otherwise.
                assert!(unpacked.contains("<h1>"), "{backend}: {path}");
                assert_eq!(unpacked.len(), plain.len(), "{backend}: {path}");
            }

            let br = get(path, Some("br, gzip")).await.unwrap();
            assert_eq!(br.headers()[CONTENT_ENCODING], "br", "{backend}: {path}");
        }
        // A server function's answer too.
        let res = app
            .client
            .post(app.url("/api/dashboard"))
            .header(ACCEPT_ENCODING, "gzip")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{backend}");
        assert_eq!(res.headers()[CONTENT_ENCODING], "gzip", "{backend}");
        let json: serde_json::Value =
            serde_json::from_str(&gunzip(&res.bytes().await.unwrap())).unwrap();
        assert_eq!(
            json["weeks"].as_array().map(Vec::len),
            Some(52),
            "{backend}"
        );
    }
}
