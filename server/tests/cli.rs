//! The `samverkan` command line: demo data and adding users with the password on stdin.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn samverkan(db: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samverkan"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start samverkan");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("run samverkan")
}

fn temp_db() -> String {
    let file = std::env::temp_dir().join(format!(
        "samverkan-cli-{}.db",
        uuid::Uuid::now_v7().simple()
    ));
    format!("sqlite://{}", file.display())
}

#[test]
fn demo_data_goes_only_into_an_empty_database_unless_told_to_skip() {
    let db = temp_db();
    assert!(samverkan(&db, &["demo-data"], "").status.success());
    let again = samverkan(&db, &["demo-data"], "");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has users"));
    assert!(
        samverkan(&db, &["demo-data", "--if-empty"], "")
            .status
            .success()
    );
}

#[test]
fn a_user_is_added_with_the_password_read_from_standard_input() {
    let db = temp_db();
    assert!(samverkan(&db, &["demo-data"], "").status.success());
    let add = [
        "user",
        "add",
        "--email",
        "ny@example.org",
        "--name",
        "Nina Ny",
        "--org",
        "Polisen Norrtälje",
        "--role",
        "reporter",
    ];
    let out = samverkan(&db, &add, "a-very-long-password\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let again = samverkan(&db, &add, "a-very-long-password\n");
    assert!(String::from_utf8_lossy(&again.stderr).contains("email: Taken"));

    let short = [
        "user",
        "add",
        "--email",
        "kort@example.org",
        "--name",
        "Kim Kort",
        "--org",
        "Polisen Norrtälje",
        "--role",
        "reporter",
    ];
    let out = samverkan(&db, &short, "short\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("password: TooShort"));

    let bad_role = [
        "user",
        "add",
        "--email",
        "x@example.org",
        "--name",
        "X Y",
        "--org",
        "Polisen Norrtälje",
        "--role",
        "boss",
    ];
    let out = samverkan(&db, &bad_role, "a-very-long-password\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role"));
}

#[test]
fn retention_runs_from_the_command_line_and_refuses_a_period_under_thirteen_months() {
    let db = temp_db();
    assert!(samverkan(&db, &["demo-data"], "").status.success());
    let run = samverkan(&db, &["retention"], "");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stdout)
            .contains("0 incidents older than 36 months anonymised"),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let short = samverkan(&db, &["retention", "--months", "6"], "");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 13"));
}
