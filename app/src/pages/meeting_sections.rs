//! The sections of the meeting page: ratings per town and carried-over actions (attendance:
//! `meeting_attendance`, new actions: `meeting_new_actions`). Forms show only while the minutes are open. Each
//! section is built once from the meeting as loaded (`d`) and keeps its forms; what changes
//! after a save comes from `live`, row by row, so nothing typed elsewhere on the page is lost.

use leptos::prelude::*;
use shared::action::ActionState;
use shared::meeting::{CARRIED_SHOWN, CarriedAction, CarriedGroup, CarriedShown, MeetingDetail};

use crate::components::fields::{
    FormAlert, FormError, ScopedFieldMessage, invalid, scoped_described_by,
};
use crate::components::labels::state_label;
use crate::components::saving::save_choice;
use crate::components::shortened::Shortened;
use crate::i18n::{T, count_of, t};
use crate::pages::meeting_actions::MeetingActions;

/// "3 oroligt": a grade of the five-grade scale in words.
pub fn rating_text(n: i32) -> String {
    let word = match n {
        1 => T::Rating1,
        2 => T::Rating2,
        3 => T::Rating3,
        4 => T::Rating4,
        _ => T::Rating5,
    };
    format!("{n} {}", t(word))
}

#[component]
pub fn RatingsSection(d: MeetingDetail, acts: MeetingActions) -> impl IntoView {
    let id = d.summary.id.clone();
    let error: FormError = Signal::derive(move || acts.rating.value().get().and_then(Result::err));
    // The town whose rating was sent last: its form shows the refusal, beside the comment,
    // not at the top of a list of thirty towns.
    let rated = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(area) = acts
            .rating
            .input()
            .with(|i| i.as_ref().map(|i| i.area_id.clone()))
        {
            rated.set(Some(area));
        }
    });
    // An area group rates its area beside the incidents involving young people there.
    let (one, many) = if d.group_id.is_some() {
        (T::YouthIncidentOne, T::YouthIncidentsCount)
    } else {
        (T::IncidentOne, T::IncidentsCount)
    };
    view! {
        <section aria-labelledby="ratings-heading">
            <h2 id="ratings-heading">{format!("{} ({} {})", t(T::Ratings), t(T::Week), d.picture_week)}</h2>
            <p class="hint">{t(T::RatingScale)}</p>
            {d.ratings.into_iter().map(|r| {
                let label = format!("{}: {}", r.area, count_of(r.incidents, one, many));
                if !d.can_edit {
                    let rating = r.rating.map_or_else(|| "–".to_owned(), rating_text);
                    return view! { <p><strong>{label}</strong>{format!(" · {}: {rating}", t(T::Rating))}{r.comment.map(|c| format!(" · {c}"))}</p> }.into_any();
                }
                let cid = format!("comment-{}", r.area_id);
                let id = id.clone();
                let area = r.area_id.clone();
                let mine: FormError = Signal::derive(move || {
                    rated.with(|a| a.as_deref() == Some(area.as_str())).then(|| error.get()).flatten()
                });
                let scope = format!("{cid}-");
                view! {
                    <ActionForm action=acts.rating attr:class="rating-form">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="area_id" value=r.area_id.clone() />
                        <fieldset>
                            <legend>{label}</legend>
                            <div class="grades">
                                {(1..=5).map(|n| view! {
                                    <label class="grade">
                                        <input type="radio" name="rating" value=n.to_string() checked=r.rating == Some(n) required
                                            on:change=save_choice />
                                        {rating_text(n)}
                                    </label>
                                }).collect_view()}
                            </div>
                            <FormAlert error=mine />
                            <label for=cid.clone()>{format!("{} {}", t(T::Comment), r.area)}</label>
                            <input id=cid name="comment" value=r.comment.clone().unwrap_or_default()
                                aria-invalid=invalid(mine, "comment")
                                aria-describedby=scoped_described_by(scope.clone(), mine, "comment", None) />
                            <ScopedFieldMessage scope field="comment" error=mine />
                            <button type="submit">{t(T::SaveRating)}</button>
                        </fieldset>
                    </ActionForm>
                }.into_any()
            }).collect_view()}
        </section>
    }
}

#[component]
pub fn ActionsSection(
    d: MeetingDetail,
    live: Signal<MeetingDetail>,
    acts: MeetingActions,
    /// Which owners' actions the page asked to list in full.
    shown: CarriedShown,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || acts.review.value().get().and_then(Result::err));
    let owners = Memo::new(move |_| {
        live.with(|d| {
            d.carried
                .iter()
                .map(|g| (g.owner_id.clone(), g.owner.clone()))
                .collect::<Vec<_>>()
        })
    });
    let (id, can_edit) = (d.summary.id.clone(), d.can_edit);
    view! {
        <section aria-labelledby="carried-heading">
            <h2 id="carried-heading">{t(T::CarriedActions)}</h2>
            <FormAlert error />
            {move || owners.with(Vec::is_empty).then(|| view! { <p>{t(T::NoActions)}</p> })}
            <For each=move || owners.get() key=|(owner_id, _)| owner_id.clone() let:pair>
                {
                    let (owner_id, owner) = pair;
                    let (id, meeting) = (id.clone(), id.clone());
                    let find = owner_id.clone();
                    let group = Memo::new(move |_| live.with(|d| d.carried.iter().find(|g| g.owner_id == find).cloned()));
                    let list = Memo::new(move |_| group.with(|g| g.as_ref().map(|g| g.actions.clone()).unwrap_or_default()));
                    let heading = format!("owner-{owner_id}");
                    let expanded = shown.lists_all_of(&owner_id);
                    view! {
                        <h3 id=heading>{owner}</h3>
                        <ul class="plain">
                            <For each=move || list.get() key=|c| (c.action.id.clone(), c.action.state, c.reviewed.clone(), c.latest_note.clone()) let:c>
                                <CarriedRow c meeting=id.clone() can_edit acts />
                            </For>
                        </ul>
                        {move || group.get().map(|g| view! { <OwnerMore g meeting=meeting.clone() expanded /> })}
                    }
                }
            </For>
        </section>
    }
}

/// Under an owner's listed actions: how many there are and the way to all of them (`?owner=`)
/// or back to a few, landing on the owner's heading.
#[component]
fn OwnerMore(g: CarriedGroup, meeting: String, expanded: bool) -> impl IntoView {
    let anchor = format!("#owner-{}", g.owner_id);
    view! {
        <Shortened listed=g.actions.len() total=g.total
            what=format!("{} {} {}", t(T::ActionWordMany), t(T::ForOwner), g.owner)
            all=format!("/meetings/{meeting}?owner={}{anchor}", g.owner_id)
            fewer=(expanded && g.total > CARRIED_SHOWN).then(|| format!("/meetings/{meeting}{anchor}")) />
    }
}

#[component]
fn CarriedRow(
    c: CarriedAction,
    meeting: String,
    can_edit: bool,
    acts: MeetingActions,
) -> impl IntoView {
    let a = c.action;
    let select_id = format!("review-{}", a.id);
    let note_id = format!("note-{}", a.id);
    // What this meeting recorded can be corrected here, a closing included; another closing
    // is final. The note recorded here is not repeated as the latest one.
    let reviewed_note = c.reviewed.as_ref().and_then(|(_, n)| n.clone());
    let correcting = c.reviewed.is_some();
    let latest_note = c.latest_note.filter(|n| Some(n) != reviewed_note.as_ref());
    view! {
        <li class:overdue=a.overdue>
            <a href=format!("/actions/{}", a.id)>{a.title.clone()}</a>
            {format!(" · {} {} · {}", t(T::DueDate), a.due, state_label(a.state))}
            {a.overdue.then(|| view! { " " <span class="tag warn">{t(T::Overdue)}</span> })}
            {latest_note.map(|n| view! { <p class="hint">{format!("{}: {n}", t(T::LatestNote))}</p> })}
            {c.reviewed.map(|(s, note)| view! {
                <p>{format!("{}: {}{}", t(T::Recorded), state_label(s), note.map(|n| format!(" – {n}")).unwrap_or_default())}</p>
            })}
            {(can_edit && (!a.state.is_closed() || correcting)).then(|| view! {
                <ActionForm action=acts.review attr:class="add-form">
                    <input type="hidden" name="id" value=meeting />
                    <input type="hidden" name="action_id" value=a.id.clone() />
                    // Named for the action it moves; the title is on the line above to see.
                    <label for=select_id.clone()>
                        <span aria-hidden="true">{t(T::State)}</span>
                        <span class="visually-hidden">{format!("{}: {}", t(T::State), a.title)}</span>
                    </label>
                    <select id=select_id name="state">
                        {ActionState::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=s == a.state>{state_label(s)}</option>
                        }).collect_view()}
                    </select>
                    <label for=note_id.clone()>
                        <span aria-hidden="true">{t(T::Note)}</span>
                        <span class="visually-hidden">{format!("{}: {}", t(T::Note), a.title)}</span>
                    </label>
                    // A correction starts from the note recorded, so changing the state keeps it.
                    <input id=note_id name="note" value=reviewed_note.clone().unwrap_or_default() />
                    <button type="submit">{t(if correcting { T::CorrectReview } else { T::SaveReview })}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// The meeting's parts as links at the top: on a phone the page runs to eight screens, and a
/// coordinator moving from the ratings to the decisions should not have to scroll past the
/// actions' review to get there.
#[component]
pub fn MeetingParts(finalising: bool) -> impl IntoView {
    let mut parts = vec![
        ("attendance-heading", T::Attendance),
        ("ratings-heading", T::Rating),
        ("agenda-heading", T::Agenda),
        ("carried-heading", T::FollowUp),
        ("decision-heading", T::Decisions),
        ("new-actions-heading", T::NewActions),
    ];
    if finalising {
        parts.push(("finalise-heading", T::Lock));
    }
    view! {
        <nav class="meeting-parts" aria-label=t(T::MeetingParts)>
            <ul>
                {parts.into_iter().map(|(id, text)| view! { <li><a href=format!("#{id}")>{t(text)}</a></li> }).collect_view()}
            </ul>
        </nav>
    }
}
