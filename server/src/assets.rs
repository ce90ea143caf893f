//! The browser's files. Each build's WASM, JS and CSS live under `pkg/<build id>/`, the id a
//! hash of their contents (`tools/publish.mjs`), and `build-id` names the current one. Pages
//! link to the current build's folder; its files never change, so browsers and proxies may
//! keep them for a year without asking again, and a page never loads modules of two builds.
//! Earlier builds' folders stay served while they exist, for pages still open from them.

use std::path::Path;

use axum::Router;
use axum::response::Response;
use http::HeaderValue;
use http::header::CACHE_CONTROL;
use tower_http::services::ServeDir;

/// Files under `/pkg` are named by their build: kept for a year, never checked again.
pub const FOREVER: &str = "public, max-age=31536000, immutable";

/// Where the current build's files are, relative to the site root: `pkg/<build id>`, or
/// `pkg` for a site without build ids (the tests' own small site).
pub fn pkg_dir(site_root: &Path) -> String {
    let id = std::fs::read_to_string(site_root.join("build-id")).unwrap_or_default();
    let id = id.trim();
    let named = !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit());
    if named {
        format!("pkg/{id}")
    } else {
        "pkg".to_owned()
    }
}

/// `/pkg/…`, straight from the folder, as brotli or gzip where a copy exists and the browser
/// takes it. Not through Leptos' file handler: it copies the response options of whichever
/// page is rendering on the same thread onto the file (a page's 403, and so its headers,
/// arrived on WASM chunks while the browser loaded them).
pub fn router<S: Clone + Send + Sync + 'static>(site_root: &Path) -> Router<S> {
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_gzip()
        .precompressed_br();
    Router::new()
        .nest_service("/pkg", files)
        .layer(axum::middleware::map_response(kept_for_good))
}

/// A file found is kept; an answer that it is missing is not, since a build may yet arrive.
async fn kept_for_good(mut res: Response) -> Response {
    if res.status().is_success() {
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(FOREVER));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_id_names_the_folder_and_nothing_else_does() {
        let root = std::env::temp_dir().join(format!("samverkan-assets-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("folder");
        assert_eq!(pkg_dir(&root), "pkg", "no build id: the plain folder");
        std::fs::write(root.join("build-id"), "0f3a9c21d4e5b6a7\n").expect("id");
        assert_eq!(pkg_dir(&root), "pkg/0f3a9c21d4e5b6a7");
        std::fs::write(root.join("build-id"), "../../etc\n").expect("id");
        assert_eq!(pkg_dir(&root), "pkg", "never a path out of the folder");
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
