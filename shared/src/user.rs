//! Roles, organisation kinds and the signed-in user, with the access rules that depend on them.

use serde::{Deserialize, Serialize};

use crate::ids::{OrganisationId, UserId};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;

/// What a user may do. Persisted as a short string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum Role {
    /// Logs incidents and submits the weekly report for their organisation.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reporter"))]
    Reporter,
    /// Runs the weekly meeting and the area groups (the municipality's safety unit).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "coordinator"))]
    Coordinator,
    /// Sees aggregates and trends, never individual descriptions.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "manager"))]
    Manager,
    /// Owns the system: users, organisations, areas, categories.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
    /// Works the work orders sent to their organisation (street and parks, property, a housing
    /// company) and sees nothing else: no incidents, minutes, groups or directory.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "handler"))]
    Handler,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Coordinator,
        Role::Reporter,
        Role::Manager,
        Role::Handler,
    ];

    /// The command-line and storage spelling.
    pub fn code(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::Coordinator => "coordinator",
            Role::Manager => "manager",
            Role::Admin => "admin",
            Role::Handler => "handler",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == text.trim())
    }
}

/// The kind of an organisation taking part in the collaboration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")
)]
pub enum OrgKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "municipality"))]
    Municipality,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "police"))]
    Police,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "security_guards"))]
    SecurityGuards,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "field_workers"))]
    FieldWorkers,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "school"))]
    School,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "social_services"))]
    SocialServices,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "healthcare"))]
    Healthcare,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "property"))]
    Property,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "street_parks"))]
    StreetParks,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "public_transport"))]
    PublicTransport,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "youth_leisure"))]
    YouthLeisure,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "youth_clinic"))]
    YouthClinic,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "business"))]
    Business,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "association"))]
    Association,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 15] = [
        OrgKind::Municipality,
        OrgKind::Police,
        OrgKind::SecurityGuards,
        OrgKind::FieldWorkers,
        OrgKind::School,
        OrgKind::SocialServices,
        OrgKind::Healthcare,
        OrgKind::Property,
        OrgKind::StreetParks,
        OrgKind::PublicTransport,
        OrgKind::YouthLeisure,
        OrgKind::YouthClinic,
        OrgKind::Business,
        OrgKind::Association,
        OrgKind::Other,
    ];

    /// The form and storage spelling.
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Municipality => "municipality",
            OrgKind::Police => "police",
            OrgKind::SecurityGuards => "security_guards",
            OrgKind::FieldWorkers => "field_workers",
            OrgKind::School => "school",
            OrgKind::SocialServices => "social_services",
            OrgKind::Healthcare => "healthcare",
            OrgKind::Property => "property",
            OrgKind::StreetParks => "street_parks",
            OrgKind::PublicTransport => "public_transport",
            OrgKind::YouthLeisure => "youth_leisure",
            OrgKind::YouthClinic => "youth_clinic",
            OrgKind::Business => "business",
            OrgKind::Association => "association",
            OrgKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.code() == text.trim())
    }
}

/// The signed-in user as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub role: Role,
}

impl CurrentUser {
    /// Individual incidents (descriptions) are for reporters, coordinators and admins; managers
    /// see aggregates only.
    pub fn can_read_incidents(&self) -> bool {
        matches!(self.role, Role::Reporter | Role::Coordinator | Role::Admin)
    }

    /// Logging incidents is the reporters' and coordinators' job.
    pub fn can_log_incidents(&self) -> bool {
        matches!(self.role, Role::Reporter | Role::Coordinator)
    }

    /// Only the authoring organisation and coordinators may change an incident.
    pub fn can_edit_incident(&self, author_organisation: OrganisationId) -> bool {
        self.role == Role::Coordinator
            || (self.role == Role::Reporter && self.organisation_id == author_organisation)
    }

    /// The audit log, exports and the reporting overview are for admins and coordinators.
    pub fn can_read_audit_log(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Coordinator)
    }

    /// The dashboard and the yearly report: managers (with small numbers hidden),
    /// coordinators and admins.
    pub fn can_see_dashboard(&self) -> bool {
        matches!(self.role, Role::Manager | Role::Coordinator | Role::Admin)
    }

    /// Actions outside meetings are assigned by the safety unit's coordinators (at a meeting,
    /// whoever runs it assigns them).
    pub fn can_create_actions(&self) -> bool {
        self.role == Role::Coordinator
    }

    /// Reference data (organisations, areas, places, categories) is the admin's.
    pub fn can_manage_reference_data(&self) -> bool {
        self.role == Role::Admin
    }

    /// Removing personal data that slipped into an incident (and its history) is the
    /// coordinators' job; reporters ask them to.
    pub fn can_redact(&self) -> bool {
        self.role == Role::Coordinator
    }

    /// The place list (confirming new places, merging duplicates, renaming and retiring
    /// places) is kept by coordinators, who see the incidents, and admins.
    pub fn can_keep_places(&self) -> bool {
        matches!(self.role, Role::Coordinator | Role::Admin)
    }

    /// The contact directory is kept by coordinators and admins (each person keeps their own
    /// entry's phone, e-mail, unit and deputy).
    pub fn can_keep_directory(&self) -> bool {
        matches!(self.role, Role::Coordinator | Role::Admin)
    }

    /// Work orders: everyone but managers (who see figures). Handlers see their own
    /// organisation's, reporters those their organisation sent or whose incidents it logged.
    pub fn can_see_work_orders(&self) -> bool {
        self.role != Role::Manager
    }

    /// Safety walks: coordinators plan and run them, reporters walk along and record what they
    /// see. Nobody else sees them (handlers get the orders that come of them).
    pub fn can_join_walks(&self) -> bool {
        matches!(self.role, Role::Coordinator | Role::Reporter)
    }

    /// Planning a walk, closing it and turning its observations into orders.
    pub fn can_run_walks(&self) -> bool {
        self.role == Role::Coordinator
    }

    /// Takes part in the collaboration (area groups, the contact directory): everyone but the
    /// handlers, who only fix what is sent to them.
    pub fn takes_part(&self) -> bool {
        self.role != Role::Handler
    }

    /// Accounts (who may sign in, in which organisation and role) are the admin's.
    pub fn can_manage_accounts(&self) -> bool {
        self.role == Role::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn user(role: Role, org: u128) -> CurrentUser {
        CurrentUser {
            id: UserId(Uuid::from_u128(1)),
            name: "Test".into(),
            email: "t@example.org".into(),
            organisation_id: OrganisationId(Uuid::from_u128(org)),
            organisation_name: "Org".into(),
            role,
        }
    }

    #[test]
    fn only_the_authoring_organisation_and_coordinators_edit_an_incident() {
        let author = OrganisationId(Uuid::from_u128(7));
        assert!(user(Role::Reporter, 7).can_edit_incident(author));
        assert!(!user(Role::Reporter, 8).can_edit_incident(author));
        assert!(user(Role::Coordinator, 8).can_edit_incident(author));
        assert!(!user(Role::Manager, 7).can_edit_incident(author));
        assert!(!user(Role::Admin, 8).can_edit_incident(author));
    }

    #[test]
    fn managers_never_read_individual_incidents() {
        assert!(!user(Role::Manager, 1).can_read_incidents());
        assert!(user(Role::Reporter, 1).can_read_incidents());
    }

    #[test]
    fn handlers_get_nothing_but_work_orders() {
        let handler = user(Role::Handler, 1);
        assert!(handler.can_see_work_orders());
        assert!(!handler.takes_part());
        assert!(!handler.can_read_incidents());
        assert!(!handler.can_log_incidents());
        assert!(!handler.can_edit_incident(OrganisationId(Uuid::from_u128(1))));
        assert!(!handler.can_see_dashboard());
        assert!(!handler.can_read_audit_log());
        assert!(!handler.can_create_actions());
        assert!(!handler.can_keep_places());
        assert!(!handler.can_keep_directory());
        assert!(!user(Role::Manager, 1).can_see_work_orders());
        assert!(user(Role::Reporter, 1).takes_part());
    }

    #[test]
    fn role_and_kind_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
