//! Long lists as a browser gets them, with or without JavaScript: a page at a time with a
//! link on, and the start page counting what the list shows rather than carrying it.

use reqwest::StatusCode;

mod common;

use common::*;

/// The titles in an action table's rows, in order.
fn titles(html: &str) -> Vec<String> {
    html.split("data-label=\"Rubrik\"")
        .skip(1)
        .filter_map(|cell| {
            let link = cell.split_once("href=\"/actions/")?.1;
            let text = link.split_once('>')?.1;
            // Leptos marks the end of a text it may replace with `<!>`.
            Some(text.split_once("</a>")?.0.replace("<!>", ""))
        })
        .collect()
}

/// The `href` of the link marked `rel="next"`.
fn next_link(html: &str) -> Option<String> {
    let before = html.split_once("rel=\"next\"")?.0;
    let href = before.rsplit_once("href=\"")?.1;
    Some(href.split_once('"')?.0.replace("&amp;", "&"))
}

async fn open_actions(app: &TestApp) -> u64 {
    let res = app.call("actions/overview", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let overview: serde_json::Value = res.json().await.expect("json");
    overview["open"].as_u64().expect("open")
}

/// Creates an action for Polisen Norrtälje per title, all due later than anything the demo
/// data has due (the end of the lists); returns the police's organisation id.
async fn police_actions(
    coordinator: &TestApp,
    backend: &str,
    titles: impl Iterator<Item = String>,
) -> String {
    let police = id_of(
        &coordinator.reference().await,
        "organisations",
        "Polisen Norrtälje",
    );
    let due = (app::ssr::time::now_local() + chrono::TimeDelta::days(300))
        .format("%Y-%m-%d")
        .to_string();
    for title in titles {
        let res = coordinator
            .call(
                "actions/create",
                &[
                    ("title", title.as_str()),
                    ("owner_organisation_id", &police),
                    ("due", &due),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend} {title}");
    }
    police
}

#[tokio::test]
async fn fifty_five_more_actions_come_fifty_at_a_time_and_the_start_page_counts_them() {
    for (backend, app) in apps().await {
        let coordinator = app.browser();
        coordinator.sign_in("coordinator@example.org").await;
        let before = open_actions(&coordinator).await;
        police_actions(
            &coordinator,
            backend,
            (0..55).map(|i| format!("Långlista {i:02}")),
        )
        .await;
        let open = before + 55;
        assert_eq!(open_actions(&coordinator).await, open, "{backend}");

        // The start page says how many; it names none of them (none is overdue), and the list
        // itself is not sent along.
        let home = coordinator.page("/").await;
        assert!(
            home.contains(&format!("{open} öppna åtgärder")),
            "{backend}: the count"
        );
        assert!(
            !home.contains("Långlista"),
            "{backend}: the list came along"
        );

        // Without JavaScript: fifty rows and a link on, then the rest and a way back.
        let first = coordinator.page("/actions").await;
        assert!(
            first.contains(&format!("{open} åtgärder · 50 per sida")),
            "{backend}"
        );
        let page_one = titles(&first);
        assert_eq!(page_one.len(), 50, "{backend}");
        let next = next_link(&first).expect("a link to the next page");
        assert!(next.starts_with("/actions?after="), "{backend}: {next}");
        assert!(!first.contains("Till början av listan"));
        let second = coordinator.page(&next).await;
        let page_two = titles(&second);
        assert_eq!(page_two.len() as u64, open - 50, "{backend}");
        assert_eq!(next_link(&second), None, "{backend}: the last page");
        assert!(second.contains("Till början av listan"), "{backend}");
        // Each of the 55 once, in the order they were created (same day, ids in order).
        let ours: Vec<String> = page_one
            .iter()
            .chain(&page_two)
            .filter(|t| t.starts_with("Långlista"))
            .cloned()
            .collect();
        let expected: Vec<String> = (0..55).map(|i| format!("Långlista {i:02}")).collect();
        assert_eq!(ours, expected, "{backend}");

        // A cursor the server did not make is refused, not guessed at.
        let res = coordinator
            .call("actions/list", &[("after", "2026-02-30_nonsense")])
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{backend}");
    }
}

/// The carried-over actions' titles on a meeting page, in order.
fn carried_titles(html: &str, prefix: &str) -> Vec<String> {
    html.split("href=\"/actions/")
        .skip(1)
        .filter_map(|link| {
            let text = link.split_once('>')?.1.split_once("</a>")?.0;
            Some(text.replace("<!>", ""))
        })
        .filter(|t| t.starts_with(prefix))
        .collect()
}

#[tokio::test]
async fn a_meeting_page_lists_a_few_of_each_owners_actions_and_all_on_request() {
    for (backend, app) in apps().await {
        let coordinator = app.browser();
        coordinator.sign_in("coordinator@example.org").await;
        let police = police_actions(
            &coordinator,
            backend,
            (0..8).map(|i| format!("Mötesrad {i}")),
        )
        .await;
        // The weekly series' next meeting: it carries every open action of no group.
        let series: serde_json::Value = coordinator
            .call("meetings/series", &[])
            .await
            .json()
            .await
            .expect("json");
        let weekly = &series[0];
        let res = coordinator
            .call(
                "meetings/plan",
                &[("series_id", weekly["id"].as_str().expect("id"))],
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend}");
        let meeting: String = res.json().await.expect("json");
        let data: serde_json::Value = coordinator
            .call("meetings/get", &[("id", meeting.as_str())])
            .await
            .json()
            .await
            .expect("json");
        let group = data["carried"]
            .as_array()
            .expect("carried")
            .iter()
            .find(|g| g["owner_id"] == police.as_str())
            .expect("the police's group")
            .clone();
        let total = group["total"].as_u64().expect("total");
        let listed = group["actions"].as_array().expect("actions").len();
        assert!(total >= 8, "{backend}");
        assert_eq!(listed, shared::meeting::CARRIED_SHOWN, "{backend}");

        // Without JavaScript: a few, how many there are, and the way to all of them.
        let page = coordinator
            .page(&format!("/meetings/{meeting}"))
            .await
            .replace("<!>", "");
        assert!(
            page.contains(&format!("Visar {listed} av {total}")),
            "{backend}"
        );
        let all = format!("/meetings/{meeting}?owner={police}#owner-{police}");
        assert!(page.contains(&format!("href=\"{all}\"")), "{backend}");
        assert!(
            page.contains(&format!("Visa alla {total} åtgärder för Polisen Norrtälje")),
            "{backend}"
        );
        assert!(
            carried_titles(&page, "Mötesrad").len() < 8,
            "{backend}: not every one"
        );
        let page = coordinator
            .page(&format!("/meetings/{meeting}?owner={police}"))
            .await
            .replace("<!>", "");
        let expected: Vec<String> = (0..8).map(|i| format!("Mötesrad {i}")).collect();
        assert_eq!(carried_titles(&page, "Mötesrad"), expected, "{backend}");
        assert!(
            page.contains("Visa färre åtgärder för Polisen Norrtälje"),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_meetings_page_lists_the_latest_of_a_series_and_all_on_request() {
    for (backend, app) in apps().await {
        let coordinator = app.browser();
        coordinator.sign_in("coordinator@example.org").await;
        let series: serde_json::Value = coordinator
            .call("meetings/series", &[])
            .await
            .json()
            .await
            .expect("json");
        let id = series[0]["id"].as_str().expect("id").to_owned();
        let name = series[0]["name"].as_str().expect("name").to_owned();
        for _ in 0..shared::meeting::MEETINGS_HELD_SHOWN + 2 {
            let res = coordinator
                .call("meetings/plan", &[("series_id", id.as_str())])
                .await;
            let planned: String = res.json().await.expect("json");
            let res = coordinator
                .call("meetings/cancel", &[("id", planned.as_str())])
                .await;
            assert_eq!(res.status(), StatusCode::OK, "{backend}");
        }
        let data: serde_json::Value = coordinator
            .call("meetings/series", &[])
            .await
            .json()
            .await
            .expect("json");
        let total = data[0]["meetings_total"].as_u64().expect("total");
        let listed = data[0]["meetings"].as_array().expect("meetings").len() as u64;
        assert!(listed < total, "{backend}: {listed} of {total}");

        // Links to meetings (the calendar feed's is not one).
        let meeting_links = |html: &str| {
            html.matches("href=\"/meetings/").count()
                - html.matches("href=\"/meetings/feed").count()
        };
        let page = coordinator.page("/meetings").await.replace("<!>", "");
        assert!(
            page.contains(&format!("Visar {listed} av {total}")),
            "{backend}"
        );
        let all = format!("/meetings?series={id}#series-{id}");
        assert!(page.contains(&format!("href=\"{all}\"")), "{backend}");
        assert!(
            page.contains(&format!("Visa alla {total} möten i {name}")),
            "{backend}"
        );
        assert_eq!(meeting_links(&page) as u64, listed, "{backend}");
        let page = coordinator
            .page(&format!("/meetings?series={id}"))
            .await
            .replace("<!>", "");
        assert_eq!(meeting_links(&page) as u64, total, "{backend}");
        assert!(
            page.contains(&format!("Visa färre möten i {name}")),
            "{backend}"
        );
    }
}
