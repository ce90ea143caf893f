//! What each call of the matrix did to the database, checked against the audit log: a refused
//! call changes nothing and records no change; an allowed call that changes something records
//! at least one change, and every change it records is complete (a creation with the record
//! after, a deletion with the record before, an update with both, and they differ).
//!
//! A fingerprint holds a digest of every table's content, whatever the order of its rows.
//! Left out is what changes without a change of its own being recorded: sessions, the audit
//! log itself, sign-in throttling, counts kept by triggers, the text-search index and the
//! migrations' bookkeeping; and of `users`, the time of the last sign-in (a sign-in is
//! recorded as such).

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use app::ssr::entities::audit_event;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, Statement,
};
use serde_json::Value;
use shared::audit::AuditAction;
use uuid::Uuid;

use crate::tables::Outcome;

/// Each table's name with a digest of its content.
pub type Fingerprint = BTreeMap<String, String>;

/// The actions that record a change to a record (the others record a view, an export or a
/// sign-in).
const CHANGES: [AuditAction; 5] = [
    AuditAction::Create,
    AuditAction::Update,
    AuditAction::Delete,
    AuditAction::Redact,
    AuditAction::Anonymise,
];

/// Columns that change on every sign-in, which is recorded as a sign-in.
const SIGN_IN_COLUMNS: [(&str, &str); 1] = [("users", "last_sign_in_at")];

/// Tables whose changes are recorded elsewhere or are no content: sessions, the audit log,
/// sign-in throttling, SQLite's own tables (`sqlite_sequence`, statistics), the migrations'
/// bookkeeping, counts that triggers keep after the incidents, and the text-search index
/// (with SQLite's FTS5 shadow tables).
fn left_out(table: &str) -> bool {
    matches!(
        table,
        "sessions" | "audit_events" | "sign_in_failures" | "seaql_migrations"
    ) || table.starts_with("sqlite_")
        || table.ends_with("_counts")
        || table.starts_with("incident_search")
}

/// Every table that counts, with the columns that count, in the order they were declared.
async fn columns(db: &DatabaseConnection) -> BTreeMap<String, Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c \
             JOIN information_schema.tables t \
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
             ORDER BY c.table_name, c.ordinal_position"
        }
        _ => {
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' ORDER BY m.name, p.cid"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .expect("the tables' columns");
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        let table: String = row.try_get_by_index(0).expect("table name");
        let column: String = row.try_get_by_index(1).expect("column name");
        if left_out(&table) || SIGN_IN_COLUMNS.contains(&(table.as_str(), column.as_str())) {
            continue;
        }
        tables.entry(table).or_default().push(column);
    }
    tables
}

/// A scalar subquery for one table's content, its rows sorted: an MD5 on PostgreSQL, the
/// rows themselves (quoted, so no two contents read alike) on SQLite.
fn content(backend: DbBackend, table: &str, columns: &[String]) -> String {
    match backend {
        DbBackend::Postgres => {
            let listed: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
            format!(
                "(SELECT md5(coalesce(string_agg(r::text, chr(10) ORDER BY r::text), '')) \
                 FROM (SELECT {} FROM \"{table}\") r)",
                listed.join(", ")
            )
        }
        _ => {
            let quoted: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
            format!(
                "(SELECT coalesce(group_concat(r, char(10) ORDER BY r), '') \
                 FROM (SELECT {} AS r FROM \"{table}\"))",
                quoted.join(" || '|' || ")
            )
        }
    }
}

/// A short digest of a table's content, to compare and to keep.
fn digest(content: &str) -> String {
    let mut hasher = DefaultHasher::new();
    content.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The content of every table that counts, in two round trips: the columns, then one query
/// with a subquery per table.
pub async fn fingerprint(db: &DatabaseConnection) -> Fingerprint {
    let backend = db.get_database_backend();
    let selects: Vec<String> = columns(db)
        .await
        .iter()
        .map(|(table, columns)| {
            format!(
                "SELECT CAST('{table}' AS TEXT), {}",
                content(backend, table, columns)
            )
        })
        .collect();
    if selects.is_empty() {
        return Fingerprint::new();
    }
    let rows = db
        .query_all_raw(Statement::from_string(backend, selects.join(" UNION ALL ")))
        .await
        .expect("the tables' content");
    rows.iter()
        .map(|row| {
            let table: String = row.try_get_by_index(0).expect("table name");
            let text: String = row.try_get_by_index(1).expect("table content");
            (table, digest(&text))
        })
        .collect()
}

/// The tables whose content differs between two fingerprints.
pub fn differing(before: &Fingerprint, after: &Fingerprint) -> Vec<String> {
    let tables: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    tables
        .into_iter()
        .filter(|t| before.get(*t) != after.get(*t))
        .cloned()
        .collect()
}

/// The newest event in the audit log (ids are UUIDv7: they sort in the order written).
async fn newest_event(db: &DatabaseConnection) -> Option<Uuid> {
    audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .one(db)
        .await
        .expect("the newest audit event")
        .map(|e| e.id)
}

/// The changes recorded after `since`, oldest first.
async fn changes_since(db: &DatabaseConnection, since: Option<Uuid>) -> Vec<audit_event::Model> {
    let mut query = audit_event::Entity::find().filter(audit_event::Column::Action.is_in(CHANGES));
    if let Some(since) = since {
        query = query.filter(audit_event::Column::Id.gt(since));
    }
    query
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
        .expect("new audit events")
}

/// A snapshot of a record as an event holds it; `None` when there is none (or an empty one).
fn snapshot(json: Option<&str>) -> Option<Value> {
    let json = json?;
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Null) => None,
        Ok(Value::Object(fields)) if fields.is_empty() => None,
        Ok(value) => Some(value),
        // Not JSON, but something was kept.
        Err(_) => Some(Value::String(json.to_owned())),
    }
}

/// Why an event does not tell the whole change, if it does not.
fn incomplete(event: &audit_event::Model) -> Option<&'static str> {
    let before = snapshot(event.before_json.as_deref());
    let after = snapshot(event.after_json.as_deref());
    match (event.action, before, after) {
        (AuditAction::Create, _, None) => Some("a creation without the record after"),
        (AuditAction::Delete, None, _) => Some("a deletion without the record before"),
        (AuditAction::Update, Some(before), Some(after)) if before == after => {
            Some("an update whose before and after are the same")
        }
        (AuditAction::Update, None, _) | (AuditAction::Update, _, None) => {
            Some("an update without both the record before and after")
        }
        _ => None,
    }
}

/// One event, short: what, of which record, and the record before and after.
fn describe(event: &audit_event::Model) -> String {
    let side = |json: Option<&str>| json.map_or_else(|| "-".to_owned(), |j| format!("{j:.80}"));
    let record = event
        .record_id
        .map_or_else(String::new, |id| id.to_string());
    format!(
        "{:?} {:?} {record} before {} after {}",
        event.action,
        event.record_type,
        side(event.before_json.as_deref()),
        side(event.after_json.as_deref()),
    )
}

fn described(events: &[audit_event::Model]) -> String {
    if events.is_empty() {
        return "none".to_owned();
    }
    events.iter().map(describe).collect::<Vec<_>>().join("; ")
}

fn listed(tables: &[String]) -> String {
    if tables.is_empty() {
        return "nothing".to_owned();
    }
    tables.join(", ")
}

/// The database and the end of the audit log just before a call.
pub struct Ledger {
    before: Fingerprint,
    newest: Option<Uuid>,
}

impl Ledger {
    /// Taken just before the call, once its browser is signed in (a sign-in is not the call's).
    pub async fn open(db: &DatabaseConnection) -> Ledger {
        Ledger {
            newest: newest_event(db).await,
            before: fingerprint(db).await,
        }
    }

    /// Checks what the call did against the answer the tables expect, `what` naming the call
    /// in the misses: refused, nothing may change and no change may be recorded; allowed and
    /// changing something, a change must be recorded and every recorded change be complete.
    pub async fn close(
        self,
        db: &DatabaseConnection,
        expected: Outcome,
        what: &str,
        misses: &mut Vec<String>,
    ) {
        let changed = differing(&self.before, &fingerprint(db).await);
        let events = changes_since(db, self.newest).await;
        if expected != Outcome::K {
            if !changed.is_empty() || !events.is_empty() {
                misses.push(format!(
                    "{what}: refused ({expected:?}) but changed {}; recorded {}",
                    listed(&changed),
                    described(&events)
                ));
            }
            return;
        }
        // A call that changed nothing (asked again, say) is not held to what it recorded.
        if changed.is_empty() {
            return;
        }
        if events.is_empty() {
            misses.push(format!(
                "{what}: changed {} and recorded no change in the audit log",
                listed(&changed)
            ));
        }
        let partial: Vec<String> = events
            .iter()
            .filter_map(|e| incomplete(e).map(|why| format!("{why}: {}", describe(e))))
            .collect();
        if !partial.is_empty() {
            misses.push(format!(
                "{what}: changed {}; recorded incompletely: {}",
                listed(&changed),
                partial.join("; ")
            ));
        }
    }
}
