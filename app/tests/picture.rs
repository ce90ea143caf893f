//! The situation picture against hand-counted fixtures, across ISO year boundaries, and
//! against the incident list for the same filters.

mod common;

use app::ssr::entities::incident;
use app::ssr::testing::databases;
use app::ssr::{incidents, picture};
use chrono::NaiveDate;
use common::{World, world};
use sea_orm::{ActiveModelTrait, Set};
use shared::AppError;
use shared::ids::{AreaId, CategoryId};
use shared::incident::IncidentFilter;
use shared::lang::Lang;
use shared::picture::AreaPicture;
use shared::text::PlaceName;
use shared::week::IsoWeek;

/// Inserts a historical incident directly (the form only takes the last year).
async fn at(
    w: &World,
    area: AreaId,
    category: CategoryId,
    place: &str,
    date: (i32, u32, u32),
    youth: bool,
) {
    let local = NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .expect("fixture")
        .and_hms_opt(21, 0, 0)
        .expect("fixture");
    let occurred_at = app::ssr::time::local_to_utc(local);
    let place = app::ssr::reference::find_or_create_place(
        &w.db,
        area,
        &PlaceName::parse(place).expect("fixture"),
        true,
    )
    .await
    .expect("fixture");
    incident::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        occurred_at: Set(occurred_at),
        week_key: Set(app::ssr::time::week_of(occurred_at).key()),
        area_id: Set(area.0),
        place_id: Set(place.id),
        category_id: Set(category.0),
        organisation_id: Set(w.police.organisation_id.0),
        reporter_id: Set(w.police.id.0),
        description: Set("Fixtur.".into()),
        youth_involved: Set(youth),
        physical_environment: Set(!youth),
        created_at: Set(chrono::Utc::now()),
        updated_at: Set(None),
        anonymised_at: Set(None),
    }
    .insert(&w.db)
    .await
    .expect("fixture");
}

fn area<'a>(p: &'a [AreaPicture], name: &str) -> &'a AreaPicture {
    p.iter().find(|a| a.area == name).expect("fixture")
}

#[tokio::test]
async fn week_1_is_compared_with_weeks_53_to_50_across_the_new_year() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let (r, g, v) = (w.rimbo, w.graffiti, w.vandalism);
        // 2027-W01 is 4–10 January 2027; 2026 has 53 ISO weeks.
        at(&w, r, g, "Torget", (2027, 1, 4), true).await;
        at(&w, r, g, "Torget", (2027, 1, 10), false).await;
        at(&w, r, g, "Hamnen", (2027, 1, 6), true).await;
        at(&w, r, g, "Hamnen", (2026, 12, 31), false).await; // W53
        at(&w, r, v, "Skolan", (2026, 12, 28), false).await; // W53
        at(&w, r, v, "Skolan", (2027, 1, 3), false).await; // Sunday: still W53
        at(&w, r, g, "Torget", (2026, 12, 22), false).await; // W52
        at(&w, r, g, "Skolan", (2026, 12, 23), false).await; // W52
        at(&w, r, g, "Torget", (2026, 12, 8), false).await; // W50
        at(&w, r, g, "Torget", (2026, 12, 1), false).await; // W49: outside every window

        let week = IsoWeek::new(2027, 1).unwrap();
        let p = picture::compile(&w.db, &w.coordinator, week, 3, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(
            (p.week.as_str(), p.previous_week.as_str()),
            ("2027-W01", "2026-W53"),
            "{backend}"
        );
        let rimbo = area(&p.areas, "Rimbo");
        assert_eq!(rimbo.total.count, 3);
        assert_eq!(rimbo.total.previous, 3);
        assert_eq!(rimbo.total.average4, 1.5, "(3 + 2 + 0 + 1) / 4");
        let graffiti = &rimbo.categories[0];
        assert_eq!(graffiti.category, "Klotter");
        assert_eq!(
            (
                graffiti.trend.count,
                graffiti.trend.previous,
                graffiti.trend.average4
            ),
            (3, 1, 1.0)
        );
        assert_eq!(graffiti.trend.change(), 2);
        let vandalism = &rimbo.categories[1];
        assert_eq!(
            (
                vandalism.trend.count,
                vandalism.trend.previous,
                vandalism.trend.average4
            ),
            (0, 2, 0.5)
        );
        // Hot spots count W01, W53, W52, W51: Torget 2+0+1 = 3, Skolan 0+2+1 = 3, Hamnen 1+1 = 2.
        let spots: Vec<(&str, u32)> = rimbo
            .hot_spots
            .iter()
            .map(|h| (h.place.as_str(), h.count))
            .collect();
        assert_eq!(spots, [("Skolan", 3), ("Torget", 3)]);
        assert_eq!((rimbo.youth_involved, rimbo.physical_environment), (2, 1));
        let norrtalje = area(&p.areas, "Norrtälje");
        assert_eq!(norrtalje.total.count, 0);
        assert!(norrtalje.categories.is_empty() && norrtalje.hot_spots.is_empty());

        let stricter = picture::compile(&w.db, &w.coordinator, week, 4, Lang::Sv)
            .await
            .unwrap();
        assert!(
            area(&stricter.areas, "Rimbo").hot_spots.is_empty(),
            "the threshold is configurable"
        );
    }
}

#[tokio::test]
async fn a_52_week_year_hands_over_to_week_1() {
    for (_, db) in databases().await {
        let w = world(db).await;
        // 2024 has 52 ISO weeks; 2025-W01 starts on 30 December 2024.
        at(&w, w.norrtalje, w.graffiti, "Torget", (2024, 12, 30), false).await; // 2025-W01
        at(&w, w.norrtalje, w.graffiti, "Torget", (2024, 12, 29), false).await; // 2024-W52
        at(&w, w.norrtalje, w.graffiti, "Torget", (2024, 12, 23), false).await; // 2024-W52
        let p = picture::compile(
            &w.db,
            &w.coordinator,
            IsoWeek::new(2025, 1).unwrap(),
            3,
            Lang::Sv,
        )
        .await
        .unwrap();
        assert_eq!(p.previous_week, "2024-W52");
        let t = area(&p.areas, "Norrtälje").total;
        assert_eq!((t.count, t.previous, t.average4), (1, 2, 0.5));
        assert_eq!(area(&p.areas, "Norrtälje").hot_spots.len(), 1);
    }
}

#[tokio::test]
async fn every_number_matches_the_incident_list_for_the_same_filters() {
    for (_, db) in databases().await {
        app::ssr::demo::load(&db).await.unwrap();
        let settings = app::ssr::Settings::default();
        let token =
            app::ssr::auth::sign_in(&db, &settings, "coordinator@example.org", "demo-password")
                .await
                .unwrap();
        let me = app::ssr::auth::resolve_session(&db, &settings, &token)
            .await
            .unwrap()
            .unwrap();
        let now = IsoWeek::of(app::ssr::time::now_local().date());
        for week in [now, now.previous(), now.previous().previous()] {
            let p = picture::compile(&db, &me, week, 3, Lang::Sv).await.unwrap();
            for a in &p.areas {
                let filter = IncidentFilter {
                    week: Some(week.to_string()),
                    area: Some(a.area_id.clone()),
                    ..Default::default()
                };
                assert_eq!(
                    incidents::list_all(&db, &me, &filter, Lang::Sv)
                        .await
                        .unwrap()
                        .len() as u32,
                    a.total.count
                );
                for c in &a.categories {
                    let filter = IncidentFilter {
                        category: Some(c.category_id.clone()),
                        ..filter.clone()
                    };
                    let listed = incidents::list_all(&db, &me, &filter, Lang::Sv)
                        .await
                        .unwrap();
                    assert_eq!(
                        listed.len() as u32,
                        c.trend.count,
                        "{} {} {}",
                        week,
                        a.area,
                        c.category
                    );
                }
                let youth = incidents::list_all(&db, &me, &filter, Lang::Sv)
                    .await
                    .unwrap()
                    .iter()
                    .filter(|i| i.youth_involved)
                    .count();
                assert_eq!(youth as u32, a.youth_involved);
            }
        }
    }
}

#[tokio::test]
async fn managers_do_not_get_the_unsuppressed_picture() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let week = IsoWeek::of(app::ssr::time::now_local().date());
        assert_eq!(
            picture::compile(&w.db, &w.manager, week, 3, Lang::Sv).await,
            Err(AppError::Forbidden)
        );
        assert!(
            picture::compile(&w.db, &w.police, week, 3, Lang::Sv)
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn a_town_lists_its_five_worst_hot_spots_and_counts_the_rest() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Week 40 of 2026 is 28 September – 4 October; seven places over the threshold of 3.
        let days = [
            (9, 28),
            (9, 29),
            (9, 30),
            (10, 1),
            (10, 2),
            (10, 3),
            (10, 4),
        ];
        for (i, place) in ["A", "B", "C", "D", "E", "F", "G"].iter().enumerate() {
            for n in 0..(10 - i) {
                let (month, day) = days[n % days.len()];
                let name = format!("Plats {place}");
                at(&w, w.rimbo, w.graffiti, &name, (2026, month, day), false).await;
            }
        }
        let week = IsoWeek::new(2026, 40).unwrap();
        let p = picture::compile(&w.db, &w.coordinator, week, 3, Lang::Sv)
            .await
            .unwrap();
        let rimbo = area(&p.areas, "Rimbo");
        let spots: Vec<(&str, u32)> = rimbo
            .hot_spots
            .iter()
            .map(|h| (h.place.as_str(), h.count))
            .collect();
        assert_eq!(
            spots,
            [
                ("Plats A", 10),
                ("Plats B", 9),
                ("Plats C", 8),
                ("Plats D", 7),
                ("Plats E", 6)
            ],
            "{backend}"
        );
        assert_eq!(rimbo.more_hot_spots, 2, "{backend}: F and G");
    }
}
