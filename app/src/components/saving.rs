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

/// An `on:change` handler that saves the choice's form at once, as its submit button would:
/// in a meeting a rating or an attendance picked and not yet saved was lost when the page was
/// left. Only a form the browser finds complete is sent (its own checks, shown on the button's
/// press, stay quiet here). Text fields keep their button: a change there fires as the
/// button is pressed, and would save twice.
pub fn save_choice(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
        if let Some(form) = form.filter(|f| f.check_validity()) {
            let _ = form.request_submit();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
