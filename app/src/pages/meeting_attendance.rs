//! Who came: one form for everyone expected (member organisations at the weekly meeting, the
//! members themselves at an area group's), with "everyone present" and then the exceptions,
//! saved in one write; guests beside it. Read-only once the minutes are locked.

use leptos::prelude::*;
use shared::meeting::{Attendance, Attendee, MeetingDetail};

use crate::components::fields::{FieldMessage, FormAlert, FormError};
use crate::components::saving::save_choice;
use crate::i18n::{T, t};
use crate::pages::meeting_actions::MeetingActions;

pub fn attendance_text(a: Attendance) -> &'static str {
    t(match a {
        Attendance::Present => T::Present,
        Attendance::Absent => T::Absent,
        Attendance::Deputy => T::Deputy,
    })
}

#[component]
pub fn AttendanceSection(
    d: MeetingDetail,
    live: Signal<MeetingDetail>,
    acts: MeetingActions,
) -> impl IntoView {
    let id = d.summary.id.clone();
    let error: FormError = Signal::derive(move || {
        acts.attendance
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| acts.people.value().get().and_then(Result::err))
            .or_else(|| acts.guests.value().get().and_then(Result::err))
    });
    let rows = d.attendees();
    let per_person = d.per_person();
    let body = if !d.can_edit {
        view! {
            <ul class="plain">
                {rows.into_iter().map(|a| view! {
                    <li>{format!("{}: {}", a.name, a.status.map_or(t(T::NotRecorded), attendance_text))}</li>
                }).collect_view()}
            </ul>
            {d.guests.clone().map(|g| view! { <p>{format!("{}: {g}", t(T::Guests))}</p> })}
        }
        .into_any()
    } else if per_person && rows.is_empty() {
        let group = d.group_id.clone().unwrap_or_default();
        view! { <p class="hint">{t(T::NoGroupMembers)}" "<a href=format!("/groups/{group}")>{t(T::ToTheGroup)}</a></p> }.into_any()
    } else {
        let guests_id = id.clone();
        let form = if per_person {
            view! {
                <ActionForm action=acts.people>
                    <input type="hidden" name="id" value=id.clone() />
                    <AttendanceTable rows live field="contact_id" heading=T::Member />
                </ActionForm>
            }
            .into_any()
        } else {
            view! {
                <ActionForm action=acts.attendance>
                    <input type="hidden" name="id" value=id.clone() />
                    <AttendanceTable rows live field="organisation_id" heading=T::Organisation />
                </ActionForm>
            }
            .into_any()
        };
        view! {
            {form}
            <ActionForm action=acts.guests attr:class="add-form">
                <input type="hidden" name="id" value=guests_id />
                <label for="guests">{t(T::Guests)}</label>
                <input id="guests" name="guests" value=d.guests.clone().unwrap_or_default() />
                <button type="submit">{t(T::SaveGuests)}</button>
                <FieldMessage field="guests" error />
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">{t(T::Attendance)}</h2>
            <FormAlert error />
            {body}
        </section>
    }
}

/// Everyone expected with a status each; `field` names their ids in the form.
#[component]
fn AttendanceTable(
    rows: Vec<Attendee>,
    live: Signal<MeetingDetail>,
    field: &'static str,
    heading: T,
) -> impl IntoView {
    view! {
        <table class="attendance">
            <caption class="visually-hidden">{t(T::Attendance)}</caption>
            <thead><tr><th scope="col">{t(heading)}</th><th scope="col">{t(T::Status)}</th></tr></thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(i, a)| {
                    let who = a.id.clone();
                    // Follows the saved status ("everyone present"), and only when it changes:
                    // a choice not yet saved stays while other rows save.
                    let status = Memo::new(move |_| live.with(|d| {
                        d.attendees().into_iter().find(|r| r.id == who)
                            .and_then(|r| r.status).map_or("", Attendance::code)
                    }));
                    let label = format!("{} {}", t(T::Attendance), a.name);
                    view! {
                        <tr>
                            <th scope="row">{a.name.clone()}</th>
                            <td>
                                <input type="hidden" name=format!("{field}[{i}]") value=a.id.clone() />
                                <select name=format!("status[{i}]") aria-label=label prop:value=move || status.get()
                                    on:change=save_choice>
                                    <option value="">{t(T::NotRecorded)}</option>
                                    {Attendance::ALL.into_iter().map(|s| view! {
                                        <option value=s.code() selected=a.status == Some(s)>{attendance_text(s)}</option>
                                    }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <p class="form-buttons">
            <button type="submit" class="primary">{t(T::SaveAttendance)}</button>
            <button type="submit" name="everyone" value="present">{t(T::EveryonePresent)}</button>
        </p>
    }
}
