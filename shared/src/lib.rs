//! Domain types shared by the server and the browser: ids, roles, validated inputs, DTOs and
//! the one error type that crosses the wire. Depends on nothing of ours; compiles to wasm32.

pub mod account;
pub mod action;
pub mod audit;
pub mod contact;
pub mod dashboard;
pub mod disclosure;
pub mod error;
pub mod group;
pub mod guard;
pub mod ids;
pub mod incident;
pub mod lang;
pub mod meeting;
pub mod names;
pub mod password;
pub mod paths;
pub mod picture;
pub mod place_match;
pub mod redaction;
pub mod reference;
pub mod report;
pub mod search;
pub mod statistics;
pub mod text;
pub mod user;
pub mod walk;
pub mod week;
pub mod work_order;

pub use error::{AppError, FieldError, FieldIssue};
