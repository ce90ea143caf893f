//! The tables of the authorization matrix: for each server function (some twice, aimed at
//! different records) and each page, the form it is sent and the answer each caller gets.
//!
//! K 200 · U 401 · F 403 · N 404 (the same answer as for a record that does not exist) ·
//! S 303 to the sign-in page. Columns in the order of `fixture::EVERYONE`: signed out,
//! reporter A, reporter B (convener), coordinator, manager, admin, member, outsider, handler.

use crate::common::id_of;
use crate::fixture::{FIELD_WORKERS, Fixture, Who};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    K,
    U,
    F,
    N,
    S,
}

use Outcome::*;

pub type Form = Vec<(String, String)>;

pub struct Case {
    pub endpoint: &'static str,
    pub label: &'static str,
    pub form: fn(&Fixture, Who) -> Form,
    pub expect: [Outcome; 9],
    /// Run in a browser of its own (signing in and out would end the shared one's session).
    pub fresh: bool,
}

pub struct Page {
    pub route: &'static str,
    /// The path to load; `None` for the route itself.
    pub path: Option<fn(&Fixture) -> String>,
    pub expect: [Outcome; 9],
}

/// Routes the server adds beside the app's pages.
pub const DOWNLOADS: [&str; 4] = [
    "/incidents/export.csv",
    "/dashboard/export.csv",
    "/dashboard/year.csv",
    "/meetings/feed/:file",
];

fn f(pairs: &[(&str, &str)]) -> Form {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn none(_: &Fixture, _: Who) -> Form {
    Vec::new()
}

fn due() -> String {
    (app::ssr::time::now_local() + chrono::TimeDelta::days(7))
        .format("%Y-%m-%d")
        .to_string()
}

/// A week long before the demo's incidents, a different one per caller: a report per
/// organisation and week can be sent once.
fn quiet_week(who: Who) -> String {
    // Before the demo's history (from week 1 two years back), where nobody logged anything.
    let weeks = 160 + who.index() as i64;
    (app::ssr::time::now_local() - chrono::TimeDelta::weeks(weeks))
        .format("%G-W%V")
        .to_string()
}

const EVERY_SIGNED_IN: [Outcome; 9] = [U, K, K, K, K, K, K, K, K];
/// Everyone who takes part in the collaboration (area groups, the contact directory): every
/// signed-in caller but the handler, who only works the orders sent to them.
const TAKING_PART: [Outcome; 9] = [U, K, K, K, K, K, K, K, F];
const READERS: [Outcome; 9] = [U, K, K, K, F, K, K, K, F];
const ADMIN_ONLY: [Outcome; 9] = [U, F, F, F, F, K, F, F, F];
const COORDINATOR_ONLY: [Outcome; 9] = [U, F, F, K, F, F, F, F, F];
const OVERSEERS: [Outcome; 9] = [U, F, F, K, F, K, F, F, F];
/// The dashboard and the yearly report (`can_see_dashboard`): not the handler.
const DASHBOARD: [Outcome; 9] = [U, F, F, K, K, K, F, F, F];
const REPORTING: [Outcome; 9] = [U, K, K, K, F, F, K, K, F];
/// Hallstavik's group: seen by its members, coordinators and admins, and nobody else.
const GROUP_READERS: [Outcome; 9] = [U, N, K, K, N, K, K, N, N];
/// Hallstavik's meetings: run by coordinators and its convener.
const GROUP_RUNNERS: [Outcome; 9] = [U, N, K, K, N, F, F, N, N];
const ANYONE: [Outcome; 9] = [K; 9];
/// Work-order lists: everyone signed in but the manager, each seeing their own part.
const ORDER_READERS: [Outcome; 9] = [U, K, K, K, F, K, K, K, K];
/// Sending a work order: coordinators, and reporters from their own organisation's incidents
/// in a category that makes orders (the police's graffiti: reporter A).
const ORDER_SENDERS: [Outcome; 9] = [U, K, F, K, F, F, F, F, F];
/// The order street and parks owns, sent by the coordinator from a police incident: read by
/// the police (the incident's), coordinators, admins and street and parks' handler.
const STREETS_ORDER: [Outcome; 9] = [U, K, N, K, N, K, N, N, K];
/// The order property owns, sent by the police: hidden from street and parks' handler.
const PROPERTY_ORDER: [Outcome; 9] = [U, K, N, K, N, K, N, N, N];
/// Safety walks: coordinators run them, reporters walk along; nobody else sees them.
const WALKERS: [Outcome; 9] = [U, K, K, K, F, F, K, K, F];

fn case(
    endpoint: &'static str,
    label: &'static str,
    form: fn(&Fixture, Who) -> Form,
    expect: [Outcome; 9],
) -> Case {
    Case {
        endpoint,
        label,
        form,
        expect,
        fresh: false,
    }
}

pub fn server_functions() -> Vec<Case> {
    let mut cases = vec![
        case("me", "who am I", none, ANYONE),
        case(
            "prefs/language",
            "Swedish",
            |_, _| f(&[("lang", "sv")]),
            ANYONE,
        ),
        case("reference", "lists", none, EVERY_SIGNED_IN),
        case(
            "places",
            "Rimbo's",
            |fx, _| f(&[("area", &fx.area("Rimbo"))]),
            READERS,
        ),
        case(
            "admin/organisation",
            "new",
            |_, w| {
                f(&[
                    ("id", ""),
                    ("name", &format!("Organisation {w:?}")),
                    ("kind", "other"),
                ])
            },
            ADMIN_ONLY,
        ),
        case(
            "admin/area",
            "new",
            |_, w| f(&[("id", ""), ("name", &format!("Område {w:?}"))]),
            ADMIN_ONLY,
        ),
        case(
            "admin/place",
            "new",
            |fx, w| {
                f(&[
                    ("id", ""),
                    ("area_id", &fx.area("Rimbo")),
                    ("name", &format!("Plats {w:?}")),
                ])
            },
            OVERSEERS,
        ),
        case(
            "admin/category",
            "new",
            |_, w| f(&[("id", ""), ("name_sv", &format!("Kategori {w:?}"))]),
            ADMIN_ONLY,
        ),
        case(
            "admin/retire",
            "an area",
            |fx, _| {
                f(&[
                    ("kind", "area"),
                    ("id", &fx.area("Älmsta")),
                    ("retired", "false"),
                ])
            },
            ADMIN_ONLY,
        ),
        case(
            "admin/retire",
            "a place",
            |fx, w| {
                f(&[
                    ("kind", "place"),
                    ("id", &fx.own[&w].to_retire),
                    ("retired", "true"),
                ])
            },
            OVERSEERS,
        ),
        case(
            "places/list",
            "Rimbo's",
            |fx, _| f(&[("area", &fx.area("Rimbo"))]),
            OVERSEERS,
        ),
        case(
            "places/confirm",
            "one in Rimbo",
            |fx, _| f(&[("id", &fx.place)]),
            OVERSEERS,
        ),
        case(
            "places/merge-preview",
            "what would move",
            |fx, _| {
                f(&[
                    ("id", &fx.place),
                    ("into", &fx.own[&Who::SignedOut].merge_into),
                ])
            },
            OVERSEERS,
        ),
        case(
            "places/merge",
            "a duplicate",
            |fx, w| {
                f(&[
                    ("id", &fx.own[&w].merge_from),
                    ("into", &fx.own[&w].merge_into),
                ])
            },
            OVERSEERS,
        ),
        case("accounts/list", "everyone", none, ADMIN_ONLY),
        case(
            "accounts/create",
            "new reporter",
            |fx, w| {
                f(&[
                    ("name", "Ny Medarbetare"),
                    ("email", &format!("ny-{}@test.example", w.index())),
                    ("organisation_id", &fx.org("Polisen Norrtälje")),
                    ("role", "reporter"),
                ])
            },
            ADMIN_ONLY,
        ),
        case(
            "accounts/update",
            "a corrected name",
            |fx, w| {
                f(&[
                    ("id", &fx.own[&w].account),
                    ("name", "Konto Rättat"),
                    ("email", &format!("konto-{}@test.example", w.index())),
                    ("organisation_id", &fx.org("Polisen Norrtälje")),
                    ("role", "reporter"),
                ])
            },
            ADMIN_ONLY,
        ),
        case(
            "accounts/active",
            "deactivate",
            |fx, w| f(&[("id", &fx.own[&w].to_deactivate), ("active", "false")]),
            ADMIN_ONLY,
        ),
        case(
            "accounts/reset",
            "a new link",
            |fx, w| f(&[("id", &fx.own[&w].account)]),
            ADMIN_ONLY,
        ),
        case(
            "accounts/unlock",
            "release",
            |fx, w| f(&[("id", &fx.own[&w].account)]),
            ADMIN_ONLY,
        ),
        // A one-time link is for someone not signed in yet: anyone holding it may use it.
        case(
            "auth/link",
            "whose account",
            |fx, _| f(&[("token", &fx.link)]),
            ANYONE,
        ),
        case(
            "incidents/list",
            "first page, as the browser sends an empty filter",
            none,
            READERS,
        ),
        case(
            "incidents/get",
            "reporter A's",
            |fx, _| f(&[("id", &fx.incident)]),
            [U, K, K, K, N, K, K, K, N],
        ),
        case(
            "incidents/save",
            "new",
            |fx, _| {
                fx.incident_form
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect()
            },
            REPORTING,
        ),
        case(
            "incidents/save",
            "edit reporter A's",
            |fx, _| {
                let mut form: Form = fx
                    .incident_form
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect();
                form.push(("id".into(), fx.incident.clone()));
                form
            },
            [U, K, F, K, N, F, F, F, N],
        ),
        case("incidents/week", "overview", none, READERS),
        case(
            "incidents/redact",
            "the whole description",
            |fx, _| {
                f(&[
                    ("id", &fx.to_redact),
                    ("description", "whole"),
                    ("reason", "Ett namn kom med"),
                ])
            },
            [U, F, F, K, N, F, F, F, N],
        ),
        case(
            "incidents/redaction-request",
            "reporter A's",
            |fx, _| f(&[("id", &fx.incident), ("reason", "Ett namn kom med")]),
            [U, K, F, F, N, F, F, F, N],
        ),
        case(
            "redactions/decline",
            "a request",
            |fx, w| f(&[("id", &fx.own[&w].request)]),
            COORDINATOR_ONLY,
        ),
        case("redactions/open", "all", none, COORDINATOR_ONLY),
        case(
            "incidents/kept-warnings",
            "last 30 days",
            none,
            COORDINATOR_ONLY,
        ),
        case(
            "reports/own",
            "last week",
            |_, _| f(&[("week", "")]),
            REPORTING,
        ),
        case(
            "reports/submit",
            "nothing to report",
            |_, w| f(&[("week", &quiet_week(w)), ("nothing_to_report", "on")]),
            REPORTING,
        ),
        case("reports/overview", "who reported", none, OVERSEERS),
        case("reports/missing", "who has not reported", none, OVERSEERS),
        case("picture", "last week", |_, _| f(&[("week", "")]), READERS),
        case("dashboard", "whole municipality", none, DASHBOARD),
        case("dashboard/year", "this year", none, DASHBOARD),
        case("actions/list", "open", none, READERS),
        case(
            "actions/list",
            "my organisation's",
            |_, _| f(&[("scope", "mine")]),
            READERS,
        ),
        case("actions/overview", "open", none, READERS),
        case(
            "actions/overview",
            "my organisation's",
            |_, _| f(&[("scope", "mine")]),
            READERS,
        ),
        case(
            "actions/get",
            "the weekly meeting's",
            |fx, _| f(&[("id", &fx.action)]),
            [U, K, K, K, N, K, K, K, N],
        ),
        case(
            "actions/get",
            "the group's",
            |fx, _| f(&[("id", &fx.group_action)]),
            GROUP_READERS,
        ),
        case(
            "actions/create",
            "new",
            |fx, w| {
                f(&[
                    ("title", &format!("Åtgärd {w:?}")),
                    ("owner_organisation_id", &fx.org(FIELD_WORKERS)),
                    ("due", &due()),
                ])
            },
            COORDINATOR_ONLY,
        ),
        // Owned by the police: reporter A's organisation may move it on.
        case(
            "actions/state",
            "the weekly meeting's",
            |fx, w| f(&[("id", &fx.own[&w].action), ("state", "in_progress")]),
            [U, K, F, K, N, F, F, F, N],
        ),
        // Owned by the field workers: the member's organisation, and the convener's group.
        case(
            "actions/state",
            "the group's",
            |fx, w| f(&[("id", &fx.own[&w].group_action), ("state", "in_progress")]),
            [U, N, K, K, N, F, K, N, N],
        ),
        case(
            "audit/search",
            "everything, as the browser sends an empty filter",
            none,
            OVERSEERS,
        ),
        case("audit/users", "who acted", none, OVERSEERS),
        case("contacts/search", "everyone", none, TAKING_PART),
        case(
            "contacts/save",
            "new",
            |fx, w| {
                f(&[
                    ("id", ""),
                    ("name", &format!("Ny Kontakt {w:?}")),
                    ("organisation_id", &fx.org(FIELD_WORKERS)),
                    ("function", "field_worker"),
                    ("phone", "070-174 07 01"),
                ])
            },
            OVERSEERS,
        ),
        case(
            "contacts/deactivate",
            "someone who left",
            |fx, w| f(&[("id", &fx.own[&w].contact)]),
            OVERSEERS,
        ),
        case(
            "contacts/reactivate",
            "someone back",
            |fx, w| f(&[("id", &fx.own[&w].left_contact)]),
            OVERSEERS,
        ),
        case("groups/list", "the caller's", none, TAKING_PART),
        case(
            "groups/get",
            "Hallstavik's",
            |fx, _| f(&[("id", &fx.group)]),
            GROUP_READERS,
        ),
        case(
            "groups/create",
            "new",
            |fx, w| {
                f(&[
                    ("name", &format!("Områdesgrupp {w:?}")),
                    ("area_id", &fx.area("Älmsta")),
                    ("weekday", "1"),
                    ("start_time", "13:00"),
                ])
            },
            COORDINATOR_ONLY,
        ),
        case(
            "groups/member",
            "add to Hallstavik's",
            |fx, _| {
                f(&[
                    ("id", &fx.group),
                    ("contact_id", &fx.spare_contact),
                    ("role", "member"),
                ])
            },
            COORDINATOR_ONLY,
        ),
        case("meetings/series", "weekly", none, READERS),
        case("meetings/next", "the weekly series'", none, READERS),
        case(
            "meetings/plan",
            "weekly",
            |fx, _| f(&[("series_id", &fx.weekly_series)]),
            COORDINATOR_ONLY,
        ),
        case(
            "meetings/plan",
            "Hallstavik's",
            |fx, _| f(&[("series_id", &fx.group)]),
            GROUP_RUNNERS,
        ),
        case(
            "meetings/get",
            "weekly",
            |fx, _| f(&[("id", &fx.weekly_meeting)]),
            [U, K, K, K, N, K, K, K, N],
        ),
        case(
            "meetings/get",
            "Hallstavik's",
            |fx, _| f(&[("id", &fx.group_meeting)]),
            GROUP_READERS,
        ),
        case(
            "meetings/step",
            "start Hallstavik's",
            |fx, w| f(&[("id", &fx.own[&w].group_meeting), ("step", "start")]),
            GROUP_RUNNERS,
        ),
        case(
            "meetings/move",
            "Hallstavik's",
            |fx, _| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("date", &due()),
                    ("time", "10:00"),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/cancel",
            "one of Hallstavik's",
            |fx, w| f(&[("id", &fx.own[&w].to_cancel)]),
            GROUP_RUNNERS,
        ),
        case(
            "meetings/attendance",
            "weekly",
            |fx, _| {
                f(&[
                    ("id", &fx.weekly_meeting),
                    ("organisation_id[0]", &fx.org("Polisen Norrtälje")),
                    ("status[0]", "present"),
                ])
            },
            COORDINATOR_ONLY,
        ),
        case(
            "meetings/people-attendance",
            "Hallstavik's",
            |fx, _| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("contact_id[0]", &fx.member_contact),
                    ("status[0]", "present"),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/guests",
            "Hallstavik's",
            |fx, _| f(&[("id", &fx.group_meeting), ("guests", "Räddningstjänsten")]),
            GROUP_RUNNERS,
        ),
        case(
            "meetings/rating",
            "Hallstavik's",
            |fx, _| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("area_id", &fx.group_area),
                    ("rating", "3"),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/item",
            "Hallstavik's agenda",
            |fx, w| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("kind", "agenda"),
                    ("text", &format!("Punkt {w:?}")),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/item-edit",
            "Hallstavik's agenda item",
            |fx, w| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("item_id", &fx.own[&Who::SignedOut].group_item),
                    ("text", &format!("Omformulerad punkt {w:?}")),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/item-remove",
            "Hallstavik's agenda item",
            |fx, w| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("item_id", &fx.own[&w].group_item),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/review",
            "Hallstavik's action",
            |fx, _| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("action_id", &fx.group_action),
                    ("state", "open"),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/action",
            "Hallstavik's",
            |fx, w| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("title", &format!("Beslut {w:?}")),
                    ("owner_organisation_id", &fx.org(FIELD_WORKERS)),
                    ("due", &due()),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/action-edit",
            "Hallstavik's decided action",
            |fx, w| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("action_id", &fx.own[&Who::SignedOut].decided),
                    ("title", &format!("Omformulerad åtgärd {w:?}")),
                    ("owner_organisation_id", &fx.org(FIELD_WORKERS)),
                    ("due", &due()),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/action-remove",
            "Hallstavik's decided action",
            |fx, w| {
                f(&[
                    ("id", &fx.group_meeting),
                    ("action_id", &fx.own[&w].decided),
                ])
            },
            GROUP_RUNNERS,
        ),
        case(
            "meetings/new-series",
            "new",
            |fx, w| {
                f(&[
                    ("name", &format!("Möte {w:?}")),
                    ("weekday", "2"),
                    ("start_time", "10:00"),
                    ("members[0]", &fx.org(FIELD_WORKERS)),
                ])
            },
            COORDINATOR_ONLY,
        ),
        case(
            "admin/routing",
            "a place's owner",
            |fx, _| {
                f(&[
                    ("kind", "place"),
                    ("id", &fx.place),
                    (
                        "owner_organisation_id",
                        &fx.org("Gatu- och parkavdelningen"),
                    ),
                ])
            },
            ADMIN_ONLY,
        ),
        case(
            "admin/routing",
            "a category's owner and kind",
            |fx, _| {
                f(&[
                    ("kind", "category"),
                    ("id", &id_of(&fx.reference, "categories", "Stöld")),
                    ("owner_organisation_id", &fx.org("Fastighetsavdelningen")),
                    ("work_order_kind", "other"),
                ])
            },
            ADMIN_ONLY,
        ),
        case(
            "admin/service-level",
            "graffiti's hours",
            |_, _| {
                f(&[
                    ("kind", "graffiti"),
                    ("normal_hours", "240"),
                    ("urgent_hours", "24"),
                ])
            },
            ADMIN_ONLY,
        ),
        case(
            "work-orders/list",
            "open, as the browser sends an empty filter",
            none,
            ORDER_READERS,
        ),
        case(
            "work-orders/list",
            "closed graffiti in Rimbo",
            |fx, _| {
                f(&[
                    ("kind", "graffiti"),
                    ("area", &fx.area("Rimbo")),
                    ("show", "closed"),
                ])
            },
            ORDER_READERS,
        ),
        case(
            "work-orders/get",
            "street and parks'",
            |fx, _| f(&[("id", &fx.order_streets)]),
            STREETS_ORDER,
        ),
        case(
            "work-orders/get",
            "property's",
            |fx, _| f(&[("id", &fx.order_property)]),
            PROPERTY_ORDER,
        ),
        case(
            "work-orders/draft",
            "reporter A's graffiti",
            |fx, _| f(&[("incident", &fx.incident)]),
            ORDER_SENDERS,
        ),
        // Not about a place's state: only coordinators send it.
        case(
            "work-orders/draft",
            "reporter A's disturbance",
            |fx, _| f(&[("incident", &fx.no_order_kind)]),
            [U, F, F, K, F, F, F, F, F],
        ),
        case(
            "work-orders/create",
            "from reporter A's graffiti",
            |fx, w| {
                f(&[
                    ("incident_ids[0]", &fx.own[&w].to_send),
                    ("kind", "graffiti"),
                    ("priority", "urgent"),
                    ("owner_organisation_id", &fx.org("Fastighetsavdelningen")),
                    ("description", "Nytt klotter på elskåpet vid parkeringen."),
                ])
            },
            ORDER_SENDERS,
        ),
        // Street and parks owns it: its handler and coordinators accept; the police sent it
        // and only read.
        case(
            "work-orders/step",
            "accept street and parks' order",
            |fx, w| f(&[("id", &fx.own[&w].to_accept), ("step", "accept")]),
            [U, F, N, K, N, F, N, N, K],
        ),
        // The school's organisation owns it: reporter B marks it done; the police logged the
        // incident and only read.
        case(
            "work-orders/step",
            "mark the school's order done",
            |fx, w| {
                f(&[
                    ("id", &fx.own[&w].to_finish),
                    ("step", "done"),
                    ("note", "Klottret sanerat."),
                ])
            },
            [U, F, K, K, N, F, N, N, N],
        ),
        // Rejected by property: back with the police, who sent it, to send elsewhere.
        case(
            "work-orders/step",
            "send a rejected order elsewhere",
            |fx, w| {
                f(&[
                    ("id", &fx.own[&w].to_reroute),
                    ("step", "reroute"),
                    (
                        "owner_organisation_id",
                        &fx.org("Gatu- och parkavdelningen"),
                    ),
                ])
            },
            [U, K, N, K, N, F, N, N, N],
        ),
        case("walks/list", "all", none, WALKERS),
        case(
            "walks/get",
            "Rimbo's",
            |fx, _| f(&[("id", &fx.walk)]),
            WALKERS,
        ),
        case(
            "walks/form",
            "Rimbo's",
            |fx, _| f(&[("id", &fx.walk)]),
            WALKERS,
        ),
        case(
            "walks/plan",
            "in Rimbo",
            |fx, _| {
                f(&[
                    ("area_id", &fx.area("Rimbo")),
                    ("planned_for", &due()),
                    ("participants", "Polisen och fritidsgården"),
                ])
            },
            COORDINATOR_ONLY,
        ),
        // The id is the caller's own, as a phone makes it.
        case(
            "walks/observe",
            "a dark path",
            |fx, w| {
                f(&[
                    (
                        "id",
                        &uuid::Uuid::from_u128(0x5a1c_0000 + w.index() as u128).to_string(),
                    ),
                    ("walk_id", &fx.walk),
                    ("place", "Gångvägen"),
                    ("kind", "vegetation"),
                    ("note", "Buskarna skymmer hela gångvägen."),
                ])
            },
            WALKERS,
        ),
        // Recorded by the police: they and coordinators may remove it.
        case(
            "walks/remove-observation",
            "the police's slip",
            |fx, w| f(&[("id", &fx.own[&w].slip)]),
            [U, K, F, K, F, F, F, F, F],
        ),
        case(
            "walks/restore-observation",
            "the police's removed one",
            |fx, w| f(&[("id", &fx.own[&w].removed)]),
            [U, K, F, K, F, F, F, F, F],
        ),
        case(
            "walks/state",
            "close a walk",
            |fx, w| f(&[("id", &fx.own[&w].walk_to_close), ("done", "true")]),
            COORDINATOR_ONLY,
        ),
        case(
            "walks/orders",
            "a dark post to street and parks",
            |fx, w| {
                let obs = &fx.own[&w].to_order;
                let owner = format!("{obs}:{}", fx.org("Gatu- och parkavdelningen"));
                f(&[("id", &fx.walk), ("picked[0]", obs), ("owners[0]", &owner)])
            },
            COORDINATOR_ONLY,
        ),
    ];
    for (endpoint, form) in [
        (
            "auth/sign-in",
            (|_, w: Who| f(&[("email", w.email()), ("password", "demo-password")]))
                as fn(&Fixture, Who) -> Form,
        ),
        ("auth/sign-out", none),
        ("auth/set-password", |fx, w| {
            f(&[
                ("token", &fx.own[&w].link),
                ("password", "en egen mening om hamnen"),
                ("repeat", "en egen mening om hamnen"),
            ])
        }),
    ] {
        cases.push(Case {
            endpoint,
            label: "own browser",
            form,
            expect: ANYONE,
            fresh: true,
        });
    }
    cases
}

fn page(route: &'static str, path: fn(&Fixture) -> String, expect: [Outcome; 9]) -> Page {
    Page {
        route,
        path: Some(path),
        expect,
    }
}

fn fixed(route: &'static str, expect: [Outcome; 9]) -> Page {
    Page {
        route,
        path: None,
        expect,
    }
}

/// Pages answer as their server functions do, except that a signed-out visitor is sent to
/// the sign-in page.
fn signed_out_to_sign_in(mut expect: [Outcome; 9]) -> [Outcome; 9] {
    expect[0] = S;
    expect
}

pub fn pages() -> Vec<Page> {
    let p = signed_out_to_sign_in;
    vec![
        fixed("/", p(EVERY_SIGNED_IN)),
        fixed("/sign-in", ANYONE),
        fixed("/incidents", p(READERS)),
        fixed("/incidents/new", p(REPORTING)),
        page(
            "/incidents/:id",
            |fx| format!("/incidents/{}", fx.incident),
            p([U, K, K, K, N, K, K, K, N]),
        ),
        page(
            "/incidents/:id/edit",
            |fx| format!("/incidents/{}/edit", fx.incident),
            p([U, K, F, K, N, F, F, F, N]),
        ),
        fixed("/admin", p(ADMIN_ONLY)),
        fixed("/admin/users", p(ADMIN_ONLY)),
        fixed("/places", p(OVERSEERS)),
        page(
            "/set-password",
            |fx| format!("/set-password?token={}", fx.link),
            ANYONE,
        ),
        fixed("/audit", p(OVERSEERS)),
        fixed("/picture", p(READERS)),
        fixed("/actions", p(READERS)),
        fixed("/actions/new", p(COORDINATOR_ONLY)),
        page(
            "/actions/:id",
            |fx| format!("/actions/{}", fx.group_action),
            p(GROUP_READERS),
        ),
        fixed("/meetings", p(READERS)),
        page(
            "/meetings/:id",
            |fx| format!("/meetings/{}", fx.group_meeting),
            p(GROUP_READERS),
        ),
        page(
            "/meetings/:id/minutes",
            |fx| format!("/meetings/{}/minutes", fx.group_meeting),
            p(GROUP_READERS),
        ),
        fixed("/dashboard", p(DASHBOARD)),
        fixed("/dashboard/year", p(DASHBOARD)),
        fixed("/directory", p(TAKING_PART)),
        fixed("/groups", p(TAKING_PART)),
        page(
            "/groups/:id",
            |fx| format!("/groups/{}", fx.group),
            p(GROUP_READERS),
        ),
        fixed("/reports", p(REPORTING)),
        fixed("/reports/overview", p(OVERSEERS)),
        fixed("/work-orders", p(ORDER_READERS)),
        page(
            "/work-orders/new",
            |fx| format!("/work-orders/new?incident={}", fx.incident),
            p(ORDER_SENDERS),
        ),
        page(
            "/work-orders/:id",
            |fx| format!("/work-orders/{}", fx.order_streets),
            p(STREETS_ORDER),
        ),
        page(
            "/work-orders/:id",
            |fx| format!("/work-orders/{}", fx.order_property),
            p(PROPERTY_ORDER),
        ),
        fixed("/walks", p(WALKERS)),
        page("/walks/:id", |fx| format!("/walks/{}", fx.walk), p(WALKERS)),
        page(
            "/walks/:id/report",
            |fx| format!("/walks/{}/report", fx.walk),
            p(WALKERS),
        ),
        fixed("/incidents/export.csv", p(OVERSEERS)),
        page(
            "/dashboard/export.csv",
            |_| "/dashboard/export.csv?chart=weeks".into(),
            p(OVERSEERS),
        ),
        fixed("/dashboard/year.csv", p(DASHBOARD)),
        // A calendar program sends no cookie: the feed's token is what counts.
        page("/meetings/feed/:file", |fx| fx.feed_path.clone(), ANYONE),
        page(
            "/meetings/feed/:file",
            |fx| {
                fx.feed_path
                    .split('?')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            },
            [N; 9],
        ),
    ]
}

/// `/incidents/{id}` (axum) as `/incidents/:id` (the tables' and Leptos' way).
pub fn leptos_style(path: &str) -> String {
    path.split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => format!(":{name}"),
                None => segment.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}
