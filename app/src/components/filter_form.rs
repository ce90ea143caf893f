//! A filter form: its fields go into the page's address (`GET`), so a filtered page can be
//! reloaded, bookmarked and shared. Once hydrated, the router submits it without a page load;
//! without JavaScript it is a plain form.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::web_sys::FormData;
use leptos_router::components::Form;

#[component]
pub fn FilterForm(
    /// The page the form reloads, e.g. `/incidents`.
    action: &'static str,
    class: &'static str,
    /// `search` for a form that searches.
    #[prop(optional)]
    role: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    // The router's form adds the submit button's name and value to the address even when the
    // button has no name, so every filtered address ended in `&=`. A browser leaves an unnamed
    // button out; so does this.
    let unnamed_button_left_out = Arc::new(|data: &FormData| data.delete(""));
    view! {
        <Form method="GET" action on_form_data=unnamed_button_left_out attr:class=class attr:role=role>
            {children()}
        </Form>
    }
}
