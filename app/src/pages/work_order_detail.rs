//! `/work-orders/:id`: one order – what, where, who owns and who sent it, how late – its
//! incidents, history, and a form for each step the caller may take now (accept, plan, mark
//! fixed with a note, reject with a reason, send a rejected order on, withdraw).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::work_order::{OwnerChoice, StepKind, WorkOrderDetail};

use crate::api::work_orders::{WorkOrderStep, get_work_order};
use crate::components::fields::{
    FieldMessage, FormAlert, FormError, PageError, ScopedFieldMessage, described_by, invalid,
    scoped_described_by,
};
use crate::components::history::History;
use crate::components::labels::{order_kind_label, order_state_label, priority_label, step_label};
use crate::components::order_views::{OrderTags, PhotosSection};
use crate::components::saving::saved;
use crate::i18n::{T, count_of, t};

#[component]
pub fn WorkOrderPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let step = ServerAction::<WorkOrderStep>::new();
    // Reloaded after a step that succeeded; a refused one keeps what was typed.
    let saves = RwSignal::new(0usize);
    saved(step, move || saves.update(|n| *n += 1));
    let detail = Resource::new(move || (id(), saves.get()), |(id, _)| get_work_order(id));
    let just_saved = move || matches!(step.value().get(), Some(Ok(())));
    view! {
        <Title text=t(T::WorkOrder) />
        // A transition keeps the page while it reloads after a step: no jump to the top.
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                let s = d.summary.clone();
                let state = s.state;
                // What the last upload did, until a step is taken on this page.
                let fresh = step.value().get_untracked().is_none();
                let photo_saved = fresh && query.with_untracked(|q| q.get("photo").is_some());
                let photo_refused = query.with_untracked(|q| q.get("photo_error")).filter(|_| fresh);
                view! {
                    {query.with(|q| q.get("saved").is_some()).then(|| view! { <p class="notice" role="status">{t(T::OrderSentNotice)}</p> })}
                    {move || just_saved().then(|| view! { <p class="notice" role="status">{format!("{} {}", t(T::OrderStepSaved), order_state_label(state))}</p> })}
                    <h1>{format!("{} – {}", order_kind_label(s.kind), s.place)}</h1>
                    <Facts d=d.clone() />
                    <h2>{t(T::Description)}</h2>
                    <p class="description">{d.description.clone()}</p>
                    {(!d.incidents.is_empty()).then(|| view! {
                        <h2>{t(T::LinkedIncidents)}</h2>
                        <ul class="plain">
                            {d.incidents.clone().into_iter().map(|(id, label)| view! {
                                <li><a href=format!("/incidents/{id}")>{label}</a></li>
                            }).collect_view()}
                        </ul>
                    })}
                    <PhotosSection id=s.id.clone() photos=d.photos.clone() can_add=d.can_add_photos
                        saved=photo_saved refused=photo_refused />
                    {d.effect.map(|e| view! { <EffectSection e /> })}
                    {(state == shared::work_order::OrderState::Rejected && d.allowed.contains(&StepKind::Reroute))
                        .then(|| view! { <p class="notice warn">{t(T::RejectedWaiting)}</p> })}
                    {if state.is_closed() {
                        view! { <p>{t(T::OrderClosed)}</p> }.into_any()
                    } else {
                        (!d.allowed.is_empty()).then(|| view! {
                            <h2>{t(T::NextStep)}</h2>
                            <Steps id=s.id.clone() allowed=d.allowed.clone() owners=d.owners.clone() step />
                        }).into_any()
                    }}
                    <h2>{t(T::History)}</h2>
                    <History entries=d.history.clone() />
                    <p><a href="/work-orders">{t(T::WorkOrders)}</a></p>
                }.into_any()
            })}
        </Transition>
    }
}

#[component]
fn Facts(d: WorkOrderDetail) -> impl IntoView {
    let s = d.summary;
    view! {
        <dl class="facts">
            <dt>{t(T::State)}</dt>
            <dd>{order_state_label(s.state)}" "<OrderTags summary=s.clone() /></dd>
            <dt>{t(T::OwnerOrg)}</dt><dd>{s.owner.clone()}</dd>
            <dt>{t(T::SentBy)}</dt><dd>{format!("{}, {}", s.sender, s.sent)}</dd>
            <dt>{t(T::Place)}</dt><dd>{format!("{}, {}", s.place, s.area)}</dd>
            {d.point.map(|p| view! {
                <dt>{t(T::Position)}</dt>
                <dd>{p.text()}" · "<a href=p.map_link() rel="noopener noreferrer" target="_blank">{t(T::ShowOnMap)}</a></dd>
            })}
            <dt>{t(T::Priority)}</dt><dd>{priority_label(s.priority)}</dd>
            <dt>{t(T::DueBy)}</dt><dd>{s.due.clone()}</dd>
            {s.planned_for.clone().map(|p| view! { <dt>{t(T::PlannedFor)}</dt><dd>{p}</dd> })}
            {s.done_on.clone().map(|p| view! { <dt>{t(T::OrderDone)}</dt><dd>{p}</dd> })}
            {d.done_note.map(|n| view! { <dt>{t(T::WhatWasDone)}</dt><dd class="description">{n}</dd> })}
            {d.reject_reason.map(|n| view! { <dt>{t(T::RejectReason)}</dt><dd>{n}</dd> })}
        </dl>
    }
}

/// The EST check: incidents at the place in the weeks before the fix and after it.
#[component]
fn EffectSection(e: shared::work_order::Effect) -> impl IntoView {
    let weeks = shared::work_order::EFFECT_WEEKS;
    let after = if e.weeks_after < weeks {
        format!(
            "{} ({} / {weeks} {})",
            count_of(e.after, T::IncidentOne, T::IncidentsCount),
            e.weeks_after,
            t(T::WeeksSoFar)
        )
    } else {
        count_of(e.after, T::IncidentOne, T::IncidentsCount)
    };
    view! {
        <section aria-labelledby="effect-heading">
            <h2 id="effect-heading">{t(T::EffectHeading)}</h2>
            <dl class="facts">
                <dt>{format!("{weeks} {}", t(T::WeeksBefore))}</dt>
                <dd>{count_of(e.before, T::IncidentOne, T::IncidentsCount)}</dd>
                <dt>{format!("{weeks} {}", t(T::WeeksAfter))}</dt>
                <dd>{after}</dd>
            </dl>
        </section>
    }
}

/// A form for each step the caller may take. Errors show beside the form last sent.
#[component]
fn Steps(
    id: String,
    allowed: Vec<StepKind>,
    owners: Vec<OwnerChoice>,
    step: ServerAction<WorkOrderStep>,
) -> impl IntoView {
    let last = RwSignal::new(None::<StepKind>);
    let all: FormError = Signal::derive(move || step.value().get().and_then(Result::err));
    let error_of = move |kind: StepKind| -> FormError {
        Signal::derive(move || all.get().filter(|_| last.get() == Some(kind)))
    };
    let form = |kind: StepKind, fields: AnyView| {
        let error = error_of(kind);
        let id = id.clone();
        view! {
            <ActionForm action=step attr:class="incident-form step-form">
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="step" value=kind.code() />
                {fields}
                <FormAlert error />
                <button type="submit" class=if kind == StepKind::Withdraw { "" } else { "primary big" }
                    on:click=move |_| last.set(Some(kind)) disabled=move || step.pending().get()>
                    {step_label(kind)}
                </button>
            </ActionForm>
        }
    };
    allowed
        .into_iter()
        .map(|kind| {
            let error = error_of(kind);
            let fields = match kind {
                StepKind::Plan => view! {
                    <div class="field">
                        <label for="planned_for">{t(T::PlannedFor)}</label>
                        <input type="date" id="planned_for" name="planned_for" required
                            aria-invalid=invalid(error, "planned_for") aria-describedby=described_by(error, "planned_for") />
                        <FieldMessage field="planned_for" error />
                    </div>
                }
                .into_any(),
                StepKind::Done => view! {
                    <div class="field">
                        <label for="done-note">{t(T::WhatWasDone)}</label>
                        <textarea id="done-note" name="note" rows="3" maxlength="2000" required
                            aria-describedby=scoped_described_by("done-".into(), error, "note", Some("done-note-hint".into()))
                            aria-invalid=invalid(error, "note")></textarea>
                        <p class="hint" id="done-note-hint">{t(T::WhatWasDoneHint)}</p>
                        <ScopedFieldMessage scope="done-".into() field="note" error />
                    </div>
                }
                .into_any(),
                StepKind::Reject => view! {
                    <div class="field">
                        <label for="reject-note">{t(T::RejectReason)}</label>
                        <input type="text" id="reject-note" name="note" maxlength="300" required
                            aria-describedby=scoped_described_by("reject-".into(), error, "note", Some("reject-note-hint".into()))
                            aria-invalid=invalid(error, "note") />
                        <p class="hint" id="reject-note-hint">{t(T::RejectReasonHint)}</p>
                        <ScopedFieldMessage scope="reject-".into() field="note" error />
                    </div>
                }
                .into_any(),
                StepKind::Reroute => view! {
                    <div class="field">
                        <label for="new-owner">{t(T::NewOwner)}</label>
                        <select id="new-owner" name="owner_organisation_id" required
                            aria-invalid=invalid(error, "owner_organisation_id")
                            aria-describedby=described_by(error, "owner_organisation_id")>
                            <option value="">{t(T::ChooseOwner)}</option>
                            {owners.clone().into_iter().map(|o| view! { <option value=o.id>{o.name}</option> }).collect_view()}
                        </select>
                        <FieldMessage field="owner_organisation_id" error />
                    </div>
                }
                .into_any(),
                StepKind::Accept | StepKind::Withdraw => ().into_any(),
            };
            form(kind, fields)
        })
        .collect_view()
}
