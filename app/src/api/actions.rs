//! Action server functions: lists, detail, create (coordinators), state changes.

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::action::{ActionDetail, ActionOverview, ActionPage};

/// A page of actions. `scope`: `open` (default), `mine` or `all`; `after`: the cursor of the
/// page before (a malformed one is a 400).
#[server(prefix = "/api", endpoint = "actions/list")]
pub async fn list_actions(
    #[server(default)] scope: String,
    #[server(default)] after: String,
) -> Result<ActionPage, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let scope = shared::action::ActionScope::parse(&scope);
            crate::ssr::actions::list(&state.db, &caller, scope, Some(&after)).await
        }
        .await,
    )
}

/// The start page's summary of the open actions in `scope` (`open` or `mine`): counts and the
/// longest overdue by name.
#[server(prefix = "/api", endpoint = "actions/overview")]
pub async fn get_action_overview(
    #[server(default)] scope: String,
) -> Result<ActionOverview, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let scope = shared::action::ActionScope::parse(&scope);
            crate::ssr::actions::overview(&state.db, &caller, scope).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "actions/get")]
pub async fn get_action(id: String) -> Result<ActionDetail, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
            crate::ssr::actions::get(&state.db, &caller, id, lang()).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "actions/create")]
pub async fn create_action(
    #[server(default)] title: String,
    #[server(default)] owner_organisation_id: String,
    #[server(default)] owner_person: String,
    #[server(default)] due: String,
    #[server(default)] area_id: String,
    #[server(default)] place: String,
    #[server(default)] incident_id: String,
) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::action::ActionInput {
                title,
                owner_organisation_id,
                owner_person,
                due,
                area_id,
                place,
                incident_id,
            };
            let id = crate::ssr::actions::create(&state.db, &caller, &input).await?;
            leptos_axum::redirect(&format!("/actions/{id}?saved=1"));
            Ok(id.to_string())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "actions/state")]
pub async fn update_action_state(
    id: String,
    #[server(default)] state: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let new_state = state;
    respond(
        async {
            let (state, caller) = (super::context::state()?, caller()?);
            let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
            crate::ssr::actions::update_state(&state.db, &caller, id, &new_state, &note).await
        }
        .await,
    )
}
