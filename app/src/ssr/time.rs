//! Times are stored in UTC and shown in Europe/Stockholm; weeks are local ISO weeks.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Stockholm;
use shared::week::IsoWeek;

/// The current local (Stockholm) wall-clock time.
pub fn now_local() -> NaiveDateTime {
    Utc::now().with_timezone(&Stockholm).naive_local()
}

/// A local wall-clock time as UTC. In the spring-forward gap the time is moved past the gap;
/// in the autumn overlap the earlier instant is taken.
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    Stockholm
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Stockholm
                .from_local_datetime(&(local + chrono::TimeDelta::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// The start of a local day, as UTC.
pub fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    local_to_utc(day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

pub fn to_local(time: DateTime<Utc>) -> NaiveDateTime {
    time.with_timezone(&Stockholm).naive_local()
}

/// `2026-11-24 21:30` in Stockholm time.
pub fn format_local(time: DateTime<Utc>) -> String {
    to_local(time).format("%Y-%m-%d %H:%M").to_string()
}

/// The value an `<input type="datetime-local">` shows for this time.
pub fn input_local(time: DateTime<Utc>) -> String {
    to_local(time).format("%Y-%m-%dT%H:%M").to_string()
}

/// The local ISO week of a UTC time.
pub fn week_of(time: DateTime<Utc>) -> IsoWeek {
    IsoWeek::of(to_local(time).date())
}

/// The UTC instants [start, end) of a local ISO week.
pub fn week_bounds(week: IsoWeek) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = week.monday().and_hms_opt(0, 0, 0).unwrap_or_default();
    let end = week
        .next()
        .monday()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    (local_to_utc(start), local_to_utc(end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn winter_and_summer_times_convert_with_their_offsets() {
        assert_eq!(
            local_to_utc(local(2026, 1, 15, 12, 0)).to_rfc3339(),
            "2026-01-15T11:00:00+00:00"
        );
        assert_eq!(
            local_to_utc(local(2026, 7, 15, 12, 0)).to_rfc3339(),
            "2026-07-15T10:00:00+00:00"
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_past_it() {
        // 2026-03-29 02:30 does not exist in Stockholm.
        assert_eq!(
            local_to_utc(local(2026, 3, 29, 2, 30)).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
    }

    #[test]
    fn late_sunday_evening_belongs_to_the_local_week() {
        // Sunday 23:30 local is Sunday 22:30 UTC: still week 48, not 49.
        let t = local_to_utc(local(2026, 11, 29, 23, 30));
        assert_eq!(week_of(t).to_string(), "2026-W48");
        assert_eq!(format_local(t), "2026-11-29 23:30");
    }
}
