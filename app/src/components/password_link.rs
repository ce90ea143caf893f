//! A one-time set-password link as its admin sees it once: whose it is, until when it is
//! valid, and the address itself, ready to copy.

use leptos::prelude::*;
use shared::account::PasswordLink;

use crate::i18n::{T, t};

#[component]
pub fn LinkBox(link: PasswordLink, heading: T) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let copied = RwSignal::new(None::<bool>);
    let select = move || {
        input.get().map(|el| {
            el.select();
        })
    };
    let copy = move |_| {
        if select().is_some() {
            copied.set(Some(copy_selection()));
        }
    };
    let id = format!("link-{}", link.user_id);
    view! {
        <div class="link-box">
            <p><strong>{t(heading)}</strong>{format!(" {} ({})", link.name, link.email)}</p>
            <p>
                {format!("{} {}. {} {}. ", t(T::LinkIntroPrefix), link.email, t(T::LinkIntroSuffix), link.valid_until)}
                {t(T::LinkNotShownAgain)}
            </p>
            <label for=id.clone()>{t(T::LinkLabel)}</label>
            <div class="link-row">
                <input id=id readonly value=link.url node_ref=input on:focus=move |_| { select(); } />
                <button type="button" on:click=copy>{t(T::CopyLink)}</button>
            </div>
            <p class="hint" aria-live="polite">
                {move || copied.get().map(|done| t(if done { T::LinkCopied } else { T::CopyByHand }))}
            </p>
        </div>
    }
}

/// Copies the page's selection to the clipboard; false where the browser refuses.
fn copy_selection() -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        document()
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| d.exec_command("copy").ok())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    false
}
