//! Photos of a work order's place: `POST /work-orders/{id}/photos` (a multipart form with
//! `stage` and `photo`; works without JavaScript) and `GET /work-orders/{id}/photos/{photo}`.
//! The upload route has a body limit of its own (the rest of the app keeps its small one).

use app::ssr::AppState;
use app::ssr::work_orders::photos::{self, MAX_PHOTO_BYTES};
use axum::Extension;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

/// The most an upload request may carry: the photo and the form around it.
pub const MAX_UPLOAD_BYTES: usize = MAX_PHOTO_BYTES + 64 * 1024;

/// The photo routes, with their body limit.
pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/work-orders/{id}/photos", post(upload))
        .route("/work-orders/{id}/photos/{photo}", get(view))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_UPLOAD_BYTES,
        ))
        .layer(axum::middleware::from_fn(too_large_is_said))
}

/// True for the photo routes' paths. They answer a signed-out caller with 401 themselves
/// (a picture or an upload is no page to come back to after signing in).
pub fn is_photo_path(path: &str) -> bool {
    let parts: Vec<&str> = match path.strip_prefix("/work-orders/") {
        Some(rest) => rest.split('/').collect(),
        None => return false,
    };
    matches!(parts.as_slice(), [_, "photos"] | [_, "photos", _])
}

/// A browser's form post gets its answer on the order's page; a script gets a status and the
/// error as JSON.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// The code a refused field is named by in the page's address.
fn code(error: &FieldError) -> &'static str {
    match error {
        FieldError::TooLarge { .. } => "too_large",
        FieldError::NotAnImage => "not_an_image",
        FieldError::TooMany { .. } => "too_many",
        FieldError::Required => "required",
        _ => "invalid",
    }
}

fn answer(headers: &HeaderMap, id: Uuid, result: Result<Uuid, AppError>) -> Response {
    let page = |query: String| Redirect::to(&format!("/work-orders/{id}?{query}")).into_response();
    match (wants_json(headers), result) {
        (true, Ok(photo)) => axum::Json(serde_json::json!({ "id": photo })).into_response(),
        (false, Ok(_)) => page("photo=saved".to_owned()),
        (json, Err(AppError::Validation(issues))) if !json => page(format!(
            "photo_error={}",
            issues.first().map_or("invalid", |i| code(&i.error))
        )),
        (_, Err(e)) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            axum::Json(e),
        )
            .into_response(),
    }
}

async fn upload(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let Some(Extension(caller)) = caller else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Ok(id) = Uuid::parse_str(id.trim()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (mut stage, mut bytes) = (String::new(), Vec::new());
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                match (name.as_str(), field.bytes().await) {
                    ("stage", Ok(b)) => stage = String::from_utf8_lossy(&b).into_owned(),
                    ("photo", Ok(b)) => bytes = b.to_vec(),
                    (_, Ok(_)) => {}
                    (_, Err(_)) => {
                        let e = FieldError::TooLarge {
                            max_mb: shared::work_order::MAX_PHOTO_MB,
                        };
                        return answer(&headers, id, Err(AppError::field("photo", e)));
                    }
                }
            }
            Ok(None) => break,
            Err(_) => return answer(&headers, id, Err(AppError::BadRequest)),
        }
    }
    let result = photos::store(&state.db, &caller, id, &stage, bytes).await;
    answer(&headers, id, result)
}

async fn view(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    Path((id, photo)): Path<(String, String)>,
) -> Response {
    let Some(Extension(caller)) = caller else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let (Ok(id), Ok(photo)) = (Uuid::parse_str(id.trim()), Uuid::parse_str(photo.trim())) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match photos::get(&state.db, &caller, id, photo).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"arbetsorder-{photo}.jpg\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
                (
                    header::HeaderName::from_static("cross-origin-resource-policy"),
                    "same-origin".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}

/// A body over the limit is cut off with 413 before the handler sees it: a browser's form post
/// still gets the page with its message.
async fn too_large_is_said(request: Request, next: Next) -> Response {
    let json = wants_json(request.headers());
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE || json {
        return response;
    }
    match path
        .strip_prefix("/work-orders/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| Uuid::parse_str(id).ok())
    {
        Some(id) => {
            Redirect::to(&format!("/work-orders/{id}?photo_error=too_large")).into_response()
        }
        None => response,
    }
}
