//! Service tests for incidents: logging, editing, reading and the filtered, keyset-paged list.

mod common;

use app::ssr::incidents::{self, PAGE_SIZE};
use app::ssr::testing::databases;
use common::{input, world};
use sea_orm::{EntityTrait, PaginatorTrait};
use shared::incident::{IncidentFilter, IncidentInput};
use shared::lang::Lang;
use shared::{AppError, FieldError};

async fn incident_count(db: &sea_orm::DatabaseConnection) -> u64 {
    app::ssr::entities::incident::Entity::find()
        .count(db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_reporter_logs_an_incident_and_reads_it_back() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = incidents::create(
            &w.db,
            &w.police,
            &input(w.rimbo, w.graffiti, "Busstationen"),
        )
        .await
        .unwrap();
        let detail = incidents::get(&w.db, &w.school, id, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(detail.summary.area, "Rimbo", "{backend}");
        assert_eq!(detail.summary.place, "Busstationen");
        assert_eq!(detail.summary.category, "Klotter");
        assert_eq!(detail.summary.organisation, "Polisen");
        assert!(detail.summary.physical_environment && !detail.summary.youth_involved);
        assert_eq!(
            detail.description,
            "Nytt klotter på väggen mot parkeringen."
        );
        assert!(!detail.can_edit, "another organisation may not edit");
        let english = incidents::get(&w.db, &w.police, id, Lang::En)
            .await
            .unwrap();
        assert_eq!(english.summary.category, "Graffiti");
        assert!(english.can_edit);
    }
}

#[tokio::test]
async fn a_typed_place_name_is_reused_regardless_of_case() {
    for (_, db) in databases().await {
        let w = world(db).await;
        incidents::create(
            &w.db,
            &w.police,
            &input(w.rimbo, w.graffiti, "Busstationen"),
        )
        .await
        .unwrap();
        incidents::create(
            &w.db,
            &w.police,
            &input(w.rimbo, w.graffiti, "  busstationen "),
        )
        .await
        .unwrap();
        incidents::create(
            &w.db,
            &w.police,
            &input(w.norrtalje, w.graffiti, "Busstationen"),
        )
        .await
        .unwrap();
        let places = app::ssr::reference::places(&w.db, None)
            .await
            .expect("count");
        assert_eq!(places.len(), 2, "one Busstationen per area");
    }
}

#[tokio::test]
async fn bad_input_is_refused_per_field_and_nothing_is_written() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let bad = IncidentInput {
            description: "".into(),
            place: "x".into(),
            ..input(w.rimbo, w.graffiti, "P")
        };
        let err = incidents::create(&w.db, &w.police, &bad).await.unwrap_err();
        assert_eq!(err.issue_for("description"), Some(&FieldError::Required));
        assert_eq!(
            err.issue_for("place"),
            Some(&FieldError::TooShort { min: 2 })
        );

        let future = IncidentInput {
            occurred_at: "2099-01-01T10:00".into(),
            ..input(w.rimbo, w.graffiti, "Torget")
        };
        let err = incidents::create(&w.db, &w.police, &future)
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("occurred_at"), Some(&FieldError::InFuture));

        let unknown_area = input(
            shared::ids::AreaId(uuid::Uuid::now_v7()),
            w.graffiti,
            "Torget",
        );
        let err = incidents::create(&w.db, &w.police, &unknown_area)
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("area_id"), Some(&FieldError::Unknown));

        let unknown_category = input(
            w.rimbo,
            shared::ids::CategoryId(uuid::Uuid::now_v7()),
            "Torget",
        );
        let err = incidents::create(&w.db, &w.police, &unknown_category)
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("category_id"), Some(&FieldError::Unknown));

        assert_eq!(incident_count(&w.db).await, 0);
        assert!(
            app::ssr::reference::places(&w.db, None)
                .await
                .expect("count")
                .is_empty(),
            "no place created"
        );
    }
}

#[tokio::test]
async fn managers_and_admins_do_not_log_incidents() {
    for (_, db) in databases().await {
        let w = world(db).await;
        for user in [&w.manager, &w.admin] {
            let err = incidents::create(&w.db, user, &input(w.rimbo, w.graffiti, "Torget"))
                .await
                .unwrap_err();
            assert_eq!(err, AppError::Forbidden);
        }
        assert!(
            incidents::create(&w.db, &w.coordinator, &input(w.rimbo, w.graffiti, "Torget"))
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn only_the_authoring_organisation_and_coordinators_edit() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let id = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        let changed = IncidentInput {
            description: "Klottret är sanerat.".into(),
            ..input(w.rimbo, w.vandalism, "Torget")
        };

        assert_eq!(
            incidents::update(&w.db, &w.school, id, &changed).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            incidents::update(&w.db, &w.admin, id, &changed).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            incidents::update(&w.db, &w.manager, id, &changed).await,
            Err(AppError::NotFound)
        );
        incidents::update(&w.db, &w.police_colleague, id, &changed)
            .await
            .unwrap();
        let detail = incidents::get(&w.db, &w.coordinator, id, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(detail.description, "Klottret är sanerat.");
        assert_eq!(detail.summary.category, "Skadegörelse");
        assert!(detail.updated_at.is_some());
        assert!(detail.can_edit, "coordinators may edit");
        incidents::update(
            &w.db,
            &w.coordinator,
            id,
            &input(w.rimbo, w.graffiti, "Torget"),
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_refused_edit_leaves_the_incident_as_it_was() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let id = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        let bad = IncidentInput {
            description: "ab".into(),
            ..input(w.norrtalje, w.vandalism, "Nytt ställe")
        };
        assert!(matches!(
            incidents::update(&w.db, &w.police, id, &bad).await,
            Err(AppError::Validation(_))
        ));
        let detail = incidents::get(&w.db, &w.police, id, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(detail.summary.area, "Rimbo");
        assert!(detail.updated_at.is_none());
    }
}

#[tokio::test]
async fn managers_cannot_read_incidents_and_unknown_ids_are_not_found() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let id = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        assert_eq!(
            incidents::get(&w.db, &w.manager, id, Lang::Sv).await,
            Err(AppError::NotFound)
        );
        let missing = shared::ids::IncidentId(uuid::Uuid::now_v7());
        assert_eq!(
            incidents::get(&w.db, &w.police, missing, Lang::Sv).await,
            Err(AppError::NotFound)
        );
        let list = incidents::list(&w.db, &w.manager, &IncidentFilter::default(), Lang::Sv).await;
        assert_eq!(list, Err(AppError::Forbidden));
    }
}

#[tokio::test]
async fn the_list_filters_by_area_category_organisation_and_week() {
    for (_, db) in databases().await {
        let w = world(db).await;
        incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        incidents::create(&w.db, &w.police, &input(w.norrtalje, w.graffiti, "Hamnen"))
            .await
            .unwrap();
        incidents::create(&w.db, &w.school, &input(w.rimbo, w.vandalism, "Skolgården"))
            .await
            .unwrap();
        let mut old = input(w.rimbo, w.graffiti, "Torget");
        old.occurred_at = (app::ssr::time::now_local() - chrono::TimeDelta::days(21))
            .format("%Y-%m-%dT%H:%M")
            .to_string();
        incidents::create(&w.db, &w.police, &old).await.unwrap();

        let count = |f: IncidentFilter| {
            let (db, user) = (&w.db, &w.coordinator);
            async move {
                incidents::list(db, user, &f, Lang::Sv)
                    .await
                    .expect("count")
                    .items
                    .len()
            }
        };
        assert_eq!(count(IncidentFilter::default()).await, 4);
        assert_eq!(
            count(IncidentFilter {
                area: Some(w.rimbo.to_string()),
                ..Default::default()
            })
            .await,
            3
        );
        assert_eq!(
            count(IncidentFilter {
                category: Some(w.vandalism.to_string()),
                ..Default::default()
            })
            .await,
            1
        );
        assert_eq!(
            count(IncidentFilter {
                organisation: Some(w.police_org.to_string()),
                ..Default::default()
            })
            .await,
            3
        );
        let this_week = shared::week::IsoWeek::of(app::ssr::time::now_local().date());
        let hour_ago_week = shared::week::IsoWeek::of(
            (app::ssr::time::now_local() - chrono::TimeDelta::hours(1)).date(),
        );
        let n = count(IncidentFilter {
            week: Some(hour_ago_week.to_string()),
            ..Default::default()
        })
        .await;
        assert_eq!(
            n, 3,
            "the three recent incidents fall in week {hour_ago_week} (today is in {this_week})"
        );
        let both = IncidentFilter {
            area: Some(w.rimbo.to_string()),
            category: Some(w.graffiti.to_string()),
            ..Default::default()
        };
        assert_eq!(count(both).await, 2);
    }
}

#[tokio::test]
async fn bad_filter_values_are_reported_on_their_field() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let f = IncidentFilter {
            week: Some("2026-W99".into()),
            area: Some("rimbo".into()),
            ..Default::default()
        };
        let err = incidents::list(&w.db, &w.police, &f, Lang::Sv)
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("week"), Some(&FieldError::Invalid));
        assert_eq!(err.issue_for("area"), Some(&FieldError::Invalid));
        let f = IncidentFilter {
            before: Some("not-a-cursor".into()),
            ..Default::default()
        };
        assert!(
            incidents::list(&w.db, &w.police, &f, Lang::Sv)
                .await
                .unwrap_err()
                .issue_for("before")
                .is_some()
        );
    }
}

#[tokio::test]
async fn paging_walks_every_incident_once_newest_first() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let total = PAGE_SIZE as usize * 2 + 3;
        let now = app::ssr::time::now_local();
        for i in 0..total {
            // Pairs share a minute, so the cursor must break ties on the id.
            let when = now - chrono::TimeDelta::minutes(10 + (i / 2) as i64);
            let form = IncidentInput {
                occurred_at: when.format("%Y-%m-%dT%H:%M").to_string(),
                ..input(w.rimbo, w.graffiti, "Torget")
            };
            incidents::create(&w.db, &w.police, &form).await.unwrap();
        }
        let mut seen = Vec::new();
        let mut filter = IncidentFilter::default();
        let mut pages = 0;
        loop {
            let page = incidents::list(&w.db, &w.police, &filter, Lang::Sv)
                .await
                .unwrap();
            pages += 1;
            seen.extend(page.items.iter().map(|i| (i.occurred_at.clone(), i.id)));
            match page.next_cursor {
                Some(cursor) => filter.before = Some(cursor),
                None => break,
            }
        }
        assert_eq!(pages, 3, "{backend}");
        assert_eq!(seen.len(), total);
        let mut unique = seen.iter().map(|(_, id)| *id).collect::<Vec<_>>();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), total, "no incident shown twice");
        assert!(seen.windows(2).all(|p| p[0].0 >= p[1].0), "newest first");
    }
}

#[tokio::test]
async fn the_week_overview_counts_every_area_including_empty_ones() {
    for (_, db) in databases().await {
        let w = world(db).await;
        incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        let week = shared::week::IsoWeek::of(
            (app::ssr::time::now_local() - chrono::TimeDelta::hours(1)).date(),
        );
        let counts = incidents::count_by_area(&w.db, week).await.unwrap();
        assert_eq!(
            counts,
            vec![("Norrtälje".to_owned(), 0), ("Rimbo".to_owned(), 2)]
        );
    }
}
