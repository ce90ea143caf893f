//! Under a list the page shortened: how many it shows of how many, with the way to all of
//! them, or, once they are all shown, back to the short list. Plain links, so they work
//! without JavaScript; each lands on the list's heading.

use leptos::prelude::*;

use crate::i18n::{T, t};

/// `listed` of `total` shown: "Visar 5 av 35 · Visa alla 35 {what}" linking to `all`; all
/// shown, `fewer` (when the short list would be shorter) links "Visa färre {what}" back.
#[component]
pub fn Shortened(
    listed: usize,
    total: usize,
    /// What the list holds, after the count: "åtgärder för Polisen", "möten i Lägesbildsmöte".
    what: String,
    all: String,
    fewer: Option<String>,
) -> impl IntoView {
    if listed < total {
        let label = format!("{} {total} {what}", t(T::ShowAll));
        view! {
            <p class="hint">{format!("{} {listed} {} {total}", t(T::Showing), t(T::Of))}" · "<a href=all>{label}</a></p>
        }
        .into_any()
    } else if let Some(back) = fewer {
        view! { <p class="hint"><a href=back>{format!("{} {what}", t(T::ShowFewer))}</a></p> }
            .into_any()
    } else {
        ().into_any()
    }
}
