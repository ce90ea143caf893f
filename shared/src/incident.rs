//! Incidents (händelser): the form input with its rules, and what lists and pages show.

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError, Issues};
use crate::ids::{AreaId, CategoryId, IncidentId, OrganisationId};
use crate::names::NameWarning;
use crate::text::{IncidentDescription, PlaceName};

/// Incidents logged more than this far ahead of the clock are refused (clock skew allowance).
const FUTURE_SLACK_MINUTES: i64 = 5;
/// Incidents older than this are refused in the form (history comes in through import).
const MAX_AGE_DAYS: i64 = 366;

/// Parses the local (Europe/Stockholm) time from `<input type="datetime-local">`, refusing times
/// in the future and implausibly old ones. `now_local` is the current local time.
pub fn parse_occurred_at(
    input: &str,
    now_local: NaiveDateTime,
) -> Result<NaiveDateTime, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    let formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"];
    let time = formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or(FieldError::Invalid)?;
    if time > now_local + TimeDelta::minutes(FUTURE_SLACK_MINUTES) {
        return Err(FieldError::InFuture);
    }
    if time < now_local - TimeDelta::days(MAX_AGE_DAYS) {
        return Err(FieldError::TooOld);
    }
    Ok(time)
}

/// The incident form as typed: every field is text, exactly as a browser posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentInput {
    pub occurred_at: String,
    pub area_id: String,
    pub place: String,
    pub category_id: String,
    pub description: String,
    pub youth_involved: bool,
    pub physical_environment: bool,
    /// Keep text the name warning flagged ("Gustav Adolfs torg" is a place, not a person).
    #[serde(default)]
    pub keep_name: bool,
}

/// An incident that passed every rule that can be checked without the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidIncident {
    pub occurred_local: NaiveDateTime,
    pub area_id: AreaId,
    pub place: PlaceName,
    pub category_id: CategoryId,
    pub description: IncidentDescription,
    pub youth_involved: bool,
    pub physical_environment: bool,
    /// A name warning the reporter chose to keep (counted for the coordinators).
    pub kept_warning: Option<NameWarning>,
}

impl IncidentInput {
    /// Field names as used in the form and in validation errors.
    pub const FIELDS: [&'static str; 5] = [
        "occurred_at",
        "area_id",
        "place",
        "category_id",
        "description",
    ];

    /// Checks every field; the browser and the server run this same code.
    pub fn validate(&self, now_local: NaiveDateTime) -> Result<ValidIncident, AppError> {
        let mut issues = Issues::default();
        let occurred = issues.check(
            "occurred_at",
            parse_occurred_at(&self.occurred_at, now_local),
        );
        let area = issues.check("area_id", AreaId::parse(&self.area_id));
        let place = issues.check("place", PlaceName::parse(&self.place));
        let category = issues.check("category_id", CategoryId::parse(&self.category_id));
        let description =
            issues.check("description", IncidentDescription::parse(&self.description));
        // A name is a warning: sent again with `keep_name`, the text is kept and counted.
        let mut kept_warning = None;
        for (field, text) in [
            ("place", place.as_ref().map(PlaceName::as_str)),
            (
                "description",
                description.as_ref().map(IncidentDescription::as_str),
            ),
        ] {
            let Some(hit) = text.and_then(crate::names::first) else {
                continue;
            };
            if self.keep_name {
                kept_warning = kept_warning.or(Some(hit.kind));
            } else {
                issues.check::<()>(
                    field,
                    Err(FieldError::LooksLikeName {
                        kind: hit.kind,
                        position: hit.position,
                    }),
                );
            }
        }
        issues.finish(|| {
            Some(ValidIncident {
                occurred_local: occurred?,
                area_id: area?,
                place: place?,
                category_id: category?,
                description: description?,
                youth_involved: self.youth_involved,
                physical_environment: self.physical_environment,
                kept_warning,
            })
        })
    }
}

/// One row of the incident list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentSummary {
    pub id: IncidentId,
    /// Local time, formatted `2026-11-24 21:30`.
    pub occurred_at: String,
    pub week: String,
    pub area: String,
    pub place: String,
    pub category: String,
    pub organisation: String,
    pub youth_involved: bool,
    pub physical_environment: bool,
    /// Logged after its organisation had sent that week's report.
    pub late_addition: bool,
    /// The start of the description, for the list (empty elsewhere and once anonymised).
    #[serde(default)]
    pub excerpt: String,
}

/// A page of the list, newest first, with the cursor of the next (older) page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentPage {
    pub items: Vec<IncidentSummary>,
    pub next_cursor: Option<String>,
}

/// Everything the detail page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentDetail {
    pub summary: IncidentSummary,
    pub description: String,
    pub reporter: String,
    pub organisation_id: OrganisationId,
    pub logged_at: String,
    pub updated_at: Option<String>,
    /// When retention removed its description and exact place (and the reporter's name).
    pub anonymised_at: Option<String>,
    pub can_edit: bool,
    /// The stored values in form shape, for the edit form.
    pub input: IncidentInput,
    /// Who created and changed it, and what changed, oldest first.
    pub history: Vec<crate::audit::AuditEntry>,
    /// The caller may remove personal data from it (coordinators).
    #[serde(default)]
    pub can_redact: bool,
    /// The caller may ask the coordinators to (reporters of its organisation).
    #[serde(default)]
    pub can_request_redaction: bool,
    /// Open requests to remove personal data from it (shown to coordinators).
    #[serde(default)]
    pub redaction_requests: Vec<crate::redaction::RedactionRequest>,
    /// The work orders it is in, oldest first.
    #[serde(default)]
    pub work_orders: Vec<crate::work_order::WorkOrderBrief>,
    /// The caller may send it as a work order now (none is open for it).
    #[serde(default)]
    pub can_send_work_order: bool,
}

/// The list filters, as they appear in the URL query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentFilter {
    pub week: Option<String>,
    pub area: Option<String>,
    pub category: Option<String>,
    pub organisation: Option<String>,
    /// Words to find in the description or the place's name.
    #[serde(default)]
    pub q: Option<String>,
    /// Keyset cursor: the last row of the previous page.
    pub before: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(21, 30, 0)
            .unwrap()
    }

    fn valid_input() -> IncidentInput {
        IncidentInput {
            occurred_at: "2026-11-24T20:15".into(),
            area_id: "0191f0a0-0000-7000-8000-000000000001".into(),
            place: "Busstationen".into(),
            category_id: "0191f0a0-0000-7000-8000-000000000002".into(),
            description: "Krossad glasruta i väntkuren.".into(),
            youth_involved: true,
            physical_environment: false,
            keep_name: false,
        }
    }

    #[test]
    fn a_complete_form_is_accepted() {
        let v = valid_input().validate(now()).unwrap();
        assert_eq!(v.place.as_str(), "Busstationen");
        assert!(v.youth_involved);
        assert_eq!(v.occurred_local.to_string(), "2026-11-24 20:15:00");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = IncidentInput {
            occurred_at: "2026-11-25T08:00".into(),
            area_id: "".into(),
            place: "x".into(),
            category_id: "vandalism".into(),
            description: " ".into(),
            ..valid_input()
        };
        let err = input.validate(now()).unwrap_err();
        assert_eq!(err.issue_for("occurred_at"), Some(&FieldError::InFuture));
        assert_eq!(err.issue_for("area_id"), Some(&FieldError::Required));
        assert_eq!(
            err.issue_for("place"),
            Some(&FieldError::TooShort { min: 2 })
        );
        assert_eq!(err.issue_for("category_id"), Some(&FieldError::Invalid));
        assert_eq!(err.issue_for("description"), Some(&FieldError::Required));
    }

    #[test]
    fn times_within_the_clock_slack_are_accepted_but_not_beyond() {
        assert!(parse_occurred_at("2026-11-24T21:34", now()).is_ok());
        assert_eq!(
            parse_occurred_at("2026-11-24T21:36", now()),
            Err(FieldError::InFuture)
        );
    }

    #[test]
    fn times_parse_in_browser_and_typed_shapes() {
        assert!(parse_occurred_at("2026-11-24T20:15:30", now()).is_ok());
        assert!(parse_occurred_at("2026-11-24 20:15", now()).is_ok());
        assert_eq!(
            parse_occurred_at("24/11/2026 20:15", now()),
            Err(FieldError::Invalid)
        );
        assert_eq!(
            parse_occurred_at("2026-02-30T10:00", now()),
            Err(FieldError::Invalid)
        );
        assert_eq!(
            parse_occurred_at("2024-01-01T10:00", now()),
            Err(FieldError::TooOld)
        );
    }

    proptest::proptest! {
        /// Whatever a browser or a script posts, validation answers with field errors naming
        /// the form's own fields, or a valid incident; it never panics or says anything else.
        #[test]
        fn any_form_gets_field_errors_or_a_valid_incident(
            occurred_at in "(?s).{0,40}",
            area_id in "(?s).{0,40}",
            place in "(?s).{0,120}",
            category_id in "(?s).{0,40}",
            description in "(?s).{0,2100}",
        ) {
            let input = IncidentInput {
                occurred_at, area_id, place, category_id, description,
                youth_involved: false, physical_environment: false,
                keep_name: false,
            };
            match input.validate(now()) {
                Ok(valid) => {
                    proptest::prop_assert!(!valid.description.as_str().chars().any(char::is_control));
                }
                Err(AppError::Validation(issues)) => {
                    for issue in issues.iter() {
                        proptest::prop_assert!(IncidentInput::FIELDS.contains(&issue.field.as_str()));
                    }
                }
                Err(other) => proptest::prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}
