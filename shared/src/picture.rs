//! The situation picture (lägesbild): per area and ISO week, computed from the incidents.

use serde::{Deserialize, Serialize};

/// How many incidents a place needs within the last four weeks to count as a hot spot.
pub const DEFAULT_HOT_SPOT_THRESHOLD: u32 = 3;

/// A count this week, last week, and the average of the four weeks before this one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    pub count: u32,
    pub previous: u32,
    /// Average over weeks W-1…W-4.
    pub average4: f32,
}

impl Trend {
    /// This week against last week.
    pub fn change(&self) -> i64 {
        i64::from(self.count) - i64::from(self.previous)
    }

    /// This week against the four-week average.
    pub fn change_from_average(&self) -> f32 {
        self.count as f32 - self.average4
    }
}

/// Average of four weekly counts.
pub fn average4(weeks: [u32; 4]) -> f32 {
    weeks.iter().sum::<u32>() as f32 / 4.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryTrend {
    pub category_id: String,
    pub category: String,
    pub trend: Trend,
}

/// A place with repeated incidents in the last four weeks (this week included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotSpot {
    pub place: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaPicture {
    pub area_id: String,
    pub area: String,
    pub total: Trend,
    /// Every category with an incident in this week or the four before, most frequent first.
    pub categories: Vec<CategoryTrend>,
    /// The [`HOT_SPOTS_SHOWN`] places with most incidents over the threshold, most first.
    pub hot_spots: Vec<HotSpot>,
    /// How many more places are over the threshold than are listed.
    pub more_hot_spots: u32,
    pub youth_involved: u32,
    pub physical_environment: u32,
    /// Actions in the area not yet closed, and how many of them are past due.
    pub open_actions: u32,
    pub overdue_actions: u32,
    /// Work orders at the area's places not yet closed, and how many are past due.
    #[serde(default)]
    pub open_work_orders: u32,
    #[serde(default)]
    pub overdue_work_orders: u32,
}

/// Hot spots listed per area; a large town can have dozens over the threshold, and the meeting
/// looks at the worst.
pub const HOT_SPOTS_SHOWN: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SituationPicture {
    pub week: String,
    pub previous_week: String,
    pub next_week: Option<String>,
    pub hot_spot_threshold: u32,
    pub areas: Vec<AreaPicture>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trends_compare_with_last_week_and_the_four_week_average() {
        let t = Trend {
            count: 5,
            previous: 2,
            average4: average4([2, 4, 0, 2]),
        };
        assert_eq!(t.average4, 2.0);
        assert_eq!(t.change(), 3);
        assert_eq!(t.change_from_average(), 3.0);
        assert_eq!(
            Trend {
                count: 0,
                previous: 4,
                average4: 1.5
            }
            .change(),
            -4
        );
    }
}
