//! `/set-password?token=…`: the page a one-time link opens. It says whose account it is, the
//! person chooses a password (under the usual rules, typed twice) and is signed in. A link
//! that has expired or been used says so, and whom to ask.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::account::LinkPurpose;

use crate::api::accounts::{SetPassword, password_link_info};
use crate::components::fields::{
    FieldMessage, FormAlert, FormError, PageError, described_by, invalid,
};
use crate::i18n::{T, t};

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let info = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        password_link_info,
    );
    let action = ServerAction::<SetPassword>::new();
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    // Signed in now: load the start page fresh, so that every part of it sees the session.
    Effect::new(move || {
        if let Some(Ok(next)) = action.value().get() {
            let _ = window().location().set_href(&next);
        }
    });
    view! {
        <Title text=t(T::SetPassword) />
        <section class="narrow">
            <h1>{t(T::SetPassword)}</h1>
            <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        let info = match info.await {
                            Ok(info) => info,
                            Err(e) if e.issue_for("token").is_some() => {
                                return view! {
                                    <div class="alert" role="alert"><p>{t(T::FieldLinkInvalid)}</p></div>
                                    <p><a href="/sign-in">{t(T::SignIn)}</a></p>
                                }.into_any();
                            }
                            Err(e) => return view! { <PageError error=e /> }.into_any(),
                        };
                        let greeting = match info.purpose {
                            LinkPurpose::Invite => T::SetPasswordWelcome,
                            LinkPurpose::Reset => T::SetPasswordAgain,
                        };
                        view! {
                            <p>{format!("{} {}.", t(greeting), info.name)}</p>
                            <p>{format!("{} {}.", t(T::SetPasswordFor), info.email)}</p>
                            <FormAlert error />
                            <FieldMessage field="token" error />
                            <ActionForm action attr:novalidate=true>
                                <input type="hidden" name="token" value=token />
                                // For password managers: the account the password belongs to.
                                <input type="hidden" autocomplete="username" value=info.email.clone() />
                                <div class="field">
                                    <label for="password">{t(T::NewPassword)}</label>
                                    <input id="password" name="password" type="password" autocomplete="new-password"
                                        required
                                        aria-invalid=invalid(error, "password")
                                        aria-describedby=move || {
                                            let message = described_by(error, "password")();
                                            Some(message.map_or("password-hint".to_owned(), |m| format!("password-hint {m}")))
                                        } />
                                    <p class="hint" id="password-hint">{t(T::PasswordHint)}</p>
                                    <FieldMessage field="password" error />
                                </div>
                                <div class="field">
                                    <label for="repeat">{t(T::RepeatPassword)}</label>
                                    <input id="repeat" name="repeat" type="password" autocomplete="new-password" required
                                        aria-invalid=invalid(error, "repeat") aria-describedby=described_by(error, "repeat") />
                                    <FieldMessage field="repeat" error />
                                </div>
                                <button type="submit" class="primary" disabled=move || action.pending().get()>
                                    {t(T::SavePasswordAndSignIn)}
                                </button>
                            </ActionForm>
                        }.into_any()
                    })
                }}
            </Suspense>
        </section>
    }
}
