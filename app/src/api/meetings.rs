//! Meeting server functions: series and planning, the meeting page, and every recording step.

#[cfg(feature = "ssr")]
use super::context::{caller, lang, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::meeting::{MeetingDetail, SeriesSummary};

#[cfg(feature = "ssr")]
pub(super) fn meeting_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

/// (who, status) pairs from a form's parallel lists; `everyone` makes every status "present".
#[cfg(feature = "ssr")]
fn attendance_entries(
    who: Vec<String>,
    status: Vec<String>,
    everyone: bool,
) -> Result<Vec<(String, String)>, AppError> {
    if who.len() != status.len() {
        return Err(AppError::BadRequest);
    }
    let present = shared::meeting::Attendance::Present.code();
    Ok(who
        .into_iter()
        .zip(status)
        .map(|(w, s)| (w, if everyone { present.to_owned() } else { s }))
        .collect())
}

/// `series`: the series whose every meeting is listed (the others list the latest few).
#[server(prefix = "/api", endpoint = "meetings/series")]
pub async fn list_series(series: Option<String>) -> Result<Vec<SeriesSummary>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            // Not a series id: no series is listed whole.
            let whole = series.and_then(|s| uuid::Uuid::parse_str(s.trim()).ok());
            crate::ssr::meetings::list_series(&state.db, &caller, whole).await
        }
        .await,
    )
}

/// The soonest meeting of the weekly series still to be held, if one is planned.
#[server(prefix = "/api", endpoint = "meetings/next")]
pub async fn next_meeting() -> Result<Option<shared::meeting::MeetingSummary>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::meetings::next(&state.db, &caller).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "meetings/plan")]
pub async fn plan_meeting(series_id: String) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let id = crate::ssr::meetings::plan_next(&state.db, &caller, meeting_id(&series_id)?)
                .await?;
            leptos_axum::redirect(&format!("/meetings/{id}"));
            Ok(id.to_string())
        }
        .await,
    )
}

/// `owner`: whose carried-over actions to list in full, as [`shared::meeting::CarriedShown::parse`] reads it.
#[server(prefix = "/api", endpoint = "meetings/get")]
pub async fn get_meeting(id: String, owner: Option<String>) -> Result<MeetingDetail, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let shown = shared::meeting::CarriedShown::parse(owner.as_deref());
            crate::ssr::meeting_detail::detail_in(
                &state.db,
                &caller,
                meeting_id(&id)?,
                lang(),
                &shown,
            )
            .await
        }
        .await,
    )
}

/// `step`: `start` or `finalise`.
#[server(prefix = "/api", endpoint = "meetings/step")]
pub async fn meeting_step(id: String, step: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let id = meeting_id(&id)?;
            match step.as_str() {
                "start" => crate::ssr::meetings::start(&state.db, &caller, id).await,
                "finalise" => crate::ssr::meetings::finalise(&state.db, &caller, id).await,
                _ => Err(AppError::BadRequest),
            }
        }
        .await,
    )
}

/// Moves a planned meeting to `date` (`2026-12-10`) at `time` (`15:00`).
#[server(prefix = "/api", endpoint = "meetings/move")]
pub async fn move_meeting(
    id: String,
    #[server(default)] date: String,
    #[server(default)] time: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::meeting_plans::reschedule(
                &state.db,
                &caller,
                meeting_id(&id)?,
                &date,
                &time,
            )
            .await
        }
        .await,
    )
}

/// Calls off a planned meeting; it stays in the lists as cancelled.
#[server(prefix = "/api", endpoint = "meetings/cancel")]
pub async fn cancel_meeting(id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::meeting_plans::cancel(&state.db, &caller, meeting_id(&id)?).await
        }
        .await,
    )
}

/// Every member's attendance in one save: `organisation_id[i]` with `status[i]` (empty
/// clears). `everyone` (the "everyone present" button) records all of them as present.
#[server(prefix = "/api", endpoint = "meetings/attendance")]
pub async fn record_attendance(
    id: String,
    #[server(default)] organisation_id: Vec<String>,
    #[server(default)] status: Vec<String>,
    everyone: Option<String>,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let entries = attendance_entries(organisation_id, status, everyone.is_some())?;
            crate::ssr::minutes::set_attendance_all(&state.db, &caller, meeting_id(&id)?, &entries)
                .await
        }
        .await,
    )
}

/// An area group's attendance, every member in one save: `contact_id[i]` with `status[i]`
/// (empty clears); `everyone` records all of them as present.
#[server(prefix = "/api", endpoint = "meetings/people-attendance")]
pub async fn record_people_attendance(
    id: String,
    #[server(default)] contact_id: Vec<String>,
    #[server(default)] status: Vec<String>,
    everyone: Option<String>,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let entries = attendance_entries(contact_id, status, everyone.is_some())?;
            crate::ssr::minutes::set_people_attendance(
                &state.db,
                &caller,
                meeting_id(&id)?,
                &entries,
            )
            .await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "meetings/guests")]
pub async fn record_guests(id: String, #[server(default)] guests: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::minutes::set_guests(&state.db, &caller, meeting_id(&id)?, &guests).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "meetings/rating")]
pub async fn record_rating(
    id: String,
    area_id: String,
    #[server(default)] rating: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::minutes::rate(
                &state.db,
                &caller,
                meeting_id(&id)?,
                &area_id,
                &rating,
                &comment,
            )
            .await
        }
        .await,
    )
}

/// `kind`: `agenda`, `decision`, or `addendum` (addenda only once the minutes are locked).
/// `item_id`: the id the form made for the new item, so that sending it twice adds it once.
#[server(prefix = "/api", endpoint = "meetings/item")]
pub async fn record_item(
    id: String,
    kind: String,
    #[server(default)] item_id: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::minutes::add_item_once(
                &state.db,
                &caller,
                meeting_id(&id)?,
                &kind,
                &item_id,
                &text,
            )
            .await
        }
        .await,
    )
}

/// Rewords an agenda item or a decision while the minutes are open.
#[server(prefix = "/api", endpoint = "meetings/item-edit")]
pub async fn edit_item(
    id: String,
    item_id: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::minutes::edit_item(&state.db, &caller, meeting_id(&id)?, &item_id, &text)
                .await
        }
        .await,
    )
}

/// Removes an agenda item or a decision while the minutes are open.
#[server(prefix = "/api", endpoint = "meetings/item-remove")]
pub async fn remove_item(id: String, item_id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::minutes::remove_item(&state.db, &caller, meeting_id(&id)?, &item_id).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "meetings/review")]
pub async fn review_action(
    id: String,
    action_id: String,
    #[server(default)] state: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let new_state = state;
    respond(
        async {
            let (state, caller) = (super::context::state()?, caller()?);
            crate::ssr::minutes::review_action(
                &state.db,
                &caller,
                meeting_id(&id)?,
                &action_id,
                &new_state,
                &note,
            )
            .await
        }
        .await,
    )
}

/// A new series: `weekday` 0 (Monday) … 6, `start_time` `15:00`, where it meets (optional),
/// member organisations.
#[server(prefix = "/api", endpoint = "meetings/new-series")]
pub async fn create_series(
    #[server(default)] name: String,
    #[server(default)] weekday: String,
    #[server(default)] start_time: String,
    #[server(default)] location: String,
    #[server(default)] members: Vec<String>,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let weekday = weekday
                .trim()
                .parse::<u32>()
                .map_err(|_| AppError::field("weekday", shared::FieldError::Invalid))?;
            let members = members
                .iter()
                .map(|m| uuid::Uuid::parse_str(m.trim()))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| AppError::field("members", shared::FieldError::Invalid))?;
            crate::ssr::meetings::create_series_at(
                &state.db,
                &caller,
                &name,
                weekday,
                &start_time,
                &location,
                &members,
            )
            .await
            .map(|_| ())
        }
        .await,
    )
}
