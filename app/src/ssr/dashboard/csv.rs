//! Each dashboard chart's data as rows for CSV, headed in the reader's language. The figures
//! are exactly the ones the page shows ("<3" and "dolt" stay as they are).

use shared::dashboard::{Dashboard, FigureTable, FollowThrough, RatingSeries, YearReport};
use shared::lang::Lang;

use crate::i18n::T;

/// A header row: `keys` in the reader's language.
fn head(keys: &[T], lang: Lang) -> Vec<String> {
    keys.iter().map(|k| k.text(lang).to_owned()).collect()
}

fn follow(rows: &[FollowThrough], first: T, lang: Lang) -> Vec<Vec<String>> {
    let mut out = vec![head(
        &[
            first,
            T::Opened,
            T::DoneCount,
            T::NotPossibleCount,
            T::NotDoneCount,
            T::OverdueCount,
            T::MedianDays,
        ],
        lang,
    )];
    for r in rows {
        out.push(vec![
            r.name.clone(),
            r.opened.to_string(),
            r.done.to_string(),
            r.not_possible.to_string(),
            r.not_done.to_string(),
            r.overdue.to_string(),
            r.median_days_to_done
                .map(|m| format!("{m:.1}"))
                .unwrap_or_default(),
        ]);
    }
    out
}

/// The rows of `chart` (`weeks`, `areas`, `categories`, `places`, `quarters`, `owners`,
/// `compliance`, `attendance`); `None` for an unknown chart. The ratings are
/// [`every_rating`]'s.
pub fn rows(d: &Dashboard, chart: &str, lang: Lang) -> Option<Vec<Vec<String>>> {
    let head = |keys: &[T]| head(keys, lang);
    let breakdown = |first: T, rows: &[shared::dashboard::Breakdown]| {
        let mut out = vec![head(&[first, T::Last52Weeks, T::YearBefore])];
        out.extend(
            rows.iter()
                .map(|b| vec![b.name.clone(), b.count.to_string(), b.previous.to_string()]),
        );
        out
    };
    Some(match chart {
        "weeks" => {
            let mut out = vec![head(&[T::Week, T::Last52Weeks, T::YearBefore])];
            out.extend(
                d.weeks
                    .iter()
                    .map(|w| vec![w.week.clone(), w.count.to_string(), w.last_year.to_string()]),
            );
            out
        }
        "areas" => breakdown(T::Area, &d.by_area),
        "categories" => breakdown(T::Category, &d.by_category),
        "places" => {
            let mut out = vec![head(&[
                T::Place,
                T::Area,
                T::Weeks4,
                T::Weeks12,
                T::Weeks12Before,
            ])];
            out.extend(d.hot_places.iter().map(|h| {
                vec![
                    h.place.clone(),
                    h.area.clone(),
                    h.last4.to_string(),
                    h.last12.to_string(),
                    h.previous12.to_string(),
                ]
            }));
            out
        }
        "quarters" => follow(&d.by_quarter, T::Quarter, lang),
        "owners" => follow(&d.by_owner, T::Organisation, lang),
        "compliance" => {
            let mut out = vec![head(&[
                T::Week,
                T::ReportingOnTime,
                T::Organisations,
                T::PerCent,
            ])];
            out.extend(d.compliance.iter().map(|c| {
                vec![
                    c.week.clone(),
                    c.on_time.to_string(),
                    c.organisations.to_string(),
                    c.percent().to_string(),
                ]
            }));
            out
        }
        "attendance" => {
            let mut out = vec![head(&[
                T::Organisation,
                T::Quarter,
                T::Present,
                T::MeetingsExpected,
            ])];
            for a in &d.attendance {
                for (q, attended, held) in &a.quarters {
                    out.push(vec![
                        a.organisation.clone(),
                        q.clone(),
                        attended.to_string(),
                        held.to_string(),
                    ]);
                }
            }
            out
        }
        _ => return None,
    })
}

/// Every single rating of the four quarters (the page sums them up per town): town, meeting
/// date, rating.
pub fn every_rating(series: &[RatingSeries], lang: Lang) -> Vec<Vec<String>> {
    let mut out = vec![head(&[T::Area, T::When, T::Rating], lang)];
    for r in series {
        out.extend(
            r.points
                .iter()
                .map(|(day, n)| vec![r.area.clone(), day.clone(), n.to_string()]),
        );
    }
    out
}

/// A table of figures headed by `first` and its columns, each figure as the page writes it.
fn figure_rows(first: T, table: &FigureTable, lang: Lang) -> Vec<Vec<String>> {
    let mut head = vec![first.text(lang).to_owned()];
    head.extend(table.columns.iter().cloned());
    let mut out = vec![head];
    out.extend(table.rows.iter().map(|row| {
        let mut line = vec![row.label.clone()];
        line.extend(row.cells.iter().map(|f| f.text(lang)));
        line
    }));
    out
}

/// The yearly report as blocks of rows, as the page shows it: incidents per area by quarter,
/// per category, (for exact roles) per area and category, actions by outcome, then reporting and
/// attendance per organisation ("3/4": 3 of 4). Blocks are separated by an empty row.
pub fn year_rows(r: &YearReport, lang: Lang) -> Vec<Vec<String>> {
    let text = |k: T| k.text(lang).to_owned();
    let mut out = figure_rows(T::Area, &r.by_area, lang);
    out.push(Vec::new());
    out.extend(figure_rows(T::Category, &r.by_category, lang));
    if r.areas.iter().any(|a| !a.categories.is_empty()) {
        out.push(Vec::new());
        out.push(vec![
            text(T::Area),
            text(T::Category),
            r.year.to_string(),
            (r.year - 1).to_string(),
        ]);
        for a in &r.areas {
            out.extend(a.categories.iter().map(|c| {
                vec![
                    a.area.clone(),
                    c.name.clone(),
                    c.count.to_string(),
                    c.previous.to_string(),
                ]
            }));
        }
    }
    out.push(Vec::new());
    out.push(vec![
        text(T::Area),
        text(T::Opened),
        text(T::DoneCount),
        text(T::NotPossibleCount),
        text(T::NotDoneCount),
        text(T::StillOpen),
    ]);
    out.extend(r.areas.iter().map(|a| {
        vec![
            a.area.clone(),
            a.actions_opened.to_string(),
            a.actions_done.to_string(),
            a.actions_not_possible.to_string(),
            a.actions_not_done.to_string(),
            a.actions_open.to_string(),
        ]
    }));
    out.push(Vec::new());
    let of = text(T::AttendedOf);
    out.push(vec![
        text(T::Organisation),
        format!("{} ({of})", text(T::ReportingOnTime)),
        format!("{} ({of})", text(T::SituationMeetings)),
        format!("{} ({of})", text(T::AreaGroups)),
    ]);
    out.extend(r.organisations.iter().map(|o| {
        vec![
            o.organisation.clone(),
            format!("{}/{}", o.reports_on_time, o.reports_due),
            format!("{}/{}", o.weekly_attended, o.weekly_expected),
            format!("{}/{}", o.groups_attended, o.groups_expected),
        ]
    }));
    out
}
