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
    browser::follow(leptos_router::hooks::use_location());
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};

    use leptos::prelude::GetUntracked;
    use leptos_router::location::Location;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::{Closure, JsValue};
    use web_sys::{
        BeforeUnloadEvent, Element, Event, HtmlInputElement, HtmlTextAreaElement, MouseEvent,
    };

    use super::MARKER;

    const SENT: &str = "data-sent-value";
    const PENDING: &str = "data-pending-value";

    thread_local! {
        static INSTALLED: Cell<bool> = const { Cell::new(false) };
        /// Leaving was agreed to by the link's question: the browser's own is not asked too.
        static AGREED: Cell<bool> = const { Cell::new(false) };
        /// The router's location: on a back or forward move, still the page being left.
        static ROUTER_AT: RefCell<Option<Location>> = const { RefCell::new(None) };
        /// Where the page was when a move was refused.
        static PLACE: Cell<(f64, f64)> = const { Cell::new((0.0, 0.0)) };
        /// Shortly after a refused move, until the browser's scroll has been undone once.
        static KEEPING_PLACE: Cell<bool> = const { Cell::new(false) };
        /// The address a refused move steps back to: that step is not the router's to hear.
        static RETURNING_TO: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    pub fn follow(location: Location) {
        ROUTER_AT.set(Some(location));
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
        let _ =
            document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
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
        let _ = window
            .add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
        on_unload.forget();
        // Added before the router's: a refused move never reaches the router, nor does the
        // step back that undoes it.
        let on_move = Closure::<dyn Fn(Event)>::new(|ev: Event| {
            if let Some(to) = RETURNING_TO.take()
                && current_address().is_some_and(|at| at == to)
            {
                ev.stop_immediate_propagation();
                return;
            }
            let Some(left) = page_left() else {
                return;
            };
            // Still the page's place: the browser scrolls to the one it kept for the page moved
            // to only after this event.
            let place = web_sys::window().map(|w| {
                (
                    w.scroll_x().unwrap_or_default(),
                    w.scroll_y().unwrap_or_default(),
                )
            });
            if unsaved().is_some_and(|question| !confirmed(&question)) {
                ev.stop_immediate_propagation();
                stay(left);
                // That scroll comes within a frame or two: the page's place is put back.
                PLACE.set(place.unwrap_or_default());
                KEEPING_PLACE.set(true);
                leptos::prelude::set_timeout(|| KEEPING_PLACE.set(false), KEEP_PLACE_FOR);
                leptos::prelude::request_animation_frame(|| {
                    keep_place();
                });
            }
        });
        let _ =
            window.add_event_listener_with_callback("popstate", on_move.as_ref().unchecked_ref());
        on_move.forget();
        let on_scroll = Closure::<dyn Fn()>::new(|| {
            if KEEPING_PLACE.get() && keep_place() {
                KEEPING_PLACE.set(false);
            }
        });
        let _ =
            window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
        on_scroll.forget();
    }

    /// How long after a refused move a scroll elsewhere is taken for the browser's.
    const KEEP_PLACE_FOR: std::time::Duration = std::time::Duration::from_millis(500);

    /// Undoes a refused move away from `left`: a step back the other way when the browser
    /// lists its entries (the Navigation API) and `left` is next to this one, else `left` as
    /// a new entry.
    fn stay(left: String) {
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        match step_to(&left) {
            Some(delta) => {
                RETURNING_TO.set(Some(left));
                leptos::prelude::set_timeout(
                    || RETURNING_TO.set(None),
                    std::time::Duration::from_secs(1),
                );
                let _ = history.go_with_delta(delta);
            }
            None => {
                let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&left));
            }
        }
    }

    /// The step (1 or -1) from the current entry to the neighbouring one at `left`, from the
    /// Navigation API where the browser has it.
    fn step_to(left: &str) -> Option<i32> {
        use web_sys::js_sys::{Array, Function, Reflect};
        let window = web_sys::window()?;
        let field = |of: &JsValue, name: &str| Reflect::get(of, &JsValue::from_str(name)).ok();
        let navigation = field(&window, "navigation").filter(JsValue::is_object)?;
        let index = field(&field(&navigation, "currentEntry")?, "index")?.as_f64()?;
        let entries: Array = field(&navigation, "entries")?
            .dyn_into::<Function>()
            .ok()?
            .call0(&navigation)
            .ok()?
            .dyn_into()
            .ok()?;
        let wanted = format!("{}{left}", window.location().origin().ok()?);
        [1, -1].into_iter().find(|step| {
            let at = index + f64::from(*step);
            at >= 0.0
                && field(&entries.get(at as u32), "url").and_then(|url| url.as_string())
                    == Some(wanted.clone())
        })
    }

    /// The address shown: path, query and fragment.
    fn current_address() -> Option<String> {
        let at = web_sys::window()?.location();
        Some(format!(
            "{}{}{}",
            at.pathname().ok()?,
            at.search().ok()?,
            at.hash().ok()?
        ))
    }

    /// Puts the page back at its place if the browser moved it; whether it did.
    fn keep_place() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let (x, y) = PLACE.get();
        let now = (
            window.scroll_x().unwrap_or_default(),
            window.scroll_y().unwrap_or_default(),
        );
        let moved = now != (x, y);
        if moved {
            window.scroll_to_with_x_and_y(x, y);
        }
        moved
    }

    fn confirmed(question: &str) -> bool {
        web_sys::window()
            .and_then(|w| w.confirm_with_message(question).ok())
            .unwrap_or(true)
    }

    /// On a back or forward move to another page, the address of the page being left (a move
    /// between fragments of one page leaves nothing).
    fn page_left() -> Option<String> {
        let (path, search, hash) = ROUTER_AT.with_borrow(|at| {
            let at = at.as_ref()?;
            Some((
                at.pathname.try_get_untracked()?,
                at.search.try_get_untracked()?,
                at.hash.try_get_untracked()?,
            ))
        })?;
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let now = web_sys::window()?.location();
        let moved = now.pathname().ok()? != path || now.search().ok()? != query;
        moved.then(|| format!("{path}{query}{hash}"))
    }

    /// Answers the pending saves: accepted, their text is what was saved; else it stays unsaved.
    pub fn settle(accepted: bool) {
        let Some(pending) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(&format!("[{PENDING}]")).ok())
        else {
            return;
        };
        for field in
            (0..pending.length()).filter_map(|i| pending.item(i)?.dyn_into::<Element>().ok())
        {
            if accepted && let Some(value) = field.get_attribute(PENDING) {
                let _ = field.set_attribute(SENT, &value);
            }
            let _ = field.remove_attribute(PENDING);
        }
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
}
