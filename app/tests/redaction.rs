//! Service tests for removing personal data that slipped into an incident: from the incident
//! and every earlier version in its history, audited with the reason and never the text;
//! requested by reporters of the incident's organisation; refused for everyone else.

mod common;

use std::collections::BTreeMap;

use app::ssr::counts::{self, Scope};
use app::ssr::entities::{audit_event, incident, place, redaction_request};
use app::ssr::testing::databases;
use app::ssr::{incidents, redaction};
use common::{World, input, world};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::audit::AuditAction;
use shared::ids::IncidentId;
use shared::lang::Lang;
use shared::redaction::{MARK, RedactionInput};
use shared::{AppError, FieldError};
use uuid::Uuid;

const NAME: &str = "Kalle Ek";

async fn logged(w: &World, place: &str, text: &str) -> IncidentId {
    let mut i = input(w.rimbo, w.graffiti, place);
    i.description = text.to_owned();
    // The name warning is answered "keep": these texts are what slips through.
    i.keep_name = true;
    incidents::create(&w.db, &w.police, &i)
        .await
        .expect("logged")
}

fn cut(description: &str, passage: &str, place: bool, reason: &str) -> RedactionInput {
    RedactionInput {
        description: description.into(),
        passage: passage.into(),
        place,
        reason: reason.into(),
    }
}

/// Every snapshot and stored text of the incident, as one string to search.
async fn everything_about(w: &World, id: IncidentId) -> String {
    let row = incident::Entity::find_by_id(id.0)
        .one(&w.db)
        .await
        .expect("test data")
        .expect("test data");
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::RecordId.eq(id.0))
        .all(&w.db)
        .await
        .expect("test data");
    format!("{} {:?}", row.description, events)
}

#[tokio::test]
async fn a_coordinator_removes_a_name_from_the_incident_and_its_whole_history() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = logged(
            &w,
            "Torget",
            &format!("{NAME} klottrade på väggen vid torget."),
        )
        .await;
        let mut edit = input(w.rimbo, w.graffiti, "Torget");
        edit.description = format!("{NAME} klottrade på väggen vid torget igen.");
        edit.keep_name = true;
        incidents::update(&w.db, &w.police, id, &edit)
            .await
            .expect("test data");
        assert!(everything_about(&w, id).await.contains(NAME));

        redaction::redact(
            &w.db,
            &w.coordinator,
            id,
            &cut("part", NAME, false, "Elevens namn"),
        )
        .await
        .expect("removed");
        let all = everything_about(&w, id).await;
        assert!(!all.contains(NAME), "{backend}: {all}");
        let detail = incidents::get(&w.db, &w.coordinator, id, Lang::Sv)
            .await
            .expect("test data");
        assert_eq!(
            detail.description,
            format!("{MARK} klottrade på väggen vid torget igen.")
        );
        // The history still shows what changed, and who removed what and why.
        let last = detail.history.last().expect("test data");
        assert_eq!(last.action, AuditAction::Redact, "{backend}");
        let said: BTreeMap<_, _> = last
            .changes
            .iter()
            .map(|c| (c.field.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(said.get("reason"), Some(&"Elevens namn"));
        assert_eq!(said.get("removed"), Some(&"en del av beskrivningen"));
        assert!(
            detail.history[1]
                .changes
                .iter()
                .any(|c| c.before.contains(MARK))
        );
    }
}

#[tokio::test]
async fn a_passage_that_is_nowhere_changes_nothing_and_one_only_in_the_history_is_removed_there() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = logged(&w, "Torget", &format!("{NAME} sprang från platsen.")).await;
        let before = everything_about(&w, id).await;
        let missing = redaction::redact(
            &w.db,
            &w.coordinator,
            id,
            &cut("part", "Lisa Berg", false, "Namn"),
        )
        .await;
        assert_eq!(
            missing.unwrap_err().issue_for("passage"),
            Some(&FieldError::NotInText),
            "{backend}"
        );
        let bad = redaction::redact(
            &w.db,
            &w.coordinator,
            id,
            &cut("part", NAME, false, "070-123 45 67"),
        )
        .await;
        assert!(matches!(
            bad.unwrap_err().issue_for("reason"),
            Some(FieldError::PersonalData { .. })
        ));
        assert_eq!(everything_about(&w, id).await, before);

        // The reporter rephrased, but the history still holds the name.
        let mut edit = input(w.rimbo, w.graffiti, "Torget");
        edit.description = "En person sprang från platsen.".into();
        incidents::update(&w.db, &w.police, id, &edit)
            .await
            .expect("test data");
        redaction::redact(
            &w.db,
            &w.coordinator,
            id,
            &cut("part", NAME, false, "Namn i historiken"),
        )
        .await
        .expect("found in the history");
        assert!(!everything_about(&w, id).await.contains(NAME), "{backend}");
    }
}

#[tokio::test]
async fn removing_the_place_name_moves_the_incident_to_a_stand_in_and_drops_the_unused_place() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = logged(&w, "Ekvägen 12", "Krossad ruta i entrén.").await;
        logged(&w, "Torget", "Klotter på bänken.").await;
        redaction::redact(
            &w.db,
            &w.coordinator,
            id,
            &cut("whole", "", true, "Adress till en bostad"),
        )
        .await
        .expect("test data");
        let detail = incidents::get(&w.db, &w.coordinator, id, Lang::Sv)
            .await
            .expect("test data");
        assert_eq!(
            (detail.description.as_str(), detail.summary.place.as_str()),
            (MARK, MARK),
            "{backend}"
        );
        assert!(!everything_about(&w, id).await.contains("Ekvägen"));
        let gone = place::Entity::find()
            .filter(place::Column::Name.eq("Ekvägen 12"))
            .count(&w.db)
            .await
            .expect("test data");
        assert_eq!(gone, 0, "{backend}: nothing else used it");
        assert!(
            app::ssr::reference::places(&w.db, Some(w.rimbo))
                .await
                .expect("test data")
                .iter()
                .all(|p| p.name != MARK)
        );
        // The kept counts still equal the incidents, place by place.
        let mut kept: BTreeMap<Uuid, i64> = BTreeMap::new();
        for c in counts::place_cells(&w.db, Scope::weeks(0, 999_999))
            .await
            .expect("test data")
        {
            *kept.entry(c.place_id).or_default() += c.incidents;
        }
        kept.retain(|_, n| *n != 0);
        let mut counted: BTreeMap<Uuid, i64> = BTreeMap::new();
        for i in incident::Entity::find()
            .all(&w.db)
            .await
            .expect("test data")
        {
            *counted.entry(i.place_id).or_default() += 1;
        }
        assert_eq!(kept, counted, "{backend}");
    }
}

#[tokio::test]
async fn only_coordinators_remove_and_only_the_incidents_reporters_ask() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = logged(&w, "Torget", &format!("{NAME} klottrade.")).await;
        let c = cut("part", NAME, false, "Namn");
        for who in [&w.police, &w.school, &w.admin] {
            assert_eq!(
                redaction::redact(&w.db, who, id, &c).await,
                Err(AppError::Forbidden),
                "{backend}"
            );
        }
        assert_eq!(
            redaction::redact(&w.db, &w.manager, id, &c).await,
            Err(AppError::NotFound)
        );
        assert!(everything_about(&w, id).await.contains(NAME));

        assert_eq!(
            redaction::request(&w.db, &w.school, id, "Namn").await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            redaction::request(&w.db, &w.coordinator, id, "Namn").await,
            Err(AppError::Forbidden)
        );
        let leaky = redaction::request(&w.db, &w.police, id, "Han heter kalle@ek.se").await;
        assert!(matches!(
            leaky.unwrap_err().issue_for("reason"),
            Some(FieldError::PersonalData { .. })
        ));
        redaction::request(&w.db, &w.police_colleague, id, "Ett elevnamn kom med")
            .await
            .expect("test data");
        let open = redaction::open(&w.db, &w.coordinator, None, Lang::Sv)
            .await
            .expect("test data");
        assert_eq!(open.len(), 1, "{backend}");
        assert_eq!(
            (open[0].organisation.as_str(), open[0].reason.as_str()),
            ("Polisen", "Ett elevnamn kom med")
        );
        assert!(
            redaction::open(&w.db, &w.police, None, Lang::Sv)
                .await
                .expect("test data")
                .is_empty()
        );

        // A removal answers the request.
        redaction::redact(&w.db, &w.coordinator, id, &c)
            .await
            .expect("test data");
        assert!(
            redaction::open(&w.db, &w.coordinator, None, Lang::Sv)
                .await
                .expect("test data")
                .is_empty()
        );
        let answered = redaction_request::Entity::find()
            .one(&w.db)
            .await
            .expect("test data")
            .expect("test data");
        assert_eq!(answered.outcome.as_deref(), Some("redacted"));

        // So does declining one.
        redaction::request(&w.db, &w.police, id, "Kolla en gång till")
            .await
            .expect("test data");
        let req = redaction::open(&w.db, &w.coordinator, None, Lang::Sv)
            .await
            .expect("test data")
            .remove(0);
        let req_id = Uuid::parse_str(&req.id).expect("test data");
        assert_eq!(
            redaction::decline(&w.db, &w.police, req_id).await,
            Err(AppError::Forbidden)
        );
        redaction::decline(&w.db, &w.coordinator, req_id)
            .await
            .expect("test data");
        assert_eq!(
            redaction::decline(&w.db, &w.coordinator, req_id).await,
            Err(AppError::NotFound)
        );
        assert!(
            redaction::open(&w.db, &w.coordinator, None, Lang::Sv)
                .await
                .expect("test data")
                .is_empty(),
            "{backend}"
        );
    }
}
