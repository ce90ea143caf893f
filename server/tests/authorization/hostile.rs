//! Hostile input into every server function of the matrix: each field of each call in turn
//! replaced by script tags, SQL fragments, a right-to-left override, a NUL, 100 KB of text;
//! whole bodies that are binary, not UTF-8, nested too deep or too large. Every answer is a
//! 2xx or a 4xx, never a 5xx; a refused call stores nothing; and what was stored comes back
//! escaped in the pages that show it.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::fixture::{EVERYONE, Fixture, Who};
use crate::tables::{Case, Outcome};

pub const SCRIPT: &str = "<script>alert('samverkan')</script>";

fn values() -> Vec<String> {
    vec![
        SCRIPT.to_owned(),
        "'; DROP TABLE incidents; --".to_owned(),
        "\u{202E}gpj.exe Torget".to_owned(),
        "Torget\u{0}".to_owned(),
        "Ä".repeat(50_000),
        "%00%ff\\x00{{}}[[]]".to_owned(),
    ]
}

/// Rows in every table that a refused call must leave alone (sessions and the audit log grow
/// with sign-ins and refusals; the kept counts follow the incidents).
pub async fn rows(db: &DatabaseConnection) -> Vec<(String, i64)> {
    let backend = db.get_database_backend();
    let list = match backend {
        DbBackend::Postgres => {
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' \
             ORDER BY table_name"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    };
    let tables = db
        .query_all_raw(Statement::from_string(backend, list))
        .await
        .expect("tables");
    let mut counts = Vec::new();
    for t in tables {
        let name: String = t.try_get_by_index(0).expect("name");
        if ["sessions", "audit_events", "sqlite_sequence"].contains(&name.as_str())
            || name.ends_with("_counts")
        {
            continue;
        }
        let n: i64 = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) FROM \"{name}\""),
            ))
            .await
            .expect("count")
            .expect("row")
            .try_get_by_index(0)
            .expect("n");
        counts.push((name, n));
    }
    counts
}

/// The first caller the table lets through (a refusal would stop before the fields are read).
fn allowed(case: &Case) -> Who {
    EVERYONE
        .into_iter()
        .find(|w| case.expect[w.index()] == Outcome::K && *w != Who::SignedOut)
        .unwrap_or(Who::SignedOut)
}

pub async fn every_field_of_every_call(fx: &Fixture, cases: &[Case], misses: &mut Vec<String>) {
    for case in cases.iter().filter(|c| !c.fresh) {
        let who = allowed(case);
        let browser = &fx.browsers[&who];
        let form = (case.form)(fx, who);
        for field in 0..form.len() {
            for value in values() {
                let mut hostile = form.clone();
                hostile[field].1 = value.clone();
                let before = rows(&fx.app.db).await;
                let res = browser
                    .client
                    .post(browser.url(&format!("/api/{}", case.endpoint)))
                    .header(ACCEPT, "application/json")
                    .form(&hostile)
                    .send()
                    .await
                    .expect("request");
                let status = res.status();
                let body = res.text().await.unwrap_or_default();
                let what = format!(
                    "{} ({}) {}={:.40?} as {who:?}",
                    case.endpoint, case.label, hostile[field].0, value
                );
                if status.is_server_error() {
                    misses.push(format!("{what}: {status} {body:.200}"));
                } else if status.is_client_error() && rows(&fx.app.db).await != before {
                    misses.push(format!(
                        "{what}: refused with {status} but stored something"
                    ));
                }
                if body.contains("DbErr") || body.contains("SQL") || body.contains("panicked") {
                    misses.push(format!("{what}: internals in the answer: {body:.200}"));
                }
            }
        }
    }
}

pub async fn whole_bodies(fx: &Fixture, cases: &[Case], misses: &mut Vec<String>) {
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        (
            "not UTF-8",
            b"description=\xff\xfe\xfd&id=\xc3\x28".to_vec(),
        ),
        ("binary", (0u8..=255).cycle().take(4096).collect()),
        ("nested too deep", b"a[b][c][d][e][f][g][h]=1".to_vec()),
        ("only separators", b"&&&===&=&".to_vec()),
        (
            "over the limit",
            [b"description=".as_slice(), &vec![b'a'; 300 * 1024]].concat(),
        ),
    ];
    let browser = &fx.browsers[&Who::Coordinator];
    for case in cases.iter().filter(|c| !c.fresh) {
        for (label, body) in &bodies {
            let before = rows(&fx.app.db).await;
            let res = browser
                .client
                .post(browser.url(&format!("/api/{}", case.endpoint)))
                .header(ACCEPT, "application/json")
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body.clone())
                .send()
                .await
                .expect("request");
            let status = res.status();
            if status.is_server_error() {
                misses.push(format!("{} with a {label} body: {status}", case.endpoint));
            }
            if *label == "over the limit" && status != StatusCode::PAYLOAD_TOO_LARGE {
                misses.push(format!("{} with a {label} body: {status}", case.endpoint));
            }
            if status.is_client_error() && rows(&fx.app.db).await != before {
                misses.push(format!(
                    "{} with a {label} body stored something",
                    case.endpoint
                ));
            }
        }
    }
}

/// The pages that show what the calls above stored never carry the script tag as markup.
pub async fn stored_text_is_escaped(fx: &Fixture, misses: &mut Vec<String>) {
    let mut shown_escaped = 0;
    let pages = [
        (Who::Coordinator, "/incidents".to_owned()),
        (Who::Coordinator, "/directory".to_owned()),
        (Who::Coordinator, "/groups".to_owned()),
        (Who::Coordinator, format!("/groups/{}", fx.group)),
        (Who::Coordinator, "/actions?scope=all".to_owned()),
        (Who::Coordinator, format!("/meetings/{}", fx.group_meeting)),
        (
            Who::Coordinator,
            format!("/meetings/{}/minutes", fx.group_meeting),
        ),
        (Who::Coordinator, "/meetings".to_owned()),
        (Who::Coordinator, "/audit".to_owned()),
        // The order reporter B marked done: the note typed then is shown on its page.
        (
            Who::Coordinator,
            format!("/work-orders/{}", fx.own[&Who::ReporterB].to_finish),
        ),
        (Who::Admin, "/admin".to_owned()),
    ];
    for (who, path) in pages {
        let browser = &fx.browsers[&who];
        let html = browser
            .client
            .get(browser.url(&path))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .unwrap_or_default();
        if html.contains(SCRIPT) {
            misses.push(format!(
                "{path}: the stored script tag is in the page unescaped"
            ));
        }
        shown_escaped += usize::from(html.contains("&lt;script&gt;alert("));
    }
    // Some calls accept the tag as text (a meeting's agenda, a contact's unit): it is shown.
    if shown_escaped == 0 {
        misses.push("no page shows the stored script tag at all: nothing was checked".into());
    }
}
