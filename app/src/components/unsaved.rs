//! Text typed and not yet saved is not lost by leaving unasked. While a page holds an element
//! marked `data-warn-unsaved="<question>"` (the question in the page's language), a link that
//! would take the browser elsewhere asks it first, and the browser asks its own before a reload
//! or a closed tab. A text field of a form in `main` counts as unsaved when it differs from what
//! the page was drawn with and from what was last sent from it: a refused save's text, still
//! on screen beside its error, is not asked about again.

/// The marker's attribute, on an element of a page whose typed text should not be lost.
pub const MARKER: &str = "data-warn-unsaved";

/// Listens for leaving, once for the app's lifetime (a page calls it each time it is drawn;
/// the listeners act only while a marked element is on the page).
pub fn warn_before_leaving() {
    #[cfg(feature = "hydrate")]
    browser::install();
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    use web_sys::{
        BeforeUnloadEvent, Element, Event, HtmlInputElement, HtmlTextAreaElement, MouseEvent,
    };

    use super::MARKER;

    const SENT: &str = "data-sent-value";

    thread_local! {
        static INSTALLED: Cell<bool> = const { Cell::new(false) };
        /// Leaving was agreed to by the link's question: the browser's own is not asked too.
        static AGREED: Cell<bool> = const { Cell::new(false) };
    }

    pub fn install() {
        if INSTALLED.replace(true) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        // On the document, the bubbling click arrives before the router's (on the window),
        // which lets a refused click through untouched when its default is prevented.
        let on_click = Closure::<dyn Fn(MouseEvent)>::new(|ev: MouseEvent| {
            if ev.default_prevented()
                || ev.button() != 0
                || ev.meta_key()
                || ev.ctrl_key()
                || ev.shift_key()
                || ev.alt_key()
            {
                return;
            }
            let Some(link) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten())
            else {
                return;
            };
            let href = link.get_attribute("href").unwrap_or_default();
            let elsewhere = link.get_attribute("target").is_some_and(|t| t != "_self");
            if href.starts_with('#') || elsewhere || link.has_attribute("download") {
                return;
            }
            if let Some(question) = unsaved() {
                let leave = web_sys::window()
                    .and_then(|w| w.confirm_with_message(&question).ok())
                    .unwrap_or(true);
                if leave {
                    AGREED.set(true);
                } else {
                    ev.prevent_default();
                }
            }
        });
        let _ =
            document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
        // What a form sends is its fields' sent value from then on.
        let on_submit = Closure::<dyn Fn(Event)>::new(|ev: Event| {
            let form = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
            for field in form.into_iter().flat_map(text_fields) {
                let _ = field.0.set_attribute(SENT, &field.1);
            }
        });
        let _ = document.add_event_listener_with_callback_and_bool(
            "submit",
            on_submit.as_ref().unchecked_ref(),
            true,
        );
        on_submit.forget();
        let on_unload = Closure::<dyn Fn(BeforeUnloadEvent)>::new(|ev: BeforeUnloadEvent| {
            if !AGREED.replace(false) && unsaved().is_some() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        let _ = window
            .add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
        on_unload.forget();
    }

    /// The page's question when it asks one and a field holds unsaved text.
    fn unsaved() -> Option<String> {
        let document = web_sys::window()?.document()?;
        let question = document
            .query_selector(&format!("[{MARKER}]"))
            .ok()??
            .get_attribute(MARKER)?;
        let main = document.query_selector("main").ok()??;
        text_fields(main)
            .any(|(field, value)| {
                let drawn = field
                    .dyn_ref::<HtmlInputElement>()
                    .map(HtmlInputElement::default_value)
                    .or_else(|| {
                        field
                            .dyn_ref::<HtmlTextAreaElement>()
                            .map(HtmlTextAreaElement::default_value)
                            .and_then(Result::ok)
                    })
                    .unwrap_or_default();
                value.trim() != drawn.trim()
                    && field.get_attribute(SENT).as_deref() != Some(value.as_str())
            })
            .then_some(question)
    }

    /// The text fields under `root` that are inside a form, each with its value.
    fn text_fields(root: Element) -> impl Iterator<Item = (Element, String)> {
        let found = root
            .query_selector_all("textarea, input:not([type]), input[type=text]")
            .ok();
        let count = found.as_ref().map_or(0, web_sys::NodeList::length);
        (0..count).filter_map(move |i| {
            let field = found.as_ref()?.item(i)?.dyn_into::<Element>().ok()?;
            field.closest("form").ok().flatten()?;
            let value = match field.dyn_ref::<HtmlInputElement>() {
                Some(input) => input.value(),
                None => field.dyn_ref::<HtmlTextAreaElement>()?.value(),
            };
            Some((field, value))
        })
    }
}
