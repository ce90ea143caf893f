//! Audit entries as people read them: when, who, what was done and what changed.

use leptos::prelude::*;
use shared::action::ActionState;
use shared::audit::{AuditAction, AuditEntry, FieldChange};
use shared::walk::WalkState;
use shared::work_order::{OrderKind, OrderState, Priority};

use crate::i18n::{T, t};

pub fn action_label(action: AuditAction) -> &'static str {
    t(match action {
        AuditAction::View => T::ActionView,
        AuditAction::Create => T::ActionCreate,
        AuditAction::Update => T::ActionUpdate,
        AuditAction::Delete => T::ActionDelete,
        AuditAction::Export => T::ActionExport,
        AuditAction::SignIn => T::ActionSignIn,
        AuditAction::FailedSignIn => T::ActionFailedSignIn,
        AuditAction::Anonymise => T::ActionAnonymise,
        AuditAction::Redact => T::ActionRedact,
    })
}

/// The label of a snapshot field (unknown fields show their key).
fn field_label(field: &str) -> String {
    let key = match field {
        "occurred_at" => T::When,
        "area" => T::Area,
        "place" => T::Place,
        "position" => T::Position,
        "category" => T::Category,
        "description" => T::Description,
        "youth_involved" => T::YouthInvolved,
        "physical_environment" => T::PhysicalEnvironment,
        "week" => T::Week,
        "nothing_to_report" => T::NothingToReport,
        "title" => T::Title,
        "owner" => T::Owner,
        "owner_person" => T::OwnerPerson,
        "due" => T::DueDate,
        "state" => T::State,
        "note" => T::Note,
        "removed" => T::RemovedWhat,
        "reason" => T::Reason,
        "order_kind" | "work_order_kind" => T::OrderKindField,
        "priority" => T::Priority,
        "order_state" => T::State,
        "planned_for" => T::PlannedFor,
        "done_note" => T::WhatWasDone,
        "reject_reason" => T::RejectReason,
        "incidents" => T::LinkedIncidents,
        "walk_state" => T::State,
        "participants" => T::Participants,
        "observation" => T::ObservationAt,
        "work_order_to" => T::OrderTo,
        "observation_photos" | "photos" => T::Photos,
        _ => return field.to_owned(),
    };
    t(key).to_owned()
}

/// A snapshot value in words: an action's state as its label, yes/no, "–" for nothing.
fn value(field: &str, text: &str) -> String {
    if field == "state"
        && let Some(state) = ActionState::parse(text)
    {
        return super::labels::state_label(state).to_owned();
    }
    let order = match field {
        "order_state" => OrderState::parse(text).map(super::labels::order_state_label),
        "order_kind" | "work_order_kind" => {
            OrderKind::parse(text).map(super::labels::order_kind_label)
        }
        "priority" => Priority::parse(text).map(super::labels::priority_label),
        "walk_state" => match text {
            "planned" => Some(super::labels::walk_state_label(WalkState::Planned)),
            "done" => Some(super::labels::walk_state_label(WalkState::Done)),
            _ => None,
        },
        _ => None,
    };
    if let Some(label) = order {
        return label.to_owned();
    }
    match text {
        "true" => t(T::Yes).to_owned(),
        "false" => t(T::No).to_owned(),
        "" => "–".to_owned(),
        other => other.to_owned(),
    }
}

#[component]
pub fn Changes(changes: Vec<FieldChange>, #[prop(optional)] show_before: bool) -> impl IntoView {
    // A new record's empty fields (no plan yet, no note yet) say nothing.
    let changes: Vec<FieldChange> = changes
        .into_iter()
        .filter(|c| show_before || !c.after.is_empty())
        .collect();
    (!changes.is_empty()).then(|| {
        view! {
            <ul class="changes">
                {changes.into_iter().map(|c| {
                    let label = field_label(&c.field);
                    if show_before {
                        view! { <li><strong>{label}": "</strong><del>{value(&c.field, &c.before)}</del>" → "<ins>{value(&c.field, &c.after)}</ins></li> }.into_any()
                    } else {
                        view! { <li><strong>{label}": "</strong>{value(&c.field, &c.after)}</li> }.into_any()
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// A record's history: one item per creation or change, oldest first.
#[component]
pub fn History(entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <ol class="history">
            {entries.into_iter().map(|e| {
                let who = match (e.user, e.organisation) {
                    (Some(u), Some(o)) => format!("{u} ({o})"),
                    (Some(u), None) => u,
                    _ => "–".to_owned(),
                };
                let show_before = e.action == AuditAction::Update;
                view! {
                    <li>
                        <p><time>{e.at}</time>" · "{who}" · "{action_label(e.action)}</p>
                        <Changes changes=e.changes show_before />
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
