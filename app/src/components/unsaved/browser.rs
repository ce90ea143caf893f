//! In the browser: which text is unsaved, and the questions asked before a link is followed, a
//! reload or a closed tab.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{
    BeforeUnloadEvent, Element, Event, HtmlInputElement, HtmlTextAreaElement, MouseEvent,
};

use super::{MARKER, history};

const SENT: &str = "data-sent-value";
const PENDING: &str = "data-pending-value";

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
            if confirmed(&question) {
                // A link the router follows unloads nothing: the agreement is for the
                // unload that follows at once, if any, not for a later one.
                AGREED.set(true);
                leptos::prelude::set_timeout(
                    || AGREED.set(false),
                    std::time::Duration::from_secs(1),
                );
            } else {
                ev.prevent_default();
            }
        }
    });
    let _ = document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    // What a form sends is pending until its save is answered.
    let on_submit = Closure::<dyn Fn(Event)>::new(|ev: Event| {
        let form = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        for (field, value, _) in form.into_iter().flat_map(text_fields) {
            let _ = field.set_attribute(PENDING, &value);
        }
    });
    let _ = document.add_event_listener_with_callback_and_bool(
        "submit",
        on_submit.as_ref().unchecked_ref(),
        true,
    );
    on_submit.forget();
    let on_unload = Closure::<dyn Fn(BeforeUnloadEvent)>::new(|ev: BeforeUnloadEvent| {
        if AGREED.replace(false) {
            return;
        }
        if let Some(question) = unsaved() {
            ev.prevent_default();
            ev.set_return_value(&question);
        }
    });
    let _ =
        window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    on_unload.forget();
    history::install(&window);
}

/// Whether the user agreed to `question` (yes where the browser cannot ask).
pub fn confirmed(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(true)
}

/// Answers the pending saves: accepted, their text is what was saved; else it stays unsaved.
pub fn settle(accepted: bool) {
    let Some(pending) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(&format!("[{PENDING}]")).ok())
    else {
        return;
    };
    for field in (0..pending.length()).filter_map(|i| pending.item(i)?.dyn_into::<Element>().ok()) {
        if accepted && let Some(value) = field.get_attribute(PENDING) {
            let _ = field.set_attribute(SENT, &value);
        }
        let _ = field.remove_attribute(PENDING);
    }
}

/// The page's question when it asks one and a field holds unsaved text.
pub fn unsaved() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let question = document
        .query_selector(&format!("[{MARKER}]"))
        .ok()??
        .get_attribute(MARKER)?;
    let main = document.query_selector("main").ok()??;
    text_fields(main)
        .any(|(field, value, drawn)| {
            value.trim() != drawn.trim()
                && field.get_attribute(SENT).as_deref() != Some(value.as_str())
        })
        .then_some(question)
}

/// The text fields under `root` that are inside a form, each with its value and the value
/// it was drawn with.
fn text_fields(root: Element) -> impl Iterator<Item = (Element, String, String)> {
    let found = root
        .query_selector_all("textarea, input:not([type]), input[type=text]")
        .ok();
    let count = found.as_ref().map_or(0, web_sys::NodeList::length);
    (0..count).filter_map(move |i| {
        let field = found.as_ref()?.item(i)?.dyn_into::<Element>().ok()?;
        field.closest("form").ok().flatten()?;
        let (value, drawn) = match field.dyn_ref::<HtmlInputElement>() {
            Some(input) => (input.value(), input.default_value()),
            None => {
                let area = field.dyn_ref::<HtmlTextAreaElement>()?;
                (area.value(), area.default_value().unwrap_or_default())
            }
        };
        Some((field, value, drawn))
    })
}
