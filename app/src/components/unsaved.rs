//! Text typed and not yet saved is not lost by leaving unasked. While a page holds an element
//! marked `data-warn-unsaved="<question>"` (the question in the page's language), a link that
//! would take the browser elsewhere asks it first, and the browser asks its own before a reload
//! or a closed tab. A text field of a form in `main` counts as unsaved when it differs from what
//! the page was drawn with and from what a save accepted: a form's text is pending from its
//! submit, and saved when the page calls [`saves_accepted`] (a refused or failed save keeps
//! it unsaved). The browser's back and forward buttons move inside the app without a click or
//! an unload: the move is asked about before the router hears of it, and a refused move is
//! undone by a step the other way (where the browser lists its entries; elsewhere the page's
//! address becomes a new entry), keeping the page where it was.

/// The marker's attribute, on an element of a page whose typed text should not be lost.
pub const MARKER: &str = "data-warn-unsaved";

/// The saves sent so far were accepted: their text is saved.
pub fn saves_accepted() {
    #[cfg(feature = "hydrate")]
    browser::settle(true);
}

/// The saves sent so far were refused or failed: their text is still unsaved.
pub fn saves_refused() {
    #[cfg(feature = "hydrate")]
    browser::settle(false);
}

/// Listens for leaving, for the app's lifetime; the listeners act only while a marked element
/// is on the page. Called before the app is hydrated: the window's listeners run in the order
/// they were added, so this one hears of a back or forward move before the router does.
#[cfg(feature = "hydrate")]
pub fn listen() {
    browser::install();
}

/// A page that carries the marker calls this each time it is drawn: a back or forward move
/// then knows which address it leaves (the router's, which has not moved yet).
pub fn warn_before_leaving() {
    #[cfg(feature = "hydrate")]
    history::follow(leptos_router::hooks::use_location());
}

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod history;
