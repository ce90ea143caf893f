//! The managers' dashboard: trends, hot spots, follow-through, reporting compliance, breadth of
//! collaboration and the weekly ratings, with small-number suppression for managers.

use serde::{Deserialize, Serialize};

/// A count as shown: `None` is "<3" (suppressed for managers so nobody in a small village can
/// be singled out).
pub type Shown = Option<u32>;

/// Counts of 1 and 2 for a single place or week are hidden from managers; 0 reveals nothing.
pub fn shown(n: u32, suppress: bool) -> Shown {
    if suppress && (1..3).contains(&n) {
        None
    } else {
        Some(n)
    }
}

/// "<3" or the number.
pub fn shown_text(value: Shown) -> String {
    value.map_or_else(|| "<3".to_owned(), |n| n.to_string())
}

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

/// One ISO week of the 52-week trend, with the same week a year earlier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekPoint {
    pub week: String,
    pub count: Shown,
    pub last_year: Shown,
    /// Hidden area counts were left out of `count` (managers): the true one is at least this.
    pub partial: bool,
    /// The same for `last_year`.
    #[serde(default)]
    pub last_year_partial: bool,
}

/// A named total over the 52 weeks against the 52 weeks before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub name: String,
    pub count: Shown,
    pub previous: Shown,
    /// Hidden ("<3") weeks were left out of `count`: the true one is at least this.
    pub partial: bool,
    /// The same for `previous`.
    #[serde(default)]
    pub previous_partial: bool,
}

/// A total as shown: "≥12" when hidden counts were left out of it, "≥1" when nothing but
/// hidden counts made it up.
pub fn total_text(value: Shown, partial: bool) -> String {
    match (value, partial) {
        // Every part hidden: at least one, never "–", which means no data.
        (Some(0), true) => "≥1".to_owned(),
        (Some(n), true) => format!("≥{n}"),
        (value, _) => shown_text(value),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotPlace {
    pub place: String,
    pub area: String,
    pub last4: Shown,
    pub last12: Shown,
    /// The twelve weeks before those, for the trend.
    pub previous12: Shown,
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

/// One town's weekly ratings (1–5), oldest first: (meeting date, rating).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingSeries {
    pub area: String,
    pub points: Vec<(String, i32)>,
}

/// The dashboard's filter (area and category ids; empty means all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    pub area: String,
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// True for managers: counts below 3 are "<3".
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
    pub ratings: Vec<RatingSeries>,
}

/// One area's year: incidents per category against the year before, and the actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaYear {
    pub area: String,
    pub categories: Vec<Breakdown>,
    pub total: Shown,
    pub previous_total: Shown,
    /// Hidden categories were left out of `total`.
    pub partial: bool,
    /// The same for `previous_total`.
    #[serde(default)]
    pub previous_partial: bool,
    pub actions_opened: u32,
    pub actions_done: u32,
    pub actions_not_possible: u32,
    pub actions_not_done: u32,
    pub actions_open: u32,
}

/// The statutory yearly situation picture and action outcome, per area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearReport {
    pub year: i32,
    pub suppressed: bool,
    pub areas: Vec<AreaYear>,
}

/// The start page's figures for a manager, all taken from the dashboard they already see (so
/// nothing more is disclosed): incidents over 52 weeks against the 52 before, the actions of
/// the last four quarters, and the latest week's reporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headlines {
    pub incidents: Shown,
    pub previous: Shown,
    /// Hidden area counts were left out of `incidents`.
    pub partial: bool,
    /// The same for `previous`.
    pub previous_partial: bool,
    pub actions_opened: u32,
    pub actions_done: u32,
    pub actions_overdue: u32,
    pub compliance: Option<Compliance>,
}

impl Dashboard {
    pub fn headlines(&self) -> Headlines {
        let sum = |of: fn(&Breakdown) -> Shown| self.by_area.iter().filter_map(of).sum::<u32>();
        let partial = self.by_area.iter().any(|b| b.partial || b.count.is_none());
        let previous_partial = self
            .by_area
            .iter()
            .any(|b| b.previous_partial || b.previous.is_none());
        let follow = |of: fn(&FollowThrough) -> u32| self.by_owner.iter().map(of).sum::<u32>();
        Headlines {
            incidents: Some(sum(|b| b.count)),
            previous: Some(sum(|b| b.previous)),
            partial,
            previous_partial,
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

    fn area(count: Shown, previous: Shown) -> Breakdown {
        Breakdown {
            name: String::new(),
            count,
            previous,
            partial: false,
            previous_partial: false,
        }
    }

    #[test]
    fn headlines_add_up_what_the_dashboard_shows_and_say_when_hidden_counts_are_left_out() {
        let owner = |opened, done, overdue| FollowThrough {
            opened,
            done,
            overdue,
            ..FollowThrough::default()
        };
        let mut d = Dashboard {
            suppressed: true,
            can_export: false,
            weeks: Vec::new(),
            by_area: vec![area(Some(40), Some(31)), area(Some(12), Some(9))],
            by_category: Vec::new(),
            hot_places: Vec::new(),
            by_owner: vec![owner(10, 6, 1), owner(4, 2, 2)],
            by_quarter: Vec::new(),
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
            ratings: Vec::new(),
        };
        let h = d.headlines();
        assert_eq!(
            (h.incidents, h.previous, h.partial),
            (Some(52), Some(40), false)
        );
        assert_eq!(
            (h.actions_opened, h.actions_done, h.actions_overdue),
            (14, 8, 3)
        );
        assert_eq!(h.compliance.map(|c| c.week), Some("2026-W48".to_owned()));

        d.by_area.push(area(None, Some(4)));
        let h = d.headlines();
        assert_eq!(
            (h.incidents, h.previous, h.partial),
            (Some(52), Some(44), true)
        );
        assert_eq!(total_text(h.incidents, h.partial), "≥52");
    }

    #[test]
    fn managers_see_one_and_two_as_below_three() {
        assert_eq!(shown(0, true), Some(0));
        assert_eq!(shown(1, true), None);
        assert_eq!(shown(2, true), None);
        assert_eq!(shown(3, true), Some(3));
        assert_eq!(shown(1, false), Some(1));
        assert_eq!(shown_text(None), "<3");
    }

    #[test]
    fn a_total_with_hidden_counts_left_out_reads_at_least() {
        assert_eq!(total_text(Some(12), true), "≥12");
        assert_eq!(total_text(Some(12), false), "12");
        assert_eq!(total_text(None, true), "<3");
        assert_eq!(total_text(Some(0), true), "≥1");
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
