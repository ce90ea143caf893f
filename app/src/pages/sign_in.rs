//! `/sign-in`: email and password. A failure says only "wrong email or password".

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SignIn;
use crate::components::fields::{FormAlert, FormError};
use crate::i18n::{T, t};

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));

    // With JavaScript the server answers with the next page; load it fresh so every part of
    // the page sees the new session.
    Effect::new(move || {
        if let Some(Ok(next)) = action.value().get() {
            let _ = window().location().set_href(&next);
        }
    });

    view! {
        <Title text=t(T::SignIn) />
        <section class="narrow">
            <h1>{t(T::SignIn)}</h1>
            <FormAlert error />
            <ActionForm action>
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="email">{t(T::Email)}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required inputmode="email" />
                </div>
                <div class="field">
                    <label for="password">{t(T::Password)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {t(T::SignIn)}
                </button>
            </ActionForm>
        </section>
    }
}
