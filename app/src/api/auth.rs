//! Sign-in, sign-out, the current user and the language preference.

use leptos::prelude::*;
use shared::AppError;
use shared::user::CurrentUser;

/// The signed-in user, or `None` for a visitor.
#[server(prefix = "/api", endpoint = "me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(super::context::maybe_caller())
}

/// Where to go after signing in: only paths on this site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\") =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Checks the credentials and opens a session. Returns the page to go to next.
#[server(prefix = "/api", endpoint = "auth/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use super::context::{is_plain_form_post, respond, state};
    let result = async {
        let state = state()?;
        if email.trim().is_empty() || password.is_empty() {
            return Err(AppError::InvalidCredentials);
        }
        let token =
            crate::ssr::auth::sign_in(&state.db, &state.settings, &email, &password).await?;
        let cookie = crate::ssr::auth::session_cookie(&token, &state.settings);
        let res = expect_context::<leptos_axum::ResponseOptions>();
        res.append_header(
            http::header::SET_COOKIE,
            http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?,
        );
        let next = safe_next(next.as_deref());
        if is_plain_form_post() {
            leptos_axum::redirect(&next);
        }
        Ok(next)
    }
    .await;
    respond(result)
}

/// Ends the session server-side and clears the cookie; then shows the sign-in page.
#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use http::request::Parts;
    let state = super::context::state()?;
    let token = use_context::<Parts>().and_then(|p| {
        p.headers
            .get(http::header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    if let Some(token) = token
        .as_deref()
        .and_then(crate::ssr::auth::token_from_cookies)
    {
        crate::ssr::auth::sign_out(&state.db, token).await?;
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

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/incidents?week=2026-W48")),
            "/incidents?week=2026-W48"
        );
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
