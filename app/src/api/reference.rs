//! Reference-data server functions: read for every signed-in user, save for admins.

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::AppError;
use shared::reference::{PlaceDto, ReferenceData};

/// Reference data plus the server's local time, the default for "when" in the incident form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormContext {
    pub reference: ReferenceData,
    pub now_local: String,
}

#[server(prefix = "/api", endpoint = "reference")]
pub async fn get_reference_data() -> Result<FormContext, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let (lang, db) = (lang(), state.db.clone());
            // The same for everyone: kept with the other read models (renames outdate it).
            let reference = state
                .views
                .get_or(
                    format!("reference {lang:?}"),
                    Some(caller.id.0),
                    move || async move { crate::ssr::reference::load(&db, lang).await },
                )
                .await?;
            let now_local = crate::ssr::time::now_local()
                .format("%Y-%m-%dT%H:%M")
                .to_string();
            Ok(FormContext {
                reference,
                now_local,
            })
        }
        .await,
    )
}

/// The places of an area, for the incident form's suggestions; every place when `area` is
/// empty (the admin page).
#[server(prefix = "/api", endpoint = "places")]
pub async fn get_places(#[server(default)] area: String) -> Result<Vec<PlaceDto>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            // Place names, with ids that carry the moment they were first typed, are records:
            // managers see figures only.
            if !caller.can_read_incidents() {
                return Err(AppError::Forbidden);
            }
            let area = if area.trim().is_empty() {
                None
            } else {
                Some(shared::ids::AreaId::parse(&area).map_err(|e| AppError::field("area", e))?)
            };
            crate::ssr::reference::places(&state.db, area).await
        }
        .await,
    )
}

/// The caller, if they may manage reference data.
#[server(prefix = "/api", endpoint = "admin/organisation")]
pub async fn save_organisation(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::reference_admin::save_organisation(&state.db, &caller, &id, &name, &kind)
                .await
                .map(|_| ())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/area")]
pub async fn save_area(
    #[server(default)] id: String,
    #[server(default)] name: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::reference_admin::save_area(&state.db, &caller, &id, &name)
                .await
                .map(|_| ())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/place")]
pub async fn save_place(
    #[server(default)] id: String,
    #[server(default)] area_id: String,
    #[server(default)] name: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::reference_admin::save_place(&state.db, &caller, &id, &area_id, &name)
                .await
                .map(|_| ())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin/category")]
pub async fn save_category(
    #[server(default)] id: String,
    #[server(default)] name_sv: String,
    #[server(default)] name_en: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::reference_admin::save_category(&state.db, &caller, &id, &name_sv, &name_en)
                .await
                .map(|_| ())
        }
        .await,
    )
}

/// Retires (`retired` = `true`) or brings back an organisation, area, category or place
/// (`kind`): gone from the forms for new work, kept by old records.
#[server(prefix = "/api", endpoint = "admin/retire")]
pub async fn set_retired(
    #[server(default)] kind: String,
    #[server(default)] id: String,
    #[server(default)] retired: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let kind =
                shared::reference::ReferenceKind::parse(&kind).ok_or(AppError::BadRequest)?;
            let retired = retired.trim() == "true";
            crate::ssr::reference_admin::set_retired(&state.db, &caller, kind, &id, retired).await
        }
        .await,
    )
}

/// Routing for work orders (admins): a place's owner (`kind` place), or a category's default
/// owner and order kind (`kind` category). Empty values clear them.
#[server(prefix = "/api", endpoint = "admin/routing")]
pub async fn set_routing(
    #[server(default)] kind: String,
    #[server(default)] id: String,
    #[server(default)] owner_organisation_id: String,
    #[server(default)] work_order_kind: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let kind =
                shared::reference::ReferenceKind::parse(&kind).ok_or(AppError::BadRequest)?;
            crate::ssr::reference_admin::set_routing(
                &state.db,
                &caller,
                kind,
                &id,
                &owner_organisation_id,
                &work_order_kind,
            )
            .await
        }
        .await,
    )
}

/// A kind of work order's service level (admins): hours for normal and urgent orders.
#[server(prefix = "/api", endpoint = "admin/service-level")]
pub async fn set_service_level(
    #[server(default)] kind: String,
    #[server(default)] normal_hours: String,
    #[server(default)] urgent_hours: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::work_order::ServiceLevelInput {
                kind,
                normal_hours,
                urgent_hours,
            };
            crate::ssr::reference_admin::set_service_level(&state.db, &caller, &input).await
        }
        .await,
    )
}
