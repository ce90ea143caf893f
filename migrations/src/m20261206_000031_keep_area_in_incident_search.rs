//! PostgreSQL's search index keeps each incident's area beside its words, so a search within
//! one area is answered from the index's own rows.
//!
//! Before, a search for two words in one area found every match in the whole municipality
//! (10,726 on the benchmark's ten years), looked each up in `incidents` to test its area, and
//! kept 794. Now the matches and the area's rows are two bitmaps of one table, joined before
//! a row is read. The trigger that keeps the words keeps the area too, through every insert
//! and every correction of an incident's area. SQLite is untouched: its index is read newest
//! first and stops at a page, testing the area as it goes.
//!
//! The fill rewrites every row of the index once (12.7 s for a million rows). Autovacuum
//! reclaims the old versions; a database that runs without it needs `VACUUM incident_search`
//! afterwards, or its searches keep reading them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::m20261204_000021_create_incident_search::{
    POSTGRES_SYNC_FUNCTION, POSTGRES_SYNC_TRIGGER,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: [&str; 7] = [
    // Both tables at once, incidents first, as a logging server's trigger takes them: a server
    // still running during the migration waits for it instead of deadlocking with it.
    "LOCK TABLE incidents, incident_search IN ACCESS EXCLUSIVE MODE",
    "ALTER TABLE incident_search ADD COLUMN area_id uuid",
    "UPDATE incident_search s SET area_id = i.area_id FROM incidents i WHERE i.id = s.incident_id",
    "CREATE INDEX ix_incident_search_area ON incident_search (area_id)",
    "CREATE OR REPLACE FUNCTION incident_search_sync() RETURNS trigger AS $$ BEGIN \
       INSERT INTO incident_search (incident_id, doc, area_id) \
       VALUES (NEW.id, incident_search_doc(NEW.description, NEW.place_id), NEW.area_id) \
       ON CONFLICT (incident_id) DO UPDATE SET doc = excluded.doc, area_id = excluded.area_id; \
       RETURN NULL; \
     END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER incident_search_sync ON incidents",
    "CREATE TRIGGER incident_search_sync AFTER INSERT OR UPDATE OF description, place_id, area_id \
     ON incidents FOR EACH ROW EXECUTE FUNCTION incident_search_sync()",
];

/// Back to the words alone, as `create_incident_search` kept them.
const DOWN: [&str; 5] = [
    "DROP TRIGGER incident_search_sync ON incidents",
    POSTGRES_SYNC_FUNCTION,
    POSTGRES_SYNC_TRIGGER,
    "DROP INDEX ix_incident_search_area",
    "ALTER TABLE incident_search DROP COLUMN area_id",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            for sql in UP {
                m.get_connection().execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            for sql in DOWN {
                m.get_connection().execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }
}
