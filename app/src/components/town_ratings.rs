//! The dashboard's ratings: one line for all towns' mean per meeting, and a table of where
//! each town stands now and which way it moved (`shared::dashboard::Ratings`).

use leptos::prelude::*;
use shared::dashboard::{Movement, Ratings, Tenths, TownRating};

use crate::components::chart::{LineChart, Series};
use crate::i18n::{T, t};

/// `35` as `3.5`, the way the charts print tenths.
fn tenths(v: Tenths) -> String {
    format!("{}.{}", v / 10, v % 10)
}

/// "Allvarligare (+1.5)": the word first, so the sign is never the only cue.
fn change(town: &TownRating) -> String {
    let (Some(c), Some(m)) = (town.change(), town.movement()) else {
        return "–".to_owned();
    };
    let word = match m {
        Movement::Worse => T::MoreSerious,
        Movement::Better => T::Calmer,
        Movement::Unchanged => T::Unchanged,
    };
    let sign = if c > 0 {
        "+"
    } else if c < 0 {
        "−"
    } else {
        "±"
    };
    let size = tenths(Tenths::try_from(c.unsigned_abs()).unwrap_or(Tenths::MAX));
    format!("{} ({sign}{size})", t(word))
}

#[component]
pub fn TownRatings(ratings: Ratings) -> impl IntoView {
    if ratings.towns.is_empty() {
        return view! { <p>{t(T::NoRatings)}</p> }.into_any();
    }
    let labels: Vec<String> = ratings.mean.iter().map(|m| m.0.clone()).collect();
    let mean = vec![Series {
        name: t(T::AllTowns).to_owned(),
        values: ratings
            .mean
            .iter()
            .map(|m| Some(f64::from(m.1) / 10.0))
            .collect(),
    }];
    let optional = |v: Option<Tenths>| v.map(tenths).unwrap_or_else(|| "–".to_owned());
    view! {
        <p>{t(T::RatingsIntro)}</p>
        <div class="table-scroll">
            <table class="incidents">
                <caption class="visually-hidden">{t(T::RatingsTitle)}</caption>
                <thead><tr>
                    <th scope="col">{t(T::Town)}</th>
                    <th scope="col">{t(T::LatestRating)}</th>
                    <th scope="col">{t(T::MeanLast12Weeks)}</th>
                    <th scope="col">{t(T::MeanPrevious12Weeks)}</th>
                    <th scope="col">{t(T::RatingChange)}</th>
                </tr></thead>
                <tbody>
                    {ratings.towns.iter().map(|town| view! {
                        <tr>
                            <th scope="row">{town.area.clone()}</th>
                            <td data-label=t(T::LatestRating)>{format!("{} ({})", town.latest.1, town.latest.0)}</td>
                            <td data-label=t(T::MeanLast12Weeks)>{optional(town.recent)}</td>
                            <td data-label=t(T::MeanPrevious12Weeks)>{optional(town.before)}</td>
                            <td data-label=t(T::RatingChange)>{change(town)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <LineChart id="ratings" title=t(T::RatingMeanTitle).to_owned() description=t(T::RatingMeanDesc).to_owned()
            labels series=mean max=5.0 />
    }
    .into_any()
}
