//! Service tests for safety walks: planning, recording observations (once, however often a
//! phone sends them), correcting slips, closing, and turning observations into work orders in
//! one write; who may do which.

mod common;

use app::ssr::entities::{
    audit_event, place, walk_observation, walk_photo, work_order, work_order_photo,
};
use app::ssr::testing::databases;
use app::ssr::{walks, work_orders};
use common::{World, owners, world};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::audit::{AuditAction, RecordType};
use shared::user::CurrentUser;
use shared::walk::{ObservationInput, ToOrdersInput, WalkInput, WalkState};
use shared::work_order::{OrderFilter, OrderKind, OrderState};
use shared::{AppError, FieldError};
use uuid::Uuid;

fn walk_input(w: &World) -> WalkInput {
    WalkInput {
        area_id: w.rimbo.to_string(),
        planned_for: app::ssr::time::now_local().date().to_string(),
        participants: "Polisen, fritidsgården, två boende".into(),
    }
}

fn seen(walk: Uuid, place: &str, kind: &str) -> ObservationInput {
    ObservationInput {
        id: Uuid::now_v7().to_string(),
        walk_id: walk.to_string(),
        place: place.into(),
        kind: kind.into(),
        note: "Belysningen är trasig, helt mörkt efter 16.".into(),
        ..Default::default()
    }
}

/// Rows in `walk_observations`, `work_orders` and `audit_events` (views left out).
async fn stored(w: &World) -> (u64, u64, u64) {
    (
        walk_observation::Entity::find()
            .count(&w.db)
            .await
            .expect("count"),
        work_order::Entity::find()
            .count(&w.db)
            .await
            .expect("count"),
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.ne(AuditAction::View))
            .count(&w.db)
            .await
            .expect("count"),
    )
}

async fn planned(w: &World) -> Uuid {
    walks::plan(&w.db, &w.coordinator, &walk_input(w))
        .await
        .expect("planned")
}

async fn observed(w: &World, who: &CurrentUser, walk: Uuid, place: &str) -> Uuid {
    walks::observe(&w.db, who, &seen(walk, place, "lighting"))
        .await
        .expect("observed")
}

#[tokio::test]
async fn a_coordinator_plans_a_walk_and_nobody_else_may() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = planned(&w).await;
        let list = walks::list(&w.db, &w.police).await.unwrap();
        assert_eq!(list.len(), 1, "{backend}");
        assert_eq!(
            (list[0].area.as_str(), list[0].state),
            ("Rimbo", WalkState::Planned)
        );
        let before = stored(&w).await;
        for who in [&w.police, &w.manager, &w.admin] {
            assert_eq!(
                walks::plan(&w.db, who, &walk_input(&w)).await,
                Err(AppError::Forbidden),
                "{backend}"
            );
        }
        let bad = WalkInput {
            participants: "Ring Kalle på 070-123 45 67".into(),
            ..walk_input(&w)
        };
        let e = walks::plan(&w.db, &w.coordinator, &bad).await.unwrap_err();
        assert!(matches!(
            e.issue_for("participants"),
            Some(FieldError::PersonalData { .. })
        ));
        assert_eq!(
            stored(&w).await,
            before,
            "refused plans store nothing ({backend})"
        );
        // Managers and admins see no walks at all.
        assert_eq!(
            walks::list(&w.db, &w.manager).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            walks::get(&w.db, &w.admin, id).await.map(|_| ()),
            Err(AppError::Forbidden)
        );
    }
}

#[tokio::test]
async fn an_observation_sent_again_is_stored_once() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let walk = planned(&w).await;
        let input = seen(walk, "Gångtunneln", "lighting");
        let first = walks::observe(&w.db, &w.police, &input).await.unwrap();
        let after_first = stored(&w).await;
        // The answer was lost; the phone sends the same draft twice more.
        for _ in 0..2 {
            assert_eq!(
                walks::observe(&w.db, &w.police, &input).await,
                Ok(first),
                "{backend}"
            );
        }
        assert_eq!(stored(&w).await, after_first, "{backend}");
        // Someone else's id is not theirs to reuse.
        assert_eq!(
            walks::observe(&w.db, &w.school, &input).await,
            Err(AppError::Conflict)
        );
        let d = walks::get(&w.db, &w.police, walk).await.unwrap();
        assert_eq!(d.observations.len(), 1);
        let o = &d.observations[0];
        assert_eq!(
            (o.place.as_str(), o.kind, o.by.as_str()),
            ("Gångtunneln", OrderKind::Lighting, "Polisen")
        );
        assert!(o.can_remove, "its recorder may remove it");
        // A new place name is a new, unconfirmed place in the walk's area (the coordinators
        // confirm it), so it is not yet offered to others.
        let p = place::Entity::find()
            .filter(place::Column::Name.eq("Gångtunneln"))
            .one(&w.db)
            .await
            .unwrap()
            .expect("the new place");
        assert_eq!((p.area_id, p.confirmed), (w.rimbo.0, false), "{backend}");
        let form = walks::form(&w.db, &w.police, walk).await.unwrap();
        assert!(form.may_observe && !form.places.contains(&"Gångtunneln".to_owned()));
        let events = audit_event::Entity::find()
            .filter(audit_event::Column::RecordId.eq(walk))
            .filter(audit_event::Column::Action.eq(AuditAction::Create))
            .all(&w.db)
            .await
            .unwrap();
        assert_eq!(events.len(), 2, "the plan and one observation ({backend})");
        assert!(
            events
                .iter()
                .all(|e| e.record_type == RecordType::SafetyWalk)
        );
    }
}

#[tokio::test]
async fn observations_are_checked_and_refused_ones_store_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let walk = planned(&w).await;
        let before = stored(&w).await;
        let named = ObservationInput {
            note: "Anna Svensson säger att lampan är trasig.".into(),
            ..seen(walk, "Torget", "lighting")
        };
        let e = walks::observe(&w.db, &w.police, &named).await.unwrap_err();
        assert!(
            matches!(e.issue_for("note"), Some(FieldError::LooksLikeName { .. })),
            "{backend}"
        );
        let bad = ObservationInput {
            kind: "weather".into(),
            note: "x".into(),
            ..seen(walk, "Torget", "lighting")
        };
        let e = walks::observe(&w.db, &w.police, &bad).await.unwrap_err();
        assert_eq!(e.issue_for("kind"), Some(&FieldError::Required));
        assert!(matches!(
            e.issue_for("note"),
            Some(FieldError::TooShort { .. })
        ));
        for who in [&w.manager, &w.admin, &o.gata_handler] {
            assert_eq!(
                walks::observe(&w.db, who, &seen(walk, "Torget", "litter")).await,
                Err(AppError::Forbidden),
                "{backend}"
            );
        }
        let lost = seen(Uuid::now_v7(), "Torget", "litter");
        assert_eq!(
            walks::observe(&w.db, &w.police, &lost).await,
            Err(AppError::NotFound)
        );
        assert_eq!(stored(&w).await, before, "{backend}");
        // Kept on purpose after the warning, it is stored.
        let kept = ObservationInput {
            keep_name: true,
            ..named
        };
        assert!(walks::observe(&w.db, &w.police, &kept).await.is_ok());
    }
}

#[tokio::test]
async fn a_closed_walk_takes_no_more_observations_until_it_is_opened_again() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let walk = planned(&w).await;
        observed(&w, &w.police, walk, "Torget").await;
        assert_eq!(
            walks::set_done(&w.db, &w.police, walk, true).await,
            Err(AppError::Forbidden)
        );
        walks::set_done(&w.db, &w.coordinator, walk, true)
            .await
            .unwrap();
        assert_eq!(
            walks::set_done(&w.db, &w.coordinator, walk, true).await,
            Err(AppError::Conflict)
        );
        let before = stored(&w).await;
        let late = seen(walk, "Stationen", "litter");
        assert_eq!(
            walks::observe(&w.db, &w.police, &late).await,
            Err(AppError::Conflict),
            "{backend}"
        );
        assert_eq!(stored(&w).await, before);
        assert!(
            !walks::form(&w.db, &w.police, walk)
                .await
                .unwrap()
                .may_observe
        );
        walks::set_done(&w.db, &w.coordinator, walk, false)
            .await
            .unwrap();
        assert!(
            walks::observe(&w.db, &w.police, &late).await.is_ok(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_slip_can_be_removed_and_brought_back_by_its_recorder_or_the_coordinator() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let walk = planned(&w).await;
        let mine = observed(&w, &w.police, walk, "Torget").await;
        let theirs = observed(&w, &w.school, walk, "Skolgården").await;
        let shown = |w: &World| {
            let db = w.db.clone();
            let who = w.police.clone();
            async move {
                walks::get(&db, &who, walk)
                    .await
                    .unwrap()
                    .observations
                    .into_iter()
                    .map(|o| (o.place, o.can_remove))
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            walks::set_removed(&w.db, &w.police, theirs, true).await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        assert_eq!(
            shown(&w).await,
            vec![("Torget".into(), true), ("Skolgården".into(), false)]
        );
        walks::set_removed(&w.db, &w.police, mine, true)
            .await
            .unwrap();
        walks::set_removed(&w.db, &w.coordinator, theirs, true)
            .await
            .unwrap();
        assert_eq!(
            walks::set_removed(&w.db, &w.coordinator, theirs, true).await,
            Err(AppError::Conflict),
            "removed once"
        );
        assert!(shown(&w).await.is_empty(), "{backend}");
        assert_eq!(
            walks::list(&w.db, &w.police).await.unwrap()[0].observations,
            0
        );
        // "Ångra": it comes back as it was.
        walks::set_removed(&w.db, &w.police, mine, false)
            .await
            .unwrap();
        assert_eq!(shown(&w).await, vec![("Torget".into(), true)], "{backend}");
        assert_eq!(
            walks::set_removed(&w.db, &w.police, mine, false).await,
            Err(AppError::Conflict),
            "brought back once"
        );
        assert_eq!(
            walks::set_removed(&w.db, &w.police, Uuid::now_v7(), true).await,
            Err(AppError::NotFound)
        );
        let count = |action: AuditAction| {
            let db = w.db.clone();
            async move {
                audit_event::Entity::find()
                    .filter(audit_event::Column::RecordId.eq(walk))
                    .filter(audit_event::Column::Action.eq(action))
                    .count(&db)
                    .await
                    .unwrap()
            }
        };
        assert_eq!(count(AuditAction::Delete).await, 2, "{backend}");
        assert_eq!(
            count(AuditAction::Create).await,
            4,
            "plan, two observations, one back"
        );
    }
}

#[tokio::test]
async fn chosen_observations_become_routed_orders_in_one_write() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let walk = planned(&w).await;
        let dark = observed(&w, &w.police, walk, "Gångtunneln").await;
        let bench = walks::observe(&w.db, &w.school, &seen(walk, "Parken", "damaged_furniture"))
            .await
            .unwrap();
        let minor = observed(&w, &w.school, walk, "Skolgården").await;
        let pick =
            |picked: &[Uuid], owners: &[(Uuid, &shared::ids::OrganisationId)]| ToOrdersInput {
                picked: picked.iter().map(Uuid::to_string).collect(),
                owners: owners
                    .iter()
                    .map(|(obs, org)| format!("{obs}:{org}"))
                    .collect(),
            };
        // Reporters do not send for the walk; a ticked one without an owner stops them all.
        let both = pick(
            &[dark, bench],
            &[(dark, &o.gata), (bench, &o.fastighet), (minor, &o.gata)],
        );
        assert_eq!(
            walks::to_work_orders(&w.db, &w.police, walk, &both).await,
            Err(AppError::Forbidden)
        );
        let before = stored(&w).await;
        let ownerless = ToOrdersInput {
            picked: vec![dark.to_string(), minor.to_string()],
            owners: vec![format!("{dark}:{}", o.gata), format!("{minor}:")],
        };
        let e = walks::to_work_orders(&w.db, &w.coordinator, walk, &ownerless)
            .await
            .unwrap_err();
        assert_eq!(
            e.issue_for(&format!("owner_{minor}")),
            Some(&FieldError::Required),
            "{backend}"
        );
        let unknown = pick(
            &[dark, bench],
            &[
                (dark, &o.gata),
                (bench, &shared::ids::OrganisationId(Uuid::now_v7())),
            ],
        );
        let e = walks::to_work_orders(&w.db, &w.coordinator, walk, &unknown)
            .await
            .unwrap_err();
        assert_eq!(
            e.issue_for("owner_organisation_id"),
            Some(&FieldError::Unknown),
            "{backend}"
        );
        assert_eq!(
            stored(&w).await,
            before,
            "nothing of a refused batch is kept ({backend})"
        );

        assert_eq!(
            walks::to_work_orders(&w.db, &w.coordinator, walk, &both).await,
            Ok(2)
        );
        let d = walks::get(&w.db, &w.coordinator, walk).await.unwrap();
        let order_of = |obs: Uuid| {
            d.observations
                .iter()
                .find(|v| v.id == obs.to_string())
                .unwrap()
                .order
                .clone()
        };
        let dark_order = order_of(dark).expect("the dark tunnel became an order");
        assert_eq!(
            (dark_order.state, dark_order.owner.as_str()),
            (OrderState::Sent, "Gata")
        );
        assert_eq!(order_of(bench).expect("the bench too").owner, "Fastighet");
        assert!(order_of(minor).is_none(), "{backend}");
        let m = work_order::Entity::find_by_id(Uuid::parse_str(&dark_order.id).unwrap())
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((m.area_id, m.kind), (w.rimbo.0, OrderKind::Lighting));
        assert_eq!(m.description, "Belysningen är trasig, helt mörkt efter 16.");
        assert_eq!(m.sender_organisation_id, w.coordinator.organisation_id.0);
        assert_eq!(
            m.due_at - m.sent_at,
            chrono::TimeDelta::days(14),
            "{backend}"
        );
        // The street handler finds it in their queue; the property handler does not.
        let queue = work_orders::list(&w.db, &o.gata_handler, &OrderFilter::default())
            .await
            .unwrap();
        assert_eq!(
            queue.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
            vec![dark_order.id.clone()]
        );
        // An observation made an order once is not made one again, nor removed.
        let again = pick(&[minor, dark], &[(minor, &o.gata), (dark, &o.gata)]);
        let before = stored(&w).await;
        assert_eq!(
            walks::to_work_orders(&w.db, &w.coordinator, walk, &again).await,
            Err(AppError::Conflict)
        );
        assert_eq!(
            walks::set_removed(&w.db, &w.coordinator, dark, true).await,
            Err(AppError::Conflict)
        );
        assert_eq!(stored(&w).await, before, "{backend}");
        // Another walk's observation is not this walk's to send.
        let other = planned(&w).await;
        let stray = pick(&[minor], &[(minor, &o.gata)]);
        let e = walks::to_work_orders(&w.db, &w.coordinator, other, &stray)
            .await
            .unwrap_err();
        assert_eq!(
            e.issue_for("picked"),
            Some(&FieldError::Unknown),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn retention_empties_old_walks_and_the_orders_made_on_them_once_closed() {
    use app::ssr::retention::{self, REDACTED};
    use chrono::{Months, Utc};
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let walk = planned(&w).await;
        let obs = observed(&w, &w.police, walk, "Gångtunneln").await;
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(8, 8, image::Rgb([200, 40, 40]))
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        walks::photos::store(&w.db, &w.police, walk, obs, png.into_inner())
            .await
            .unwrap();
        let input = ToOrdersInput {
            picked: vec![obs.to_string()],
            owners: vec![format!("{obs}:{}", o.gata)],
        };
        walks::to_work_orders(&w.db, &w.coordinator, walk, &input)
            .await
            .unwrap();
        let order = walks::get(&w.db, &w.coordinator, walk)
            .await
            .unwrap()
            .observations[0]
            .order
            .clone()
            .unwrap();
        let order_id = Uuid::parse_str(&order.id).unwrap();
        let done = shared::work_order::StepInput {
            step: "done".into(),
            note: "Nya lampor uppsatta.".into(),
            ..Default::default()
        };
        work_orders::step(&w.db, &o.gata_handler, order_id, &done)
            .await
            .unwrap();

        // Today nothing goes: the walk is new, and the order made on it was just closed.
        let now = retention::run(&w.db, 36, Utc::now()).await.unwrap();
        assert_eq!((now.walks, now.work_orders), (0, 0), "{backend}");
        let m = work_order::Entity::find_by_id(order_id)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(m.description, "Belysningen är trasig, helt mörkt efter 16.");

        let photos = || {
            let db = w.db.clone();
            async move {
                (
                    walk_photo::Entity::find().count(&db).await.unwrap(),
                    work_order_photo::Entity::find().count(&db).await.unwrap(),
                )
            }
        };
        assert_eq!(
            photos().await,
            (1, 1),
            "the photo went with the order ({backend})"
        );
        let later = retention::run(&w.db, 36, Utc::now() + Months::new(37))
            .await
            .unwrap();
        assert_eq!((later.walks, later.work_orders), (1, 1), "{backend}");
        assert_eq!(photos().await, (0, 0), "{backend}");
        let d = walks::get(&w.db, &w.coordinator, walk).await.unwrap();
        assert_eq!(d.participants, "");
        assert_eq!(d.observations[0].note, "");
        assert_eq!(
            d.observations[0].kind,
            OrderKind::Lighting,
            "what was seen stays counted"
        );
        let m = work_order::Entity::find_by_id(order_id)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (m.description.as_str(), m.done_note.as_deref()),
            ("", None),
            "{backend}"
        );
        let snapshots: Vec<String> = audit_event::Entity::find()
            .filter(audit_event::Column::RecordId.eq(walk))
            .all(&w.db)
            .await
            .unwrap()
            .into_iter()
            .flat_map(|e| [e.before_json, e.after_json])
            .flatten()
            .collect();
        assert!(
            snapshots
                .iter()
                .all(|s| !s.contains("Gångtunneln") && !s.contains("fritidsgården")),
            "{backend}: {snapshots:?}"
        );
        assert!(snapshots.iter().any(|s| s.contains(REDACTED)));
        // An emptied walk takes nothing more (it would never be emptied again).
        assert_eq!(d.summary.state, WalkState::Done);
        assert_eq!(
            walks::set_done(&w.db, &w.coordinator, walk, false).await,
            Err(AppError::Conflict),
            "{backend}"
        );
        let late = seen(walk, "Torget", "litter");
        assert_eq!(
            walks::observe(&w.db, &w.police, &late).await,
            Err(AppError::Conflict)
        );
        // Once is enough.
        let again = retention::run(&w.db, 36, Utc::now() + Months::new(37))
            .await
            .unwrap();
        assert_eq!((again.walks, again.work_orders), (0, 0), "{backend}");
    }
}

#[tokio::test]
async fn observations_follow_their_place_when_it_is_merged() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let walk = planned(&w).await;
        let obs = observed(&w, &w.police, walk, "Gangtunneln").await;
        observed(&w, &w.police, walk, "Gångtunneln").await;
        let id_of = |name: &'static str| {
            let db = w.db.clone();
            async move {
                place::Entity::find()
                    .filter(place::Column::Name.eq(name))
                    .one(&db)
                    .await
                    .unwrap()
                    .map(|p| shared::ids::PlaceId(p.id))
                    .expect("the place")
            }
        };
        let (from, into) = (id_of("Gangtunneln").await, id_of("Gångtunneln").await);
        app::ssr::places::merge(&w.db, &w.coordinator, from, into)
            .await
            .unwrap();
        let m = walk_observation::Entity::find_by_id(obs)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(m.place_id, into.0, "{backend}");
    }
}
