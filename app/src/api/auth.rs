//! Sign-in, sign-out, the current user and the language preference.

use leptos::prelude::*;
use shared::AppError;
use shared::user::CurrentUser;

/// The signed-in user, or `None` for a visitor.
#[server(prefix = "/api", endpoint = "me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(super::context::maybe_caller())
}

pub use shared::paths::safe_next;

/// Checks the credentials and opens a session. Returns the page to go to next.
#[server(prefix = "/api", endpoint = "auth/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use super::context::{client_address, is_plain_form_post, respond, state};
    use crate::ssr::throttle::{self, Key};
    let result = async {
        let state = state()?;
        if email.trim().is_empty() || password.is_empty() {
            return Err(AppError::InvalidCredentials);
        }
        let res = expect_context::<leptos_axum::ResponseOptions>();
        let account = Key::account(&email);
        let mut keys = vec![account.clone()];
        keys.extend(client_address().map(Key::Address));
        if let Err(wait) = throttle::begin(&state.db, &keys, chrono::Utc::now()).await? {
            crate::ssr::auth::throttled(&state.db, &email).await?;
            let seconds = wait.as_secs().max(1).to_string();
            if let Ok(value) = http::HeaderValue::from_str(&seconds) {
                res.insert_header(http::header::RETRY_AFTER, value);
            }
            return Err(AppError::TooManyAttempts);
        }
        let signed_in =
            crate::ssr::auth::sign_in(&state.db, &state.settings, &email, &password).await;
        // The attempt is already counted: a wrong password leaves it so.
        let token = match signed_in {
            Ok(token) => token,
            Err(AppError::InvalidCredentials) => return Err(AppError::InvalidCredentials),
            Err(other) => {
                throttle::undecided(&state.db, &keys).await?;
                return Err(other);
            }
        };
        throttle::succeeded(&state.db, &keys, &account).await?;
        // A new session id at every sign-in: a session the browser had before ends here.
        if let Some(old) = request_session_token() {
            crate::ssr::auth::sign_out(&state.db, &old).await?;
        }
        start_session(&state, &token)?;
        let next = safe_next(next.as_deref());
        if is_plain_form_post() {
            leptos_axum::redirect(&next);
        }
        Ok(next)
    }
    .await;
    respond(result)
}

/// Hands the browser the cookie of a new session.
#[cfg(feature = "ssr")]
pub(crate) fn start_session(state: &crate::ssr::AppState, token: &str) -> Result<(), AppError> {
    let res = expect_context::<leptos_axum::ResponseOptions>();
    let cookie = crate::ssr::auth::session_cookie(token, &state.settings);
    res.append_header(
        http::header::SET_COOKIE,
        http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?,
    );
    Ok(())
}

/// The session token the request's cookie carries, if any.
#[cfg(feature = "ssr")]
pub(crate) fn request_session_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let cookies = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    crate::ssr::auth::token_from_cookies(cookies).map(str::to_owned)
}

/// Ends the session server-side and clears the cookie; then shows the sign-in page.
#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = super::context::state()?;
    if let Some(token) = request_session_token() {
        crate::ssr::auth::sign_out(&state.db, &token).await?;
    }
    let res = expect_context::<leptos_axum::ResponseOptions>();
    let cookie = crate::ssr::auth::cleared_cookie(&state.settings);
    res.append_header(
        http::header::SET_COOKIE,
        http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?,
    );
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// Remembers the chosen interface language in a cookie; the form then returns to its page.
#[server(prefix = "/api", endpoint = "prefs/language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    let lang = shared::lang::Lang::parse(&lang).ok_or(AppError::BadRequest)?;
    let res = expect_context::<leptos_axum::ResponseOptions>();
    let cookie = format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    res.append_header(
        http::header::SET_COOKIE,
        http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?,
    );
    Ok(())
}
