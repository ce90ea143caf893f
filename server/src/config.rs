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
    /// `SAMVERKAN_TRUSTED_PROXIES`: the addresses of reverse proxies in front of the app,
    /// comma-separated (none by default). Only their `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `SAMVERKAN_RETENTION_MONTHS`: incidents older than this are anonymised every day (36;
    /// at least 13; `off` for none, e.g. for the benchmark's ten years).
    pub retention_months: Option<u32>,
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
            trusted_proxies: match var("SAMVERKAN_TRUSTED_PROXIES") {
                None => Vec::new(),
                Some(list) => list
                    .split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(|a| {
                        a.parse().map_err(|_| {
                            anyhow::anyhow!(
                                "SAMVERKAN_TRUSTED_PROXIES {a:?}: IP addresses, comma-separated, e.g. 10.0.0.5,10.0.0.6"
                            )
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
            },
            retention_months: match var("SAMVERKAN_RETENTION_MONTHS").as_deref() {
                None => Some(app::ssr::retention::DEFAULT_MONTHS),
                Some("off") => None,
                Some(text) => match text.trim().parse::<u32>() {
                    Ok(n) if n >= app::ssr::retention::MIN_MONTHS => Some(n),
                    _ => anyhow::bail!(
                        "SAMVERKAN_RETENTION_MONTHS {text:?}: whole months, {} or more, or off",
                        app::ssr::retention::MIN_MONTHS
                    ),
                },
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
        assert_eq!(c.retention_months, Some(36));
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
        assert!(with(&[("SAMVERKAN_TRUSTED_PROXIES", "10.0.0.5, proxy")]).is_err());
        assert_eq!(
            with(&[("SAMVERKAN_TRUSTED_PROXIES", "10.0.0.5, ::1")])
                .unwrap()
                .trusted_proxies,
            [
                "10.0.0.5".parse::<std::net::IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
    }

    #[test]
    fn retention_is_whole_months_of_at_least_thirteen_or_off() {
        let months =
            |v: &str| with(&[("SAMVERKAN_RETENTION_MONTHS", v)]).map(|c| c.retention_months);
        assert_eq!(months("24").unwrap(), Some(24));
        assert_eq!(months("off").unwrap(), None);
        for bad in ["12", "0", "-5", "tre år", "36.5"] {
            let err = months(bad).unwrap_err().to_string();
            assert!(err.contains("13 or more"), "{bad}: {err}");
        }
    }
}
