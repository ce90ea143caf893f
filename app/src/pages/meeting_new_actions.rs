//! The meeting's new actions: decided here, each with an owner and a due date. While the
//! minutes are open each can be corrected or removed (with an undo); one its owner has
//! already moved on can only be corrected.

use leptos::prelude::*;
use shared::action::{ActionState, ActionSummary};
use shared::meeting::MeetingDetail;
use shared::reference::{AreaDto, OrganisationDto};

use crate::components::action_fields::{ActionFields, ActionValues};
use crate::components::fields::{FormAlert, FormError};
use crate::components::saving::saved;
use crate::i18n::{T, t};
use crate::pages::meeting_actions::{MeetingActions, Removed, focus_if_restored};

#[component]
pub fn NewActionSection(
    d: MeetingDetail,
    live: Signal<MeetingDetail>,
    acts: MeetingActions,
    organisations: Vec<OrganisationDto>,
    areas: Vec<AreaDto>,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || acts.action.value().get().and_then(Result::err));
    let removal: FormError =
        Signal::derive(move || acts.remove_action.value().get().and_then(Result::err));
    let created = Memo::new(move |_| live.with(|d| d.new_actions.clone()));
    let form = NodeRef::<leptos::html::Form>::new();
    saved(acts.action, move || {
        if let Some(form) = form.get_untracked() {
            form.reset();
        }
    });
    let meeting = d.summary.id.clone();
    let can_edit = d.can_edit;
    let (row_orgs, row_areas) = (organisations.clone(), areas.clone());
    view! {
        <section aria-labelledby="new-actions-heading">
            <h2 id="new-actions-heading">{t(T::NewActions)}</h2>
            <FormAlert error=removal />
            {move || created.with(Vec::is_empty).then(|| view! { <p class="hint">{t(T::NothingYet)}</p> })}
            <ul class="plain items">
                // Keyed by everything shown: a corrected action is drawn anew, its form too.
                <For each=move || created.get() key=|a| format!("{a:?}") let:a>
                    <NewActionRow a meeting=meeting.clone() can_edit acts
                        organisations=row_orgs.clone() areas=row_areas.clone() />
                </For>
            </ul>
            {can_edit.then(|| view! {
                <h3 id="new-action-heading">{t(T::NewAction)}</h3>
                <FormAlert error />
                <ActionForm action=acts.action node_ref=form attr:class="action-grid" attr:aria-labelledby="new-action-heading">
                    <input type="hidden" name="id" value=d.summary.id.clone() />
                    <input type="hidden" name="action_id" prop:value=move || live.with(|d| d.new_ids.action.clone()) value=d.new_ids.action.clone() />
                    <ActionFields prefix="new-action-".to_owned() values=ActionValues::default() organisations areas error />
                    <div class="form-end"><button type="submit">{t(T::CreateAction)}</button></div>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn NewActionRow(
    a: ActionSummary,
    meeting: String,
    can_edit: bool,
    acts: MeetingActions,
    organisations: Vec<OrganisationDto>,
    areas: Vec<AreaDto>,
) -> impl IntoView {
    let summary = format!(" · {} · {} {}", a.owner_organisation, t(T::DueDate), a.due);
    let link = view! { <a href=format!("/actions/{}", a.id)>{a.title.clone()}</a> };
    let tools = can_edit.then(|| {
        let id = a.id.clone();
        // The correction form shows only its own refusal, not another row's.
        let (mine, also_mine) = (id.clone(), id.clone());
        let error: FormError = Signal::derive(move || {
            (acts.editing.get().as_deref() == Some(mine.as_str()))
                .then(|| acts.edit_action.value().get().and_then(Result::err))
                .flatten()
        });
        let values = ActionValues::from(&a);
        let removed = Removed::Action {
            meeting: meeting.clone(),
            action_id: id.clone(),
            values: values.clone(),
        };
        let hidden = format!(": {}", a.title);
        let started = a.state != ActionState::Open;
        let (meeting_b, id_b) = (meeting.clone(), id.clone());
        view! {
            <div class="item-tools">
                <details class="edit">
                    <summary>{t(T::EditItem)}<span class="visually-hidden">{hidden.clone()}</span></summary>
                    <FormAlert error />
                    <ActionForm action=acts.edit_action attr:class="action-grid">
                        <input type="hidden" name="id" value=meeting.clone() />
                        <input type="hidden" name="action_id" value=id.clone() />
                        <ActionFields prefix=format!("edit-{id}-") values organisations areas error />
                        <div class="form-end">
                            <button type="submit" on:click=move |_| acts.editing.set(Some(also_mine.clone()))>{t(T::SaveChange)}</button>
                        </div>
                    </ActionForm>
                </details>
                {(!started).then(|| view! {
                    <ActionForm action=acts.remove_action attr:class="inline">
                        <input type="hidden" name="id" value=meeting_b />
                        <input type="hidden" name="action_id" value=id_b />
                        <button type="submit" class="link-button danger" on:click=move |_| acts.removed.set(Some(removed.clone()))>
                            {t(T::Remove)}<span class="visually-hidden">{hidden}</span>
                        </button>
                    </ActionForm>
                })}
            </div>
        }
    });
    let row = focus_if_restored(acts, a.id.clone());
    view! { <li node_ref=row>{link}{summary}{tools}</li> }
}
