//! The authorization matrix: every server function, page and download × every kind of caller,
//! with the answer each must get, from the tables below. The app's own registries of server
//! functions and pages are checked against the tables, so a new one without a row fails.
//!
//! Each call is also checked against the database and the audit log (`ledger`): a refused
//! call changes nothing and records no change; an allowed call that changes something
//! records it, and completely (a creation with the record after, a deletion with the record
//! before, an update with both, and they differ).
//!
//! Columns: signed out, reporter of organisation A (police), reporter of organisation B
//! (school, convener of Hallstavik's area group), coordinator, manager, admin, a member of
//! Hallstavik's group, a reporter of the member's organisation outside the group, and a
//! handler (street and parks), who sees nothing but their organisation's work orders.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, LOCATION};

mod common;
#[path = "authorization/fixture.rs"]
mod fixture;
#[path = "authorization/hostile.rs"]
mod hostile;
#[path = "authorization/ledger.rs"]
mod ledger;
#[path = "authorization/tables.rs"]
mod tables;

use common::apps;
use fixture::{EVERYONE, Fixture, Who};
use ledger::Ledger;
use tables::{Case, Outcome, Page, pages, server_functions};

impl Outcome {
    fn status(self) -> StatusCode {
        match self {
            Outcome::K => StatusCode::OK,
            Outcome::U => StatusCode::UNAUTHORIZED,
            Outcome::F => StatusCode::FORBIDDEN,
            Outcome::N => StatusCode::NOT_FOUND,
            Outcome::S => StatusCode::SEE_OTHER,
        }
    }

    /// The body a refused server function call must carry: the same for a record that is
    /// hidden as for one that does not exist.
    fn body(self) -> Option<&'static str> {
        match self {
            Outcome::U => Some("\"Unauthorized\""),
            Outcome::F => Some("\"Forbidden\""),
            Outcome::N => Some("\"NotFound\""),
            Outcome::K | Outcome::S => None,
        }
    }
}

async fn browser_for(fx: &Fixture, case: &Case, who: Who) -> common::TestApp {
    if !case.fresh {
        return fx.browsers[&who].clone();
    }
    let browser = fx.app.browser();
    if who != Who::SignedOut {
        browser.sign_in(who.email()).await;
    }
    browser
}

/// Calls one server function as `who` and checks the answer against the tables, and what the
/// call did to the database against the audit log.
async fn check_server_function(fx: &Fixture, case: &Case, who: Who, misses: &mut Vec<String>) {
    let browser = browser_for(fx, case, who).await;
    let form = (case.form)(fx, who);
    let expected = case.expect[who.index()];
    let what = format!("{} ({}) as {who:?}", case.endpoint, case.label);
    // Redirects are pages' answers: nothing to keep a ledger of.
    let ledger = if expected == Outcome::S {
        None
    } else {
        Some(Ledger::open(&fx.app.db).await)
    };
    let res = browser
        .client
        .post(browser.url(&format!("/api/{}", case.endpoint)))
        .header(ACCEPT, "application/json")
        .form(&form)
        .send()
        .await
        .expect("request");
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    if status != expected.status() || expected.body().is_some_and(|b| b != body) {
        misses.push(format!(
            "{what}: expected {expected:?}, got {status} {body:.200}"
        ));
    }
    if let Some(ledger) = ledger {
        ledger.close(&fx.app.db, expected, &what, misses).await;
    }
}

async fn check_page(fx: &Fixture, page: &Page, who: Who, misses: &mut Vec<String>) {
    let browser = &fx.browsers[&who];
    let path = page
        .path
        .map_or_else(|| page.route.to_owned(), |path| path(fx));
    let res = browser
        .client
        .get(browser.url(&path))
        .send()
        .await
        .expect("request");
    let expected = page.expect[who.index()];
    let status = res.status();
    let to_sign_in = res
        .headers()
        .get(LOCATION)
        .and_then(|l| l.to_str().ok())
        .is_some_and(|l| l.starts_with("/sign-in"));
    if status != expected.status() || (expected == Outcome::S && !to_sign_in) {
        misses.push(format!(
            "GET {} as {who:?}: expected {expected:?}, got {status}",
            page.route
        ));
    }
}

#[tokio::test]
async fn every_caller_gets_exactly_the_access_the_tables_give() {
    for (backend, app) in apps().await {
        let fx = Fixture::new(app).await;
        let mut misses = Vec::new();
        let (cases, pages) = (server_functions(), pages());
        for case in &cases {
            for who in EVERYONE {
                check_server_function(&fx, case, who, &mut misses).await;
            }
        }
        for page in &pages {
            for who in EVERYONE {
                check_page(&fx, page, who, &mut misses).await;
            }
        }
        println!(
            "{backend}: {} calls and {} page loads checked",
            cases.len() * EVERYONE.len(),
            pages.len() * EVERYONE.len()
        );
        assert!(
            misses.is_empty(),
            "{backend}: {} answers differ from the tables:\n{}",
            misses.len(),
            misses.join("\n")
        );
    }
}

#[tokio::test]
async fn hostile_input_gets_a_4xx_stores_nothing_when_refused_and_is_shown_escaped() {
    for (backend, app) in apps().await {
        let fx = Fixture::new(app).await;
        let cases = server_functions();
        let mut misses = Vec::new();
        hostile::every_field_of_every_call(&fx, &cases, &mut misses).await;
        hostile::whole_bodies(&fx, &cases, &mut misses).await;
        hostile::stored_text_is_escaped(&fx, &mut misses).await;
        assert!(
            misses.is_empty(),
            "{backend}: {} answers to hostile input went wrong:\n{}",
            misses.len(),
            misses.join("\n")
        );
    }
}

#[test]
fn every_server_function_has_a_row() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let tabled: BTreeSet<String> = server_functions()
        .iter()
        .map(|c| c.endpoint.to_owned())
        .collect();
    assert!(registered.len() > 40, "the registry lists {registered:?}");
    let missing: Vec<_> = registered.difference(&tabled).collect();
    let stale: Vec<_> = tabled.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row: {missing:?}"
    );
    assert!(stale.is_empty(), "rows for no server function: {stale:?}");
}

#[tokio::test]
async fn every_page_has_a_row() {
    let routes: BTreeSet<String> = samverkan_server::startup::routes()
        .iter()
        .map(|r| tables::leptos_style(r.path()))
        .collect();
    let tabled: BTreeSet<String> = pages().iter().map(|p| p.route.to_owned()).collect();
    let missing: Vec<_> = routes.difference(&tabled).collect();
    assert!(missing.is_empty(), "pages without a row: {missing:?}");
    // The rest of the table are the server's own downloads.
    for extra in tabled.difference(&routes) {
        assert!(
            tables::DOWNLOADS.contains(&extra.as_str()),
            "a row for no page: {extra}"
        );
    }
}

/// Server functions that cannot be called without an argument: the record they act on, or
/// what was typed into a sign-in or language form. Every other one must accept an empty body,
/// which is what the browser sends when every argument is empty (`None`, an empty filter).
const NEED_AN_ARGUMENT: [&str; 36] = [
    "actions/get",
    "actions/state",
    "admin/retire",
    "admin/routing",
    "auth/sign-in",
    "contacts/deactivate",
    "contacts/reactivate",
    "groups/get",
    "groups/member",
    "incidents/get",
    "meetings/action",
    "meetings/action-edit",
    "meetings/action-remove",
    "meetings/attendance",
    "meetings/cancel",
    "meetings/get",
    "meetings/guests",
    "meetings/item",
    "meetings/item-edit",
    "meetings/item-remove",
    "meetings/move",
    "meetings/people-attendance",
    "meetings/plan",
    "meetings/rating",
    "meetings/review",
    "meetings/step",
    "prefs/language",
    "walks/form",
    "walks/get",
    "walks/orders",
    "walks/remove-observation",
    "walks/restore-observation",
    "walks/state",
    "work-orders/draft",
    "work-orders/get",
    "work-orders/step",
];

#[tokio::test]
async fn only_functions_that_need_an_argument_refuse_an_empty_body() {
    let (_, app) = apps().await.into_iter().next().expect("an app");
    let browser = app.browser();
    // Signed in, as the hydrated app calls them: the body is read only after the session.
    browser.sign_in("coordinator@example.org").await;
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    // Signing out last keeps the session for the others.
    paths.sort_by_key(|p| p.ends_with("auth/sign-out"));
    let mut refused = BTreeSet::new();
    for path in paths {
        let res = browser
            .client
            .post(browser.url(path))
            .header(ACCEPT, "application/json")
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body("")
            .send()
            .await
            .expect("request");
        if res.status() == StatusCode::BAD_REQUEST {
            refused.insert(path.trim_start_matches("/api/").to_owned());
        }
    }
    let expected: BTreeSet<String> = NEED_AN_ARGUMENT.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(refused, expected, "functions refusing an empty body");
}
