//! The meeting page's lists of agenda items, decisions and addenda: add (once, however often
//! the form is sent), reword and remove until the minutes are locked, with an undo.

use leptos::prelude::*;
use shared::meeting::{Item, ItemKind, MeetingDetail};

use crate::components::fields::{FormAlert, FormError};
use crate::components::saving::saved;
use crate::i18n::{T, t};
use crate::pages::meeting_actions::{MeetingActions, Removed, focus_if_restored};

fn code(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Agenda => "agenda",
        ItemKind::Decision => "decision",
        ItemKind::Addendum => "addendum",
    }
}

#[component]
pub fn ItemsSection(
    d: MeetingDetail,
    live: Signal<MeetingDetail>,
    acts: MeetingActions,
    kind: ItemKind,
) -> impl IntoView {
    let (heading, new_label, add_label, can_add) = match kind {
        ItemKind::Agenda => (T::Agenda, T::NewAgendaItem, T::AddAgendaItem, d.can_edit),
        ItemKind::Decision => (T::Decisions, T::NewDecision, T::AddDecision, d.can_edit),
        ItemKind::Addendum => (
            T::Addenda,
            T::NewAddendum,
            T::AddAddendum,
            d.can_add_addenda,
        ),
    };
    let add = acts.item(kind);
    let error: FormError = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| acts.edit.value().get().and_then(Result::err))
            .or_else(|| acts.remove.value().get().and_then(Result::err))
    });
    let items = Memo::new(move |_| {
        live.with(|d| {
            d.items
                .iter()
                .filter(|i| i.kind == kind)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let input = NodeRef::<leptos::html::Input>::new();
    saved(add, move || {
        if let Some(input) = input.get_untracked() {
            input.set_value("");
        }
    });
    let code = code(kind);
    let field_id = format!("new-{code}");
    let meeting = d.summary.id.clone();
    // Addenda are never changed: they are the corrections of locked minutes.
    let can_change = d.can_edit && kind != ItemKind::Addendum;
    view! {
        <section aria-labelledby=format!("{code}-heading")>
            <h2 id=format!("{code}-heading")>{t(heading)}</h2>
            <FormAlert error />
            {move || items.with(Vec::is_empty).then(|| view! { <p class="hint">{t(T::NothingYet)}</p> })}
            <ol class="items">
                <For each=move || items.get() key=|i| (i.id.clone(), i.text.clone()) let:i>
                    <ItemRow i meeting=meeting.clone() can_change acts />
                </For>
            </ol>
            {can_add.then(|| view! {
                <ActionForm action=add attr:class="add-form">
                    <input type="hidden" name="id" value=d.summary.id.clone() />
                    <input type="hidden" name="kind" value=code />
                    <input type="hidden" name="item_id" prop:value=move || live.with(|d| d.new_ids.item(kind).to_owned()) value=d.new_ids.item(kind).to_owned() />
                    <label for=field_id.clone()>{t(new_label)}</label>
                    <input id=field_id node_ref=input name="text" required maxlength="2000" />
                    <button type="submit">{t(add_label)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn ItemRow(i: Item, meeting: String, can_change: bool, acts: MeetingActions) -> impl IntoView {
    let edit_id = format!("edit-{}", i.id);
    let removed = Removed::Item {
        meeting: meeting.clone(),
        kind: code(i.kind),
        item_id: i.id.clone(),
        text: i.text.clone(),
    };
    let (text, id) = (i.text.clone(), i.id.clone());
    let (hidden_a, hidden_b) = (format!(": {text}"), format!(": {text}"));
    let (meeting_a, id_a) = (meeting.clone(), id.clone());
    let tools = can_change.then(move || view! {
                <div class="item-tools">
                    <details class="edit">
                        <summary>{t(T::EditItem)}<span class="visually-hidden">{hidden_a}</span></summary>
                        <ActionForm action=acts.edit attr:class="add-form">
                            <input type="hidden" name="id" value=meeting_a />
                            <input type="hidden" name="item_id" value=id_a />
                            <label for=edit_id.clone()>{t(T::NewWording)}</label>
                            <input id=edit_id name="text" value=text required maxlength="2000" />
                            <button type="submit">{t(T::SaveChange)}</button>
                        </ActionForm>
                    </details>
                    <ActionForm action=acts.remove attr:class="inline">
                        <input type="hidden" name="id" value=meeting />
                        <input type="hidden" name="item_id" value=id />
                        <button type="submit" class="link-button danger" on:click=move |_| acts.removed.set(Some(removed.clone()))>
                            {t(T::Remove)}<span class="visually-hidden">{hidden_b}</span>
                        </button>
                    </ActionForm>
                </div>
    });
    let row = focus_if_restored(acts, i.id.clone());
    view! {
        <li node_ref=row>
            <span class="item-text">{i.text.clone()}</span>
            {(i.kind == ItemKind::Addendum).then(|| format!(" ({}, {})", i.at, i.by))}
            {tools}
        </li>
    }
}
