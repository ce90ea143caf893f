//! Service tests for reference data as admins keep it: every create and rename audited with
//! the name before and after, refused for other roles and for bad input, storing nothing then.

mod common;

use app::ssr::entities::audit_event;
use app::ssr::reference_admin;
use app::ssr::testing::databases;
use common::{World, world};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::audit::{AuditAction, RecordType};
use shared::{AppError, FieldError};

async fn reference_events(w: &World) -> Vec<(AuditAction, Option<String>, Option<String>)> {
    audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq(RecordType::ReferenceData))
        .order_by_asc(audit_event::Column::Id)
        .all(&w.db)
        .await
        .expect("audit events")
        .into_iter()
        .map(|e| (e.action, e.before_json, e.after_json))
        .collect()
}

#[tokio::test]
async fn each_create_and_rename_is_audited_with_the_name_before_and_after() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let a = &w.admin;
        let area = reference_admin::save_area(&w.db, a, "", "Hallstavik")
            .await
            .unwrap();
        reference_admin::save_area(&w.db, a, &area.to_string(), "Älmsta")
            .await
            .unwrap();
        let place = reference_admin::save_place(&w.db, a, "", &area.to_string(), "Hamnen")
            .await
            .unwrap();
        reference_admin::save_place(&w.db, a, &place.to_string(), "", "Gästhamnen")
            .await
            .unwrap();
        reference_admin::save_category(&w.db, a, "", "Båtstölder", "Boat theft")
            .await
            .unwrap();
        reference_admin::save_organisation(&w.db, a, "", "Kustbevakningen", "police")
            .await
            .unwrap();
        let events = reference_events(&w).await;
        assert_eq!(events.len(), 6, "{backend}: {events:?}");
        assert_eq!(events[0].0, AuditAction::Create);
        assert_eq!(
            events[1],
            (
                AuditAction::Update,
                Some(r#"{"kind":"area","name":"Hallstavik","retired":false}"#.to_owned()),
                Some(r#"{"kind":"area","name":"Älmsta","retired":false}"#.to_owned()),
            ),
            "{backend}"
        );
        assert!(
            events[3].1.as_deref().unwrap().contains("Hamnen"),
            "{backend}"
        );
        assert!(events[3].2.as_deref().unwrap().contains("Gästhamnen"));
        assert!(events[4].2.as_deref().unwrap().contains("category"));
        assert!(events[5].2.as_deref().unwrap().contains("Kustbevakningen"));
    }
}

#[tokio::test]
async fn other_roles_and_bad_input_are_refused_and_store_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let areas = || app::ssr::entities::area::Entity::find().count(&w.db);
        let before = areas().await.unwrap();
        for who in [&w.coordinator, &w.police, &w.manager] {
            assert_eq!(
                reference_admin::save_area(&w.db, who, "", "Finsta").await,
                Err(AppError::Forbidden),
                "{backend}: {:?}",
                who.role
            );
        }
        assert_eq!(
            reference_admin::save_area(&w.db, &w.admin, "", "Rimbo").await,
            Err(AppError::field("name", FieldError::Taken)),
            "{backend}"
        );
        assert_eq!(
            reference_admin::save_organisation(&w.db, &w.admin, "", "Nya", "nonsense")
                .await
                .unwrap_err()
                .issue_for("kind"),
            Some(&FieldError::Invalid),
            "{backend}"
        );
        assert_eq!(areas().await.unwrap(), before, "{backend}");
        assert!(
            reference_events(&w).await.is_empty(),
            "{backend}: nothing audited"
        );
    }
}
