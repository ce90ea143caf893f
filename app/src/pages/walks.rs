//! `/walks`: safety walks, the latest day first, and for coordinators the form that plans one
//! (area, day, who walks). Each walk links to its page, where observations are recorded.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::walk::{WalkState, WalkSummary};

use crate::api::reference::get_reference_data;
use crate::api::walks::{PlanWalk, list_walks};
use crate::app::UserResource;
use crate::components::fields::{
    FieldMessage, FormAlert, FormError, PageError, described_by, invalid,
};
use crate::components::labels::walk_state_label;
use crate::i18n::{T, count_of, t};

#[component]
pub fn WalksPage() -> impl IntoView {
    let walks = Resource::new(|| (), |_| list_walks());
    let user = expect_context::<UserResource>();
    view! {
        <Title text=t(T::SafetyWalks) />
        <h1>{t(T::SafetyWalks)}</h1>
        <p>{t(T::SafetyWalksIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let runs = user.await.ok().flatten().is_some_and(|u| u.can_run_walks());
                let list = match walks.await {
                    Ok(list) => list,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                view! {
                    <WalkList list />
                    {runs.then(|| view! { <PlanForm /> })}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn WalkList(list: Vec<WalkSummary>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p role="status">{t(T::NoWalks)}</p> }.into_any();
    }
    view! {
        <ul class="order-cards">
            {list.into_iter().map(|w| {
                let title = format!("{} {}", w.area, w.planned_for);
                let made = if w.orders > 0 {
                    format!(" · {} {}", w.orders, t(T::BecameOrders))
                } else {
                    String::new()
                };
                view! {
                    <li class="order-card">
                        <h2><a href=format!("/walks/{}", w.id)>{title}</a></h2>
                        <p>
                            <strong>{walk_state_label(w.state)}</strong>
                            {format!(" · {}{made}", count_of(w.observations, T::ObservationOne, T::ObservationsCount))}
                        </p>
                        {(w.state == WalkState::Done).then(|| view! {
                            <p><a href=format!("/walks/{}/report", w.id)>{t(T::WalkReport)}</a></p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Plans a walk; on success the browser goes to the walk's page.
#[component]
fn PlanForm() -> impl IntoView {
    let action = ServerAction::<PlanWalk>::new();
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    let data = Resource::new(|| (), |_| get_reference_data());
    view! {
        <h2 id="plan">{t(T::PlanWalk)}</h2>
        <FormAlert error />
        <ActionForm action attr:class="incident-form" attr:aria-labelledby="plan">
            <div class="field">
                <label for="area_id">{t(T::Area)}</label>
                <select id="area_id" name="area_id" required aria-invalid=invalid(error, "area_id")
                    aria-describedby=described_by(error, "area_id")>
                    <option value="">{t(T::ChooseArea)}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            data.await.map(|d| d.reference.areas).unwrap_or_default().into_iter()
                                .filter(|a| !a.retired)
                                .map(|a| view! { <option value=a.id.to_string()>{a.name}</option> })
                                .collect_view()
                        })}
                    </Suspense>
                </select>
                <FieldMessage field="area_id" error />
            </div>
            <div class="field">
                <label for="planned_for">{t(T::WalkDay)}</label>
                <input id="planned_for" name="planned_for" type="date" required
                    aria-invalid=invalid(error, "planned_for") aria-describedby=described_by(error, "planned_for") />
                <FieldMessage field="planned_for" error />
            </div>
            <div class="field">
                <label for="participants">{t(T::Participants)}</label>
                <textarea id="participants" name="participants" rows="3" maxlength="500" required
                    aria-invalid=invalid(error, "participants")
                    aria-describedby=move || described_by(error, "participants")().unwrap_or_else(|| "participants-hint".to_owned())></textarea>
                <p class="hint" id="participants-hint">{t(T::ParticipantsHint)}</p>
                <FieldMessage field="participants" error />
            </div>
            <button type="submit" class="primary big" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t(T::Saving) } else { t(T::PlanWalk) }}
            </button>
        </ActionForm>
    }
}
