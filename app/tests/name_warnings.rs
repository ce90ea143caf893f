//! The name warning: text that looks like a person's name or a pupil's class is sent back with
//! a warning (nothing stored); kept on purpose ("Gustav Adolfs torg"), it is saved and counted
//! per organisation for the coordinators, once.

mod common;

use app::ssr::entities::{incident, kept_warning};
use app::ssr::testing::databases;
use app::ssr::{incidents, kept_warnings};
use common::{World, input, world};
use sea_orm::{EntityTrait, PaginatorTrait};
use shared::FieldError;
use shared::lang::Lang;
use shared::names::NameWarning;

async fn stored(w: &World) -> (u64, u64) {
    (
        incident::Entity::find()
            .count(&w.db)
            .await
            .expect("test data"),
        kept_warning::Entity::find()
            .count(&w.db)
            .await
            .expect("test data"),
    )
}

#[tokio::test]
async fn a_name_is_sent_back_with_a_warning_and_kept_only_on_purpose() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let mut form = input(w.rimbo, w.graffiti, "Torget");
        form.description = "Igår klottrade Kalle Ek på väggen.".into();
        let warned = incidents::create(&w.db, &w.police, &form)
            .await
            .unwrap_err();
        assert_eq!(
            warned.issue_for("description"),
            Some(&FieldError::LooksLikeName {
                kind: NameWarning::Name,
                position: 16
            }),
            "{backend}"
        );
        let mut class = input(w.rimbo, w.graffiti, "Torget");
        class.description = "Två elever i 9B bråkade vid entrén.".into();
        let warned = incidents::create(&w.db, &w.school, &class)
            .await
            .unwrap_err();
        assert!(matches!(
            warned.issue_for("description"),
            Some(FieldError::LooksLikeName {
                kind: NameWarning::ClassLabel,
                ..
            })
        ));
        let mut place = input(w.rimbo, w.graffiti, "Gustav Adolfs torg");
        let warned = incidents::create(&w.db, &w.police, &place)
            .await
            .unwrap_err();
        assert!(warned.issue_for("place").is_some());
        assert_eq!(stored(&w).await, (0, 0), "{backend}: nothing stored");

        place.keep_name = true;
        let id = incidents::create(&w.db, &w.police, &place)
            .await
            .expect("a place, kept");
        assert_eq!(stored(&w).await, (1, 1));
        // Changing the incident later does not count the same warning again.
        place.description = "Klotter på bänkarna, nu också på muren.".into();
        incidents::update(&w.db, &w.police_colleague, id, &place)
            .await
            .expect("test data");
        assert_eq!(stored(&w).await, (1, 1), "{backend}");
        // The edit form starts with the text kept.
        let detail = incidents::get(&w.db, &w.police, id, Lang::Sv)
            .await
            .expect("test data");
        assert!(detail.input.keep_name);

        class.keep_name = true;
        incidents::create(&w.db, &w.school, &class)
            .await
            .expect("test data");
        let seen = kept_warnings::recent(&w.db, &w.coordinator, Lang::Sv)
            .await
            .expect("test data");
        assert_eq!(
            seen.per_organisation,
            [("Polisen".to_owned(), 1), ("Skolan".to_owned(), 1)],
            "{backend}"
        );
        assert_eq!(seen.incidents.len(), 2);
        assert!(seen.incidents[1].1.contains("Gustav Adolfs torg"));
        // Once a coordinator has removed what slipped in, the incident is not listed to read.
        let class_incident = shared::ids::IncidentId::parse(&seen.incidents[0].0).unwrap();
        let cut = shared::redaction::RedactionInput {
            description: "part".into(),
            passage: "i 9B".into(),
            place: false,
            reason: "Elevens klass".into(),
        };
        app::ssr::redaction::redact(&w.db, &w.coordinator, class_incident, &cut)
            .await
            .unwrap();
        let after = kept_warnings::recent(&w.db, &w.coordinator, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(after.incidents.len(), 1, "{backend}");
        assert_eq!(
            after.per_organisation, seen.per_organisation,
            "still counted"
        );
        for who in [&w.police, &w.manager, &w.admin] {
            assert!(kept_warnings::recent(&w.db, who, Lang::Sv).await.is_err());
        }
    }
}
