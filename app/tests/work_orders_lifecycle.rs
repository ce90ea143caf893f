//! Work orders over time: retention takes a closed order's text with its incidents' and leaves
//! open ones alone; merging duplicate places moves orders with their incidents.

mod common;

use app::ssr::entities::{audit_event, incident, place, work_order};
use app::ssr::testing::databases;
use app::ssr::{incidents, places, retention, work_orders};
use chrono::{Months, Utc};
use common::{World, input, owners, world};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use shared::audit::RecordType;
use shared::ids::{IncidentId, OrganisationId, PlaceId};
use shared::work_order::{StepInput, WorkOrderInput};
use uuid::Uuid;

async fn send(w: &World, incident: IncidentId, owner: OrganisationId) -> Uuid {
    let order = WorkOrderInput {
        incident_ids: vec![incident.to_string()],
        kind: "graffiti".into(),
        priority: "normal".into(),
        owner_organisation_id: owner.to_string(),
        description: "Klotter på gaveln mot gångvägen.".into(),
        keep_name: false,
        ..Default::default()
    };
    work_orders::create(&w.db, &w.coordinator, &order)
        .await
        .expect("sent")
}

async fn order_of(w: &World, id: Uuid) -> work_order::Model {
    work_order::Entity::find_by_id(id)
        .one(&w.db)
        .await
        .expect("read")
        .expect("the order")
}

async fn place_of(w: &World, incident: IncidentId) -> Uuid {
    incident::Entity::find_by_id(incident.0)
        .one(&w.db)
        .await
        .expect("read")
        .expect("the incident")
        .place_id
}

#[tokio::test]
async fn retention_takes_a_closed_orders_text_with_its_incidents_and_leaves_open_ones() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let fixed = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Gaveln"))
            .await
            .expect("incident");
        let open = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Tunneln"))
            .await
            .expect("incident");
        let closed_id = send(&w, fixed, o.gata).await;
        let open_id = send(&w, open, o.gata).await;
        let done = StepInput {
            step: "done".into(),
            note: "Sanerat och målat om gaveln.".into(),
            ..StepInput::default()
        };
        work_orders::step(&w.db, &o.gata_handler, closed_id, &done)
            .await
            .expect("done");
        let png = {
            let mut out = std::io::Cursor::new(Vec::new());
            image::RgbImage::new(3, 2)
                .write_to(&mut out, image::ImageFormat::Png)
                .expect("png");
            out.into_inner()
        };
        for id in [closed_id, open_id] {
            work_orders::photos::store(&w.db, &o.gata_handler, id, "after", png.clone())
                .await
                .expect("photo");
        }

        let later = Utc::now() + Months::new(37);
        let run = retention::run(&w.db, 36, later).await.expect("run");
        assert_eq!(run.incidents, 2, "{backend}");
        assert_eq!(run.work_orders, 1, "{backend}: only the closed order");

        let closed = order_of(&w, closed_id).await;
        assert_eq!(closed.description, "", "{backend}");
        assert_eq!(closed.done_note, None);
        assert!(closed.anonymised_at.is_some());
        let stand_in = place::Entity::find_by_id(closed.place_id)
            .one(&w.db)
            .await
            .expect("read")
            .expect("a place");
        assert!(stand_in.anonymous, "{backend}: the area's stand-in place");
        let snapshots = audit_event::Entity::find()
            .filter(audit_event::Column::RecordType.eq(RecordType::WorkOrder))
            .filter(audit_event::Column::RecordId.eq(closed_id))
            .all(&w.db)
            .await
            .expect("read");
        let text: String = snapshots
            .iter()
            .flat_map(|e| [e.before_json.clone(), e.after_json.clone()])
            .flatten()
            .collect();
        assert!(!text.contains("Klotter på gaveln"), "{backend}: {text}");
        assert!(!text.contains("Sanerat"), "{backend}: {text}");
        assert!(!text.contains("Gaveln"), "{backend}: {text}");
        assert!(text.contains(retention::REDACTED));

        let photos_left = |id: Uuid| {
            app::ssr::entities::work_order_photo::Entity::find()
                .filter(app::ssr::entities::work_order_photo::Column::WorkOrderId.eq(id))
                .all(&w.db)
        };
        assert!(
            photos_left(closed_id).await.expect("read").is_empty(),
            "{backend}: photos go"
        );
        assert_eq!(
            photos_left(open_id).await.expect("read").len(),
            1,
            "{backend}"
        );
        let kept = order_of(&w, open_id).await;
        assert_eq!(
            kept.description, "Klotter på gaveln mot gångvägen.",
            "{backend}"
        );
        assert!(kept.anonymised_at.is_none());

        let again = retention::run(&w.db, 36, later).await.expect("run");
        assert_eq!(again.work_orders, 0, "{backend}: once only");
    }
}

#[tokio::test]
async fn merging_a_duplicate_place_moves_its_orders() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let dup = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Rimbo stn"))
            .await
            .expect("incident");
        let kept = incidents::create(
            &w.db,
            &w.police,
            &input(w.rimbo, w.graffiti, "Rimbo station"),
        )
        .await
        .expect("incident");
        let id = send(&w, dup, o.gata).await;
        let (from, into) = (place_of(&w, dup).await, place_of(&w, kept).await);
        places::merge(&w.db, &w.coordinator, PlaceId(from), PlaceId(into))
            .await
            .expect("merged");
        assert_eq!(order_of(&w, id).await.place_id, into, "{backend}");
        let list = work_orders::list(&w.db, &o.gata_handler, &Default::default())
            .await
            .expect("list");
        assert_eq!(list[0].place, "Rimbo station", "{backend}");
    }
}

#[tokio::test]
async fn removing_personal_data_from_an_incident_removes_it_from_its_work_order() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let mut typed = input(w.rimbo, w.graffiti, "Vid Kalles kiosk");
        typed.description = "Klotter på kiosken, Kalle Karlsson står för det.".into();
        typed.keep_name = true;
        let id = incidents::create(&w.db, &w.police, &typed)
            .await
            .expect("incident");
        let order = WorkOrderInput {
            incident_ids: vec![id.to_string()],
            kind: "graffiti".into(),
            priority: "normal".into(),
            owner_organisation_id: o.gata.to_string(),
            description: typed.description.clone(),
            keep_name: true,
            ..Default::default()
        };
        let sent = work_orders::create(&w.db, &w.coordinator, &order)
            .await
            .expect("sent");
        let redact = shared::redaction::RedactionInput {
            description: "part".into(),
            passage: "Kalle Karlsson står för det.".into(),
            place: true,
            reason: "Ett namn på en person".into(),
        };
        app::ssr::redaction::redact(&w.db, &w.coordinator, id, &redact)
            .await
            .expect("redacted");

        let m = order_of(&w, sent).await;
        assert!(
            !m.description.contains("Kalle"),
            "{backend}: {}",
            m.description
        );
        assert!(m.description.starts_with("Klotter på kiosken"), "{backend}");
        assert_eq!(
            m.place_id,
            place_of(&w, id).await,
            "{backend}: the stand-in"
        );
        let text: String = audit_event::Entity::find()
            .filter(audit_event::Column::RecordId.eq(sent))
            .all(&w.db)
            .await
            .expect("read")
            .into_iter()
            .flat_map(|e| [e.before_json, e.after_json])
            .flatten()
            .collect();
        assert!(!text.contains("Kalle"), "{backend}: {text}");
        let detail = work_orders::get(&w.db, &o.gata_handler, sent, shared::lang::Lang::Sv)
            .await
            .expect("the handler still reads it");
        assert!(!detail.summary.place.contains("Kalle"), "{backend}");
    }
}

/// Sends an order and backdates it so that it is `days` past due.
async fn overdue_order(w: &World, owner: OrganisationId, place: &str, days: i64) -> Uuid {
    let incident = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, place))
        .await
        .expect("incident");
    let id = send(w, incident, owner).await;
    let m = order_of(w, id).await;
    let shift = (m.due_at - m.sent_at) + chrono::TimeDelta::days(days);
    let mut active: work_order::ActiveModel = m.clone().into();
    active.sent_at = sea_orm::Set(m.sent_at - shift);
    active.due_at = sea_orm::Set(m.due_at - shift);
    sea_orm::ActiveModelTrait::update(active, &w.db)
        .await
        .expect("backdated");
    id
}

#[tokio::test]
async fn open_and_late_orders_show_on_the_picture_the_weekly_meeting_and_the_dashboard() {
    use app::ssr::{dashboard, meeting_detail, meetings, picture};
    use shared::dashboard::DashboardFilter;
    use shared::report::ReportDeadline;
    use shared::week::IsoWeek;
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let late = overdue_order(&w, o.gata, "Busshållplatsen", 3).await;
        let on_time = overdue_order(&w, o.gata, "Skolgården", -5).await;
        let fixed = overdue_order(&w, o.gata, "Torget", 2).await;
        let done = StepInput {
            step: "done".into(),
            note: "Sanerat.".into(),
            ..StepInput::default()
        };
        work_orders::step(&w.db, &o.gata_handler, fixed, &done)
            .await
            .expect("done");

        let week = IsoWeek::of(app::ssr::time::now_local().date());
        let p = picture::compile(&w.db, &w.police, week, 3, shared::lang::Lang::Sv)
            .await
            .expect("picture");
        let rimbo = p.areas.iter().find(|a| a.area == "Rimbo").expect("Rimbo");
        assert_eq!(
            (rimbo.open_work_orders, rimbo.overdue_work_orders),
            (2, 1),
            "{backend}"
        );

        let c = &w.coordinator;
        let series =
            meetings::create_series(&w.db, c, "Lägesbildsmöte", 2, "15:00", &[w.police_org.0])
                .await
                .expect("series");
        let meeting = meetings::plan_next(&w.db, c, series)
            .await
            .expect("meeting");
        let d = meeting_detail::detail(&w.db, &w.police, meeting)
            .await
            .expect("detail");
        let listed: Vec<String> = d.overdue_work_orders.iter().map(|s| s.id.clone()).collect();
        assert_eq!(
            listed,
            [late.to_string()],
            "{backend}: only the late open order"
        );
        assert!(!on_time.is_nil());

        let filter = DashboardFilter::default();
        let board = dashboard::compile(
            &w.db,
            &w.manager,
            &filter,
            ReportDeadline::default(),
            shared::lang::Lang::Sv,
        )
        .await
        .expect("dashboard");
        let row = board
            .work_orders
            .iter()
            .find(|r| r.owner == "Gata")
            .expect("a row for Gata");
        assert_eq!(
            (row.sent, row.done, row.late),
            (3, 1, 2),
            "{backend}: {row:?}"
        );
        assert_eq!(row.late_percent(), 67);
        assert!(
            row.median_days_to_done.is_some_and(|m| m > 14.0),
            "{backend}: {row:?}"
        );
    }
}

#[tokio::test]
async fn an_admins_service_level_sets_the_due_time_of_orders_sent_after_it() {
    use app::ssr::reference_admin;
    use shared::work_order::ServiceLevelInput;
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let level = |normal: &str, urgent: &str| ServiceLevelInput {
            kind: "graffiti".into(),
            normal_hours: normal.into(),
            urgent_hours: urgent.into(),
        };
        assert_eq!(
            reference_admin::set_service_level(&w.db, &w.coordinator, &level("96", "24")).await,
            Err(shared::AppError::Forbidden),
            "{backend}"
        );
        let refused = reference_admin::set_service_level(&w.db, &w.admin, &level("24", "48"))
            .await
            .expect_err("urgent longer than normal");
        assert!(refused.issue_for("urgent_hours").is_some(), "{backend}");
        reference_admin::set_service_level(&w.db, &w.admin, &level("96", "24"))
            .await
            .expect("set");
        let levels = work_orders::service_levels(&w.db).await.expect("levels");
        let graffiti = levels
            .iter()
            .find(|l| l.kind == shared::work_order::OrderKind::Graffiti)
            .expect("graffiti");
        assert_eq!((graffiti.normal_hours, graffiti.urgent_hours), (96, 24));

        let incident = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Gaveln"))
            .await
            .expect("incident");
        let id = send(&w, incident, o.gata).await;
        let m = order_of(&w, id).await;
        assert_eq!(
            m.due_at - m.sent_at,
            chrono::TimeDelta::hours(96),
            "{backend}"
        );
        let changed = audit_event::Entity::find()
            .filter(audit_event::Column::RecordType.eq(RecordType::ReferenceData))
            .all(&w.db)
            .await
            .expect("read")
            .into_iter()
            .filter(|e| {
                e.after_json
                    .as_deref()
                    .is_some_and(|a| a.contains("service_level"))
            })
            .count();
        assert_eq!(
            changed, 1,
            "{backend}: one audited change, none for the refusals"
        );
    }
}

#[tokio::test]
async fn a_fixed_orders_page_compares_the_weeks_before_and_after_for_incident_readers() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let weeks_ago = |n: i64| {
            let mut i = input(w.rimbo, w.graffiti, "Tunneln");
            i.occurred_at = (app::ssr::time::now_local() - chrono::TimeDelta::weeks(n))
                .format("%Y-%m-%dT%H:%M")
                .to_string();
            i
        };
        // Fixed five weeks ago; two incidents in the weeks before, one in a week after.
        for n in [7, 8, 3] {
            incidents::create(&w.db, &w.police, &weeks_ago(n))
                .await
                .expect("incident");
        }
        let source = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Tunneln"))
            .await
            .expect("incident");
        let id = send(&w, source, o.gata).await;
        let done = StepInput {
            step: "done".into(),
            note: "Sanerat.".into(),
            ..StepInput::default()
        };
        work_orders::step(&w.db, &o.gata_handler, id, &done)
            .await
            .expect("done");
        let m = order_of(&w, id).await;
        let mut active: work_order::ActiveModel = m.clone().into();
        active.done_at = sea_orm::Set(m.done_at.map(|d| d - chrono::TimeDelta::weeks(5)));
        sea_orm::ActiveModelTrait::update(active, &w.db)
            .await
            .expect("backdated");

        let seen = work_orders::get(&w.db, &w.coordinator, id, shared::lang::Lang::Sv)
            .await
            .expect("detail");
        let e = seen.effect.expect("an effect for a fixed order");
        assert_eq!(
            (e.before, e.after, e.weeks_after),
            (2, 1, 4),
            "{backend}: {e:?}"
        );
        let handler = work_orders::get(&w.db, &o.gata_handler, id, shared::lang::Lang::Sv)
            .await
            .expect("detail");
        assert_eq!(
            handler.effect, None,
            "{backend}: handlers read no incident figures"
        );
    }
}

#[tokio::test]
async fn the_dashboard_counts_fixed_places_with_fewer_incidents_afterwards_hiding_small_counts() {
    use app::ssr::dashboard;
    use shared::dashboard::{DashboardFilter, Figure};
    use shared::report::ReportDeadline;
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let weeks_ago = |n: i64| {
            let mut i = input(w.rimbo, w.graffiti, "Gaveln");
            i.occurred_at = (app::ssr::time::now_local() - chrono::TimeDelta::weeks(n))
                .format("%Y-%m-%dT%H:%M")
                .to_string();
            i
        };
        // Fixed ten weeks ago: three incidents in the weeks before, one in the weeks after.
        for n in [12, 13, 14, 5] {
            incidents::create(&w.db, &w.police, &weeks_ago(n))
                .await
                .expect("incident");
        }
        let source = incidents::create(&w.db, &w.police, &weeks_ago(11))
            .await
            .expect("incident");
        let id = send(&w, source, o.gata).await;
        let done = StepInput {
            step: "done".into(),
            note: "Sanerat.".into(),
            ..StepInput::default()
        };
        work_orders::step(&w.db, &o.gata_handler, id, &done)
            .await
            .expect("done");
        let m = order_of(&w, id).await;
        let mut active: work_order::ActiveModel = m.clone().into();
        active.done_at = sea_orm::Set(m.done_at.map(|d| d - chrono::TimeDelta::weeks(10)));
        sea_orm::ActiveModelTrait::update(active, &w.db)
            .await
            .expect("backdated");

        let filter = DashboardFilter::default();
        let deadline = ReportDeadline::default();
        let lang = shared::lang::Lang::Sv;
        let exact = dashboard::compile(&w.db, &w.coordinator, &filter, deadline, lang)
            .await
            .expect("dashboard");
        assert_eq!(exact.order_effects.len(), 1, "{backend}");
        let e = &exact.order_effects[0];
        assert_eq!(
            (e.measured, e.fewer),
            (Figure::Count(1), Figure::Count(1)),
            "{backend}"
        );
        let managers = dashboard::compile(&w.db, &w.manager, &filter, deadline, lang)
            .await
            .expect("dashboard");
        let e = &managers.order_effects[0];
        assert_eq!(
            (e.measured, e.fewer),
            (Figure::Small, Figure::Hidden),
            "{backend}"
        );
    }
}
