//! `/directory`: the contact directory, searchable by words, area and function, with
//! tap-to-call links. Coordinators add, change and deactivate entries; a person changes their
//! own phone, e-mail, unit and deputy.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::contact::{ContactEntry, ContactFunction};
use shared::reference::{AreaDto, OrganisationDto};

use crate::api::contacts::{DeactivateContact, ReactivateContact, SaveContact, search_contacts};
use crate::api::reference::get_reference_data;
use crate::components::contacts::ContactCard;
use crate::components::fields::{FieldMessage, FormAlert, FormError, PageError};
use crate::components::filter_form::FilterForm;
use crate::i18n::{T, contact_function_name, count_of, t, use_lang};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let query = use_query_map();
    let changed = RwSignal::new(0u32);
    let args = move || {
        query.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            (get("q"), get("area"), get("function"))
        })
    };
    let data = Resource::new(
        move || (args(), changed.get()),
        |((q, area, function), _)| search_contacts(q, area, function),
    );
    let reference = Resource::new(|| (), |_| get_reference_data());
    let lang = use_lang();
    view! {
        <Title text=t(T::Directory) />
        <h1>{t(T::Directory)}</h1>
        <p>{t(T::DirectoryIntro)}</p>
        // A transition: after a change the directory is redrawn where it stands.
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (q, area, function) = args();
                let (directory, reference) = match (data.await, reference.await) {
                    (Ok(d), Ok(r)) => (d, r.reference),
                    (Err(e), _) | (_, Err(e)) => return view! { <PageError error=e /> }.into_any(),
                };
                let people = directory.people.clone();
                let area_options = reference.areas.clone();
                let count = directory.entries.len();
                view! {
                    <FilterForm action="/directory" class="filters" role="search">
                        <div class="field">
                            <label for="q">{t(T::SearchWords)}</label>
                            <input id="q" name="q" type="search" value=q maxlength="200" />
                        </div>
                        <div class="field">
                            <label for="area">{t(T::Area)}</label>
                            <select id="area" name="area">
                                <option value="">{t(T::AnyArea)}</option>
                                {area_options.iter().map(|a| {
                                    let id = a.id.to_string();
                                    view! { <option selected=id == area value=id.clone()>{a.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="function">{t(T::Function)}</label>
                            <select id="function" name="function">
                                <option value="">{t(T::AnyFunction)}</option>
                                {ContactFunction::ALL.into_iter().map(|f| view! {
                                    <option selected=f.code() == function value=f.code()>{contact_function_name(f, lang)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="primary">{t(T::Search)}</button>
                    </FilterForm>
                    <p role="status" class="muted">
                        {count_of(count as u64, T::MatchOne, T::Matches)}
                        {(changed.get_untracked() > 0).then(|| format!(" · {}", t(T::ContactSaved)))}
                    </p>
                    {if directory.entries.is_empty() {
                        view! { <p>{t(T::NoContacts)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="contacts">
                                {directory.entries.into_iter().map(|entry| {
                                    let edit = entry.can_edit.then(|| {
                                        let (entry, people) = (entry.clone(), people.clone());
                                        let (orgs, areas) = (reference.organisations.clone(), reference.areas.clone());
                                        let full = directory.can_manage;
                                        view! { <EditContact entry full people orgs areas changed /> }
                                    });
                                    view! { <ContactCard entry>{edit}</ContactCard> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {(!directory.left.is_empty()).then(|| view! { <PeopleWhoLeft left=directory.left.clone() changed /> })}
                    {directory.can_manage.then(|| view! {
                        <section class="admin-section" aria-labelledby="new-contact-heading">
                            <h2 id="new-contact-heading">{t(T::NewContact)}</h2>
                            <ContactForm entry=None full=true people orgs=reference.organisations areas=reference.areas changed />
                        </section>
                    })}
                }.into_any()
            })}
        </Transition>
    }
}

/// The "change" disclosure under an entry, with "has left" for coordinators.
#[component]
fn EditContact(
    entry: ContactEntry,
    full: bool,
    people: Vec<(String, String)>,
    orgs: Vec<OrganisationDto>,
    areas: Vec<AreaDto>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let deactivate = ServerAction::<DeactivateContact>::new();
    Effect::new(move |_| {
        if deactivate.value().get().is_some_and(|r| r.is_ok()) {
            changed.update(|n| *n += 1);
        }
    });
    let id = entry.id.clone();
    let removable = full && !entry.stands_in;
    view! {
        <details class="edit">
            <summary>{format!("{} {}", t(T::EditContact), entry.person.name)}</summary>
            {(!entry.stands_in).then(|| view! { <ContactForm entry=Some(entry.clone()) full people orgs areas changed /> })}
            {removable.then(|| view! {
                <ActionForm action=deactivate>
                    <input type="hidden" name="id" value=id.clone() />
                    <FormAlert error=Signal::derive(move || deactivate.value().get().and_then(Result::err)) />
                    <button type="submit" class="danger">{t(T::Deactivate)}</button>
                </ActionForm>
            })}
        </details>
    }
}

/// The entry form: every field for coordinators (`full`), only phone, e-mail, unit and
/// deputy for the person themselves.
#[component]
fn ContactForm(
    entry: Option<ContactEntry>,
    full: bool,
    people: Vec<(String, String)>,
    orgs: Vec<OrganisationDto>,
    areas: Vec<AreaDto>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let save = ServerAction::<SaveContact>::new();
    Effect::new(move |_| {
        if save.value().get().is_some_and(|r| r.is_ok()) {
            changed.update(|n| *n += 1);
        }
    });
    let error: FormError = Signal::derive(move || save.value().get().and_then(Result::err));
    let lang = use_lang();
    let prefix = entry
        .as_ref()
        .map_or_else(|| "new".to_owned(), |e| e.id.clone());
    let field_id = move |name: &str| format!("{name}-{prefix}");
    let e = entry.clone();
    let value =
        move |f: fn(&ContactEntry) -> Option<String>| e.as_ref().and_then(f).unwrap_or_default();
    let own_id = entry.as_ref().map(|e| e.id.clone()).unwrap_or_default();
    let deputy = value(|e| e.deputy_id.clone());
    view! {
        <ActionForm action=save attr:class="incident-form">
            <FormAlert error />
            <input type="hidden" name="id" value=own_id.clone() />
            {full.then(|| view! {
                <div class="field">
                    <label for=field_id("name")>{t(T::PlainName)}</label>
                    <input id=field_id("name") name="name" required maxlength="100" autocomplete="off"
                        value=value(|e| Some(e.person.name.clone())) />
                    <FieldMessage field="name" error />
                </div>
                <div class="field">
                    <label for=field_id("function")>{t(T::Function)}</label>
                    <select id=field_id("function") name="function" required>
                        {ContactFunction::ALL.into_iter().map(|f| {
                            let selected = entry.as_ref().is_some_and(|e| e.function == f);
                            view! { <option value=f.code() selected=selected>{contact_function_name(f, lang)}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage field="function" error />
                </div>
                <div class="field">
                    <label for=field_id("org")>{t(T::Organisation)}</label>
                    <select id=field_id("org") name="organisation_id" required>
                        <option value="">{t(T::ChooseOrganisation)}</option>
                        {orgs.iter().filter_map(|o| {
                            let selected = entry.as_ref().is_some_and(|e| e.organisation_id == o.id.to_string());
                            // Retired organisations are kept only by the entries already in them.
                            (selected || !o.retired).then(|| view! { <option value=o.id.to_string() selected=selected>{o.name.clone()}</option> })
                        }).collect_view()}
                    </select>
                    <FieldMessage field="organisation_id" error />
                </div>
                <div class="field">
                    <label for=field_id("area")>{t(T::Area)}</label>
                    <select id=field_id("area") name="area_id">
                        <option value="">{t(T::WholeMunicipality)}</option>
                        {areas.iter().filter_map(|a| {
                            let selected = entry.as_ref().is_some_and(|e| e.area_id.as_deref() == Some(a.id.to_string().as_str()));
                            (selected || !a.retired).then(|| view! { <option value=a.id.to_string() selected=selected>{a.name.clone()}</option> })
                        }).collect_view()}
                    </select>
                    <FieldMessage field="area_id" error />
                </div>
                <div class="field">
                    <label for=field_id("account")>{t(T::AccountEmail)}</label>
                    <input id=field_id("account") name="account_email" type="email" maxlength="254"
                        value=value(|e| e.account_email.clone()) />
                    <FieldMessage field="account_email" error />
                </div>
            })}
            <div class="field">
                <label for=field_id("unit")>{t(T::Unit)}</label>
                <input id=field_id("unit") name="unit" maxlength="100" value=value(|e| e.unit.clone()) />
                <FieldMessage field="unit" error />
            </div>
            <p class="hint" id=field_id("reach-hint")>{t(T::PhoneOrEmailHint)}</p>
            <div class="field">
                <label for=field_id("phone")>{t(T::Phone)}</label>
                <input id=field_id("phone") name="phone" type="tel" maxlength="32" autocomplete="off"
                    aria-describedby=field_id("reach-hint") value=value(|e| e.person.phone.clone()) />
                <FieldMessage field="phone" error />
            </div>
            <div class="field">
                <label for=field_id("email")>{t(T::Email)}</label>
                <input id=field_id("email") name="email" type="email" maxlength="254" autocomplete="off"
                    value=value(|e| e.person.email.clone()) />
                <FieldMessage field="email" error />
            </div>
            <div class="field">
                <label for=field_id("deputy")>{t(T::DeputyPerson)}</label>
                <select id=field_id("deputy") name="deputy_id">
                    <option value="">{t(T::NoDeputy)}</option>
                    {people.into_iter().filter(|(id, _)| *id != own_id).map(|(id, label)| {
                        let selected = id == deputy;
                        view! { <option value=id selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
                <FieldMessage field="deputy_id" error />
            </div>
            <button type="submit" class="primary">{t(T::SaveContact)}</button>
        </ActionForm>
    }
}

/// Those who keep the directory see who has left, and can bring someone back.
#[component]
fn PeopleWhoLeft(left: Vec<(String, String)>, changed: RwSignal<u32>) -> impl IntoView {
    let reactivate = ServerAction::<ReactivateContact>::new();
    let error: FormError = Signal::derive(move || reactivate.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if reactivate.value().get().is_some_and(|r| r.is_ok()) {
            changed.update(|n| *n += 1);
        }
    });
    view! {
        <section class="admin-section" aria-labelledby="left-heading">
            <h2 id="left-heading">{t(T::PeopleWhoLeft)}</h2>
            <p class="hint">{t(T::PeopleWhoLeftIntro)}</p>
            <FormAlert error />
            <ul class="plain">
                {left.into_iter().map(|(id, label)| view! {
                    <li>
                        {label.clone()}" "
                        <ActionForm action=reactivate attr:class="inline">
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="link-button">
                                {t(T::ReactivateContact)}<span class="visually-hidden">{format!(" {label}")}</span>
                            </button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
