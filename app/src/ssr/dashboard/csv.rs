//! Each dashboard chart's data as rows for CSV, headed in the reader's language. The figures
//! are exactly the ones the page shows (suppressed ones stay "<3").

use shared::dashboard::{Dashboard, FollowThrough, YearReport, shown_text, total_text};
use shared::lang::Lang;

use crate::i18n::T;

fn follow(rows: &[FollowThrough], first: T, lang: Lang) -> Vec<Vec<String>> {
    let mut out = vec![
        [
            first,
            T::Opened,
            T::DoneCount,
            T::NotPossibleCount,
            T::NotDoneCount,
            T::OverdueCount,
            T::MedianDays,
        ]
        .iter()
        .map(|k| k.text(lang).to_owned())
        .collect(),
    ];
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
/// `compliance`, `attendance`, `ratings`); `None` for an unknown chart.
pub fn rows(d: &Dashboard, chart: &str, lang: Lang) -> Option<Vec<Vec<String>>> {
    let head = |keys: &[T]| {
        keys.iter()
            .map(|k| k.text(lang).to_owned())
            .collect::<Vec<_>>()
    };
    let breakdown = |first: T, rows: &[shared::dashboard::Breakdown]| {
        let mut out = vec![head(&[first, T::Last52Weeks, T::YearBefore])];
        out.extend(rows.iter().map(|b| {
            vec![
                b.name.clone(),
                total_text(b.count, b.partial),
                total_text(b.previous, b.previous_partial),
            ]
        }));
        out
    };
    Some(match chart {
        "weeks" => {
            let mut out = vec![head(&[T::Week, T::Last52Weeks, T::YearBefore])];
            out.extend(d.weeks.iter().map(|w| {
                vec![
                    w.week.clone(),
                    total_text(w.count, w.partial),
                    total_text(w.last_year, w.last_year_partial),
                ]
            }));
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
                    shown_text(h.last4),
                    shown_text(h.last12),
                    shown_text(h.previous12),
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
        "ratings" => {
            let mut out = vec![head(&[T::Area, T::When, T::Rating])];
            for r in &d.ratings {
                out.extend(
                    r.points
                        .iter()
                        .map(|(day, n)| vec![r.area.clone(), day.clone(), n.to_string()]),
                );
            }
            out
        }
        _ => return None,
    })
}

/// The yearly report as a table: per area, each category's incidents in the year and the year
/// before, the area's total, then its actions by outcome. The same figures as the page (for
/// managers with small counts hidden).
pub fn year_rows(r: &YearReport, lang: Lang) -> Vec<Vec<String>> {
    let text = |k: T| k.text(lang).to_owned();
    let mut out = vec![vec![
        text(T::Area),
        text(T::Category),
        r.year.to_string(),
        (r.year - 1).to_string(),
    ]];
    for a in &r.areas {
        out.extend(a.categories.iter().map(|c| {
            vec![
                a.area.clone(),
                c.name.clone(),
                total_text(c.count, c.partial),
                total_text(c.previous, c.previous_partial),
            ]
        }));
        out.push(vec![
            a.area.clone(),
            text(T::AllCategories),
            total_text(a.total, a.partial),
            total_text(a.previous_total, a.previous_partial),
        ]);
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
    out
}
