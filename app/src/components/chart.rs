//! Charts drawn as SVG by the app itself (no chart library, no CDN): readable without
//! JavaScript, crisp in print. Each has a title, a description for screen readers and its
//! data as a table. Colours are from the Okabe–Ito palette, and series also differ by dash
//! pattern, so colour is never the only cue.

use leptos::prelude::*;

use shared::dashboard::Figure;

use crate::i18n::{T, t, use_lang};

const COLOURS: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];
const DASHES: [&str; 6] = ["", "6 4", "2 3", "10 3 2 3", "1 5", "8 8"];
/// The drawing: width, height, and the margins left of, under and over the plot.
const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 10.0;

/// One line: its name and a value per x label (`None`: no value, the line breaks).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// `v` rounded to tenths, as `{v:.1}` writes it but counted in whole tenths: the exact float
/// printer behind `{:.1}` took a fifth of the dashboard's rendering time. (Halves round away
/// from zero here; a chart cannot show the difference.)
fn push_tenths(out: &mut String, v: f64) {
    use std::fmt::Write;
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    let _ = write!(out, "{sign}{}.{}", tenths / 10, tenths % 10);
}

/// `v` rounded to a whole number (`{v:.0}`), printed as an integer.
pub fn whole(v: f64) -> String {
    (v.round() as i64).to_string()
}

fn tenths(v: f64) -> String {
    let mut text = String::new();
    push_tenths(&mut text, v);
    text
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        whole(v)
    } else {
        tenths(v)
    }
}

/// Path data for a series, broken where values are missing.
fn path(values: &[Option<f64>], max: f64) -> String {
    let n = values.len().max(2) as f64 - 1.0;
    let mut d = String::new();
    let mut pen_down = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let x = LEFT + (W - LEFT - 10.0) * i as f64 / n;
                let y = TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
                d.push_str(if pen_down { "L" } else { "M" });
                push_tenths(&mut d, x);
                d.push(',');
                push_tenths(&mut d, y);
                d.push(' ');
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}

/// Where the values with no value beside them are (a line cannot show them).
fn alone(values: &[Option<f64>], max: f64) -> Vec<(f64, f64)> {
    let n = values.len().max(2) as f64 - 1.0;
    let at = |i: usize| values.get(i).copied().flatten();
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = (*v)?;
            let before = i.checked_sub(1).and_then(at);
            (before.is_none() && at(i + 1).is_none()).then(|| {
                (
                    LEFT + (W - LEFT - 10.0) * i as f64 / n,
                    TOP + (H - TOP - BOTTOM) * (1.0 - v / max),
                )
            })
        })
        .collect()
}

/// A line chart over `labels` (x) with a data table; `cell` renders a table value.
#[component]
pub fn LineChart(
    id: &'static str,
    title: String,
    description: String,
    labels: Vec<String>,
    series: Vec<Series>,
    #[prop(optional)] cell: Option<fn(Option<f64>) -> String>,
    /// The top of the scale when it is fixed (100 for per cent, 5 for ratings).
    #[prop(optional)]
    max: Option<f64>,
) -> impl IntoView {
    let cell = cell.unwrap_or(|v| v.map(number).unwrap_or_else(|| "–".to_owned()));
    let max = max.unwrap_or_else(|| {
        series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .fold(1.0_f64, |m, v| m.max(*v))
    });
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    let last = labels.len().saturating_sub(1);
    // The first, middle and last label, each once: with two dates the middle is the first.
    let mut ticks = vec![(0, "start"), (last / 2, "middle"), (last, "end")];
    ticks.dedup_by_key(|(i, _)| *i);
    let x_labels: Vec<(f64, String, &'static str)> = ticks
        .into_iter()
        .filter_map(|(i, anchor)| {
            let x = LEFT + (W - LEFT - 10.0) * i as f64 / (last.max(1) as f64);
            labels.get(i).map(|l| (x, l.clone(), anchor))
        })
        .collect();
    let plot_bottom = H - BOTTOM;
    view! {
        <figure class="chart">
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=labelled_by preserveAspectRatio="xMidYMid meet">
                <title>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                <line x1=LEFT y1=plot_bottom x2=W - 10.0 y2=plot_bottom class="axis" />
                <line x1=LEFT y1=TOP x2=LEFT y2=plot_bottom class="axis" />
                <text x=LEFT - 4.0 y=TOP + 8.0 text-anchor="end" class="tick">{number(max)}</text>
                <text x=LEFT - 4.0 y=plot_bottom text-anchor="end" class="tick">"0"</text>
                {x_labels.into_iter().map(|(x, l, anchor)| view! {
                    <text x=x y=H - 8.0 text-anchor=anchor class="tick">{l}</text>
                }).collect_view()}
                {series.iter().enumerate().map(|(i, s)| view! {
                    <path d=path(&s.values, max) fill="none" stroke=COLOURS[i % 6] stroke-width="2.5"
                        stroke-dasharray=DASHES[i % 6] />
                    // A value with no neighbour draws no line: a dot shows it.
                    {alone(&s.values, max).into_iter().map(|(x, y)| view! {
                        <circle cx=x cy=y r="3.5" fill=COLOURS[i % 6] />
                    }).collect_view()}
                }).collect_view()}
            </svg>
            <ul class="legend">
                {series.iter().enumerate().map(|(i, s)| view! {
                    <li><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5"
                        stroke=COLOURS[i % 6] stroke-width="3" stroke-dasharray=DASHES[i % 6] /></svg>{s.name.clone()}</li>
                }).collect_view()}
            </ul>
            <details>
                <summary>{format!("{}: {title}", t(T::ChartData))}</summary>
                <div class="table-scroll">
                    <table class="incidents">
                        <caption class="visually-hidden">{title.clone()}</caption>
                        <thead><tr>
                            <th scope="col">{t(T::Period)}</th>
                            {series.iter().map(|s| view! { <th scope="col">{s.name.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {labels.iter().enumerate().map(|(i, l)| view! {
                                <tr>
                                    <th scope="row">{l.clone()}</th>
                                    {series.iter().map(|s| view! { <td>{cell(s.values.get(i).copied().flatten())}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// Horizontal bars, one row per label, for up to two series (this period and the one
/// before); the values are printed beside the bars, so the chart is its own table too.
/// A bar chart's row: label, this period, the one before ("<3" and "dolt" draw no bar).
pub type BarRow = (String, Figure, Figure);

#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    description: String,
    rows: Vec<BarRow>,
    names: (String, String),
) -> impl IntoView {
    let lang = use_lang();
    let max = rows
        .iter()
        .flat_map(|(_, a, b)| [a.count(), b.count()])
        .flatten()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let height = 26.0 * rows.len() as f64 + 8.0;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    let label_w = 230.0;
    // Long names are shortened in the drawing (to fit its larger text on a phone); the table
    // and the title carry them whole.
    let short = |label: &str| {
        if label.chars().count() > 22 {
            format!("{}…", label.chars().take(21).collect::<String>())
        } else {
            label.to_owned()
        }
    };
    let bar = |v: &Figure| (W - label_w - 60.0) * v.count().unwrap_or(0) as f64 / max;
    let text = |v: &Figure| v.text(lang);
    view! {
        <figure class="chart">
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {W} {height}") role="img" aria-labelledby=labelled_by>
                <title>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {rows.iter().enumerate().map(|(i, (label, now, before))| {
                    let y = 4.0 + 26.0 * i as f64;
                    view! {
                        <text x=label_w - 6.0 y=y + 15.0 text-anchor="end" class="tick">{short(label)}</text>
                        <rect x=label_w y=y + 2.0 width=bar(now) height="10" fill=COLOURS[0] />
                        <rect x=label_w y=y + 13.0 width=bar(before) height="8" fill="none" stroke=COLOURS[1] stroke-dasharray="3 2" />
                        <text x=label_w + bar(now) + 4.0 y=y + 11.0 class="tick">{text(now)}</text>
                        <text x=label_w + bar(before) + 4.0 y=y + 21.0 class="tick">{text(before)}</text>
                    }
                }).collect_view()}
            </svg>
            <ul class="legend">
                <li><span class="swatch solid" aria-hidden="true"></span>{names.0.clone()}</li>
                <li><span class="swatch outline" aria-hidden="true"></span>{names.1.clone()}</li>
            </ul>
            <details>
                <summary>{format!("{}: {title}", t(T::ChartData))}</summary>
                <table class="incidents">
                    <caption class="visually-hidden">{title.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{t(T::PlainName)}</th>
                        <th scope="col">{names.0}</th>
                        <th scope="col">{names.1}</th>
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|(label, now, before)| view! {
                            <tr><th scope="row">{label.clone()}</th><td>{text(now)}</td><td>{text(before)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::{number, path, tenths, whole};

    #[test]
    fn tenths_read_as_the_float_printer_writes_them() {
        for v in [0.0, 0.04, 0.06, 1.0, 12.34, 12.36, 631.0, 1e6 + 0.3] {
            assert_eq!(tenths(v), format!("{v:.1}"), "{v}");
        }
        assert_eq!(tenths(-0.3), "-0.3");
        assert_eq!(tenths(-12.34), "-12.3");
        assert_eq!(whole(1653.0), "1653");
        assert_eq!(whole(2.6), "3");
        assert_eq!(number(4.0), "4");
        assert_eq!(number(4.25), "4.3");
    }

    #[test]
    fn a_line_breaks_where_a_value_is_missing() {
        let d = path(&[Some(1.0), Some(0.5), None, Some(1.0)], 1.0);
        assert_eq!(d, "M40.0,10.0 L236.7,101.0 M630.0,10.0 ");
    }
}
