//! `/incidents/:id/edit`: change an incident (its organisation and coordinators only).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::AppError;

use crate::api::incidents::get_incident;
use crate::api::reference::get_reference_data;
use crate::components::fields::PageError;
use crate::i18n::{T, t};
use crate::pages::incident_form::IncidentForm;

#[component]
pub fn EditIncidentPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let incident = Resource::new(id, get_incident);
    let data = Resource::new(|| (), |_| get_reference_data());
    view! {
        <Title text=t(T::EditIncident) />
        <h1>{t(T::EditIncident)}</h1>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match (incident.await, data.await) {
                    (Ok(detail), Ok(data)) if detail.can_edit => {
                        let id = detail.summary.id.to_string();
                        view! {
                            <IncidentForm data initial=detail.input id=id.clone() />
                            <p><a href=format!("/incidents/{id}")>{t(T::Cancel)}</a></p>
                        }.into_any()
                    }
                    (Ok(_), Ok(_)) => view! { <PageError error=AppError::Forbidden /> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
