//! SQLite's search index in time order, so that a search for a common word reads the newest
//! matches and stops, instead of collecting every match (183,000 for "klotter" over ten
//! years) and sorting them.
//!
//! Each incident's search key (`incident_search_keys.seq`, the FTS5 rowid) becomes the second
//! it occurred, times 2^20, plus a number for incidents of the same second: key order is
//! time order. Keys are renumbered here, and kept so by the triggers when an incident is
//! logged or its time corrected. PostgreSQL is untouched: its GIN index answers such searches
//! already.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::m20261204_000021_create_incident_search::{
    SQLITE_DELETE_TRIGGER, SQLITE_INSERT_TRIGGER, SQLITE_PLACE_TRIGGER, SQLITE_UPDATE_TRIGGER,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The first free key of `NEW`'s second (keys of one second differ in their low 20 bits).
macro_rules! next_key {
    () => {
        "coalesce((SELECT max(seq) + 1 FROM incident_search_keys \
           WHERE seq >= unixepoch(NEW.occurred_at) * 1048576 \
             AND seq < (unixepoch(NEW.occurred_at) + 1) * 1048576), \
         unixepoch(NEW.occurred_at) * 1048576)"
    };
}

/// A logged incident takes the next free key of its second.
const TIMED_INSERT_TRIGGER: &str = concat!(
    "CREATE TRIGGER incident_search_insert AFTER INSERT ON incidents BEGIN \
       INSERT INTO incident_search_keys (seq, incident_id) VALUES (",
    next_key!(),
    ", NEW.id); \
       INSERT INTO incident_search (rowid, description, place) VALUES ( \
         (SELECT seq FROM incident_search_keys WHERE incident_id = NEW.id), NEW.description, \
         (SELECT name FROM places WHERE id = NEW.place_id)); \
     END"
);

/// A changed text or place is indexed anew; a time moved to another second also takes a new
/// key, so the index stays in time order.
const TIMED_UPDATE_TRIGGER: &str = concat!(
    "CREATE TRIGGER incident_search_update \
     AFTER UPDATE OF description, place_id, occurred_at ON incidents BEGIN \
       DELETE FROM incident_search \
       WHERE rowid = (SELECT seq FROM incident_search_keys WHERE incident_id = OLD.id); \
       DELETE FROM incident_search_keys \
       WHERE incident_id = OLD.id AND unixepoch(NEW.occurred_at) <> unixepoch(OLD.occurred_at); \
       INSERT INTO incident_search_keys (seq, incident_id) SELECT ",
    next_key!(),
    ", NEW.id WHERE NOT EXISTS (SELECT 1 FROM incident_search_keys WHERE incident_id = NEW.id); \
       INSERT INTO incident_search (rowid, description, place) VALUES ( \
         (SELECT seq FROM incident_search_keys WHERE incident_id = NEW.id), NEW.description, \
         (SELECT name FROM places WHERE id = NEW.place_id)); \
     END"
);

const UP: [&str; 16] = [
    // Every trigger naming the keys goes while their table is replaced.
    "DROP TRIGGER incident_search_insert",
    "DROP TRIGGER incident_search_update",
    "DROP TRIGGER incident_search_delete",
    "DROP TRIGGER incident_search_place",
    "CREATE TABLE incident_search_keys_timed (seq INTEGER PRIMARY KEY, incident_id BLOB NOT NULL UNIQUE)",
    "INSERT INTO incident_search_keys_timed (seq, incident_id) \
     SELECT unixepoch(occurred_at) * 1048576 \
       + row_number() OVER (PARTITION BY unixepoch(occurred_at) ORDER BY id) - 1, id \
     FROM incidents",
    "DROP TABLE incident_search_keys",
    "ALTER TABLE incident_search_keys_timed RENAME TO incident_search_keys",
    // The index is built anew under the new keys: faster than moving every row, and a
    // dropped table leaves no words behind.
    "DROP TABLE incident_search",
    "CREATE VIRTUAL TABLE incident_search USING fts5(description, place, \
     tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO incident_search(incident_search, rank) VALUES ('secure-delete', 1)",
    "INSERT INTO incident_search (rowid, description, place) \
     SELECT k.seq, i.description, p.name FROM incident_search_keys k \
     JOIN incidents i ON i.id = k.incident_id LEFT JOIN places p ON p.id = i.place_id",
    TIMED_INSERT_TRIGGER,
    TIMED_UPDATE_TRIGGER,
    SQLITE_DELETE_TRIGGER,
    SQLITE_PLACE_TRIGGER,
];

/// Back to the keys in logging order: the renumbered keys stay (any distinct integers do).
const DOWN: [&str; 4] = [
    "DROP TRIGGER incident_search_insert",
    "DROP TRIGGER incident_search_update",
    SQLITE_INSERT_TRIGGER,
    SQLITE_UPDATE_TRIGGER,
];

/// Runs `statements` as one script on one connection, inside a savepoint: another connection
/// of the pool could still hold the schema from before a table or trigger was replaced, and
/// the savepoint makes it all or nothing.
async fn in_one_go(m: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let mut script = vec!["SAVEPOINT order_incident_search"];
    script.extend(statements);
    script.push("RELEASE order_incident_search");
    m.get_connection()
        .execute_unprepared(&script.join(";\n"))
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_database_backend() {
            DatabaseBackend::Postgres => Ok(()),
            _ => in_one_go(m, &UP).await,
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_database_backend() {
            DatabaseBackend::Postgres => Ok(()),
            _ => in_one_go(m, &DOWN).await,
        }
    }
}
