//! A meeting series as an iCalendar feed (RFC 5545) that calendar programs subscribe to.

use chrono::{TimeDelta, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::AppError;
use shared::meeting::MeetingState;
use uuid::Uuid;

use super::entities::meetings::{meeting, series};
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

/// The series' meetings as an iCalendar feed. The token stands in for a session, since
/// calendar programs send no cookies; a wrong token is "not found".
pub async fn feed<C: ConnectionTrait>(db: &C, series_id: Uuid, token: &str) -> Result<String> {
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
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverkan//Meetings//SV",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", ical_text(&s.name))));
    for m in meetings {
        let end = m.starts_at + TimeDelta::minutes(i64::from(s.duration_minutes));
        let status = if m.state == MeetingState::Finalised {
            "CONFIRMED"
        } else {
            "TENTATIVE"
        };
        for line in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}@samverkan", m.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{}", m.starts_at.format("%Y%m%dT%H%M%SZ")),
            format!("DTEND:{}", end.format("%Y%m%dT%H%M%SZ")),
            format!("SUMMARY:{}", ical_text(&s.name)),
            format!("STATUS:{status}"),
            "END:VEVENT".to_owned(),
        ] {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    Ok(out)
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
