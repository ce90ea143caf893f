//! One module per route.

pub mod actions;
pub mod admin;
pub mod audit;
pub mod dashboard;
pub mod directory;
pub mod groups;
pub mod home;
pub mod home_manager;
pub mod incident_detail;
pub mod incident_edit;
pub mod incident_form;
pub mod incident_list;
pub mod incident_new;
pub mod meeting_actions;
pub mod meeting_attendance;
pub mod meeting_items;
pub mod meeting_new_actions;
pub mod meeting_sections;
pub mod meetings;
pub mod minutes_print;
pub mod not_found;
pub mod picture;
pub mod reports;
pub mod sign_in;
pub mod year_report;
