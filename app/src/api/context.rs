//! What every server function needs from its request: state, the caller, the language, and the
//! HTTP status of an error.

use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use shared::AppError;
use shared::lang::Lang;
use shared::user::CurrentUser;

use crate::ssr::AppState;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from server function context");
        AppError::Internal
    })
}

/// The signed-in caller, resolved from the session cookie by the session middleware.
pub fn caller() -> Result<CurrentUser, AppError> {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
        .ok_or(AppError::Unauthorized)
}

/// The caller if signed in, without failing.
pub fn maybe_caller() -> Option<CurrentUser> {
    caller().ok()
}

/// The request's language: the `lang` cookie, else `Accept-Language`, else Swedish.
pub fn lang() -> Lang {
    use_context::<Parts>()
        .map(|parts| crate::i18n::lang_from_headers(&parts.headers))
        .unwrap_or_default()
}

/// The address a request came from: the peer, or, when the peer is a trusted proxy, the
/// right-most address in `X-Forwarded-For` that is not a trusted proxy (anything left of it
/// was written by the client and is not believed).
pub fn client_address() -> Option<std::net::IpAddr> {
    let parts = use_context::<Parts>()?;
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip())?;
    let trusted = state().ok()?.settings.trusted_proxies.clone();
    let forwarded = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    Some(crate::ssr::throttle::client_address(
        peer, &forwarded, &trusted,
    ))
}

/// The address people reach the app at, for links sent to them: `SAMVERKAN_ORIGIN` when set
/// (behind a proxy), else this request's host (https when cookies are marked secure).
pub fn public_origin() -> String {
    let state = state().ok();
    if let Some(origin) = state
        .as_ref()
        .and_then(|s| s.settings.public_origin.clone())
    {
        return origin.trim_end_matches('/').to_owned();
    }
    let secure = state.is_some_and(|s| s.settings.secure_cookies);
    let host = use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::HOST)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    format!("{}://{host}", if secure { "https" } else { "http" })
}

/// True for a plain HTML form post (no JavaScript): the answer must be a redirect.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Passes a result through, giving an error its HTTP status (except for plain form posts,
/// which are answered with a redirect back to the form carrying the error).
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result
        && !is_plain_form_post()
        && let Some(res) = use_context::<ResponseOptions>()
    {
        let status = http::StatusCode::from_u16(err.status());
        res.set_status(status.unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
    }
    result
}
