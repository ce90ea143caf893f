//! Session middleware: resolves the session cookie into the caller for every request, and
//! sends signed-out visitors of any page to the sign-in page.

use app::ssr::AppState;
use app::ssr::auth::{resolve_session, token_from_cookies};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Server functions a signed-out visitor may call.
fn is_public_api(path: &str) -> bool {
    matches!(
        path,
        "/api/auth/sign-in"
            | "/api/auth/sign-out"
            | "/api/prefs/language"
            | "/api/me"
            | "/api/auth/link"
            | "/api/auth/set-password"
    )
}

/// Paths a signed-out visitor may load: the sign-in page, the page a one-time link opens,
/// assets and server functions (which check the caller themselves).
fn is_public(path: &str) -> bool {
    path == "/sign-in"
        || path == shared::paths::SET_PASSWORD
        || path.starts_with("/pkg/")
        || path.starts_with("/api/")
        || path.starts_with("/favicon")
        // Calendar programs send no cookies: the feed checks its own token.
        || path.starts_with("/meetings/feed/")
        // Photos of a work order check the caller themselves.
        || crate::photos::is_photo_path(path)
}

pub async fn resolve_caller(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    if path.starts_with("/pkg/") {
        return next.run(req).await;
    }
    let token = req
        .headers()
        .get(http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(token_from_cookies)
        .map(str::to_owned);
    let caller = match token {
        Some(token) => match resolve_session(&state.db, &state.settings, &token).await {
            Ok(caller) => caller,
            Err(_) => return http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        None => None,
    };
    match caller {
        Some(caller) => {
            req.extensions_mut().insert(caller);
        }
        None if path.starts_with("/api/") && !is_public_api(&path) && !accepts_html(&req) => {
            // The same body a server function answers `AppError::Unauthorized` with.
            return (
                http::StatusCode::UNAUTHORIZED,
                [(http::header::CONTENT_TYPE, "application/json")],
                "\"Unauthorized\"",
            )
                .into_response();
        }
        None if path.starts_with("/api/") && !is_public_api(&path) => {
            return Redirect::to("/sign-in").into_response();
        }
        None if !is_public(&path) => {
            let target = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let next = if target == "/" {
                String::new()
            } else {
                format!("?next={}", encode(target))
            };
            return Redirect::to(&format!("/sign-in{next}")).into_response();
        }
        None => {}
    }
    // A writer's next read shows their own change (kept views).
    app::ssr::views::noting_writers(next.run(req)).await
}

fn accepts_html(req: &Request) -> bool {
    req.headers()
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sign_in_assets_and_server_functions_are_public() {
        assert!(is_public("/sign-in"));
        assert!(is_public("/pkg/samverkan.css"));
        assert!(is_public("/api/auth/sign-in"));
        assert!(!is_public("/incidents"));
        assert!(!is_public("/"));
        assert!(!is_public("/sign-in-elsewhere"));
        assert!(is_public_api("/api/auth/sign-in"));
        assert!(!is_public_api("/api/incidents/list"));
        // A one-time link's page, and its two calls, are for people not yet signed in.
        assert!(is_public("/set-password"));
        assert!(!is_public("/set-password-elsewhere"));
        assert!(is_public_api("/api/auth/link") && is_public_api("/api/auth/set-password"));
        assert!(!is_public_api("/api/accounts/list"));
        assert!(is_public("/work-orders/abc/photos") && is_public("/work-orders/abc/photos/def"));
        assert!(!is_public("/work-orders/abc") && !is_public("/work-orders/abc/photos/def/x"));
    }

    #[test]
    fn the_return_path_is_encoded() {
        assert_eq!(
            encode("/incidents?week=2026-W48&area=x"),
            "/incidents%3Fweek%3D2026-W48%26area%3Dx"
        );
    }
}
