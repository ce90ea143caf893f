//! What is wrong at a place, how urgent, how long the owner has, and whom the app proposes.

use chrono::{DateTime, TimeDelta, Utc};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError, Issues};
use crate::ids::OrganisationId;

/// What is wrong at the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")
)]
pub enum OrderKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "lighting"))]
    Lighting,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "vegetation"))]
    Vegetation,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "graffiti"))]
    Graffiti,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "litter"))]
    Litter,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "damaged_furniture"))]
    DamagedFurniture,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl OrderKind {
    pub const ALL: [OrderKind; 6] = [
        OrderKind::Lighting,
        OrderKind::Vegetation,
        OrderKind::Graffiti,
        OrderKind::Litter,
        OrderKind::DamagedFurniture,
        OrderKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrderKind::Lighting => "lighting",
            OrderKind::Vegetation => "vegetation",
            OrderKind::Graffiti => "graffiti",
            OrderKind::Litter => "litter",
            OrderKind::DamagedFurniture => "damaged_furniture",
            OrderKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == text.trim())
    }

    /// The kind of order a standard category makes (the migration sets the same on existing
    /// installations); `None` for categories that are not about a place's state.
    pub fn for_category(code: &str) -> Option<Self> {
        match code {
            "unsafe_place" => Some(OrderKind::Lighting),
            "graffiti" => Some(OrderKind::Graffiti),
            "littering" => Some(OrderKind::Litter),
            "vandalism" => Some(OrderKind::DamagedFurniture),
            _ => None,
        }
    }

    /// The service level: how long the owner has to fix it, normal and urgent. Offensive
    /// graffiti goes within 48 hours, a litter spill within a day.
    pub fn service_hours(self, priority: Priority) -> i64 {
        let (normal_days, urgent_hours) = match self {
            OrderKind::Lighting => (14, 72),
            OrderKind::Vegetation => (21, 120),
            OrderKind::Graffiti => (14, 48),
            OrderKind::Litter => (7, 24),
            OrderKind::DamagedFurniture => (21, 72),
            OrderKind::Other => (30, 168),
        };
        match priority {
            Priority::Normal => normal_days * 24,
            Priority::Urgent => urgent_hours,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")
)]
pub enum Priority {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "normal"))]
    Normal,
    /// Offensive, dangerous or blocking: the shorter service level.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "urgent"))]
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 2] = [Priority::Normal, Priority::Urgent];

    pub fn code(self) -> &'static str {
        match self {
            Priority::Normal => "normal",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == text.trim())
    }
}

/// When an order sent at `sent` is due.
pub fn due_at(sent: DateTime<Utc>, kind: OrderKind, priority: Priority) -> DateTime<Utc> {
    sent + TimeDelta::hours(kind.service_hours(priority))
}

/// How long owners have for one kind of order, normal and urgent, in hours: as an admin set it,
/// else [`OrderKind::service_hours`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLevel {
    pub kind: OrderKind,
    pub normal_hours: i64,
    pub urgent_hours: i64,
}

impl ServiceLevel {
    pub fn default_for(kind: OrderKind) -> Self {
        Self {
            kind,
            normal_hours: kind.service_hours(Priority::Normal),
            urgent_hours: kind.service_hours(Priority::Urgent),
        }
    }

    pub fn hours(&self, priority: Priority) -> i64 {
        match priority {
            Priority::Normal => self.normal_hours,
            Priority::Urgent => self.urgent_hours,
        }
    }
}

/// The hours for `kind` at `priority` in `levels`, else the default.
pub fn hours_in(levels: &[ServiceLevel], kind: OrderKind, priority: Priority) -> i64 {
    levels
        .iter()
        .find(|l| l.kind == kind)
        .copied()
        .unwrap_or_else(|| ServiceLevel::default_for(kind))
        .hours(priority)
}

/// The longest service level an admin may set: a year.
pub const MAX_SERVICE_HOURS: i64 = 24 * 366;

/// An admin's service level as typed: hours, normal and urgent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLevelInput {
    pub kind: String,
    pub normal_hours: String,
    pub urgent_hours: String,
}

impl ServiceLevelInput {
    /// Whole hours from 1 to [`MAX_SERVICE_HOURS`]; urgent may not be longer than normal.
    pub fn validate(&self) -> Result<ServiceLevel, AppError> {
        let hours = |text: &str| -> Result<i64, FieldError> {
            if text.trim().is_empty() {
                return Err(FieldError::Required);
            }
            match text.trim().parse::<i64>() {
                Ok(h) if (1..=MAX_SERVICE_HOURS).contains(&h) => Ok(h),
                _ => Err(FieldError::Invalid),
            }
        };
        let mut issues = Issues::default();
        let kind = issues.check(
            "kind",
            OrderKind::parse(&self.kind).ok_or(FieldError::Invalid),
        );
        let normal = issues.check("normal_hours", hours(&self.normal_hours));
        let urgent = issues.check("urgent_hours", hours(&self.urgent_hours));
        if let (Some(n), Some(u)) = (normal, urgent)
            && u > n
        {
            issues.check::<()>("urgent_hours", Err(FieldError::Invalid));
        }
        issues.finish(|| {
            Some(ServiceLevel {
                kind: kind?,
                normal_hours: normal?,
                urgent_hours: urgent?,
            })
        })
    }
}

/// The owner the app proposes: the place's owner, else the category's default owner.
pub fn propose_owner(
    place_owner: Option<OrganisationId>,
    category_owner: Option<OrganisationId>,
) -> Option<OrganisationId> {
    place_owner.or(category_owner)
}
