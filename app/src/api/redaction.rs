//! Removing personal data from an incident: the coordinators' redaction, a reporter's request
//! for one, declining a request, and the open requests.

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::redaction::RedactionRequest;

#[cfg(feature = "ssr")]
fn incident_id(id: &str) -> Result<shared::ids::IncidentId, AppError> {
    shared::ids::IncidentId::parse(id).map_err(|_| AppError::NotFound)
}

/// `description`: `whole`, `part` (with `passage`) or empty; `place`: `on` to remove the
/// place's name too.
#[server(prefix = "/api", endpoint = "incidents/redact")]
pub async fn redact_incident(
    #[server(default)] id: String,
    #[server(default)] description: String,
    #[server(default)] passage: String,
    #[server(default)] place: Option<String>,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::redaction::RedactionInput {
                description,
                passage,
                place: place.is_some(),
                reason,
            };
            crate::ssr::redaction::redact(&state.db, &caller, incident_id(&id)?, &input).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "incidents/redaction-request")]
pub async fn request_redaction(
    #[server(default)] id: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::redaction::request(&state.db, &caller, incident_id(&id)?, &reason).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "redactions/decline")]
pub async fn decline_redaction(#[server(default)] id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
            crate::ssr::redaction::decline(&state.db, &caller, id).await
        }
        .await,
    )
}

/// Every open request (coordinators).
#[server(prefix = "/api", endpoint = "redactions/open")]
pub async fn open_redactions() -> Result<Vec<RedactionRequest>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            if !caller.can_redact() {
                return Err(AppError::Forbidden);
            }
            crate::ssr::redaction::open(&state.db, &caller, None, lang()).await
        }
        .await,
    )
}
