//! Finding incidents: words in the description or the place's name (each as the start of a
//! word, all required), with the filters and keyset paging; the index follows edits,
//! redactions, renames and merges; the list shows the start of each description, and every
//! page shown is one recorded read.

mod common;

use app::ssr::entities::audit_event;
use app::ssr::testing::databases;
use app::ssr::{incidents, places, redaction, reference_admin};
use common::{World, input, world};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::audit::{AuditAction, RecordType};
use shared::ids::{IncidentId, PlaceId};
use shared::incident::IncidentFilter;
use shared::lang::Lang;
use shared::redaction::RedactionInput;

async fn log(w: &World, place: &str, text: &str) -> IncidentId {
    let mut i = input(w.rimbo, w.graffiti, place);
    i.description = text.to_owned();
    i.keep_name = true;
    incidents::create(&w.db, &w.police, &i)
        .await
        .expect("logged")
}

async fn found(w: &World, q: &str) -> Vec<IncidentId> {
    found_by(
        w,
        IncidentFilter {
            q: Some(q.to_owned()),
            ..IncidentFilter::default()
        },
    )
    .await
}

/// The first page of incidents `filter` finds.
async fn found_by(w: &World, filter: IncidentFilter) -> Vec<IncidentId> {
    incidents::list(&w.db, &w.coordinator, &filter, Lang::Sv)
        .await
        .expect("a search")
        .items
        .into_iter()
        .map(|i| i.id)
        .collect()
}

#[tokio::test]
async fn words_are_found_in_the_description_and_the_place_as_word_starts_all_required() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let tunnel = log(&w, "Gångtunneln", "Nytt klotter på väggarna.").await;
        let square = log(&w, "Torget", "Krossad ruta i kiosken.").await;
        assert_eq!(found(&w, "klotter").await, [tunnel], "{backend}");
        assert_eq!(found(&w, "KLOTT").await, [tunnel], "a prefix, any case");
        assert_eq!(
            found(&w, "gångtunnel klott").await,
            [tunnel],
            "place and text together"
        );
        assert_eq!(found(&w, "torget klotter").await, Vec::<IncidentId>::new());
        assert_eq!(found(&w, "ruta").await, [square]);
        assert_eq!(found(&w, "").await.len(), 2, "no words: no search");
        // Typed syntax is only words.
        for odd in [
            "\"",
            "NEAR(",
            "klott* OR",
            "a:b & !c",
            "'; DROP TABLE incidents; --",
        ] {
            let filter = IncidentFilter {
                q: Some(odd.to_owned()),
                ..IncidentFilter::default()
            };
            incidents::list(&w.db, &w.coordinator, &filter, Lang::Sv)
                .await
                .unwrap_or_else(|e| panic!("{backend}: {odd}: {e:?}"));
        }
        // With a filter that excludes it, nothing.
        let elsewhere = IncidentFilter {
            q: Some("klotter".into()),
            area: Some(w.norrtalje.to_string()),
            ..IncidentFilter::default()
        };
        let none = incidents::list(&w.db, &w.coordinator, &elsewhere, Lang::Sv)
            .await
            .unwrap();
        assert!(none.items.is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn a_search_pages_through_every_match_once() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        for i in 0..53 {
            log(&w, "Torget", &format!("Klotter nummer {i} på muren.")).await;
        }
        log(&w, "Torget", "Krossad ruta.").await;
        let mut filter = IncidentFilter {
            q: Some("klotter".into()),
            ..IncidentFilter::default()
        };
        let mut seen = Vec::new();
        loop {
            let page = incidents::list(&w.db, &w.police, &filter, Lang::Sv)
                .await
                .unwrap();
            seen.extend(page.items.into_iter().map(|i| i.id));
            match page.next_cursor {
                Some(c) => filter.before = Some(c),
                None => break,
            }
        }
        let unique: std::collections::BTreeSet<_> = seen.iter().collect();
        assert_eq!((seen.len(), unique.len()), (53, 53), "{backend}");
    }
}

/// Every incident `filter` lists, page after page.
async fn every_page(w: &World, mut filter: IncidentFilter) -> Vec<IncidentId> {
    let mut seen = Vec::new();
    loop {
        let page = incidents::list(&w.db, &w.coordinator, &filter, Lang::Sv)
            .await
            .expect("a page");
        seen.extend(page.items.into_iter().map(|i| i.id));
        match page.next_cursor {
            Some(c) => filter.before = Some(c),
            None => return seen,
        }
    }
}

/// Every incident a search for `q` lists, page after page.
async fn every_match(w: &World, q: &str) -> Vec<IncidentId> {
    every_page(
        w,
        IncidentFilter {
            q: Some(q.to_owned()),
            ..IncidentFilter::default()
        },
    )
    .await
}

/// `hours_ago` as the form takes a time (local, to the minute).
fn form_time(hours_ago: i64) -> String {
    (app::ssr::time::now_local() - chrono::TimeDelta::hours(hours_ago))
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The form for an incident at Torget at `when` (as the form takes it).
fn form_at(w: &World, when: &str, text: &str) -> shared::incident::IncidentInput {
    let mut i = input(w.rimbo, w.graffiti, "Torget");
    i.occurred_at = when.to_owned();
    i.description = text.to_owned();
    i.keep_name = true;
    i
}

/// Logs an incident at `hours_ago`.
async fn log_at(w: &World, hours_ago: i64, text: &str) -> IncidentId {
    incidents::create(&w.db, &w.police, &form_at(w, &form_time(hours_ago), text))
        .await
        .expect("logged")
}

#[tokio::test]
async fn a_search_lists_matches_in_the_lists_order_whatever_order_they_were_logged_in() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Logged out of time order, three to each minute, so pages end inside a minute.
        let mut first = None;
        for i in 0..60_i64 {
            let id = log_at(&w, (i * 37) % 20 + 1, &format!("Klotter nummer {i}.")).await;
            first.get_or_insert(id);
            log_at(&w, (i * 11) % 20 + 1, "Krossad ruta.").await;
        }
        let listed = every_page(&w, IncidentFilter::default()).await;
        let searched = every_match(&w, "klotter").await;
        assert_eq!(searched.len(), 60, "{backend}");
        let matching: Vec<IncidentId> = listed
            .iter()
            .filter(|id| searched.contains(id))
            .copied()
            .collect();
        assert_eq!(searched, matching, "{backend}: the list's own order");

        // A corrected time moves the incident in the search as in the list: the first one
        // logged, moved back three days, comes last.
        let first = first.unwrap();
        let moved = form_at(&w, &form_time(72), "Klotter nummer 0.");
        incidents::update(&w.db, &w.police, first, &moved)
            .await
            .unwrap();
        let searched = every_match(&w, "klott").await;
        assert_eq!(searched.len(), 60, "{backend}: found once after the move");
        assert_eq!(searched.last(), Some(&first), "{backend}");

        // Within a week: that week's matches, as its list has them.
        let week = Some(
            app::ssr::time::week_of(chrono::Utc::now() - chrono::TimeDelta::days(3)).to_string(),
        );
        let that_week = every_page(
            &w,
            IncidentFilter {
                week: week.clone(),
                q: Some("klott".into()),
                ..IncidentFilter::default()
            },
        )
        .await;
        let week_listed = every_page(
            &w,
            IncidentFilter {
                week,
                ..IncidentFilter::default()
            },
        )
        .await;
        let expected: Vec<IncidentId> = week_listed
            .into_iter()
            .filter(|id| searched.contains(id))
            .collect();
        assert!(that_week.contains(&first), "{backend}");
        assert_eq!(that_week, expected, "{backend}");
    }
}

#[tokio::test]
async fn incidents_moved_into_a_busy_minute_are_listed_once_and_in_order_by_a_search() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Two logged first, so their ids are the smallest; then 30 in one minute; then the
        // two moved into that minute, where their keys come last but their ids first.
        let early = [
            log_at(&w, 5, "Klotter tidigt.").await,
            log_at(&w, 5, "Klotter tidigt igen.").await,
        ];
        let busy = form_time(2);
        for i in 0..30 {
            incidents::create(
                &w.db,
                &w.police,
                &form_at(&w, &busy, &format!("Klotter {i}.")),
            )
            .await
            .expect("logged");
        }
        for id in early {
            incidents::update(
                &w.db,
                &w.police,
                id,
                &form_at(&w, &busy, "Klotter flyttat."),
            )
            .await
            .expect("moved");
        }
        let listed = every_page(&w, IncidentFilter::default()).await;
        let searched = every_match(&w, "klotter").await;
        assert_eq!(
            searched, listed,
            "{backend}: all 32, once each, in the list's order"
        );
    }
}

#[tokio::test]
async fn incidents_indexed_before_the_time_ordered_keys_are_found_in_order_after_them() {
    use migrations::{Migrator, MigratorTrait};
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Back to the keys in logging order, and the migrations after them.
        let at = Migrator::migrations()
            .iter()
            .position(|m| m.name() == "m20261205_000030_order_incident_search_by_time")
            .expect("the migration");
        let later = u32::try_from(Migrator::migrations().len() - at).unwrap();
        Migrator::down(&w.db, Some(later)).await.unwrap();
        for i in 0..30_i64 {
            log_at(&w, (i * 7) % 12 + 1, &format!("Klotter nummer {i}.")).await;
        }
        Migrator::up(&w.db, None).await.unwrap();
        log_at(&w, 5, "Klotter efter.").await;

        let listed = every_page(&w, IncidentFilter::default()).await;
        let searched = every_match(&w, "klotter").await;
        assert_eq!(
            searched, listed,
            "{backend}: all of them, in the list's order"
        );
    }
}

#[tokio::test]
async fn the_index_follows_edits_redactions_renames_and_merges() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = log(&w, "Gamla stationen", "Kalle Ek klottrade på perrongen.").await;
        let mut edit = input(w.rimbo, w.graffiti, "Gamla stationen");
        edit.description = "Kalle Ek sprayade på perrongen.".into();
        edit.keep_name = true;
        incidents::update(&w.db, &w.police, id, &edit)
            .await
            .unwrap();
        assert!(
            found(&w, "klottrade").await.is_empty(),
            "{backend}: the old words are gone"
        );
        assert_eq!(found(&w, "sprayade").await, [id]);

        let cut = RedactionInput {
            description: "part".into(),
            passage: "Kalle Ek".into(),
            place: false,
            reason: "Elevens namn".into(),
        };
        redaction::redact(&w.db, &w.coordinator, id, &cut)
            .await
            .unwrap();
        assert!(
            found(&w, "kalle").await.is_empty(),
            "{backend}: a redacted name is not found"
        );
        assert_eq!(found(&w, "perrongen").await, [id]);

        let station = places::list(&w.db, &w.coordinator, w.rimbo)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Gamla stationen")
            .unwrap();
        reference_admin::save_place(
            &w.db,
            &w.coordinator,
            &station.id.to_string(),
            "",
            "Resecentrum",
        )
        .await
        .unwrap();
        assert_eq!(
            found(&w, "resecentrum").await,
            [id],
            "{backend}: the new name"
        );
        assert!(found(&w, "stationen").await.is_empty());

        reference_admin::save_place(&w.db, &w.admin, "", &w.rimbo.to_string(), "Rimbo station")
            .await
            .unwrap();
        let kept = places::list(&w.db, &w.coordinator, w.rimbo)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Rimbo station")
            .unwrap();
        places::merge(&w.db, &w.coordinator, PlaceId(station.id.0), kept.id)
            .await
            .unwrap();
        assert_eq!(
            found(&w, "rimbo station").await,
            [id],
            "{backend}: the kept place's name"
        );
    }
}

/// The incidents found by `q` within `area`.
async fn found_in(w: &World, q: &str, area: shared::ids::AreaId) -> Vec<IncidentId> {
    found_by(
        w,
        IncidentFilter {
            q: Some(q.to_owned()),
            area: Some(area.to_string()),
            ..IncidentFilter::default()
        },
    )
    .await
}

#[tokio::test]
async fn a_search_in_an_area_finds_incidents_stored_before_and_follows_a_corrected_area() {
    use migrations::{Migrator, MigratorTrait};
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Stored before the index kept areas: that migration and any after it taken back.
        let at = Migrator::migrations()
            .iter()
            .position(|m| m.name() == "m20261206_000031_keep_area_in_incident_search")
            .expect("the migration");
        let later = u32::try_from(Migrator::migrations().len() - at).unwrap();
        Migrator::down(&w.db, Some(later)).await.unwrap();
        let id = log(&w, "Stationen", "Klotter på perrongen.").await;
        Migrator::up(&w.db, None).await.unwrap();
        let kiosk = log(&w, "Torget", "Krossad ruta i kiosken.").await;
        assert_eq!(found_in(&w, "klotter", w.rimbo).await, [id], "{backend}");
        assert_eq!(
            found_in(&w, "ruta", w.rimbo).await,
            [kiosk],
            "{backend}: logged after"
        );
        assert!(found_in(&w, "ruta", w.norrtalje).await.is_empty());
        assert!(found_in(&w, "klotter", w.norrtalje).await.is_empty());

        let mut moved = input(w.norrtalje, w.graffiti, "Stationen");
        moved.description = "Klotter på perrongen.".into();
        moved.keep_name = true;
        incidents::update(&w.db, &w.police, id, &moved)
            .await
            .unwrap();
        assert_eq!(
            found_in(&w, "klotter perrongen", w.norrtalje).await,
            [id],
            "{backend}: found in its corrected area"
        );
        assert!(
            found_in(&w, "klotter", w.rimbo).await.is_empty(),
            "{backend}: and no longer in the old one"
        );
    }
}

#[tokio::test]
async fn the_list_shows_the_start_of_each_description_and_each_page_is_a_recorded_read() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let long = "Grupp ungdomar samlade sent på kvällen vid entrén, hög ljudnivå och nedskräpning \
                    runt bänkarna och cykelstället.";
        let id = log(&w, "Idrottshallen", long).await;
        let filter = IncidentFilter {
            q: Some("ungdomar".into()),
            ..IncidentFilter::default()
        };
        let page = incidents::list(&w.db, &w.school, &filter, Lang::Sv)
            .await
            .unwrap();
        let excerpt = &page.items[0].excerpt;
        assert!(
            excerpt.starts_with("Grupp ungdomar samlade sent på kvällen"),
            "{backend}: {excerpt}"
        );
        assert!(excerpt.ends_with('…') && excerpt.chars().count() <= 81);

        let reads = audit_event::Entity::find()
            .filter(audit_event::Column::RecordType.eq(RecordType::IncidentList))
            .filter(audit_event::Column::Action.eq(AuditAction::View))
            .order_by_asc(audit_event::Column::Id)
            .all(&w.db)
            .await
            .unwrap();
        assert_eq!(reads.len(), 1, "{backend}: one event for the page");
        let said = reads[0].after_json.clone().unwrap();
        assert!(
            said.contains("ungdomar") && said.contains(&id.to_string()),
            "{said}"
        );
        assert_eq!(reads[0].user_id, Some(w.school.id.0));
        // A manager gets no list, and nothing is recorded for them.
        assert!(
            incidents::list(&w.db, &w.manager, &filter, Lang::Sv)
                .await
                .is_err()
        );
    }
}
