//! The HTML shell and the router: which page answers which path.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

use crate::api::auth::get_current_user;
use crate::components::layout::Layout;
use crate::i18n::{T, current_lang, t};
use crate::pages::not_found;
use crate::routes;

/// The document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: leptos::config::LeptosOptions) -> impl IntoView {
    use crate::ssr::assets::BuildScripts;
    use leptos_meta::MetaTags;
    crate::ssr::security::record_page_nonce();
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <BuildScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Marks the page as hydrated (`data-hydrated` on the body; tests wait for it). Called by each
/// page's route: an Effect runs only in the browser, once the view that made it has hydrated,
/// and a page hydrates after its lazily loaded code has arrived, later than the shell.
pub fn mark_hydrated() {
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// The signed-in user, loaded once per page load and shared by the header and pages.
pub type UserResource = Resource<Result<Option<shared::user::CurrentUser>, shared::AppError>>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = current_lang();
    provide_context(lang);
    let user: UserResource = Resource::new_blocking(|| (), |_| get_current_user());
    provide_context(user);

    view! {
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Meta name="description" content=t(T::AppTagline) />
        // The empty text under every page's own: while a page's code is still loading after
        // the shell has hydrated, the tab reads "Samverkan" rather than nothing.
        <Title text="" formatter=|title: String| if title.is_empty() { "Samverkan".to_owned() } else { format!("{title} – Samverkan") } />
        <Router>
            <Layout>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view={Lazy::<routes::Home>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view={Lazy::<routes::SignIn>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/incidents") view={Lazy::<routes::IncidentList>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/incidents/new") view={Lazy::<routes::NewIncident>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/incidents/:id") view={Lazy::<routes::IncidentDetail>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/incidents/:id/edit") view={Lazy::<routes::EditIncident>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin") view={Lazy::<routes::Admin>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view={Lazy::<routes::Accounts>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/places") view={Lazy::<routes::Places>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/set-password") view={Lazy::<routes::SetPassword>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/audit") view={Lazy::<routes::Audit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/picture") view={Lazy::<routes::Picture>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/actions") view={Lazy::<routes::Actions>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/meetings") view={Lazy::<routes::Meetings>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id") view={Lazy::<routes::Meeting>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/minutes") view={Lazy::<routes::Minutes>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/actions/new") view={Lazy::<routes::NewAction>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/actions/:id") view={Lazy::<routes::Action>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/dashboard") view={Lazy::<routes::Dashboard>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/dashboard/year") view={Lazy::<routes::YearReport>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/directory") view={Lazy::<routes::Directory>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/groups") view={Lazy::<routes::Groups>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/groups/:id") view={Lazy::<routes::Group>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reports") view={Lazy::<routes::Report>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reports/overview") view={Lazy::<routes::ReportOverview>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/work-orders") view={Lazy::<routes::WorkOrders>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/work-orders/new") view={Lazy::<routes::NewWorkOrder>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/work-orders/:id") view={Lazy::<routes::WorkOrder>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/walks") view={Lazy::<routes::Walks>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/walks/:id") view={Lazy::<routes::Walk>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/walks/:id/report") view={Lazy::<routes::WalkReport>::new()} ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
