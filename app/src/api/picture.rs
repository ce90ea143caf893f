//! The situation-picture server function.

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::picture::SituationPicture;

/// The picture for `week` (`2026-W48`); empty means the week just ended, the one the weekly
/// meeting reviews.
#[server(prefix = "/api", endpoint = "picture")]
pub async fn get_situation_picture(
    #[server(default)] week: String,
) -> Result<SituationPicture, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let week = if week.trim().is_empty() {
                shared::report::ReportDeadline::reporting_week(crate::ssr::time::now_local())
            } else {
                shared::week::IsoWeek::parse(&week).map_err(|e| AppError::field("week", e))?
            };
            crate::ssr::picture::compile_kept(
                &state.db,
                &state.views,
                &caller,
                week,
                state.settings.hot_spot_threshold,
                lang(),
            )
            .await
        }
        .await,
    )
}
