//! The command line: `serve` (default), `migrate`, `demo-data`, `import-incidents`, `backup`,
//! `restore`, `user add`.

use std::io::Read;

use anyhow::{Context, bail};
use app::ssr::{db, demo, users};
use clap::{Parser, Subcommand};
use shared::user::Role;

use crate::{Application, Config};

#[derive(Debug, Parser)]
#[command(
    name = "samverkan",
    about = "Cross-agency crime-prevention work for municipalities",
    version
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (the default). Migrates the database first.
    Serve,
    /// Create or update the database schema, then exit.
    Migrate,
    /// Load the demo municipality, its accounts, six weeks of incidents and their history from two
    /// years back into an empty database.
    DemoData {
        /// Do nothing (successfully) when the database already has users.
        #[arg(long)]
        if_empty: bool,
        /// Load only the standard incident categories (for a real installation).
        #[arg(long, conflicts_with = "if_empty")]
        categories_only: bool,
        /// `small` (the demo municipality) or `large` (ten years of a large municipality, for
        /// the benchmark).
        #[arg(long, default_value = "small")]
        scale: String,
        /// Seed for `--scale large`: the same seed gives the same data.
        #[arg(long, default_value_t = 2_023_196)]
        seed: u64,
        /// Incidents for `--scale large`.
        #[arg(long, default_value_t = 1_000_000)]
        incidents: usize,
    },
    /// Import incidents from CSV in the export's format (`;`, Swedish header row). Refused
    /// rows are listed by line; nothing of them is stored.
    ImportIncidents {
        /// The CSV file.
        file: std::path::PathBuf,
    },
    /// Write a consistent copy of the SQLite database to FILE, while the app runs.
    Backup {
        /// The new backup file (it must not exist).
        file: std::path::PathBuf,
    },
    /// Replace the SQLite database with the backup FILE. Stop the server first; the database
    /// that is replaced is kept beside it.
    Restore {
        /// A file made by `samverkan backup`.
        file: std::path::PathBuf,
    },
    /// Anonymise incidents older than the retention period now (the server also does it every
    /// day): descriptions and exact places removed, counts kept.
    Retention {
        /// Months to keep (default: `SAMVERKAN_RETENTION_MONTHS`, else 36; at least 13).
        #[arg(long)]
        months: Option<u32>,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from standard input, never from the command line.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The organisation's exact name.
        #[arg(long)]
        org: String,
        /// admin, coordinator, reporter or manager.
        #[arg(long)]
        role: String,
    },
}

pub async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(&config).await?;
            if let Some(months) = config.retention_months {
                app::ssr::retention::every_day(app.state.db.clone(), months);
            }
            tracing::info!("Samverkan is serving on http://{}", app.addr);
            app.run().await
        }
        Command::Migrate => {
            crate::build_state(&config).await?;
            tracing::info!("database is migrated");
            Ok(())
        }
        Command::DemoData {
            if_empty,
            categories_only,
            scale,
            seed,
            incidents,
        } => {
            let state = crate::build_state(&config).await?;
            if scale == "large" {
                if if_empty
                    && !demo::is_empty(&state.db)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?
                {
                    return Ok(());
                }
                let started = std::time::Instant::now();
                let loaded = app::ssr::scale::load(&state.db, seed, incidents)
                    .await
                    .map_err(|e| anyhow::anyhow!("loading large demo data: {e}"))?;
                tracing::info!(
                    ?loaded,
                    seconds = started.elapsed().as_secs_f64(),
                    "large demo data loaded"
                );
                return Ok(());
            } else if scale != "small" {
                bail!("--scale is small or large");
            }
            if categories_only {
                demo::load_categories(&state.db)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                tracing::info!("standard categories loaded");
                return Ok(());
            }
            if !demo::is_empty(&state.db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                if if_empty {
                    return Ok(());
                }
                bail!("the database already has users; demo data only goes into an empty database");
            }
            demo::load(&state.db)
                .await
                .map_err(|e| anyhow::anyhow!("loading demo data: {e}"))?;
            tracing::info!("demo data loaded");
            Ok(())
        }
        Command::ImportIncidents { file } => {
            let state = crate::build_state(&config).await?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let started = std::time::Instant::now();
            let imported = app::ssr::import::incidents(&state.db, &text)
                .await
                .map_err(|e| anyhow::anyhow!("importing: {e}"))?;
            for (line, reason) in &imported.refused {
                eprintln!("line {line}: {reason}");
            }
            println!(
                "{} incidents imported, {} rows refused, in {:.2} s",
                imported.stored,
                imported.refused.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Backup { file } => {
            crate::backup::sqlite_file(&config.database_url)?;
            let db = db::connect(&config.database_url).await?;
            let started = std::time::Instant::now();
            let made = crate::backup::backup(&db, &config.database_url, &file).await?;
            println!(
                "backup written to {}: {} incidents, {} users, {} bytes, in {:.2} s",
                file.display(),
                made.incidents,
                made.users,
                made.bytes,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Restore { file } => {
            let restored = crate::backup::restore(&config.database_url, &file).await?;
            println!(
                "restored {} ({} incidents, {} users)",
                file.display(),
                restored.from.incidents,
                restored.from.users
            );
            if let Some(kept) = restored.kept {
                println!("the database it replaced is kept as {}", kept.display());
            }
            Ok(())
        }
        Command::Retention { months } => {
            let months = months
                .or(config.retention_months)
                .unwrap_or(app::ssr::retention::DEFAULT_MONTHS);
            if months < app::ssr::retention::MIN_MONTHS {
                bail!(
                    "--months {months}: at least {} (incidents can be edited for a year)",
                    app::ssr::retention::MIN_MONTHS
                );
            }
            let state = crate::build_state(&config).await?;
            let done = app::ssr::retention::run(&state.db, months, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("retention: {e}"))?;
            println!(
                "{} incidents older than {months} months anonymised ({} audit snapshots redacted)",
                done.incidents, done.audit_events
            );
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    org,
                    role,
                },
        } => {
            let role = Role::parse(&role).with_context(|| {
                format!("unknown role {role:?}: use admin, coordinator, reporter or manager")
            })?;
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\n', '\r']);
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            let input = users::UserForCreate {
                email: &email,
                name: &name,
                organisation: &org,
                role,
                password,
            };
            match users::create(&db, input).await {
                Ok(id) => {
                    tracing::info!(%id, "user added");
                    Ok(())
                }
                Err(shared::AppError::Validation(issues)) => {
                    let text: Vec<String> = issues
                        .iter()
                        .map(|i| format!("{}: {:?}", i.field, i.error))
                        .collect();
                    bail!("user not added: {}", text.join(", "))
                }
                Err(e) => bail!("user not added: {e}"),
            }
        }
    }
}
