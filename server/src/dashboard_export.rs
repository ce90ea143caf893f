//! `GET /dashboard/export.csv?chart=weeks&area=…&category=…`: one dashboard chart's data as
//! CSV, for the roles allowed to export (coordinators and admins). `GET /dashboard/year.csv?
//! year=2026`: the yearly report, for everyone who sees it (managers with the same hidden small
//! counts as on the page). Both audited.

use app::ssr::AppState;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::audit::RecordType;
use shared::dashboard::DashboardFilter;
use shared::user::CurrentUser;

use crate::export::{download, exporter, recorded, refused};

#[derive(Debug, Deserialize)]
pub struct ChartQuery {
    #[serde(default)]
    chart: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    category: String,
}

pub async fn dashboard_csv(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Query(query): Query<ChartQuery>,
) -> Response {
    let caller = match exporter(caller) {
        Ok(caller) => caller,
        Err(refused) => return refused.into_response(),
    };
    let lang = app::i18n::lang_from_headers(&headers);
    let filter = DashboardFilter {
        area: query.area.clone(),
        category: query.category.clone(),
    };
    let deadline = state.settings.report_deadline;
    let rows =
        app::ssr::dashboard::export_rows(&state.db, &caller, &filter, &query.chart, deadline, lang)
            .await;
    let rows = match rows {
        Ok(Some(rows)) => rows,
        Ok(None) => return (StatusCode::NOT_FOUND, "Okänt diagram.").into_response(),
        Err(e) => return refused(e, "Ogiltigt filter."),
    };
    let after = serde_json::json!({
        "chart": query.chart, "area": query.area, "category": query.category,
        "rows": rows.len().saturating_sub(1),
    });
    if let Err(failed) = recorded(&state, &caller, RecordType::Dashboard, &after).await {
        return failed;
    }
    download(&format!("oversikt-{}", query.chart), &rows)
}

#[derive(Debug, Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    year: String,
}

pub async fn year_csv(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Query(query): Query<YearQuery>,
) -> Response {
    let Some(Extension(caller)) = caller else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let lang = app::i18n::lang_from_headers(&headers);
    let deadline = state.settings.report_deadline;
    let report =
        match app::ssr::dashboard::year_report(&state.db, &caller, &query.year, deadline, lang)
            .await
        {
            Ok(r) => r,
            Err(e) => return refused(e, "Ogiltigt år."),
        };
    let rows = app::ssr::dashboard::csv::year_rows(&report, lang);
    let after = serde_json::json!({ "report": "year", "year": report.year });
    if let Err(failed) = recorded(&state, &caller, RecordType::Dashboard, &after).await {
        return failed;
    }
    download(&format!("arsrapport-{}", report.year), &rows)
}
