//! `/incidents/new`: log an incident in a few taps.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::incident::IncidentInput;

use crate::api::reference::get_reference_data;
use crate::app::UserResource;
use crate::components::fields::PageError;
use crate::i18n::{T, t};
use crate::pages::incident_form::IncidentForm;

#[component]
pub fn NewIncidentPage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let data = Resource::new(|| (), |_| get_reference_data());
    view! {
        <Title text=t(T::LogIncident) />
        <h1>{t(T::LogIncident)}</h1>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let may_log = user.await.ok().flatten().is_some_and(|u| u.can_log_incidents());
                match data.await {
                    Ok(_) if !may_log => view! { <PageError error=shared::AppError::Forbidden /> }.into_any(),
                    Ok(data) => {
                        let initial = IncidentInput { occurred_at: data.now_local.clone(), ..IncidentInput::default() };
                        view! { <IncidentForm data initial /> }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
