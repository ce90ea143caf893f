//! Safety-walk server functions: the list, one walk, planning, recording an observation (from
//! the phone's queue of drafts, or a plain form), removing one, closing or reopening a walk,
//! and turning observations into work orders.
// A form's fields are a server function's arguments.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::context::{caller, is_plain_form_post, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::walk::{WalkDetail, WalkForm, WalkSummary};

#[cfg(feature = "ssr")]
fn walk_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "walks/list")]
pub async fn list_walks() -> Result<Vec<WalkSummary>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::walks::list(&state.db, &caller).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "walks/get")]
pub async fn get_walk(id: String) -> Result<WalkDetail, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::walks::get(&state.db, &caller, walk_id(&id)?).await
        }
        .await,
    )
}

/// The observation form's start for walk `id`.
#[server(prefix = "/api", endpoint = "walks/form")]
pub async fn get_walk_form(id: String) -> Result<WalkForm, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::walks::form(&state.db, &caller, walk_id(&id)?).await
        }
        .await,
    )
}

/// Plans a walk; on success the browser goes to its page.
#[server(prefix = "/api", endpoint = "walks/plan")]
pub async fn plan_walk(
    #[server(default)] area_id: String,
    #[server(default)] planned_for: String,
    #[server(default)] participants: String,
) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::walk::WalkInput {
                area_id,
                planned_for,
                participants,
            };
            let id = crate::ssr::walks::plan(&state.db, &caller, &input).await?;
            leptos_axum::redirect(&format!("/walks/{id}?saved=planned"));
            Ok(id.to_string())
        }
        .await,
    )
}

/// Records an observation. From the phone's queue it answers with the observation's id (the
/// same id again is the same observation); a plain form post goes back to the walk.
#[server(prefix = "/api", endpoint = "walks/observe")]
pub async fn observe(
    #[server(default)] id: String,
    #[server(default)] walk_id: String,
    #[server(default)] place: String,
    #[server(default)] kind: String,
    #[server(default)] note: String,
    #[server(default)] keep_name: Option<String>,
    #[server(default)] lat: String,
    #[server(default)] lon: String,
) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::walk::ObservationInput {
                id,
                walk_id,
                place,
                kind,
                note,
                keep_name: keep_name.is_some(),
                lat,
                lon,
            };
            let stored = crate::ssr::walks::observe(&state.db, &caller, &input).await?;
            if is_plain_form_post() {
                leptos_axum::redirect(&format!(
                    "/walks/{}?saved=observed#observe",
                    input.walk_id.trim()
                ));
            }
            Ok(stored.to_string())
        }
        .await,
    )
}

/// Removes an observation recorded by mistake (not yet an order); answers its id, for "Ångra".
#[server(prefix = "/api", endpoint = "walks/remove-observation")]
pub async fn remove_observation(id: String) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let obs = walk_id(&id)?;
            crate::ssr::walks::set_removed(&state.db, &caller, obs, true).await?;
            Ok(obs.to_string())
        }
        .await,
    )
}

/// Brings back an observation just removed.
#[server(prefix = "/api", endpoint = "walks/restore-observation")]
pub async fn restore_observation(id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::walks::set_removed(&state.db, &caller, walk_id(&id)?, false).await
        }
        .await,
    )
}

/// `done` is `true` to close the walk, anything else to open it again.
#[server(prefix = "/api", endpoint = "walks/state")]
pub async fn set_walk_done(id: String, #[server(default)] done: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::walks::set_done(&state.db, &caller, walk_id(&id)?, done == "true").await
        }
        .await,
    )
}

/// Turns the ticked observations (`picked`) into orders, each to the owner in its
/// `"observation:organisation"` pair in `owners`. Answers how many were made.
#[server(prefix = "/api", endpoint = "walks/orders")]
pub async fn walk_to_orders(
    id: String,
    #[server(default)] picked: Vec<String>,
    #[server(default)] owners: Vec<String>,
) -> Result<usize, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::walk::ToOrdersInput { picked, owners };
            crate::ssr::walks::to_work_orders(&state.db, &caller, walk_id(&id)?, &input).await
        }
        .await,
    )
}
