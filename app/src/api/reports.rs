//! Weekly-report server functions: the caller's week, sending the report, the overview.

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::report::{OwnWeek, WeekStatus};

/// The week to show: the one asked for, or the week reporters are asked about now.
#[cfg(feature = "ssr")]
fn week_or_default(week: &str) -> Result<shared::week::IsoWeek, AppError> {
    if week.trim().is_empty() {
        Ok(shared::report::ReportDeadline::reporting_week(
            crate::ssr::time::now_local(),
        ))
    } else {
        shared::week::IsoWeek::parse(week).map_err(|e| AppError::field("week", e))
    }
}

#[server(prefix = "/api", endpoint = "reports/own")]
pub async fn get_own_week(#[server(default)] week: String) -> Result<OwnWeek, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let week = week_or_default(&week)?;
            crate::ssr::reports::own_week(
                &state.db,
                &caller,
                state.settings.report_deadline,
                week,
                lang(),
            )
            .await
        }
        .await,
    )
}

/// Sends the report; `nothing_to_report` is present for a nollrapport.
#[server(prefix = "/api", endpoint = "reports/submit")]
pub async fn submit_report(
    #[server(default)] week: String,
    nothing_to_report: Option<String>,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let week = week_or_default(&week)?;
            crate::ssr::reports::submit(&state.db, &caller, week, nothing_to_report.is_some())
                .await?;
            leptos_axum::redirect(&format!("/reports?week={week}&sent=1"));
            Ok(())
        }
        .await,
    )
}

/// The current and previous week, organisation by organisation.
#[server(prefix = "/api", endpoint = "reports/overview")]
pub async fn report_overview() -> Result<Vec<WeekStatus>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let current = shared::week::IsoWeek::of(crate::ssr::time::now_local().date());
            let weeks = [current, current.previous(), current.previous().previous()];
            crate::ssr::reports::overview(
                &state.db,
                &caller,
                state.settings.report_deadline,
                &weeks,
            )
            .await
        }
        .await,
    )
}

/// Who has not sent last week's report, by name (the coordinators' start page).
#[server(prefix = "/api", endpoint = "reports/missing")]
pub async fn missing_reports() -> Result<shared::report::MissingReports, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let current = shared::week::IsoWeek::of(crate::ssr::time::now_local().date());
            crate::ssr::reports::missing(&state.db, &caller, current.previous()).await
        }
        .await,
    )
}
