//! The error every server function returns, and the per-field validation issues it carries.

use serde::{Deserialize, Serialize};

/// Why one form field was refused. The UI turns each variant into a translated sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    /// Nothing was entered where something is required.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Shorter than `min` characters.
    TooShort { min: usize },
    /// Not in the expected shape (a date, an email address, an id).
    Invalid,
    /// A time that lies in the future.
    InFuture,
    /// A time implausibly far in the past.
    TooOld,
    /// A day that has already passed, where only today or later will do.
    Passed,
    /// Too early: a step that has to wait for its day (finalising a meeting's minutes).
    NotYet,
    /// Refers to a record that does not exist (an unknown area, category, place).
    Unknown,
    /// Contains control characters or other text that cannot be stored.
    ForbiddenCharacters,
    /// A value that must be unique is already taken.
    Taken,
    /// A password that is common or easy to guess.
    TooCommon,
    /// The repeated password differs from the first.
    Mismatch,
    /// The change would leave nobody able to administer the system (the last active admin).
    LastAdmin,
    /// A set-password link that has expired, has been used, or never existed.
    LinkInvalid,
    /// Retired reference data (an area, place, category or organisation) chosen for new work.
    Retired,
    /// An organisation that still has active accounts cannot be retired.
    ActiveAccounts,
    /// The passage to remove is not in the text (nor in any earlier version of it).
    NotInText,
    /// A file larger than `max_mb` megabytes.
    TooLarge { max_mb: u32 },
    /// A file that is not a JPEG, PNG or WebP image.
    NotAnImage,
    /// A record that already has `max` of these (photos on a work order).
    TooMany { max: u32 },
    /// Looks like a person's name or a pupil's class (at that character, counted from 1). A
    /// warning: the form can be sent again with the text kept as it is.
    LooksLikeName {
        kind: crate::names::NameWarning,
        position: usize,
    },
    /// Personal data found in free text (what kind, and at which character, counted from 1).
    /// The text itself is never echoed back: errors can end up in URLs and logs.
    PersonalData {
        kind: crate::guard::PersonalData,
        position: usize,
    },
}

/// A refused field: its form name and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    pub field: String,
    pub error: FieldError,
}

impl FieldIssue {
    pub fn new(field: &str, error: FieldError) -> Self {
        Self {
            field: field.to_owned(),
            error,
        }
    }
}

/// The one error type that crosses the wire. Server functions return it; pages match on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 422: one or more fields were refused; nothing was stored.
    #[error("validation failed")]
    Validation(Vec<FieldIssue>),
    /// 400: the request itself could not be read (missing or malformed arguments).
    #[error("bad request")]
    BadRequest,
    /// 401: the caller is not signed in (or the session expired).
    #[error("not signed in")]
    Unauthorized,
    /// 401: sign-in failed; deliberately the same for unknown email and wrong password.
    #[error("wrong email or password")]
    InvalidCredentials,
    /// 403: signed in, but the role or organisation may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 404: no such record, or one the caller may not know exists.
    #[error("not found")]
    NotFound,
    /// 409: the change conflicts with existing data.
    #[error("conflict")]
    Conflict,
    /// 409: the minutes are finalised and locked; corrections are appended as addenda.
    #[error("locked")]
    Locked,
    /// 429: too many failed sign-ins for this account or from this address; try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// 503 on the client side: the server could not be reached.
    #[error("network error")]
    Network,
    /// 500: something failed on the server; details are only in the server log.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// A validation error for a single field.
    pub fn field(field: &str, error: FieldError) -> Self {
        Self::Validation(vec![FieldIssue::new(field, error)])
    }

    /// The issue for `field`, if this is a validation error that names it.
    pub fn issue_for(&self, field: &str) -> Option<&FieldError> {
        match self {
            Self::Validation(issues) => issues.iter().find(|i| i.field == field).map(|i| &i.error),
            _ => None,
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Validation(_) => 422,
            Self::BadRequest => 400,
            Self::Unauthorized | Self::InvalidCredentials => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Conflict | Self::Locked => 409,
            Self::TooManyAttempts => 429,
            Self::Network => 503,
            Self::Internal => 500,
        }
    }
}

/// Collects field issues while parsing a form, so every refused field is reported at once.
#[derive(Debug, Default)]
pub struct Issues(Vec<FieldIssue>);

impl Issues {
    /// Records the error of `result` under `field` and returns its value, if any.
    pub fn check<T>(&mut self, field: &str, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(FieldIssue::new(field, error));
                None
            }
        }
    }

    /// `Ok(value)` when no issue was recorded, otherwise the validation error.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, AppError> {
        if self.0.is_empty() {
            value().ok_or(AppError::Internal)
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

/// Lets server functions return `AppError` directly; transport failures map onto its variants.
impl server_fn::error::FromServerFnError for AppError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(_) => AppError::Network,
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_report_every_refused_field() {
        let mut issues = Issues::default();
        let a: Option<u8> = issues.check("a", Err(FieldError::Required));
        let b = issues.check("b", Ok(2u8));
        let c: Option<u8> = issues.check("c", Err(FieldError::Invalid));
        let err = issues.finish(|| Some((a?, b?, c?))).unwrap_err();
        assert_eq!(err.issue_for("a"), Some(&FieldError::Required));
        assert_eq!(err.issue_for("b"), None);
        assert_eq!(err.issue_for("c"), Some(&FieldError::Invalid));
        assert_eq!(err.status(), 422);
    }

    #[test]
    fn issues_without_errors_yield_the_value() {
        let mut issues = Issues::default();
        let a = issues.check("a", Ok(1u8));
        assert_eq!(issues.finish(|| a), Ok(1));
    }
}
