//! Incident server functions: list, detail, save (create or edit) and the week overview.

// The save function takes one argument per form field, as a plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::AppError;
use shared::ids::IncidentId;
use shared::incident::{IncidentDetail, IncidentFilter, IncidentPage};

/// This week's incident count per area so far.
/// Exact counts: only those who read incidents get the week in progress (never managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekOverview {
    pub week: String,
    pub areas: Vec<(String, Option<u64>)>,
}

/// An empty filter arrives as an empty body (the browser sends no field for a `None`): the
/// argument defaults, as every argument a caller may leave out does.
#[server(prefix = "/api", endpoint = "incidents/list")]
pub async fn list_incidents(
    #[server(default)] filter: IncidentFilter,
) -> Result<IncidentPage, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::incidents::list(&state.db, &caller, &filter, lang()).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "incidents/get")]
pub async fn get_incident(id: String) -> Result<IncidentDetail, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let id = IncidentId::parse(&id).map_err(|_| AppError::NotFound)?;
            crate::ssr::incidents::get(&state.db, &caller, id, lang()).await
        }
        .await,
    )
}

/// Creates an incident (empty `id`) or changes one, then goes to its page. Checkboxes arrive
/// as present-or-absent fields, as browsers post them.
#[server(prefix = "/api", endpoint = "incidents/save")]
pub async fn save_incident(
    #[server(default)] id: String,
    #[server(default)] occurred_at: String,
    #[server(default)] area_id: String,
    #[server(default)] place: String,
    #[server(default)] category_id: String,
    #[server(default)] description: String,
    youth_involved: Option<String>,
    physical_environment: Option<String>,
    #[server(default)] keep_name: Option<String>,
) -> Result<IncidentId, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::incident::IncidentInput {
                occurred_at,
                area_id,
                place,
                category_id,
                description,
                youth_involved: youth_involved.is_some(),
                physical_environment: physical_environment.is_some(),
                keep_name: keep_name.is_some(),
            };
            let id = if id.trim().is_empty() {
                crate::ssr::incidents::create(&state.db, &caller, &input).await?
            } else {
                let id = IncidentId::parse(&id).map_err(|_| AppError::NotFound)?;
                crate::ssr::incidents::update(&state.db, &caller, id, &input).await?;
                id
            };
            leptos_axum::redirect(&format!("/incidents/{id}?saved=1"));
            Ok(id)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "incidents/week")]
pub async fn get_week_overview() -> Result<WeekOverview, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            // A week still in progress singles out the first incident in a quiet area:
            // managers get whole, finished periods on the dashboard instead.
            if !caller.can_read_incidents() {
                return Err(AppError::Forbidden);
            }
            let week = shared::week::IsoWeek::of(crate::ssr::time::now_local().date());
            let areas = crate::ssr::incidents::count_by_area(&state.db, week)
                .await?
                .into_iter()
                .map(|(area, n)| (area, Some(n)))
                .collect();
            Ok(WeekOverview {
                week: week.to_string(),
                areas,
            })
        }
        .await,
    )
}

/// The name warnings reporters kept in the last 30 days (coordinators).
#[server(prefix = "/api", endpoint = "incidents/kept-warnings")]
pub async fn kept_warnings() -> Result<shared::names::KeptWarnings, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::kept_warnings::recent(&state.db, &caller, lang()).await
        }
        .await,
    )
}
