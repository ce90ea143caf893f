//! The answer for a path no page serves.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{T, t};

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    crate::app::mark_hydrated();
    view! {
        <Title text=t(T::NotFoundTitle) />
        <h1>{t(T::NotFoundTitle)}</h1>
        <p>{t(T::ErrNotFound)}</p>
        <p><a href="/">{t(T::BackHome)}</a></p>
    }
}
