//! A small GET form that picks an ISO week for a page (`?week=2026-W48`), with its message.

use leptos::prelude::*;

use crate::components::fields::{FieldMessage, FormError};
use crate::components::filter_form::FilterForm;
use crate::i18n::{T, t};

#[component]
pub fn WeekPicker(
    /// The page the form reloads, e.g. `/picture`.
    path: &'static str,
    value: String,
    error: FormError,
) -> impl IntoView {
    view! {
        <FilterForm action=path class="inline-filter">
            <label for="week">{t(T::Week)}</label>
            <input id="week" name="week" type="week" value=value />
            <button type="submit">{t(T::Show)}</button>
            <FieldMessage field="week" error />
        </FilterForm>
    }
}
