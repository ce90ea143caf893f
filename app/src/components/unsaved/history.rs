//! In the browser: the back and forward buttons. They move inside the app without a click or
//! an unload, so the move is asked about before the router hears of it (this listener is added
//! first), and a refused move is undone by a step the other way, keeping the page's place.

use std::cell::{Cell, RefCell};

use leptos::prelude::GetUntracked;
use leptos_router::location::Location;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use web_sys::{Event, Window};

use super::browser::{confirmed, unsaved};

thread_local! {
    /// The router's location: on a back or forward move, still the page being left.
    static ROUTER_AT: RefCell<Option<Location>> = const { RefCell::new(None) };
    /// Where the page was when a move was refused.
    static PLACE: Cell<(f64, f64)> = const { Cell::new((0.0, 0.0)) };
    /// Shortly after a refused move, until the browser's scroll has been undone once.
    static KEEPING_PLACE: Cell<bool> = const { Cell::new(false) };
    /// The address a refused move steps back to: that step is not the router's to hear.
    static RETURNING_TO: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// How long after a refused move a scroll elsewhere is taken for the browser's.
const KEEP_PLACE_FOR: std::time::Duration = std::time::Duration::from_millis(500);

pub fn follow(location: Location) {
    ROUTER_AT.set(Some(location));
}

/// Listens for back and forward moves on `window`; called before the router adds its own.
pub fn install(window: &Window) {
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
    let _ = window.add_event_listener_with_callback("popstate", on_move.as_ref().unchecked_ref());
    on_move.forget();
    let on_scroll = Closure::<dyn Fn()>::new(|| {
        if KEEPING_PLACE.get() && keep_place() {
            KEEPING_PLACE.set(false);
        }
    });
    let _ = window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    on_scroll.forget();
}

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
