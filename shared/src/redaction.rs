//! Removing personal data that slipped into an incident: the coordinator's redaction (the
//! whole description or a passage of it, and the place's name), which also reaches every
//! earlier version of the text in the incident's history, and a reporter's request for one.

use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::error::{FieldError, Issues};
use crate::text::RedactionReason;

/// What stands where removed text was, in the incident and in its history.
pub const MARK: &str = "[borttaget av samordnare]";

/// The longest passage that can be removed at once (the longest description).
const PASSAGE_MAX: usize = 2000;

/// The redaction form as it is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedactionInput {
    /// `whole` for the whole description, `part` for a passage of it, empty for neither.
    pub description: String,
    /// The passage to remove (with `part`), exactly as it stands. Never stored or echoed.
    pub passage: String,
    /// Remove the place's name too.
    pub place: bool,
    pub reason: String,
}

/// What the description loses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DescriptionCut {
    Nothing,
    Whole,
    Passage(String),
}

impl DescriptionCut {
    /// `text` with the cut made: the whole replaced by [`MARK`], or every occurrence of the
    /// passage.
    pub fn apply(&self, text: &str) -> String {
        match self {
            Self::Nothing => text.to_owned(),
            Self::Whole => MARK.to_owned(),
            Self::Passage(p) => text.replace(p.as_str(), MARK),
        }
    }

    /// Whether the cut would change `text`.
    pub fn touches(&self, text: &str) -> bool {
        match self {
            Self::Nothing => false,
            Self::Whole => text != MARK,
            Self::Passage(p) => text.contains(p.as_str()),
        }
    }

    /// How the audit names it, never with the text: `whole`, `part` or nothing.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Nothing => "",
            Self::Whole => "whole",
            Self::Passage(_) => "part",
        }
    }
}

/// A redaction that can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRedaction {
    pub description: DescriptionCut,
    pub place: bool,
    pub reason: RedactionReason,
}

impl RedactionInput {
    pub fn validate(&self) -> Result<ValidRedaction, AppError> {
        let mut issues = Issues::default();
        let description = match self.description.trim() {
            "whole" => Some(DescriptionCut::Whole),
            "part" => {
                let passage = self.passage.trim();
                let checked = if passage.is_empty() {
                    Err(FieldError::Required)
                } else if passage.chars().count() > PASSAGE_MAX {
                    Err(FieldError::TooLong { max: PASSAGE_MAX })
                } else if passage.chars().any(|c| c.is_control() && c != '\n') {
                    Err(FieldError::ForbiddenCharacters)
                } else {
                    Ok(DescriptionCut::Passage(passage.replace("\r\n", "\n")))
                };
                issues.check("passage", checked)
            }
            "" if self.place => Some(DescriptionCut::Nothing),
            "" => issues.check("description", Err(FieldError::Required)),
            _ => issues.check("description", Err(FieldError::Invalid)),
        };
        let reason = issues.check("reason", RedactionReason::parse(&self.reason));
        issues.finish(|| {
            Some(ValidRedaction {
                description: description?,
                place: self.place,
                reason: reason?,
            })
        })
    }
}

/// A reporter's request that the coordinators remove personal data from an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedactionRequest {
    pub id: String,
    pub incident_id: String,
    /// Where and what, for the coordinator's list: "Rimbo, Torget · Klotter".
    pub incident: String,
    pub organisation: String,
    pub reason: String,
    /// Local time, `2026-12-04 10:15`.
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(description: &str, passage: &str, place: bool, reason: &str) -> RedactionInput {
        RedactionInput {
            description: description.into(),
            passage: passage.into(),
            place,
            reason: reason.into(),
        }
    }

    #[test]
    fn a_passage_is_cut_wherever_it_stands_and_the_whole_text_at_once() {
        let cut = DescriptionCut::Passage("Kalle Ek".into());
        let text = "Kalle Ek klottrade. Sedan sprang Kalle Ek.";
        assert_eq!(
            cut.apply(text),
            format!("{MARK} klottrade. Sedan sprang {MARK}.")
        );
        assert!(cut.touches(text) && !cut.touches("Ingen här"));
        assert_eq!(DescriptionCut::Whole.apply(text), MARK);
        assert!(!DescriptionCut::Whole.touches(MARK));
    }

    #[test]
    fn a_redaction_needs_something_to_remove_and_a_reason_without_personal_data() {
        let err = input("", "", false, "").validate().unwrap_err();
        assert_eq!(err.issue_for("description"), Some(&FieldError::Required));
        assert_eq!(err.issue_for("reason"), Some(&FieldError::Required));
        let err = input("part", "  ", false, "Elevens namn")
            .validate()
            .unwrap_err();
        assert_eq!(err.issue_for("passage"), Some(&FieldError::Required));
        let err = input("whole", "", false, "Ring 070-123 45 67")
            .validate()
            .unwrap_err();
        assert!(matches!(
            err.issue_for("reason"),
            Some(FieldError::PersonalData { .. })
        ));
        let ok = input("", "", true, "Adressen pekar ut en person")
            .validate()
            .unwrap();
        assert_eq!((ok.description, ok.place), (DescriptionCut::Nothing, true));
        let ok = input("part", " Kalle Ek ", false, "Elevens namn")
            .validate()
            .unwrap();
        assert_eq!(ok.description, DescriptionCut::Passage("Kalle Ek".into()));
    }
}
