//! Locked minutes stay locked under concurrency and whatever path writes: recordings racing
//! the finalisation land before the lock or are refused, and the database itself refuses a
//! change to a finalised meeting's minutes that bypasses the services.

mod common;

use app::ssr::entities::meetings::{item, meeting, rating};
use app::ssr::testing::databases;
use app::ssr::{meetings, minutes};
use common::{held_today, started_meeting, world};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use shared::AppError;

#[tokio::test]
async fn twenty_recordings_racing_the_finalisation_land_before_the_lock_or_are_refused() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = started_meeting(&w).await;
        held_today(&w.db, id).await;
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..20 {
            let (db, who) = (w.db.clone(), w.coordinator.clone());
            tasks.spawn(async move {
                let text = format!("Punkt {n}");
                let saved = minutes::add_item(&db, &who, id, "agenda", &text).await;
                (text, saved)
            });
            if n == 10 {
                let (db, who) = (w.db.clone(), w.coordinator.clone());
                tasks.spawn(async move {
                    let done = meetings::finalise(&db, &who, id).await;
                    ("finalise".to_owned(), done)
                });
            }
        }
        let answers = tasks.join_all().await;
        let finalised = answers
            .iter()
            .find(|(what, _)| what == "finalise")
            .expect("the finalisation");
        assert_eq!(finalised.1, Ok(()), "{backend}");
        let locked_at = meeting::Entity::find_by_id(id)
            .one(&w.db)
            .await
            .expect("meeting")
            .expect("meeting")
            .finalised_at
            .expect("finalised");
        let stored = item::Entity::find()
            .filter(item::Column::MeetingId.eq(id))
            .all(&w.db)
            .await
            .expect("items");
        for (text, saved) in answers.iter().filter(|(what, _)| what != "finalise") {
            let found = stored.iter().find(|i| &i.text == text);
            match saved {
                Ok(()) => {
                    let found = found.unwrap_or_else(|| panic!("{backend}: {text} was lost"));
                    assert!(
                        found.created_at <= locked_at,
                        "{backend}: {text} after the lock"
                    );
                }
                Err(AppError::Locked) => {
                    assert!(found.is_none(), "{backend}: {text} refused but stored")
                }
                Err(other) => panic!("{backend}: {text}: {other:?}"),
            }
        }
        assert_eq!(
            stored.len(),
            answers
                .iter()
                .filter(|(w, r)| w != "finalise" && r.is_ok())
                .count(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_database_refuses_changes_to_finalised_minutes_but_takes_addenda() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = started_meeting(&w).await;
        held_today(&w.db, id).await;
        minutes::add_item(&w.db, &w.coordinator, id, "agenda", "Före låsningen")
            .await
            .expect("fixture");
        let area = w.rimbo.to_string();
        minutes::rate(&w.db, &w.coordinator, id, &area, "3", "")
            .await
            .expect("fixture");
        meetings::finalise(&w.db, &w.coordinator, id)
            .await
            .expect("fixture");
        let before = item::Entity::find()
            .filter(item::Column::MeetingId.eq(id))
            .one(&w.db)
            .await
            .expect("item")
            .expect("item");

        // Straight to the database, past every service check.
        let mut reworded: item::ActiveModel = before.clone().into();
        reworded.text = Set("Ändrad efteråt".to_owned());
        assert!(reworded.update(&w.db).await.is_err(), "{backend}: edit");
        let removed = item::Entity::delete_by_id(before.id).exec(&w.db).await;
        assert!(removed.is_err(), "{backend}: delete");
        let agenda = item::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            meeting_id: Set(id),
            kind: Set(shared::meeting::ItemKind::Agenda),
            text: Set("Insmugglad".to_owned()),
            created_at: Set(chrono::Utc::now()),
            created_by: Set(w.coordinator.id.0),
        };
        assert!(
            agenda.insert(&w.db).await.is_err(),
            "{backend}: new agenda item"
        );
        let rerated = rating::Entity::update_many()
            .col_expr(rating::Column::Rating, sea_orm::sea_query::Expr::value(5))
            .filter(rating::Column::MeetingId.eq(id))
            .exec(&w.db)
            .await;
        assert!(rerated.is_err(), "{backend}: rating");
        let reopened = meeting::Entity::update_many()
            .col_expr(
                meeting::Column::State,
                sea_orm::sea_query::Expr::value("in_progress"),
            )
            .filter(meeting::Column::Id.eq(id))
            .exec(&w.db)
            .await;
        assert!(reopened.is_err(), "{backend}: reopening");

        // Addenda are how locked minutes are corrected.
        minutes::add_addendum(&w.db, &w.coordinator, id, "Rättelse: fel datum.")
            .await
            .expect("an addendum");
        let kept = item::Entity::find_by_id(before.id)
            .one(&w.db)
            .await
            .expect("item")
            .expect("item");
        assert_eq!(kept.text, "Före låsningen", "{backend}");
    }
}
