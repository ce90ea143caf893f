//! Area group server functions: the list (counts for managers), the group page, creating a
//! group and changing its membership (coordinators).

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::group::{GroupDetail, GroupSummary};

#[cfg(feature = "ssr")]
fn group_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "groups/list")]
pub async fn list_groups() -> Result<Vec<GroupSummary>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::groups::list(&state.db, &caller).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "groups/get")]
pub async fn get_group(id: String) -> Result<GroupDetail, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::groups::detail(&state.db, &caller, group_id(&id)?, lang()).await
        }
        .await,
    )
}

/// A new area group for `area_id`: `weekday` 0 (Monday) … 6, `start_time` `15:00`.
#[server(prefix = "/api", endpoint = "groups/create")]
pub async fn create_group(
    #[server(default)] name: String,
    #[server(default)] area_id: String,
    #[server(default)] weekday: String,
    #[server(default)] start_time: String,
) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let weekday = weekday
                .trim()
                .parse::<u32>()
                .map_err(|_| AppError::field("weekday", shared::FieldError::Invalid))?;
            let id = crate::ssr::groups::create(
                &state.db,
                &caller,
                &name,
                &area_id,
                weekday,
                &start_time,
            )
            .await?;
            leptos_axum::redirect(&format!("/groups/{id}"));
            Ok(id.to_string())
        }
        .await,
    )
}

/// `role`: `member`, `convener` or `remove`.
#[server(prefix = "/api", endpoint = "groups/member")]
pub async fn set_group_member(
    id: String,
    #[server(default)] contact_id: String,
    #[server(default)] role: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::groups::set_member(&state.db, &caller, group_id(&id)?, &contact_id, &role)
                .await
        }
        .await,
    )
}
