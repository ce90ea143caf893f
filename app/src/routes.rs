//! The pages as lazily loaded routes. In the browser each page's code is a WASM chunk of its
//! own (with chunks of the code it shares with some other pages), fetched when the page is
//! first shown: the server names the pack holding them for the page it renders, so the browser
//! preloads it beside the main module. The shell, the layout and the code every page uses load up
//! front. On the server a lazy route renders like any other.

// A page's split point is a WASM import and export that `#[lazy_route]` declares with `extern "C"`
// and `no_mangle`: generated FFI declarations, and the only unsafe code the workspace allows.
#![allow(unsafe_code)]

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::pages::{
    accounts, actions, admin, audit, dashboard, directory, groups, home, incident_detail,
    incident_edit, incident_list, incident_new, meetings, minutes_print, picture, places, reports,
    set_password, sign_in, walk_detail, walk_report, walks, work_order_detail, work_order_new,
    work_orders, year_report,
};

/// `lazy_page!(Route => module::Page)`: the route `Route` shows `Page`, whose code is split
/// off. `#[lazy_route]` also makes the route preload it, so the browser has the code before it
/// hydrates the page. Pages load their own data (resources inside the page), so a route has none.
macro_rules! lazy_page {
    ($route:ident => $page:path) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                #[cfg(feature = "ssr")]
                crate::ssr::assets::preload_page_code();
                crate::app::mark_hydrated();
                $page().into_any()
            }
        }
    };
}

lazy_page!(SignIn => sign_in::SignInPage);
lazy_page!(Home => home::HomePage);
lazy_page!(IncidentList => incident_list::IncidentListPage);
lazy_page!(IncidentDetail => incident_detail::IncidentDetailPage);
lazy_page!(NewIncident => incident_new::NewIncidentPage);
lazy_page!(EditIncident => incident_edit::EditIncidentPage);
lazy_page!(Picture => picture::PicturePage);
lazy_page!(Meetings => meetings::MeetingsPage);
lazy_page!(Meeting => meetings::MeetingPage);
lazy_page!(Minutes => minutes_print::MinutesPage);
lazy_page!(Groups => groups::GroupsPage);
lazy_page!(Group => groups::GroupPage);
lazy_page!(Actions => actions::ActionsPage);
lazy_page!(NewAction => actions::NewActionPage);
lazy_page!(Action => actions::ActionPage);
lazy_page!(Dashboard => dashboard::DashboardPage);
lazy_page!(YearReport => year_report::YearReportPage);
lazy_page!(Report => reports::ReportPage);
lazy_page!(ReportOverview => reports::ReportOverviewPage);
lazy_page!(Admin => admin::AdminPage);
lazy_page!(Audit => audit::AuditPage);
lazy_page!(Directory => directory::DirectoryPage);
lazy_page!(Accounts => accounts::AccountsPage);
lazy_page!(SetPassword => set_password::SetPasswordPage);
lazy_page!(Places => places::PlacesPage);
lazy_page!(WorkOrders => work_orders::WorkOrdersPage);
lazy_page!(NewWorkOrder => work_order_new::NewWorkOrderPage);
lazy_page!(WorkOrder => work_order_detail::WorkOrderPage);
lazy_page!(Walks => walks::WalksPage);
lazy_page!(Walk => walk_detail::WalkPage);
lazy_page!(WalkReport => walk_report::WalkReportPage);
