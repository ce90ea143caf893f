//! `/meetings`: meeting series and their meetings; `/meetings/:id`: running a meeting.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::meeting::{
    CarriedShown, ItemKind, MEETINGS_HELD_SHOWN, MeetingDetail, MeetingState, Missing,
    SeriesSummary,
};

use crate::api::meetings::{CreateSeries, PlanMeeting, get_meeting, list_series};
use crate::api::reference::get_reference_data;
use crate::app::UserResource;
use crate::components::fields::{FieldMessage, FormAlert, FormError, PageError};
use crate::components::labels::{state_text, weekday_name};
use crate::components::order_views::OverdueOrders;
use crate::components::saving::saved;
use crate::components::shortened::Shortened;
use crate::i18n::{T, count_of, quoted, t};
use crate::pages::groups::YouthSection;
use crate::pages::meeting_actions::{MeetingActions, Removed};
use crate::pages::meeting_attendance::AttendanceSection;
use crate::pages::meeting_items::ItemsSection;
use crate::pages::meeting_new_actions::NewActionSection;
use crate::pages::meeting_sections::{ActionsSection, MeetingParts, RatingsSection};

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let plan = ServerAction::<PlanMeeting>::new();
    let create = ServerAction::<CreateSeries>::new();
    // `?series=`: the series whose every meeting is listed.
    let query = use_query_map();
    let whole = move || query.with(|q| q.get("series"));
    let data = Resource::new(
        move || (whole(), plan.version().get(), create.version().get()),
        |(whole, _, _)| list_series(whole),
    );
    let reference = Resource::new(|| (), |_| get_reference_data());
    let user = expect_context::<UserResource>();
    view! {
        <Title text=t(T::Meetings) />
        <h1>{t(T::Meetings)}</h1>
        <FormAlert error=Signal::derive(move || plan.value().get().and_then(Result::err)) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let coordinator = user.await.ok().flatten().is_some_and(|u| u.role == shared::user::Role::Coordinator);
                match data.await {
                    Ok(series) if series.is_empty() => view! { <p>{t(T::NoSeries)}</p> }.into_any(),
                    Ok(series) => series.into_iter().map(|s| { let (anchor, more) = (format!("series-{}", s.id), s.clone()); view! {
                        <section class="admin-section" id=anchor>
                            <h2>{s.name.clone()}</h2>
                            <p>{format!("{} {}{} · {}: {}", weekday_name(s.weekday), s.start_time, s.location.as_ref().map(|l| format!(", {l}")).unwrap_or_default(), t(T::Members), s.members.join(", "))}</p>
                            {coordinator.then(|| view! {
                                <ActionForm action=plan>
                                    <input type="hidden" name="series_id" value=s.id.clone() />
                                    <button type="submit" class="primary">{t(T::PlanNext)}</button>
                                </ActionForm>
                            })}
                            {s.feed_path.clone().map(|p| view! { <p><a href=p rel="external">{t(T::CalendarFeed)}</a></p> })}
                            <ul class="plain">
                                {s.meetings.iter().cloned().map(|m| view! {
                                    <li><a href=format!("/meetings/{}", m.id)>{m.starts_at}</a>{format!(" · {}", state_text(m.state))}</li>
                                }).collect_view()}
                            </ul>
                            <SeriesMore s=more />
                        </section>
                    }}).collect_view().into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
            {move || Suspend::new(async move {
                let coordinator = user.await.ok().flatten().is_some_and(|u| u.role == shared::user::Role::Coordinator);
                let organisations = reference.await.map(|r| r.reference.for_forms(&[]).organisations).unwrap_or_default();
                coordinator.then(|| view! { <NewSeriesForm action=create organisations /> })
            })}
        </Suspense>
    }
}

/// Under a series' meetings: how many it has and the way to all of them (`?series=`) or back
/// to the latest, landing on the series.
#[component]
fn SeriesMore(s: SeriesSummary) -> impl IntoView {
    let anchor = format!("#series-{}", s.id);
    let listed = s.meetings.len();
    view! {
        <Shortened listed total=s.meetings_total
            what=format!("{} {}", t(T::MeetingsWord), s.name)
            all=format!("/meetings?series={}{anchor}", s.id)
            fewer=(listed > MEETINGS_HELD_SHOWN).then(|| format!("/meetings{anchor}")) />
    }
}

#[component]
fn NewSeriesForm(
    action: ServerAction<CreateSeries>,
    organisations: Vec<shared::reference::OrganisationDto>,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="admin-section" aria-labelledby="new-series-heading">
            <h2 id="new-series-heading">{t(T::NewSeries)}</h2>
            <FormAlert error />
            <ActionForm action attr:class="incident-form">
                <div class="field">
                    <label for="series-name">{t(T::Name)}" "{t(T::NewSeries).to_lowercase()}</label>
                    <input id="series-name" name="name" required maxlength="100" />
                    <FieldMessage field="name" error />
                </div>
                <div class="field">
                    <label for="series-weekday">{t(T::Weekday)}</label>
                    <select id="series-weekday" name="weekday">
                        {(0..7u32).map(|d| view! { <option value=d.to_string() selected=d == 2>{weekday_name(d)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="series-time">{t(T::StartTime)}</label>
                    <input id="series-time" name="start_time" type="time" value="15:00" required />
                    <FieldMessage field="start_time" error />
                </div>
                <div class="field">
                    <label for="series-location">{t(T::MeetingLocation)}</label>
                    <input id="series-location" name="location" maxlength="100" aria-describedby="series-location-hint" />
                    <p class="hint" id="series-location-hint">{t(T::MeetingLocationHint)}</p>
                    <FieldMessage field="location" error />
                </div>
                <fieldset class="flags">
                    <legend>{t(T::Members)}</legend>
                    {organisations.into_iter().enumerate().map(|(i, o)| view! {
                        <label class="check">
                            <input type="checkbox" name=format!("members[{i}]") value=o.id.to_string() />
                            {o.name}
                        </label>
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="primary">{t(T::CreateSeries)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // `?owner=`: whose carried-over actions are listed in full.
    let query = use_query_map();
    let owner = move || query.with(|q| q.get("owner"));
    let acts = MeetingActions::new();
    // Starting and finalising change the whole page: it is built anew. Every other save
    // reloads the meeting in the background and updates the sections row by row.
    let steps = RwSignal::new(0usize);
    let saves = RwSignal::new(0usize);
    let notice = RwSignal::new(None::<(T, bool)>);
    let fresh = RwSignal::new(None::<MeetingDetail>);
    // Starting, finalising, moving and cancelling rebuild the page. The action's input is
    // already cleared when its result arrives: one action per step tells which was taken.
    let rebuilt = move |text: T| {
        move || {
            fresh.set(None);
            steps.update(|n| *n += 1);
            notice.set(Some((text, false)));
        }
    };
    saved(acts.start, rebuilt(T::SavedStarted));
    saved(acts.finalise, rebuilt(T::SavedFinalised));
    saved(acts.reschedule, rebuilt(T::SavedMoved));
    saved(acts.cancel, rebuilt(T::SavedCancelled));
    acts.announce(notice, saves);
    Effect::new(move |_| {
        if saves.get() == 0 {
            return;
        }
        let (id, owner) = (untrack(id), untrack(owner));
        leptos::task::spawn_local(async move {
            if let Ok(d) = get_meeting(id, owner).await {
                fresh.set(Some(d));
            }
        });
    });
    // Another owner's list is another page: what a save fetched for the last one is dropped.
    Effect::new(move |before: Option<Option<String>>| {
        let now = owner();
        if before.is_some_and(|b| b != now) {
            fresh.set(None);
        }
        now
    });
    let detail = Resource::new(
        move || (id(), owner(), steps.get()),
        |(id, owner, _)| get_meeting(id, owner),
    );
    let reference = Resource::new(|| (), |_| get_reference_data());
    // A comment typed in a meeting and not yet saved is asked about before leaving.
    crate::components::unsaved::warn_before_leaving();
    view! {
        <Title text=t(T::TypeMeeting) />
        // A transition keeps the page on screen while it reloads: no jump to the top.
        <span hidden data-warn-unsaved=t(T::LeaveUnsaved)></span>
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match (detail.await, reference.await) {
                    (Ok(d), Ok(r)) => {
                        let initial = d.clone();
                        let live = Signal::derive(move || fresh.get().unwrap_or_else(|| initial.clone()));
                        let shown = CarriedShown::parse(untrack(owner).as_deref());
                        view! { <MeetingView d live acts shown organisations=r.reference.organisations areas=r.reference.areas /> }.into_any()
                    }
                    (Err(e), _) | (_, Err(e)) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
        <SaveNotice notice acts />
    }
}

/// The notice's sentence; a removed item is named ("Borttaget: ”Fältarna förstärker i
/// Rimbo”"), so that the undo says what it would bring back.
fn said(text: T, can_undo: bool, acts: &MeetingActions) -> String {
    match acts.removed.get_untracked() {
        Some(Removed::Item { text: item, .. }) if can_undo && text == T::SavedRemoved => {
            let short = shared::search::excerpt(&item, 60);
            format!("{} {}", t(T::RemovedItem), quoted(&short))
        }
        _ => t(text).to_owned(),
    }
}

/// Says what was just saved, at the bottom of the screen, to screen readers too; after a
/// removal it offers to undo it (for as long as it shows).
#[component]
fn SaveNotice(notice: RwSignal<Option<(T, bool)>>, acts: MeetingActions) -> impl IntoView {
    // Each notice goes after a while, so that it never keeps covering the end of the page.
    let shown = StoredValue::new(0u64);
    // An undo stays longer: in a meeting, people are talking when they notice a slip.
    Effect::new(move |_| {
        if let Some((_, can_undo)) = notice.get() {
            let n = shown.get_value() + 1;
            shown.set_value(n);
            // Left for another page by then, the notice is gone with it: nothing to hide.
            set_timeout(
                move || {
                    if shown.try_get_value() == Some(n) {
                        notice.try_set(None);
                    }
                },
                std::time::Duration::from_secs(if can_undo { 20 } else { 5 }),
            );
        }
    });
    // The removed row's button is gone: the keyboard lands on the way back instead of the
    // top of the page.
    let undo_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = undo_button.get() {
            let _ = button.focus();
        }
    });
    let undo = move |_| {
        if let Some(r) = acts.removed.get_untracked() {
            acts.restoring.set(Some(r.id().to_owned()));
            r.restore(&acts);
            acts.removed.set(None);
        }
    };
    view! {
        <div class="save-notice" role="status" class:shown=move || notice.with(Option::is_some)>
            {move || notice.get().map(|(text, can_undo)| view! {
                <span>{said(text, can_undo, &acts)}</span>
                {can_undo.then(|| view! { " " <button type="button" class="link-button" node_ref=undo_button on:click=undo>{t(T::Undo)}</button> })}
            })}
        </div>
    }
}

#[component]
fn MeetingView(
    d: MeetingDetail,
    live: Signal<MeetingDetail>,
    acts: MeetingActions,
    shown: CarriedShown,
    organisations: Vec<shared::reference::OrganisationDto>,
    areas: Vec<shared::reference::AreaDto>,
) -> impl IntoView {
    let id = d.summary.id.clone();
    let (start_id, finalise_id) = (id.clone(), id.clone());
    let step_error = Signal::derive(move || {
        acts.start
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| acts.cancel.value().get().and_then(Result::err))
    });
    let finalised = d.summary.state == MeetingState::Finalised;
    view! {
        <h1>{format!("{} {}", d.summary.series, d.summary.starts_at)}</h1>
        <p><strong>{state_text(d.summary.state)}</strong>
            {d.finalised_at.clone().map(|f| format!(" · {} {f}", t(T::FinalisedAt)))}</p>
        <p class="actions">
            {match d.group_id.clone() {
                Some(g) => view! { <a href=format!("/groups/{g}")>{t(T::BackToGroup)}</a> }.into_any(),
                None => view! { <a href=format!("/picture?week={}", d.picture_week)>{format!("{} {}", t(T::SituationPicture), d.picture_week)}</a> }.into_any(),
            }}
            <a href=format!("/meetings/{id}/minutes")>{t(T::PrintableMinutes)}</a>
        </p>
        <FormAlert error=step_error />
        {(d.can_edit && d.summary.state == MeetingState::Planned).then(|| {
            let start = view! {
                <ActionForm action=acts.start>
                    <input type="hidden" name="id" value=start_id />
                    <input type="hidden" name="step" value="start" />
                    <button type="submit" class="primary">
                        {t(if d.before_its_day { T::StartEarly } else { T::StartMeeting })}
                    </button>
                </ActionForm>
            };
            // Started is for good: a meeting of a day to come is started only when asked twice.
            if d.before_its_day {
                view! {
                    <details class="start-early">
                        <summary class="button primary">{t(T::StartMeeting)}"…"</summary>
                        <p>{format!("{} {}.", t(T::MeetingPlannedFor), d.summary.starts_at)}</p>
                        {start}
                    </details>
                }.into_any()
            } else {
                start.into_any()
            }
        })}
        {(d.can_edit && d.summary.state == MeetingState::Planned).then(|| view! { <PlanSection d=d.clone() acts /> })}
        {d.can_edit.then(|| view! { <MeetingParts finalising=d.summary.state == MeetingState::InProgress /> })}
        {d.youth.clone().map(|y| view! { <YouthSection y /> })}
        <AttendanceSection d=d.clone() live acts />
        <RatingsSection d=d.clone() acts />
        <ItemsSection d=d.clone() live acts kind=ItemKind::Agenda />
        <ActionsSection d=d.clone() live acts shown />
        <OverdueOrders list=d.overdue_work_orders.clone() />
        <ItemsSection d=d.clone() live acts kind=ItemKind::Decision />
        <NewActionSection d=d.clone() live acts organisations areas />
        {finalised.then(|| view! { <ItemsSection d=d.clone() live acts kind=ItemKind::Addendum /> })}
        {(d.can_edit && d.summary.state == MeetingState::InProgress).then(|| view! { <FinaliseSection id=finalise_id early=d.before_its_day live acts /> })}
    }
}

/// Locking the minutes asks first, listing what they lack. A disclosure, so it works without
/// JavaScript as well.
#[component]
fn FinaliseSection(
    id: String,
    early: bool,
    live: Signal<MeetingDetail>,
    acts: MeetingActions,
) -> impl IntoView {
    let error: FormError =
        Signal::derive(move || acts.finalise.value().get().and_then(Result::err));
    let missing = Memo::new(move |_| live.with(MeetingDetail::missing));
    let line = |m: Missing| match m {
        Missing::NoAttendance => t(T::MissingAttendance).to_owned(),
        Missing::Unrated(towns) => format!("{} {}", t(T::MissingRatings), towns.join(", ")),
        Missing::Unreviewed { titles, more } => {
            let mut line = format!("{} {}", t(T::MissingReviews), titles.join(", "));
            if more > 0 {
                let and = if titles.is_empty() {
                    String::new()
                } else {
                    format!(" {}", t(T::And))
                };
                line.push_str(&format!(
                    "{and} {} {}",
                    count_of(more as u64, T::ActionWordOne, T::ActionWordMany),
                    t(T::NotListed)
                ));
            }
            line
        }
        Missing::NoDecisions => t(T::MissingDecisions).to_owned(),
    };
    view! {
        <section aria-labelledby="finalise-heading" class="finalise">
            <h2 id="finalise-heading">{t(T::FinaliseMinutes)}</h2>
            <details>
                <summary class="button primary">{t(T::FinaliseMinutes)}"…"</summary>
                <h3>{t(T::BeforeLocking)}</h3>
                {move || {
                    let list = missing.get();
                    if list.is_empty() {
                        view! { <p>{t(T::NothingMissing)}</p> }.into_any()
                    } else {
                        view! { <ul class="missing">{list.into_iter().map(|m| view! { <li>{line(m)}</li> }).collect_view()}</ul> }.into_any()
                    }
                }}
                <p>{t(T::FinaliseWarning)}</p>
                // Before its day the minutes cannot be locked: the reason, and no button that
                // would only be refused. A refusal is said here, beside the button, not at the
                // top of a long page.
                {early.then(|| view! { <p class="warn-text">{t(T::FieldNotYet)}</p> })}
                <FormAlert error reasons=true />
                {(!early).then(|| view! {
                    <ActionForm action=acts.finalise>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="step" value="finalise" />
                        <button type="submit" class="primary">{t(T::ConfirmFinalise)}</button>
                    </ActionForm>
                })}
            </details>
        </section>
    }
}

/// Moving a planned meeting to another day or hour, or calling it off (asked first).
#[component]
fn PlanSection(d: MeetingDetail, acts: MeetingActions) -> impl IntoView {
    let error: FormError =
        Signal::derive(move || acts.reschedule.value().get().and_then(Result::err));
    let (date, time) = d
        .summary
        .starts_at
        .split_once(' ')
        .map(|(d, t)| (d.to_owned(), t.to_owned()))
        .unwrap_or_default();
    let (move_id, cancel_id) = (d.summary.id.clone(), d.summary.id.clone());
    view! {
        <details class="plan">
            <summary>{t(T::MoveOrCancel)}</summary>
            <FormAlert error />
            <ActionForm action=acts.reschedule attr:class="add-form">
                <input type="hidden" name="id" value=move_id />
                <label for="move-date">{t(T::NewDate)}</label>
                <input id="move-date" name="date" type="date" value=date required />
                <label for="move-time">{t(T::StartTime)}</label>
                <input id="move-time" name="time" type="time" value=time required />
                <button type="submit">{t(T::MoveMeeting)}</button>
                <FieldMessage field="date" error />
                <FieldMessage field="time" error />
            </ActionForm>
            <details class="confirm">
                <summary class="danger-text">{t(T::CancelMeeting)}"…"</summary>
                <p>{t(T::CancelWarning)}</p>
                <ActionForm action=acts.cancel>
                    <input type="hidden" name="id" value=cancel_id />
                    <button type="submit" class="danger">{t(T::ConfirmCancel)}</button>
                </ActionForm>
            </details>
        </details>
    }
}
