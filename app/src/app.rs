//! The HTML shell and the router: which page answers which path.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::api::auth::get_current_user;
use crate::components::layout::Layout;
use crate::i18n::{T, current_lang, t};
use crate::pages::{
    actions, admin, audit, dashboard, directory, groups, home, incident_detail, incident_edit,
    incident_list, incident_new, meetings, minutes_print, not_found, picture, reports, sign_in,
    year_report,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: leptos::config::LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::security::record_page_nonce();
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
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
    // Marks the page as hydrated (an Effect runs only in the browser): tests wait for it.
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/samverkan.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Meta name="description" content=t(T::AppTagline) />
        <Title formatter=|title: String| if title.is_empty() { "Samverkan".to_owned() } else { format!("{title} – Samverkan") } />
        <Router>
            <Layout>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=sign_in::SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/incidents") view=incident_list::IncidentListPage ssr=SsrMode::Async />
                    <Route path=path!("/incidents/new") view=incident_new::NewIncidentPage ssr=SsrMode::Async />
                    <Route path=path!("/incidents/:id") view=incident_detail::IncidentDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/incidents/:id/edit") view=incident_edit::EditIncidentPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=admin::AdminPage ssr=SsrMode::Async />
                    <Route path=path!("/audit") view=audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/picture") view=picture::PicturePage ssr=SsrMode::Async />
                    <Route path=path!("/actions") view=actions::ActionsPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings") view=meetings::MeetingsPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id") view=meetings::MeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/minutes") view=minutes_print::MinutesPage ssr=SsrMode::Async />
                    <Route path=path!("/actions/new") view=actions::NewActionPage ssr=SsrMode::Async />
                    <Route path=path!("/actions/:id") view=actions::ActionPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard") view=dashboard::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard/year") view=year_report::YearReportPage ssr=SsrMode::Async />
                    <Route path=path!("/directory") view=directory::DirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("/groups") view=groups::GroupsPage ssr=SsrMode::Async />
                    <Route path=path!("/groups/:id") view=groups::GroupPage ssr=SsrMode::Async />
                    <Route path=path!("/reports") view=reports::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/overview") view=reports::ReportOverviewPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
