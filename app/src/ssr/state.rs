//! Shared server state handed to every request: the database, Leptos options and settings.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

/// Settings that change behaviour at run time (typed, loaded once at start-up).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark the session cookie `Secure` (when served behind https).
    pub secure_cookies: bool,
    /// A session unused for this long ends.
    pub session_idle: chrono::TimeDelta,
    /// A session ends this long after sign-in, however active.
    pub session_absolute: chrono::TimeDelta,
    /// When each week's report is due.
    pub report_deadline: shared::report::ReportDeadline,
    /// Incidents a place needs in four weeks to be a hot spot.
    pub hot_spot_threshold: u32,
    /// The address users reach the app at, when a proxy in front rewrites `Host`
    /// (e.g. `https://samverkan.example.se`): requests that change data must come from it.
    pub public_origin: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none by default).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_idle: chrono::TimeDelta::hours(12),
            session_absolute: chrono::TimeDelta::days(7),
            report_deadline: shared::report::ReportDeadline::default(),
            hot_spot_threshold: shared::picture::DEFAULT_HOT_SPOT_THRESHOLD,
            public_origin: None,
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    /// The picture's counts, the dashboard and the yearly report, kept for a short while.
    pub views: Arc<super::views::Views>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
