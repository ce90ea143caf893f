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
    /// `SAMVERKAN_HOT_SPOT_THRESHOLD`: incidents a place needs in four weeks to be a hot spot (3).
    pub hot_spot_threshold: u32,
    /// `SAMVERKAN_ORIGIN`: the public address behind a proxy that rewrites `Host`.
    pub public_origin: Option<String>,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/samverkan.db";

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup` (the environment, or a table in tests).
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
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
            hot_spot_threshold: match var("SAMVERKAN_HOT_SPOT_THRESHOLD") {
                Some(text) => text
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| *n >= 2)
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "SAMVERKAN_HOT_SPOT_THRESHOLD {text:?}: a whole number, 2 or more"
                        )
                    })?,
                None => shared::picture::DEFAULT_HOT_SPOT_THRESHOLD,
            },
            public_origin: match var("SAMVERKAN_ORIGIN") {
                Some(origin) if origin.starts_with("https://") || origin.starts_with("http://") => {
                    Some(origin.trim_end_matches('/').to_owned())
                }
                Some(origin) => anyhow::bail!(
                    "SAMVERKAN_ORIGIN {origin:?}: the address users open, e.g. https://samverkan.example.se"
                ),
                None => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_vars(move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn defaults_just_work() {
        let c = with(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.hot_spot_threshold, 3);
        assert_eq!(c.report_deadline, shared::report::ReportDeadline::default());
        assert!(!c.secure_cookies);
    }

    #[test]
    fn the_environment_overrides_and_bad_values_are_named() {
        let c = with(&[
            ("SAMVERKAN_REPORT_DEADLINE", "mon 09:00"),
            ("SAMVERKAN_HOT_SPOT_THRESHOLD", "5"),
            ("SAMVERKAN_SECURE_COOKIES", "1"),
        ])
        .unwrap();
        assert_eq!(
            (
                c.report_deadline.hour,
                c.hot_spot_threshold,
                c.secure_cookies
            ),
            (9, 5, true)
        );
        let err = with(&[("SAMVERKAN_HOT_SPOT_THRESHOLD", "1")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("SAMVERKAN_HOT_SPOT_THRESHOLD"));
        assert!(with(&[("SAMVERKAN_REPORT_DEADLINE", "whenever")]).is_err());
        assert!(with(&[("SAMVERKAN_ADDR", "nowhere")]).is_err());
    }
}
