//! Accounts as admins keep them in the app: who may sign in, in which organisation and role,
//! and the one-time links through which a newcomer (or someone whose password was reset)
//! chooses a password.

use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::error::{FieldError, Issues};
use crate::ids::{OrganisationId, UserId};
use crate::text::{Email, PersonName};
use crate::user::Role;

/// How long a set-password link stays valid.
pub const LINK_HOURS: i64 = 72;

/// One account as the users page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub organisation_id: OrganisationId,
    pub organisation: String,
    pub role: Role,
    pub active: bool,
    /// Local time of the last sign-in, `2026-12-04 09:15`; `None` if never.
    pub last_sign_in: Option<String>,
    /// Held by sign-in throttling after too many wrong passwords.
    pub locked: bool,
    /// Until when (local time) an unused set-password link is valid, if one is.
    pub link_valid_until: Option<String>,
    /// The admin looking at the list.
    pub is_caller: bool,
}

/// Which accounts to list, as the page's URL carries it. Empty means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFilter {
    /// Words in the name or e-mail address.
    pub q: String,
    pub organisation: String,
    pub role: String,
    /// `active`, `inactive` or empty for both.
    pub status: String,
}

impl AccountFilter {
    /// Whether `account` is one the filter asks for. The server filters with the same rule.
    pub fn matches(&self, account: &Account) -> bool {
        let words = self.q.to_lowercase();
        let haystack = format!("{} {}", account.name, account.email).to_lowercase();
        words.split_whitespace().all(|w| haystack.contains(w))
            && (self.organisation.trim().is_empty()
                || self.organisation.trim() == account.organisation_id.to_string())
            && (self.role.trim().is_empty() || Role::parse(&self.role) == Some(account.role))
            && match self.status.trim() {
                "active" => account.active,
                "inactive" => !account.active,
                _ => true,
            }
    }
}

/// An account's details as the create and change forms send them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInput {
    pub name: String,
    pub email: String,
    pub organisation_id: String,
    pub role: String,
}

/// [`AccountInput`] parsed: every field refused at once, named as the form names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFields {
    pub name: PersonName,
    pub email: Email,
    pub organisation_id: OrganisationId,
    pub role: Role,
}

impl AccountInput {
    pub fn validate(&self) -> Result<AccountFields, AppError> {
        let mut issues = Issues::default();
        let name = issues.check("name", PersonName::parse(&self.name));
        let email = issues.check("email", Email::parse(&self.email));
        let organisation_id = issues.check(
            "organisation_id",
            OrganisationId::parse(&self.organisation_id),
        );
        let role = issues.check(
            "role",
            match self.role.trim() {
                "" => Err(FieldError::Required),
                code => Role::parse(code).ok_or(FieldError::Invalid),
            },
        );
        issues.finish(|| {
            Some(AccountFields {
                name: name?,
                email: email?,
                organisation_id: organisation_id?,
                role: role?,
            })
        })
    }
}

/// A set-password link, shown once to the admin who made it (only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLink {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    /// The whole address to send the person.
    pub url: String,
    /// Local time, `2026-12-07 10:15`.
    pub valid_until: String,
}

/// Why a set-password link was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkPurpose {
    /// A new account's first password.
    Invite,
    /// An admin reset the password; the old one no longer works.
    Reset,
}

impl LinkPurpose {
    pub fn code(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Reset => "reset",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Invite, Self::Reset]
            .into_iter()
            .find(|p| p.code() == text)
    }
}

/// What the set-password page shows about a valid link: whose account it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub name: String,
    pub email: String,
    pub purpose: LinkPurpose,
}

/// A set-password link's token as it travels in the address: 64 hexadecimal characters.
pub fn is_token_shaped(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn account(name: &str, email: &str, role: Role, active: bool) -> Account {
        Account {
            id: UserId(Uuid::from_u128(1)),
            name: name.into(),
            email: email.into(),
            organisation_id: OrganisationId(Uuid::from_u128(9)),
            organisation: "Polisen".into(),
            role,
            active,
            last_sign_in: None,
            locked: false,
            link_valid_until: None,
            is_caller: false,
        }
    }

    #[test]
    fn the_filter_matches_every_word_in_name_or_email_and_the_chosen_lists() {
        let anna = account("Anna Berg", "anna.berg@norrtalje.se", Role::Reporter, true);
        let f = |q: &str, org: &str, role: &str, status: &str| AccountFilter {
            q: q.into(),
            organisation: org.into(),
            role: role.into(),
            status: status.into(),
        };
        assert!(f("", "", "", "").matches(&anna));
        assert!(f("anna NORRTALJE", "", "", "").matches(&anna));
        assert!(!f("anna lind", "", "", "").matches(&anna));
        assert!(f("", &Uuid::from_u128(9).to_string(), "reporter", "active").matches(&anna));
        assert!(!f("", &Uuid::from_u128(8).to_string(), "", "").matches(&anna));
        assert!(!f("", "", "admin", "").matches(&anna));
        assert!(!f("", "", "", "inactive").matches(&anna));
    }

    #[test]
    fn an_account_form_reports_every_refused_field() {
        let err = AccountInput {
            name: "A".into(),
            email: "not-an-address".into(),
            organisation_id: String::new(),
            role: "superuser".into(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            err.issue_for("name"),
            Some(&FieldError::TooShort { min: 2 })
        );
        assert_eq!(err.issue_for("email"), Some(&FieldError::Invalid));
        assert_eq!(
            err.issue_for("organisation_id"),
            Some(&FieldError::Required)
        );
        assert_eq!(err.issue_for("role"), Some(&FieldError::Invalid));
    }

    #[test]
    fn a_valid_account_form_is_parsed_with_the_address_in_lower_case() {
        let fields = AccountInput {
            name: " Anna Berg ".into(),
            email: "Anna.Berg@Norrtalje.se".into(),
            organisation_id: Uuid::from_u128(9).to_string(),
            role: "coordinator".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(fields.name.as_str(), "Anna Berg");
        assert_eq!(fields.email.as_str(), "anna.berg@norrtalje.se");
        assert_eq!(fields.role, Role::Coordinator);
    }

    #[test]
    fn only_sixty_four_hex_digits_look_like_a_token() {
        assert!(is_token_shaped(&"ab".repeat(32)));
        assert!(!is_token_shaped(&"ab".repeat(31)));
        assert!(!is_token_shaped(&"zz".repeat(32)));
    }
}
