//! Typed configuration: defaults that just work, overridden by environment variables.

use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://data/samverkan.db` by default, or `postgres://…`.
    pub database_url: String,
    /// `SAMVERKAN_ADDR`: where to listen, `127.0.0.1:3000` by default.
    pub addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder with `pkg/` (WASM, JS, CSS) and the favicon.
    pub site_root: String,
    /// `SAMVERKAN_SECURE_COOKIES=1` when served behind https.
    pub secure_cookies: bool,
    /// `SAMVERKAN_REPORT_DEADLINE`: when a week's report is due, `tue 13:00` by default.
    pub report_deadline: shared::report::ReportDeadline,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/samverkan.db";

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let addr = var("SAMVERKAN_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        Ok(Self {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            addr: addr
                .parse()
                .map_err(|e| anyhow::anyhow!("SAMVERKAN_ADDR {addr:?}: {e}"))?,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            secure_cookies: var("SAMVERKAN_SECURE_COOKIES")
                .is_some_and(|v| v == "1" || v == "true"),
            report_deadline: match var("SAMVERKAN_REPORT_DEADLINE") {
                Some(text) => shared::report::ReportDeadline::parse(&text).ok_or_else(|| {
                    anyhow::anyhow!("SAMVERKAN_REPORT_DEADLINE {text:?}: use e.g. \"tue 13:00\"")
                })?,
                None => shared::report::ReportDeadline::default(),
            },
        })
    }

    /// Creates the folder of a SQLite database file, so a fresh checkout just works.
    pub fn ensure_database_dir(&self) -> anyhow::Result<()> {
        if let Some(path) = self.database_url.strip_prefix("sqlite://") {
            let path = path.split('?').next().unwrap_or(path);
            if let Some(dir) = std::path::Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)?;
            }
        }
        Ok(())
    }
}
