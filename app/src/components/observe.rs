//! Recording a walk's observations on a phone, on whatever connection there is. After
//! hydration each observation typed goes first into a queue of drafts kept in the browser's
//! storage (with an id made here), then to the server; one the connection lost stays queued and
//! is sent again when the browser is back online, every half minute, or on the next visit. One
//! the server refused stays beside its reason until it is corrected or thrown away: nothing
//! typed is lost. Without JavaScript the form is a plain post that comes back to the walk.

use leptos::prelude::*;
use shared::AppError;
use shared::FieldError;
#[cfg(feature = "hydrate")]
use shared::walk::ObservationInput;
use shared::walk::{Draft, Drafts};
use shared::work_order::OrderKind;

use crate::api::walks::observe;
use crate::components::fields::{
    FieldMessage, FormAlert, FormError, described_by, error_summary, invalid,
};
use crate::components::labels::order_kind_label;
use crate::components::order_views::PositionPicker;
use crate::i18n::{T, t};

/// The form's fields and the queue, owned by the walk's page so a reload of the walk keeps
/// them.
#[derive(Clone, Copy)]
pub struct ObserveState {
    place: RwSignal<String>,
    kind: RwSignal<String>,
    note: RwSignal<String>,
    keep_name: RwSignal<bool>,
    drafts: RwSignal<Drafts>,
    /// The refused draft being corrected in the form: it keeps its id (and its place in the
    /// stored queue) until it is sent again.
    editing: RwSignal<Option<String>>,
    /// Why the draft now in the form was refused.
    error: RwSignal<Option<AppError>>,
    /// What the last attempt came to: saved, or waiting (and why).
    status: RwSignal<Option<String>>,
    sending: RwSignal<bool>,
    /// The page has hydrated: the queue can be read and sent.
    hydrated: RwSignal<bool>,
    /// The walk the form records on.
    walk: StoredValue<String>,
}

impl ObserveState {
    pub fn new() -> Self {
        Self {
            place: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            keep_name: RwSignal::new(false),
            drafts: RwSignal::new(Drafts::default()),
            editing: RwSignal::new(None),
            error: RwSignal::new(None),
            status: RwSignal::new(None),
            sending: RwSignal::new(false),
            hydrated: RwSignal::new(false),
            walk: StoredValue::new(String::new()),
        }
    }
}

impl Default for ObserveState {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps the queue in the browser's storage (in memory only where storage is off).
fn persist(walk_id: &str, drafts: &Drafts) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let key = Drafts::key(walk_id);
        let _ = if drafts.is_empty() {
            s.remove_item(&key)
        } else {
            s.set_item(&key, &drafts.to_json())
        };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (walk_id, drafts);
}

#[cfg(feature = "hydrate")]
fn stored(walk_id: &str) -> Drafts {
    let text = storage().and_then(|s| s.get_item(&Drafts::key(walk_id)).ok().flatten());
    Drafts::from_json(text.as_deref())
}

/// Changes the queue on the page and in the browser's storage. Once the page is gone (its
/// user moved on while a draft was on its way), the stored queue alone is changed.
fn change(s: ObserveState, walk_id: &str, edit: impl FnOnce(&mut Drafts)) {
    let mut edit = Some(edit);
    let on_page = s.drafts.try_update(|d| {
        if let Some(edit) = edit.take() {
            edit(d);
        }
    });
    if let (Some(()), Some(drafts)) = (on_page, s.drafts.try_get_untracked()) {
        persist(walk_id, &drafts);
    } else {
        #[cfg(feature = "hydrate")]
        {
            let mut drafts = stored(walk_id);
            if let Some(edit) = edit.take() {
                edit(&mut drafts);
            }
            persist(walk_id, &drafts);
        }
    }
}

/// Why a draft waits, when the server did not take it and it is worth trying again later: no
/// connection (or an answer from something that is not the app), a session that ended, a
/// server that stumbled, a walk closed for now. `None` when the server said no to the draft
/// itself (it waits to be corrected).
fn waits_because(e: &AppError) -> Option<T> {
    match e {
        AppError::Validation(_) | AppError::Forbidden | AppError::NotFound => None,
        AppError::Unauthorized => Some(T::DraftsSignedOut),
        AppError::Internal => Some(T::DraftsServerTrouble),
        AppError::Conflict | AppError::Locked => Some(T::DraftsWalkClosed),
        _ => Some(T::DraftsOffline),
    }
}

/// Sends the waiting drafts, oldest first, until none waits (those typed meanwhile go too) or
/// one cannot reach the server.
fn flush(s: ObserveState, walk_id: String, on_stored: Callback<()>) {
    if s.sending.try_get_untracked() != Some(false) {
        return;
    }
    s.sending.set(true);
    leptos::task::spawn_local(async move {
        let mut stored_any = false;
        let mut wait = None;
        'sending: loop {
            let waiting = s
                .drafts
                .try_with_untracked(Drafts::waiting)
                .unwrap_or_default();
            if waiting.is_empty() {
                break;
            }
            for input in waiting {
                let id = input.id.clone();
                let keep = input.keep_name.then(|| "on".to_owned());
                let answer = observe(
                    input.id,
                    input.walk_id,
                    input.place,
                    input.kind,
                    input.note,
                    keep,
                    input.lat,
                    input.lon,
                )
                .await;
                match answer {
                    Ok(_) => {
                        change(s, &walk_id, |d| d.remove(&id));
                        stored_any = true;
                    }
                    Err(e) => match waits_because(&e) {
                        Some(why) => {
                            wait = Some(why);
                            break 'sending;
                        }
                        None => change(s, &walk_id, |d| d.refuse(&id, e)),
                    },
                }
            }
        }
        s.sending.try_set(false);
        let said = match wait {
            Some(why) => Some(t(why)),
            None => stored_any.then(|| t(T::ObservationSaved)),
        };
        if let Some(said) = said {
            s.status.try_set(Some(said.to_owned()));
        }
        if stored_any {
            on_stored.try_run(());
        }
    });
}

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

/// The drafts not yet stored: waiting for a connection, or refused with why.
#[component]
fn DraftList(
    drafts: RwSignal<Drafts>,
    correct: impl Fn(String) + Copy + Send + Sync + 'static,
    discard: impl Fn(String) + Copy + Send + Sync + 'static,
    retry: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <section class="drafts" aria-labelledby="drafts">
            <h3 id="drafts">{t(T::NotYetSaved)}</h3>
            <ul class="plain">
                {move || drafts.get().0.into_iter().map(|d| {
                    let id = StoredValue::new(d.input.id.clone());
                    let what = format!("{} – {}", d.input.place, d.input.note);
                    let why = match &d.refused {
                        Some(e) => format!("{} {}", t(T::DraftRefused), t(error_summary(e))),
                        None => t(T::DraftWaiting).to_owned(),
                    };
                    let refused = d.refused.is_some();
                    view! {
                        <li class="draft" class:refused=refused>
                            <p>{what}</p>
                            <p class="muted">{why}</p>
                            {refused.then(|| view! {
                                <button type="button" on:click=move |_| correct(id.get_value())>{t(T::CorrectDraft)}</button>
                            })}
                            <button type="button" class="link-button" on:click=move |_| discard(id.get_value())>{t(T::DiscardDraft)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" on:click=move |_| retry()>{t(T::TryAgainNow)}</button>
        </section>
    }
}
