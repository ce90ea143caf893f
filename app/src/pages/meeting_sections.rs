//! The sections of the meeting page: attendance, ratings per town, agenda / decisions /
//! addenda, carried-over actions and new actions. Forms show only while the minutes are open.

use leptos::prelude::*;
use shared::action::ActionState;
use shared::meeting::{Attendance, ItemKind, MeetingDetail};
use shared::reference::{AreaDto, OrganisationDto};

use crate::components::fields::{FieldMessage, FormAlert, FormError};
use crate::i18n::{T, t};
use crate::pages::actions::state_label;
use crate::pages::meetings::MeetingActions;

fn attendance_text(a: Attendance) -> &'static str {
    t(match a {
        Attendance::Present => T::Present,
        Attendance::Absent => T::Absent,
        Attendance::Deputy => T::Deputy,
    })
}

#[component]
pub fn AttendanceSection(d: MeetingDetail, acts: MeetingActions) -> impl IntoView {
    let id = d.summary.id.clone();
    let guests_id = id.clone();
    let error: FormError = Signal::derive(move || {
        acts.attendance
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| acts.guests.value().get().and_then(Result::err))
    });
    view! {
        <section aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">{t(T::Attendance)}</h2>
            <FormAlert error />
            <table>
                <caption class="visually-hidden">{t(T::Attendance)}</caption>
                <thead><tr><th scope="col">{t(T::Organisation)}</th><th scope="col">{t(T::Status)}</th></tr></thead>
                <tbody>
                    {d.attendance.into_iter().map(|a| {
                        let id = id.clone();
                        let current = a.status;
                        let select_label = format!("{} {}", t(T::Attendance), a.organisation);
                        let cell = if d.can_edit {
                            view! {
                                <ActionForm action=acts.attendance attr:class="inline-filter">
                                    <input type="hidden" name="id" value=id.clone() />
                                    <input type="hidden" name="organisation_id" value=a.organisation_id.clone() />
                                    <select name="status" aria-label=select_label>
                                        <option value="">"–"</option>
                                        {Attendance::ALL.into_iter().map(|s| view! {
                                            <option value=s.code() selected=current == Some(s)>{attendance_text(s)}</option>
                                        }).collect_view()}
                                    </select>
                                    <button type="submit">{t(T::Save)}</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            current.map(attendance_text).unwrap_or("–").into_any()
                        };
                        view! { <tr><th scope="row">{a.organisation}</th><td>{cell}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            {if d.can_edit {
                view! {
                    <ActionForm action=acts.guests attr:class="add-form">
                        <input type="hidden" name="id" value=guests_id />
                        <label for="guests">{t(T::Guests)}</label>
                        <input id="guests" name="guests" value=d.guests.clone().unwrap_or_default() />
                        <button type="submit">{t(T::Save)}</button>
                        <FieldMessage field="guests" error />
                    </ActionForm>
                }.into_any()
            } else {
                d.guests.map(|g| view! { <p>{format!("{}: {g}", t(T::Guests))}</p> }).into_any()
            }}
        </section>
    }
}

#[component]
pub fn RatingsSection(d: MeetingDetail, acts: MeetingActions) -> impl IntoView {
    let id = d.summary.id.clone();
    let error: FormError = Signal::derive(move || acts.rating.value().get().and_then(Result::err));
    // An area group rates its area beside the incidents involving young people there.
    let counted = t(if d.group_id.is_some() {
        T::YouthIncidentsCount
    } else {
        T::IncidentsCount
    });
    view! {
        <section aria-labelledby="ratings-heading">
            <h2 id="ratings-heading">{format!("{} ({} {})", t(T::Ratings), t(T::Week), d.picture_week)}</h2>
            <p class="hint">{t(T::RatingScale)}</p>
            <FormAlert error />
            {d.ratings.into_iter().map(|r| {
                let id = id.clone();
                let label = format!("{}: {} {counted}", r.area, r.incidents);
                if d.can_edit {
                    let (rid, cid) = (format!("rating-{}", r.area_id), format!("comment-{}", r.area_id));
                    view! {
                        <ActionForm action=acts.rating attr:class="add-form">
                            <input type="hidden" name="id" value=id.clone() />
                            <input type="hidden" name="area_id" value=r.area_id.clone() />
                            <strong>{label}</strong>
                            <label for=rid.clone()>{t(T::Rating)}</label>
                            <select id=rid name="rating">
                                <option value="">"–"</option>
                                {(1..=5).map(|n| view! { <option value=n.to_string() selected=r.rating == Some(n)>{n}</option> }).collect_view()}
                            </select>
                            <label for=cid.clone()>{t(T::Comment)}</label>
                            <input id=cid name="comment" value=r.comment.clone().unwrap_or_default() />
                            <button type="submit">{t(T::Save)}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    let rating = r.rating.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
                    view! { <p><strong>{label}</strong>{format!(" · {}: {rating}", t(T::Rating))}{r.comment.map(|c| format!(" · {c}"))}</p> }.into_any()
                }
            }).collect_view()}
        </section>
    }
}

#[component]
pub fn ItemsSection(d: MeetingDetail, acts: MeetingActions, kind: ItemKind) -> impl IntoView {
    let (heading, code, can_add) = match kind {
        ItemKind::Agenda => (T::Agenda, "agenda", d.can_edit),
        ItemKind::Decision => (T::Decisions, "decision", d.can_edit),
        ItemKind::Addendum => (T::Addenda, "addendum", d.can_add_addenda),
    };
    let error: FormError = Signal::derive(move || acts.item.value().get().and_then(Result::err));
    let field_id = format!("new-{code}");
    let items: Vec<_> = d.items.into_iter().filter(|i| i.kind == kind).collect();
    view! {
        <section aria-labelledby=format!("{code}-heading")>
            <h2 id=format!("{code}-heading")>{t(heading)}</h2>
            <ol class="plain">
                {items.into_iter().map(|i| view! {
                    <li>{i.text}{(kind == ItemKind::Addendum).then(|| format!(" ({}, {})", i.at, i.by))}</li>
                }).collect_view()}
            </ol>
            {can_add.then(|| view! {
                <ActionForm action=acts.item attr:class="add-form">
                    <input type="hidden" name="id" value=d.summary.id.clone() />
                    <input type="hidden" name="kind" value=code />
                    <label for=field_id.clone()>{t(T::Add)}</label>
                    <input id=field_id name="text" required maxlength="2000" />
                    <button type="submit">{t(T::Add)}</button>
                    <FormAlert error />
                </ActionForm>
            })}
        </section>
    }
}

#[component]
pub fn ActionsSection(d: MeetingDetail, acts: MeetingActions) -> impl IntoView {
    let id = d.summary.id.clone();
    let error: FormError = Signal::derive(move || acts.review.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="carried-heading">
            <h2 id="carried-heading">{t(T::CarriedActions)}</h2>
            <FormAlert error />
            {d.carried.is_empty().then(|| view! { <p>{t(T::NoActions)}</p> })}
            {d.carried.into_iter().map(|(owner, list)| {
                let id = id.clone();
                view! {
                <h3>{owner}</h3>
                <ul class="plain">
                    {list.into_iter().map(|c| {
                        let id = id.clone();
                        let a = c.action;
                        let select_id = format!("review-{}", a.id);
                        let note_id = format!("note-{}", a.id);
                        view! {
                            <li class:overdue=a.overdue>
                                <a href=format!("/actions/{}", a.id)>{a.title.clone()}</a>
                                {format!(" · {} {} · {}", t(T::DueDate), a.due, state_label(a.state))}
                                {a.overdue.then(|| view! { " " <span class="tag warn">{t(T::Overdue)}</span> })}
                                {c.reviewed.clone().map(|(s, note)| view! {
                                    <p>{format!("{}: {}{}", t(T::Recorded), state_label(s), note.map(|n| format!(" – {n}")).unwrap_or_default())}</p>
                                })}
                                {(d.can_edit && !a.state.is_closed()).then(|| view! {
                                    <ActionForm action=acts.review attr:class="add-form">
                                        <input type="hidden" name="id" value=id.clone() />
                                        <input type="hidden" name="action_id" value=a.id.clone() />
                                        <label for=select_id.clone()>{t(T::State)}</label>
                                        <select id=select_id name="state">
                                            {ActionState::ALL.into_iter().map(|s| view! {
                                                <option value=s.code() selected=s == a.state>{state_label(s)}</option>
                                            }).collect_view()}
                                        </select>
                                        <label for=note_id.clone()>{t(T::Note)}</label>
                                        <input id=note_id name="note" />
                                        <button type="submit">{t(T::Save)}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
pub fn NewActionSection(
    d: MeetingDetail,
    acts: MeetingActions,
    organisations: Vec<OrganisationDto>,
    areas: Vec<AreaDto>,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || acts.action.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="new-actions-heading">
            <h2 id="new-actions-heading">{t(T::NewActions)}</h2>
            <ul class="plain">
                {d.new_actions.into_iter().map(|a| view! {
                    <li><a href=format!("/actions/{}", a.id)>{a.title}</a>{format!(" · {} · {} {}", a.owner_organisation, t(T::DueDate), a.due)}</li>
                }).collect_view()}
            </ul>
            {d.can_edit.then(|| view! {
                <FormAlert error />
                <ActionForm action=acts.action attr:class="add-form">
                    <input type="hidden" name="id" value=d.summary.id.clone() />
                    <label for="action-title">{t(T::Title)}</label>
                    <input id="action-title" name="title" required maxlength="100" />
                    <label for="action-owner">{t(T::Owner)}</label>
                    <select id="action-owner" name="owner_organisation_id" required>
                        <option value="">{t(T::ChooseOrganisation)}</option>
                        {organisations.into_iter().map(|o| view! { <option value=o.id.to_string()>{o.name}</option> }).collect_view()}
                    </select>
                    <label for="action-person">{t(T::OwnerPerson)}</label>
                    <input id="action-person" name="owner_person" maxlength="100" />
                    <label for="action-due">{t(T::DueDate)}</label>
                    <input id="action-due" name="due" type="date" required />
                    <label for="action-area">{t(T::Area)}</label>
                    <select id="action-area" name="area_id">
                        <option value="">{t(T::NoArea)}</option>
                        {areas.into_iter().map(|a| view! { <option value=a.id.to_string()>{a.name}</option> }).collect_view()}
                    </select>
                    <label for="action-place">{t(T::Place)}</label>
                    <input id="action-place" name="place" maxlength="100" />
                    <button type="submit">{t(T::CreateAction)}</button>
                    <FieldMessage field="title" error />
                    <FieldMessage field="due" error />
                    <FieldMessage field="place" error />
                </ActionForm>
            })}
        </section>
    }
}
