//! What the walk's forms carry and their checks: planning a walk, an observation, and the
//! observations chosen to become work orders.

use chrono::NaiveDate;
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AppError, FieldError, Issues};
use crate::ids::{AreaId, OrganisationId};
use crate::text::{IncidentDescription, PlaceName, WalkParticipants};
use crate::work_order::{OrderKind, Point};

/// Where a walk is: planned (and walked: observations come in), or done (the coordinator closed
/// it; nothing more is recorded, but observations can still become orders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")
)]
pub enum WalkState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "planned"))]
    Planned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "done"))]
    Done,
}

/// A walk may be planned up to a year ahead, or written up afterwards up to a year back.
pub const PLAN_WINDOW_DAYS: i64 = 366;

/// The form that plans a walk, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkInput {
    pub area_id: String,
    /// `YYYY-MM-DD`.
    pub planned_for: String,
    /// Who walks: organisations and roles ("Polisen, Norrtäljehem, fritidsgården, två boende").
    pub participants: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidWalk {
    pub area_id: AreaId,
    pub planned_for: NaiveDate,
    pub participants: WalkParticipants,
}

impl WalkInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidWalk, AppError> {
        let mut issues = Issues::default();
        let area_id = issues.check("area_id", AreaId::parse(&self.area_id));
        let planned_for = issues.check("planned_for", walk_day(&self.planned_for, today));
        let participants =
            issues.check("participants", WalkParticipants::parse(&self.participants));
        issues.finish(|| {
            Some(ValidWalk {
                area_id: area_id?,
                planned_for: planned_for?,
                participants: participants?,
            })
        })
    }
}

fn walk_day(text: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::Required);
    }
    let day =
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| FieldError::Invalid)?;
    if (day - today).num_days().abs() > PLAN_WINDOW_DAYS {
        Err(FieldError::Invalid)
    } else {
        Ok(day)
    }
}

/// One observation, as typed on the phone. Its id is made where it was typed, so sending it
/// again (after a lost answer, or from the queue of drafts) stores it once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationInput {
    pub id: String,
    pub walk_id: String,
    /// A place in the walk's area; a new name becomes a new place (as on an incident).
    pub place: String,
    pub kind: String,
    /// What is wrong, by place and situation; it becomes the order's text.
    pub note: String,
    /// Sent again after a name warning, to keep the note as it is.
    #[serde(default)]
    pub keep_name: bool,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidObservation {
    pub id: Uuid,
    pub walk_id: Uuid,
    pub place: PlaceName,
    pub kind: OrderKind,
    pub note: IncidentDescription,
    pub point: Option<Point>,
}

impl ObservationInput {
    /// Checks every field: the note may reach an outside owner, so it gets the personal-data
    /// guard and the name warning of an incident (as does the place).
    pub fn validate(&self) -> Result<ValidObservation, AppError> {
        let walk_id = Uuid::parse_str(self.walk_id.trim()).map_err(|_| AppError::NotFound)?;
        let mut issues = Issues::default();
        let id = issues.check(
            "id",
            Uuid::parse_str(self.id.trim()).map_err(|_| FieldError::Invalid),
        );
        let place = issues.check("place", PlaceName::parse(&self.place));
        let kind = issues.check(
            "kind",
            OrderKind::parse(&self.kind).ok_or(FieldError::Required),
        );
        let note = issues.check("note", IncidentDescription::parse(&self.note));
        let point = issues.check("lat", Point::parse(&self.lat, &self.lon));
        // A name is a warning, in the place as in the note (the place becomes one incidents
        // share): sent again with `keep_name`, the text is kept.
        for (field, text) in [
            ("place", place.as_ref().map(PlaceName::as_str)),
            ("note", note.as_ref().map(IncidentDescription::as_str)),
        ] {
            if let Some(hit) = text.and_then(crate::names::first)
                && !self.keep_name
            {
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
            Some(ValidObservation {
                id: id?,
                walk_id,
                place: place?,
                kind: kind?,
                note: note?,
                point: point?,
            })
        })
    }
}

/// The form that turns observations into orders: the observations ticked (`picked`), and for
/// every observation on the form an `"observation:organisation"` pair naming who should fix it
/// (so the pairs stay together whatever is ticked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToOrdersInput {
    pub picked: Vec<String>,
    pub owners: Vec<String>,
}

impl ToOrdersInput {
    /// Each picked observation with its owner, in the order picked. Nothing picked, or a
    /// picked one without an owner, is refused.
    pub fn validate(&self) -> Result<Vec<(Uuid, OrganisationId)>, AppError> {
        let owner_of = |obs: Uuid| {
            self.owners.iter().find_map(|pair| {
                let (o, org) = pair.split_once(':')?;
                (Uuid::parse_str(o.trim()).ok()? == obs)
                    .then(|| OrganisationId::parse(org).ok())
                    .flatten()
            })
        };
        let mut issues = Issues::default();
        let mut out = Vec::new();
        if self.picked.is_empty() {
            issues.check::<()>("picked", Err(FieldError::Required));
        }
        for text in &self.picked {
            let Ok(obs) = Uuid::parse_str(text.trim()) else {
                issues.check::<()>("picked", Err(FieldError::Invalid));
                continue;
            };
            if out.iter().any(|(o, _)| *o == obs) {
                continue;
            }
            match owner_of(obs) {
                Some(org) => out.push((obs, org)),
                None => {
                    issues.check::<()>(&format!("owner_{obs}"), Err(FieldError::Required));
                }
            }
        }
        issues.finish(|| Some(out))
    }
}
