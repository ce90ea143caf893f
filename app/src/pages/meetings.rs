//! `/meetings`: meeting series and their meetings; `/meetings/:id`: running a meeting.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::meeting::{MeetingDetail, MeetingState};

use crate::api::meetings::{
    CreateSeries, MeetingAction, MeetingStep, PlanMeeting, RecordAttendance, RecordGuests,
    RecordItem, RecordRating, ReviewAction, get_meeting, list_series,
};
use crate::api::reference::get_reference_data;
use crate::app::UserResource;
use crate::components::fields::{FieldMessage, FormAlert, FormError, PageError};
use crate::i18n::{T, t};
use crate::pages::groups::YouthSection;
use crate::pages::meeting_sections::{
    ActionsSection, AttendanceSection, ItemsSection, NewActionSection, RatingsSection,
};

pub fn state_text(state: MeetingState) -> &'static str {
    t(match state {
        MeetingState::Planned => T::MeetingPlanned,
        MeetingState::InProgress => T::MeetingInProgress,
        MeetingState::Finalised => T::MeetingFinalised,
    })
}

pub fn weekday_name(day: u32) -> &'static str {
    t([
        T::Monday,
        T::Tuesday,
        T::Wednesday,
        T::Thursday,
        T::Friday,
        T::Saturday,
        T::Sunday,
    ][day.min(6) as usize])
}

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let plan = ServerAction::<PlanMeeting>::new();
    let create = ServerAction::<CreateSeries>::new();
    let data = Resource::new(
        move || (plan.version().get(), create.version().get()),
        |_| list_series(),
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
                    Ok(series) => series.into_iter().map(|s| view! {
                        <section class="admin-section">
                            <h2>{s.name.clone()}</h2>
                            <p>{format!("{} {} · {}: {}", weekday_name(s.weekday), s.start_time, t(T::Members), s.members.join(", "))}</p>
                            {coordinator.then(|| view! {
                                <ActionForm action=plan>
                                    <input type="hidden" name="series_id" value=s.id.clone() />
                                    <button type="submit" class="primary">{t(T::PlanNext)}</button>
                                </ActionForm>
                            })}
                            {s.feed_path.clone().map(|p| view! { <p><a href=p rel="external">{t(T::CalendarFeed)}</a></p> })}
                            <ul class="plain">
                                {s.meetings.into_iter().map(|m| view! {
                                    <li><a href=format!("/meetings/{}", m.id)>{m.starts_at}</a>{format!(" · {}", state_text(m.state))}</li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view().into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
            {move || Suspend::new(async move {
                let coordinator = user.await.ok().flatten().is_some_and(|u| u.role == shared::user::Role::Coordinator);
                let organisations = reference.await.map(|r| r.reference.organisations).unwrap_or_default();
                coordinator.then(|| view! { <NewSeriesForm action=create organisations /> })
            })}
        </Suspense>
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

/// Every recording action of the meeting page; any success reloads the page's data.
#[derive(Clone, Copy)]
pub struct MeetingActions {
    pub step: ServerAction<MeetingStep>,
    pub attendance: ServerAction<RecordAttendance>,
    pub guests: ServerAction<RecordGuests>,
    pub rating: ServerAction<RecordRating>,
    pub item: ServerAction<RecordItem>,
    pub review: ServerAction<ReviewAction>,
    pub action: ServerAction<MeetingAction>,
}

impl MeetingActions {
    fn new() -> Self {
        Self {
            step: ServerAction::new(),
            attendance: ServerAction::new(),
            guests: ServerAction::new(),
            rating: ServerAction::new(),
            item: ServerAction::new(),
            review: ServerAction::new(),
            action: ServerAction::new(),
        }
    }

    fn versions(&self) -> [usize; 7] {
        [
            self.step.version().get(),
            self.attendance.version().get(),
            self.guests.version().get(),
            self.rating.version().get(),
            self.item.version().get(),
            self.review.version().get(),
            self.action.version().get(),
        ]
    }
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let acts = MeetingActions::new();
    let detail = Resource::new(move || (id(), acts.versions()), |(id, _)| get_meeting(id));
    let reference = Resource::new(|| (), |_| get_reference_data());
    view! {
        <Title text=t(T::TypeMeeting) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match (detail.await, reference.await) {
                    (Ok(d), Ok(r)) => view! { <MeetingView d acts organisations=r.reference.organisations areas=r.reference.areas /> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MeetingView(
    d: MeetingDetail,
    acts: MeetingActions,
    organisations: Vec<shared::reference::OrganisationDto>,
    areas: Vec<shared::reference::AreaDto>,
) -> impl IntoView {
    let id = d.summary.id.clone();
    let step_error = Signal::derive(move || acts.step.value().get().and_then(Result::err));
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
        {d.can_edit.then(|| {
            let (step, label) = match d.summary.state {
                MeetingState::Planned => ("start", t(T::StartMeeting)),
                _ => ("finalise", t(T::FinaliseMinutes)),
            };
            view! {
                <ActionForm action=acts.step>
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="step" value=step />
                    <button type="submit" class="primary">{label}</button>
                </ActionForm>
            }
        })}
        {d.youth.clone().map(|y| view! { <YouthSection y /> })}
        <AttendanceSection d=d.clone() acts />
        <RatingsSection d=d.clone() acts />
        <ItemsSection d=d.clone() acts kind=shared::meeting::ItemKind::Agenda />
        <ActionsSection d=d.clone() acts />
        <ItemsSection d=d.clone() acts kind=shared::meeting::ItemKind::Decision />
        <NewActionSection d=d.clone() acts organisations areas />
        {finalised.then(|| view! { <ItemsSection d=d.clone() acts kind=shared::meeting::ItemKind::Addendum /> })}
    }
}
