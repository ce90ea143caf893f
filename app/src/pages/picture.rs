//! `/picture`: the week's situation picture, one section per town, as the weekly meeting
//! reviews it. Every number links to the incident list with the same filters.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::contact::ContactEntry;
use shared::picture::{AreaPicture, SituationPicture, Trend};

use crate::api::picture::get_situation_picture;
use crate::components::contacts::ContactCard;
use crate::components::fields::{FormError, PageError};
use crate::components::week_picker::WeekPicker;
use crate::i18n::{T, count_of, t};

fn signed(n: f32) -> String {
    if n.abs() < 0.05 {
        "±0".to_owned()
    } else if n.fract().abs() < 0.05 {
        format!("{:+}", n.round() as i64).replace('-', "−")
    } else {
        format!("{n:+.1}").replace('-', "−")
    }
}

fn list_href(week: &str, area_id: &str, category_id: Option<&str>) -> String {
    match category_id {
        Some(c) => format!("/incidents?week={week}&area={area_id}&category={c}"),
        None => format!("/incidents?week={week}&area={area_id}"),
    }
}

#[component]
pub fn PicturePage() -> impl IntoView {
    let query = use_query_map();
    let week = move || query.with(|q| q.get("week").unwrap_or_default());
    let picture = Resource::new(week, get_situation_picture);
    let contacts = Resource::new(
        || (),
        |_| crate::api::contacts::search_contacts(String::new(), String::new(), String::new()),
    );
    view! {
        <Title text=t(T::SituationPicture) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match picture.await {
                    Ok(p) => {
                        let contacts = contacts.await.map(|d| d.entries).unwrap_or_default();
                        view! { <PictureView p contacts /> }.into_any()
                    }
                    Err(e @ shared::AppError::Validation(_)) => {
                        let error: FormError = Signal::derive(move || Some(e.clone()));
                        view! {
                            <h1>{t(T::SituationPicture)}</h1>
                            <WeekPicker path="/picture" value=week() error />
                        }.into_any()
                    }
                    Err(e) => view! { <h1>{t(T::SituationPicture)}</h1><PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PictureView(p: SituationPicture, contacts: Vec<ContactEntry>) -> impl IntoView {
    let none: FormError = Signal::derive(|| None);
    let week = p.week.clone();
    view! {
        <h1>{format!("{} {}", t(T::SituationPicture), p.week)}</h1>
        <nav class="pager" aria-label=t(T::Weeks)>
            <a href=format!("/picture?week={}", p.previous_week)>{format!("← {}", p.previous_week)}</a>
            {p.next_week.map(|n| view! { <a href=format!("/picture?week={n}")>{format!("{n} →")}</a> })}
        </nav>
        <WeekPicker path="/picture" value=p.week.clone() error=none />
        <p class="hint">{format!("{} {}.", t(T::HotSpotExplained), p.hot_spot_threshold)}</p>
        {p.areas.into_iter().map(|a| {
            let local: Vec<ContactEntry> = contacts
                .iter()
                .filter(|c| c.area_id.as_deref() == Some(a.area_id.as_str()))
                .cloned()
                .collect();
            view! { <AreaSection a week=week.clone() contacts=local /> }
        }).collect_view()}
    }
}

fn trend_cells(trend: Trend) -> impl IntoView {
    view! {
        <td>{trend.previous}</td>
        <td>{format!("{:.1}", trend.average4)}</td>
        <td>{signed(trend.change() as f32)}</td>
        <td>{signed(trend.change_from_average())}</td>
    }
}

#[component]
fn AreaSection(a: AreaPicture, week: String, contacts: Vec<ContactEntry>) -> impl IntoView {
    let heading_id = format!("area-{}", a.area_id);
    let total_href = list_href(&week, &a.area_id, None);
    view! {
        <section class="area-picture" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{a.area.clone()}</h2>
            <p class="summary">
                <a href=total_href>{count_of(a.total.count, T::IncidentOne, T::IncidentsCount)}</a>
                {format!(" · {} {} · {} {}", t(T::VsLastWeek), signed(a.total.change() as f32), t(T::VsAverage), signed(a.total.change_from_average()))}
            </p>
            <p>{format!("{}: {} · {}: {}", t(T::YouthInvolved), a.youth_involved, t(T::PhysicalEnvironmentShort), a.physical_environment)}</p>
            <p>
                <a href="/actions">{format!("{}: {}", t(T::OpenActions), a.open_actions)}</a>
                {(a.overdue_actions > 0).then(|| view! { " " <span class="tag warn">{format!("{} {}", a.overdue_actions, t(T::Overdue))}</span> })}
            </p>
            {(a.open_work_orders > 0).then(|| view! {
                <p>
                    <a href=format!("/work-orders?area={}", a.area_id)>{format!("{}: {}", t(T::OpenOrders), a.open_work_orders)}</a>
                    {(a.overdue_work_orders > 0).then(|| view! { " " <span class="tag warn">{format!("{} {}", a.overdue_work_orders, t(T::Overdue))}</span> })}
                </p>
            })}
            {if a.categories.is_empty() {
                view! { <p>{t(T::NoIncidentsFiveWeeks)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                    <table class="picture">
                        <caption class="visually-hidden">{format!("{} {}", t(T::IncidentsPerCategory), a.area)}</caption>
                        <thead><tr>
                            <th scope="col">{t(T::Category)}</th>
                            <th scope="col">{t(T::ThisWeekShort)}</th>
                            <th scope="col">{t(T::LastWeekShort)}</th>
                            <th scope="col">{t(T::AverageShort)}</th>
                            <th scope="col">{t(T::ChangeWeek)}</th>
                            <th scope="col">{t(T::ChangeAverage)}</th>
                        </tr></thead>
                        <tbody>
                            {a.categories.into_iter().map(|c| {
                                let href = list_href(&week, &a.area_id, Some(&c.category_id));
                                view! {
                                    <tr>
                                        <th scope="row">{c.category}</th>
                                        <td><a href=href>{c.trend.count}</a></td>
                                        {trend_cells(c.trend)}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            <h3>{t(T::HotSpots)}</h3>
            {if a.hot_spots.is_empty() {
                view! { <p>{t(T::NoHotSpots)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {a.hot_spots.into_iter().map(|h| view! {
                            <li>{format!("{}: {}", h.place, count_of(h.count, T::IncidentFourWeeksOne, T::IncidentsFourWeeks))}</li>
                        }).collect_view()}
                        {(a.more_hot_spots > 0).then(|| view! {
                            <li>{format!("{} {}", t(T::MoreHotSpots), a.more_hot_spots)}</li>
                        })}
                    </ul>
                }.into_any()
            }}
            <details class="who">
                <summary>{format!("{} ({})", t(T::WhoToCall), contacts.len())}</summary>
                <ul class="contacts">
                    {contacts.into_iter().map(|entry| view! { <ContactCard entry /> }).collect_view()}
                </ul>
                <p><a href=format!("/directory?area={}", a.area_id)>{format!("{}: {}", t(T::Directory), a.area)}</a></p>
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::signed;

    #[test]
    fn changes_read_with_a_sign() {
        assert_eq!(signed(2.0), "+2");
        assert_eq!(signed(-1.0), "−1");
        assert_eq!(signed(0.0), "±0");
        assert_eq!(signed(1.25), "+1.2");
        assert_eq!(signed(-0.5), "−0.5");
    }
}
