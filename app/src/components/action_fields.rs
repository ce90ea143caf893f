//! The fields of an action form, shared by the action page's "new action", the meeting's new
//! actions and their corrections: title, owner organisation and person, due date, area, place.

use leptos::prelude::*;
use shared::action::ActionSummary;
use shared::reference::{AreaDto, OrganisationDto};

use crate::components::fields::{FieldMessage, FormError, described_by, invalid};
use crate::i18n::{T, t};

/// What an action form starts with: nothing for a new action, the action for a correction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActionValues {
    pub title: String,
    pub owner_organisation_id: String,
    pub owner_person: String,
    pub due: String,
    pub area_id: String,
    pub place: String,
}

impl From<&ActionSummary> for ActionValues {
    fn from(a: &ActionSummary) -> Self {
        Self {
            title: a.title.clone(),
            owner_organisation_id: a.owner_organisation_id.clone(),
            owner_person: a.owner_person.clone().unwrap_or_default(),
            due: a.due.clone(),
            area_id: a.area_id.clone().unwrap_or_default(),
            place: a.place.clone().unwrap_or_default(),
        }
    }
}

/// The six fields, with ids `{prefix}title` … so that several forms can share a page.
#[component]
pub fn ActionFields(
    prefix: String,
    values: ActionValues,
    organisations: Vec<OrganisationDto>,
    areas: Vec<AreaDto>,
    error: FormError,
) -> impl IntoView {
    let id = |field: &str| format!("{prefix}{field}");
    let (person_hint, place_hint) = (id("owner-person-hint"), id("place-hint"));
    let ActionValues {
        title,
        owner_organisation_id: owner,
        owner_person,
        due,
        area_id: area,
        place,
    } = values;
    view! {
        <div class="field">
            <label for=id("title")>{t(T::Title)}</label>
            <input id=id("title") name="title" value=title required maxlength="100"
                aria-invalid=invalid(error, "title") aria-describedby=described_by(error, "title") />
            <FieldMessage field="title" error />
        </div>
        <div class="field">
            <label for=id("owner_organisation_id")>{t(T::Owner)}</label>
            <select id=id("owner_organisation_id") name="owner_organisation_id" required
                aria-invalid=invalid(error, "owner_organisation_id")
                aria-describedby=described_by(error, "owner_organisation_id")>
                <option value="">{t(T::ChooseOrganisation)}</option>
                // Retired organisations are kept only by the actions already theirs.
                {organisations.into_iter().filter(|o| !o.retired || o.id.to_string() == owner).map(|o| {
                    let v = o.id.to_string();
                    view! { <option selected=v == owner value=v>{o.name}</option> }
                }).collect_view()}
            </select>
            <FieldMessage field="owner_organisation_id" error />
        </div>
        <div class="field">
            <label for=id("owner_person")>{t(T::OwnerPerson)}</label>
            <input id=id("owner_person") name="owner_person" value=owner_person maxlength="100"
                autocomplete="off" aria-describedby=person_hint.clone() />
            <p class="hint" id=person_hint>{t(T::OwnerPersonHint)}</p>
            <FieldMessage field="owner_person" error />
        </div>
        <div class="field">
            <label for=id("due")>{t(T::DueDate)}</label>
            <input id=id("due") name="due" type="date" value=due required
                aria-invalid=invalid(error, "due") aria-describedby=described_by(error, "due") />
            <FieldMessage field="due" error />
        </div>
        <div class="field">
            <label for=id("area_id")>{t(T::Area)}</label>
            <select id=id("area_id") name="area_id">
                <option value="">{t(T::NoArea)}</option>
                {areas.into_iter().filter(|a| !a.retired || a.id.to_string() == area).map(|a| {
                    let v = a.id.to_string();
                    view! { <option selected=v == area value=v>{a.name}</option> }
                }).collect_view()}
            </select>
            <FieldMessage field="area_id" error />
        </div>
        <div class="field">
            <label for=id("place")>{t(T::Place)}</label>
            <input id=id("place") name="place" value=place maxlength="100" autocomplete="off"
                aria-describedby=place_hint.clone() aria-invalid=invalid(error, "place") />
            <p class="hint" id=place_hint>{t(T::ActionPlaceHint)}</p>
            <FieldMessage field="place" error />
        </div>
    }
}
