//! The per-week counts the database keeps for the picture and the dashboard: always equal to
//! counting the incidents themselves, through logging, editing, deleting and the migration
//! that fills them for a database that already has incidents.

mod common;

use std::collections::BTreeMap;

use app::ssr::counts::{self, Scope};
use app::ssr::entities::incident;
use app::ssr::incidents;
use app::ssr::testing::databases;
use common::{input, world};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, EntityTrait, ModelTrait, Set};
use shared::incident::IncidentInput;
use uuid::Uuid;

type Key = (i32, Uuid, Uuid);

/// (week, area, category) → (incidents, youth, environment), and (week, area, place) →
/// incidents, counted from the incidents table.
async fn counted(db: &DatabaseConnection) -> (BTreeMap<Key, (i64, i64, i64)>, BTreeMap<Key, i64>) {
    let mut cells = BTreeMap::new();
    let mut places = BTreeMap::new();
    for i in incident::Entity::find().all(db).await.expect("incidents") {
        let cell: &mut (i64, i64, i64) = cells
            .entry((i.week_key, i.area_id, i.category_id))
            .or_default();
        cell.0 += 1;
        cell.1 += i64::from(i.youth_involved);
        cell.2 += i64::from(i.physical_environment);
        *places
            .entry((i.week_key, i.area_id, i.place_id))
            .or_default() += 1;
    }
    (cells, places)
}

/// The same, as the kept counts say.
async fn kept(db: &DatabaseConnection) -> (BTreeMap<Key, (i64, i64, i64)>, BTreeMap<Key, i64>) {
    let all = Scope::weeks(0, 999_999);
    let cells = counts::cells(db, all)
        .await
        .expect("cells")
        .into_iter()
        .map(|c| {
            (
                (c.week_key, c.area_id, c.category_id),
                (c.incidents, c.youth, c.environment),
            )
        })
        .collect();
    let places = counts::place_cells(db, all)
        .await
        .expect("place cells")
        .into_iter()
        .map(|c| ((c.week_key, c.area_id, c.place_id), c.incidents))
        .collect();
    (cells, places)
}

fn weeks_ago(mut form: IncidentInput, weeks: i64) -> IncidentInput {
    let when = app::ssr::time::now_local() - chrono::TimeDelta::weeks(weeks);
    form.occurred_at = when.format("%Y-%m-%dT%H:%M").to_string();
    form
}

#[tokio::test]
async fn counts_follow_every_insert_edit_and_delete() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let mut ids = Vec::new();
        for (area, category, place, weeks, youth) in [
            (w.rimbo, w.graffiti, "Torget", 0, true),
            (w.rimbo, w.graffiti, "Torget", 0, false),
            (w.rimbo, w.vandalism, "Skolan", 1, true),
            (w.norrtalje, w.graffiti, "Torget", 3, false),
        ] {
            let form = IncidentInput {
                youth_involved: youth,
                ..weeks_ago(input(area, category, place), weeks)
            };
            ids.push(incidents::create(&w.db, &w.police, &form).await.unwrap());
        }
        let after_logging = kept(&w.db).await;
        assert_eq!(after_logging, counted(&w.db).await, "{backend}: logged");
        assert_eq!(after_logging.0.len(), 3, "{backend}: three cells");
        assert_eq!(
            after_logging.0.values().map(|c| c.0).sum::<i64>(),
            4,
            "{backend}"
        );

        // Moved to another area, category, place and week, and no longer about youth.
        let moved = IncidentInput {
            youth_involved: false,
            physical_environment: false,
            ..weeks_ago(input(w.norrtalje, w.vandalism, "Hamnen"), 2)
        };
        incidents::update(&w.db, &w.police, ids[0], &moved)
            .await
            .unwrap();
        assert_eq!(kept(&w.db).await, counted(&w.db).await, "{backend}: edited");

        // An edit that changes nothing counted leaves the counts alone.
        let same = IncidentInput {
            description: "Samma händelse, bättre beskriven.".into(),
            ..moved.clone()
        };
        incidents::update(&w.db, &w.police, ids[0], &same)
            .await
            .unwrap();
        assert_eq!(
            kept(&w.db).await,
            counted(&w.db).await,
            "{backend}: reworded"
        );

        // Deleted rows (retention, or by hand) leave no count behind, not even a zero.
        for id in &ids[1..] {
            let row = incident::Entity::find_by_id(id.0).one(&w.db).await.unwrap();
            row.unwrap().delete(&w.db).await.unwrap();
        }
        let (cells, places) = kept(&w.db).await;
        assert_eq!((cells.len(), places.len()), (1, 1), "{backend}: one left");
        assert_eq!((cells, places), counted(&w.db).await, "{backend}: deleted");
    }
}

#[tokio::test]
async fn the_migration_counts_incidents_already_stored() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Incidents stored before the counts existed: take the counts' migration back (and the
        // three after it), store incidents, migrate again.
        let at = |weeks| weeks_ago(input(w.rimbo, w.graffiti, "Torget"), weeks);
        // The place first: its table changes with a later migration too.
        let torget = place(&w.db, &at(0)).await;
        Migrator::down(&w.db, Some(4)).await.unwrap();
        for weeks in [0, 0, 5] {
            let row = incident::ActiveModel {
                id: Set(Uuid::now_v7()),
                occurred_at: Set(chrono::Utc::now()),
                week_key: Set(shared::week::IsoWeek::of(
                    (app::ssr::time::now_local() - chrono::TimeDelta::weeks(weeks)).date(),
                )
                .key()),
                area_id: Set(w.rimbo.0),
                place_id: Set(torget),
                category_id: Set(w.graffiti.0),
                organisation_id: Set(w.police.organisation_id.0),
                reporter_id: Set(w.police.id.0),
                description: Set("Före räknarna.".into()),
                youth_involved: Set(true),
                physical_environment: Set(false),
                created_at: Set(chrono::Utc::now()),
                updated_at: Set(None),
                // The column comes with a later migration.
                anonymised_at: sea_orm::NotSet,
            };
            incident::Entity::insert(row)
                .exec_without_returning(&w.db)
                .await
                .unwrap();
        }
        Migrator::up(&w.db, None).await.unwrap();
        let (cells, _) = kept(&w.db).await;
        assert_eq!(
            cells.values().copied().collect::<Vec<_>>(),
            [(1, 1, 0), (2, 2, 0)],
            "{backend}: five weeks ago, this week"
        );
        assert_eq!(kept(&w.db).await, counted(&w.db).await, "{backend}");
        // And they are kept from then on.
        incidents::create(&w.db, &w.police, &at(0)).await.unwrap();
        assert_eq!(kept(&w.db).await, counted(&w.db).await, "{backend}: after");
    }
}

async fn place(db: &DatabaseConnection, form: &IncidentInput) -> Uuid {
    let area = shared::ids::AreaId::parse(&form.area_id).expect("area");
    let name = shared::text::PlaceName::parse(&form.place).expect("place");
    app::ssr::reference::find_or_create_place(db, area, &name, true)
        .await
        .expect("place")
        .id
}
