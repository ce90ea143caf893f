//! Account server functions: the users page for admins (list, create, change, deactivate,
//! reset, unlock), and the set-password page a one-time link opens (no sign-in needed).

#[cfg(feature = "ssr")]
use super::context::{caller, public_origin, respond, state};
use leptos::prelude::*;
use shared::AppError;
use shared::account::{Account, LinkInfo, PasswordLink};

#[cfg(feature = "ssr")]
fn user_id(id: &str) -> Result<shared::ids::UserId, AppError> {
    shared::ids::UserId::parse(id).map_err(|_| AppError::NotFound)
}

/// The accounts matching the filter (empty fields: any).
#[server(prefix = "/api", endpoint = "accounts/list")]
pub async fn list_accounts(
    #[server(default)] q: String,
    #[server(default)] organisation: String,
    #[server(default)] role: String,
    #[server(default)] status: String,
) -> Result<Vec<Account>, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let filter = shared::account::AccountFilter {
                q: q.chars().take(200).collect(),
                organisation,
                role,
                status,
            };
            crate::ssr::accounts::list(&state.db, &caller, &filter).await
        }
        .await,
    )
}

/// Creates an account and returns its one-time set-password link.
#[server(prefix = "/api", endpoint = "accounts/create")]
pub async fn create_account(
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] organisation_id: String,
    #[server(default)] role: String,
) -> Result<PasswordLink, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::account::AccountInput {
                name,
                email,
                organisation_id,
                role,
            };
            crate::ssr::accounts::create(&state.db, &caller, &input, &public_origin()).await
        }
        .await,
    )
}

/// Changes an account's name, address, organisation or role.
#[server(prefix = "/api", endpoint = "accounts/update")]
pub async fn update_account(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] organisation_id: String,
    #[server(default)] role: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = shared::account::AccountInput {
                name,
                email,
                organisation_id,
                role,
            };
            crate::ssr::accounts::update(&state.db, &caller, user_id(&id)?, &input).await
        }
        .await,
    )
}

/// `active`: `true` reactivates, anything else deactivates.
#[server(prefix = "/api", endpoint = "accounts/active")]
pub async fn set_account_active(
    #[server(default)] id: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let active = active.trim() == "true";
            crate::ssr::accounts::set_active(&state.db, &caller, user_id(&id)?, active).await
        }
        .await,
    )
}

/// Resets the password and returns a new one-time link.
#[server(prefix = "/api", endpoint = "accounts/reset")]
pub async fn reset_account_password(
    #[server(default)] id: String,
) -> Result<PasswordLink, AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::accounts::reset_password(
                &state.db,
                &caller,
                user_id(&id)?,
                &public_origin(),
            )
            .await
        }
        .await,
    )
}

/// Releases an account held by sign-in throttling.
#[server(prefix = "/api", endpoint = "accounts/unlock")]
pub async fn unlock_account(#[server(default)] id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::accounts::unlock(&state.db, &caller, user_id(&id)?).await
        }
        .await,
    )
}

/// Whose account a set-password link opens (for its page; changes nothing).
#[server(prefix = "/api", endpoint = "auth/link")]
pub async fn password_link_info(#[server(default)] token: String) -> Result<LinkInfo, AppError> {
    respond(
        async {
            let state = state()?;
            crate::ssr::password_links::info(&state.db, &token).await
        }
        .await,
    )
}

/// Chooses a password through a one-time link and signs its owner in. Returns the page to go
/// to next.
#[server(prefix = "/api", endpoint = "auth/set-password")]
pub async fn set_password(
    #[server(default)] token: String,
    #[server(default)] password: String,
    #[server(default)] repeat: String,
) -> Result<String, AppError> {
    respond(
        async {
            let state = state()?;
            let session = crate::ssr::password_links::redeem(
                &state.db,
                &state.settings,
                &token,
                &password,
                &repeat,
            )
            .await?;
            // Like any sign-in: a session this browser had before ends.
            if let Some(old) = super::auth::request_session_token() {
                crate::ssr::auth::sign_out(&state.db, &old).await?;
            }
            super::auth::start_session(&state, &session)?;
            if super::context::is_plain_form_post() {
                leptos_axum::redirect("/");
            }
            Ok("/".to_owned())
        }
        .await,
    )
}
