//! Work-order server functions: the queue and lists, one order, the send form's proposal,
//! sending, and the steps of an order's life.
// A form's fields are a server function's arguments.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::work_order::{OrderDraft, WorkOrderDetail, WorkOrderSummary};

#[cfg(feature = "ssr")]
fn order_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

/// `kind` and `area` filter; `show` is `open` (default) or `closed`.
#[server(prefix = "/api", endpoint = "work-orders/list")]
pub async fn list_work_orders(
    #[server(default)] kind: String,
    #[server(default)] area: String,
    #[server(default)] show: String,
) -> Result<Vec<WorkOrderSummary>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let some = |s: String| (!s.trim().is_empty()).then_some(s);
            let filter = shared::work_order::OrderFilter {
                kind: some(kind),
                area: some(area),
                show: some(show),
            };
            crate::ssr::work_orders::list(&state.db, &caller, &filter).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "work-orders/get")]
pub async fn get_work_order(id: String) -> Result<WorkOrderDetail, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::work_orders::get(&state.db, &caller, order_id(&id)?, lang()).await
        }
        .await,
    )
}

/// The send form's start for the incident `incident`.
#[server(prefix = "/api", endpoint = "work-orders/draft")]
pub async fn work_order_draft(incident: String) -> Result<OrderDraft, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let incident =
                shared::ids::IncidentId::parse(&incident).map_err(|_| AppError::NotFound)?;
            crate::ssr::work_orders::draft(&state.db, &caller, incident, lang()).await
        }
        .await,
    )
}

/// Sends an order; on success the browser goes to its page.
#[server(prefix = "/api", endpoint = "work-orders/create")]
pub async fn create_work_order(
    #[server(default)] incident_ids: Vec<String>,
    #[server(default)] kind: String,
    #[server(default)] priority: String,
    #[server(default)] owner_organisation_id: String,
    #[server(default)] description: String,
    #[server(default)] keep_name: Option<String>,
    #[server(default)] lat: String,
    #[server(default)] lon: String,
) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::work_order::WorkOrderInput {
                incident_ids,
                kind,
                priority,
                owner_organisation_id,
                description,
                keep_name: keep_name.is_some(),
                lat,
                lon,
            };
            let id = crate::ssr::work_orders::create(&state.db, &caller, &input).await?;
            leptos_axum::redirect(&format!("/work-orders/{id}?saved=sent"));
            Ok(id.to_string())
        }
        .await,
    )
}

/// A step: `accept`, `plan` (with `planned_for`), `done` (with `note`), `reject` (with
/// `note`), `reroute` (with `owner_organisation_id`) or `withdraw`.
#[server(prefix = "/api", endpoint = "work-orders/step")]
pub async fn work_order_step(
    id: String,
    #[server(default)] step: String,
    #[server(default)] planned_for: String,
    #[server(default)] note: String,
    #[server(default)] owner_organisation_id: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::work_order::StepInput {
                step,
                planned_for,
                note,
                owner_organisation_id,
            };
            crate::ssr::work_orders::step(&state.db, &caller, order_id(&id)?, &input).await
        }
        .await,
    )
}
