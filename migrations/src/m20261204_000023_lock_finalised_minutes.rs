//! Locked minutes stay locked, whatever writes: once a meeting is finalised the database
//! itself refuses any change to its attendance, ratings, reviews, frozen action states and
//! items (addenda may still be added), and to the meeting row, as it does for the audit log.
//! The app checks the same inside its write; this catches a path that forgot.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables of a meeting's minutes, each with a `meeting_id`.
const MINUTES: [&str; 6] = [
    "meeting_attendance",
    "meeting_person_attendance",
    "meeting_ratings",
    "action_reviews",
    "minutes_action_states",
    "meeting_items",
];

const MESSAGE: &str = "the minutes are locked";

fn locked(row: &str) -> String {
    format!("(SELECT state FROM meetings WHERE id = {row}.meeting_id) = 'finalised'")
}

fn sqlite_up() -> Vec<String> {
    let mut all = Vec::new();
    for table in MINUTES {
        // Addenda are how locked minutes are corrected.
        let insert_when = if table == "meeting_items" {
            format!("NEW.kind <> 'addendum' AND {}", locked("NEW"))
        } else {
            locked("NEW")
        };
        all.push(format!(
            "CREATE TRIGGER {table}_locked_insert BEFORE INSERT ON {table} WHEN {insert_when} \
             BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        ));
        all.push(format!(
            "CREATE TRIGGER {table}_locked_update BEFORE UPDATE ON {table} \
             WHEN {} OR {} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
            locked("OLD"),
            locked("NEW")
        ));
        all.push(format!(
            "CREATE TRIGGER {table}_locked_delete BEFORE DELETE ON {table} WHEN {} \
             BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
            locked("OLD")
        ));
    }
    all.push(format!(
        "CREATE TRIGGER meetings_locked_update BEFORE UPDATE ON meetings \
         WHEN OLD.state = 'finalised' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    ));
    all.push(format!(
        "CREATE TRIGGER meetings_locked_delete BEFORE DELETE ON meetings \
         WHEN OLD.state = 'finalised' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    ));
    all
}

fn sqlite_down() -> Vec<String> {
    let mut all: Vec<String> = MINUTES
        .iter()
        .flat_map(|t| {
            ["insert", "update", "delete"].map(|op| format!("DROP TRIGGER {t}_locked_{op}"))
        })
        .collect();
    all.push("DROP TRIGGER meetings_locked_update".into());
    all.push("DROP TRIGGER meetings_locked_delete".into());
    all
}

fn postgres_up() -> Vec<String> {
    let mut all = vec![
        format!(
            "CREATE FUNCTION minutes_locked() RETURNS trigger AS $$ \
             DECLARE row_meeting uuid; BEGIN \
               IF TG_OP IN ('UPDATE', 'DELETE') THEN \
                 IF (SELECT state FROM meetings WHERE id = OLD.meeting_id) = 'finalised' THEN \
                   RAISE EXCEPTION '{MESSAGE}'; END IF; \
               END IF; \
               IF TG_OP IN ('INSERT', 'UPDATE') THEN \
                 IF (SELECT state FROM meetings WHERE id = NEW.meeting_id) = 'finalised' \
                    AND NOT (TG_OP = 'INSERT' AND TG_TABLE_NAME = 'meeting_items' \
                             AND to_jsonb(NEW) ->> 'kind' = 'addendum') THEN \
                   RAISE EXCEPTION '{MESSAGE}'; END IF; \
                 RETURN NEW; \
               END IF; \
               RETURN OLD; \
             END; $$ LANGUAGE plpgsql"
        ),
        format!(
            "CREATE FUNCTION meetings_locked() RETURNS trigger AS $$ BEGIN \
               IF OLD.state = 'finalised' THEN RAISE EXCEPTION '{MESSAGE}'; END IF; \
               IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; \
               RETURN NEW; \
             END; $$ LANGUAGE plpgsql"
        ),
        "CREATE TRIGGER meetings_locked BEFORE UPDATE OR DELETE ON meetings \
         FOR EACH ROW EXECUTE FUNCTION meetings_locked()"
            .to_owned(),
    ];
    for table in MINUTES {
        all.push(format!(
            "CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} \
             FOR EACH ROW EXECUTE FUNCTION minutes_locked()"
        ));
    }
    all
}

fn postgres_down() -> Vec<String> {
    let mut all: Vec<String> = MINUTES
        .iter()
        .map(|t| format!("DROP TRIGGER {t}_locked ON {t}"))
        .collect();
    all.push("DROP TRIGGER meetings_locked ON meetings".into());
    all.push("DROP FUNCTION meetings_locked()".into());
    all.push("DROP FUNCTION minutes_locked()".into());
    all
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statements = match m.get_database_backend() {
            DatabaseBackend::Sqlite => sqlite_up(),
            _ => postgres_up(),
        };
        for sql in statements {
            m.get_connection().execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statements = match m.get_database_backend() {
            DatabaseBackend::Sqlite => sqlite_down(),
            _ => postgres_down(),
        };
        for sql in statements {
            m.get_connection().execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
