//! The contact directory ("everyone is one phone call away"): who to call per function and
//! area, with work phone, work e-mail and a deputy. People who leave are deactivated, never
//! deleted, so past minutes keep their names.

#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError, Issues};
use crate::ids::{AreaId, OrganisationId};
use crate::text::{Email, Name, PersonName};

/// What a contact is there for. Persisted as a short string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")
)]
pub enum ContactFunction {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "community_police"))]
    CommunityPolice,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "field_worker"))]
    FieldWorker,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "school_principal"))]
    SchoolPrincipal,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "school_counsellor"))]
    SchoolCounsellor,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "student_health"))]
    StudentHealth,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "social_on_call"))]
    SocialOnCall,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "social_office"))]
    SocialOffice,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "property_duty"))]
    PropertyDuty,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "youth_leisure"))]
    YouthLeisure,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "youth_clinic"))]
    YouthClinic,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "security_guard"))]
    SecurityGuard,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "safety_coordinator"))]
    SafetyCoordinator,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl ContactFunction {
    pub const ALL: [ContactFunction; 13] = [
        ContactFunction::CommunityPolice,
        ContactFunction::FieldWorker,
        ContactFunction::SchoolPrincipal,
        ContactFunction::SchoolCounsellor,
        ContactFunction::StudentHealth,
        ContactFunction::SocialOnCall,
        ContactFunction::SocialOffice,
        ContactFunction::PropertyDuty,
        ContactFunction::YouthLeisure,
        ContactFunction::YouthClinic,
        ContactFunction::SecurityGuard,
        ContactFunction::SafetyCoordinator,
        ContactFunction::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContactFunction::CommunityPolice => "community_police",
            ContactFunction::FieldWorker => "field_worker",
            ContactFunction::SchoolPrincipal => "school_principal",
            ContactFunction::SchoolCounsellor => "school_counsellor",
            ContactFunction::StudentHealth => "student_health",
            ContactFunction::SocialOnCall => "social_on_call",
            ContactFunction::SocialOffice => "social_office",
            ContactFunction::PropertyDuty => "property_duty",
            ContactFunction::YouthLeisure => "youth_leisure",
            ContactFunction::YouthClinic => "youth_clinic",
            ContactFunction::SecurityGuard => "security_guard",
            ContactFunction::SafetyCoordinator => "safety_coordinator",
            ContactFunction::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == text.trim())
    }
}

/// A work phone number as typed ("0176-711 00", "+46 8 123 45 67", "114 14"): digits with
/// spaces, hyphens and one leading `+`; 3 to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(FieldError::Required);
        }
        let body = text.strip_prefix('+').unwrap_or(text);
        if !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        {
            return Err(FieldError::Invalid);
        }
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if !(3..=15).contains(&digits) {
            return Err(FieldError::Invalid);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The `tel:` link for a stored number: digits and the leading `+` only.
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{digits}")
}

/// The contact form as typed. Empty `area_id` means the whole municipality; empty
/// `deputy_id` means no deputy; `account_email` links the entry to a user account so that
/// person can keep it up to date (and counts as a member where the entry is one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    pub name: String,
    pub organisation_id: String,
    pub function: String,
    pub unit: String,
    pub area_id: String,
    pub phone: String,
    pub email: String,
    pub deputy_id: String,
    pub account_email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidContact {
    pub name: String,
    pub organisation_id: OrganisationId,
    pub function: ContactFunction,
    /// The school, unit or office ("Ekebyskolan").
    pub unit: Option<String>,
    pub area_id: Option<AreaId>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub deputy_id: Option<uuid::Uuid>,
    pub account_email: Option<String>,
}

fn optional<T>(
    issues: &mut Issues,
    field: &str,
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, FieldError>,
) -> Option<Option<T>> {
    if text.trim().is_empty() {
        Some(None)
    } else {
        issues.check(field, parse(text).map(Some))
    }
}

impl ContactInput {
    /// Checks every field. A contact needs a phone number or an e-mail address: an entry
    /// nobody can reach is no use in the directory.
    pub fn validate(&self) -> Result<ValidContact, AppError> {
        let mut issues = Issues::default();
        let name = issues.check(
            "name",
            PersonName::parse(&self.name).map(PersonName::into_inner),
        );
        let organisation = issues.check(
            "organisation_id",
            OrganisationId::parse(&self.organisation_id),
        );
        let function = issues.check(
            "function",
            if self.function.trim().is_empty() {
                Err(FieldError::Required)
            } else {
                ContactFunction::parse(&self.function).ok_or(FieldError::Invalid)
            },
        );
        let unit = optional(&mut issues, "unit", &self.unit, |t| {
            Name::parse(t).map(Name::into_inner)
        });
        let area = optional(&mut issues, "area_id", &self.area_id, AreaId::parse);
        let phone = optional(&mut issues, "phone", &self.phone, |t| {
            Phone::parse(t).map(Phone::into_inner)
        });
        let email = optional(&mut issues, "email", &self.email, |t| {
            Email::parse(t).map(|e| e.as_str().to_owned())
        });
        if self.phone.trim().is_empty() && self.email.trim().is_empty() {
            issues.check("phone", Err::<(), _>(FieldError::Required));
        }
        let deputy = optional(&mut issues, "deputy_id", &self.deputy_id, |t| {
            uuid::Uuid::parse_str(t.trim()).map_err(|_| FieldError::Invalid)
        });
        let account = optional(&mut issues, "account_email", &self.account_email, |t| {
            Email::parse(t).map(|e| e.as_str().to_owned())
        });
        issues.finish(|| {
            Some(ValidContact {
                name: name?,
                organisation_id: organisation?,
                function: function?,
                unit: unit?,
                area_id: area?,
                phone: phone?,
                email: email?,
                deputy_id: deputy?,
                account_email: account?,
            })
        })
    }
}

/// How to reach someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// One line of the directory. When the person in a post has left, the line shows their
/// deputy in the post (`stands_in`) and never the departed person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEntry {
    pub id: String,
    pub function: ContactFunction,
    pub organisation: String,
    pub organisation_id: String,
    pub unit: Option<String>,
    pub area: Option<String>,
    pub area_id: Option<String>,
    pub person: Reach,
    pub deputy: Option<Reach>,
    pub deputy_id: Option<String>,
    /// The post's holder has left; `person` is their deputy.
    pub stands_in: bool,
    /// The caller may change this entry (coordinators, or the person themselves).
    pub can_edit: bool,
    pub account_email: Option<String>,
}

/// The directory page: matching entries, and whether the caller keeps the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub entries: Vec<ContactEntry>,
    pub can_manage: bool,
    /// Everyone in the directory who can be named a deputy, (id, "name, organisation"),
    /// whatever the search (a narrowed search must not narrow the choice); empty for callers
    /// who cannot change any entry.
    pub people: Vec<(String, String)>,
    /// People who have left, (id, "name, organisation"), for those who keep the directory to
    /// bring back; empty for everyone else.
    #[serde(default)]
    pub left: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ContactInput {
        ContactInput {
            name: "Rikard Områdespolis".into(),
            organisation_id: uuid::Uuid::from_u128(1).to_string(),
            function: "community_police".into(),
            area_id: uuid::Uuid::from_u128(2).to_string(),
            phone: "0176-711 00".into(),
            ..ContactInput::default()
        }
    }

    #[test]
    fn phone_numbers_are_digits_with_separators() {
        assert!(Phone::parse("0176-711 00").is_ok());
        assert!(Phone::parse("+46 8 123 45 67").is_ok());
        assert!(Phone::parse("114 14").is_ok());
        assert_eq!(Phone::parse("12"), Err(FieldError::Invalid));
        assert_eq!(Phone::parse("ring mig"), Err(FieldError::Invalid));
        assert_eq!(Phone::parse("+46+8"), Err(FieldError::Invalid));
        assert_eq!(Phone::parse("1234567890123456"), Err(FieldError::Invalid));
        assert_eq!(Phone::parse(" "), Err(FieldError::Required));
    }

    #[test]
    fn tel_links_keep_only_digits_and_the_leading_plus() {
        assert_eq!(tel_href("0176-711 00"), "tel:017671100");
        assert_eq!(tel_href("+46 8 123 45 67"), "tel:+4681234567");
    }

    #[test]
    fn a_contact_needs_a_way_to_reach_them() {
        let valid = input().validate().expect("valid");
        assert_eq!(valid.function, ContactFunction::CommunityPolice);
        assert_eq!(valid.email, None);
        let unreachable = ContactInput {
            phone: String::new(),
            ..input()
        };
        let err = unreachable.validate().expect_err("no phone or e-mail");
        assert_eq!(err.issue_for("phone"), Some(&FieldError::Required));
    }

    #[test]
    fn every_field_is_checked_and_named() {
        let bad = ContactInput {
            name: String::new(),
            function: "sheriff".into(),
            email: "not-an-address".into(),
            unit: "Skolan 19121212-1212".into(),
            deputy_id: "x".into(),
            ..input()
        };
        let err = bad.validate().expect_err("refused");
        assert_eq!(err.issue_for("name"), Some(&FieldError::Required));
        assert_eq!(err.issue_for("function"), Some(&FieldError::Invalid));
        assert_eq!(err.issue_for("email"), Some(&FieldError::Invalid));
        assert_eq!(err.issue_for("deputy_id"), Some(&FieldError::Invalid));
        assert!(matches!(
            err.issue_for("unit"),
            Some(FieldError::PersonalData { .. })
        ));
    }

    #[test]
    fn function_codes_round_trip() {
        for f in ContactFunction::ALL {
            assert_eq!(ContactFunction::parse(f.code()), Some(f));
        }
    }

    proptest::proptest! {
        /// Any directory form gets field errors or a valid entry, never a panic.
        #[test]
        fn any_form_gets_field_errors_or_a_valid_entry(
            fields in proptest::collection::vec("(?s).{0,80}", 9),
        ) {
            let input = ContactInput {
                name: fields[0].clone(), organisation_id: fields[1].clone(),
                function: fields[2].clone(), unit: fields[3].clone(), area_id: fields[4].clone(),
                phone: fields[5].clone(), email: fields[6].clone(), deputy_id: fields[7].clone(),
                account_email: fields[8].clone(),
            };
            let result = input.validate();
            proptest::prop_assert!(matches!(result, Ok(_) | Err(AppError::Validation(_))));
        }
    }
}
