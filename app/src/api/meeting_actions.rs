//! The actions a meeting decides: added, reworded and removed while its minutes are open.
//! One argument per form field, as a plain HTML form posts them.

#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::context::{caller, respond, state};
#[cfg(feature = "ssr")]
use super::meetings::meeting_id;
use leptos::prelude::*;
use shared::AppError;
#[cfg(feature = "ssr")]
use shared::action::ActionInput;

#[cfg(feature = "ssr")]
fn input(
    title: String,
    owner_organisation_id: String,
    owner_person: String,
    due: String,
    area_id: String,
    place: String,
) -> ActionInput {
    ActionInput {
        title,
        owner_organisation_id,
        owner_person,
        due,
        area_id,
        place,
        incident_id: String::new(),
    }
}

/// A new action decided at the meeting; `action_id` is the id its form made (see
/// `meetings/item`), so the same form sent twice stores one action.
#[server(prefix = "/api", endpoint = "meetings/action")]
pub async fn meeting_action(
    id: String,
    #[server(default)] action_id: String,
    #[server(default)] title: String,
    #[server(default)] owner_organisation_id: String,
    #[server(default)] owner_person: String,
    #[server(default)] due: String,
    #[server(default)] area_id: String,
    #[server(default)] place: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = input(
                title,
                owner_organisation_id,
                owner_person,
                due,
                area_id,
                place,
            );
            crate::ssr::minutes::new_action_once(
                &state.db,
                &caller,
                meeting_id(&id)?,
                &action_id,
                &input,
            )
            .await
            .map(|_| ())
        }
        .await,
    )
}

/// Rewords action `action_id`, decided at meeting `id`, while the minutes are open.
#[server(prefix = "/api", endpoint = "meetings/action-edit")]
pub async fn edit_meeting_action(
    id: String,
    action_id: String,
    #[server(default)] title: String,
    #[server(default)] owner_organisation_id: String,
    #[server(default)] owner_person: String,
    #[server(default)] due: String,
    #[server(default)] area_id: String,
    #[server(default)] place: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            let input = input(
                title,
                owner_organisation_id,
                owner_person,
                due,
                area_id,
                place,
            );
            crate::ssr::minutes::edit_action(
                &state.db,
                &caller,
                meeting_id(&id)?,
                &action_id,
                &input,
            )
            .await
        }
        .await,
    )
}

/// Removes action `action_id`, decided at meeting `id`, while the minutes are open and its
/// owner has not moved it on.
#[server(prefix = "/api", endpoint = "meetings/action-remove")]
pub async fn remove_meeting_action(id: String, action_id: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = (state()?, caller()?);
            crate::ssr::minutes::remove_action(&state.db, &caller, meeting_id(&id)?, &action_id)
                .await
        }
        .await,
    )
}
