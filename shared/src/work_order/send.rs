//! The send form: what it carries, its checks, and the proposal it starts from.

use serde::{Deserialize, Serialize};

use super::kind::{OrderKind, Priority, ServiceLevel};
use crate::error::{AppError, FieldError, Issues};
use crate::ids::{IncidentId, OrganisationId};
use crate::text::IncidentDescription;

/// The form that sends an order, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOrderInput {
    /// The incidents it answers, all at one place (the first is the one it was sent from).
    pub incident_ids: Vec<String>,
    pub kind: String,
    pub priority: String,
    pub owner_organisation_id: String,
    /// Starts as the incident's text; the sender may shorten or rephrase it.
    pub description: String,
    /// Sent again after a name warning, to keep the text as it is.
    #[serde(default)]
    pub keep_name: bool,
    /// A map point from the phone, in decimal degrees (both or neither).
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidWorkOrder {
    pub incident_ids: Vec<IncidentId>,
    pub kind: OrderKind,
    pub priority: Priority,
    pub owner: OrganisationId,
    pub description: IncidentDescription,
    pub point: Option<Point>,
}

/// A map point in millionths of a degree (about 0.1 m): whole numbers, so records compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub lat_e6: i32,
    pub lon_e6: i32,
}

impl Point {
    /// Decimal degrees as typed or sent by the phone; both empty is no point.
    pub fn parse(lat: &str, lon: &str) -> Result<Option<Point>, FieldError> {
        if lat.trim().is_empty() && lon.trim().is_empty() {
            return Ok(None);
        }
        let degrees = |text: &str, max: f64| -> Result<i32, FieldError> {
            let v: f64 = text.trim().parse().map_err(|_| FieldError::Invalid)?;
            if !v.is_finite() || v.abs() > max {
                return Err(FieldError::Invalid);
            }
            // In range, so the millionths fit an i32.
            Ok((v * 1e6).round() as i32)
        };
        Ok(Some(Point {
            lat_e6: degrees(lat, 90.0)?,
            lon_e6: degrees(lon, 180.0)?,
        }))
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    pub fn lon(self) -> f64 {
        f64::from(self.lon_e6) / 1e6
    }

    /// "59.75710, 18.70050": five decimals, about a metre.
    pub fn text(self) -> String {
        format!("{:.5}, {:.5}", self.lat(), self.lon())
    }

    /// The point on OpenStreetMap.
    pub fn map_link(self) -> String {
        format!(
            "https://www.openstreetmap.org/?mlat={0:.5}&mlon={1:.5}#map=18/{0:.5}/{1:.5}",
            self.lat(),
            self.lon()
        )
    }
}

impl WorkOrderInput {
    /// Checks every field. The description goes to organisations outside the collaboration,
    /// so it gets the personal-data guard and the name warning of an incident.
    pub fn validate(&self) -> Result<ValidWorkOrder, AppError> {
        let mut issues = Issues::default();
        let incidents: Option<Vec<IncidentId>> = issues.check(
            "incident_ids",
            if self.incident_ids.is_empty() {
                Err(FieldError::Required)
            } else {
                self.incident_ids
                    .iter()
                    .map(|i| IncidentId::parse(i))
                    .collect()
            },
        );
        let kind = issues.check(
            "kind",
            OrderKind::parse(&self.kind).ok_or(FieldError::Required),
        );
        let priority = issues.check(
            "priority",
            Priority::parse(&self.priority).ok_or(FieldError::Invalid),
        );
        let owner = issues.check(
            "owner_organisation_id",
            OrganisationId::parse(&self.owner_organisation_id),
        );
        let description =
            issues.check("description", IncidentDescription::parse(&self.description));
        let point = issues.check("lat", Point::parse(&self.lat, &self.lon));
        if let Some(hit) = description
            .as_ref()
            .and_then(|d| crate::names::first(d.as_str()))
            && !self.keep_name
        {
            issues.check::<()>(
                "description",
                Err(FieldError::LooksLikeName {
                    kind: hit.kind,
                    position: hit.position,
                }),
            );
        }
        issues.finish(|| {
            let mut incident_ids = incidents?;
            let mut seen = std::collections::HashSet::new();
            incident_ids.retain(|i| seen.insert(*i));
            Some(ValidWorkOrder {
                incident_ids,
                kind: kind?,
                priority: priority?,
                owner: owner?,
                description: description?,
                point: point?,
            })
        })
    }
}

/// An organisation to send to, with whether the app proposes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerChoice {
    pub id: String,
    pub name: String,
}

/// What the send form starts from: the incident's place and text, and the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDraft {
    pub incident_id: String,
    /// "Societetsparken, Norrtälje".
    pub place: String,
    pub description: String,
    pub kind: Option<OrderKind>,
    pub proposed_owner: Option<String>,
    pub owners: Vec<OwnerChoice>,
    /// Other open incidents at the same place, not yet in an open order: (id, label).
    pub others: Vec<(String, String)>,
    /// The service levels in force, for the form's "time to fix".
    #[serde(default)]
    pub service_levels: Vec<ServiceLevel>,
}
