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
    /// Why the draft now in the form was refused.
    error: RwSignal<Option<AppError>>,
    /// What the last attempt came to: saved, or waiting (and why).
    status: RwSignal<Option<String>>,
    sending: RwSignal<bool>,
}

impl ObserveState {
    pub fn new() -> Self {
        Self {
            place: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            keep_name: RwSignal::new(false),
            drafts: RwSignal::new(Drafts::default()),
            error: RwSignal::new(None),
            status: RwSignal::new(None),
            sending: RwSignal::new(false),
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

/// A connection that failed, a session that ended or a server that stumbled: worth trying
/// again later. Anything else is the server saying no to this observation.
fn try_again_later(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Network | AppError::Unauthorized | AppError::Internal
    )
}

/// Sends the waiting drafts, oldest first, until one cannot reach the server.
fn flush(s: ObserveState, walk_id: String, on_stored: Callback<()>) {
    if s.sending.get_untracked() {
        return;
    }
    let waiting = s.drafts.with_untracked(Drafts::waiting);
    if waiting.is_empty() {
        return;
    }
    s.sending.set(true);
    leptos::task::spawn_local(async move {
        let mut stored_any = false;
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
                    s.drafts.update(|d| d.remove(&id));
                    stored_any = true;
                }
                Err(e) if try_again_later(&e) => {
                    let why = match e {
                        AppError::Unauthorized => T::DraftsSignedOut,
                        AppError::Internal => T::DraftsServerTrouble,
                        _ => T::DraftsOffline,
                    };
                    s.status.set(Some(t(why).to_owned()));
                    persist(&walk_id, &s.drafts.get_untracked());
                    s.sending.set(false);
                    if stored_any {
                        on_stored.run(());
                    }
                    return;
                }
                Err(e) => s.drafts.update(|d| d.refuse(&id, e)),
            }
            persist(&walk_id, &s.drafts.get_untracked());
        }
        s.sending.set(false);
        if stored_any {
            s.status.set(Some(t(T::ObservationSaved).to_owned()));
            on_stored.run(());
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
    /// Called after drafts reached the server, so the page shows them.
    on_stored: Callback<()>,
) -> impl IntoView {
    let s = state;
    let error: FormError = s.error.into();
    let hydrated = RwSignal::new(false);
    let walk = StoredValue::new(walk_id.clone());
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
            matches!(
                e.as_ref().and_then(|e| e.issue_for("note")),
                Some(FieldError::LooksLikeName { .. })
            )
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
            s.drafts.update(|d| d.put(input));
            persist(&walk.get_value(), &s.drafts.get_untracked());
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
        if let Some(Draft { input, refused }) = s.drafts.try_update(|d| d.take(&id)).flatten() {
            persist(&walk.get_value(), &s.drafts.get_untracked());
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
        s.drafts.update(|d| d.remove(&id));
        persist(&walk.get_value(), &s.drafts.get_untracked());
    };
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
            <p role="status" class="hint">{move || s.status.get()}</p>
        </form>
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
