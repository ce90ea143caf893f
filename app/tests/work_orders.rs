//! Service tests for work orders: sending an unsafe place from its incidents, who may send
//! what, the owner's steps and re-routing, and who sees which orders.

mod common;

use app::ssr::entities::{audit_event, work_order};
use app::ssr::reference_admin;
use app::ssr::testing::databases;
use app::ssr::{contacts, groups, incidents, reference, work_orders};
use common::{Owners, World, input, owners, world};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::audit::{AuditAction, RecordType};
use shared::ids::{AreaId, CategoryId, IncidentId, OrganisationId};
use shared::lang::Lang;
use shared::reference::ReferenceKind;
use shared::user::CurrentUser;
use shared::work_order::{
    OrderFilter, OrderKind, OrderState, Priority, StepInput, StepKind, WorkOrderInput,
};
use shared::{AppError, FieldError};
use uuid::Uuid;

fn today() -> chrono::NaiveDate {
    app::ssr::time::now_local().date()
}

/// An urgent graffiti order from `incidents` to `owner`.
fn order(incidents: &[IncidentId], owner: OrganisationId) -> WorkOrderInput {
    WorkOrderInput {
        incident_ids: incidents.iter().map(|i| i.to_string()).collect(),
        kind: "graffiti".into(),
        priority: "urgent".into(),
        owner_organisation_id: owner.to_string(),
        description: "Nytt klotter på väggen mot parkeringen.".into(),
        keep_name: false,
        ..Default::default()
    }
}

fn step(kind: &str) -> StepInput {
    StepInput {
        step: kind.into(),
        ..StepInput::default()
    }
}

fn noted(kind: &str, note: &str) -> StepInput {
    StepInput {
        note: note.into(),
        ..step(kind)
    }
}

fn plan(day: chrono::NaiveDate) -> StepInput {
    StepInput {
        planned_for: day.to_string(),
        ..step("plan")
    }
}

fn reroute(owner: OrganisationId) -> StepInput {
    StepInput {
        owner_organisation_id: owner.to_string(),
        ..step("reroute")
    }
}

/// An incident logged by `who` an hour ago at `place` in `area`.
async fn logged_in(
    w: &World,
    who: &CurrentUser,
    area: AreaId,
    category: CategoryId,
    place: &str,
) -> IncidentId {
    incidents::create(&w.db, who, &input(area, category, place))
        .await
        .expect("fixture incident")
}

/// Graffiti logged by `who` in Rimbo at `place`.
async fn graffiti(w: &World, who: &CurrentUser, place: &str) -> IncidentId {
    logged_in(w, who, w.rimbo, w.graffiti, place).await
}

/// The stored order.
async fn model(w: &World, id: Uuid) -> work_order::Model {
    work_order::Entity::find_by_id(id)
        .one(&w.db)
        .await
        .expect("reading the order")
        .expect("the order exists")
}

/// The audit events written about `id` other than views, oldest first.
async fn events(w: &World, id: Uuid) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::RecordId.eq(id))
        .filter(audit_event::Column::Action.ne(AuditAction::View))
        .order_by_asc(audit_event::Column::Id)
        .all(&w.db)
        .await
        .expect("reading the audit log")
}

/// Rows in `work_orders` and `audit_events`.
async fn stored(w: &World) -> (u64, u64) {
    (
        work_order::Entity::find()
            .count(&w.db)
            .await
            .expect("counting orders"),
        audit_event::Entity::find()
            .count(&w.db)
            .await
            .expect("counting events"),
    )
}

fn ids(list: &[shared::work_order::WorkOrderSummary]) -> Vec<String> {
    let mut ids: Vec<String> = list.iter().map(|s| s.id.clone()).collect();
    ids.sort();
    ids
}

fn sorted(ids: &[Uuid]) -> Vec<String> {
    let mut ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    ids.sort();
    ids
}

fn filter(kind: Option<&str>, area: Option<AreaId>, show: Option<&str>) -> OrderFilter {
    OrderFilter {
        kind: kind.map(str::to_owned),
        area: area.map(|a| a.to_string()),
        show: show.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_coordinator_sends_an_incident_to_its_owner_due_within_the_service_level() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let incident = graffiti(&w, &w.police, "Gångtunneln").await;
        let before = incidents::get(&w.db, &w.coordinator, incident, Lang::Sv)
            .await
            .unwrap();
        assert!(before.work_orders.is_empty(), "{backend}");
        assert!(before.can_send_work_order, "{backend}");

        let id = work_orders::create(&w.db, &w.coordinator, &order(&[incident], o.gata))
            .await
            .unwrap();

        let m = model(&w, id).await;
        assert_eq!(m.state, OrderState::Sent, "{backend}");
        assert_eq!(
            (m.kind, m.priority),
            (OrderKind::Graffiti, Priority::Urgent)
        );
        assert_eq!(m.owner_organisation_id, o.gata.0);
        assert_eq!(m.sender_organisation_id, w.coordinator.organisation_id.0);
        assert_eq!(m.created_by, w.coordinator.id.0);
        assert_eq!(
            m.due_at - m.sent_at,
            chrono::TimeDelta::hours(48),
            "urgent graffiti goes within 48 hours ({backend})"
        );

        let events = events(&w, id).await;
        assert_eq!(events.len(), 1, "{backend}");
        let created = &events[0];
        assert_eq!(created.action, AuditAction::Create);
        assert_eq!(created.record_type, RecordType::WorkOrder);
        assert_eq!(created.user_id, Some(w.coordinator.id.0));
        assert_eq!(created.before_json, None);
        let after: serde_json::Value =
            serde_json::from_str(created.after_json.as_deref().expect("a snapshot")).unwrap();
        assert_eq!(after["order_state"], "sent", "{backend}");
        assert_eq!(after["owner"], "Gata");
        assert_eq!(after["place"], "Gångtunneln");
        assert_eq!(after["incidents"], 1);

        let detail = incidents::get(&w.db, &w.coordinator, incident, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(detail.work_orders.len(), 1, "{backend}");
        let brief = &detail.work_orders[0];
        assert_eq!(brief.id, id.to_string());
        assert_eq!(brief.state, OrderState::Sent);
        assert_eq!(brief.owner, "Gata");
        assert!(brief.can_open);
        assert!(
            !detail.can_send_work_order,
            "not again while one is open ({backend})"
        );
    }
}

#[tokio::test]
async fn reporters_send_their_own_incidents_about_a_places_state_and_nobody_elses() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let own = graffiti(&w, &w.police, "Gångtunneln").await;
        let id = work_orders::create(&w.db, &w.police, &order(&[own], o.gata))
            .await
            .unwrap();
        assert_eq!(
            model(&w, id).await.sender_organisation_id,
            w.police_org.0,
            "{backend}"
        );

        let disturbance = logged_in(&w, &w.police, w.rimbo, o.disturbance, "Torget").await;
        assert!(
            !incidents::get(&w.db, &w.police, disturbance, Lang::Sv)
                .await
                .unwrap()
                .can_send_work_order,
            "{backend}"
        );
        assert_eq!(
            work_orders::create(&w.db, &w.police, &order(&[disturbance], o.gata)).await,
            Err(AppError::Forbidden),
            "a category not about a place's state ({backend})"
        );

        let schools = graffiti(&w, &w.school, "Skolgården").await;
        assert!(
            !incidents::get(&w.db, &w.police, schools, Lang::Sv)
                .await
                .unwrap()
                .can_send_work_order
        );
        assert_eq!(
            work_orders::create(&w.db, &w.police, &order(&[schools], o.gata)).await,
            Err(AppError::Forbidden),
            "another organisation's incident ({backend})"
        );
        for who in [&o.gata_handler, &w.manager] {
            assert_eq!(
                work_orders::create(&w.db, who, &order(&[schools], o.gata)).await,
                Err(AppError::Forbidden),
                "{:?} ({backend})",
                who.role
            );
        }
        assert_eq!(stored(&w).await.0, 1, "only the first was stored");
    }
}

#[tokio::test]
async fn incidents_at_one_place_join_one_order_and_none_is_in_two_open_orders() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let first = graffiti(&w, &w.police, "Gångtunneln").await;
        let second = graffiti(&w, &w.school, "Gångtunneln").await;
        let elsewhere = graffiti(&w, &w.police, "Torget").await;

        let err = work_orders::create(&w.db, &w.coordinator, &order(&[first, elsewhere], o.gata))
            .await
            .unwrap_err();
        assert_eq!(
            err.issue_for("incident_ids"),
            Some(&FieldError::Invalid),
            "{backend}"
        );

        let id = work_orders::create(&w.db, &w.coordinator, &order(&[first, second], o.gata))
            .await
            .unwrap();
        let detail = work_orders::get(&w.db, &w.coordinator, id, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(detail.incidents.len(), 2, "{backend}");
        for (who, incident) in [(&w.police, first), (&w.school, second)] {
            let briefs = incidents::get(&w.db, who, incident, Lang::Sv)
                .await
                .unwrap()
                .work_orders;
            assert_eq!(
                briefs.iter().map(|b| b.id.clone()).collect::<Vec<_>>(),
                [id.to_string()],
                "{backend}"
            );
        }

        let later = graffiti(&w, &w.police, "Gångtunneln").await;
        assert_eq!(
            work_orders::create(&w.db, &w.coordinator, &order(&[later, second], o.gata)).await,
            Err(AppError::Conflict),
            "{backend}"
        );
        assert_eq!(
            work_orders::create(&w.db, &w.police, &order(&[first], o.fastighet)).await,
            Err(AppError::Conflict)
        );
        assert_eq!(stored(&w).await.0, 1);
    }
}

#[tokio::test]
async fn bad_input_is_named_and_stores_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let incident = graffiti(&w, &w.police, "Gångtunneln").await;
        let gone = reference::save_organisation(&w.db, "", "Gamla gatukontoret", "street_parks")
            .await
            .unwrap();
        reference_admin::set_retired(
            &w.db,
            &w.admin,
            ReferenceKind::Organisation,
            &gone.to_string(),
            true,
        )
        .await
        .unwrap();
        let start = stored(&w).await;

        let phone = WorkOrderInput {
            description: "Klotter på väggen, ring 070-123 45 67 för nyckel.".into(),
            ..order(&[incident], o.gata)
        };
        let err = work_orders::create(&w.db, &w.police, &phone)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err.issue_for("description"),
                Some(FieldError::PersonalData { .. })
            ),
            "{err:?} ({backend})"
        );
        let err = work_orders::create(
            &w.db,
            &w.police,
            &order(&[incident], OrganisationId(Uuid::now_v7())),
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.issue_for("owner_organisation_id"),
            Some(&FieldError::Unknown),
            "{backend}"
        );
        let err = work_orders::create(&w.db, &w.police, &order(&[incident], gone))
            .await
            .unwrap_err();
        assert_eq!(
            err.issue_for("owner_organisation_id"),
            Some(&FieldError::Retired),
            "{backend}"
        );
        assert_eq!(stored(&w).await, start, "nothing stored ({backend})");

        let id = work_orders::create(&w.db, &w.police, &order(&[incident], o.gata))
            .await
            .unwrap();
        let sent = stored(&w).await;
        for (input, field, expected) in [
            (step("done"), "note", FieldError::Required),
            (noted("reject", "  "), "note", FieldError::Required),
            (
                plan(today() - chrono::Days::new(1)),
                "planned_for",
                FieldError::Passed,
            ),
        ] {
            let err = work_orders::step(&w.db, &o.gata_handler, id, &input)
                .await
                .unwrap_err();
            assert_eq!(
                err.issue_for(field),
                Some(&expected),
                "{} ({backend})",
                input.step
            );
        }
        assert_eq!(stored(&w).await, sent, "nothing stored ({backend})");
        assert_eq!(model(&w, id).await.state, OrderState::Sent);
    }
}

#[tokio::test]
async fn the_owner_accepts_plans_and_finishes_and_done_is_final() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let incident = graffiti(&w, &w.police, "Gångtunneln").await;
        let id = work_orders::create(&w.db, &w.coordinator, &order(&[incident], o.gata))
            .await
            .unwrap();
        let day = today() + chrono::Days::new(3);
        let opened = today();
        for (input, state) in [
            (step("accept"), OrderState::Accepted),
            (plan(day), OrderState::Planned),
            (
                noted("done", "Klottret sanerat och väggen målad."),
                OrderState::Done,
            ),
        ] {
            work_orders::step(&w.db, &o.gata_handler, id, &input)
                .await
                .unwrap();
            assert_eq!(model(&w, id).await.state, state, "{backend}");
        }
        let m = model(&w, id).await;
        assert_eq!(m.planned_for, Some(day));
        assert_eq!(
            m.done_note.as_deref(),
            Some("Klottret sanerat och väggen målad.")
        );
        assert!(m.closed_at.is_some());

        let events = events(&w, id).await;
        assert_eq!(
            events.iter().map(|e| e.action).collect::<Vec<_>>(),
            [
                AuditAction::Create,
                AuditAction::Update,
                AuditAction::Update,
                AuditAction::Update
            ],
            "{backend}"
        );
        for e in &events[1..] {
            assert_eq!(e.user_id, Some(o.gata_handler.id.0));
            assert!(e.before_json.is_some() && e.after_json.is_some());
            assert_ne!(e.before_json, e.after_json, "{backend}");
        }
        let history = work_orders::get(&w.db, &o.gata_handler, id, Lang::Sv)
            .await
            .unwrap()
            .history;
        let states: Vec<(String, String)> = history
            .iter()
            .skip(1)
            .map(|e| {
                let c = e
                    .changes
                    .iter()
                    .find(|c| c.field == "order_state")
                    .expect("the state changed");
                (c.before.clone(), c.after.clone())
            })
            .collect();
        assert_eq!(
            states,
            [
                ("sent".to_owned(), "accepted".to_owned()),
                ("accepted".to_owned(), "planned".to_owned()),
                ("planned".to_owned(), "done".to_owned()),
            ],
            "{backend}"
        );

        let detail = incidents::get(&w.db, &w.coordinator, incident, Lang::Sv)
            .await
            .unwrap();
        let brief = &detail.work_orders[0];
        assert_eq!(brief.state, OrderState::Done, "{backend}");
        assert_eq!(brief.owner, "Gata");
        assert!(
            [opened.to_string(), today().to_string()].contains(&brief.date),
            "done today: {} ({backend})",
            brief.date
        );
        assert!(
            detail.can_send_work_order,
            "a new order may be sent once it is closed"
        );

        let count = stored(&w).await;
        for input in [step("accept"), plan(day), noted("reject", "Inte vår.")] {
            assert_eq!(
                work_orders::step(&w.db, &o.gata_handler, id, &input).await,
                Err(AppError::Conflict),
                "{} ({backend})",
                input.step
            );
        }
        assert_eq!(stored(&w).await, count);
    }
}

#[tokio::test]
async fn a_rejected_order_goes_back_to_its_sender_who_sends_it_elsewhere() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let incident = graffiti(&w, &w.police, "Gångtunneln").await;
        let id = work_orders::create(&w.db, &w.police, &order(&[incident], o.gata))
            .await
            .unwrap();
        work_orders::step(
            &w.db,
            &o.gata_handler,
            id,
            &noted("reject", "Inte vår mark, fastighetens."),
        )
        .await
        .unwrap();
        let m = model(&w, id).await;
        assert_eq!(m.state, OrderState::Rejected, "{backend}");
        assert_eq!(
            m.reject_reason.as_deref(),
            Some("Inte vår mark, fastighetens.")
        );
        assert_eq!(
            work_orders::get(&w.db, &w.police, id, Lang::Sv)
                .await
                .unwrap()
                .allowed,
            [StepKind::Reroute, StepKind::Withdraw],
            "the sender may send it elsewhere ({backend})"
        );

        work_orders::step(&w.db, &w.police_colleague, id, &reroute(o.fastighet))
            .await
            .unwrap();
        let m = model(&w, id).await;
        assert_eq!(
            (m.state, m.owner_organisation_id),
            (OrderState::Sent, o.fastighet.0),
            "{backend}"
        );

        let theirs = work_orders::list(&w.db, &o.fastighet_handler, &OrderFilter::default())
            .await
            .unwrap();
        assert_eq!(ids(&theirs), sorted(&[id]), "{backend}");
        let detail = work_orders::get(&w.db, &o.fastighet_handler, id, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(detail.summary.owner, "Fastighet");
        assert!(detail.allowed.contains(&StepKind::Accept));

        assert_eq!(
            work_orders::get(&w.db, &o.gata_handler, id, Lang::Sv).await,
            Err(AppError::NotFound),
            "{backend}"
        );
        assert_eq!(
            work_orders::step(&w.db, &o.gata_handler, id, &step("accept")).await,
            Err(AppError::NotFound)
        );
        assert!(
            work_orders::list(&w.db, &o.gata_handler, &OrderFilter::default())
                .await
                .unwrap()
                .is_empty()
        );

        work_orders::step(
            &w.db,
            &o.fastighet_handler,
            id,
            &noted("reject", "Inte heller vår."),
        )
        .await
        .unwrap();
        let count = stored(&w).await;
        let err = work_orders::step(&w.db, &w.police, id, &reroute(o.fastighet))
            .await
            .unwrap_err();
        assert!(
            err.issue_for("owner_organisation_id").is_some(),
            "{err:?} ({backend})"
        );
        assert_eq!(stored(&w).await, count);
        assert_eq!(model(&w, id).await.state, OrderState::Rejected);
    }
}

/// Orders to Gata (graffiti in Rimbo, litter in Norrtälje) and to Fastighet (graffiti in
/// Rimbo), sent by the coordinator: (gata's two, fastighet's, an incident).
async fn three_orders(w: &World, o: &Owners) -> ([Uuid; 2], Uuid, IncidentId) {
    let rimbo = graffiti(w, &w.police, "Gångtunneln").await;
    let norrtalje = logged_in(w, &w.police, w.norrtalje, w.graffiti, "Hamnen").await;
    let other = graffiti(w, &w.school, "Skolgården").await;
    let graffiti_order = work_orders::create(&w.db, &w.coordinator, &order(&[rimbo], o.gata))
        .await
        .expect("fixture order");
    let litter = WorkOrderInput {
        kind: "litter".into(),
        priority: "normal".into(),
        ..order(&[norrtalje], o.gata)
    };
    let litter_order = work_orders::create(&w.db, &w.coordinator, &litter)
        .await
        .expect("fixture order");
    let foreign = work_orders::create(&w.db, &w.coordinator, &order(&[other], o.fastighet))
        .await
        .expect("fixture order");
    ([graffiti_order, litter_order], foreign, rimbo)
}

#[tokio::test]
async fn handlers_see_their_organisations_orders_and_nothing_else() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let ([graffiti_order, litter_order], foreign, incident) = three_orders(&w, &o).await;
        let h = &o.gata_handler;

        let open = work_orders::list(&w.db, h, &OrderFilter::default())
            .await
            .unwrap();
        assert_eq!(
            ids(&open),
            sorted(&[graffiti_order, litter_order]),
            "{backend}"
        );
        let by_kind = work_orders::list(&w.db, h, &filter(Some("litter"), None, None))
            .await
            .unwrap();
        assert_eq!(ids(&by_kind), sorted(&[litter_order]), "{backend}");
        let by_area = work_orders::list(&w.db, h, &filter(None, Some(w.rimbo), None))
            .await
            .unwrap();
        assert_eq!(ids(&by_area), sorted(&[graffiti_order]), "{backend}");

        work_orders::step(&w.db, h, litter_order, &noted("done", "Uppstädat."))
            .await
            .unwrap();
        let open = work_orders::list(&w.db, h, &OrderFilter::default())
            .await
            .unwrap();
        assert_eq!(ids(&open), sorted(&[graffiti_order]), "{backend}");
        let closed = work_orders::list(&w.db, h, &filter(None, None, Some("closed")))
            .await
            .unwrap();
        assert_eq!(ids(&closed), sorted(&[litter_order]), "{backend}");
        assert_eq!(closed[0].state, OrderState::Done);

        let own = work_orders::get(&w.db, h, graffiti_order, Lang::Sv)
            .await
            .unwrap();
        assert!(
            own.incidents.is_empty(),
            "handlers do not open incidents ({backend})"
        );
        let random = Uuid::now_v7();
        for id in [foreign, random] {
            assert_eq!(
                work_orders::get(&w.db, h, id, Lang::Sv).await,
                Err(AppError::NotFound),
                "{backend}"
            );
            assert_eq!(
                work_orders::step(&w.db, h, id, &step("accept")).await,
                Err(AppError::NotFound),
                "{backend}"
            );
        }
        assert_eq!(model(&w, foreign).await.state, OrderState::Sent);

        assert_eq!(
            incidents::get(&w.db, h, incident, Lang::Sv).await,
            Err(AppError::NotFound),
            "{backend}"
        );
        assert_eq!(groups::list(&w.db, h).await, Err(AppError::Forbidden));
        assert!(matches!(
            contacts::directory(&w.db, h, &contacts::Filter::default()).await,
            Err(AppError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn managers_and_outsiders_do_not_see_orders_and_the_reporting_organisation_only_reads() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let incident = graffiti(&w, &w.police, "Gångtunneln").await;
        let id = work_orders::create(&w.db, &w.coordinator, &order(&[incident], o.gata))
            .await
            .unwrap();

        assert_eq!(
            work_orders::list(&w.db, &w.manager, &OrderFilter::default()).await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        assert_eq!(
            work_orders::get(&w.db, &w.manager, id, Lang::Sv).await,
            Err(AppError::NotFound),
            "{backend}"
        );

        assert_eq!(
            work_orders::get(&w.db, &w.school, id, Lang::Sv).await,
            Err(AppError::NotFound),
            "a third organisation ({backend})"
        );
        assert!(
            work_orders::list(&w.db, &w.school, &OrderFilter::default())
                .await
                .unwrap()
                .is_empty()
        );

        let read = work_orders::get(&w.db, &w.police, id, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(read.summary.owner, "Gata", "{backend}");
        assert!(read.allowed.is_empty(), "{backend}");
        assert_eq!(read.incidents.len(), 1);
        assert_eq!(
            ids(
                &work_orders::list(&w.db, &w.police, &OrderFilter::default())
                    .await
                    .unwrap()
            ),
            sorted(&[id])
        );
        let count = stored(&w).await;
        assert_eq!(
            work_orders::step(&w.db, &w.police, id, &step("accept")).await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        assert_eq!(stored(&w).await, count);
        assert_eq!(model(&w, id).await.state, OrderState::Sent);
    }
}

#[tokio::test]
async fn the_send_form_offers_the_places_other_incidents_that_are_free_to_join() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let first = graffiti(&w, &w.police, "Tunneln").await;
        let free = graffiti(&w, &w.police, "Tunneln").await;
        let taken = graffiti(&w, &w.police, "Tunneln").await;
        let not_ours = logged_in(&w, &w.police, w.rimbo, o.disturbance, "Tunneln").await;
        work_orders::create(&w.db, &w.coordinator, &order(&[taken], o.gata))
            .await
            .unwrap();
        let draft = work_orders::draft(&w.db, &w.police, first, Lang::Sv)
            .await
            .unwrap();
        let offered: Vec<String> = draft.others.iter().map(|(id, _)| id.clone()).collect();
        assert_eq!(offered, [free.to_string()], "{backend}");
        assert_eq!(draft.kind, Some(OrderKind::Graffiti));
        // A coordinator may send any category, so the disturbance is offered too.
        let draft = work_orders::draft(&w.db, &w.coordinator, first, Lang::Sv)
            .await
            .unwrap();
        let mut offered: Vec<String> = draft.others.iter().map(|(id, _)| id.clone()).collect();
        offered.sort();
        assert_eq!(offered, sorted(&[free.0, not_ours.0]), "{backend}");
    }
}
