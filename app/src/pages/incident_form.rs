//! The incident form, for logging and for editing. Checked in the browser by the same `shared`
//! rules the server applies; without JavaScript it is a plain POST that the server checks.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use shared::incident::IncidentInput;
use shared::reference::PlaceDto;
use shared::{AppError, FieldError};

use crate::api::incidents::SaveIncident;
use crate::api::reference::{FormContext, get_places};
use crate::components::fields::{FieldMessage, FormAlert, FormError, described_by, invalid};
use crate::i18n::{T, quoted, t};

/// "Now" in Stockholm as the browser sees it: the server's local time when the form was sent,
/// plus the time passed since. (The browser's own zone may not be Stockholm's.)
fn clock(server_now: &str) -> impl Fn() -> chrono::NaiveDateTime + Copy + use<> {
    let opened = chrono::Utc::now();
    let server_now = chrono::NaiveDateTime::parse_from_str(server_now, "%Y-%m-%dT%H:%M").ok();
    move || match server_now {
        Some(now) => now + (chrono::Utc::now() - opened),
        None => chrono::Local::now().naive_local(),
    }
}

fn input_from(args: &SaveIncident) -> IncidentInput {
    IncidentInput {
        occurred_at: args.occurred_at.clone(),
        area_id: args.area_id.clone(),
        place: args.place.clone(),
        category_id: args.category_id.clone(),
        description: args.description.clone(),
        youth_involved: args.youth_involved.is_some(),
        physical_environment: args.physical_environment.is_some(),
        keep_name: args.keep_name.is_some(),
    }
}

#[component]
pub fn IncidentForm(
    data: FormContext,
    /// The values to start from: defaults for a new incident, stored values for an edit.
    initial: IncidentInput,
    /// The incident being edited; `None` logs a new one.
    #[prop(optional)]
    id: Option<String>,
) -> impl IntoView {
    let action = ServerAction::<SaveIncident>::new();
    let client_error = RwSignal::new(None::<AppError>);
    let error: FormError = Signal::derive(move || {
        client_error
            .get()
            .or_else(|| action.value().get().and_then(Result::err))
    });
    let area = RwSignal::new(initial.area_id.clone());
    // Retired areas and categories are not offered, unless this incident already has one.
    let reference = StoredValue::new(
        data.reference
            .for_forms(&[initial.area_id.as_str(), initial.category_id.as_str()]),
    );
    let now = clock(&data.now_local);

    // A name warning can be overridden: the box appears with the warning (and stays ticked for
    // a text that was kept before).
    let initial_keep = initial.keep_name;
    let warned = move || {
        error.with(|e| {
            e.as_ref().is_some_and(|e| {
                ["place", "description"]
                    .into_iter()
                    .any(|f| matches!(e.issue_for(f), Some(FieldError::LooksLikeName { .. })))
            })
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match SaveIncident::from_event(&ev) {
            Ok(args) => match input_from(&args).validate(now()) {
                Ok(_) => {
                    client_error.set(None);
                    action.dispatch(args);
                }
                Err(err) => client_error.set(Some(err)),
            },
            Err(_) => client_error.set(Some(AppError::BadRequest)),
        }
    };

    // The chosen area's places as suggestions, fetched in the browser when the area changes (a
    // large municipality has thousands; the page carries none, and without JavaScript the
    // field is plain text). An answer for an area no longer chosen is dropped.
    let places = RwSignal::new(Vec::<PlaceDto>::new());
    Effect::new(move |_| {
        let chosen = area.get();
        leptos::task::spawn_local(async move {
            let list = if chosen.is_empty() {
                Vec::new()
            } else {
                get_places(chosen.clone()).await.unwrap_or_default()
            };
            if area.get_untracked() == chosen {
                places.set(list);
            }
        });
    });
    // A name close to an existing place ("rimbo  station", "Rimbo bus station") is probably
    // that place: the form asks before it becomes a place of its own.
    let typed = RwSignal::new(initial.place.clone());
    let suggested = Memo::new(move |_| {
        places.with(|list| {
            shared::place_match::suggestion(&typed.get(), list.iter().map(|p| p.name.as_str()))
                .map(str::to_owned)
        })
    });
    let place_options = move || {
        places
            .get()
            .into_iter()
            .map(|p| view! { <option value=p.name></option> })
            .collect_view()
    };

    view! {
        <FormAlert error />
        <form action=SaveIncident::url() method="post" on:submit=on_submit class="incident-form" novalidate>
            <input type="hidden" name="id" value=id.unwrap_or_default() />
            <div class="field">
                <label for="occurred_at">{t(T::When)}</label>
                <input id="occurred_at" name="occurred_at" type="datetime-local" required
                    value=initial.occurred_at.clone()
                    aria-invalid=invalid(error, "occurred_at") aria-describedby=described_by(error, "occurred_at") />
                <FieldMessage field="occurred_at" error />
            </div>
            <div class="field">
                <label for="area_id">{t(T::Area)}</label>
                <select id="area_id" name="area_id" required
                    on:change=move |ev| area.set(event_target_value(&ev))
                    aria-invalid=invalid(error, "area_id") aria-describedby=described_by(error, "area_id")>
                    <option value="">{t(T::ChooseArea)}</option>
                    {reference.with_value(|r| r.areas.iter().map(|a| {
                        let value = a.id.to_string();
                        let selected = value == initial.area_id;
                        view! { <option value=value selected=selected>{a.name.clone()}</option> }
                    }).collect_view())}
                </select>
                <FieldMessage field="area_id" error />
            </div>
            <div class="field">
                <label for="place">{t(T::Place)}</label>
                <input id="place" name="place" type="text" list="place-options" required autocomplete="off"
                    maxlength="100" value=initial.place.clone() prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    aria-invalid=invalid(error, "place") aria-describedby=move || {
                        described_by(error, "place")().unwrap_or_else(|| "place-hint".to_owned())
                    } />
                <p class="hint" id="place-hint">{t(T::PlaceHint)}</p>
                <div aria-live="polite">
                    {move || suggested.get().map(|name| {
                        let chosen = name.clone();
                        view! {
                            <p class="suggestion">
                                {format!("{} {}? ", t(T::DidYouMean), quoted(&name))}
                                <button type="button" class="link-button" on:click=move |_| typed.set(chosen.clone())>
                                    {format!("{} {}", t(T::UseThisPlace), quoted(&name))}
                                </button>
                            </p>
                        }
                    })}
                </div>
                <datalist id="place-options">{place_options}</datalist>
                <FieldMessage field="place" error />
            </div>
            <div class="field">
                <label for="category_id">{t(T::Category)}</label>
                <select id="category_id" name="category_id" required
                    aria-invalid=invalid(error, "category_id") aria-describedby=described_by(error, "category_id")>
                    <option value="">{t(T::ChooseCategory)}</option>
                    {reference.with_value(|r| r.categories.iter().map(|c| {
                        let value = c.id.to_string();
                        let selected = value == initial.category_id;
                        view! { <option value=value selected=selected>{c.name.clone()}</option> }
                    }).collect_view())}
                </select>
                <FieldMessage field="category_id" error />
            </div>
            <div class="field">
                <label for="description">{t(T::Description)}</label>
                <textarea id="description" name="description" rows="4" required maxlength="2000"
                    aria-invalid=invalid(error, "description")
                    aria-describedby=move || {
                        described_by(error, "description")().unwrap_or_else(|| "description-hint".to_owned())
                    }>{initial.description.clone()}</textarea>
                <p class="hint" id="description-hint">{t(T::DescriptionHint)}</p>
                <FieldMessage field="description" error />
            </div>
            <fieldset class="flags">
                <legend>{t(T::Flags)}</legend>
                <label class="check">
                    <input type="checkbox" name="youth_involved" value="on" checked=initial.youth_involved />
                    {t(T::YouthInvolved)}
                </label>
                <label class="check">
                    <input type="checkbox" name="physical_environment" value="on" checked=initial.physical_environment />
                    {t(T::PhysicalEnvironment)}
                </label>
            </fieldset>
            {move || (initial_keep || warned()).then(|| view! {
                <label class="check keep-name">
                    <input type="checkbox" name="keep_name" value="on" checked=initial_keep />
                    {t(T::KeepName)}
                </label>
            })}
            <button type="submit" class="primary big" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t(T::Saving) } else { t(T::SaveIncident) }}
            </button>
        </form>
    }
}
