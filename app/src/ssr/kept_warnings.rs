//! Name warnings reporters chose to keep: recorded inside the write that saves the incident,
//! and shown to the coordinators per organisation with the incidents to check (and, where a
//! name did slip through, to redact).

use std::collections::BTreeMap;

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::AppError;
use shared::ids::IncidentId;
use shared::lang::Lang;
use shared::names::{KeptWarnings, NameWarning};
use shared::user::CurrentUser;
use uuid::Uuid;

use super::entities::{audit_event, kept_warning};
use super::time::to_local;
use super::{Result, db_err, incidents, reference};
use shared::audit::AuditAction;

/// How far back the coordinators' overview reaches.
pub const DAYS: u32 = 30;
/// The most incidents it lists.
const LISTED: usize = 20;

/// Records a kept warning of `caller`'s organisation on `incident` (inside the caller's write).
pub async fn record<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    incident: Uuid,
    kind: NameWarning,
) -> Result<()> {
    kept_warning::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(caller.organisation_id.0),
        incident_id: Set(incident),
        kind: Set(kind.code().to_owned()),
        at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// The last [`DAYS`] days' kept warnings, for coordinators.
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    lang: Lang,
) -> Result<KeptWarnings> {
    if !caller.can_redact() {
        return Err(AppError::Forbidden);
    }
    let since = Utc::now() - TimeDelta::days(i64::from(DAYS));
    let rows = kept_warning::Entity::find()
        .filter(kept_warning::Column::At.gte(since))
        .order_by_desc(kept_warning::Column::At)
        .all(db)
        .await
        .map_err(db_err)?;
    let orgs = reference::organisation_names(db).await?;
    let mut per: BTreeMap<String, u64> = BTreeMap::new();
    for r in &rows {
        *per.entry(orgs.get(&r.organisation_id).cloned().unwrap_or_default())
            .or_default() += 1;
    }
    // An incident a coordinator has since removed personal data from needs no more reading.
    let redacted: std::collections::HashSet<Uuid> = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(AuditAction::Redact))
        .filter(audit_event::Column::RecordId.is_in(rows.iter().map(|r| r.incident_id)))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter_map(|e| e.record_id)
        .collect();
    let mut listed = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in rows
        .iter()
        .filter(|r| !redacted.contains(&r.incident_id) && seen.insert(r.incident_id))
        .take(LISTED)
    {
        let summary = incidents::get_for_link(db, caller, IncidentId(r.incident_id), lang)
            .await
            .map(|s| format!("{}, {} · {}", s.area, s.place, s.category))
            .unwrap_or_default();
        listed.push((
            r.incident_id.to_string(),
            summary,
            orgs.get(&r.organisation_id).cloned().unwrap_or_default(),
            to_local(r.at).format("%Y-%m-%d %H:%M").to_string(),
        ));
    }
    let mut per_organisation: Vec<(String, u64)> = per.into_iter().collect();
    per_organisation.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(KeptWarnings {
        days: DAYS,
        per_organisation,
        incidents: listed,
    })
}
