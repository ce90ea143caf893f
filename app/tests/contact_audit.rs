//! Service tests for the directory's audit trail: a change of organisation, area or linked
//! account shows in what the audit keeps before and after.

mod common;

use app::ssr::contacts;
use app::ssr::entities::audit_event;
use app::ssr::testing::databases;
use common::world;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::contact::ContactInput;

#[tokio::test]
async fn moving_an_entry_to_another_organisation_area_and_account_is_audited_in_full() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let input = ContactInput {
            name: "Per Polis".into(),
            organisation_id: w.police_org.to_string(),
            function: "community_police".into(),
            area_id: w.rimbo.to_string(),
            phone: "070-174 06 30".into(),
            ..ContactInput::default()
        };
        let id = contacts::save(&w.db, &w.coordinator, "", &input)
            .await
            .unwrap();
        let moved = ContactInput {
            organisation_id: w.school.organisation_id.to_string(),
            area_id: w.norrtalje.to_string(),
            account_email: "school@test.se".into(),
            ..input.clone()
        };
        contacts::save(&w.db, &w.coordinator, &id.to_string(), &moved)
            .await
            .unwrap();
        let change = audit_event::Entity::find()
            .filter(audit_event::Column::RecordId.eq(id))
            .order_by_desc(audit_event::Column::Id)
            .one(&w.db)
            .await
            .unwrap()
            .expect("audited");
        let (before, after) = (change.before_json.unwrap(), change.after_json.unwrap());
        assert_ne!(before, after, "{backend}");
        for (was, is) in [("Polisen", "Skolan"), ("Rimbo", "Norrtälje")] {
            assert!(
                before.contains(was) && after.contains(is),
                "{backend}: {before} → {after}"
            );
        }
        assert!(after.contains("school@test.se") && !before.contains("school@test.se"));
    }
}
