//! Text search over incidents: each incident's description and place name in one searchable
//! document, kept by triggers through every insert, edit, redaction, anonymisation, delete
//! and place rename, whichever path made it.
//!
//! SQLite: an FTS5 table (unicode61 tokens, secure-delete on, so a redacted word leaves the
//! index too), keyed by a stable integer per incident (`incident_search_keys`: an INTEGER
//! PRIMARY KEY survives VACUUM, the implicit rowid of `incidents` would not).
//! PostgreSQL: a `tsvector` per incident with a GIN index, the `simple` configuration (no
//! stemming, as on SQLite; a query word matches as a prefix on both).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An incident logged gets the next key and its words indexed.
pub(crate) const SQLITE_INSERT_TRIGGER: &str = "CREATE TRIGGER incident_search_insert AFTER INSERT ON incidents BEGIN \
       INSERT INTO incident_search_keys (incident_id) VALUES (NEW.id); \
       INSERT INTO incident_search (rowid, description, place) VALUES ( \
         (SELECT seq FROM incident_search_keys WHERE incident_id = NEW.id), NEW.description, \
         (SELECT name FROM places WHERE id = NEW.place_id)); \
     END";

/// An incident's new text or place replaces its words (times are keyed anew by migration 030).
pub(crate) const SQLITE_UPDATE_TRIGGER: &str = "CREATE TRIGGER incident_search_update AFTER UPDATE OF description, place_id ON incidents \
     BEGIN \
       UPDATE incident_search SET description = NEW.description, \
         place = (SELECT name FROM places WHERE id = NEW.place_id) \
       WHERE rowid = (SELECT seq FROM incident_search_keys WHERE incident_id = NEW.id); \
     END";

/// A deleted incident leaves the index and its key goes.
pub(crate) const SQLITE_DELETE_TRIGGER: &str = "CREATE TRIGGER incident_search_delete AFTER DELETE ON incidents BEGIN \
       DELETE FROM incident_search \
       WHERE rowid = (SELECT seq FROM incident_search_keys WHERE incident_id = OLD.id); \
       DELETE FROM incident_search_keys WHERE incident_id = OLD.id; \
     END";

/// A renamed place is renamed in the words of every incident there.
pub(crate) const SQLITE_PLACE_TRIGGER: &str = "CREATE TRIGGER incident_search_place AFTER UPDATE OF name ON places BEGIN \
       UPDATE incident_search SET place = NEW.name WHERE rowid IN ( \
         SELECT k.seq FROM incident_search_keys k JOIN incidents i ON i.id = k.incident_id \
         WHERE i.place_id = NEW.id); \
     END";

const SQLITE_UP: [&str; 9] = [
    "CREATE TABLE incident_search_keys (seq INTEGER PRIMARY KEY, incident_id BLOB NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE incident_search USING fts5(description, place, \
     tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO incident_search(incident_search, rank) VALUES ('secure-delete', 1)",
    "INSERT INTO incident_search_keys (incident_id) SELECT id FROM incidents ORDER BY occurred_at",
    "INSERT INTO incident_search (rowid, description, place) \
     SELECT k.seq, i.description, p.name FROM incident_search_keys k \
     JOIN incidents i ON i.id = k.incident_id JOIN places p ON p.id = i.place_id",
    SQLITE_INSERT_TRIGGER,
    SQLITE_UPDATE_TRIGGER,
    SQLITE_DELETE_TRIGGER,
    SQLITE_PLACE_TRIGGER,
];

const SQLITE_DOWN: [&str; 6] = [
    "DROP TRIGGER incident_search_place",
    "DROP TRIGGER incident_search_delete",
    "DROP TRIGGER incident_search_update",
    "DROP TRIGGER incident_search_insert",
    "DROP TABLE incident_search",
    "DROP TABLE incident_search_keys",
];

/// PostgreSQL: a logged or corrected incident's words indexed (the function, then its trigger).
pub(crate) const POSTGRES_SYNC_FUNCTION: &str = "CREATE OR REPLACE FUNCTION incident_search_sync() \
     RETURNS trigger AS $$ BEGIN \
       INSERT INTO incident_search (incident_id, doc) \
       VALUES (NEW.id, incident_search_doc(NEW.description, NEW.place_id)) \
       ON CONFLICT (incident_id) DO UPDATE SET doc = excluded.doc; \
       RETURN NULL; \
     END; $$ LANGUAGE plpgsql";
pub(crate) const POSTGRES_SYNC_TRIGGER: &str = "CREATE TRIGGER incident_search_sync \
     AFTER INSERT OR UPDATE OF description, place_id \
     ON incidents FOR EACH ROW EXECUTE FUNCTION incident_search_sync()";

const POSTGRES_UP: [&str; 8] = [
    "CREATE TABLE incident_search ( \
       incident_id uuid PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE, \
       doc tsvector NOT NULL)",
    "CREATE INDEX ix_incident_search_doc ON incident_search USING GIN (doc)",
    "CREATE FUNCTION incident_search_doc(description text, place uuid) RETURNS tsvector AS $$ \
       SELECT to_tsvector('simple', coalesce(description, '') || ' ' || \
         coalesce((SELECT name FROM places WHERE id = place), '')) \
     $$ LANGUAGE sql STABLE",
    POSTGRES_SYNC_FUNCTION,
    POSTGRES_SYNC_TRIGGER,
    "CREATE FUNCTION incident_search_place() RETURNS trigger AS $$ BEGIN \
       UPDATE incident_search s SET doc = incident_search_doc(i.description, i.place_id) \
       FROM incidents i WHERE i.id = s.incident_id AND i.place_id = NEW.id; \
       RETURN NULL; \
     END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER incident_search_place AFTER UPDATE OF name ON places \
     FOR EACH ROW EXECUTE FUNCTION incident_search_place()",
    "INSERT INTO incident_search (incident_id, doc) \
     SELECT id, incident_search_doc(description, place_id) FROM incidents",
];

const POSTGRES_DOWN: [&str; 6] = [
    "DROP TRIGGER incident_search_place ON places",
    "DROP FUNCTION incident_search_place()",
    "DROP TRIGGER incident_search_sync ON incidents",
    "DROP FUNCTION incident_search_sync()",
    "DROP TABLE incident_search",
    "DROP FUNCTION incident_search_doc(text, uuid)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statements: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &POSTGRES_UP,
            _ => &SQLITE_UP,
        };
        for sql in statements {
            m.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statements: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &POSTGRES_DOWN,
            _ => &SQLITE_DOWN,
        };
        for sql in statements {
            m.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
