//! sea-orm entities, one per table. They never leave the server: services map them to DTOs.

pub mod action;
pub mod action_incident;
pub mod area;
pub mod audit_event;
pub mod category;
pub mod contact;
pub mod incident;
pub mod incident_count;
pub mod kept_warning;
pub mod meetings;
pub mod organisation;
pub mod password_link;
pub mod place;
pub mod redaction_request;
pub mod safety_walk;
pub mod service_level;
pub mod session;
pub mod sign_in_failure;
pub mod user;
pub mod walk_observation;
pub mod walk_photo;
pub mod weekly_report;
pub mod work_order;
pub mod work_order_incident;
pub mod work_order_photo;
