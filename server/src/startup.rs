//! Builds the state and the router, and serves it on a listener (port 0 in tests).

use std::net::SocketAddr;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use anyhow::Context;
use app::app::{App, shell};
use app::ssr::views::Views;
use app::ssr::{AppState, Settings, db};
use axum::Router;
use axum::serve::ListenerExt;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeFile;
use tower_http::trace::TraceLayer;

use crate::Config;

/// How long a computed view (picture counts, dashboard, yearly report) is kept at most; a
/// change through this server outdates it at once.
const VIEW_TTL: Duration = Duration::from_secs(15);

/// Connects, migrates and returns the state every request shares.
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    config.ensure_database_dir()?;
    let db = db::connect(&config.database_url)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("migrating the database")?;
    let leptos_options = LeptosOptions::builder()
        .output_name("samverkan")
        .site_root(config.site_root.as_str())
        .site_pkg_dir(crate::assets::pkg_dir(std::path::Path::new(
            &config.site_root,
        )))
        .site_addr(config.addr)
        .build();
    let settings = Settings {
        secure_cookies: config.secure_cookies,
        report_deadline: config.report_deadline,
        hot_spot_threshold: config.hot_spot_threshold,
        public_origin: config.public_origin.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
        ..Settings::default()
    };
    Ok(AppState {
        db,
        leptos_options,
        settings: Arc::new(settings),
        views: Arc::new(Views::new(VIEW_TTL)),
    })
}

/// The app's pages, found once per process. Finding them renders the app with resource loading
/// switched off for the whole process (a Leptos-wide flag), so a page rendering at that moment
/// would wait for its data forever: a second server in the same process (tests, or a restart
/// in place) must never search again while the first serves.
pub fn routes() -> &'static [AxumRouteListing] {
    static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));
    &ROUTES
}

pub fn router(state: AppState) -> Router {
    let routes = routes().to_vec();
    let site_root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    let context_state = state.clone();
    // leptos_axum registers every server function under /api/… and provides `context_state`
    // to it as well as to pages.
    Router::new()
        .route("/incidents/export.csv", axum::routing::get(crate::export::incidents_csv))
        .route(
            "/dashboard/export.csv",
            axum::routing::get(crate::dashboard_export::dashboard_csv),
        )
        .route("/dashboard/year.csv", axum::routing::get(crate::dashboard_export::year_csv))
        .route("/meetings/feed/{file}", axum::routing::get(crate::calendar::series_feed))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .merge(crate::assets::router(&site_root))
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::map_response(bad_arguments_are_400))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(crate::security::MAX_BODY_BYTES))
        // Photo uploads have a limit of their own; everything else keeps the small one above.
        .merge(crate::photos::router())
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::session::resolve_caller))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::security::guard))
        // Outside the 400 mapping above, which reads the body it maps.
        .layer(compression())
        .layer(TraceLayer::new_for_http()
            .make_span_with(|req: &axum::extract::Request| {
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
            })
            .on_request(())
            .on_response(|res: &axum::response::Response, latency: Duration, _span: &tracing::Span| {
                tracing::info!(status = res.status().as_u16(), ms = latency.as_secs_f64() * 1000.0, "served");
            }))
        .with_state(state)
}

/// Pages, server functions and downloads go out compressed, brotli or gzip as the browser
/// accepts (bodies of 32 bytes or less as they are): most of what a phone on a weak connection
/// waits for. Not the WASM and JS of `/pkg`: megabytes that are the same every time, so
/// packing them on each request would cost seconds of CPU; they are for packing at build time.
fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("application/wasm"))
        .and(NotForContentType::const_new("application/javascript"))
        .and(NotForContentType::const_new("text/javascript"));
    CompressionLayer::new()
        .quality(CompressionLevel::Precise(5))
        .compress_when(predicate)
}

/// Server functions answer arguments they cannot decode with a 500 carrying
/// `AppError::BadRequest`; the client's mistake is a 400.
async fn bad_arguments_are_400(res: axum::response::Response) -> axum::response::Response {
    if res.status() != http::StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if bytes.as_ref() == b"\"BadRequest\"" {
        parts.status = http::StatusCode::BAD_REQUEST;
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A running server.
pub struct Application {
    pub addr: SocketAddr,
    pub state: AppState,
    listener: TcpListener,
}

impl Application {
    /// Binds the listener (use port 0 for a free port) and prepares the state.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let state = build_state(config).await?;
        Self::with_state(config.addr, state).await
    }

    pub async fn with_state(addr: SocketAddr, state: AppState) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let addr = listener.local_addr()?;
        Ok(Self {
            addr,
            state,
            listener,
        })
    }

    /// Serves until SIGINT/SIGTERM, finishing requests in flight.
    pub async fn run(self) -> anyhow::Result<()> {
        // Other servers on the same PostgreSQL database announce their changes.
        app::ssr::views::follow_other_servers(&self.state.db);
        app::ssr::views::announce_to_other_servers(&self.state.db);
        // Without TCP_NODELAY, responses written in pieces stall ~40 ms on keep-alive connections.
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        // The peer's address reaches sign-in throttling as `ConnectInfo`.
        let app = router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
