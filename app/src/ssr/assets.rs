//! The browser's code in a page's head: the styles, the main module, its WASM, and the pack
//! holding the code of the page being shown (`tools/pack.mjs`), all from the current build's
//! folder (`LeptosOptions::site_pkg_dir`, `pkg/<build id>`), so the browser fetches them at
//! once instead of discovering them one round trip after another.
//!
//! In place of Leptos' `HydrationScripts`, whose chunk preloads are added outside the page's
//! reactive owner and so appeared on some responses only, and whose links carried the page's
//! nonce as their `crossorigin`.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos_meta::Link;

use super::AppState;

/// The chunk loader `tools/split-site` writes (the name Leptos gives it without file hashing).
const LOADER: &str = "__wasm_split.______________________.js";
/// Which pack holds each lazily loaded function's code, written by `tools/pack.mjs`.
const PACKS: &str = "packs.json";

/// The stylesheet, the main module and its WASM, and the script that hydrates the page.
#[component]
pub fn BuildScripts(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}", options.site_pkg_dir);
    let name = options.output_name.to_string();
    let module = format!("{pkg}/{name}.js");
    let wasm = format!("{pkg}/{name}_bg.wasm");
    let script = format!(
        "import init, {{ hydrate }} from {module:?};\n\
         init({{ module_or_path: {wasm:?} }}).then(() => hydrate());"
    );
    view! {
        <link rel="stylesheet" href=format!("{pkg}/{name}.css") />
        <link rel="modulepreload" href=module />
        // `fetch()` asks in CORS mode; a preload without `crossorigin` would not be used.
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="anonymous" />
        <script type="module" nonce=leptos::nonce::use_nonce()>
            {script}
        </script>
    }
}

/// Names the pack of the page being rendered in the head. Called in each lazy route's view,
/// inside the page's owner, after the route has registered the function it loads.
pub fn preload_page_code() {
    let (Some(loaded), Some(state)) = (
        use_context::<leptos::PrefetchLazyFn>(),
        use_context::<AppState>(),
    ) else {
        return;
    };
    let Some(names) = loaded.0.try_read_value().map(|set| set.clone()) else {
        return;
    };
    let options = &state.leptos_options;
    let packs = packs(options);
    let pkg = format!("/{}", options.site_pkg_dir);
    let mut files: Vec<&String> = names.iter().filter_map(|name| packs.get(*name)).collect();
    if files.is_empty() {
        return;
    }
    files.sort();
    files.dedup();
    for file in files {
        // On the server `to_html` hands a meta component to the head rather than writing it.
        let _ = view! {
            <Link rel="preload" href=format!("{pkg}/{file}") as_="fetch" crossorigin="anonymous" />
        }
        .to_html();
    }
    let _ = view! { <Link rel="modulepreload" href=format!("{pkg}/{LOADER}") /> }.to_html();
}

/// Each page's pack, read once per process; empty for a site without split code.
fn packs(options: &LeptosOptions) -> &'static HashMap<String, String> {
    static PACKS_READ: OnceLock<HashMap<String, String>> = OnceLock::new();
    PACKS_READ.get_or_init(|| {
        let path = std::path::Path::new(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(PACKS);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::error!(path = %path.display(), error = %e, "unreadable pack list");
                HashMap::new()
            }),
            Err(_) => HashMap::new(),
        }
    })
}
