//! The demo data through a manager's eyes: every incident figure they can see, on the
//! dashboard and in the yearly report of every year, gathered from the pages as served,
//! checked to read the same wherever it appears, then put back on the network of sums it lies
//! on and audited from what is shown alone. Exact values come from a coordinator's pages.

mod common;

use std::collections::HashMap;

use app::ssr::testing::databases;
use app::ssr::time::now_local;
use app::ssr::{dashboard, demo};
use common::sign_in_with;
use shared::dashboard::{Figure, FigureTable, YearReport};
use shared::lang::Lang;
use shared::report::ReportDeadline;
use shared::statistics::{YearCounts, YearNetwork};
use shared::user::CurrentUser;
use shared::week::IsoWeek;

/// (year, column 0–3 for a quarter, 4 for the year) of a column label.
fn column(label: &str) -> (i32, usize) {
    let (head, year) = label.rsplit_once(' ').expect("label and year");
    let year: i32 = year.parse().expect("year");
    match head.strip_prefix('K') {
        Some(q) => (year, q.parse::<usize>().expect("quarter") - 1),
        None => (year, 4),
    }
}

/// Every cell of `table` as ((row, year, column), figure); category tables are per year.
fn cells(table: &FigureTable) -> Vec<((String, i32, usize), Figure)> {
    let mut out = Vec::new();
    for row in &table.rows {
        for (label, figure) in table.columns.iter().zip(&row.cells) {
            let (year, c) = column(label);
            out.push(((row.label.clone(), year, c), *figure));
        }
    }
    out
}

async fn report(db: &sea_orm::DatabaseConnection, who: &CurrentUser, year: i32) -> YearReport {
    let deadline = ReportDeadline::default();
    dashboard::year_report(db, who, &year.to_string(), deadline, Lang::Sv)
        .await
        .expect("report")
}

#[tokio::test]
async fn nothing_hidden_in_the_demo_can_be_worked_out_from_every_page_together() {
    for (backend, db) in databases().await {
        demo::load(&db).await.expect("demo");
        let manager = sign_in_with(&db, "manager@example.org", "demo-password").await;
        let coordinator = sign_in_with(&db, "coordinator@example.org", "demo-password").await;
        let this = IsoWeek::of(now_local().date()).year();

        // Everything the manager sees, each figure once, and the same wherever it is shown.
        let mut seen: HashMap<(String, i32, usize), Figure> = HashMap::new();
        let mut tables = Vec::new();
        let filter = shared::dashboard::DashboardFilter::default();
        let board = dashboard::compile(&db, &manager, &filter, ReportDeadline::default(), Lang::Sv)
            .await
            .expect("dashboard");
        let published = board.published.expect("managers' figures");
        tables.push(published.by_area.clone());
        tables.push(published.by_category.clone());
        for year in this - 3..=this {
            let r = report(&db, &manager, year).await;
            tables.push(r.by_area);
            tables.push(r.by_category);
        }
        for table in &tables {
            for (key, figure) in cells(table) {
                let before = *seen.entry(key.clone()).or_insert(figure);
                assert_eq!(
                    before, figure,
                    "{backend}: {key:?} reads differently on two pages"
                );
            }
        }
        let (mut small, mut hidden) = (0, 0);
        for year in this - 3..=this {
            // The true values of the year, from the coordinator's exact report.
            let exact = report(&db, &coordinator, year).await;
            let areas: Vec<String> = exact
                .by_area
                .rows
                .iter()
                .filter(|r| !r.total)
                .map(|r| r.label.clone())
                .collect();
            let value = |table: &FigureTable, row: &str, col: &str| {
                let r = table.rows.iter().find(|r| r.label == row).expect("row");
                let c = table.columns.iter().position(|c| c == col);
                c.and_then(|c| r.cells[c].count()).unwrap_or(0)
            };
            let quarter = |q: usize| format!("K{} {year}", q + 1);
            let counts = YearCounts {
                areas: areas
                    .iter()
                    .map(|a| std::array::from_fn(|q| value(&exact.by_area, a, &quarter(q))))
                    .collect(),
                categories: Vec::new(),
            };
            let categories: Vec<String> = exact
                .by_category
                .rows
                .iter()
                .filter(|r| !r.total)
                .map(|r| r.label.clone())
                .collect();
            let year_column = exact.by_category.columns[0].clone();
            let counts = YearCounts {
                categories: categories
                    .iter()
                    .map(|c| value(&exact.by_category, c, &year_column))
                    .collect(),
                ..counts
            };
            let mut network = YearNetwork::new(&counts);
            let mut observe = |row: &str, c: usize, arc: usize| {
                if let Some(figure) = seen.get(&(row.to_owned(), year, c)) {
                    let agrees = network.network.observe(arc, *figure);
                    assert!(agrees, "{backend}: {row} {year} {c} shows {figure:?}");
                    small += usize::from(*figure == Figure::Small);
                    hidden += usize::from(*figure == Figure::Hidden);
                }
            };
            for (a, name) in areas.iter().enumerate() {
                for c in 0..5 {
                    observe(name, c, network.areas[a][c]);
                }
            }
            for c in 0..5 {
                observe("Hela kommunen", c, network.total[c]);
            }
            for (i, name) in categories.iter().enumerate() {
                observe(name, 4, network.categories[i]);
            }
            let exposed = network.network.exposed();
            assert!(
                exposed.is_empty(),
                "{backend}: {year}: {exposed:?} can be worked out"
            );
        }
        println!("{backend}: {small} \"<3\" and {hidden} \"dolt\" across the demo's years");
        assert!(small > 0, "{backend}: the demo shows suppression at work");

        // Places are listed only where the area's year is shown, and leave no 1 or 2 over.
        let year = published.year;
        for area in published.places.iter().map(|p| p.area.clone()) {
            let total = seen.get(&(area.clone(), year, 4)).and_then(|f| f.count());
            let listed: u32 = published
                .places
                .iter()
                .filter(|p| p.area == area)
                .map(|p| p.count)
                .sum();
            let total = total.expect("the area's year is shown");
            assert!(
                listed <= total && !(1..=2).contains(&(total - listed)),
                "{backend}: {area}"
            );
        }
    }
}
