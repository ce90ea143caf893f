//! The place list's server functions (coordinators and admins): an area's places, confirming a
//! new one, and merging a duplicate (previewed first). Retiring goes through `admin/retire`.

#[cfg(feature = "ssr")]
use super::context::{caller, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::reference::{MergePreview, PlaceList};

#[cfg(feature = "ssr")]
fn place_id(field: &str, id: &str) -> Result<shared::ids::PlaceId, AppError> {
    shared::ids::PlaceId::parse(id).map_err(|e| match field {
        "id" => AppError::NotFound,
        _ => AppError::field(field, e),
    })
}

/// The places of `area` (empty: the first area with new places, else the first area).
#[server(prefix = "/api", endpoint = "places/list")]
pub async fn list_places(#[server(default)] area: String) -> Result<PlaceList, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let new = crate::ssr::places::new_per_area(&state.db, &caller).await?;
            let areas = crate::ssr::reference::load(&state.db, super::context::lang()).await?;
            let mut new_per_area: Vec<(shared::ids::AreaId, u64)> = areas
                .areas
                .iter()
                .filter_map(|a| new.get(&a.id.0).map(|n| (a.id, *n)))
                .collect();
            new_per_area.sort_by_key(|(id, _)| areas.areas.iter().position(|a| a.id == *id));
            let chosen = match shared::ids::AreaId::parse(&area) {
                Ok(id) => id,
                Err(_) => new_per_area
                    .first()
                    .map(|(id, _)| *id)
                    .or_else(|| areas.areas.first().map(|a| a.id))
                    .ok_or(AppError::NotFound)?,
            };
            let places = crate::ssr::places::list(&state.db, &caller, chosen).await?;
            Ok(PlaceList {
                area_id: chosen,
                places,
                new_per_area,
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "places/confirm")]
pub async fn confirm_place(#[server(default)] id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::places::confirm(&state.db, &caller, place_id("id", &id)?).await
        }
        .await,
    )
}

/// What merging place `id` into `into` would move; nothing changes.
#[server(prefix = "/api", endpoint = "places/merge-preview")]
pub async fn preview_merge(
    #[server(default)] id: String,
    #[server(default)] into: String,
) -> Result<MergePreview, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let (from, into) = (place_id("id", &id)?, place_id("into", &into)?);
            crate::ssr::places::merge_preview(&state.db, &caller, from, into).await
        }
        .await,
    )
}

/// Merges place `id` into `into`; returns what moved.
#[server(prefix = "/api", endpoint = "places/merge")]
pub async fn merge_places(
    #[server(default)] id: String,
    #[server(default)] into: String,
) -> Result<MergePreview, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let (from, into) = (place_id("id", &id)?, place_id("into", &into)?);
            crate::ssr::places::merge(&state.db, &caller, from, into).await
        }
        .await,
    )
}
