//! Contact directory server functions: search, save (coordinators and admins; a person their
//! own entry), deactivate and reactivate (coordinators and admins).

// A form posts one argument per field; the server macro's client half repeats them all.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::context::{caller, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::contact::Directory;

/// `q`: words that must all match; `area_id`: that area's posts and the municipality-wide
/// ones; `function`: a function code. Unknown or empty filters are ignored.
#[server(prefix = "/api", endpoint = "contacts/search")]
pub async fn search_contacts(
    #[server(default)] q: String,
    #[server(default)] area_id: String,
    #[server(default)] function: String,
) -> Result<Directory, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let filter = crate::ssr::contacts::Filter {
                words: q.chars().take(200).collect(),
                area: uuid::Uuid::parse_str(area_id.trim()).ok(),
                function: shared::contact::ContactFunction::parse(&function),
            };
            crate::ssr::contacts::directory(&state.db, &caller, &filter).await
        }
        .await,
    )
}

/// Creates (empty `id`) or changes a directory entry.
#[server(prefix = "/api", endpoint = "contacts/save")]
pub async fn save_contact(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] organisation_id: String,
    #[server(default)] function: String,
    #[server(default)] unit: String,
    #[server(default)] area_id: String,
    #[server(default)] phone: String,
    #[server(default)] email: String,
    #[server(default)] deputy_id: String,
    #[server(default)] account_email: String,
) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::contact::ContactInput {
                name,
                organisation_id,
                function,
                unit,
                area_id,
                phone,
                email,
                deputy_id,
                account_email,
            };
            let id = crate::ssr::contacts::save(&state.db, &caller, &id, &input).await?;
            Ok(id.to_string())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "contacts/deactivate")]
pub async fn deactivate_contact(id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::contacts::deactivate(&state.db, &caller, &id).await
        }
        .await,
    )
}

/// Brings back someone who was deactivated (back from leave, or deactivated by mistake).
#[server(prefix = "/api", endpoint = "contacts/reactivate")]
pub async fn reactivate_contact(id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::contacts::reactivate(&state.db, &caller, &id).await
        }
        .await,
    )
}
