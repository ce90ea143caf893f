//! Weekly reports: the deadline rule, and what the reporting pages show.

use chrono::{NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::incident::IncidentSummary;
use crate::week::IsoWeek;

/// When a week's report is due: a weekday and time (Europe/Stockholm) in the following week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDeadline {
    pub weekday: Weekday,
    pub hour: u32,
    pub minute: u32,
}

impl Default for ReportDeadline {
    /// Tuesday 13:00 for the previous week.
    fn default() -> Self {
        Self {
            weekday: Weekday::Tue,
            hour: 13,
            minute: 0,
        }
    }
}

impl ReportDeadline {
    /// Parses `tue 13:00` (English or Swedish weekday abbreviations).
    pub fn parse(text: &str) -> Option<Self> {
        let (day, time) = text.trim().split_once(' ')?;
        let weekday = match day.to_lowercase().as_str() {
            "mon" | "mån" => Weekday::Mon,
            "tue" | "tis" => Weekday::Tue,
            "wed" | "ons" => Weekday::Wed,
            "thu" | "tor" => Weekday::Thu,
            "fri" | "fre" => Weekday::Fri,
            "sat" | "lör" => Weekday::Sat,
            "sun" | "sön" => Weekday::Sun,
            _ => return None,
        };
        let (h, m) = time.trim().split_once(':')?;
        let (hour, minute) = (h.parse().ok()?, m.parse().ok()?);
        (hour < 24 && minute < 60).then_some(Self {
            weekday,
            hour,
            minute,
        })
    }

    /// The local time the report for `week` is due.
    pub fn due(self, week: IsoWeek) -> NaiveDateTime {
        let day = week.next().monday()
            + chrono::Days::new(u64::from(self.weekday.num_days_from_monday()));
        day.and_hms_opt(self.hour, self.minute, 0)
            .unwrap_or_default()
    }

    /// The week reporters are asked about at `now`: the one before the current week.
    pub fn reporting_week(now_local: NaiveDateTime) -> IsoWeek {
        IsoWeek::of(now_local.date()).previous()
    }
}

/// An organisation's report for a week, once sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentReport {
    pub submitted_at: String,
    pub submitted_by: String,
    pub nothing_to_report: bool,
    pub incident_count: u32,
    pub late: bool,
}

/// The reporter's page: their organisation's week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnWeek {
    pub week: String,
    pub organisation: String,
    pub due: String,
    pub overdue: bool,
    pub incidents: Vec<IncidentSummary>,
    pub report: Option<SentReport>,
    /// Incidents logged after the report was sent.
    pub late_additions: u32,
}

/// Where one organisation stands for one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportStatus {
    /// Sent (`late` when after the deadline); `nothing_to_report` for a nollrapport.
    Sent {
        nothing_to_report: bool,
        late: bool,
        submitted_at: String,
        incident_count: u32,
    },
    /// Nothing sent and the deadline has passed.
    Missing,
    /// Nothing sent yet, deadline still ahead.
    Pending,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationStatus {
    pub organisation: String,
    pub status: ReportStatus,
    /// "Name <email>" of the organisation's reporters.
    pub contacts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekStatus {
    pub week: String,
    pub due: String,
    pub organisations: Vec<OrganisationStatus>,
}

/// The organisations that have not sent a week's report: what the coordinators' start page
/// names, without the contacts and statuses of the whole overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingReports {
    pub week: String,
    pub organisations: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_default_deadline_is_tuesday_13_in_the_following_week() {
        let week = IsoWeek::new(2026, 48).unwrap();
        assert_eq!(
            ReportDeadline::default().due(week).to_string(),
            "2026-12-01 13:00:00"
        );
        let last = IsoWeek::new(2026, 53).unwrap();
        assert_eq!(
            ReportDeadline::default().due(last).to_string(),
            "2027-01-05 13:00:00"
        );
    }

    #[test]
    fn deadlines_parse_in_english_and_swedish() {
        assert_eq!(
            ReportDeadline::parse("tue 13:00"),
            Some(ReportDeadline::default())
        );
        assert_eq!(
            ReportDeadline::parse("Mån 09:30"),
            Some(ReportDeadline {
                weekday: Weekday::Mon,
                hour: 9,
                minute: 30
            })
        );
        assert_eq!(ReportDeadline::parse("tue 25:00"), None);
        assert_eq!(ReportDeadline::parse("someday"), None);
    }

    #[test]
    fn reporters_are_asked_about_last_week() {
        let monday = NaiveDate::from_ymd_opt(2027, 1, 4)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        assert_eq!(
            ReportDeadline::reporting_week(monday).to_string(),
            "2026-W53"
        );
    }
}
