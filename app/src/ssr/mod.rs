//! Server-only code: state, database access, services per aggregate, sessions, demo data.
//! Pages never reach in here; server functions call these services and return `shared` DTOs.

pub mod accounts;
pub mod actions;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod contacts;
pub mod counts;
pub mod dashboard;
pub mod db;
pub mod demo;
mod demo_actions;
pub mod demo_directory;
mod demo_history;
mod demo_work_orders;
pub mod entities;
pub mod error;
pub mod groups;
pub mod import;
pub mod incidents;
pub mod kept_warnings;
pub mod meeting_detail;
pub mod meeting_plans;
pub mod meetings;
pub mod minutes;
pub mod password_links;
pub mod picture;
pub mod places;
pub mod redaction;
pub mod reference;
pub mod reference_admin;
pub mod reports;
pub mod retention;
pub mod scale;
pub mod security;
pub mod state;
pub mod testing;
pub mod throttle;
pub mod time;
pub mod users;
pub mod views;
pub mod walks;
pub mod work_orders;
pub mod writes;

pub use error::{Result, db_err};
pub use state::{AppState, Settings};
