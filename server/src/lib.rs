//! Start-up of the Samverkan server: configuration, the router, the session middleware and
//! serving on a given listener. `main.rs` only parses the command line.

pub mod assets;
pub mod backup;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod dashboard_export;
pub mod export;
pub mod photos;
pub mod security;
pub mod session;
pub mod startup;

pub use config::Config;
pub use startup::{Application, build_state};
