//! Database schema, as ordered sea-orm migrations that run on SQLite and PostgreSQL alike.
//! Demo and seed data are not migrations: see `samverkan demo-data`.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261124_000001_create_reference_data;
mod m20261124_000002_create_users_and_sessions;
mod m20261124_000003_create_incidents;
mod m20261124_000004_create_audit_events;
mod m20261124_000005_create_weekly_reports;
mod m20261124_000006_create_actions;
mod m20261124_000007_create_meetings;
mod m20261124_000008_add_place_to_actions;
mod m20261124_000009_create_contacts_and_area_groups;
mod m20261125_000010_create_incident_counts;
mod m20261125_000011_index_open_actions;
mod m20261125_000012_index_incidents_by_area_and_category;
mod m20261201_000013_add_retention;
mod m20261203_000014_create_minutes_action_states;
mod m20261203_000015_add_series_location;
mod m20261203_000016_create_person_attendance;
mod m20261204_000017_create_password_links;
mod m20261204_000018_retire_and_merge_reference_data;
mod m20261204_000019_create_redaction_requests;
mod m20261204_000020_create_kept_warnings;
mod m20261204_000021_create_incident_search;
mod m20261204_000022_create_sign_in_failures;
mod m20261204_000023_lock_finalised_minutes;
mod m20261204_000024_create_work_orders;
mod m20261204_000025_create_service_levels;
mod m20261204_000026_create_work_order_photos;
mod m20261204_000027_create_safety_walks;
mod m20261205_000028_index_actions_by_due;
mod m20261205_000029_index_audit_changes_by_record;
mod m20261205_000030_order_incident_search_by_time;
mod m20261206_000031_keep_area_in_incident_search;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_reference_data::Migration),
            Box::new(m20261124_000002_create_users_and_sessions::Migration),
            Box::new(m20261124_000003_create_incidents::Migration),
            Box::new(m20261124_000004_create_audit_events::Migration),
            Box::new(m20261124_000005_create_weekly_reports::Migration),
            Box::new(m20261124_000006_create_actions::Migration),
            Box::new(m20261124_000007_create_meetings::Migration),
            Box::new(m20261124_000008_add_place_to_actions::Migration),
            Box::new(m20261124_000009_create_contacts_and_area_groups::Migration),
            Box::new(m20261125_000010_create_incident_counts::Migration),
            Box::new(m20261125_000011_index_open_actions::Migration),
            Box::new(m20261125_000012_index_incidents_by_area_and_category::Migration),
            Box::new(m20261201_000013_add_retention::Migration),
            Box::new(m20261203_000014_create_minutes_action_states::Migration),
            Box::new(m20261203_000015_add_series_location::Migration),
            Box::new(m20261203_000016_create_person_attendance::Migration),
            Box::new(m20261204_000017_create_password_links::Migration),
            Box::new(m20261204_000018_retire_and_merge_reference_data::Migration),
            Box::new(m20261204_000019_create_redaction_requests::Migration),
            Box::new(m20261204_000020_create_kept_warnings::Migration),
            Box::new(m20261204_000021_create_incident_search::Migration),
            Box::new(m20261204_000022_create_sign_in_failures::Migration),
            Box::new(m20261204_000023_lock_finalised_minutes::Migration),
            Box::new(m20261204_000024_create_work_orders::Migration),
            Box::new(m20261204_000025_create_service_levels::Migration),
            Box::new(m20261204_000026_create_work_order_photos::Migration),
            Box::new(m20261204_000027_create_safety_walks::Migration),
            Box::new(m20261205_000028_index_actions_by_due::Migration),
            Box::new(m20261205_000029_index_audit_changes_by_record::Migration),
            Box::new(m20261205_000030_order_incident_search_by_time::Migration),
            Box::new(m20261206_000031_keep_area_in_incident_search::Migration),
        ]
    }
}
