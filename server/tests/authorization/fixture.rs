//! The world the authorization matrix runs in: the demo data, two more reporters of one
//! organisation (one of them a member of Hallstavik's area group, the other not), a browser
//! signed in for each kind of caller, and the records the calls aim at. Calls that can only
//! succeed once (starting a meeting, closing an action, deactivating an entry) get a record of
//! their own per caller.

use std::collections::HashMap;

use reqwest::StatusCode;
use serde_json::Value;
use shared::user::Role;

use crate::common::{TestApp, as_pairs, id_of, incident_form};

/// Who calls. The group columns are about Hallstavik's area group: school@ convenes it,
/// `Member` is a plain member, and `Outsider` is in the member's organisation but not the group.
/// `Handler` works the orders sent to their organisation and takes no part in the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    SignedOut,
    /// police@, Polisen Norrtälje: logs the incident the calls aim at; not in the group.
    ReporterA,
    /// school@, Utbildningsförvaltningen: convener of Hallstavik's group.
    ReporterB,
    Coordinator,
    Manager,
    Admin,
    Member,
    Outsider,
    /// streets@, Gatu- och parkavdelningen: a handler (utförare).
    Handler,
}

pub const EVERYONE: [Who; 9] = [
    Who::SignedOut,
    Who::ReporterA,
    Who::ReporterB,
    Who::Coordinator,
    Who::Manager,
    Who::Admin,
    Who::Member,
    Who::Outsider,
    Who::Handler,
];

/// The organisation of `Member` and `Outsider`.
pub const FIELD_WORKERS: &str = "Fältsamordnarna";
const PASSWORD: &str = "demo-password";

impl Who {
    pub fn email(self) -> &'static str {
        match self {
            Who::SignedOut | Who::ReporterA => "police@example.org",
            Who::ReporterB => "school@example.org",
            Who::Coordinator => "coordinator@example.org",
            Who::Manager => "manager@example.org",
            Who::Admin => "admin@example.org",
            Who::Member => "member@test.example",
            Who::Outsider => "outsider@test.example",
            Who::Handler => "streets@example.org",
        }
    }

    pub fn index(self) -> usize {
        EVERYONE.iter().position(|w| *w == self).unwrap_or_default()
    }
}

/// Records that one call per caller uses up.
#[derive(Default)]
pub struct Own {
    pub group_meeting: String,
    /// A planned meeting of Hallstavik's group, for this caller to cancel.
    pub to_cancel: String,
    /// An agenda item of Hallstavik's shared meeting, for this caller to remove.
    pub group_item: String,
    /// An action decided at Hallstavik's shared meeting, for this caller to remove.
    pub decided: String,
    pub action: String,
    pub group_action: String,
    pub contact: String,
    /// A reporter's account for this caller to change, reset and unlock.
    pub account: String,
    /// A reporter's account for this caller to deactivate.
    pub to_deactivate: String,
    /// The token of a one-time link (of an account of its own) for this caller to choose a
    /// password through.
    pub link: String,
    /// Two places in Rimbo: this caller merges the first into the second.
    pub merge_from: String,
    pub merge_into: String,
    /// A place in Rimbo for this caller to retire.
    pub to_retire: String,
    /// A directory entry of someone who left, for this caller to bring back.
    pub left_contact: String,
    /// An open request to remove personal data, for this caller to decline.
    pub request: String,
    /// A graffiti incident of the police's, in no order yet, for this caller to send.
    pub to_send: String,
    /// An order the police sent to street and parks, waiting to be accepted.
    pub to_accept: String,
    /// An order the coordinator sent from a police incident to the school's organisation,
    /// waiting to be done.
    pub to_finish: String,
    /// An order the police sent to property, rejected: back with the police to send elsewhere.
    pub to_reroute: String,
    /// An observation the police recorded on the shared walk, for this caller to remove.
    pub slip: String,
    /// An observation the police recorded on the shared walk, for this caller to make an order.
    pub to_order: String,
    /// A walk of its own, for this caller to close.
    pub walk_to_close: String,
    /// An observation the police recorded and removed, for this caller to bring back.
    pub removed: String,
}

pub struct Fixture {
    pub app: TestApp,
    pub browsers: HashMap<Who, TestApp>,
    pub reference: Value,
    pub incident: String,
    pub incident_form: Vec<(&'static str, String)>,
    pub weekly_series: String,
    pub weekly_meeting: String,
    pub group: String,
    pub group_area: String,
    pub group_meeting: String,
    pub action: String,
    pub group_action: String,
    pub spare_contact: String,
    /// Mia Medlem: a member of Hallstavik's group (her attendance is taken per person).
    pub member_contact: String,
    pub feed_path: String,
    /// A one-time link nobody uses: its page and its account are only looked at.
    pub link: String,
    /// A place in Rimbo that is only looked at or confirmed.
    pub place: String,
    /// An incident of the police's whose description coordinators remove.
    pub to_redact: String,
    /// An incident of the police's in a category that makes no work orders (disturbance).
    pub no_order_kind: String,
    /// A work order the coordinator sent from a police incident to street and parks: the
    /// handler's organisation owns it; the police read it as the incident's reporter.
    pub order_streets: String,
    /// A work order the police sent to property: the handler must not see it.
    pub order_property: String,
    /// A safety walk in Rimbo the coordinator planned; the police recorded on it.
    pub walk: String,
    pub own: HashMap<Who, Own>,
}

async fn ok_json(res: reqwest::Response, what: &str) -> Value {
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(status, StatusCode::OK, "arranging {what}: {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

async fn call_ok(app: &TestApp, endpoint: &str, form: &[(&str, &str)]) -> Value {
    ok_json(app.call(endpoint, form).await, endpoint).await
}

impl Fixture {
    pub fn org(&self, name: &str) -> String {
        id_of(&self.reference, "organisations", name)
    }

    pub fn area(&self, name: &str) -> String {
        id_of(&self.reference, "areas", name)
    }

    pub async fn new(app: TestApp) -> Fixture {
        for (who, name) in [(Who::Member, "Mia Medlem"), (Who::Outsider, "Otto Utanför")] {
            app::ssr::users::create(
                &app.db,
                app::ssr::users::UserForCreate {
                    email: who.email(),
                    name,
                    organisation: FIELD_WORKERS,
                    role: Role::Reporter,
                    password: PASSWORD,
                },
            )
            .await
            .expect("a test reporter");
        }
        let mut browsers = HashMap::new();
        for who in EVERYONE {
            let browser = app.browser();
            if who != Who::SignedOut {
                let res = browser
                    .call(
                        "auth/sign-in",
                        &[("email", who.email()), ("password", PASSWORD)],
                    )
                    .await;
                assert_eq!(res.status(), StatusCode::OK, "{who:?} signs in");
            }
            browsers.insert(who, browser);
        }
        let coordinator = &browsers[&Who::Coordinator];
        let reference = coordinator.reference().await;
        let police = &browsers[&Who::ReporterA];
        let incident_form = incident_form(police, "Klotter på transformatorstationen.").await;
        let incident = call_ok(police, "incidents/save", &as_pairs(&incident_form)).await;
        let incident = incident.as_str().expect("incident id").to_owned();

        let mut fx = Fixture {
            app,
            browsers,
            reference,
            incident,
            incident_form,
            weekly_series: String::new(),
            weekly_meeting: String::new(),
            group: String::new(),
            group_area: String::new(),
            group_meeting: String::new(),
            action: String::new(),
            group_action: String::new(),
            spare_contact: String::new(),
            member_contact: String::new(),
            feed_path: String::new(),
            link: String::new(),
            place: String::new(),
            to_redact: String::new(),
            no_order_kind: String::new(),
            order_streets: String::new(),
            order_property: String::new(),
            walk: String::new(),
            own: HashMap::new(),
        };
        fx.arrange_accounts().await;
        fx.arrange_places().await;
        fx.arrange_redactions().await;
        fx.arrange_meetings().await;
        fx.arrange_members().await;
        fx.arrange_actions().await;
        fx.arrange_work_orders().await;
        fx.arrange_walks().await;
        fx
    }

    fn coordinator(&self) -> &TestApp {
        &self.browsers[&Who::Coordinator]
    }

    /// A new reporter's account, made by the admin: its id and its link's token.
    async fn account(&self, email: &str) -> (String, String) {
        let police = self.org("Polisen Norrtälje");
        let made = call_ok(
            &self.browsers[&Who::Admin],
            "accounts/create",
            &[
                ("name", "Konto Reserv"),
                ("email", email),
                ("organisation_id", &police),
                ("role", "reporter"),
            ],
        )
        .await;
        let token = made["url"]
            .as_str()
            .and_then(|u| u.split("token=").nth(1))
            .expect("a set-password link");
        let id = made["user_id"].as_str().expect("the account's id");
        (id.to_owned(), token.to_owned())
    }

    async fn arrange_redactions(&mut self) {
        let police = &self.browsers[&Who::ReporterA];
        let form = incident_form(police, "Klotter på elskåpet vid skolan.").await;
        let saved = call_ok(police, "incidents/save", &as_pairs(&form)).await;
        self.to_redact = saved.as_str().expect("incident id").to_owned();
        for who in EVERYONE {
            let reason = format!("Begäran {}", who.index());
            call_ok(
                police,
                "incidents/redaction-request",
                &[("id", &self.incident), ("reason", &reason)],
            )
            .await;
        }
        let open = call_ok(self.coordinator(), "redactions/open", &[]).await;
        for who in EVERYONE {
            let reason = format!("Begäran {}", who.index());
            let id = open
                .as_array()
                .and_then(|o| o.iter().find(|r| r["reason"] == reason.as_str()))
                .and_then(|r| r["id"].as_str())
                .expect("an open request")
                .to_owned();
            self.own.entry(who).or_default().request = id;
        }
    }

    async fn arrange_places(&mut self) {
        let admin = &self.browsers[&Who::Admin];
        let rimbo = self.area("Rimbo");
        let mut names = vec!["Plats att titta på".to_owned()];
        for who in EVERYONE {
            for what in ["dubblett", "kvar", "avvecklas"] {
                names.push(format!("Plats {what} {}", who.index()));
            }
        }
        for name in &names {
            call_ok(
                admin,
                "admin/place",
                &[("id", ""), ("area_id", &rimbo), ("name", name)],
            )
            .await;
        }
        let list = call_ok(admin, "places/list", &[("area", &rimbo)]).await;
        let id = |name: &str| {
            list["places"]
                .as_array()
                .and_then(|p| p.iter().find(|p| p["name"] == name))
                .and_then(|p| p["id"].as_str())
                .unwrap_or_else(|| panic!("place {name}"))
                .to_owned()
        };
        self.place = id("Plats att titta på");
        for who in EVERYONE {
            let i = who.index();
            let left = self.contact(&format!("Slutat {who:?}"), "").await;
            call_ok(self.coordinator(), "contacts/deactivate", &[("id", &left)]).await;
            let own = self.own.entry(who).or_default();
            own.merge_from = id(&format!("Plats dubblett {i}"));
            own.merge_into = id(&format!("Plats kvar {i}"));
            own.to_retire = id(&format!("Plats avvecklas {i}"));
            own.left_contact = left;
        }
    }

    async fn arrange_accounts(&mut self) {
        self.link = self.account("linklasare@test.example").await.1;
        for who in EVERYONE {
            let i = who.index();
            let account = self.account(&format!("konto-{i}@test.example")).await.0;
            let to_deactivate = self.account(&format!("slutar-{i}@test.example")).await.0;
            let link = self
                .account(&format!("ny-med-lank-{i}@test.example"))
                .await
                .1;
            let own = self.own.entry(who).or_default();
            own.account = account;
            own.to_deactivate = to_deactivate;
            own.link = link;
        }
    }

    async fn arrange_meetings(&mut self) {
        let series = call_ok(self.coordinator(), "meetings/series", &[]).await;
        self.weekly_series = series[0]["id"].as_str().expect("weekly series").to_owned();
        let planned = call_ok(
            self.coordinator(),
            "meetings/plan",
            &[("series_id", &self.weekly_series)],
        )
        .await;
        self.weekly_meeting = planned.as_str().expect("meeting id").to_owned();

        let groups = call_ok(self.coordinator(), "groups/list", &[]).await;
        self.group = groups
            .as_array()
            .and_then(|g| g.iter().find(|g| g["name"] == "Områdesgrupp Hallstavik"))
            .and_then(|g| g["id"].as_str())
            .expect("Hallstavik's group")
            .to_owned();
        let group = call_ok(self.coordinator(), "groups/get", &[("id", &self.group)]).await;
        self.group_area = group["area_id"].as_str().expect("area").to_owned();
        self.group_meeting = group["meetings"][0]["id"]
            .as_str()
            .expect("a planned group meeting")
            .to_owned();
        self.feed_path = group["feed_path"].as_str().expect("feed").to_owned();
        for who in EVERYONE {
            let item = uuid::Uuid::now_v7().to_string();
            call_ok(
                self.coordinator(),
                "meetings/item",
                &[
                    ("id", &self.group_meeting),
                    ("kind", "agenda"),
                    ("item_id", &item),
                    ("text", &format!("Punkt att ta bort ({who:?})")),
                ],
            )
            .await;
            self.own.entry(who).or_default().group_item = item;
            let decided = uuid::Uuid::now_v7().to_string();
            let due = (app::ssr::time::now_local() + chrono::TimeDelta::days(14))
                .format("%Y-%m-%d")
                .to_string();
            call_ok(
                self.coordinator(),
                "meetings/action",
                &[
                    ("id", &self.group_meeting),
                    ("action_id", &decided),
                    ("title", &format!("Beslutad åtgärd ({who:?})")),
                    ("owner_organisation_id", &self.org(FIELD_WORKERS)),
                    ("due", &due),
                ],
            )
            .await;
            self.own.entry(who).or_default().decided = decided;
        }
        for who in EVERYONE {
            let planned = call_ok(
                self.coordinator(),
                "meetings/plan",
                &[("series_id", &self.group)],
            )
            .await;
            self.own.entry(who).or_default().group_meeting =
                planned.as_str().expect("meeting id").to_owned();
            let spare = call_ok(
                self.coordinator(),
                "meetings/plan",
                &[("series_id", &self.group)],
            )
            .await;
            self.own.entry(who).or_default().to_cancel =
                spare.as_str().expect("meeting id").to_owned();
        }
    }

    /// A new directory entry of the field workers' organisation; with an account, linked to it.
    async fn contact(&self, name: &str, account: &str) -> String {
        let org = self.org(FIELD_WORKERS);
        let area = self.area("Hallstavik");
        let saved = call_ok(
            self.coordinator(),
            "contacts/save",
            &[
                ("id", ""),
                ("name", name),
                ("organisation_id", &org),
                ("function", "field_worker"),
                ("area_id", &area),
                ("phone", "070-174 07 00"),
                ("account_email", account),
            ],
        )
        .await;
        saved.as_str().expect("contact id").to_owned()
    }

    async fn arrange_members(&mut self) {
        let member = self.contact("Mia Medlem", Who::Member.email()).await;
        call_ok(
            self.coordinator(),
            "groups/member",
            &[
                ("id", &self.group),
                ("contact_id", &member),
                ("role", "member"),
            ],
        )
        .await;
        self.member_contact = member;
        self.spare_contact = self.contact("Reserv Kontakt", "").await;
        for who in EVERYONE {
            let contact = self.contact(&format!("Kontakt {who:?}"), "").await;
            self.own.entry(who).or_default().contact = contact;
        }
    }

    /// Actions outside any group are owned by the police; the group's actions by the field
    /// workers, so the member owns them and the outsider, of the same organisation, does not
    /// see them.
    async fn arrange_actions(&mut self) {
        let police = self.org("Polisen Norrtälje");
        let field = self.org(FIELD_WORKERS);
        let due = (app::ssr::time::now_local() + chrono::TimeDelta::days(14))
            .format("%Y-%m-%d")
            .to_string();
        let origin = call_ok(
            self.coordinator(),
            "meetings/plan",
            &[("series_id", &self.group)],
        )
        .await
        .as_str()
        .expect("meeting id")
        .to_owned();
        let mut titles = vec![
            ("Gemensam".to_owned(), true),
            ("Gemensam".to_owned(), false),
        ];
        titles.extend(EVERYONE.iter().flat_map(|w| {
            [
                (format!("Egen {w:?}"), true),
                (format!("Egen {w:?}"), false),
            ]
        }));
        for (title, in_group) in &titles {
            if *in_group {
                let title = format!("{title} i gruppen");
                call_ok(
                    self.coordinator(),
                    "meetings/action",
                    &[
                        ("id", &origin),
                        ("title", &title),
                        ("owner_organisation_id", &field),
                        ("due", &due),
                    ],
                )
                .await;
            } else {
                call_ok(
                    self.coordinator(),
                    "actions/create",
                    &[
                        ("title", title),
                        ("owner_organisation_id", &police),
                        ("due", &due),
                    ],
                )
                .await;
            }
        }
        // Every page of the whole list.
        let (mut all, mut after) = (Vec::new(), String::new());
        loop {
            let page = call_ok(
                self.coordinator(),
                "actions/list",
                &[("scope", "all"), ("after", &after)],
            )
            .await;
            all.extend(page["items"].as_array().cloned().unwrap_or_default());
            match page["next_cursor"].as_str() {
                Some(next) => after = next.to_owned(),
                None => break,
            }
        }
        let id = |title: &str| {
            all.iter()
                .find(|a| a["title"] == title)
                .and_then(|a| a["id"].as_str())
                .unwrap_or_else(|| panic!("action {title}"))
                .to_owned()
        };
        self.action = id("Gemensam");
        self.group_action = id("Gemensam i gruppen");
        for who in EVERYONE {
            let own = self.own.entry(who).or_default();
            own.action = id(&format!("Egen {who:?}"));
            own.group_action = id(&format!("Egen {who:?} i gruppen"));
        }
    }

    /// A new incident of the police's in Rimbo, in the category named `category`.
    async fn police_incident(&self, description: &str, category: &str) -> String {
        let police = &self.browsers[&Who::ReporterA];
        let mut form = incident_form(police, description).await;
        for (key, value) in &mut form {
            if *key == "category_id" {
                *value = id_of(&self.reference, "categories", category);
            }
        }
        let saved = call_ok(police, "incidents/save", &as_pairs(&form)).await;
        saved.as_str().expect("incident id").to_owned()
    }

    /// A graffiti order sent by `who` from `incident` to the organisation named `owner`.
    async fn send(&self, who: Who, incident: &str, owner: &str) -> String {
        let sent = call_ok(
            &self.browsers[&who],
            "work-orders/create",
            &[
                ("incident_ids[0]", incident),
                ("kind", "graffiti"),
                ("priority", "normal"),
                ("owner_organisation_id", &self.org(owner)),
                (
                    "description",
                    "Klotter på gaveln mot gångvägen, behöver saneras.",
                ),
            ],
        )
        .await;
        sent.as_str().expect("work order id").to_owned()
    }

    /// Work orders from the police's graffiti: one owned by street and parks (the handler's
    /// organisation), one by property; and per caller an incident to send, an order to accept,
    /// one to mark done and a rejected one to send elsewhere.
    async fn arrange_work_orders(&mut self) {
        const STREETS: &str = "Gatu- och parkavdelningen";
        const PROPERTY: &str = "Fastighetsavdelningen";
        const SCHOOL: &str = "Utbildningsförvaltningen";
        self.no_order_kind = self
            .police_incident("Bråk utanför stationen på kvällen.", "Ordningsstörning")
            .await;
        let incident = self
            .police_incident("Klotter på busskuren.", "Klotter")
            .await;
        self.order_streets = self.send(Who::Coordinator, &incident, STREETS).await;
        let incident = self
            .police_incident("Klotter på pumphuset.", "Klotter")
            .await;
        self.order_property = self.send(Who::ReporterA, &incident, PROPERTY).await;
        for who in EVERYONE {
            let i = who.index();
            let to_send = self
                .police_incident(&format!("Klotter på elskåp {i}."), "Klotter")
                .await;
            let incident = self
                .police_incident(&format!("Klotter på bänk {i}."), "Klotter")
                .await;
            let to_accept = self.send(Who::ReporterA, &incident, STREETS).await;
            let incident = self
                .police_incident(&format!("Klotter på skolans vägg {i}."), "Klotter")
                .await;
            let to_finish = self.send(Who::Coordinator, &incident, SCHOOL).await;
            let incident = self
                .police_incident(&format!("Klotter på garage {i}."), "Klotter")
                .await;
            let to_reroute = self.send(Who::ReporterA, &incident, PROPERTY).await;
            call_ok(
                self.coordinator(),
                "work-orders/step",
                &[
                    ("id", &to_reroute),
                    ("step", "reject"),
                    ("note", "Inte vår fastighet."),
                ],
            )
            .await;
            let own = self.own.entry(who).or_default();
            own.to_send = to_send;
            own.to_accept = to_accept;
            own.to_finish = to_finish;
            own.to_reroute = to_reroute;
        }
    }

    /// A walk the coordinator planned in Rimbo.
    async fn plan_walk(&self) -> String {
        let planned = call_ok(
            self.coordinator(),
            "walks/plan",
            &[
                ("area_id", &self.area("Rimbo")),
                (
                    "planned_for",
                    &app::ssr::time::now_local().date().to_string(),
                ),
                ("participants", "Polisen, fritidsgården, Norrtäljehem"),
            ],
        )
        .await;
        planned.as_str().expect("walk id").to_owned()
    }

    /// An observation of the police's on `walk`.
    async fn observe(&self, walk: &str, note: &str) -> String {
        let id = uuid::Uuid::now_v7().to_string();
        let stored = call_ok(
            &self.browsers[&Who::ReporterA],
            "walks/observe",
            &[
                ("id", &id),
                ("walk_id", walk),
                ("place", "Gångtunneln"),
                ("kind", "lighting"),
                ("note", note),
            ],
        )
        .await;
        stored.as_str().expect("observation id").to_owned()
    }

    /// The shared walk; per caller two observations of the police's on it (one to remove, one
    /// to make an order) and a walk to close.
    async fn arrange_walks(&mut self) {
        self.walk = self.plan_walk().await;
        for who in EVERYONE {
            let i = who.index();
            let slip = self
                .observe(&self.walk, &format!("Lampa {i} trasig."))
                .await;
            let to_order = self.observe(&self.walk, &format!("Stolpe {i} mörk.")).await;
            let walk_to_close = self.plan_walk().await;
            let removed = self
                .observe(&self.walk, &format!("Skylt {i} nedklottrad."))
                .await;
            call_ok(
                &self.browsers[&Who::ReporterA],
                "walks/remove-observation",
                &[("id", &removed)],
            )
            .await;
            let own = self.own.entry(who).or_default();
            own.removed = removed;
            own.slip = slip;
            own.to_order = to_order;
            own.walk_to_close = walk_to_close;
        }
    }
}
