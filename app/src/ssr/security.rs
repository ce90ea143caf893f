//! The Content-Security-Policy of pages. Scripts run only from this site or with the page's
//! nonce (the hydration script in the head carries it, `ssr::assets`), never inline otherwise;
//! WebAssembly may be compiled; styles, images and requests only from this site; no plugins, no
//! framing, forms only to this site. The server adds the other security headers
//! (`server::security`).
//!
//! The nonce is made by Leptos while it renders a page; the shell leaves it in the request's
//! [`NonceSlot`], and the server's middleware puts the policy on the response once the page
//! is rendered. (Setting the header through Leptos' `ResponseOptions` from the shell lost it on
//! about one page load in fifty: the response head was sometimes taken before the shell ran.)

use std::sync::{Arc, Mutex};

/// Where the shell leaves the nonce of the page being rendered. The server puts one in every
/// request's extensions; Leptos hands the request's parts to the render.
#[derive(Clone, Default, Debug)]
pub struct NonceSlot(Arc<Mutex<Option<String>>>);

impl NonceSlot {
    pub fn put(&self, nonce: String) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(nonce);
    }

    pub fn take(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// The policy for a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Leaves the nonce of the page being rendered in the request's slot (the shell calls it).
pub fn record_page_nonce() {
    use leptos::prelude::use_context;
    let nonce = leptos::nonce::use_nonce();
    let slot = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<NonceSlot>().cloned());
    if let (Some(nonce), Some(slot)) = (nonce, slot) {
        slot.put(nonce.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_need_the_nonce_and_nothing_inline_is_allowed() {
        let policy = page_policy("abc");
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn a_slot_gives_its_nonce_once() {
        let slot = NonceSlot::default();
        slot.clone().put("n1".into());
        assert_eq!(slot.take().as_deref(), Some("n1"));
        assert_eq!(slot.take(), None);
    }
}
