//! `GET /meetings/feed/{series}.ics?token=…`: a meeting series as an iCalendar feed that
//! calendar programs can subscribe to.

use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    token: String,
}

pub async fn series_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<FeedQuery>,
    headers: header::HeaderMap,
) -> Response {
    let Some(id) = file
        .strip_suffix(".ics")
        .and_then(|id| uuid::Uuid::parse_str(id).ok())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // The links in the feed: the configured public address, else the one the calendar used.
    let base = state.settings.public_origin.clone().unwrap_or_else(|| {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
            })
            .unwrap_or("127.0.0.1:3000");
        format!("http://{host}")
    });
    match app::ssr::calendar::feed(&state.db, id, &q.token, base.trim_end_matches('/')).await {
        Ok(body) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}
