//! Service tests for reference data and users.

mod common;

use app::ssr::entities::incident;
use app::ssr::testing::databases;
use app::ssr::{reference, users};
use common::world;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::lang::Lang;
use shared::user::{OrgKind, Role};
use shared::{AppError, FieldError};

#[tokio::test]
async fn areas_are_added_renamed_and_listed_by_name() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let id = reference::save_area(&w.db, "", "Hallstavik").await.unwrap();
        reference::save_area(&w.db, &id.to_string(), "Älmsta")
            .await
            .unwrap();
        let names: Vec<_> = reference::load(&w.db, Lang::Sv)
            .await
            .unwrap()
            .areas
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert!(names.contains(&"Älmsta".to_owned()) && !names.contains(&"Hallstavik".to_owned()));
        assert_eq!(
            reference::save_area(&w.db, "", "Rimbo").await,
            Err(AppError::field("name", FieldError::Taken))
        );
        assert_eq!(
            reference::save_area(&w.db, "", " ").await,
            Err(AppError::field("name", FieldError::Required))
        );
        assert_eq!(
            reference::save_area(&w.db, &uuid::Uuid::now_v7().to_string(), "Nytt").await,
            Err(AppError::NotFound)
        );
    }
}

#[tokio::test]
async fn organisations_need_a_known_kind_and_a_unique_name() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let err = reference::save_organisation(&w.db, "", "", "spies")
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("name"), Some(&FieldError::Required));
        assert_eq!(err.issue_for("kind"), Some(&FieldError::Invalid));
        let err = reference::save_organisation(&w.db, "", "Polisen", "police")
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("name"), Some(&FieldError::Taken));
        let id = reference::save_organisation(&w.db, "", "Tiohundra", "healthcare")
            .await
            .unwrap();
        reference::save_organisation(&w.db, &id.to_string(), "Tiohundra AB", "healthcare")
            .await
            .unwrap();
        let orgs = reference::load(&w.db, Lang::Sv)
            .await
            .unwrap()
            .organisations;
        let org = orgs.iter().find(|o| o.id == id).unwrap();
        assert_eq!(
            (org.name.as_str(), org.kind),
            ("Tiohundra AB", OrgKind::Healthcare)
        );
    }
}

#[tokio::test]
async fn places_belong_to_an_existing_area_and_are_unique_within_it() {
    for (_, db) in databases().await {
        let w = world(db).await;
        reference::save_place(&w.db, "", &w.rimbo.to_string(), "Torget")
            .await
            .unwrap();
        let err = reference::save_place(&w.db, "", &w.rimbo.to_string(), "TORGET")
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("name"), Some(&FieldError::Taken));
        reference::save_place(&w.db, "", &w.norrtalje.to_string(), "Torget")
            .await
            .unwrap();
        let err = reference::save_place(&w.db, "", &uuid::Uuid::now_v7().to_string(), "Torget")
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("area_id"), Some(&FieldError::Unknown));
        reference::save_place(&w.db, "", &w.rimbo.to_string(), "Ankdammen")
            .await
            .unwrap();
        // The incident form asks for one area's places; the admin page for all of them.
        let rimbo = reference::places(&w.db, Some(w.rimbo)).await.unwrap();
        let names: Vec<&str> = rimbo.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ankdammen", "Torget"], "Rimbo's places, by name");
        assert_eq!(reference::places(&w.db, None).await.unwrap().len(), 3);
    }
}

#[tokio::test]
async fn categories_fall_back_to_swedish_when_no_english_name_is_given() {
    for (_, db) in databases().await {
        let w = world(db).await;
        reference::save_category(&w.db, "", "Fyrverkerier", "")
            .await
            .unwrap();
        let en = reference::load(&w.db, Lang::En).await.unwrap().categories;
        assert!(en.iter().any(|c| c.name == "Fyrverkerier"));
        assert!(en.iter().any(|c| c.name == "Graffiti"));
        assert_eq!(
            en.first().map(|c| c.name.as_str()),
            Some("Vandalism"),
            "standard order first"
        );
        let err = reference::save_category(&w.db, "", "Klotter", "Tags")
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("name_sv"), Some(&FieldError::Taken));
    }
}

#[tokio::test]
async fn users_need_a_valid_unique_email_a_known_organisation_and_a_long_uncommon_password() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let add =
            |email: &'static str, org: &'static str, password: &'static str| users::UserForCreate {
                email,
                name: "Ny Person",
                organisation: org,
                role: Role::Reporter,
                password,
            };
        let err = users::create(
            &w.db,
            add("police@test.se", "Polisen", "long-enough-password"),
        )
        .await
        .unwrap_err();
        assert_eq!(err.issue_for("email"), Some(&FieldError::Taken));
        let err = users::create(&w.db, add("new@test", "Okänd", "short"))
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("email"), Some(&FieldError::Invalid));
        assert_eq!(err.issue_for("org"), Some(&FieldError::Unknown));
        assert_eq!(
            err.issue_for("password"),
            Some(&FieldError::TooShort { min: 12 })
        );
        for common in [
            "Password1234",
            "sommar2024!!",
            "aaaaaaaaaaaa",
            "123456789012",
        ] {
            let err = users::create(&w.db, add("new@test.se", "Skolan", common))
                .await
                .unwrap_err();
            assert_eq!(
                err.issue_for("password"),
                Some(&FieldError::TooCommon),
                "{common}"
            );
        }
        assert!(
            users::create(&w.db, add("new@test.se", "Skolan", "long-enough-password"))
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn demo_data_loads_only_into_an_empty_database() {
    for (_, db) in databases().await {
        app::ssr::demo::load(&db).await.unwrap();
        let data = reference::load(&db, Lang::Sv).await.unwrap();
        assert_eq!(data.areas.len(), 5);
        assert_eq!(data.categories.len(), 11);
        // The recent incidents, and a history of about eight a week before them.
        let all = app::ssr::incidents::count_all(&db).await.unwrap();
        let six_weeks_ago = chrono::Utc::now() - chrono::TimeDelta::weeks(6);
        let recent = incident::Entity::find()
            .filter(incident::Column::OccurredAt.gte(six_weeks_ago))
            .count(&db)
            .await
            .unwrap();
        assert_eq!(recent, app::ssr::demo::RECENT_INCIDENTS as u64);
        assert!(all - recent >= 52 * 6, "{all}");
        assert_eq!(app::ssr::demo::load(&db).await, Err(AppError::Conflict));

        // Descriptions fit their category: searching the demo for "klotter" finds graffiti.
        let coordinator =
            common::sign_in_with(&db, "coordinator@example.org", "demo-password").await;
        let filter = shared::incident::IncidentFilter {
            q: Some("klotter".into()),
            ..Default::default()
        };
        let found = app::ssr::incidents::list(&db, &coordinator, &filter, Lang::Sv)
            .await
            .unwrap()
            .items;
        assert!(!found.is_empty());
        assert!(found.iter().all(|i| i.category == "Klotter"), "{found:?}");
    }
}
