//! Dashboard server functions: the dashboard (managers, coordinators, admins) and the yearly
//! report.

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::dashboard::{Dashboard, YearReport};

#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn get_dashboard(
    #[server(default)] area: String,
    #[server(default)] category: String,
) -> Result<Dashboard, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let filter = shared::dashboard::DashboardFilter { area, category };
            let deadline = state.settings.report_deadline;
            let views = &state.views;
            crate::ssr::dashboard::compile_kept(
                &state.db,
                views,
                &caller,
                &filter,
                deadline,
                lang(),
            )
            .await
        }
        .await,
    )
}

/// `year`: four digits; empty means the current year.
#[server(prefix = "/api", endpoint = "dashboard/year")]
pub async fn get_year_report(#[server(default)] year: String) -> Result<YearReport, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let deadline = state.settings.report_deadline;
            crate::ssr::dashboard::year_report_kept(
                &state.db,
                &state.views,
                &caller,
                &year,
                deadline,
                lang(),
            )
            .await
        }
        .await,
    )
}
