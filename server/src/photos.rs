//! Photos of a place: of a work order's, `POST /work-orders/{id}/photos` (a multipart form with
//! `stage` and `photo`; works without JavaScript) and `GET /work-orders/{id}/photos/{photo}`;
//! of a walk's observation, `POST /walks/{walk}/observations/{id}/photos` (with `photo`) and
//! `GET /walks/observations/{id}/photos/{photo}`. The upload routes have a body limit of their
//! own (the rest of the app keeps its small one).

use app::ssr::AppState;
use app::ssr::walks::photos as walk_photos;
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
        .route("/walks/{walk}/observations/{id}/photos", post(upload_seen))
        .route("/walks/observations/{id}/photos/{photo}", get(view_seen))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_UPLOAD_BYTES,
        ))
        .layer(axum::middleware::from_fn(too_large_is_said))
}

/// True for the photo routes' paths. They answer a signed-out caller with 401 themselves
/// (a picture or an upload is no page to come back to after signing in).
pub fn is_photo_path(path: &str) -> bool {
    if let Some(rest) = path.strip_prefix("/walks/") {
        let parts: Vec<&str> = rest.split('/').collect();
        return matches!(
            parts.as_slice(),
            ["observations", _, "photos", _] | [_, "observations", _, "photos"]
        );
    }
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

/// `back` is the page a browser returns to, with the outcome in its query and then `tail`
/// (more of the query, and the part of the page to show).
fn answer(headers: &HeaderMap, back: &str, tail: &str, result: Result<Uuid, AppError>) -> Response {
    let page = |query: String| Redirect::to(&format!("{back}?{query}{tail}")).into_response();
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

/// An upload form's text fields by name, and the bytes of its `photo`.
struct Upload {
    fields: Vec<(String, String)>,
    photo: Vec<u8>,
}

impl Upload {
    fn field(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Reads a multipart upload; a body over the limit is the photo being too large.
async fn read_upload(mut form: Multipart) -> Result<Upload, AppError> {
    let mut upload = Upload {
        fields: Vec::new(),
        photo: Vec::new(),
    };
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                match (name.as_str(), field.bytes().await) {
                    ("photo", Ok(b)) => upload.photo = b.to_vec(),
                    (_, Ok(b)) => upload
                        .fields
                        .push((name, String::from_utf8_lossy(&b).into_owned())),
                    (_, Err(_)) => {
                        let e = FieldError::TooLarge {
                            max_mb: shared::work_order::MAX_PHOTO_MB,
                        };
                        return Err(AppError::field("photo", e));
                    }
                }
            }
            Ok(None) => return Ok(upload),
            Err(_) => return Err(AppError::BadRequest),
        }
    }
}

async fn upload(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let Some(Extension(caller)) = caller else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Ok(id) = Uuid::parse_str(id.trim()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = format!("/work-orders/{id}");
    let upload = match read_upload(form).await {
        Ok(upload) => upload,
        Err(e) => return answer(&headers, &back, "", Err(e)),
    };
    let stage = upload.field("stage");
    let result = photos::store(&state.db, &caller, id, &stage, upload.photo).await;
    answer(&headers, &back, "", result)
}

/// A photo of a walk's observation; the browser goes back to the walk named in the address,
/// at the observation.
async fn upload_seen(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    Path((walk, id)): Path<(String, String)>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let Some(Extension(caller)) = caller else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let (Ok(walk), Ok(id)) = (Uuid::parse_str(walk.trim()), Uuid::parse_str(id.trim())) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = format!("/walks/{walk}");
    let tail = format!("&obs={id}#obs-{id}");
    let result = match read_upload(form).await {
        Ok(upload) => walk_photos::store(&state.db, &caller, walk, id, upload.photo).await,
        Err(e) => Err(e),
    };
    answer(&headers, &back, &tail, result)
}

/// The signed-in caller and the record and photo the address names; otherwise the answer
/// status (401 signed out, 404 for what is no id).
fn photo_request(
    caller: Option<Extension<CurrentUser>>,
    (id, photo): (String, String),
) -> Result<(CurrentUser, Uuid, Uuid), StatusCode> {
    let Some(Extension(caller)) = caller else {
        return Err(StatusCode::UNAUTHORIZED);
    };
    match (Uuid::parse_str(id.trim()), Uuid::parse_str(photo.trim())) {
        (Ok(id), Ok(photo)) => Ok((caller, id, photo)),
        _ => Err(StatusCode::NOT_FOUND),
    }
}

async fn view(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    Path(ids): Path<(String, String)>,
) -> Response {
    match photo_request(caller, ids) {
        Ok((caller, id, photo)) => jpeg(
            photos::get(&state.db, &caller, id, photo).await,
            "arbetsorder",
            photo,
        ),
        Err(status) => status.into_response(),
    }
}

async fn view_seen(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    Path(ids): Path<(String, String)>,
) -> Response {
    match photo_request(caller, ids) {
        Ok((caller, id, photo)) => jpeg(
            walk_photos::get(&state.db, &caller, id, photo).await,
            "iakttagelse",
            photo,
        ),
        Err(status) => status.into_response(),
    }
}

/// A stored photo, for the caller's eyes only: never cached by others, never sniffed, never
/// embedded elsewhere.
fn jpeg(result: Result<Vec<u8>, AppError>, name: &str, photo: Uuid) -> Response {
    match result {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{name}-{photo}.jpg\""),
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
    let ids: Vec<Uuid> = path
        .split('/')
        .filter_map(|part| Uuid::parse_str(part).ok())
        .collect();
    match (path.starts_with("/walks/"), ids.as_slice()) {
        (true, [walk, obs]) => Redirect::to(&format!(
            "/walks/{walk}?photo_error=too_large&obs={obs}#obs-{obs}"
        ))
        .into_response(),
        (false, [id]) => {
            Redirect::to(&format!("/work-orders/{id}?photo_error=too_large")).into_response()
        }
        _ => response,
    }
}
