//! Recording a walk's observations on a phone, on whatever connection there is. After
//! hydration each observation typed gets an id made here and goes into the queue of drafts
//! (`draft_queue`), which sends it; nothing typed is lost. Without JavaScript the form is a
//! plain post that comes back to the walk.

use leptos::prelude::*;
use shared::FieldError;
#[cfg(feature = "hydrate")]
use shared::walk::ObservationInput;
use shared::walk::{Draft, Drafts};
use shared::work_order::OrderKind;

pub use crate::components::draft_queue::ObserveState;
#[cfg(feature = "hydrate")]
use crate::components::draft_queue::stored;
use crate::components::draft_queue::{DraftList, change, flush};
use crate::components::fields::{FieldMessage, FormAlert, FormError, described_by, invalid};
use crate::components::labels::order_kind_label;
use crate::components::order_views::PositionPicker;
use crate::i18n::{T, t};

/// The observation form and, under it, the drafts not yet stored.
#[component]
pub fn ObserveForm(
    state: ObserveState,
    walk_id: String,
    /// The id the form posts without JavaScript.
    new_id: String,
    /// The area's places, as suggestions.
    places: Vec<String>,
    /// The walk takes observations (not closed): otherwise only the drafts still on the phone
    /// show, waiting for it to open again.
    open: bool,
    /// Called after drafts reached the server, so the page shows them.
    on_stored: Callback<()>,
) -> impl IntoView {
    let s = state;
    let error: FormError = s.error.into();
    // Everything the form's closures read lives as long as the page, not as this form: the form
    // is made anew when the walk closes or opens, while a draft may be on its way.
    let hydrated = s.hydrated;
    let walk = s.walk;
    walk.set_value(walk_id.clone());
    Effect::new(move |_| {
        hydrated.set(true);
        #[cfg(feature = "hydrate")]
        {
            let id = walk.get_value();
            s.drafts.set(stored(&id));
            flush(s, id.clone(), on_stored);
            let again = id.clone();
            let online = window_event_listener_untyped("online", move |_| {
                flush(s, again.clone(), on_stored)
            });
            let timer = set_interval_with_handle(
                move || flush(s, id.clone(), on_stored),
                std::time::Duration::from_secs(30),
            )
            .ok();
            on_cleanup(move || {
                online.remove();
                if let Some(t) = timer {
                    t.clear();
                }
            });
        }
    });
    let warned = move || {
        error.with(|e| {
            ["place", "note"].into_iter().any(|field| {
                matches!(
                    e.as_ref().and_then(|e| e.issue_for(field)),
                    Some(FieldError::LooksLikeName { .. })
                )
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let made = web_sys::window()
                .and_then(|w| w.crypto().ok())
                .map(|c| c.random_uuid());
            let form = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
            // A corrected draft goes again under its own id.
            let made = s.editing.get_untracked().or(made);
            let (Some(id), Some(form)) = (made, form) else {
                // No way to make an id here: the plain post still works.
                return;
            };
            ev.prevent_default();
            let data = web_sys::FormData::new_with_form(&form).ok();
            let field = |name: &str| {
                data.as_ref()
                    .and_then(|d| d.get(name).as_string())
                    .unwrap_or_default()
            };
            let input = ObservationInput {
                id,
                walk_id: walk.get_value(),
                place: s.place.get_untracked(),
                kind: s.kind.get_untracked(),
                note: s.note.get_untracked(),
                keep_name: s.keep_name.get_untracked(),
                lat: field("lat"),
                lon: field("lon"),
            };
            change(s, &walk.get_value(), |d| d.put(input));
            s.editing.set(None);
            // Ready for the next observation at once; the place stays, as the next one is
            // often close by.
            s.note.set(String::new());
            s.keep_name.set(false);
            s.error.set(None);
            s.status.set(Some(t(T::DraftSaving).to_owned()));
            flush(s, walk.get_value(), on_stored);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let correct = move |id: String| {
        let draft = s.drafts.with_untracked(|d| d.find(&id).cloned());
        if let Some(Draft { input, refused }) = draft {
            s.editing.set(Some(id));
            s.place.set(input.place);
            s.kind.set(input.kind);
            s.note.set(input.note);
            s.keep_name.set(input.keep_name);
            s.error.set(refused);
            s.status.set(None);
            #[cfg(feature = "hydrate")]
            if let Some(el) = document().get_element_by_id("note") {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    let discard = move |id: String| {
        if s.editing.get_untracked().as_deref() == Some(id.as_str()) {
            s.editing.set(None);
        }
        change(s, &walk.get_value(), |d| d.remove(&id));
    };
    view! {
        {if open {
            view! {
        <h2 id="observe">{t(T::NewObservation)}</h2>
        <FormAlert error />
        <form method="post" action="/api/walks/observe" class="incident-form" aria-labelledby="observe" on:submit=submit>
            <input type="hidden" name="id" value=new_id />
            <input type="hidden" name="walk_id" value=walk_id />
            <div class="field">
                <label for="place">{t(T::Place)}</label>
                <input id="place" name="place" type="text" list="walk-places" required autocomplete="off" maxlength="100"
                    prop:value=move || s.place.get() on:input:target=move |ev| s.place.set(ev.target().value())
                    aria-invalid=invalid(error, "place")
                    aria-describedby=move || described_by(error, "place")().unwrap_or_else(|| "place-hint".to_owned()) />
                <datalist id="walk-places">
                    {places.into_iter().map(|p| view! { <option value=p></option> }).collect_view()}
                </datalist>
                <p class="hint" id="place-hint">{t(T::WalkPlaceHint)}</p>
                <FieldMessage field="place" error />
            </div>
            <div class="field">
                <label for="kind">{t(T::WhatKind)}</label>
                <select id="kind" name="kind" required aria-invalid=invalid(error, "kind") aria-describedby=described_by(error, "kind")
                    prop:value=move || s.kind.get() on:change:target=move |ev| s.kind.set(ev.target().value())>
                    <option value="">{t(T::ChooseKind)}</option>
                    {OrderKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{order_kind_label(k)}</option> }).collect_view()}
                </select>
                <FieldMessage field="kind" error />
            </div>
            <div class="field">
                <label for="note">{t(T::ObservationNote)}</label>
                <textarea id="note" name="note" rows="3" maxlength="2000" required
                    prop:value=move || s.note.get() on:input:target=move |ev| s.note.set(ev.target().value())
                    aria-invalid=invalid(error, "note")
                    aria-describedby=move || described_by(error, "note")().unwrap_or_else(|| "note-hint".to_owned())></textarea>
                <p class="hint" id="note-hint">{t(T::ObservationNoteHint)}</p>
                <FieldMessage field="note" error />
            </div>
            {move || warned().then(|| view! {
                <label class="check keep-name">
                    <input type="checkbox" name="keep_name" value="on"
                        prop:checked=move || s.keep_name.get() on:change:target=move |ev| s.keep_name.set(ev.target().checked()) />
                    {t(T::KeepName)}
                </label>
            })}
            <PositionPicker />
            <button type="submit" class="primary big">{t(T::SaveObservation)}</button>
        </form>
            }.into_any()
        } else {
            view! { <p class="notice warn" id="observe">{t(T::WalkClosedForDrafts)}</p> }.into_any()
        }}
        <p role="status" class="hint">{move || s.status.get()}</p>
        {move || (hydrated.get() && !s.drafts.with(Drafts::is_empty)).then(|| view! {
            <DraftList drafts=s.drafts correct discard retry=move || flush(s, walk.get_value(), on_stored) />
        })}
    }
}
