//! Resources a page makes once. Leptos runs what is inside a `<Suspense>` again until it
//! settles, so a resource made there is made again each time: fetched again and sent in the
//! page again (the coordinator's start page carried each of its lists three times, 3.7 MB of
//! HTML on ten years of data). A page calls [`provide_made_once`] at its top, outside any
//! Suspense; a part inside one then gets its resource from [`made_once`]: made the first time,
//! under the page's owner, and the same resource every time after.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

type Made = HashMap<String, Box<dyn Any + Send + Sync>>;

#[derive(Clone)]
struct MadeOnce {
    owner: Owner,
    made: Arc<Mutex<Made>>,
}

/// Lets the parts of the page being rendered make their resources once.
pub fn provide_made_once() {
    if let Some(owner) = Owner::current() {
        provide_context(MadeOnce {
            owner,
            made: Arc::default(),
        });
    }
}

/// The value `make` made the first time this page asked for `key`. Without
/// [`provide_made_once`] above, simply `make()`.
pub fn made_once<T: Clone + Send + Sync + 'static>(key: &str, make: impl FnOnce() -> T) -> T {
    let Some(once) = use_context::<MadeOnce>() else {
        return make();
    };
    let found = once
        .made
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(key)
        .and_then(|value| value.downcast_ref::<T>().cloned());
    if let Some(found) = found {
        return found;
    }
    // Under the page's owner: the Suspense's own is thrown away when it runs again.
    let value = once.owner.with(make);
    once.made
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key.to_owned(), Box::new(value.clone()));
    value
}
