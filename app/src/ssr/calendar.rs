//! A meeting series as an iCalendar feed (RFC 5545) that calendar programs subscribe to.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::AppError;
use shared::meeting::MeetingState;
use uuid::Uuid;

use super::entities::meetings::{meeting, series};
use super::time::to_local;
use super::{Result, db_err};

/// Folds an iCalendar content line at 75 octets (RFC 5545 §3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn ical_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Europe/Stockholm as calendar programs need it beside `TZID` (RFC 5545 §3.6.5).
const STOCKHOLM: [&str; 16] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
];

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn local(at: NaiveDateTime) -> String {
    format!("TZID=Europe/Stockholm:{}", at.format("%Y%m%dT%H%M%S"))
}

/// The series as an iCalendar feed: one recurring event from its schedule, so that coming
/// meetings are in the calendar before anyone plans them, and each planned or held meeting as
/// its own instance of it (`RECURRENCE-ID`, `STATUS:CANCELLED` when called off), with its
/// state and a link to it. The token stands in for a session, since calendar
/// programs send no cookies; a wrong token is "not found". `base` is the app's address.
pub async fn feed<C: ConnectionTrait>(
    db: &C,
    series_id: Uuid,
    token: &str,
    base: &str,
) -> Result<String> {
    let s = series::Entity::find_by_id(series_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let matches = s.feed_token.len() == token.len()
        && s.feed_token
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !matches {
        return Err(AppError::NotFound);
    }
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(series_id))
        .order_by_asc(meeting::Column::StartsAt)
        .all(db)
        .await
        .map_err(db_err)?;
    let time = NaiveTime::parse_from_str(&s.start_time, "%H:%M").unwrap_or_default();
    let weekday = s.weekday.clamp(0, 6) as u32;
    let on_schedule = |day: NaiveDate| day.weekday().num_days_from_monday() == weekday;
    // The schedule starts on its first day on or after the series (or its first meeting).
    let mut first = meetings
        .first()
        .map(|m| to_local(m.starts_at).date())
        .unwrap_or(NaiveDate::MAX)
        .min(to_local(s.created_at).date());
    while !on_schedule(first) {
        first += TimeDelta::days(1);
    }
    let minutes = i64::from(s.duration_minutes);
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let uid = format!("UID:series-{}@samverkan", s.id);
    let location = s
        .location
        .as_deref()
        .map(|l| format!("LOCATION:{}", ical_text(l)));
    let mut lines: Vec<String> = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverkan//Meetings//SV",
        "CALSCALE:GREGORIAN",
    ]
    .into_iter()
    .chain(STOCKHOLM)
    .chain(["END:VTIMEZONE"])
    .map(str::to_owned)
    .collect();
    lines.insert(4, format!("X-WR-CALNAME:{}", ical_text(&s.name)));
    lines.extend([
        "BEGIN:VEVENT".to_owned(),
        uid.clone(),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;{}", local(first.and_time(time))),
        format!("DURATION:PT{minutes}M"),
        format!("RRULE:FREQ=WEEKLY;BYDAY={}", WEEKDAYS[weekday as usize]),
        format!("SUMMARY:{}", ical_text(&s.name)),
        format!(
            "DESCRIPTION:{}",
            ical_text(&format!("Samverkan: {}/meetings", base))
        ),
        format!("URL:{base}/meetings"),
        "STATUS:TENTATIVE".to_owned(),
    ]);
    lines.extend(location.clone());
    lines.push("END:VEVENT".to_owned());
    let mut used = std::collections::HashSet::new();
    for m in meetings {
        let starts = to_local(m.starts_at);
        let (status, state) = match m.state {
            MeetingState::Finalised => ("CONFIRMED", "justerat protokoll"),
            MeetingState::InProgress => ("CONFIRMED", "pågår"),
            MeetingState::Planned => ("CONFIRMED", "planerat"),
            MeetingState::Cancelled => ("CANCELLED", "inställt"),
        };
        let link = format!("{base}/meetings/{}", m.id);
        lines.push("BEGIN:VEVENT".to_owned());
        // A meeting stands for its week's scheduled one, also when moved to another day or
        // hour of that week; a second meeting in a week is an event of its own.
        let day = starts.date();
        let slot = day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
            + TimeDelta::days(i64::from(weekday));
        if slot >= first && used.insert(slot) {
            lines.push(uid.clone());
            lines.push(format!("RECURRENCE-ID;{}", local(slot.and_time(time))));
        } else {
            lines.push(format!("UID:{}@samverkan", m.id));
        }
        lines.extend([
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;{}", local(starts)),
            format!("DURATION:PT{minutes}M"),
            format!("SUMMARY:{}", ical_text(&s.name)),
            format!(
                "DESCRIPTION:{}",
                ical_text(&format!("{} ({state}): {link}", s.name))
            ),
            format!("URL:{link}"),
            format!("STATUS:{status}"),
        ]);
        lines.extend(location.clone());
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    Ok(lines.iter().map(|l| fold(l)).collect())
}

#[cfg(test)]
mod tests {
    use super::{fold, ical_text};

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "å".repeat(60));
        let folded = fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            ical_text("Möte; rum 2, plan 3\nNy rad"),
            "Möte\\; rum 2\\, plan 3\\nNy rad"
        );
    }
}
