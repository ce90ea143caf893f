//! The weekly meeting's ratings of the towns, summed up for the dashboard. Thirty towns'
//! lines over a year in one chart cannot be told apart (six colours, six dash patterns), so
//! the dashboard shows where each town stands now and whether it moved, and one line for
//! all towns together; every single rating stays in the CSV and in the minutes.

use serde::{Deserialize, Serialize};

/// One town's weekly ratings (1–5), oldest first: (meeting date, rating).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingSeries {
    pub area: String,
    pub points: Vec<(String, i32)>,
}

/// A mean rating in tenths (1–5 is 10–50), so it compares and prints exactly.
pub type Tenths = u32;

/// One town's ratings summed up: the latest, and the mean of the last 12 weeks against the
/// 12 weeks before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TownRating {
    pub area: String,
    /// The latest meeting date it was rated at, and that rating.
    pub latest: (String, i32),
    pub recent: Option<Tenths>,
    pub before: Option<Tenths>,
}

/// Which way a town moved between the two 12-week means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// Half a step or more towards 5.
    Worse,
    /// Half a step or more towards 1.
    Better,
    Unchanged,
}

/// A change smaller than half a step is called unchanged: one meeting's 3 among 4s is not
/// a trend.
const NOTICEABLE: i64 = 5;

impl TownRating {
    /// The change from `before` to `recent` in tenths (positive: more serious), when both
    /// periods have ratings.
    pub fn change(&self) -> Option<i64> {
        Some(i64::from(self.recent?) - i64::from(self.before?))
    }

    pub fn movement(&self) -> Option<Movement> {
        self.change().map(|c| {
            if c >= NOTICEABLE {
                Movement::Worse
            } else if c <= -NOTICEABLE {
                Movement::Better
            } else {
                Movement::Unchanged
            }
        })
    }
}

/// The ratings section of the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    /// Every town rated in the period, the most serious now first (latest rating, then the
    /// recent mean), then by name.
    pub towns: Vec<TownRating>,
    /// Each meeting's mean over the towns it rated, oldest first: (meeting date, tenths).
    pub mean: Vec<(String, Tenths)>,
}

/// The mean of `values` in tenths, rounded half up; `None` for none.
fn mean(values: impl Iterator<Item = i32>) -> Option<Tenths> {
    let (sum, n) = values.fold((0_i64, 0_i64), |(s, n), v| (s + i64::from(v), n + 1));
    (n > 0).then(|| u32::try_from((sum * 20 + n) / (2 * n)).unwrap_or(0))
}

impl Ratings {
    /// Sums up `series`. Dates are ISO (`2026-11-30`), so they compare as text: the recent
    /// period starts at `recent_from`, the one before at `before_from`.
    pub fn summarise(series: &[RatingSeries], before_from: &str, recent_from: &str) -> Ratings {
        let within = |points: &[(String, i32)], from: &str, to: Option<&str>| {
            mean(
                points
                    .iter()
                    .filter(|(day, _)| {
                        day.as_str() >= from && to.is_none_or(|to| day.as_str() < to)
                    })
                    .map(|p| p.1),
            )
        };
        let mut towns: Vec<TownRating> = series
            .iter()
            .filter_map(|s| {
                Some(TownRating {
                    area: s.area.clone(),
                    latest: s.points.iter().max_by(|a, b| a.0.cmp(&b.0))?.clone(),
                    recent: within(&s.points, recent_from, None),
                    before: within(&s.points, before_from, Some(recent_from)),
                })
            })
            .collect();
        towns.sort_by(|a, b| {
            b.latest
                .1
                .cmp(&a.latest.1)
                .then(b.recent.cmp(&a.recent))
                .then_with(|| a.area.cmp(&b.area))
        });
        let mut by_day: std::collections::BTreeMap<&str, Vec<i32>> = Default::default();
        for (day, rating) in series.iter().flat_map(|s| &s.points) {
            by_day.entry(day).or_default().push(*rating);
        }
        let mean = by_day
            .into_iter()
            .filter_map(|(day, ratings)| Some((day.to_owned(), mean(ratings.into_iter())?)))
            .collect();
        Ratings { towns, mean }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn town(area: &str, points: &[(&str, i32)]) -> RatingSeries {
        RatingSeries {
            area: area.into(),
            points: points.iter().map(|(d, r)| ((*d).to_owned(), *r)).collect(),
        }
    }

    #[test]
    fn each_town_gets_its_latest_rating_and_both_periods_means() {
        let r = Ratings::summarise(
            &[
                town(
                    "Rimbo",
                    &[
                        ("2026-06-01", 2),
                        ("2026-09-07", 2),
                        ("2026-09-14", 3),
                        ("2026-11-30", 4),
                    ],
                ),
                town("Hallstavik", &[]),
            ],
            "2026-06-15",
            "2026-09-14",
        );
        assert_eq!(r.towns.len(), 1, "a town never rated has no row");
        let rimbo = &r.towns[0];
        assert_eq!(rimbo.latest, ("2026-11-30".to_owned(), 4));
        assert_eq!(
            rimbo.recent,
            Some(35),
            "3 and 4 from the recent period's first day"
        );
        assert_eq!(
            rimbo.before,
            Some(20),
            "2 on 09-07; 06-01 is before both periods"
        );
        assert_eq!(rimbo.change(), Some(15));
        assert_eq!(rimbo.movement(), Some(Movement::Worse));
    }

    #[test]
    fn less_than_half_a_step_is_no_movement_and_an_empty_period_none() {
        let r = Ratings::summarise(
            &[
                town(
                    "A",
                    &[
                        ("2026-08-03", 3),
                        ("2026-10-05", 3),
                        ("2026-10-12", 4),
                        ("2026-10-19", 3),
                    ],
                ),
                town("B", &[("2026-08-03", 4), ("2026-10-05", 3)]),
                town("C", &[("2026-10-05", 1)]),
            ],
            "2026-07-01",
            "2026-10-01",
        );
        let find = |name: &str| r.towns.iter().find(|t| t.area == name).unwrap();
        assert_eq!(find("A").recent, Some(33), "10/3 rounds to 3.3");
        assert_eq!(find("A").movement(), Some(Movement::Unchanged));
        assert_eq!(find("B").movement(), Some(Movement::Better));
        assert_eq!((find("C").before, find("C").movement()), (None, None));
    }

    #[test]
    fn the_most_serious_now_come_first_and_each_meeting_has_a_mean() {
        let r = Ratings::summarise(
            &[
                town("Norrtälje", &[("2026-11-23", 2), ("2026-11-30", 3)]),
                town("Rimbo", &[("2026-11-23", 4), ("2026-11-30", 3)]),
                town("Älmsta", &[("2026-11-30", 5)]),
            ],
            "2026-06-01",
            "2026-09-01",
        );
        let order: Vec<&str> = r.towns.iter().map(|t| t.area.as_str()).collect();
        assert_eq!(
            order,
            ["Älmsta", "Rimbo", "Norrtälje"],
            "5, then 3 with mean 3.5, then 3 with 2.5"
        );
        assert_eq!(
            r.mean,
            [("2026-11-23".to_owned(), 30), ("2026-11-30".to_owned(), 37)],
            "(2+4)/2, then (3+3+5)/3 = 3.67 rounds to 3.7"
        );
    }
}
