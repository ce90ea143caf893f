//! ISO weeks (Monday to Sunday), the unit the weekly work cycle counts in.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// An ISO week such as 2026-W48. Week 53 exists only in long ISO years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IsoWeek {
    year: i32,
    week: u32,
}

impl IsoWeek {
    /// A week from its ISO year and number, if that week exists.
    pub fn new(year: i32, week: u32) -> Option<Self> {
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(|_| Self { year, week })
    }

    /// Parses `2026-W48` (what `<input type="week">` sends), `2026W48` or `2026-48`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(FieldError::Required);
        }
        let (year, week) = text
            .split_once(['-', 'W', 'w'])
            .ok_or(FieldError::Invalid)?;
        let week = week.trim_start_matches(['W', 'w']);
        let valid_digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !valid_digits(year, 4..=4) || !valid_digits(week, 1..=2) {
            return Err(FieldError::Invalid);
        }
        let year = year.parse().map_err(|_| FieldError::Invalid)?;
        let week = week.parse().map_err(|_| FieldError::Invalid)?;
        Self::new(year, week).ok_or(FieldError::Invalid)
    }

    /// The ISO week a calendar date falls in.
    pub fn of(date: NaiveDate) -> Self {
        let iso = date.iso_week();
        Self {
            year: iso.year(),
            week: iso.week(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn week(self) -> u32 {
        self.week
    }

    /// A sortable integer key (`202648`), stored with each incident for fast week filters.
    pub fn key(self) -> i32 {
        self.year * 100 + self.week as i32
    }

    /// Monday of this week.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or(NaiveDate::MIN)
    }

    /// The quarter (1–4) this week counts in: that of its Thursday, the day that also decides
    /// its ISO year, so quarters are whole weeks and nest in ISO years.
    pub fn quarter(self) -> u32 {
        let thursday = self.monday() + chrono::Days::new(3);
        (thursday.month() - 1) / 3 + 1
    }

    pub fn previous(self) -> Self {
        Self::of(self.monday() - chrono::Days::new(7))
    }

    pub fn next(self) -> Self {
        Self::of(self.monday() + chrono::Days::new(7))
    }
}

impl std::fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weeks_parse_in_the_shapes_browsers_and_people_use() {
        let w = IsoWeek::new(2026, 48).unwrap();
        assert_eq!(IsoWeek::parse("2026-W48"), Ok(w));
        assert_eq!(IsoWeek::parse("2026w48"), Ok(w));
        assert_eq!(IsoWeek::parse(" 2026-48 "), Ok(w));
        assert_eq!(w.to_string(), "2026-W48");
    }

    #[test]
    fn impossible_weeks_are_refused() {
        assert_eq!(IsoWeek::parse("2026-W54"), Err(FieldError::Invalid));
        assert_eq!(IsoWeek::parse("2025-W53"), Err(FieldError::Invalid));
        assert!(IsoWeek::parse("2026-W53").is_ok());
        assert_eq!(IsoWeek::parse("2026-W00"), Err(FieldError::Invalid));
        assert_eq!(IsoWeek::parse("week 48"), Err(FieldError::Invalid));
        assert_eq!(IsoWeek::parse(""), Err(FieldError::Required));
    }

    #[test]
    fn dates_around_new_year_fall_in_the_right_iso_week() {
        assert_eq!(IsoWeek::of(date(2026, 12, 31)).to_string(), "2026-W53");
        assert_eq!(IsoWeek::of(date(2027, 1, 3)).to_string(), "2026-W53");
        assert_eq!(IsoWeek::of(date(2027, 1, 4)).to_string(), "2027-W01");
        assert_eq!(IsoWeek::of(date(2024, 12, 30)).to_string(), "2025-W01");
    }

    #[test]
    fn quarters_are_whole_weeks_counted_by_their_thursday() {
        let q = |y, w| IsoWeek::new(y, w).unwrap().quarter();
        assert_eq!(q(2026, 1), 1);
        // 2026-W13 runs 23–29 March, W14 (Thursday 2 April) is the second quarter's.
        assert_eq!((q(2026, 13), q(2026, 14)), (1, 2));
        // W27 is 29 June – 5 July: its Thursday is 2 July.
        assert_eq!(q(2026, 27), 3);
        assert_eq!((q(2026, 52), q(2026, 53)), (4, 4));
        // 2025-W01 starts on 30 December 2024 and still counts in the first quarter of 2025.
        assert_eq!(q(2025, 1), 1);
    }

    #[test]
    fn previous_and_next_cross_year_boundaries() {
        let w1 = IsoWeek::new(2027, 1).unwrap();
        assert_eq!(w1.previous(), IsoWeek::new(2026, 53).unwrap());
        assert_eq!(w1.previous().next(), w1);
        assert_eq!(w1.monday(), date(2027, 1, 4));
        assert_eq!(w1.key(), 202701);
    }
}
