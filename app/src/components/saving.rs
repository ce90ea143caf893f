//! Reacting to saves: a page reloads or clears a form after a save that succeeded, never after
//! a refused one (which keeps what was typed, beside its error).

use leptos::prelude::*;
use shared::AppError;

/// Runs `then` after each successful result of `action` (a refused one keeps the form).
pub fn saved<S>(action: ServerAction<S>, then: impl Fn() + 'static)
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            untrack(&then);
        }
    });
}

/// Runs `then` after each refused result of `action`.
pub fn refused<S>(action: ServerAction<S>, then: impl Fn() + 'static)
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Err(_)))) {
            untrack(&then);
        }
    });
}
