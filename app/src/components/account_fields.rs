//! The fields of an account form, shared by "new account" and each account's change form:
//! name, work e-mail, organisation and role. Ids are `{scope}name` …, so that one page can
//! hold a form per account.

use leptos::prelude::*;
use shared::account::AccountInput;
use shared::reference::OrganisationDto;
use shared::user::Role;

use crate::components::fields::{FormError, ScopedFieldMessage, scoped_described_by};
use crate::i18n::{T, role_name, t};

#[component]
pub fn AccountFields(
    scope: String,
    values: AccountInput,
    organisations: Vec<OrganisationDto>,
    error: FormError,
    /// Explain what each role may do (the new-account form).
    #[prop(optional)]
    role_help: bool,
) -> impl IntoView {
    let id = |field: &str| format!("{scope}{field}");
    let invalid = move |field: &'static str| {
        move || error.with(|e| e.as_ref().and_then(|e| e.issue_for(field)).map(|_| "true"))
    };
    let described = |field: &'static str, hint: Option<String>| {
        scoped_described_by(scope.clone(), error, field, hint)
    };
    let role_hint = role_help.then(|| id("role-hint"));
    let AccountInput {
        name,
        email,
        organisation_id,
        role,
    } = values;
    view! {
        <div class="field">
            <label for=id("name")>{t(T::PersonName)}</label>
            <input id=id("name") name="name" value=name required maxlength="100" autocomplete="off"
                aria-invalid=invalid("name") aria-describedby=described("name", None) />
            <ScopedFieldMessage scope=scope.clone() field="name" error />
        </div>
        <div class="field">
            <label for=id("email")>{t(T::WorkEmail)}</label>
            <input id=id("email") name="email" type="email" value=email required maxlength="254"
                autocomplete="off" inputmode="email"
                aria-invalid=invalid("email") aria-describedby=described("email", None) />
            <ScopedFieldMessage scope=scope.clone() field="email" error />
        </div>
        <div class="field">
            <label for=id("organisation_id")>{t(T::Organisation)}</label>
            <select id=id("organisation_id") name="organisation_id" required
                aria-invalid=invalid("organisation_id")
                aria-describedby=described("organisation_id", None)>
                <option value="">{t(T::ChooseOrganisation)}</option>
                // Retired organisations are kept only by the accounts already in them.
                {organisations.into_iter().filter(|o| !o.retired || o.id.to_string() == organisation_id).map(|o| {
                    let v = o.id.to_string();
                    view! { <option selected=v == organisation_id value=v>{o.name}</option> }
                }).collect_view()}
            </select>
            <ScopedFieldMessage scope=scope.clone() field="organisation_id" error />
        </div>
        <div class="field">
            <label for=id("role")>{t(T::Role)}</label>
            <select id=id("role") name="role" required
                aria-invalid=invalid("role") aria-describedby=described("role", role_hint.clone())>
                <option value="">{t(T::ChooseRole)}</option>
                {Role::ALL.into_iter().map(|r| view! {
                    <option selected=r.code() == role value=r.code()>{role_name(r).0}</option>
                }).collect_view()}
            </select>
            {role_hint.map(|hint| view! {
                <ul class="hint plain" id=hint>
                    {Role::ALL.into_iter().map(|r| view! { <li>{role_name(r).1}</li> }).collect_view()}
                </ul>
            })}
            <ScopedFieldMessage scope=scope.clone() field="role" error />
        </div>
    }
}
