//! Service tests for creating a meeting series: one write with its audit event; an unknown
//! member organisation or another role stores nothing.

mod common;

use app::ssr::entities::audit_event;
use app::ssr::entities::meetings::series;
use app::ssr::meetings;
use app::ssr::testing::databases;
use common::world;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::audit::{AuditAction, RecordType};
use shared::{AppError, FieldError};
use uuid::Uuid;

#[tokio::test]
async fn a_new_series_is_audited_with_its_members_and_a_refused_one_stores_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let police = w.police_org.0;
        let id = meetings::create_series_at(
            &w.db,
            c,
            "Trygghetsmöte",
            3,
            "09:00",
            "Rimbo bibliotek",
            &[police, police],
        )
        .await
        .unwrap();
        let event = audit_event::Entity::find()
            .filter(audit_event::Column::RecordId.eq(id))
            .one(&w.db)
            .await
            .unwrap()
            .expect("audited");
        assert_eq!(
            (event.action, event.record_type),
            (AuditAction::Create, RecordType::Meeting),
            "{backend}"
        );
        let after = event.after_json.unwrap();
        assert!(
            after.contains("Trygghetsmöte") && after.contains("\"members\":[\"Polisen\"]"),
            "{after}"
        );

        let count = || series::Entity::find().count(&w.db);
        let before = count().await.unwrap();
        assert_eq!(
            meetings::create_series(
                &w.db,
                c,
                "Annat möte",
                3,
                "09:00",
                &[police, Uuid::now_v7()]
            )
            .await
            .unwrap_err()
            .issue_for("members"),
            Some(&FieldError::Unknown),
            "{backend}"
        );
        assert_eq!(
            meetings::create_series(&w.db, &w.police, "Annat möte", 3, "09:00", &[police]).await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        assert_eq!(count().await.unwrap(), before, "{backend}: nothing stored");
    }
}
