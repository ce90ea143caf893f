//! The real `samverkan` binary as a separate process, for tests that kill it, and reporters
//! who log incidents into it as fast as it answers.

use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use serde_json::Value;

use super::{client, id_of};

pub struct Served {
    child: Child,
    pub base: String,
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Runs `samverkan ARGS` on `database_url` to the end.
pub fn samverkan(database_url: &str, args: &[&str]) -> ExitStatus {
    Command::new(env!("CARGO_BIN_EXE_samverkan"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .expect("run samverkan")
}

impl Served {
    /// Starts `samverkan serve` and waits until it answers.
    pub async fn start(database_url: &str) -> Served {
        let addr = format!("127.0.0.1:{}", free_port());
        let child = Command::new(env!("CARGO_BIN_EXE_samverkan"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("SAMVERKAN_ADDR", &addr)
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .spawn()
            .expect("start samverkan");
        let served = Served {
            child,
            base: format!("http://{addr}"),
        };
        let probe = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let up = probe
                .post(format!("{}/api/me", served.base))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if up {
                return served;
            }
            assert!(Instant::now() < deadline, "samverkan did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then waits (at most `limit`) for the process to end.
    pub fn terminate(&mut self, limit: Duration) -> Option<ExitStatus> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -TERM {pid}");
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What reporters logging at full speed were told.
#[derive(Default)]
pub struct Logged {
    /// Ids of incidents whose creation was acknowledged (200 with the id).
    pub acknowledged: Vec<String>,
    /// Answers with a 5xx status.
    pub server_errors: usize,
    /// Other refusals (4xx): the form is valid, so there should be none.
    pub refused: usize,
}

/// `reporters` browsers signed in as police@ on `base`, kept across restarts (sessions live in
/// the database).
pub async fn reporters(base: &str, reporters: usize) -> Vec<reqwest::Client> {
    let mut all = Vec::new();
    for _ in 0..reporters {
        let c = client();
        let res = c
            .post(format!("{base}/api/auth/sign-in"))
            .header(ACCEPT, "application/json")
            .form(&[
                ("email", "police@example.org"),
                ("password", "demo-password"),
            ])
            .send()
            .await
            .expect("sign in");
        assert_eq!(res.status(), StatusCode::OK, "sign in");
        all.push(c);
    }
    all
}

/// The incident every reporter logs (area and category by name, as `client` reads them on
/// `base`).
pub async fn incident(base: &str, client: &reqwest::Client) -> Vec<(&'static str, String)> {
    let reference: Value = client
        .post(format!("{base}/api/reference"))
        .header(ACCEPT, "application/json")
        .send()
        .await
        .expect("reference")
        .json()
        .await
        .expect("reference json");
    let reference = &reference;
    let when = (app::ssr::time::now_local() - chrono::TimeDelta::minutes(5))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    vec![
        ("occurred_at", when),
        ("area_id", id_of(reference, "areas", "Rimbo")),
        ("place", "Pendlarparkeringen".into()),
        ("category_id", id_of(reference, "categories", "Klotter")),
        (
            "description",
            "Klotter på väggen vid busshållplatsen.".into(),
        ),
    ]
}

/// Each client logs `form` again and again on `base` until the server stops answering.
pub async fn log_until_gone(
    base: &str,
    clients: &[reqwest::Client],
    form: &[(&'static str, String)],
    logged: &Arc<Mutex<Logged>>,
) {
    let mut tasks = Vec::new();
    for c in clients {
        let (c, form, logged) = (c.clone(), form.to_vec(), logged.clone());
        let url = format!("{base}/api/incidents/save");
        tasks.push(tokio::spawn(async move {
            loop {
                let res = c
                    .post(&url)
                    .header(ACCEPT, "application/json")
                    .form(&form)
                    .send()
                    .await;
                let Ok(res) = res else { return };
                let status = res.status();
                let Ok(body) = res.text().await else { return };
                let mut logged = logged.lock().expect("logged");
                match serde_json::from_str::<Value>(&body) {
                    Ok(Value::String(id)) if status == StatusCode::OK => {
                        logged.acknowledged.push(id)
                    }
                    _ if status.is_server_error() => logged.server_errors += 1,
                    _ => logged.refused += 1,
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
}
