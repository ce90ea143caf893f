//! The phone's queue of a walk's observations not yet stored (`shared::walk::Drafts`): kept in
//! the browser's storage from the moment one is typed until the server has it, sent oldest
//! first, again when the browser is back online, every half minute, on "Försök igen nu" or on
//! the next visit; one the server refused stays beside its reason until it is corrected or
//! thrown away. The state lives as long as the walk's page, so a form made anew (the walk
//! closed or opened) or a page left while a draft is on its way loses nothing.

use leptos::prelude::*;
use shared::AppError;
use shared::walk::Drafts;

use crate::api::walks::observe;
use crate::components::fields::error_summary;
use crate::i18n::{T, t};

/// The form's fields and the queue, owned by the walk's page so a reload of the walk keeps
/// them.
#[derive(Clone, Copy)]
pub struct ObserveState {
    pub(crate) place: RwSignal<String>,
    pub(crate) kind: RwSignal<String>,
    pub(crate) note: RwSignal<String>,
    pub(crate) keep_name: RwSignal<bool>,
    pub(crate) drafts: RwSignal<Drafts>,
    /// The refused draft being corrected in the form: it keeps its id (and its place in the
    /// stored queue) until it is sent again.
    pub(crate) editing: RwSignal<Option<String>>,
    /// Why the draft now in the form was refused.
    pub(crate) error: RwSignal<Option<AppError>>,
    /// What the last attempt came to: saved, or waiting (and why).
    pub(crate) status: RwSignal<Option<String>>,
    pub(crate) sending: RwSignal<bool>,
    /// "Försök igen nu" was pressed while drafts were on their way: when that attempt comes
    /// back without reaching the server, it is tried once more at once.
    pub(crate) asked_again: RwSignal<bool>,
    /// The page has hydrated: the queue can be read and sent.
    pub(crate) hydrated: RwSignal<bool>,
    /// The walk the form records on.
    pub(crate) walk: StoredValue<String>,
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
            asked_again: RwSignal::new(false),
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
pub(crate) fn persist(walk_id: &str, drafts: &Drafts) {
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
pub(crate) fn stored(walk_id: &str) -> Drafts {
    let text = storage().and_then(|s| s.get_item(&Drafts::key(walk_id)).ok().flatten());
    Drafts::from_json(text.as_deref())
}

/// Changes the queue on the page and in the browser's storage. Once the page is gone (its
/// user moved on while a draft was on its way), the stored queue alone is changed.
pub(crate) fn change(s: ObserveState, walk_id: &str, edit: impl FnOnce(&mut Drafts)) {
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
pub(crate) fn flush(s: ObserveState, walk_id: String, on_stored: Callback<()>) {
    if s.sending.try_get_untracked() != Some(false) {
        s.asked_again.try_set(true);
        return;
    }
    s.sending.set(true);
    leptos::task::spawn_local(async move {
        let mut stored_any = false;
        let mut wait = None;
        s.asked_again.try_set(false);
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
                        // Asked to try again while this send was out: once more, now.
                        Some(_) if s.asked_again.try_get_untracked() == Some(true) => {
                            s.asked_again.try_set(false);
                            continue 'sending;
                        }
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

/// The drafts not yet stored: waiting for a connection, or refused with why.
#[component]
pub(crate) fn DraftList(
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
