//! The HTTP test harness: the real app on port 0 with a fresh database (a temporary SQLite
//! file, and a fresh PostgreSQL database when TEST_DATABASE_URL is set), and a client that
//! keeps cookies like a browser. Each test binary uses part of it.
#![allow(dead_code)]

use reqwest::header::ACCEPT;
use samverkan_server::{Application, Config, build_state};
use serde_json::Value;

#[derive(Clone)]
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// The app's database, for arranging what no server function creates (user accounts).
    pub db: sea_orm::DatabaseConnection,
    /// Where the database is: a second server on it shares everything the first keeps there.
    pub database_url: String,
}

impl TestApp {
    /// The same app in another browser: no cookies yet.
    pub fn browser(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            client: client(),
            db: self.db.clone(),
            database_url: self.database_url.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Calls a server function as the hydrated app does (JSON answers, no redirect).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// The HTML of the page at `path`, as this browser gets it.
    pub async fn page(&self, path: &str) -> String {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
            .text()
            .await
            .expect("page")
    }

    pub async fn sign_in(&self, email: &str) -> reqwest::Response {
        self.call(
            "auth/sign-in",
            &[("email", email), ("password", "demo-password")],
        )
        .await
    }

    pub async fn reference(&self) -> Value {
        self.call("reference", &[])
            .await
            .json()
            .await
            .expect("reference json")
    }
}

/// The test site's build: its files are under `/pkg/<TEST_BUILD>/`.
pub const TEST_BUILD: &str = "00c0ffee00c0ffee";
/// The stylesheet the test site serves, and where.
pub const TEST_CSS: &str = "body { margin: 0 }\n";
pub const TEST_CSS_PATH: &str = "/pkg/00c0ffee00c0ffee/samverkan.css";

/// A site folder for this test process (written once), laid out as `tools/publish.mjs` lays
/// out a build: `build-id`, `pkg/<build id>/samverkan.css`, and the favicon.
fn test_site() -> String {
    static SITE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("samverkan-test-site-{}", std::process::id()));
        let build = root.join("pkg").join(TEST_BUILD);
        std::fs::create_dir_all(&build).expect("site folder");
        std::fs::write(build.join("samverkan.css"), TEST_CSS).expect("stylesheet");
        std::fs::write(root.join("build-id"), format!("{TEST_BUILD}\n")).expect("build id");
        std::fs::write(
            root.join("favicon.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .expect("favicon");
        root.display().to_string()
    })
    .clone()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        // A stuck request fails its test instead of stalling the whole suite.
        .timeout(std::time::Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub async fn spawn(database_url: String) -> TestApp {
    let app = serve(database_url).await;
    app::ssr::demo::load(&app.db).await.expect("demo data");
    app
}

/// The configuration of a test server on `database_url`: port 0, the test site.
pub fn config(database_url: String) -> Config {
    Config {
        database_url,
        addr: "127.0.0.1:0".parse().expect("addr"),
        site_root: test_site(),
        secure_cookies: false,
        report_deadline: Default::default(),
        hot_spot_threshold: 3,
        public_origin: None,
        trusted_proxies: Vec::new(),
        retention_months: None,
    }
}

/// Another server on `database_url` as it is (a second machine, or the same one restarted).
pub async fn serve(database_url: String) -> TestApp {
    let config = config(database_url.clone());
    let state = build_state(&config).await.expect("state");
    let db = state.db.clone();
    let app = Application::with_state(config.addr, state)
        .await
        .expect("bind");
    let base = format!("http://{}", app.addr);
    tokio::spawn(app.run());
    TestApp {
        base,
        client: client(),
        db,
        database_url,
    }
}

/// One app per backend under test.
pub async fn apps() -> Vec<(&'static str, TestApp)> {
    let file = std::env::temp_dir().join(format!(
        "samverkan-test-{}.db",
        uuid::Uuid::now_v7().simple()
    ));
    let mut all = vec![(
        "sqlite",
        spawn(format!("sqlite://{}", file.display())).await,
    )];
    if let Some(url) = app::ssr::testing::postgres_url().await {
        all.push(("postgres", spawn(url).await));
    }
    all
}

pub fn id_of(reference: &Value, list: &str, name: &str) -> String {
    reference["reference"][list]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["name"] == name))
        .and_then(|i| i["id"].as_str())
        .unwrap_or_else(|| panic!("{list} {name} not found"))
        .to_owned()
}

pub async fn incident_form(app: &TestApp, description: &str) -> Vec<(&'static str, String)> {
    let reference = app.reference().await;
    let when = (app::ssr::time::now_local() - chrono::TimeDelta::minutes(30))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    vec![
        ("occurred_at", when),
        ("area_id", id_of(&reference, "areas", "Rimbo")),
        ("place", "Pendlarparkeringen".into()),
        ("category_id", id_of(&reference, "categories", "Klotter")),
        ("description", description.into()),
        ("youth_involved", "on".into()),
    ]
}

pub fn as_pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}
pub mod process;
