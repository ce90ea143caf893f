//! `/groups`: area groups (members see theirs, coordinators and admins all, managers counts
//! only); `/groups/:id`: members, who to call, the area's youth picture, open actions and
//! meetings. Outside need-to-know a group is "not found".

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::group::{GroupDetail, GroupMember, GroupSummary, YouthPicture};
use shared::user::Role;

use crate::api::groups::{CreateGroup, SetGroupMember, get_group, list_groups};
use crate::api::meetings::PlanMeeting;
use crate::api::reference::get_reference_data;
use crate::app::UserResource;
use crate::components::contacts::WhoToCall;
use crate::components::fields::{FieldMessage, FormAlert, FormError, PageError};
use crate::components::labels::{state_text, weekday_name};
use crate::i18n::{T, contact_function_name, t, use_lang};
use crate::pages::actions::ActionTable;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let create = ServerAction::<CreateGroup>::new();
    let data = Resource::new(move || create.version().get(), |_| list_groups());
    let reference = Resource::new(|| (), |_| get_reference_data());
    let user = expect_context::<UserResource>();
    view! {
        <Title text=t(T::AreaGroups) />
        <h1>{t(T::AreaGroups)}</h1>
        <p>{t(T::NeedToKnow)}</p>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let role = user.await.ok().flatten().map(|u| u.role);
                match data.await {
                    Ok(groups) if groups.is_empty() => view! { <p>{t(T::NoGroups)}</p> }.into_any(),
                    Ok(groups) => view! {
                        {(role == Some(Role::Manager)).then(|| view! { <p class="muted">{t(T::ManagerGroupsNote)}</p> })}
                        <GroupTable groups />
                    }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
            {move || Suspend::new(async move {
                let coordinator = user.await.ok().flatten().is_some_and(|u| u.role == Role::Coordinator);
                let areas = reference.await.map(|r| r.reference.for_forms(&[]).areas).unwrap_or_default();
                coordinator.then(|| view! { <NewGroupForm action=create areas /> })
            })}
        </Suspense>
    }
}

#[component]
fn GroupTable(groups: Vec<GroupSummary>) -> impl IntoView {
    view! {
        <table class="incidents">
            <caption class="visually-hidden">{t(T::AreaGroups)}</caption>
            <thead><tr>
                <th scope="col">{t(T::PlainName)}</th>
                <th scope="col">{t(T::Area)}</th>
                <th scope="col">{t(T::MembersCount)}</th>
                <th scope="col">{t(T::MeetingsHeld)}</th>
                <th scope="col">{t(T::ActionsOpenCount)}</th>
                <th scope="col">{t(T::ActionsDoneCount)}</th>
            </tr></thead>
            <tbody>
                {groups.into_iter().map(|g| view! {
                    <tr>
                        <td data-label=t(T::PlainName)>{if g.can_open {
                            view! { <a href=format!("/groups/{}", g.id)>{g.name}</a> }.into_any()
                        } else {
                            view! { <span>{g.name}</span> }.into_any()
                        }}</td>
                        <td data-label=t(T::Area)>{g.area}</td>
                        <td data-label=t(T::MembersCount)>{g.members}</td>
                        <td data-label=t(T::MeetingsHeld)>{g.meetings_held}</td>
                        <td data-label=t(T::ActionsOpenCount)>{g.actions_open}</td>
                        <td data-label=t(T::ActionsDoneCount)>{g.actions_done}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn NewGroupForm(
    action: ServerAction<CreateGroup>,
    areas: Vec<shared::reference::AreaDto>,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="admin-section" aria-labelledby="new-group-heading">
            <h2 id="new-group-heading">{t(T::NewGroup)}</h2>
            <FormAlert error />
            <ActionForm action attr:class="incident-form">
                <div class="field">
                    <label for="group-name">{t(T::PlainName)}</label>
                    <input id="group-name" name="name" required maxlength="100" />
                    <FieldMessage field="name" error />
                </div>
                <div class="field">
                    <label for="group-area">{t(T::Area)}</label>
                    <select id="group-area" name="area_id" required>
                        <option value="">{t(T::ChooseArea)}</option>
                        {areas.into_iter().map(|a| view! { <option value=a.id.to_string()>{a.name}</option> }).collect_view()}
                    </select>
                    <FieldMessage field="area_id" error />
                </div>
                <div class="field">
                    <label for="group-weekday">{t(T::Weekday)}</label>
                    <select id="group-weekday" name="weekday">
                        {(0..7u32).map(|d| view! { <option value=d.to_string() selected=d == 1>{weekday_name(d)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="group-time">{t(T::StartTime)}</label>
                    <input id="group-time" name="start_time" type="time" value="13:00" required />
                    <FieldMessage field="start_time" error />
                </div>
                <button type="submit" class="primary">{t(T::CreateGroup)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let plan = ServerAction::<PlanMeeting>::new();
    let member = ServerAction::<SetGroupMember>::new();
    let detail = Resource::new(
        move || (id(), member.version().get()),
        |(id, _)| get_group(id),
    );
    view! {
        <Title text=t(T::TypeAreaGroup) />
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <GroupView d plan member /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupView(
    d: GroupDetail,
    plan: ServerAction<PlanMeeting>,
    member: ServerAction<SetGroupMember>,
) -> impl IntoView {
    let id = d.summary.id.clone();
    let y = d.youth.clone();
    view! {
        <h1>{d.summary.name.clone()}</h1>
        <p>{format!("{} · {} {}", d.summary.area, weekday_name(d.weekday), d.start_time)}</p>
        <p class="muted">{t(T::NeedToKnow)}</p>
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t(T::Members)}</h2>
            <FormAlert error=Signal::derive(move || member.value().get().and_then(Result::err)) />
            <ul class="plain">
                {d.members.iter().cloned().map(|m| view! {
                    <MemberRow m group_id=id.clone() can_manage=d.can_manage member />
                }).collect_view()}
            </ul>
            {d.can_manage.then(|| view! { <AddMember group_id=id.clone() candidates=d.candidates.clone() member /> })}
        </section>
        <YouthSection y />
        <section aria-labelledby="group-actions-heading">
            <h2 id="group-actions-heading">{t(T::GroupActions)}</h2>
            <ActionTable actions=d.open_actions.clone() />
        </section>
        <section aria-labelledby="group-meetings-heading">
            <h2 id="group-meetings-heading">{t(T::Meetings)}</h2>
            <FormAlert error=Signal::derive(move || plan.value().get().and_then(Result::err)) />
            {d.can_run.then(|| view! {
                <ActionForm action=plan>
                    <input type="hidden" name="series_id" value=id.clone() />
                    <button type="submit" class="primary">{t(T::PlanNext)}</button>
                </ActionForm>
            })}
            {d.feed_path.clone().map(|p| view! { <p><a href=p rel="external">{t(T::CalendarFeed)}</a></p> })}
            <ul class="plain">
                {d.meetings.iter().cloned().map(|m| view! {
                    <li><a href=format!("/meetings/{}", m.id)>{m.starts_at}</a>{format!(" · {}", state_text(m.state))}</li>
                }).collect_view()}
            </ul>
        </section>
        <WhoToCall entries=d.who_to_call.clone() heading_id="who-to-call-heading" />
    }
}

/// The area's incidents involving young people in a week, per category.
#[component]
pub fn YouthSection(y: YouthPicture) -> impl IntoView {
    view! {
        <section aria-labelledby="youth-heading">
            <h2 id="youth-heading">{format!("{}, {} {}", t(T::YouthInArea), t(T::Week).to_lowercase(), y.week)}</h2>
            <p>{format!("{}: {} ({} {})", t(T::IncidentsCount), y.total, t(T::WeekBefore), y.previous)}</p>
            {if y.categories.is_empty() {
                view! { <p>{t(T::NoYouthIncidents)}</p> }.into_any()
            } else {
                view! { <ul class="plain">{y.categories.into_iter().map(|(c, n)| view! { <li>{format!("{c}: {n}")}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

/// A member with, for coordinators, "make convener" and "remove".
#[component]
fn MemberRow(
    m: GroupMember,
    group_id: String,
    can_manage: bool,
    member: ServerAction<SetGroupMember>,
) -> impl IntoView {
    let lang = use_lang();
    let form = move |role: &'static str, label: String| {
        let (id, contact) = (group_id.clone(), m.contact_id.clone());
        view! {
            <ActionForm action=member attr:class="inline">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="contact_id" value=contact />
                <input type="hidden" name="role" value=role />
                <button type="submit" class="link-button">{label}</button>
            </ActionForm>
        }
    };
    let convene = (can_manage && m.active && !m.convener)
        .then(|| form("convener", format!("{} ({})", t(T::MakeConvener), m.name)));
    let remove = can_manage.then(|| form("remove", format!("{} ({})", t(T::RemoveMember), m.name)));
    view! {
        <li>
            {format!("{} · {} · {}", m.name, contact_function_name(m.function, lang), m.organisation)}
            {m.convener.then(|| view! { " " <span class="tag">{t(T::Convener)}</span> })}
            {(!m.active).then(|| view! { " " <span class="tag warn">{t(T::HasLeft)}</span> })}
            {convene}
            {remove}
        </li>
    }
}

/// Picks a directory entry to add to the group.
#[component]
fn AddMember(
    group_id: String,
    candidates: Vec<(String, String)>,
    member: ServerAction<SetGroupMember>,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || member.value().get().and_then(Result::err));
    view! {
        <ActionForm action=member attr:class="filters">
            <input type="hidden" name="id" value=group_id />
            <input type="hidden" name="role" value="member" />
            <div class="field">
                <label for="member-contact">{t(T::AddMember)}</label>
                <select id="member-contact" name="contact_id" required>
                    <option value="">{t(T::ChooseContact)}</option>
                    {candidates.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                </select>
                <FieldMessage field="contact_id" error />
            </div>
            <button type="submit">{t(T::AddMember)}</button>
        </ActionForm>
    }
}
