//! HTTP tests: the real app on port 0 with a fresh database (a temporary SQLite file, and a
//! fresh PostgreSQL database when TEST_DATABASE_URL is set), driven like a browser would.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, ACCEPT_LANGUAGE, COOKIE, LOCATION, REFERER, SET_COOKIE};
use serde_json::Value;

mod common;

use common::*;

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in_and_server_functions_refuse_them() {
    for (backend, app) in apps().await {
        let res = app
            .client
            .get(app.url("/incidents?week=2026-W48"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{backend}");
        assert_eq!(
            res.headers()[LOCATION],
            "/sign-in?next=/incidents%3Fweek%3D2026-W48"
        );
        for page in ["/groups", "/directory"] {
            let res = app.client.get(app.url(page)).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "{backend} {page}");
        }
        let res = app.client.get(app.url("/sign-in")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.text().await.unwrap().contains("<html lang=\"sv\""));
        for endpoint in [
            "incidents/list",
            "incidents/save",
            "incidents/get",
            "reference",
            "places",
            "admin/area",
            "groups/list",
            "groups/get",
            "groups/create",
            "groups/member",
            "contacts/search",
            "contacts/save",
            "contacts/deactivate",
        ] {
            let res = app.call(endpoint, &[]).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{endpoint}");
            assert_eq!(res.text().await.unwrap(), "\"Unauthorized\"");
        }
    }
}

#[tokio::test]
async fn english_is_served_when_the_browser_prefers_it() {
    for (_, app) in apps().await {
        let res = app
            .client
            .get(app.url("/sign-in"))
            .header(ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
            .send()
            .await
            .unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"en\"") && html.contains("Sign in"));
    }
}

#[tokio::test]
async fn sign_in_sets_a_hardened_cookie_and_sign_out_ends_the_session_server_side() {
    for (_, app) in apps().await {
        let res = app.sign_in("police@example.org").await;
        assert_eq!(res.status(), StatusCode::OK);
        let cookie = res.headers()[SET_COOKIE].to_str().unwrap().to_owned();
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && !cookie.contains("Secure")
        );
        let pair = cookie.split(';').next().unwrap().to_owned();

        assert_eq!(
            app.call("incidents/list", &[("filter[week]", "")])
                .await
                .status(),
            StatusCode::OK
        );
        let res = app.call("auth/sign-out", &[]).await;
        assert!(
            res.headers()[SET_COOKIE]
                .to_str()
                .unwrap()
                .contains("Max-Age=0")
        );

        // Replaying the old cookie after sign-out gets nothing.
        let replay = reqwest::Client::new()
            .post(app.url("/api/incidents/list"))
            .header(COOKIE, pair)
            .form(&[("filter[week]", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    for (_, app) in apps().await {
        let wrong = app
            .call(
                "auth/sign-in",
                &[
                    ("email", "police@example.org"),
                    ("password", "wrong-password!"),
                ],
            )
            .await;
        let unknown = app
            .call(
                "auth/sign-in",
                &[
                    ("email", "nobody@example.org"),
                    ("password", "wrong-password!"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
        assert!(wrong.headers().get(SET_COOKIE).is_none());
        assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
    }
}

#[tokio::test]
async fn a_reporter_logs_an_incident_and_hostile_text_is_rendered_escaped() {
    for (backend, app) in apps().await {
        app.sign_in("police@example.org").await;
        let form = incident_form(&app, "<script>alert('x')</script> på väggen").await;
        let res = app.call("incidents/save", &as_pairs(&form)).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend}");
        let id: String = res.json().await.unwrap();

        let html = app.page(&format!("/incidents/{id}")).await;
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; på väggen")
                || html.contains("&lt;script&gt;alert('x')&lt;/script&gt; på väggen")
        );
        assert!(!html.contains("<script>alert("));
        assert!(html.contains("Pendlarparkeringen"));
    }
}

#[tokio::test]
async fn bad_input_is_a_422_naming_the_fields_and_stores_nothing() {
    for (_, app) in apps().await {
        app.sign_in("police@example.org").await;
        let mut form = incident_form(&app, "").await;
        form[0].1 = "2099-01-01T10:00".into();
        let res = app.call("incidents/save", &as_pairs(&form)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = res.json().await.unwrap();
        let fields: Vec<&str> = body["Validation"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["field"].as_str())
            .collect();
        assert_eq!(fields, ["occurred_at", "description"]);

        let garbage = app
            .call(
                "incidents/save",
                &[("youth_involved", "on"), ("id", "not-an-id")],
            )
            .await;
        assert_eq!(
            garbage.status(),
            StatusCode::NOT_FOUND,
            "editing an id that cannot exist"
        );
        let list = app
            .call("incidents/list", &[("filter[area]", "not-an-id")])
            .await;
        assert_eq!(list.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let undecodable = app.call("incidents/list", &[("filter", "[[[")]).await;
        assert_eq!(undecodable.status(), StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn without_javascript_a_refused_form_returns_to_the_page_with_the_error() {
    for (_, app) in apps().await {
        app.sign_in("police@example.org").await;
        let form = incident_form(&app, "x").await;
        let res = app
            .client
            .post(app.url("/api/incidents/save"))
            .header(ACCEPT, "text/html")
            .header(REFERER, app.url("/incidents/new"))
            .form(&as_pairs(&form))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FOUND);
        let location = res.headers()[LOCATION].to_str().unwrap().to_owned();
        assert!(
            location.starts_with(&app.url("/incidents/new?__path=")),
            "{location}"
        );
        let page = app
            .client
            .get(location)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("För kort text: minst 3 tecken."));

        let form = incident_form(&app, "Krossad ruta i väntkuren.").await;
        let res = app
            .client
            .post(app.url("/api/incidents/save"))
            .header(ACCEPT, "text/html")
            .header(REFERER, app.url("/incidents/new"))
            .form(&as_pairs(&form))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FOUND);
        assert!(
            res.headers()[LOCATION]
                .to_str()
                .unwrap()
                .ends_with("?saved=1")
        );
    }
}

#[tokio::test]
async fn managers_are_refused_incidents_and_reporters_are_refused_administration() {
    for (_, app) in apps().await {
        app.sign_in("manager@example.org").await;
        assert_eq!(
            app.call("incidents/list", &[("filter[week]", "")])
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        let form = incident_form(&app, "Krossad ruta i väntkuren.").await;
        assert_eq!(
            app.call("incidents/save", &as_pairs(&form)).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.call("incidents/week", &[]).await.status(),
            StatusCode::FORBIDDEN,
            "the week in progress singles out the first incident in a quiet area"
        );

        let reporter = app.browser();
        reporter.sign_in("school@example.org").await;
        let res = reporter
            .call("admin/area", &[("id", ""), ("name", "Smygområde")])
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let admin = app.browser();
        admin.sign_in("admin@example.org").await;
        assert_eq!(
            admin
                .call("admin/area", &[("id", ""), ("name", "Söderby-Karl")])
                .await
                .status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn unknown_pages_and_incidents_are_404() {
    for (_, app) in apps().await {
        app.sign_in("police@example.org").await;
        let res = app
            .client
            .get(app.url("/no/such/page"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let res = app
            .client
            .get(app.url(&format!("/incidents/{}", uuid::Uuid::now_v7())))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let res = app.call("incidents/get", &[("id", "nonsense")]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn coordinators_export_the_filtered_list_as_excel_friendly_csv_and_it_is_audited() {
    for (_, app) in apps().await {
        let reporter = app.browser();
        reporter.sign_in("police@example.org").await;
        let form = incident_form(&reporter, "Glas; \"krossat\"\npå två ställen").await;
        assert_eq!(
            reporter
                .call("incidents/save", &as_pairs(&form))
                .await
                .status(),
            StatusCode::OK
        );
        let refused = reporter
            .client
            .get(reporter.url("/incidents/export.csv"))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        app.sign_in("coordinator@example.org").await;
        let rimbo = id_of(&app.reference().await, "areas", "Rimbo");
        let res = app
            .client
            .get(app.url(&format!("/incidents/export.csv?area={rimbo}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"handelser-")
        );
        let body = res.text().await.unwrap();
        assert!(body.starts_with("\u{feff}id;tid;vecka;område;plats;kategori;organisation;"));
        assert!(body.contains(";\"Glas; \"\"krossat\"\"\npå två ställen\"\r\n"));
        assert!(
            body.lines()
                .skip(1)
                .all(|l| l.is_empty() || l.contains(";Rimbo;") || !l.contains(';')),
            "only Rimbo"
        );

        let bad = app
            .client
            .get(app.url("/incidents/export.csv?week=2026-W99"))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let audit = app
            .call("audit/search", &[("filter[user]", "")])
            .await
            .json::<Value>()
            .await
            .unwrap();
        assert!(
            audit["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "Export")
        );
    }
}

#[tokio::test]
async fn the_server_refuses_personal_data_in_an_incident_and_stores_nothing() {
    for (_, app) in apps().await {
        app.sign_in("police@example.org").await;
        let before = app
            .call("incidents/list", &[("filter[week]", "")])
            .await
            .json::<Value>()
            .await
            .unwrap();
        let form = incident_form(&app, "Pojken 811218-9876 kastade sten mot rutan").await;
        let res = app.call("incidents/save", &as_pairs(&form)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = res.json().await.unwrap();
        let issue = &body["Validation"][0];
        assert_eq!(issue["field"], "description");
        assert_eq!(issue["error"]["PersonalData"]["kind"], "IdentityNumber");
        assert_eq!(issue["error"]["PersonalData"]["position"], 8);
        assert!(
            !body.to_string().contains("9876"),
            "the number is not echoed back"
        );
        let after = app
            .call("incidents/list", &[("filter[week]", "")])
            .await
            .json::<Value>()
            .await
            .unwrap();
        assert_eq!(before["items"], after["items"]);
    }
}

#[tokio::test]
async fn managers_get_figures_for_whole_weeks_and_no_place_names() {
    for (backend, app) in apps().await {
        app.sign_in("manager@example.org").await;
        // No place list (names with ids that carry when they were typed), no week in progress.
        for endpoint in ["places", "incidents/week"] {
            let res = app.call(endpoint, &[]).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend}: {endpoint}");
        }
        let this_week = app::ssr::time::now_local().format("%G-W%V").to_string();
        let dashboard = app.call("dashboard", &[]).await.text().await.unwrap();
        assert!(
            !dashboard.contains(&this_week),
            "{backend}: the manager's dashboard ends with the last whole week"
        );
        let start = app.client.get(app.url("/")).send().await.unwrap();
        let start = start.text().await.unwrap();
        assert!(
            !start.contains(&this_week),
            "{backend}: the start page carries no figures of the week in progress"
        );
        // The coordinator keeps the exact week.
        let coordinator = app.browser();
        coordinator.sign_in("coordinator@example.org").await;
        let exact: Value = coordinator
            .call("incidents/week", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(exact["week"], this_week, "{backend}");
        assert!(
            exact["areas"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a[1].is_u64()),
            "{backend}: exact counts"
        );
    }
}

#[tokio::test]
async fn a_meeting_series_is_a_valid_icalendar_feed_behind_its_token() {
    for (_, app) in apps().await {
        app.sign_in("coordinator@example.org").await;
        let series: Value = app.call("meetings/series", &[]).await.json().await.unwrap();
        let s = &series[0];
        let id = s["id"].as_str().unwrap().to_owned();
        let mut planned = Vec::new();
        for _ in 0..2 {
            let res = app
                .call("meetings/plan", &[("series_id", id.as_str())])
                .await;
            assert_eq!(res.status(), StatusCode::OK);
            planned.push(res.json::<String>().await.unwrap());
        }
        // The second is called off: it stays in the feed, cancelled.
        let cancelled = app
            .call("meetings/cancel", &[("id", planned[1].as_str())])
            .await;
        assert_eq!(cancelled.status(), StatusCode::OK);
        let path = s["feed_path"].as_str().unwrap().to_owned();

        let res = reqwest::get(app.url(&path)).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "no session needed");
        assert_eq!(
            res.headers()["content-type"],
            "text/calendar; charset=utf-8"
        );
        let body = res.text().await.unwrap();
        assert!(body.lines().all(|l| l.len() <= 75));
        let calendar = ical::IcalParser::new(body.as_bytes())
            .next()
            .expect("one calendar")
            .expect("parses");
        // The schedule as one recurring event, and the two planned meetings as its instances.
        assert_eq!(calendar.events.len(), 3);
        let prop = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        let with_zone = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
            let p = event.properties.iter().find(|p| p.name == name)?;
            let zone = p.params.as_ref()?.iter().find(|(k, _)| k == "TZID")?.1[0].clone();
            Some(format!("{name};TZID={zone}:{}", p.value.clone()?))
        };
        for event in &calendar.events {
            assert_eq!(prop(event, "SUMMARY").as_deref(), Some("Lägesbildsmöte"));
            // The parser leaves TEXT escaped: the comma is `\,` (RFC 5545 §3.3.11).
            assert_eq!(
                prop(event, "LOCATION").as_deref(),
                Some("Kommunhuset\\, Norrtälje")
            );
            assert!(prop(event, "UID").unwrap().ends_with("@samverkan"));
            assert!(
                prop(event, "URL")
                    .unwrap()
                    .starts_with(&app.url("/meetings"))
            );
            assert!(prop(event, "DESCRIPTION").unwrap().contains("/meetings"));
        }
        let schedule = &calendar.events[0];
        let rule = format!(
            "{}\nRRULE:{}",
            with_zone(schedule, "DTSTART").expect("a local start"),
            prop(schedule, "RRULE").expect("a recurrence")
        );
        let set: rrule::RRuleSet = rule.parse().expect("a valid recurrence");
        let today = chrono::Utc::now()
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .with_timezone(&rrule::Tz::UTC);
        let coming = set
            .after(today)
            .before(today + chrono::TimeDelta::weeks(8))
            .all(100)
            .dates;
        assert_eq!(coming.len(), 8, "a meeting every week for the next 8 weeks");
        for day in &coming {
            let local = day.naive_local();
            assert_eq!(local.format("%a %H:%M").to_string(), "Wed 15:00");
        }
        // Each planned meeting is one of those weeks.
        for instance_event in &calendar.events[1..] {
            let instance =
                with_zone(instance_event, "RECURRENCE-ID").expect("an instance of the schedule");
            let at = instance.rsplit(':').next().unwrap().to_owned();
            assert!(
                coming
                    .iter()
                    .any(|d| d.naive_local().format("%Y%m%dT%H%M%S").to_string() == at),
                "{instance} is not among {coming:?}"
            );
            assert_eq!(prop(instance_event, "UID"), prop(schedule, "UID"));
            assert!(prop(instance_event, "URL").unwrap().contains("/meetings/"));
        }
        assert_eq!(
            prop(&calendar.events[1], "STATUS").as_deref(),
            Some("CONFIRMED")
        );
        assert_eq!(
            prop(&calendar.events[2], "STATUS").as_deref(),
            Some("CANCELLED")
        );

        let wrong = path.replace("token=", "token=x");
        assert_eq!(
            reqwest::get(app.url(&wrong)).await.unwrap().status(),
            StatusCode::NOT_FOUND
        );

        let reporter = app.browser();
        reporter.sign_in("police@example.org").await;
        let seen: Value = reporter
            .call("meetings/series", &[])
            .await
            .json()
            .await
            .unwrap();
        assert!(
            seen[0]["feed_path"].is_null(),
            "only coordinators see the feed address"
        );
        assert_eq!(
            reporter
                .call("meetings/plan", &[("series_id", id.as_str())])
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_coordinator_creates_a_series_with_the_ticked_members() {
    for (_, app) in apps().await {
        app.sign_in("coordinator@example.org").await;
        let reference = app.reference().await;
        let police = id_of(&reference, "organisations", "Polisen Norrtälje");
        let school = id_of(&reference, "organisations", "Utbildningsförvaltningen");
        // Unticked boxes are not posted, so the indices have gaps.
        let form = [
            ("name", "Trygghetsmöte Rimbo"),
            ("weekday", "0"),
            ("start_time", "09:30"),
            ("members[1]", police.as_str()),
            ("members[4]", school.as_str()),
        ];
        assert_eq!(
            app.call("meetings/new-series", &form).await.status(),
            StatusCode::OK
        );
        let series: Value = app.call("meetings/series", &[]).await.json().await.unwrap();
        let created = series
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "Trygghetsmöte Rimbo")
            .unwrap();
        assert_eq!(
            created["members"],
            serde_json::json!(["Polisen Norrtälje", "Utbildningsförvaltningen"])
        );
        assert_eq!(
            (created["weekday"].as_u64(), created["start_time"].as_str()),
            (Some(0), Some("09:30"))
        );

        let again = app.call("meetings/new-series", &form).await;
        assert_eq!(
            again.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "the name is taken"
        );
        let bad = app
            .call(
                "meetings/new-series",
                &[
                    ("name", "Ny grupp"),
                    ("weekday", "9"),
                    ("start_time", "25:00"),
                ],
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}

/// The demo's Rimbo area group and its planned meeting, as a coordinator sees them.
async fn rimbo_group(app: &TestApp) -> (String, String) {
    app.sign_in("coordinator@example.org").await;
    let groups: Value = app
        .call("groups/list", &[])
        .await
        .json()
        .await
        .expect("groups");
    let id = groups
        .as_array()
        .expect("a list")
        .iter()
        .find(|g| g["name"] == "Områdesgrupp Rimbo")
        .and_then(|g| g["id"].as_str())
        .expect("the demo's Rimbo group")
        .to_owned();
    let detail: Value = app
        .call("groups/get", &[("id", id.as_str())])
        .await
        .json()
        .await
        .expect("the group");
    let meeting = detail["meetings"][0]["id"]
        .as_str()
        .expect("its meeting")
        .to_owned();
    app.call("auth/sign-out", &[]).await;
    (id, meeting)
}

#[tokio::test]
async fn an_area_group_is_not_found_for_outsiders_in_pages_and_server_functions_alike() {
    for (backend, app) in apps().await {
        let (group, meeting) = rimbo_group(&app).await;
        let nowhere = uuid::Uuid::now_v7().to_string();
        let paths = |id: &str, m: &str| {
            [
                format!("/groups/{id}"),
                format!("/meetings/{m}"),
                format!("/meetings/{m}/minutes"),
            ]
        };
        // Sara (Hallstavik's group) and the manager are outsiders; Per (Rimbo's) is a member.
        for (email, expected) in [
            ("school@example.org", StatusCode::NOT_FOUND),
            ("manager@example.org", StatusCode::NOT_FOUND),
            ("police@example.org", StatusCode::OK),
        ] {
            app.sign_in(email).await;
            for path in paths(&group, &meeting) {
                let res = app.client.get(app.url(&path)).send().await.unwrap();
                assert_eq!(res.status(), expected, "{backend} {email} {path}");
            }
            let api = app.call("groups/get", &[("id", group.as_str())]).await;
            assert_eq!(api.status(), expected, "{backend} {email}");
            let minutes = app.call("meetings/get", &[("id", meeting.as_str())]).await;
            assert_eq!(minutes.status(), expected, "{backend} {email}");
            if expected == StatusCode::NOT_FOUND {
                // Exactly the answer for a group that does not exist.
                let body = api.text().await.unwrap();
                let missing = app.call("groups/get", &[("id", nowhere.as_str())]).await;
                assert_eq!(missing.text().await.unwrap(), body, "{backend} {email}");
            }
            app.call("auth/sign-out", &[]).await;
        }
    }
}

#[tokio::test]
async fn managers_see_area_group_counts_and_everyone_finds_who_to_call() {
    for (backend, app) in apps().await {
        let (group, _) = rimbo_group(&app).await;
        app.sign_in("manager@example.org").await;
        let page = app.client.get(app.url("/groups")).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{backend}");
        let html = page.text().await.unwrap();
        assert!(html.contains("Områdesgrupp Rimbo"), "{backend}");
        assert!(
            !html.contains(&format!("/groups/{group}")),
            "{backend}: no link to open"
        );

        let res = app
            .client
            .get(app.url("/directory?q=rimbo+polis"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.unwrap();
        assert!(html.contains("Per Polis"), "{backend}");
        assert!(
            html.contains("href=\"tel:0701740611\""),
            "{backend}: tap to call"
        );
        assert!(
            !html.contains("Tove Sjöberg"),
            "{backend}: Hallstavik's police is filtered out"
        );
    }
}

#[tokio::test]
async fn a_contact_with_bad_fields_is_a_422_naming_them_and_a_reporter_may_not_add_one() {
    for (backend, app) in apps().await {
        app.sign_in("coordinator@example.org").await;
        let reference = app.reference().await;
        let police = id_of(&reference, "organisations", "Polisen Norrtälje");
        let form = [
            ("name", "Ny Polis"),
            ("organisation_id", police.as_str()),
            ("function", "community_police"),
            ("phone", "ring växeln"),
            ("email", "ny.polis@"),
        ];
        let res = app.call("contacts/save", &form).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let body: Value = res.json().await.unwrap();
        let fields: Vec<&str> = body["Validation"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["field"].as_str())
            .collect();
        assert_eq!(fields, ["phone", "email"], "{backend}");
        app.call("auth/sign-out", &[]).await;

        app.sign_in("police@example.org").await;
        let valid = [
            ("name", "Ny Polis"),
            ("organisation_id", police.as_str()),
            ("function", "community_police"),
            ("phone", "070-174 06 99"),
        ];
        let res = app.call("contacts/save", &valid).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend}");
        let found: Value = app
            .call("contacts/search", &[("q", "ny polis")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            found["entries"],
            serde_json::json!([]),
            "{backend}: nothing stored"
        );
    }
}

#[tokio::test]
async fn managers_get_the_dashboard_and_only_exporting_roles_get_its_csv() {
    for (backend, app) in apps().await {
        app.sign_in("manager@example.org").await;
        for page in ["/dashboard", "/dashboard/year"] {
            let res = app.client.get(app.url(page)).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{backend} {page}");
            let html = res.text().await.unwrap();
            assert!(
                html.contains("<svg") || page.ends_with("year"),
                "{backend}: charts are SVG"
            );
        }
        let csv = app
            .client
            .get(app.url("/dashboard/export.csv?chart=weeks"))
            .send()
            .await
            .unwrap();
        assert_eq!(csv.status(), StatusCode::FORBIDDEN, "{backend}");
        let bad = app.call("dashboard", &[("area", "Rimbo")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        app.call("auth/sign-out", &[]).await;

        app.sign_in("police@example.org").await;
        let refused = app.call("dashboard", &[]).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{backend}");
        app.call("auth/sign-out", &[]).await;

        app.sign_in("coordinator@example.org").await;
        let csv = app
            .client
            .get(app.url("/dashboard/export.csv?chart=weeks"))
            .send()
            .await
            .unwrap();
        assert_eq!(csv.status(), StatusCode::OK, "{backend}");
        let body = csv.text().await.unwrap();
        assert!(body.starts_with("\u{feff}Vecka;"), "{backend}");
        assert_eq!(body.lines().count(), 53, "{backend}: a header and 52 weeks");
        let ratings = app
            .client
            .get(app.url("/dashboard/export.csv?chart=ratings"))
            .send()
            .await
            .unwrap();
        assert_eq!(ratings.status(), StatusCode::OK, "{backend}");
        let body = ratings.text().await.unwrap();
        assert!(
            body.starts_with("\u{feff}Område;När;Bedömning\r\n"),
            "{backend}: every single rating, headed: {body}"
        );
        let unknown = app
            .client
            .get(app.url("/dashboard/export.csv?chart=secrets"))
            .send()
            .await
            .unwrap();
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND, "{backend}");
        let audit: Value = app
            .call("audit/search", &[("filter[user]", "")])
            .await
            .json()
            .await
            .unwrap();
        let exports = audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "Export" && e["record_type"] == "Dashboard")
            .count();
        assert_eq!(
            exports, 2,
            "{backend}: both exports are audited, the refusals are not"
        );
    }
}
