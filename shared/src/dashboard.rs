//! The dashboard: trends, hot spots, follow-through, reporting compliance, breadth of
//! collaboration and the weekly ratings. Coordinators and admins see exact weekly figures;
//! managers see incidents by whole quarter and year, protected (`crate::statistics`).

use serde::{Deserialize, Serialize};

pub use crate::disclosure::Figure;
pub use ratings::{Movement, RatingSeries, Ratings, Tenths, TownRating};

mod ratings;

/// The median of `values` (days), `None` for none.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// One ISO week of the 52-week trend, with the same week a year earlier (exact roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekPoint {
    pub week: String,
    pub count: u32,
    pub last_year: u32,
}

/// A named total over the 52 weeks against the 52 weeks before (exact roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub name: String,
    pub count: u32,
    pub previous: u32,
}

/// A place's incidents in the last 4 and 12 weeks and the 12 before (exact roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotPlace {
    pub place: String,
    pub area: String,
    pub last4: u32,
    pub last12: u32,
    /// The twelve weeks before those, for the trend.
    pub previous12: u32,
}

/// Actions of one owner organisation or one quarter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FollowThrough {
    pub name: String,
    pub opened: u32,
    pub done: u32,
    pub not_possible: u32,
    pub not_done: u32,
    pub overdue: u32,
    /// Median days from creation to done.
    pub median_days_to_done: Option<f64>,
}

/// How one owner deals with one kind of work order, over the orders sent in the last four
/// quarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderFollowThrough {
    pub owner: String,
    pub kind: crate::work_order::OrderKind,
    pub sent: u32,
    pub done: u32,
    /// Median days from sending to done.
    pub median_days_to_done: Option<f64>,
    /// Done after their due time, or still with the owner past it.
    pub late: u32,
}

impl OrderFollowThrough {
    /// The share late, in whole per cent.
    pub fn late_percent(&self) -> u32 {
        (self.late * 100 + self.sent / 2)
            .checked_div(self.sent)
            .unwrap_or(0)
    }
}

/// The EST check over fixed places, per kind of order: of the orders fixed in the last four
/// quarters whose 8 weeks after have passed (`measured`), how many places had fewer incidents
/// in those weeks than in the 8 before (`fewer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEffect {
    pub kind: crate::work_order::OrderKind,
    pub measured: Figure,
    pub fewer: Figure,
}

impl OrderEffect {
    /// For managers a kind with fewer than 3 measured orders shows "<3" and no share: one or
    /// two places would be singled out.
    pub fn published(kind: crate::work_order::OrderKind, measured: u32, fewer: u32) -> Self {
        if measured < 3 {
            Self {
                kind,
                measured: if measured == 0 {
                    Figure::Count(0)
                } else {
                    Figure::Small
                },
                fewer: if measured == 0 {
                    Figure::NoData
                } else {
                    Figure::Hidden
                },
            }
        } else {
            Self::exact(kind, measured, fewer)
        }
    }

    pub fn exact(kind: crate::work_order::OrderKind, measured: u32, fewer: u32) -> Self {
        Self {
            kind,
            measured: Figure::Count(measured),
            fewer: Figure::Count(fewer),
        }
    }
}

/// One week's reporting: how many organisations reported or sent a nollrapport on time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliance {
    pub week: String,
    pub on_time: u32,
    pub organisations: u32,
}

impl Compliance {
    /// Whole per cent, 0 when there is nobody to report.
    pub fn percent(&self) -> u32 {
        (self.on_time * 100)
            .checked_div(self.organisations)
            .unwrap_or(0)
    }
}

/// Meetings an organisation attended (present or by deputy), per quarter, weekly meetings and
/// area groups together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub organisation: String,
    /// (quarter, attended, of meetings held)
    pub quarters: Vec<(String, u32, u32)>,
}

/// The dashboard's filter (area and category ids; empty means all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    pub area: String,
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// True for managers: instead of the weekly figures and places below, which stay empty,
    /// they get `published`.
    pub suppressed: bool,
    /// The roles that may export get CSV links.
    pub can_export: bool,
    pub weeks: Vec<WeekPoint>,
    pub by_area: Vec<Breakdown>,
    pub by_category: Vec<Breakdown>,
    pub hot_places: Vec<HotPlace>,
    pub by_owner: Vec<FollowThrough>,
    pub by_quarter: Vec<FollowThrough>,
    pub compliance: Vec<Compliance>,
    pub attendance: Vec<Attendance>,
    /// Where each town's rating stands, and all towns' mean per meeting.
    pub ratings: Ratings,
    /// Work orders per owner and kind (exact: they measure the owners' work).
    #[serde(default)]
    pub work_orders: Vec<OrderFollowThrough>,
    /// Fixed places with fewer incidents afterwards, per kind (small counts hidden for managers).
    #[serde(default)]
    pub order_effects: Vec<OrderEffect>,
    #[serde(default)]
    pub published: Option<Published>,
}

/// A table of incident figures, the same on the page, in the CSV and in the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureTable {
    pub columns: Vec<String>,
    pub rows: Vec<FigureRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    pub label: String,
    /// The whole municipality's row.
    pub total: bool,
    pub cells: Vec<Figure>,
}

/// A place with repeated incidents over a whole year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceFigure {
    pub place: String,
    pub area: String,
    pub count: u32,
}

/// The latest ended quarter against the same quarter a year before, for the start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterFigure {
    pub quarter: String,
    pub count: Figure,
    pub year_before: Figure,
}

/// Managers' incident figures: whole quarters and ISO years only, protected so that no count of
/// one or two can be worked out from any of them, together or over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The last complete ISO year.
    pub year: i32,
    /// Per area: the year before as a whole, that year's quarters and the whole year, then
    /// this year's ended quarters.
    pub by_area: FigureTable,
    /// Per category: that year against the year before.
    pub by_category: FigureTable,
    /// Places with repeated incidents in that year, in areas whose year is shown.
    pub places: Vec<PlaceFigure>,
    pub latest: Option<QuarterFigure>,
}

/// One area's year: its actions and their outcome, and for the roles that see exact figures the
/// incidents per category against the year before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaYear {
    pub area: String,
    /// Empty for managers.
    pub categories: Vec<Breakdown>,
    pub actions_opened: u32,
    pub actions_done: u32,
    pub actions_not_possible: u32,
    pub actions_not_done: u32,
    pub actions_open: u32,
}

/// One organisation's year: weekly reports on time of those due, and meetings attended
/// (present or by deputy) of those it was expected at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationYear {
    pub organisation: String,
    pub reports_on_time: u32,
    pub reports_due: u32,
    pub weekly_attended: u32,
    pub weekly_expected: u32,
    pub groups_attended: u32,
    pub groups_expected: u32,
}

/// The basis for the statutory yearly situation picture (Lag 2023:196).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearReport {
    pub year: i32,
    pub suppressed: bool,
    /// The year is still running.
    pub running: bool,
    /// Per area and the whole municipality: the quarters, the year, the year before.
    pub by_area: FigureTable,
    /// Per category: the year against the year before.
    pub by_category: FigureTable,
    pub areas: Vec<AreaYear>,
    /// Reporting and attendance per organisation.
    #[serde(default)]
    pub organisations: Vec<OrganisationYear>,
}

/// The start page's figures for a manager, all taken from the dashboard they already see (so
/// nothing more is disclosed): incidents in the latest ended quarter against the same quarter a
/// year before, the actions of the last four quarters, and the latest week's reporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headlines {
    pub incidents: Option<QuarterFigure>,
    pub actions_opened: u32,
    pub actions_done: u32,
    pub actions_overdue: u32,
    pub compliance: Option<Compliance>,
}

impl Dashboard {
    pub fn headlines(&self) -> Headlines {
        let follow = |of: fn(&FollowThrough) -> u32| self.by_owner.iter().map(of).sum::<u32>();
        Headlines {
            incidents: self.published.as_ref().and_then(|p| p.latest.clone()),
            actions_opened: follow(|f| f.opened),
            actions_done: follow(|f| f.done),
            actions_overdue: follow(|f| f.overdue),
            compliance: self.compliance.last().cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_add_up_what_the_dashboard_shows() {
        let owner = |opened, done, overdue| FollowThrough {
            opened,
            done,
            overdue,
            ..FollowThrough::default()
        };
        let latest = QuarterFigure {
            quarter: "K3 2026".into(),
            count: Figure::Count(52),
            year_before: Figure::Hidden,
        };
        let d = Dashboard {
            suppressed: true,
            can_export: false,
            weeks: Vec::new(),
            by_area: Vec::new(),
            by_category: Vec::new(),
            hot_places: Vec::new(),
            by_owner: vec![owner(10, 6, 1), owner(4, 2, 2)],
            by_quarter: Vec::new(),
            work_orders: Vec::new(),
            order_effects: Vec::new(),
            compliance: vec![
                Compliance {
                    week: "2026-W47".into(),
                    on_time: 5,
                    organisations: 9,
                },
                Compliance {
                    week: "2026-W48".into(),
                    on_time: 8,
                    organisations: 9,
                },
            ],
            attendance: Vec::new(),
            ratings: Ratings::default(),
            published: Some(Published {
                year: 2025,
                by_area: FigureTable::default(),
                by_category: FigureTable::default(),
                places: Vec::new(),
                latest: Some(latest.clone()),
            }),
        };
        let h = d.headlines();
        assert_eq!(h.incidents, Some(latest));
        assert_eq!(
            (h.actions_opened, h.actions_done, h.actions_overdue),
            (14, 8, 3)
        );
        assert_eq!(h.compliance.map(|c| c.week), Some("2026-W48".to_owned()));
    }

    #[test]
    fn managers_get_no_effect_of_one_or_two_places() {
        use crate::work_order::OrderKind::Lighting;
        let small = OrderEffect::published(Lighting, 2, 1);
        assert_eq!(
            (small.measured, small.fewer),
            (Figure::Small, Figure::Hidden)
        );
        let shown = OrderEffect::published(Lighting, 3, 2);
        assert_eq!(shown, OrderEffect::exact(Lighting, 3, 2));
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn compliance_is_a_whole_percentage() {
        let c = |on_time, organisations| Compliance {
            week: String::new(),
            on_time,
            organisations,
        };
        assert_eq!(c(2, 3).percent(), 66);
        assert_eq!(c(0, 0).percent(), 0);
    }
}
