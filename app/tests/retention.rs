//! Retention: incidents older than the period lose their description, exact place and the
//! reporter's name, in the incidents and in their audit snapshots; every count stays; the run
//! is audited once; the audit log still refuses every other change.

mod common;

use app::ssr::counts::{self, Scope};
use app::ssr::entities::{audit_event, incident, place};
use app::ssr::retention::{self, REDACTED, STAND_IN_NAME};
use app::ssr::testing::databases;
use app::ssr::{incidents, reference};
use chrono::{Months, TimeDelta, Utc};
use common::{input, world};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::audit::AuditAction;
use shared::ids::IncidentId;
use shared::lang::Lang;

/// (week, area, category, incidents, youth, environment), sorted.
async fn area_counts(
    db: &sea_orm::DatabaseConnection,
) -> Vec<(i32, String, String, i64, i64, i64)> {
    let mut cells: Vec<_> = counts::cells(db, Scope::weeks(0, 999_999))
        .await
        .expect("cells")
        .into_iter()
        .map(|c| {
            (
                c.week_key,
                c.area_id.to_string(),
                c.category_id.to_string(),
                c.incidents,
                c.youth,
                c.environment,
            )
        })
        .collect();
    cells.sort();
    cells
}

#[tokio::test]
async fn old_incidents_lose_text_place_and_name_and_every_count_stays() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let mut ids = Vec::new();
        for place in ["Torget", "Torget", "Stationen"] {
            let form = input(w.rimbo, w.graffiti, place);
            ids.push(
                incidents::create(&w.db, &w.police, &form)
                    .await
                    .expect("logged"),
            );
        }
        let mut edited = input(w.rimbo, w.graffiti, "Torget");
        edited.description = "Klotter med en hemlig tagg på elskåpet.".into();
        incidents::update(&w.db, &w.police, ids[0], &edited)
            .await
            .expect("edited");
        let counts_before = area_counts(&w.db).await;

        // Not old enough yet: the day before they pass 36 months.
        let almost = Utc::now() + Months::new(36) - TimeDelta::days(1);
        let none = retention::run(&w.db, 36, almost).await.expect("run");
        assert_eq!(none.incidents, 0, "{backend}");

        let later = Utc::now() + Months::new(37);
        let done = retention::run(&w.db, 36, later).await.expect("run");
        assert_eq!(done.incidents, 3, "{backend}");
        assert!(done.audit_events >= 4, "{backend}: creations and the edit");

        let stand_in = place::Entity::find()
            .filter(place::Column::Anonymous.eq(true))
            .one(&w.db)
            .await
            .unwrap()
            .expect("a stand-in place");
        assert_eq!(stand_in.name, STAND_IN_NAME);
        for id in &ids {
            let row = incident::Entity::find_by_id(id.0)
                .one(&w.db)
                .await
                .unwrap()
                .expect("kept");
            assert_eq!(row.description, "", "{backend}");
            assert_eq!(row.place_id, stand_in.id, "{backend}");
            assert_eq!(row.area_id, w.rimbo.0, "{backend}");
            assert!(row.anonymised_at.is_some());
        }
        assert_eq!(
            area_counts(&w.db).await,
            counts_before,
            "{backend}: counts kept"
        );
        let places = counts::place_cells(&w.db, Scope::weeks(0, 999_999))
            .await
            .expect("place cells");
        assert_eq!(places.len(), 1, "{backend}: only the stand-in has counts");
        assert_eq!(places[0].incidents, 3);

        // No snapshot of these incidents still holds the text or the place.
        let snapshots = audit_event::Entity::find()
            .filter(audit_event::Column::RecordId.is_in(ids.iter().map(|i| i.0)))
            .all(&w.db)
            .await
            .unwrap();
        let text: String = snapshots
            .iter()
            .flat_map(|e| [e.before_json.clone(), e.after_json.clone()])
            .flatten()
            .collect();
        for gone in [
            "Nytt klotter",
            "parkeringen",
            "Torget",
            "Stationen",
            "hemlig",
        ] {
            assert!(!text.contains(gone), "{backend}: {gone} left in {text}");
        }
        assert!(text.contains(REDACTED));

        // The detail page: no text, no name, not editable; the history stays readable.
        let detail = incidents::get(&w.db, &w.police, ids[0], Lang::Sv)
            .await
            .expect("detail");
        assert!(detail.anonymised_at.is_some());
        assert_eq!(detail.reporter, "");
        assert!(!detail.can_edit);
        assert_eq!(detail.history.len(), 2, "{backend}: created and edited");

        // The stand-in is never offered as a place.
        let offered = reference::places(&w.db, Some(w.rimbo)).await.unwrap();
        assert!(offered.iter().all(|p| p.name != STAND_IN_NAME), "{backend}");

        // One audit event for the run; a second run has nothing to do and adds none.
        let runs = || async {
            audit_event::Entity::find()
                .filter(audit_event::Column::Action.eq(AuditAction::Anonymise))
                .all(&w.db)
                .await
                .unwrap()
        };
        let first = runs().await;
        assert_eq!(first.len(), 1, "{backend}");
        assert!(
            first[0]
                .after_json
                .as_deref()
                .unwrap_or("")
                .contains("\"incidents\":3")
        );
        let again = retention::run(&w.db, 36, later).await.expect("run");
        assert_eq!(again.incidents, 0);
        assert_eq!(runs().await.len(), 1, "{backend}");
    }
}

#[tokio::test]
async fn the_audit_log_lets_snapshots_be_redacted_and_nothing_else_changed() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id: IncidentId =
            incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
                .await
                .expect("logged");
        let backend_of = w.db.get_database_backend();
        let run = |sql: String| {
            let db = w.db.clone();
            async move {
                db.execute_raw(sea_orm::Statement::from_string(backend_of, sql))
                    .await
            }
        };
        let record = match backend_of {
            sea_orm::DbBackend::Postgres => format!("'{}'", id.0),
            _ => format!("x'{}'", id.0.simple()),
        };
        for refused in [
            format!("UPDATE audit_events SET user_id = NULL WHERE record_id = {record}"),
            format!("UPDATE audit_events SET action = 'view' WHERE record_id = {record}"),
            format!("DELETE FROM audit_events WHERE record_id = {record}"),
        ] {
            assert!(run(refused.clone()).await.is_err(), "{backend}: {refused}");
        }
        assert!(
            run(format!(
                "UPDATE audit_events SET after_json = '{{}}' WHERE record_id = {record}"
            ))
            .await
            .is_ok(),
            "{backend}: redaction"
        );
    }
}

#[tokio::test]
async fn a_period_below_thirteen_months_is_raised_to_thirteen() {
    for (_, db) in databases().await {
        let w = world(db).await;
        incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .expect("logged");
        let in_a_year = Utc::now() + Months::new(12);
        let done = retention::run(&w.db, 1, in_a_year).await.expect("run");
        assert_eq!(
            done.incidents, 0,
            "an incident a year old can still be edited"
        );
    }
}
