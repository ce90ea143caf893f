//! Directory entries as cards with tap-to-call and tap-to-mail links, and the "who to call"
//! list that area and area-group pages show.

use leptos::prelude::*;
use shared::contact::{ContactEntry, Reach, tel_href};

use crate::i18n::{T, contact_function_name, t, use_lang};

/// Phone and e-mail as links a phone opens in its dialler or mail app.
#[component]
fn ReachLinks(reach: Reach) -> impl IntoView {
    let name = reach.name.clone();
    view! {
        {reach.phone.map(|p| {
            let (label, href) = (format!("{} {name}, {p}", t(T::CallPerson)), tel_href(&p));
            view! { <a class="call" href=href aria-label=label>{p}</a> }
        })}
        {reach.email.map(|e| {
            let (label, href) = (format!("{} {}, {e}", t(T::MailPerson), reach.name), format!("mailto:{e}"));
            view! { <a class="mail" href=href aria-label=label>{e}</a> }
        })}
    }
}

/// One directory line: the post (function, unit, organisation, area), who holds it, how to
/// reach them, and the deputy.
#[component]
pub fn ContactCard(
    entry: ContactEntry,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let post = [
        Some(contact_function_name(entry.function, lang).to_owned()),
        entry.unit.clone(),
        Some(entry.organisation.clone()),
        Some(
            entry
                .area
                .clone()
                .unwrap_or_else(|| t(T::WholeMunicipality).to_owned()),
        ),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li class="contact-card">
            <p class="post">{post}</p>
            <p class="person"><strong>{entry.person.name.clone()}</strong></p>
            {entry.stands_in.then(|| view! { <p class="muted">{t(T::StandsIn)}</p> })}
            <p class="reach"><ReachLinks reach=entry.person.clone() /></p>
            {entry.deputy.clone().map(|d| view! {
                <p class="deputy">{format!("{}: {} ", t(T::DeputyPerson), d.name)}<ReachLinks reach=d /></p>
            })}
            {children.map(|c| c())}
        </li>
    }
}

/// "Who to call" for an area: its posts and the municipality-wide ones.
#[component]
pub fn WhoToCall(entries: Vec<ContactEntry>, heading_id: &'static str) -> impl IntoView {
    view! {
        <section class="who-to-call" aria-labelledby=heading_id>
            <h2 id=heading_id>{t(T::WhoToCall)}</h2>
            {if entries.is_empty() {
                view! { <p>{t(T::NoContacts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="contacts">
                        {entries.into_iter().map(|entry| view! { <ContactCard entry /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
