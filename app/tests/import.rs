//! Service test for the CSV import: valid rows stored (new places created), refused rows
//! named by line with nothing stored, personal data refused.

mod common;

use app::ssr::entities::{incident, place};
use app::ssr::import;
use app::ssr::testing::databases;
use common::world;
use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test]
async fn a_spreadsheet_is_imported_and_bad_rows_are_named_by_line() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let places_before = place::Entity::find().count(&w.db).await.unwrap();
        let csv = "\u{feff}id;tid;vecka;område;plats;kategori;organisation;unga_inblandade;fysisk_miljö;efteranmäld;beskrivning\r\n\
            ;2026-03-02 21:30;2026-W10;Rimbo;Nya torget;Klotter;Polisen;ja;nej;nej;\"Klotter; stora tags på \"\"muren\"\".\"\r\n\
            ;2026-03-03 10:00;2026-W10;Rimbo;Nya torget;Klotter;Polisen;nej;nej;nej;Ring 19121212-1212 om detta\r\n\
            ;2026-03-03 10:00;2026-W10;Atlantis;Torget;Klotter;Polisen;nej;nej;nej;Sten i rutan\r\n\
            ;igår;2026-W10;Rimbo;Torget;Klotter;Polisen;nej;nej;nej;Sten i rutan\r\n";
        let result = import::incidents(&w.db, csv).await.unwrap();
        assert_eq!(result.stored, 1, "{backend}");
        let lines: Vec<usize> = result.refused.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 4, 5], "{backend}");
        assert!(result.refused[0].1.starts_with("beskrivning: PersonalData"));
        assert!(
            !result.refused[0].1.contains("19121212"),
            "the refused text is never echoed"
        );
        assert_eq!(result.refused[1].1, "område: okänt");
        let stored = incident::Entity::find().all(&w.db).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].description, "Klotter; stora tags på \"muren\".");
        assert_eq!(stored[0].week_key, 202610);
        assert!(stored[0].youth_involved && !stored[0].physical_environment);
        assert_eq!(
            place::Entity::find().count(&w.db).await.unwrap(),
            places_before + 1,
            "{backend}: one new place, once"
        );
        let empty = import::incidents(&w.db, "").await.unwrap();
        assert_eq!(empty, import::Imported::default());
        assert!(
            import::incidents(&w.db, "a;b\n1;2\n").await.is_err(),
            "no known header"
        );
    }
}

/// After a bulk load PostgreSQL's planner knows the tables' sizes: without fresh statistics
/// it planned the filtered list as if an area had 28 incidents of a category, not 6,850.
#[tokio::test]
async fn an_import_leaves_postgresql_with_fresh_planner_statistics() {
    use sea_orm::{ConnectionTrait, Statement};
    for (backend, db) in databases().await {
        if backend != "postgres" {
            continue;
        }
        let w = world(db).await;
        let analysed = || async {
            w.db.query_one_raw(Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables \
                 WHERE relname = 'incidents'",
            ))
            .await
            .unwrap()
            .and_then(|row| row.try_get::<bool>("", "analysed").ok())
        };
        assert_eq!(analysed().await, Some(false), "not before");
        let csv = "id;tid;vecka;område;plats;kategori;organisation;unga_inblandade;fysisk_miljö;efteranmäld;beskrivning\r\n\
            ;2026-03-02 21:30;2026-W10;Rimbo;Nya torget;Klotter;Polisen;ja;nej;nej;Klotter på muren.\r\n";
        assert_eq!(import::incidents(&w.db, csv).await.unwrap().stored, 1);
        assert_eq!(analysed().await, Some(true), "after the import");
    }
}
