//! `/work-orders/new?incident=…`: send an incident's place to whoever is to fix it. The form
//! starts from the incident: its text (editable, guarded), the kind its category suggests, the
//! proposed owner (the place's, else the category's), and other incidents at the place.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::FieldError;
use shared::work_order::{OrderKind, Priority, ServiceLevel, hours_in};

use crate::api::work_orders::{CreateWorkOrder, work_order_draft};
use crate::components::fields::{
    FieldMessage, FormAlert, FormError, PageError, described_by, invalid,
};
use crate::components::labels::{order_kind_label, priority_label};
use crate::components::order_views::{PositionPicker, hours_text};
use crate::i18n::{T, t};

/// "14 dagar" or "48 timmar": how long the owner has, by the levels in force.
fn service_level(levels: &[ServiceLevel], kind: &str, priority: &str) -> Option<String> {
    let hours = hours_in(levels, OrderKind::parse(kind)?, Priority::parse(priority)?);
    Some(hours_text(u64::try_from(hours).ok()?))
}

#[component]
pub fn NewWorkOrderPage() -> impl IntoView {
    let query = use_query_map();
    let incident = query.with_untracked(|q| q.get("incident").unwrap_or_default());
    let draft = Resource::new(move || incident.clone(), work_order_draft);
    let action = ServerAction::<CreateWorkOrder>::new();
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    let warned = move || {
        error.with(|e| {
            matches!(
                e.as_ref().and_then(|e| e.issue_for("description")),
                Some(FieldError::LooksLikeName { .. })
            )
        })
    };
    view! {
        <Title text=t(T::SendWorkOrder) />
        <h1>{t(T::SendWorkOrder)}</h1>
        <p>{t(T::SendWorkOrderIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let d = match draft.await {
                    Ok(d) => d,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                let kind = RwSignal::new(d.kind.map(|k| k.code().to_owned()).unwrap_or_default());
                let priority = RwSignal::new(Priority::Normal.code().to_owned());
                let proposed = d.proposed_owner.clone().unwrap_or_default();
                let levels = StoredValue::new(d.service_levels.clone());
                view! {
                    <FormAlert error />
                    <ActionForm action attr:class="incident-form">
                        <input type="hidden" name="incident_ids[0]" value=d.incident_id.clone() />
                        <p><strong>{t(T::Place)}": "</strong>{d.place.clone()}</p>
                        <div class="field">
                            <label for="kind">{t(T::OrderKindField)}</label>
                            <select id="kind" name="kind" required aria-invalid=invalid(error, "kind")
                                aria-describedby=described_by(error, "kind")
                                on:change=move |ev| kind.set(event_target_value(&ev))>
                                <option value="">{t(T::OrderKindField)}" …"</option>
                                {OrderKind::ALL.into_iter().map(|k| view! {
                                    <option value=k.code() selected=Some(k) == d.kind>{order_kind_label(k)}</option>
                                }).collect_view()}
                            </select>
                            <FieldMessage field="kind" error />
                        </div>
                        <fieldset class="field">
                            <legend>{t(T::Priority)}</legend>
                            {Priority::ALL.into_iter().map(|p| view! {
                                <label class="check">
                                    <input type="radio" name="priority" value=p.code() checked=p == Priority::Normal
                                        on:change=move |_| priority.set(p.code().to_owned()) />
                                    {priority_label(p)}
                                </label>
                            }).collect_view()}
                            <p class="hint">{t(T::PriorityUrgentHint)}</p>
                            <p class="hint" role="status">{move || levels.with_value(|l| service_level(l, &kind.get(), &priority.get()))
                                .map(|s| format!("{} {s}.", t(T::TimeToFix)))}</p>
                            <FieldMessage field="priority" error />
                        </fieldset>
                        <div class="field">
                            <label for="owner_organisation_id">{t(T::SendTo)}</label>
                            <select id="owner_organisation_id" name="owner_organisation_id" required
                                aria-invalid=invalid(error, "owner_organisation_id")
                                aria-describedby=described_by(error, "owner_organisation_id")>
                                <option value="">{t(T::ChooseOwner)}</option>
                                {d.owners.clone().into_iter().map(|o| {
                                    let chosen = o.id == proposed;
                                    let name = if chosen { format!("{} ({})", o.name, t(T::Proposed)) } else { o.name };
                                    view! { <option value=o.id selected=chosen>{name}</option> }
                                }).collect_view()}
                            </select>
                            <FieldMessage field="owner_organisation_id" error />
                        </div>
                        <div class="field">
                            <label for="description">{t(T::OrderText)}</label>
                            <textarea id="description" name="description" rows="5" maxlength="2000" required
                                aria-invalid=invalid(error, "description")
                                aria-describedby=move || {
                                    described_by(error, "description")().unwrap_or_else(|| "description-hint".to_owned())
                                }>{d.description.clone()}</textarea>
                            <p class="hint" id="description-hint">{t(T::OrderTextHint)}</p>
                            <FieldMessage field="description" error />
                        </div>
                        <PositionPicker />
                        {(!d.others.is_empty()).then(|| view! {
                            <fieldset class="field">
                                <legend>{t(T::SameFault)}</legend>
                                {d.others.clone().into_iter().enumerate().map(|(i, (id, label))| view! {
                                    <label class="check">
                                        <input type="checkbox" name=format!("incident_ids[{}]", i + 1) value=id />
                                        {label}
                                    </label>
                                }).collect_view()}
                                <FieldMessage field="incident_ids" error />
                            </fieldset>
                        })}
                        {move || warned().then(|| view! {
                            <label class="check keep-name">
                                <input type="checkbox" name="keep_name" value="on" />
                                {t(T::KeepName)}
                            </label>
                        })}
                        <button type="submit" class="primary big" disabled=move || action.pending().get()>
                            {move || if action.pending().get() { t(T::Saving) } else { t(T::SendWorkOrder) }}
                        </button>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}
