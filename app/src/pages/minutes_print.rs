//! `/meetings/:id/minutes`: the minutes as a printable A4 page: attendance, each town's
//! picture and rating, agenda, decisions, actions, and addenda.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::meeting::{Attendance, CarriedShown, ItemKind};

use crate::api::meetings::get_meeting;
use crate::components::fields::PageError;
use crate::components::labels::state_label;
use crate::components::labels::state_text;
use crate::i18n::{T, long_datetime, t, use_lang};

/// "Polisen Norrtälje, Anna Berg, Rimbo": who owns an action and where.
fn owner_text(a: &shared::action::ActionSummary) -> String {
    [
        Some(a.owner_organisation.clone()),
        a.owner_person.clone(),
        a.area.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

#[component]
pub fn MinutesPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // The minutes list every carried-over action.
    let detail = Resource::new(id, |id| get_meeting(id, CarriedShown::All.code()));
    let lang = use_lang();
    view! {
        <Title text=t(T::Minutes) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                let list = |kind: ItemKind| d.items.iter().filter(|i| i.kind == kind).cloned().collect::<Vec<_>>();
                let (agenda, decisions, addenda) = (list(ItemKind::Agenda), list(ItemKind::Decision), list(ItemKind::Addendum));
                let attendees = d.attendees();
                let who = |status: Option<Attendance>| attendees.iter().filter(|a| a.status == status).map(|a| a.name.clone()).collect::<Vec<_>>().join(", ");
                view! {
                    <article class="minutes">
                        <h1>{format!("{} – {}", t(T::Minutes), d.summary.series)}</h1>
                        <p>{long_datetime(&d.summary.starts_at, lang)}" · "{state_text(d.summary.state)}
                            {d.finalised_at.clone().map(|f| format!(" ({} {})", t(T::FinalisedAt), long_datetime(&f, lang)))}</p>
                        {d.finalised_by.clone().map(|by| view! { <p>{format!("{}: {by}", t(T::FinalisedBy))}</p> })}
                        <p class="no-print actions">
                            <a href=format!("/meetings/{}", d.summary.id)>{t(T::TypeMeeting)}</a>
                            <button type="button" class="primary" on:click=|_| { let _ = window().print(); }>{t(T::Print)}</button>
                        </p>
                        <h2>{t(T::Attendance)}</h2>
                        // Only the lines that name someone: no empty "Ersättare:".
                        {[(T::Present, Attendance::Present), (T::Deputy, Attendance::Deputy), (T::Absent, Attendance::Absent)]
                            .into_iter()
                            .map(|(label, status)| (label, who(Some(status))))
                            .filter(|(_, names)| !names.is_empty())
                            .map(|(label, names)| view! { <p>{format!("{}: {names}", t(label))}</p> })
                            .collect_view()}
                        {d.guests.clone().map(|g| view! { <p>{format!("{}: {g}", t(T::Guests))}</p> })}
                        {(attendees.iter().all(|a| a.status.is_none()) && d.guests.is_none())
                            .then(|| view! { <p class="hint">{t(T::NothingYet)}</p> })}
                        <h2>{format!("{} ({} {})", t(T::Ratings), t(T::Week), d.picture_week)}</h2>
                        <table>
                            <thead><tr>
                                <th scope="col">{t(T::Area)}</th><th scope="col">{t(T::Incidents)}</th>
                                <th scope="col">{t(T::Rating)}</th><th scope="col" class="wide-only">{t(T::Comment)}</th>
                            </tr></thead>
                            <tbody>
                                // On a phone a comment has a row of its own under its town: a
                                // fourth column would squeeze it to a word a line.
                                {d.ratings.iter().enumerate().map(|(i, r)| view! {
                                    <tr class:commented=r.comment.is_some()>
                                        <th scope="row" id=format!("rated-{i}")>{r.area.clone()}</th>
                                        <td>{r.incidents}</td>
                                        <td>{r.rating.map(|n| format!("{n}/5")).unwrap_or_else(|| "–".into())}</td>
                                        <td class="wide-only">{r.comment.clone().unwrap_or_default()}</td>
                                    </tr>
                                    {r.comment.clone().map(|c| view! {
                                        <tr class="narrow-only"><td colspan="3" headers=format!("rated-{i}")>{format!("{}: {c}", t(T::Comment))}</td></tr>
                                    })}
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(!agenda.is_empty()).then(|| view! {
                            <h2>{t(T::Agenda)}</h2>
                            <ol>{agenda.into_iter().map(|i| view! { <li>{i.text}</li> }).collect_view()}</ol>
                        })}
                        {(!decisions.is_empty()).then(|| view! {
                            <h2>{t(T::Decisions)}</h2>
                            <ol>{decisions.into_iter().map(|i| view! { <li>{i.text}</li> }).collect_view()}</ol>
                        })}
                        {(!d.carried.is_empty()).then(|| view! { <h2>{t(T::CarriedActions)}</h2> })}
                        <ul>
                            {d.carried.iter().flat_map(|g| g.actions.iter().cloned()).map(|c| view! {
                                <li>{format!("{} ({}, {} {}): {}", c.action.title, owner_text(&c.action), t(T::DueDate), c.action.due,
                                    c.reviewed.map(|(s, n)| format!("{}{}", state_label(s), n.map(|n| format!(" – {n}")).unwrap_or_default()))
                                        .unwrap_or_else(|| state_label(c.action.state).to_owned()))}</li>
                            }).collect_view()}
                        </ul>
                        {(!d.new_actions.is_empty()).then(|| view! { <h2>{t(T::NewActions)}</h2> })}
                        <ul>
                            {d.new_actions.iter().map(|a| view! {
                                <li>{format!("{} ({}, {} {})", a.title, owner_text(a), t(T::DueDate), a.due)}</li>
                            }).collect_view()}
                        </ul>
                        {(!addenda.is_empty()).then(|| view! {
                            <h2>{t(T::Addenda)}</h2>
                            <ul>{addenda.into_iter().map(|i| view! { <li>{format!("{} ({}, {})", i.text, long_datetime(&i.at, lang), i.by)}</li> }).collect_view()}</ul>
                        })}
                    </article>
                }.into_any()
            })}
        </Suspense>
    }
}
