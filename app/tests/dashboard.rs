//! Service tests for the dashboard and the yearly report: figures against fixtures, the
//! small-number suppression for managers, filters, follow-through, reporting compliance,
//! attendance and ratings, and who may see them.

mod common;

use app::ssr::entities::{incident, weekly_report};
use app::ssr::testing::databases;
use app::ssr::{actions, dashboard, incidents, meetings, minutes};
use common::{World, input, world};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use shared::AppError;
use shared::action::ActionInput;
use shared::dashboard::{Dashboard, DashboardFilter};
use shared::ids::{AreaId, CategoryId};
use shared::lang::Lang;
use shared::report::ReportDeadline;
use shared::user::CurrentUser;
use shared::week::IsoWeek;
use uuid::Uuid;

async fn log(w: &World, area: AreaId, category: CategoryId, place: &str, n: usize) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for _ in 0..n {
        let id = incidents::create(&w.db, &w.police, &input(area, category, place))
            .await
            .expect("fixture");
        ids.push(id.0);
    }
    ids
}

/// Moves an incident `weeks` weeks back (the form refuses old times; the data may have them).
async fn move_back(w: &World, id: Uuid, weeks: i64) {
    let row = incident::Entity::find_by_id(id)
        .one(&w.db)
        .await
        .expect("fixture")
        .expect("fixture");
    let at = row.occurred_at - chrono::TimeDelta::weeks(weeks);
    let mut active: incident::ActiveModel = row.into();
    active.occurred_at = Set(at);
    active.week_key = Set(app::ssr::time::week_of(at).key());
    active.update(&w.db).await.expect("fixture");
}

async fn board(w: &World, who: &CurrentUser, area: &str) -> Result<Dashboard, AppError> {
    let filter = DashboardFilter {
        area: area.into(),
        category: String::new(),
    };
    dashboard::compile(&w.db, who, &filter, ReportDeadline::default(), Lang::Sv).await
}

/// Last week (the last whole one, where managers' figures end): 4 in Rimbo at Skolgården.
/// The week before: 2 in Norrtälje at Torget. The same week a year before: 3 in Rimbo.
/// Nothing this week.
async fn incidents_fixture(w: &World) {
    for id in log(w, w.rimbo, w.graffiti, "Skolgården", 4).await {
        move_back(w, id, 1).await;
    }
    for id in log(w, w.norrtalje, w.vandalism, "Torget", 2).await {
        move_back(w, id, 2).await;
    }
    let now = IsoWeek::of(app::ssr::time::now_local().date());
    let weeks_back = {
        let (mut w2, mut n) = (now, 0);
        let target = IsoWeek::new(now.year() - 1, now.week()).unwrap_or(now);
        while w2 > target {
            w2 = w2.previous();
            n += 1;
        }
        n
    };
    for id in log(w, w.rimbo, w.graffiti, "Skolgården", 3).await {
        move_back(w, id, weeks_back + 1).await;
    }
}

#[tokio::test]
async fn weekly_figures_match_the_fixture_and_managers_see_one_and_two_as_below_three() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        incidents_fixture(&w).await;
        let exact = board(&w, &w.coordinator, "").await.unwrap();
        assert_eq!(exact.weeks.len(), 52, "{backend}");
        // Coordinators' weeks end with this one (nothing yet).
        assert_eq!(exact.weeks[51].count, Some(0), "{backend}");
        let this = &exact.weeks[50];
        let last = &exact.weeks[49];
        assert_eq!(
            (this.count, this.last_year),
            (Some(4), Some(3)),
            "{backend}"
        );
        assert_eq!(last.count, Some(2), "{backend}");
        let rimbo = exact.by_area.iter().find(|b| b.name == "Rimbo").unwrap();
        assert_eq!(
            (rimbo.count, rimbo.previous),
            (Some(4), Some(3)),
            "{backend}"
        );
        let norrtalje = exact
            .by_area
            .iter()
            .find(|b| b.name == "Norrtälje")
            .unwrap();
        assert_eq!(norrtalje.count, Some(2));
        let spot = &exact.hot_places[0];
        assert_eq!(
            (spot.place.as_str(), spot.last4, spot.last12),
            ("Skolgården", Some(4), Some(4))
        );
        assert!(!exact.suppressed && exact.can_export);

        let manager = board(&w, &w.manager, "").await.unwrap();
        assert!(manager.suppressed && !manager.can_export, "{backend}");
        // Managers' weeks end with the last whole one: the week in progress is never shown.
        let this_week = IsoWeek::of(app::ssr::time::now_local().date());
        assert_eq!(manager.weeks.len(), 52, "{backend}");
        assert_eq!(
            manager.weeks[51].week,
            this_week.previous().to_string(),
            "{backend}"
        );
        // Last week only Norrtälje had incidents (2): hidden, and left out of the week's
        // total, which would otherwise show it.
        let last = &manager.weeks[50];
        assert_eq!((last.count, last.partial), (Some(0), true), "{backend}");
        let this = &manager.weeks[51];
        assert_eq!((this.count, this.partial), (Some(4), false), "{backend}");
        // A week's total is the sum of the area counts a manager can see one by one.
        // Managers get no category filter: it would split area counts into hidden parts.
        let filter = DashboardFilter {
            area: String::new(),
            category: w.vandalism.to_string(),
        };
        let deadline = ReportDeadline::default();
        let by_category = dashboard::compile(&w.db, &w.manager, &filter, deadline, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(
            by_category.weeks, manager.weeks,
            "{backend}: the filter is not applied"
        );
        let exact = dashboard::compile(&w.db, &w.coordinator, &filter, deadline, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(
            exact.weeks[51].count,
            Some(0),
            "{backend}: for coordinators it is"
        );
        let norrtalje_only = board(&w, &w.manager, &w.norrtalje.to_string())
            .await
            .unwrap();
        assert_eq!(
            norrtalje_only.weeks[50].count, None,
            "{backend}: one area's 2 is <3"
        );
        let norrtalje = manager
            .by_area
            .iter()
            .find(|b| b.name == "Norrtälje")
            .unwrap();
        assert_eq!(
            norrtalje.count,
            Some(0),
            "{backend}: the hidden week is left out of the total, which would reveal it"
        );
        assert!(norrtalje.partial, "{backend}: and the total says so (≥)");
        let rimbo = manager.by_area.iter().find(|b| b.name == "Rimbo").unwrap();
        assert_eq!(
            (rimbo.count, rimbo.previous),
            (Some(4), Some(3)),
            "{backend}"
        );
        assert!(
            manager.hot_places.iter().all(|h| h.place != "Torget"),
            "{backend}: a place whose only week is hidden for its area is not counted at all"
        );

        // Filtered to Rimbo: Norrtälje's week is gone.
        let rimbo_only = board(&w, &w.coordinator, &w.rimbo.to_string())
            .await
            .unwrap();
        assert_eq!(rimbo_only.weeks[49].count, Some(0), "{backend}");
        assert_eq!(rimbo_only.weeks[50].count, Some(4), "{backend}");
        assert_eq!(rimbo_only.by_area.len(), 1);
    }
}

#[tokio::test]
async fn only_managers_coordinators_and_admins_see_it_and_bad_filters_are_named() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        for who in [&w.police, &w.school] {
            assert_eq!(
                board(&w, who, "").await,
                Err(AppError::Forbidden),
                "{backend}"
            );
            assert_eq!(
                dashboard::year_report(&w.db, who, "", Lang::Sv).await,
                Err(AppError::Forbidden)
            );
        }
        assert!(board(&w, &w.admin, "").await.is_ok());
        let err = board(&w, &w.manager, "Rimbo").await.unwrap_err();
        assert_eq!(
            err.issue_for("area"),
            Some(&shared::FieldError::Invalid),
            "{backend}"
        );
        for bad in ["1999", "3000", "tjugo"] {
            let err = dashboard::year_report(&w.db, &w.manager, bad, Lang::Sv)
                .await
                .unwrap_err();
            assert!(err.issue_for("year").is_some(), "{backend} {bad}");
        }
    }
}

fn action(w: &World, title: &str) -> ActionInput {
    ActionInput {
        title: title.into(),
        owner_organisation_id: w.police_org.to_string(),
        due: (app::ssr::time::now_local().date() + chrono::Days::new(14)).to_string(),
        area_id: w.rimbo.to_string(),
        ..ActionInput::default()
    }
}

#[tokio::test]
async fn follow_through_counts_each_outcome_per_owner_and_quarter() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let done = actions::create(&w.db, c, &action(&w, "Laga belysningen"))
            .await
            .unwrap();
        let failed = actions::create(&w.db, c, &action(&w, "Flytta bänken"))
            .await
            .unwrap();
        actions::create(&w.db, c, &action(&w, "Vuxenvandring"))
            .await
            .unwrap();
        actions::update_state(&w.db, c, done, "done", "")
            .await
            .unwrap();
        actions::update_state(&w.db, c, failed, "not_done", "Ingen budget")
            .await
            .unwrap();
        let d = board(&w, &w.manager, "").await.unwrap();
        let police = d.by_owner.iter().find(|o| o.name == "Polisen").unwrap();
        assert_eq!(
            (
                police.opened,
                police.done,
                police.not_done,
                police.not_possible,
                police.overdue
            ),
            (3, 1, 1, 0, 0),
            "{backend}"
        );
        assert!(police.median_days_to_done.is_some_and(|m| m < 1.0));
        assert_eq!(d.by_quarter.len(), 4);
        assert_eq!(d.by_quarter[3].opened, 3, "{backend}: this quarter");

        let year = dashboard::year_report(&w.db, &w.manager, "", Lang::Sv)
            .await
            .unwrap();
        let rimbo = year.areas.iter().find(|a| a.area == "Rimbo").unwrap();
        assert_eq!(
            (
                rimbo.actions_opened,
                rimbo.actions_done,
                rimbo.actions_not_done,
                rimbo.actions_open
            ),
            (3, 1, 1, 1),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn reporting_on_time_is_the_share_of_reporting_organisations_per_week() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let now = IsoWeek::of(app::ssr::time::now_local().date());
        let week = now.previous().previous();
        let deadline = ReportDeadline::default();
        let due = app::ssr::time::local_to_utc(deadline.due(week));
        for (org, at) in [
            (w.police_org.0, due - chrono::TimeDelta::hours(1)),
            (
                w.school.organisation_id.0,
                due + chrono::TimeDelta::hours(1),
            ),
        ] {
            weekly_report::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(org),
                week_key: Set(week.key()),
                submitted_at: Set(at),
                submitted_by: Set(w.police.id.0),
                nothing_to_report: Set(true),
                incident_count: Set(0),
            }
            .insert(&w.db)
            .await
            .unwrap();
        }
        let d = board(&w, &w.manager, "").await.unwrap();
        assert_eq!(d.compliance.len(), 12);
        let last = d
            .compliance
            .iter()
            .find(|c| c.week == week.to_string())
            .expect("the week is among the twelve latest due");
        assert_eq!(
            (last.on_time, last.organisations, last.percent()),
            (1, 2, 50),
            "{backend}"
        );
        assert_eq!(d.compliance[0].on_time, 0);
    }
}

#[tokio::test]
async fn attendance_and_ratings_come_from_the_meetings_held() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let school = w.school.organisation_id.0;
        let series = meetings::create_series(
            &w.db,
            c,
            "Lägesbildsmöte",
            2,
            "15:00",
            &[w.police_org.0, school],
        )
        .await
        .unwrap();
        let m = meetings::plan_next(&w.db, c, series).await.unwrap();
        meetings::start(&w.db, c, m).await.unwrap();
        minutes::set_attendance(&w.db, c, m, &w.police_org.to_string(), "deputy")
            .await
            .unwrap();
        minutes::set_attendance(&w.db, c, m, &school.to_string(), "absent")
            .await
            .unwrap();
        minutes::rate(&w.db, c, m, &w.rimbo.to_string(), "4", "")
            .await
            .unwrap();
        let d = board(&w, &w.manager, "").await.unwrap();
        let total = |name: &str| {
            d.attendance
                .iter()
                .find(|a| a.organisation == name)
                .map(|a| {
                    a.quarters
                        .iter()
                        .fold((0, 0), |(x, y), q| (x + q.1, y + q.2))
                })
        };
        assert_eq!(
            total("Polisen"),
            Some((1, 1)),
            "{backend}: a deputy counts as taking part"
        );
        assert_eq!(total("Skolan"), Some((0, 1)), "{backend}");
        let rimbo = d.ratings.iter().find(|r| r.area == "Rimbo").unwrap();
        assert_eq!(
            rimbo.points.iter().map(|p| p.1).collect::<Vec<_>>(),
            [4],
            "{backend}"
        );
        assert!(
            d.ratings
                .iter()
                .find(|r| r.area == "Norrtälje")
                .unwrap()
                .points
                .is_empty()
        );
    }
}

#[tokio::test]
async fn the_yearly_report_counts_the_year_per_area_and_category_with_suppression() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Last week: the last whole one, where managers' figures end.
        let mut ids = log(&w, w.rimbo, w.graffiti, "Skolgården", 3).await;
        ids.extend(log(&w, w.rimbo, w.vandalism, "Skolgården", 1).await);
        for id in ids {
            move_back(&w, id, 1).await;
        }
        let this_year = IsoWeek::of(app::ssr::time::now_local().date())
            .previous()
            .year();
        let exact = dashboard::year_report(&w.db, &w.coordinator, &this_year.to_string(), Lang::Sv)
            .await
            .unwrap();
        let rimbo = exact.areas.iter().find(|a| a.area == "Rimbo").unwrap();
        assert_eq!(rimbo.total, Some(4), "{backend}");
        let names: Vec<(&str, Option<u32>)> = rimbo
            .categories
            .iter()
            .map(|c| (c.name.as_str(), c.count))
            .collect();
        assert_eq!(names, [("Klotter", Some(3)), ("Skadegörelse", Some(1))]);
        let managers = dashboard::year_report(&w.db, &w.manager, &this_year.to_string(), Lang::Sv)
            .await
            .unwrap();
        let rimbo = managers.areas.iter().find(|a| a.area == "Rimbo").unwrap();
        let vandalism = rimbo
            .categories
            .iter()
            .find(|c| c.name == "Skadegörelse")
            .unwrap();
        assert_eq!(
            (vandalism.count, vandalism.partial),
            (Some(0), true),
            "{backend}: the week with one is left out for managers, and the row says so"
        );
        // Only this year had hidden counts: the year before reads a plain 0, not "≥1".
        assert_eq!(
            (
                shared::dashboard::total_text(vandalism.count, vandalism.partial),
                shared::dashboard::total_text(vandalism.previous, vandalism.previous_partial),
            ),
            ("≥1".to_owned(), "0".to_owned()),
            "{backend}"
        );
        assert_eq!(rimbo.total, Some(3), "{backend}: and not in the total");
    }
}

#[tokio::test]
async fn a_place_total_is_hidden_when_it_would_reveal_a_small_count_in_the_weeks_before() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        // Last week (the last whole one) 3, and 1 six weeks before it.
        for id in log(&w, w.rimbo, w.graffiti, "Busshållplatsen", 3).await {
            move_back(&w, id, 1).await;
        }
        for id in log(&w, w.rimbo, w.graffiti, "Busshållplatsen", 1).await {
            move_back(&w, id, 7).await;
        }
        let spot = |d: &Dashboard| {
            let h = d
                .hot_places
                .iter()
                .find(|h| h.place == "Busshållplatsen")
                .unwrap();
            (h.last4, h.last12)
        };
        let exact = board(&w, &w.coordinator, "").await.unwrap();
        assert_eq!(spot(&exact), (Some(3), Some(4)), "{backend}");
        let manager = board(&w, &w.manager, "").await.unwrap();
        assert_eq!(
            spot(&manager),
            (Some(3), Some(3)),
            "{backend}: the week with 1 is hidden for the area, so the place leaves it out"
        );
    }
}

/// The attack from the issue: one area's last four whole weeks read "<3", 0, 5, "<3", and the
/// hot places' 4-week totals added up used to exceed the 5 shown, giving the hidden weeks away
/// (Hamnen 3 + Kanalbron 4 − 5 = 2, so each hidden week was exactly 1).
#[tokio::test]
async fn hot_places_never_add_up_to_more_than_the_weeks_a_manager_sees() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let a = w.norrtalje;
        for (place, weeks_back, n) in [
            ("Hamnen", 4, 1),
            ("Hamnen", 2, 2),
            ("Kanalbron", 2, 3),
            ("Kanalbron", 1, 1),
        ] {
            for id in log(&w, a, w.graffiti, place, n).await {
                move_back(&w, id, weeks_back).await;
            }
        }
        let spot = |d: &Dashboard, name: &str| {
            d.hot_places
                .iter()
                .find(|h| h.place == name)
                .map(|h| h.last4)
        };
        let exact = board(&w, &w.coordinator, "").await.unwrap();
        // Coordinators' last four weeks are this one and the three before.
        assert_eq!(spot(&exact, "Hamnen"), Some(Some(2)), "{backend}");
        assert_eq!(spot(&exact, "Kanalbron"), Some(Some(4)), "{backend}");

        let manager = board(&w, &w.manager, &a.to_string()).await.unwrap();
        let last4: Vec<Option<u32>> = manager.weeks[48..].iter().map(|p| p.count).collect();
        assert_eq!(last4, [None, Some(0), Some(5), None], "{backend}");
        let shown_weeks: u32 = last4.iter().flatten().sum();
        let places: u32 = manager.hot_places.iter().filter_map(|h| h.last4).sum();
        assert!(
            places <= shown_weeks,
            "{backend}: places add up to {places}, more than the {shown_weeks} shown"
        );
        // Each place counts only the weeks whose area count is shown.
        assert_eq!(spot(&manager, "Kanalbron"), Some(Some(3)), "{backend}");
        assert_eq!(spot(&manager, "Hamnen"), Some(None), "{backend}: 2 is <3");
    }
}
