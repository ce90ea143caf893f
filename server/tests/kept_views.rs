//! The situation picture is kept and rebuilt off the request path while incidents come in:
//! whoever logs an incident sees it counted on their next read, everyone else gets the picture
//! as it was and the new one a moment later. (Its own test binary: kept views are outdated
//! process-wide.)

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;

mod common;

use common::*;

/// Rimbo's graffiti in the week of the incident form's time, as `app` reads the picture.
async fn graffiti_in_rimbo(app: &TestApp) -> u64 {
    let when = app::ssr::time::now_local() - chrono::TimeDelta::minutes(30);
    let week = shared::week::IsoWeek::of(when.date()).to_string();
    let res = app.call("picture", &[("week", week.as_str())]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let picture: Value = res.json().await.expect("picture");
    let rimbo = picture["areas"]
        .as_array()
        .and_then(|areas| areas.iter().find(|a| a["area"] == "Rimbo"))
        .expect("Rimbo");
    rimbo["categories"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["category"] == "Klotter"))
        .map_or(0, |c| c["trend"]["count"].as_u64().expect("count"))
}

#[tokio::test]
async fn a_writer_sees_their_incident_counted_at_once_and_others_a_moment_later() {
    for (backend, police) in apps().await {
        let coordinator = police.browser();
        assert!(
            police
                .sign_in("police@example.org")
                .await
                .status()
                .is_success()
        );
        assert!(
            coordinator
                .sign_in("coordinator@example.org")
                .await
                .status()
                .is_success()
        );
        let before = graffiti_in_rimbo(&coordinator).await;
        assert_eq!(
            graffiti_in_rimbo(&police).await,
            before,
            "{backend}: one kept picture"
        );

        let form = incident_form(&police, "Klotter på busskuren vid pendlarparkeringen.").await;
        let res = police.call("incidents/save", &as_pairs(&form)).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend}");

        assert_eq!(
            graffiti_in_rimbo(&coordinator).await,
            before,
            "{backend}: the coordinator gets the kept picture at once"
        );
        assert_eq!(
            graffiti_in_rimbo(&police).await,
            before + 1,
            "{backend}: the reporter sees their own incident counted"
        );
        let start = Instant::now();
        while graffiti_in_rimbo(&coordinator).await != before + 1 {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{backend}: the rebuilt picture never reached the coordinator"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
