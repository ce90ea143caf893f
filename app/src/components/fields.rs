//! Form pieces: field messages tied to their inputs, and the alert for a refused form.

use leptos::prelude::*;
use shared::AppError;

use crate::i18n::{T, field_error_text, t, use_lang};

/// The error of a form, as a signal of the last refusal.
pub type FormError = Signal<Option<AppError>>;

/// The id of the message element for `field`, for `aria-describedby`.
pub fn message_id(field: &str) -> String {
    format!("{field}-error")
}

/// The message under a field, present only when the field was refused.
#[component]
pub fn FieldMessage(field: &'static str, error: FormError) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().and_then(|e| e.issue_for(field).cloned()).map(|issue| {
            view! { <p class="field-error" id=message_id(field)>{field_error_text(&issue, field, lang)}</p> }
        })
    }
}

/// The message under a field of the form `scope`, for pages where several forms share field
/// names (one per listed record): ids are `{scope}{field}-error`, unique on the page.
#[component]
pub fn ScopedFieldMessage(scope: String, field: &'static str, error: FormError) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{scope}{}", message_id(field));
    move || {
        error.get().and_then(|e| e.issue_for(field).cloned()).map(|issue| {
            view! { <p class="field-error" id=id.clone()>{field_error_text(&issue, field, lang)}</p> }
        })
    }
}

/// `aria-describedby` for a field of the form `scope`: its hint, and its message while refused.
pub fn scoped_described_by(
    scope: String,
    error: FormError,
    field: &'static str,
    hint: Option<String>,
) -> impl Fn() -> Option<String> + Clone {
    move || {
        let message = error.with(|e| {
            e.as_ref()
                .and_then(|e| e.issue_for(field))
                .map(|_| format!("{scope}{}", message_id(field)))
        });
        let ids: Vec<String> = hint.iter().cloned().chain(message).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// `aria-invalid` for a field: "true" while it is refused.
pub fn invalid(error: FormError, field: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
    move || error.with(|e| e.as_ref().and_then(|e| e.issue_for(field)).map(|_| "true"))
}

/// `aria-describedby` for a field: its message while it is refused.
pub fn described_by(error: FormError, field: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.issue_for(field))
                .map(|_| message_id(field))
        })
    }
}

/// The alert above a refused form: what went wrong, in one sentence. With `reasons`, each
/// refused field's own sentence follows, for forms whose fields have no message beside them
/// (a row of a list, a button that stands for its record).
#[component]
pub fn FormAlert(error: FormError, #[prop(optional)] reasons: bool) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            let details: Vec<String> = match (&e, reasons) {
                (AppError::Validation(issues), true) => issues
                    .iter()
                    .map(|i| field_error_text(&i.error, &i.field, lang))
                    .collect(),
                _ => Vec::new(),
            };
            let summary = if details.is_empty() {
                t(error_summary(&e))
            } else {
                t(T::NothingSaved)
            };
            view! {
                <div class="alert" role="alert">
                    <p>{summary}</p>
                    {details.into_iter().map(|d| view! { <p>{d}</p> }).collect_view()}
                </div>
            }
        })
    }
}

/// The one-sentence explanation of an error.
pub fn error_summary(error: &AppError) -> T {
    match error {
        AppError::Validation(_) => T::ErrFixFields,
        AppError::BadRequest => T::ErrBadRequest,
        AppError::Unauthorized => T::ErrSignedOut,
        AppError::InvalidCredentials => T::ErrInvalidCredentials,
        AppError::Forbidden => T::ErrForbidden,
        AppError::NotFound => T::ErrNotFound,
        AppError::Conflict => T::ErrConflict,
        AppError::Locked => T::ErrLocked,
        AppError::TooManyAttempts => T::ErrTooManyAttempts,
        AppError::Network => T::ErrNetwork,
        AppError::Internal => T::ErrInternal,
    }
}

/// A whole-page message for errors loading a page's data, with a way on.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    let signed_out = matches!(error, AppError::Unauthorized);
    view! {
        <div class="alert" role="alert">
            <p>{t(error_summary(&error))}</p>
            {signed_out.then(|| view! { <p><a href="/sign-in">{t(T::SignIn)}</a></p> })}
        </div>
    }
}
