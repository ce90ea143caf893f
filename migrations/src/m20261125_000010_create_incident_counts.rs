//! Incident counts per ISO week, kept by the database itself: per area and category (with how
//! many involved young people or the physical environment) and per place. The situation
//! picture, the dashboard and the yearly report read these instead of counting a decade of
//! incidents on every request. Triggers on `incidents` keep them exact through every insert,
//! change and delete, whichever code path (form, CSV import, demo data) makes it.
//!
//! Each change adds +1 or −1 to a row of its own `shard`: always 0 on SQLite, where writers
//! take turns anyway, and one of eight by connection on PostgreSQL, so that concurrent writers
//! logging into the same week, area and category do not queue on one row until they commit.
//! Readers sum over shards; a sum of 0 means none.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::helpers::uuid_ref;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IncidentWeekCounts {
    Table,
    WeekKey,
    AreaId,
    CategoryId,
    Shard,
    Incidents,
    Youth,
    Environment,
}

#[derive(DeriveIden)]
enum PlaceWeekCounts {
    Table,
    WeekKey,
    AreaId,
    PlaceId,
    Shard,
    Incidents,
}

fn int<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().to_owned()
}

/// `INSERT … ON CONFLICT DO UPDATE` adding `sign` (1 or -1) for the row `row` (NEW or OLD).
fn upserts(row: &str, sign: &str, shard: &str, bool_to_int: fn(&str) -> String) -> String {
    let youth = bool_to_int(&format!("{row}.youth_involved"));
    let environment = bool_to_int(&format!("{row}.physical_environment"));
    format!(
        "INSERT INTO incident_week_counts \
           (week_key, area_id, category_id, shard, incidents, youth, environment) \
         VALUES ({row}.week_key, {row}.area_id, {row}.category_id, {shard}, {sign}1, \
           {sign}{youth}, {sign}{environment}) \
         ON CONFLICT (week_key, area_id, category_id, shard) DO UPDATE SET \
           incidents = incident_week_counts.incidents + excluded.incidents, \
           youth = incident_week_counts.youth + excluded.youth, \
           environment = incident_week_counts.environment + excluded.environment; \
         INSERT INTO place_week_counts (week_key, area_id, place_id, shard, incidents) \
         VALUES ({row}.week_key, {row}.area_id, {row}.place_id, {shard}, {sign}1) \
         ON CONFLICT (week_key, area_id, place_id, shard) DO UPDATE SET \
           incidents = place_week_counts.incidents + excluded.incidents;"
    )
}

/// The columns whose change moves an incident from one count to another.
const COUNTED: &str =
    "week_key, area_id, category_id, place_id, youth_involved, physical_environment";

fn sqlite_triggers() -> Vec<String> {
    let int = |col: &str| format!("({col} <> 0)");
    let (add, remove) = (upserts("NEW", "", "0", int), upserts("OLD", "-", "0", int));
    vec![
        format!("CREATE TRIGGER incident_counts_insert AFTER INSERT ON incidents BEGIN {add} END"),
        format!(
            "CREATE TRIGGER incident_counts_delete AFTER DELETE ON incidents BEGIN {remove} END"
        ),
        format!(
            "CREATE TRIGGER incident_counts_update AFTER UPDATE OF {COUNTED} ON incidents \
             BEGIN {remove} {add} END"
        ),
    ]
}

fn postgres_triggers() -> Vec<String> {
    let int = |col: &str| format!("({col})::int");
    let shard = "(pg_backend_pid() % 8)::smallint";
    vec![
        format!(
            "CREATE FUNCTION incident_counts() RETURNS trigger AS $$ BEGIN \
               IF TG_OP <> 'INSERT' THEN {} END IF; \
               IF TG_OP <> 'DELETE' THEN {} END IF; \
               RETURN NULL; \
             END; $$ LANGUAGE plpgsql",
            upserts("OLD", "-", shard, int),
            upserts("NEW", "", shard, int),
        ),
        format!(
            "CREATE TRIGGER incident_counts AFTER INSERT OR DELETE OR UPDATE OF {COUNTED} \
             ON incidents FOR EACH ROW EXECUTE FUNCTION incident_counts()"
        ),
    ]
}

/// Counts for the incidents already stored (the migration may run on a full database).
const BACKFILL: [&str; 2] = [
    "INSERT INTO incident_week_counts \
       (week_key, area_id, category_id, shard, incidents, youth, environment) \
     SELECT week_key, area_id, category_id, 0, COUNT(*), \
       SUM(CASE WHEN youth_involved THEN 1 ELSE 0 END), \
       SUM(CASE WHEN physical_environment THEN 1 ELSE 0 END) \
     FROM incidents GROUP BY week_key, area_id, category_id",
    "INSERT INTO place_week_counts (week_key, area_id, place_id, shard, incidents) \
     SELECT week_key, area_id, place_id, 0, COUNT(*) \
     FROM incidents GROUP BY week_key, area_id, place_id",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use IncidentWeekCounts as W;
        use PlaceWeekCounts as P;
        m.create_table(
            Table::create()
                .table(W::Table)
                .col(int(W::WeekKey))
                .col(uuid_ref(W::AreaId))
                .col(uuid_ref(W::CategoryId))
                .col(ColumnDef::new(W::Shard).small_integer().not_null())
                .col(int(W::Incidents))
                .col(int(W::Youth))
                .col(int(W::Environment))
                .primary_key(
                    Index::create()
                        .col(W::WeekKey)
                        .col(W::AreaId)
                        .col(W::CategoryId)
                        .col(W::Shard),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(int(P::WeekKey))
                .col(uuid_ref(P::AreaId))
                .col(uuid_ref(P::PlaceId))
                .col(ColumnDef::new(P::Shard).small_integer().not_null())
                .col(int(P::Incidents))
                .primary_key(
                    Index::create()
                        .col(P::WeekKey)
                        .col(P::AreaId)
                        .col(P::PlaceId)
                        .col(P::Shard),
                )
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        for sql in BACKFILL {
            db.execute_unprepared(sql).await?;
        }
        let triggers = match m.get_database_backend() {
            DatabaseBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        for sql in triggers {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS incident_counts ON incidents")
                    .await?;
                db.execute_unprepared("DROP FUNCTION IF EXISTS incident_counts()")
                    .await?;
            }
            _ => {
                for t in ["insert", "delete", "update"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS incident_counts_{t}"))
                        .await?;
                }
            }
        }
        m.drop_table(Table::drop().table(PlaceWeekCounts::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(IncidentWeekCounts::Table).to_owned())
            .await
    }
}
