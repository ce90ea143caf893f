//! The Samverkan web app: the shell and router, pages, components and server functions.
//! Built twice: with `ssr` into the server, with `hydrate` into the browser's WASM.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

/// The browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    components::unsaved::listen();
    leptos::mount::hydrate_lazy(app::App);
}
