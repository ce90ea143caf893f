//! The audit trail as pages see it: who did what to which record, and what changed.

#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// What was done. Persisted as a short string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum AuditAction {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "view"))]
    View,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "create"))]
    Create,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "update"))]
    Update,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "delete"))]
    Delete,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "export"))]
    Export,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sign_in"))]
    SignIn,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "failed_sign_in"))]
    FailedSignIn,
    /// Retention removed free text and exact places from old records.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "anonymise"))]
    Anonymise,
    /// A coordinator removed personal data that slipped into a record (the reason is kept,
    /// never the text).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "redact"))]
    Redact,
}

impl AuditAction {
    /// Whether the event changes records (and so what is counted and shown of them), rather
    /// than reading, exporting or signing in.
    pub fn changes_records(self) -> bool {
        matches!(
            self,
            Self::Create | Self::Update | Self::Delete | Self::Anonymise | Self::Redact
        )
    }
}

/// Which kind of record an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")
)]
pub enum RecordType {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "incident"))]
    Incident,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "incident_list"))]
    IncidentList,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "weekly_report"))]
    WeeklyReport,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "session"))]
    Session,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "action"))]
    Action,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "meeting"))]
    Meeting,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "minutes"))]
    Minutes,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "contact"))]
    Contact,
    /// An area group's membership.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "area_group"))]
    AreaGroup,
    /// A search of the audit log itself: what was asked and which events were shown.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "audit_log"))]
    AuditLog,
    /// Areas, places, categories and organisations (admins keep them).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reference"))]
    ReferenceData,
    /// The dashboard's figures (exported as CSV).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "dashboard"))]
    Dashboard,
    /// A user account: who may sign in, in which organisation and role.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "account"))]
    Account,
    /// A reporter's request that personal data be removed from an incident.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "redaction_request"))]
    RedactionRequest,
    /// An unsafe place sent to the organisation that fixes it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "work_order"))]
    WorkOrder,
    /// A safety walk and what was observed on it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "safety_walk"))]
    SafetyWalk,
}

/// One field that changed, with its value before and after (as shown to people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One audit event as the audit page and an incident's history show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: String,
    /// Local time, `2026-11-24 21:30:05`.
    pub at: String,
    pub user: Option<String>,
    pub organisation: Option<String>,
    pub action: AuditAction,
    pub record_type: RecordType,
    pub record_id: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// A page of audit events, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub next_cursor: Option<String>,
}

/// Search filters of the audit page, as they appear in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user: Option<String>,
    pub record: Option<String>,
    /// First day, `2026-11-01` (local).
    pub from: Option<String>,
    /// Last day, inclusive.
    pub to: Option<String>,
    pub before: Option<String>,
}

/// Compares two flat JSON snapshots: the fields whose values differ, in the order of `after`.
pub fn changes(
    before: &serde_json::Map<String, serde_json::Value>,
    after: &serde_json::Map<String, serde_json::Value>,
) -> Vec<FieldChange> {
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, v)| FieldChange {
            field: k.clone(),
            before: show(before.get(k)),
            after: show(Some(v)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_listed() {
        let before =
            json!({"description": "Krossad ruta", "area": "Rimbo", "youth_involved": false});
        let after =
            json!({"description": "Krossad ruta, lagad", "area": "Rimbo", "youth_involved": true});
        let diff = changes(before.as_object().unwrap(), after.as_object().unwrap());
        assert_eq!(
            diff,
            vec![
                FieldChange {
                    field: "description".into(),
                    before: "Krossad ruta".into(),
                    after: "Krossad ruta, lagad".into()
                },
                FieldChange {
                    field: "youth_involved".into(),
                    before: "false".into(),
                    after: "true".into()
                },
            ]
        );
    }

    #[test]
    fn a_creation_lists_every_field() {
        let after = json!({"description": "Ny"});
        let diff = changes(&serde_json::Map::new(), after.as_object().unwrap());
        assert_eq!(
            diff,
            vec![FieldChange {
                field: "description".into(),
                before: "".into(),
                after: "Ny".into()
            }]
        );
    }
}
