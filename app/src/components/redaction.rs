//! Under an incident: the coordinator's form to remove personal data (a passage, the whole
//! description, the place's name) with the open requests for it, or the reporter's request
//! that the coordinators do so. `changed` is bumped after a removal, so the page reloads the
//! incident and its history.

use leptos::prelude::*;
use shared::redaction::RedactionRequest;

use crate::api::redaction::{DeclineRedaction, RedactIncident, RequestRedaction};
use crate::components::fields::{FieldMessage, FormAlert, FormError, described_by, invalid};
use crate::components::saving::saved;
use crate::i18n::{T, t};

#[component]
pub fn RedactionForm(
    id: String,
    place: String,
    requests: Vec<RedactionRequest>,
    changed: RwSignal<u32>,
    /// Set once data was removed (the page says so at its top).
    removed: RwSignal<bool>,
) -> impl IntoView {
    let redact = ServerAction::<RedactIncident>::new();
    let error: FormError = Signal::derive(move || redact.value().get().and_then(Result::err));
    saved(redact, move || {
        removed.set(true);
        changed.update(|n| *n += 1);
    });
    let open = !requests.is_empty();
    // Said where the coordinator is, and where the keyboard lands after the page reloads.
    let status = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(p) = status.get() {
            let _ = p.focus();
        }
    });
    view! {
        <section class="redaction" aria-labelledby="redact-heading">
            {move || removed.get().then(|| view! {
                <p class="notice" role="status" tabindex="-1" node_ref=status>{t(T::RemovedHere)}</p>
            })}
            <details class="confirm" open=open>
                <summary id="redact-heading">{t(T::RemoveData)}</summary>
                <p class="hint">{t(T::RemoveDataHint)}</p>
                {open.then(|| view! { <Requests requests changed /> })}
                <FormAlert error />
                <ActionForm action=redact attr:class="incident-form">
                    <input type="hidden" name="id" value=id />
                    <fieldset class="flags">
                        <legend>{t(T::RemoveWhat)}</legend>
                        <label class="check"><input type="radio" name="description" value="part" checked />{t(T::RemovePart)}</label>
                        <label class="check"><input type="radio" name="description" value="whole" />{t(T::RemoveWhole)}</label>
                        <label class="check"><input type="radio" name="description" value="" />{t(T::RemoveNothing)}</label>
                    </fieldset>
                    <FieldMessage field="description" error />
                    <div class="field">
                        <label for="passage">{t(T::Passage)}</label>
                        <textarea id="passage" name="passage" rows="2" maxlength="2000" autocomplete="off"
                            aria-invalid=invalid(error, "passage")
                            aria-describedby=move || {
                                let message = described_by(error, "passage")();
                                Some(message.map_or("passage-hint".to_owned(), |m| format!("passage-hint {m}")))
                            }></textarea>
                        <p class="hint" id="passage-hint">{t(T::PassageHint)}</p>
                        <FieldMessage field="passage" error />
                    </div>
                    <label class="check">
                        <input type="checkbox" name="place" value="on" />
                        {format!("{} {place}", t(T::RemovePlaceToo))}
                    </label>
                    <div class="field">
                        <label for="reason">{t(T::Reason)}</label>
                        <input id="reason" name="reason" required maxlength="300" autocomplete="off"
                            aria-invalid=invalid(error, "reason")
                            aria-describedby=move || {
                                let message = described_by(error, "reason")();
                                Some(message.map_or("reason-hint".to_owned(), |m| format!("reason-hint {m}")))
                            } />
                        <p class="hint" id="reason-hint">{t(T::ReasonHint)}</p>
                        <FieldMessage field="reason" error />
                    </div>
                    <button type="submit" class="danger" disabled=move || redact.pending().get()>{t(T::RemoveForGood)}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// The open requests for one incident, each with who asked, when and why, and "decline".
#[component]
fn Requests(requests: Vec<RedactionRequest>, changed: RwSignal<u32>) -> impl IntoView {
    let decline = ServerAction::<DeclineRedaction>::new();
    let error: FormError = Signal::derive(move || decline.value().get().and_then(Result::err));
    saved(decline, move || changed.update(|n| *n += 1));
    view! {
        <h3>{t(T::OpenRequests)}</h3>
        <FormAlert error />
        <ul class="plain">
            {requests.into_iter().map(|r| view! {
                <li>
                    <p>{format!("{} {}, {}: ", t(T::RequestedBy), r.organisation, r.at)}<q>{r.reason.clone()}</q></p>
                    <ActionForm action=decline attr:class="inline">
                        <input type="hidden" name="id" value=r.id.clone() />
                        <button type="submit" class="link-button">{t(T::DeclineRequest)}</button>
                    </ActionForm>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A reporter's request that the coordinators remove personal data.
#[component]
pub fn RedactionRequestForm(id: String) -> impl IntoView {
    let request = ServerAction::<RequestRedaction>::new();
    let error: FormError = Signal::derive(move || request.value().get().and_then(Result::err));
    let sent = move || matches!(request.value().get(), Some(Ok(())));
    let form = NodeRef::<leptos::html::Form>::new();
    saved(request, move || {
        if let Some(form) = form.get_untracked() {
            form.reset();
        }
    });
    view! {
        <section class="redaction" aria-labelledby="request-heading">
            <details class="confirm">
                <summary id="request-heading">{t(T::RequestRemoval)}</summary>
                <p class="hint">{t(T::RequestRemovalHint)}</p>
                {move || sent().then(|| view! { <p class="notice" role="status">{t(T::RequestSent)}</p> })}
                <FormAlert error />
                // Sent once: the form goes, so the same request is not sent twice.
                <ActionForm action=request node_ref=form attr:class="incident-form" attr:hidden=sent>
                    <input type="hidden" name="id" value=id />
                    <div class="field">
                        <label for="request-reason">{t(T::Reason)}</label>
                        <input id="request-reason" name="reason" required maxlength="300" autocomplete="off"
                            aria-invalid=invalid(error, "reason") aria-describedby=described_by(error, "reason") />
                        <FieldMessage field="reason" error />
                    </div>
                    <button type="submit">{t(T::SendRequest)}</button>
                </ActionForm>
            </details>
        </section>
    }
}
