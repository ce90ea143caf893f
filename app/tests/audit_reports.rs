//! Service tests for the audit trail and the weekly reporting cycle.

mod common;

use app::ssr::entities::{audit_event, user};
use app::ssr::testing::databases;
use app::ssr::{Settings, audit, auth, incidents, reports};
use common::{PASSWORD, input, world};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};
use shared::audit::{AuditAction, AuditFilter, RecordType};
use shared::incident::IncidentInput;
use shared::lang::Lang;
use shared::report::{ReportDeadline, ReportStatus};
use shared::week::IsoWeek;
use shared::{AppError, FieldError};

fn this_week() -> IsoWeek {
    IsoWeek::of((app::ssr::time::now_local() - chrono::TimeDelta::hours(1)).date())
}

#[tokio::test]
async fn creating_viewing_and_changing_an_incident_is_audited_with_before_and_after() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let id = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        incidents::get(&w.db, &w.school, id, Lang::Sv)
            .await
            .unwrap();
        let changed = IncidentInput {
            description: "Klottret är sanerat nu.".into(),
            ..input(w.rimbo, w.graffiti, "Torget")
        };
        incidents::update(&w.db, &w.coordinator, id, &changed)
            .await
            .unwrap();

        let page = audit::search(
            &w.db,
            &w.admin,
            &AuditFilter {
                record: Some(id.to_string()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let actions: Vec<AuditAction> = page.items.iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            [AuditAction::Update, AuditAction::View, AuditAction::Create],
            "newest first"
        );
        let update = &page.items[0];
        assert_eq!(update.organisation.as_deref(), Some("TiNK"));
        assert_eq!(update.changes.len(), 1);
        assert_eq!(update.changes[0].field, "description");
        assert_eq!(
            update.changes[0].before,
            "Nytt klotter på väggen mot parkeringen."
        );
        assert_eq!(update.changes[0].after, "Klottret är sanerat nu.");

        let detail = incidents::get(&w.db, &w.police, id, Lang::Sv)
            .await
            .unwrap();
        let history: Vec<AuditAction> = detail.history.iter().map(|e| e.action).collect();
        assert_eq!(
            history,
            [AuditAction::Create, AuditAction::Update],
            "views are not part of the history"
        );
    }
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes_at_the_database() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        let before = audit_event::Entity::find().count(&w.db).await.unwrap();
        assert!(
            w.db.execute_unprepared("UPDATE audit_events SET action = 'view'")
                .await
                .is_err(),
            "{backend}"
        );
        assert!(
            w.db.execute_unprepared("DELETE FROM audit_events")
                .await
                .is_err(),
            "{backend}"
        );
        assert_eq!(
            audit_event::Entity::find().count(&w.db).await.unwrap(),
            before
        );
    }
}

#[tokio::test]
async fn sign_ins_and_failed_sign_ins_are_audited() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        auth::sign_in(&w.db, &s, "school@test.se", "wrong-password-x")
            .await
            .unwrap_err();
        auth::sign_in(&w.db, &s, "school@test.se", PASSWORD)
            .await
            .unwrap();
        let f = AuditFilter {
            user: Some(w.school.id.to_string()),
            ..Default::default()
        };
        let actions: Vec<AuditAction> = audit::search(&w.db, &w.coordinator, &f)
            .await
            .unwrap()
            .items
            .iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            &actions[..2],
            [AuditAction::SignIn, AuditAction::FailedSignIn]
        );
    }
}

#[tokio::test]
async fn only_admins_and_coordinators_search_the_log_and_bad_filters_are_named() {
    for (_, db) in databases().await {
        let w = world(db).await;
        for user in [&w.police, &w.manager] {
            assert_eq!(
                audit::search(&w.db, user, &AuditFilter::default()).await,
                Err(AppError::Forbidden)
            );
        }
        let f = AuditFilter {
            from: Some("24/11".into()),
            record: Some("x".into()),
            ..Default::default()
        };
        let err = audit::search(&w.db, &w.admin, &f).await.unwrap_err();
        assert_eq!(err.issue_for("from"), Some(&FieldError::Invalid));
        assert_eq!(err.issue_for("record"), Some(&FieldError::Invalid));
        let today = app::ssr::time::now_local().date().to_string();
        let f = AuditFilter {
            from: Some(today.clone()),
            to: Some(today),
            ..Default::default()
        };
        assert!(
            !audit::search(&w.db, &w.admin, &f)
                .await
                .unwrap()
                .items
                .is_empty(),
            "today's sign-ins"
        );
        let f = AuditFilter {
            to: Some("2020-01-01".into()),
            ..Default::default()
        };
        assert!(
            audit::search(&w.db, &w.admin, &f)
                .await
                .unwrap()
                .items
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_week_with_incidents_is_reported_and_one_without_needs_a_nollrapport() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let week = this_week();
        incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();

        assert_eq!(
            reports::submit(&w.db, &w.police, week, true).await,
            Err(AppError::Conflict),
            "police has incidents"
        );
        reports::submit(&w.db, &w.police, week, false)
            .await
            .unwrap();
        let err = reports::submit(&w.db, &w.police_colleague, week, false)
            .await
            .unwrap_err();
        assert_eq!(
            err.issue_for("week"),
            Some(&FieldError::Taken),
            "one report per organisation and week"
        );

        assert_eq!(
            reports::submit(&w.db, &w.school, week, false).await,
            Err(AppError::Conflict),
            "school has none"
        );
        reports::submit(&w.db, &w.school, week, true).await.unwrap();

        let own = reports::own_week(&w.db, &w.school, ReportDeadline::default(), week, Lang::Sv)
            .await
            .unwrap();
        let sent = own.report.unwrap();
        assert!(sent.nothing_to_report && sent.incident_count == 0);
        let audited = audit::search(
            &w.db,
            &w.admin,
            &AuditFilter {
                user: Some(w.school.id.to_string()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert!(
            audited
                .items
                .iter()
                .any(|e| e.record_type == RecordType::WeeklyReport
                    && e.action == AuditAction::Create)
        );
    }
}

#[tokio::test]
async fn reports_for_future_weeks_and_from_managers_are_refused() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let future = IsoWeek::of(app::ssr::time::now_local().date()).next();
        let err = reports::submit(&w.db, &w.police, future, true)
            .await
            .unwrap_err();
        assert_eq!(err.issue_for("week"), Some(&FieldError::InFuture));
        assert_eq!(
            reports::submit(&w.db, &w.manager, this_week(), true).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            reports::overview(&w.db, &w.police, ReportDeadline::default(), &[this_week()]).await,
            Err(AppError::Forbidden)
        );
    }
}

#[tokio::test]
async fn incidents_logged_after_the_report_are_flagged_as_late_additions() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let week = this_week();
        incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        reports::submit(&w.db, &w.police, week, false)
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let late = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Hamnen"))
            .await
            .unwrap();

        let own = reports::own_week(&w.db, &w.police, ReportDeadline::default(), week, Lang::Sv)
            .await
            .unwrap();
        assert_eq!(own.late_additions, 1);
        assert_eq!(
            own.incidents
                .iter()
                .filter(|i| i.late_addition)
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            [late]
        );
        assert!(
            incidents::get(&w.db, &w.school, late, Lang::Sv)
                .await
                .unwrap()
                .summary
                .late_addition
        );
    }
}

#[tokio::test]
async fn the_overview_tells_sent_late_missing_and_pending_apart_with_contacts() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let week = this_week();
        let previous = week.previous();
        reports::submit(&w.db, &w.school, previous, true)
            .await
            .unwrap();

        // A deadline already passed for both weeks makes the school's report late and police missing.
        let past = ReportDeadline {
            weekday: chrono::Weekday::Mon,
            hour: 0,
            minute: 0,
        };
        let weeks = reports::overview(&w.db, &w.coordinator, past, &[week, previous])
            .await
            .unwrap();
        let status = |wi: usize, org: &str| {
            weeks[wi]
                .organisations
                .iter()
                .find(|o| o.organisation == org)
                .unwrap()
                .clone()
        };
        assert!(matches!(
            status(1, "Skolan").status,
            ReportStatus::Sent {
                nothing_to_report: true,
                late: true,
                ..
            }
        ));
        assert_eq!(status(1, "Polisen").status, ReportStatus::Missing);
        assert_eq!(
            status(1, "Polisen").contacts,
            [
                "Test Person <police2@test.se>",
                "Test Person <police@test.se>"
            ]
        );
        assert_eq!(
            status(0, "Polisen").status,
            ReportStatus::Pending,
            "this week's deadline lies ahead"
        );
        assert!(
            weeks[0]
                .organisations
                .iter()
                .all(|o| o.organisation != "TiNK"),
            "only organisations with reporters"
        );

        let generous = ReportDeadline {
            weekday: chrono::Weekday::Sun,
            hour: 23,
            minute: 59,
        };
        let weeks = reports::overview(&w.db, &w.admin, generous, &[previous])
            .await
            .unwrap();
        let school = weeks[0]
            .organisations
            .iter()
            .find(|o| o.organisation == "Skolan")
            .unwrap();
        assert!(matches!(
            school.status,
            ReportStatus::Sent { late: false, .. }
        ));
    }
}

#[tokio::test]
async fn searching_the_log_is_itself_recorded_with_what_was_asked_and_shown() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let id = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Torget"))
            .await
            .unwrap();
        let f = AuditFilter {
            record: Some(id.to_string()),
            ..Default::default()
        };
        let page = audit::search(&w.db, &w.coordinator, &f).await.unwrap();
        let reads = audit::search(
            &w.db,
            &w.admin,
            &AuditFilter {
                user: Some(w.coordinator.id.to_string()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let read = reads
            .items
            .iter()
            .find(|e| e.record_type == RecordType::AuditLog)
            .expect("the coordinator's search is in the log");
        assert_eq!(read.action, AuditAction::View, "{backend}");
        let raw: Vec<String> = audit_event::Entity::find()
            .all(&w.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| {
                e.record_type == RecordType::AuditLog && e.user_id == Some(w.coordinator.id.0)
            })
            .filter_map(|e| e.after_json)
            .collect();
        assert_eq!(raw.len(), 1, "{backend}");
        assert!(raw[0].contains(&id.to_string()), "{backend}: the filter");
        assert!(
            raw[0].contains(&page.items[0].id),
            "{backend}: the events shown"
        );
    }
}

#[tokio::test]
async fn the_start_page_names_who_has_not_reported_and_nothing_more() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let previous = this_week().previous();
        reports::submit(&w.db, &w.school, previous, true)
            .await
            .unwrap();
        let missing = reports::missing(&w.db, &w.coordinator, previous)
            .await
            .unwrap();
        assert_eq!(missing.week, previous.to_string(), "{backend}");
        assert_eq!(
            missing.organisations,
            ["Polisen"],
            "{backend}: the school sent"
        );
        // Only an organisation with an active reporter is asked for a report.
        for reporter in [&w.police, &w.police_colleague] {
            set_active(&w.db, reporter, false).await;
        }
        let asked = reports::missing(&w.db, &w.coordinator, previous)
            .await
            .unwrap();
        assert!(
            asked.organisations.is_empty(),
            "{backend}: no active reporter"
        );
        for reporter in [&w.police, &w.police_colleague] {
            set_active(&w.db, reporter, true).await;
        }
        reports::submit(&w.db, &w.police, previous, true)
            .await
            .unwrap();
        let none = reports::missing(&w.db, &w.coordinator, previous)
            .await
            .unwrap();
        assert!(none.organisations.is_empty(), "{backend}: everyone sent");
        for who in [&w.police, &w.manager] {
            assert_eq!(
                reports::missing(&w.db, who, previous).await,
                Err(AppError::Forbidden),
                "{backend}"
            );
        }
    }
}

/// Turns `who`'s account off or on again, as the administration page does.
async fn set_active(db: &DatabaseConnection, who: &shared::user::CurrentUser, active: bool) {
    user::Entity::update_many()
        .col_expr(user::Column::Active, Expr::value(active))
        .filter(user::Column::Id.eq(who.id.0))
        .exec(db)
        .await
        .expect("the account's state is set");
}
