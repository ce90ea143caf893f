//! Managers' figures over HTTP, on the demo data: the yearly report's CSV agrees with its page,
//! the tables a manager sees mostly carry numbers, and nothing in them is a week or an id.

use reqwest::StatusCode;
use shared::dashboard::{FigureTable, YearReport};
use shared::lang::Lang;

mod common;

use common::*;

/// The row of the CSV that `label` heads in `table`, as the page writes it.
fn csv_line(table: &FigureTable, index: usize) -> String {
    let row = &table.rows[index];
    let mut cells = vec![row.label.clone()];
    cells.extend(row.cells.iter().map(|f| f.text(Lang::Sv)));
    cells.join(";")
}

#[tokio::test]
async fn the_yearly_report_downloads_as_csv_with_the_figures_of_the_page() {
    for (backend, app) in apps().await {
        let last_year = (app::ssr::time::now_local().format("%G").to_string())
            .parse::<i32>()
            .unwrap()
            - 1;
        for (who, hidden) in [
            ("coordinator@example.org", false),
            ("manager@example.org", true),
        ] {
            let browser = app.browser();
            browser.sign_in(who).await;
            let year = last_year.to_string();
            let page: YearReport = browser
                .call("dashboard/year", &[("year", year.as_str())])
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(page.suppressed, hidden, "{backend}: {who}");
            let res = browser
                .client
                .get(browser.url(&format!("/dashboard/year.csv?year={year}")))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{backend}: {who}");
            let disposition = res.headers()["content-disposition"].to_str().unwrap();
            assert!(
                disposition.contains(&format!("arsrapport-{year}-")),
                "{backend}: {disposition}"
            );
            let csv = res.text().await.unwrap();
            // Every row of both tables, figure for figure as the page shows them.
            for table in [&page.by_area, &page.by_category] {
                assert!(table.rows.len() > 2, "{backend}: {who}");
                for i in 0..table.rows.len() {
                    let line = csv_line(table, i);
                    // Names with a separator are quoted in the file.
                    let found = csv.lines().any(|l| l.replace('"', "") == line);
                    assert!(found, "{backend}: {who}: {line} in {csv}");
                }
            }
            assert_eq!(
                csv.contains("Område;Kategori;"),
                !hidden,
                "{backend}: {who}: each area's categories only for exact roles"
            );
        }
        let reporter = app.browser();
        reporter.sign_in("police@example.org").await;
        let refused = reporter
            .client
            .get(reporter.url("/dashboard/year.csv"))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{backend}");
        // Each download is audited as an export.
        use app::ssr::entities::audit_event;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let exports = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(shared::audit::AuditAction::Export))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(exports.len(), 2, "{backend}");
    }
}

/// The text of every `<td>` in `html`, tags inside it removed.
fn cells(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<td") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</td>") else {
            break;
        };
        let inner = &rest[open_end + 1..close];
        let mut text = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(text.replace("&lt;", "<").trim().to_owned());
        rest = &rest[close + 5..];
    }
    out
}

/// The measure of usefulness: of the table cells a manager sees on the dashboard and
/// the yearly report, the share that carries a number (not "<3", "dolt" or "–").
#[tokio::test]
async fn managers_tables_mostly_carry_numbers_on_the_demo_data() {
    for (backend, app) in apps().await {
        app.sign_in("manager@example.org").await;
        let (mut numbers, mut all) = (0, 0);
        for page in ["/dashboard", "/dashboard/year"] {
            let res = app.client.get(app.url(page)).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{backend}: {page}");
            let html = res.text().await.unwrap();
            let found = cells(&html);
            assert!(found.len() > 20, "{backend}: {page}: {found:?}");
            let numeric = found
                .iter()
                .filter(|c| c.chars().any(|ch| ch.is_ascii_digit()) && !c.starts_with("<3"))
                .count();
            println!(
                "{backend} {page}: {numeric} of {} cells carry a number; the rest: {:?}",
                found.len(),
                found
                    .iter()
                    .filter(|c| !c.chars().any(|ch| ch.is_ascii_digit()) || c.starts_with("<3"))
                    .collect::<Vec<_>>()
            );
            numbers += numeric;
            all += found.len();
        }
        let share = numbers as f64 / all as f64;
        println!(
            "{backend}: {numbers} of {all} cells ({:.1} %)",
            share * 100.0
        );
        assert!(share >= 0.8, "{backend}: {numbers} of {all}");
    }
}
