//! Audit-log server functions: search (admins and coordinators) and the users to filter by.

#[cfg(feature = "ssr")]
use super::context::{caller, respond, state};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::AppError;
use shared::audit::{AuditFilter, AuditPage};

/// A user to pick in the audit filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserOption {
    pub id: String,
    pub label: String,
}

#[server(prefix = "/api", endpoint = "audit/search")]
pub async fn search_audit(#[server(default)] filter: AuditFilter) -> Result<AuditPage, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::audit::search(&state.db, &caller, &filter).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "audit/users")]
pub async fn audit_users() -> Result<Vec<UserOption>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let users = crate::ssr::users::list(&state.db, &caller).await?;
            Ok(users
                .into_iter()
                .map(|(id, label)| UserOption {
                    id: id.to_string(),
                    label,
                })
                .collect())
        }
        .await,
    )
}
