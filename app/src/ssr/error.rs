//! Maps database errors onto the wire error in one place; internals only reach the log.

use sea_orm::{DbErr, SqlErr};
use shared::AppError;

pub type Result<T> = std::result::Result<T, AppError>;

/// Unique and foreign-key violations become `Conflict`; everything else is logged with its
/// cause and answered with an opaque `Internal`.
pub fn db_err(err: DbErr) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict,
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => AppError::Conflict,
        _ => {
            tracing::error!(error = ?err, "database error");
            AppError::Internal
        }
    }
}
