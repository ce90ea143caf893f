//! Server functions, one module per aggregate. Thin: find the caller and the database, call the
//! service in `ssr`, return `shared` DTOs. Endpoints are fixed (`/api/...`) so tests and forms
//! without JavaScript can name them.

pub mod accounts;
pub mod actions;
pub mod audit;
pub mod auth;
pub mod contacts;
#[cfg(feature = "ssr")]
pub mod context;
pub mod dashboard;
pub mod groups;
pub mod incidents;
pub mod meeting_actions;
pub mod meetings;
pub mod picture;
pub mod places;
pub mod redaction;
pub mod reference;
pub mod reports;
pub mod walks;
pub mod work_orders;
