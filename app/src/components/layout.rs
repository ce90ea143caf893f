//! The frame of every page: skip link, header with navigation, language and sign-out, main.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::lang::Lang;

use crate::app::UserResource;
use crate::i18n::{T, t, use_lang};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let user = expect_context::<UserResource>();
    let lang = use_lang();
    let menu = NodeRef::<leptos::html::Details>::new();
    // Following a link folds the phone menu again (the layout stays while pages change).
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    });
    view! {
        <a class="skip-link" href="#main">{t(T::SkipToContent)}</a>
        <header class="site-header">
            <a class="brand" href="/">"Samverkan"</a>
            <Suspense>
                {move || Suspend::new(async move {
                    let me = user.await.ok().flatten();
                    me.map(|me| {
                        view! {
                            // On a phone the menu folds behind a button; `<details>` works
                            // without JavaScript too. Wide screens show it open (the stylesheet).
                            <details class="menu" node_ref=menu>
                            <summary>{t(T::Menu)}</summary>
                            <nav aria-label=t(T::MainNavigation)>
                                <ul>
                                    {me.can_read_incidents().then(|| view! {
                                        <li><NavLink href="/picture" label=t(T::SituationPicture) /></li>
                                        <li><NavLink href="/incidents" label=t(T::Incidents) /></li>
                                        <li><NavLink href="/actions" label=t(T::Actions) /></li>
                                        <li><NavLink href="/meetings" label=t(T::Meetings) /></li>
                                    })}
                                    {me.can_see_dashboard().then(|| view! {
                                        <li><NavLink href="/dashboard" label=t(T::Dashboard) /></li>
                                    })}
                                    {me.can_see_work_orders().then(|| view! {
                                        <li><NavLink href="/work-orders" label=t(T::WorkOrders) /></li>
                                    })}
                                    {me.can_join_walks().then(|| view! {
                                        <li><NavLink href="/walks" label=t(T::SafetyWalks) /></li>
                                    })}
                                    {me.takes_part().then(|| view! {
                                        <li><NavLink href="/groups" label=t(T::AreaGroups) /></li>
                                        <li><NavLink href="/directory" label=t(T::Directory) /></li>
                                    })}
                                    {me.can_log_incidents().then(|| view! {
                                        <li><NavLink href="/incidents/new" label=t(T::LogIncident) /></li>
                                    })}
                                    {me.can_log_incidents().then(|| view! {
                                        <li><NavLink href="/reports" label=t(T::WeeklyReport) /></li>
                                    })}
                                    {me.can_read_audit_log().then(|| view! {
                                        <li><NavLink href="/reports/overview" label=t(T::ReportOverview) /></li>
                                        <li><NavLink href="/audit" label=t(T::AuditLog) /></li>
                                    })}
                                    {me.can_keep_places().then(|| view! {
                                        <li><NavLink href="/places" label=t(T::Places) /></li>
                                    })}
                                    {me.can_manage_accounts().then(|| view! {
                                        <li><NavLink href="/admin/users" label=t(T::Accounts) /></li>
                                    })}
                                    {me.can_manage_reference_data().then(|| view! {
                                        <li><NavLink href="/admin" label=t(T::Administration) /></li>
                                    })}
                                </ul>
                            </nav>
                            <div class="who">
                                <span>{me.name.clone()}</span>
                                <span class="muted">{format!(" · {}", me.organisation_name)}</span>
                            </div>
                            <form method="post" action="/api/auth/sign-out" class="inline">
                                <button type="submit" class="link-button">{t(T::SignOut)}</button>
                            </form>
                            </details>
                        }
                    })
                })}
            </Suspense>
            <form method="post" action="/api/prefs/language" class="inline lang-switch">
                {match lang {
                    Lang::Sv => view! {
                        <button type="submit" name="lang" value="en" class="link-button" lang="en">"English"</button>
                    },
                    Lang::En => view! {
                        <button type="submit" name="lang" value="sv" class="link-button" lang="sv">"Svenska"</button>
                    },
                }}
            </form>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

/// A navigation link that marks the current page for screen readers.
#[component]
fn NavLink(href: &'static str, label: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || (location.pathname.get() == href).then_some("page");
    view! { <a href=href aria-current=current>{label}</a> }
}
