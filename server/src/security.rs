//! Defences on every request: requests that change data must come from the app's own pages
//! (Origin, else Referer, must name this site), bodies are limited in size, and every response
//! carries the security headers. Pages get a Content-Security-Policy with the nonce of their
//! scripts (`app::ssr::security`); other responses get one that allows nothing.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};

use app::ssr::AppState;
use app::ssr::security::{NonceSlot, page_policy};

/// The largest request body accepted: every form of the app fits many times over.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The largest page rendered (the situation picture of a large municipality is ~200 KB).
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// The policy of responses that are not pages: nothing may run, nothing may frame them.
const NOT_A_PAGE_POLICY: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Refuses requests that change data from other sites, and adds the security headers. Besides
/// the `Host` a request was sent to, the public address (`SAMVERKAN_ORIGIN`, for a proxy in
/// front that rewrites `Host`) counts as this site.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let changes_data = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let public = state.settings.public_origin.as_deref();
    if changes_data && !from_this_site(req.headers(), public) {
        tracing::warn!(
            path = %req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            "refused a request from another site"
        );
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Förfrågan kom inte från Samverkans egna sidor. / The request did not come from Samverkan's own pages.",
        )
            .into_response();
    }
    let static_asset = req.uri().path().starts_with("/pkg/");
    let slot = NonceSlot::default();
    req.extensions_mut().insert(slot.clone());
    let res = next.run(req).await;
    let mut res = with_page_policy(res, &slot).await;
    add_headers(res.headers_mut(), static_asset);
    res
}

/// An HTML page gets the policy naming its nonce. Its body is read first: the shell that
/// leaves the nonce has surely run once the page is rendered. (Pages render whole before they
/// are sent, `SsrMode::Async`, so this holds nothing back.)
async fn with_page_policy(res: Response, slot: &NonceSlot) -> Response {
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "a page could not be rendered whole");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let Some(value) = slot
        .take()
        .and_then(|nonce| HeaderValue::from_str(&page_policy(&nonce)).ok())
    {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// True when the request names this site as its source, or names none (not a browser: a
/// browser sends `Origin` with every cross-site request that changes data). `Origin: null`
/// (sandboxed frames, privacy redirects) is refused.
fn from_this_site(headers: &HeaderMap, public: Option<&str>) -> bool {
    let text = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(source) = text(header::ORIGIN).or_else(|| text(header::REFERER)) else {
        return true;
    };
    let Some(source) = authority(source) else {
        return false;
    };
    let host_matches = text(header::HOST).is_some_and(|host| host.eq_ignore_ascii_case(source));
    let public_matches = public
        .and_then(authority)
        .is_some_and(|p| p.eq_ignore_ascii_case(source));
    host_matches || public_matches
}

/// `host[:port]` of an absolute http(s) URL or origin.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

fn add_headers(headers: &mut HeaderMap, static_asset: bool) {
    let mut set = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::CONTENT_SECURITY_POLICY, NOT_A_PAGE_POLICY);
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(self), payment=()",
    );
    if !static_asset {
        // Pages and answers carry personal data: not kept by browsers or proxies.
        set(header::CACHE_CONTROL, "no-store");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_str(value).expect("header"));
        }
        map
    }

    #[test]
    fn only_this_sites_origin_may_change_data() {
        let host = (header::HOST, "127.0.0.1:3000");
        let ok =
            |source: (HeaderName, &str)| from_this_site(&headers(&[host.clone(), source]), None);
        assert!(ok((header::ORIGIN, "http://127.0.0.1:3000")));
        assert!(ok((
            header::REFERER,
            "http://127.0.0.1:3000/incidents/new?x=1"
        )));
        assert!(!ok((header::ORIGIN, "http://evil.example")));
        assert!(!ok((header::ORIGIN, "http://127.0.0.1:3001")));
        assert!(!ok((header::ORIGIN, "http://127.0.0.1:3000.evil.example")));
        assert!(!ok((header::ORIGIN, "null")));
        assert!(!ok((
            header::REFERER,
            "http://evil.example/http://127.0.0.1:3000"
        )));
        // No Origin or Referer: not a browser, so no borrowed cookies.
        assert!(from_this_site(&headers(std::slice::from_ref(&host)), None));
        // Origin wins over a Referer naming this site.
        assert!(!from_this_site(
            &headers(&[
                host.clone(),
                (header::ORIGIN, "http://evil.example"),
                (header::REFERER, "http://127.0.0.1:3000/")
            ]),
            None
        ));
    }

    #[test]
    fn the_public_address_behind_a_proxy_is_this_site_too() {
        let map = headers(&[
            (header::HOST, "10.0.0.5:3000"),
            (header::ORIGIN, "https://samverkan.norrtalje.se"),
        ]);
        assert!(!from_this_site(&map, None));
        assert!(from_this_site(&map, Some("https://samverkan.norrtalje.se")));
        assert!(!from_this_site(&map, Some("https://other.example")));
    }

    #[test]
    fn headers_are_added_without_replacing_a_pages_own_policy() {
        let mut map = headers(&[(header::CONTENT_SECURITY_POLICY, "script-src 'nonce-x'")]);
        add_headers(&mut map, false);
        assert_eq!(map[header::CONTENT_SECURITY_POLICY], "script-src 'nonce-x'");
        assert_eq!(map[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(map[header::CACHE_CONTROL], "no-store");
        let mut asset = HeaderMap::new();
        add_headers(&mut asset, true);
        assert_eq!(asset[header::CONTENT_SECURITY_POLICY], NOT_A_PAGE_POLICY);
        assert!(asset.get(header::CACHE_CONTROL).is_none());
    }
}
