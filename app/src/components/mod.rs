//! Reusable view pieces. They use only `shared` types and the translation layer.

pub mod account_fields;
pub mod action_fields;
pub mod chart;
pub mod contacts;
pub mod draft_queue;
pub mod fields;
pub mod figures;
pub mod filter_form;
pub mod history;
pub mod labels;
pub mod layout;
pub mod made_once;
pub mod observe;
pub mod order_views;
pub mod password_link;
pub mod redaction;
pub mod routing;
pub mod saving;
pub mod shortened;
pub mod town_ratings;
pub mod unsaved;
pub mod week_picker;
