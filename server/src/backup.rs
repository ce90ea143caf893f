//! `samverkan backup` and `samverkan restore` for the SQLite database.
//!
//! A backup is taken online with `VACUUM INTO`: one read transaction, so it is a consistent
//! copy of one moment while the app goes on serving and writing. It is written beside the
//! target, checked (`PRAGMA integrity_check`) and only then renamed into place, so a backup
//! file that exists is whole. Restoring needs the server stopped: it refuses a database that
//! is open elsewhere, checks the backup, keeps the database it replaces beside it
//! (`….before-restore-<time>`), and swaps the files by rename.
//!
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`); the README shows how.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteLockingMode};
use sea_orm::sqlx::{self, Connection, Row};
use sea_orm::{ConnectionTrait, DatabaseConnection};

const POSTGRES_ADVICE: &str = "backups of PostgreSQL are made with its own tools: \
    pg_dump --format=custom --file=FILE \"$DATABASE_URL\", restored with pg_restore \
    --clean --dbname=\"$DATABASE_URL\" FILE (see the README)";

/// What a backup file holds, as checked.
#[derive(Debug)]
pub struct Checked {
    pub incidents: i64,
    pub users: i64,
    pub migrations: i64,
    pub bytes: u64,
}

/// The database file of a `sqlite:` URL.
pub fn sqlite_file(database_url: &str) -> anyhow::Result<PathBuf> {
    if !database_url.starts_with("sqlite:") {
        bail!("{POSTGRES_ADVICE}");
    }
    let options = SqliteConnectOptions::from_str(database_url)
        .with_context(|| format!("reading DATABASE_URL {database_url:?}"))?;
    let file = options.get_filename();
    if file.as_os_str().is_empty() || file.to_string_lossy().contains(":memory:") {
        bail!("an in-memory database cannot be backed up or restored");
    }
    Ok(file.to_path_buf())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Opens `file` read-only and checks that it is a whole Samverkan database.
pub async fn check(file: &Path) -> anyhow::Result<Checked> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .create_if_missing(false);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .with_context(|| format!("{} cannot be opened as a SQLite database", file.display()))?;
    let verdict: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .and_then(|row| row.try_get(0))
        .with_context(|| format!("{} is not a SQLite database", file.display()))?;
    if verdict != "ok" {
        bail!("{} is damaged: {verdict}", file.display());
    }
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM incidents",
        "SELECT COUNT(*) FROM users",
        "SELECT COUNT(*) FROM seaql_migrations",
    ] {
        let n: i64 = sqlx::query(sql)
            .fetch_one(&mut conn)
            .await
            .and_then(|row| row.try_get(0))
            .with_context(|| format!("{} is not a Samverkan database", file.display()))?;
        counts.push(n);
    }
    conn.close().await.ok();
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or_default();
    Ok(Checked {
        incidents: counts[0],
        users: counts[1],
        migrations: counts[2],
        bytes,
    })
}

/// Writes a consistent copy of the database at `database_url` to `target`, which must not
/// exist yet.
pub async fn backup(
    db: &DatabaseConnection,
    database_url: &str,
    target: &Path,
) -> anyhow::Result<Checked> {
    sqlite_file(database_url)?;
    if target.exists() {
        bail!(
            "{} exists already: choose a new file name",
            target.display()
        );
    }
    let partial = sibling(target, ".partial");
    let _ = std::fs::remove_file(&partial);
    let quoted = partial.to_string_lossy().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await
        .with_context(|| format!("writing {}", partial.display()))?;
    let checked = match check(&partial).await {
        Ok(checked) => checked,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e.context("the backup did not pass its check and was removed"));
        }
    };
    std::fs::rename(&partial, target)
        .with_context(|| format!("renaming {} to {}", partial.display(), target.display()))?;
    Ok(checked)
}

/// Takes the database at `live` for this process alone, empties its write-ahead log into it
/// and lets go; refused while anyone else has it open (a running server).
async fn settle(live: &Path) -> anyhow::Result<()> {
    let options = SqliteConnectOptions::new()
        .filename(live)
        .create_if_missing(false)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(std::time::Duration::ZERO);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .with_context(|| format!("opening {}", live.display()))?;
    let alone = sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await;
    if alone.is_err() {
        bail!(
            "{} is in use (is the server running?): stop it first, then restore",
            live.display()
        );
    }
    sqlx::query("COMMIT").execute(&mut conn).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await
        .context("writing the log into the database")?;
    conn.close().await.ok();
    Ok(())
}

/// What `restore` did.
#[derive(Debug)]
pub struct Restored {
    pub from: Checked,
    /// Where the database that was replaced now is, if there was one.
    pub kept: Option<PathBuf>,
}

/// Replaces the database at `database_url` with the backup at `source`.
pub async fn restore(database_url: &str, source: &Path) -> anyhow::Result<Restored> {
    let live = sqlite_file(database_url)?;
    let from = check(source)
        .await
        .context("nothing was restored: the backup did not pass its check")?;
    let known = <migrations::Migrator as migrations::MigratorTrait>::migrations().len();
    if from.migrations > known as i64 {
        bail!(
            "nothing was restored: {} was made by a newer Samverkan ({} migrations, this one knows {known})",
            source.display(),
            from.migrations
        );
    }
    let incoming = sibling(&live, ".restoring");
    std::fs::copy(source, &incoming).with_context(|| format!("copying {}", source.display()))?;
    std::fs::File::open(&incoming)
        .and_then(|f| f.sync_all())
        .context("writing the copy to disk")?;
    let kept = if live.exists() {
        if let Err(e) = settle(&live).await {
            let _ = std::fs::remove_file(&incoming);
            return Err(e);
        }
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let kept = sibling(&live, &format!(".before-restore-{stamp}"));
        std::fs::rename(&live, &kept)
            .with_context(|| format!("moving {} aside", live.display()))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(sibling(&live, suffix));
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&incoming, &live)
        .with_context(|| format!("putting the backup in place as {}", live.display()))?;
    Ok(Restored { from, kept })
}
