//! `/walks/:id`: one safety walk. Walking, on a phone: the observation form (kept on the page
//! while the list below reloads, with its queue of drafts for weak connections). Under it every
//! observation so far, and for the coordinator the form that turns chosen observations into
//! work orders in one step, and closing (or reopening) the walk.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::walk::{ObservationView, WalkDetail, WalkState};

use crate::api::walks::{
    RemoveObservation, RestoreObservation, SetWalkDone, WalkToOrders, get_walk, get_walk_form,
};
use crate::components::fields::{FieldMessage, FormAlert, FormError, PageError};
use crate::components::labels::{order_kind_label, order_state_label, walk_state_label};
use crate::components::observe::{ObserveForm, ObserveState};
use crate::components::order_views::photo_refusal;
use crate::components::saving::saved;
use crate::i18n::{T, t};

#[component]
pub fn WalkPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // The list reloads after every change; the form only when the walk closes or opens.
    let saves = RwSignal::new(0usize);
    let opened = RwSignal::new(0usize);
    let notice = RwSignal::new(None::<T>);
    let remove = ServerAction::<RemoveObservation>::new();
    let restore = ServerAction::<RestoreObservation>::new();
    saved(restore, move || {
        notice.set(Some(T::SavedRestored));
        saves.update(|n| *n += 1);
    });
    let close = ServerAction::<SetWalkDone>::new();
    let orders = ServerAction::<WalkToOrders>::new();
    saved(remove, move || {
        notice.set(Some(T::ObservationRemoved));
        saves.update(|n| *n += 1);
    });
    saved(close, move || {
        notice.set(Some(T::WalkStateSaved));
        saves.update(|n| *n += 1);
        opened.update(|n| *n += 1);
    });
    saved(orders, move || {
        notice.set(Some(T::OrdersMade));
        saves.update(|n| *n += 1);
    });
    let detail = Resource::new(move || (id(), saves.get()), |(id, _)| get_walk(id));
    let form = Resource::new(move || (id(), opened.get()), |(id, _)| get_walk_form(id));
    let observe = ObserveState::new();
    // A stored draft shows in the list; an earlier notice (and its "Ångra") is done with.
    let on_stored = Callback::new(move |_| {
        notice.set(None);
        saves.update(|n| *n += 1);
    });
    let from_query = move || {
        query.with(|q| match q.get("saved").as_deref() {
            Some("planned") => Some(T::WalkPlanned),
            Some("observed") => Some(T::ObservationSaved),
            _ => None,
        })
    };
    view! {
        <Title text=t(T::SafetyWalk) />
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! {
                        {move || from_query().map(|n| view! { <p class="notice" role="status">{t(n)}</p> })}
                        <h1>{format!("{} – {}, {}", t(T::SafetyWalk), d.summary.area, d.summary.planned_for)}</h1>
                        <dl class="facts">
                            <dt>{t(T::State)}</dt><dd>{walk_state_label(d.summary.state)}</dd>
                            <dt>{t(T::Participants)}</dt><dd class="description">{d.participants.clone()}</dd>
                        </dl>
                    }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Transition>
        <Suspense>
            {move || Suspend::new(async move {
                // Closed, it still shows the drafts on this phone that wait for it to open.
                let f = form.await.ok()?;
                Some(view! { <ObserveForm state=observe walk_id=id() new_id=f.new_id places=f.places open=f.may_observe on_stored /> })
            })}
        </Suspense>
        <Transition>
            {move || Suspend::new(async move {
                let d = detail.await.ok()?;
                Some(view! { <Observations d remove restore close orders notice /> })
            })}
        </Transition>
    }
}

/// The observations so far, then what the coordinator may do with them.
#[component]
fn Observations(
    d: WalkDetail,
    remove: ServerAction<RemoveObservation>,
    restore: ServerAction<RestoreObservation>,
    close: ServerAction<SetWalkDone>,
    orders: ServerAction<WalkToOrders>,
    /// What the last change did, said where it happened (a phone shows only part of the page).
    notice: RwSignal<Option<T>>,
) -> impl IntoView {
    let query = use_query_map();
    let said = move |which: &'static [T]| {
        move || {
            notice
                .get()
                .filter(|n| which.contains(n))
                .map(|n| view! { <p class="notice" role="status">{t(n)}</p> })
        }
    };
    let remove_error: FormError =
        Signal::derive(move || remove.value().get().and_then(Result::err));
    let close_error: FormError = Signal::derive(move || close.value().get().and_then(Result::err));
    let open: Vec<ObservationView> = d.open_observations().cloned().collect();
    let state = d.summary.state;
    let done = state == WalkState::Done;
    let walk = d.summary.id.clone();
    let report = format!("/walks/{walk}/report");
    view! {
        <h2>{format!("{} ({})", t(T::Observations), d.observations.len())}</h2>
        <FormAlert error=remove_error />
        {d.observations.is_empty().then(|| view! { <p role="status">{t(T::NoObservations)}</p> })}
        <ol class="observations">
            {d.observations.clone().into_iter().map(|o| {
                // What the last upload to this observation did (the server's redirect says).
                let photo = query.with_untracked(|q| {
                    (q.get("obs").as_deref() == Some(o.id.as_str()))
                        .then(|| q.get("photo_error").map(Err).or_else(|| q.get("photo").map(Ok)))
                        .flatten()
                });
                view! { <ObservationItem o walk=walk.clone() remove photo /> }
            }).collect_view()}
        </ol>
        {said(&[T::OrdersMade, T::SavedRestored])}
        <Removed notice remove restore />
        {(d.may_run && !open.is_empty()).then(|| view! { <OrdersForm id=d.summary.id.clone() open owners=d.owners.clone() orders /> })}
        {d.may_run.then(|| view! {
            <h2>{t(T::WalkState)}</h2>
            <FormAlert error=close_error />
            <ActionForm action=close attr:class="inline">
                <input type="hidden" name="id" value=walk.clone() />
                <input type="hidden" name="done" value=if done { "false" } else { "true" } />
                <button type="submit" class:primary=!done>{t(if done { T::ReopenWalk } else { T::CloseWalk })}</button>
            </ActionForm>
            <p class="hint">{t(if done { T::ReopenWalkHint } else { T::CloseWalkHint })}</p>
            {move || (notice.get() == Some(T::WalkStateSaved)).then(|| view! {
                <p class="notice" role="status">{format!("{} {}", t(T::WalkStateSaved), walk_state_label(state))}</p>
            })}
        })}
        <p>
            <a href=report>{t(T::WalkReport)}</a>" · "
            <a href="/walks">{t(T::SafetyWalks)}</a>
        </p>
    }
}

/// "Iakttagelsen är borttagen. Ångra": the way back from a slip, where the removed one was
/// (the keyboard lands on it, as the removed row's button is gone).
#[component]
fn Removed(
    notice: RwSignal<Option<T>>,
    remove: ServerAction<RemoveObservation>,
    restore: ServerAction<RestoreObservation>,
) -> impl IntoView {
    let undo_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = undo_button.get() {
            let _ = button.focus();
        }
    });
    let error: FormError = Signal::derive(move || restore.value().get().and_then(Result::err));
    move || {
        let removed = remove.value().get().and_then(Result::ok);
        (notice.get() == Some(T::ObservationRemoved))
            .then_some(removed)
            .flatten()
            .map(|id| {
                view! {
                    <p class="notice" role="status">
                        {t(T::ObservationRemoved)}" "
                        <button type="button" class="link-button" node_ref=undo_button
                            on:click=move |_| { restore.dispatch(RestoreObservation { id: id.clone() }); }>
                            {t(T::Undo)}
                        </button>
                    </p>
                    <FormAlert error />
                }
            })
    }
}

#[component]
fn ObservationItem(
    o: ObservationView,
    walk: String,
    remove: ServerAction<RemoveObservation>,
    /// The last upload to it: saved, or refused with the server's code.
    photo: Option<Result<String, String>>,
) -> impl IntoView {
    let title = format!("{} – {}", order_kind_label(o.kind), o.place);
    let input_id = format!("photo-{}", o.id);
    let hint_id = format!("photo-hint-{}", o.id);
    let refused = photo
        .clone()
        .and_then(Result::err)
        .map(|code| photo_refusal(&code));
    let anchor = format!("obs-{}", o.id);
    let upload = format!("/walks/{walk}/observations/{}/photos", o.id);
    view! {
        <li class="observation" id=anchor>
            <h3>{title.clone()}</h3>
            <p class="description">{o.note.clone()}</p>
            <p class="muted">{format!("{} · {}", o.by, o.at)}
                {o.point.map(|p| view! { " · "<a href=p.map_link() rel="noopener noreferrer" target="_blank">{t(T::ShowOnMap)}</a> })}
            </p>
            {o.order.clone().map(|w| {
                let what = format!("{}: {} ({})", t(T::BecameOrder), order_state_label(w.state), w.owner);
                if w.can_open {
                    view! { <p><a href=format!("/work-orders/{}", w.id)>{what}</a></p> }.into_any()
                } else {
                    view! { <p>{what}</p> }.into_any()
                }
            })}
            {(!o.photos.is_empty()).then(|| view! {
                <ul class="photos">
                    {o.photos.iter().enumerate().map(|(i, (id, w, h))| {
                        let src = format!("/walks/observations/{}/photos/{id}", o.id);
                        let alt = format!("{} {} – {}", t(T::PhotoFile), i + 1, o.place);
                        let href = src.clone();
                        view! { <li><a href=href><img src=src alt=alt width=w.to_string() height=h.to_string() loading="lazy" /></a></li> }
                    }).collect_view()}
                </ul>
            })}
            {matches!(photo, Some(Ok(_))).then(|| view! { <p class="notice" role="status">{t(T::PhotoSaved)}</p> })}
            {refused.clone().map(|r| view! { <p class="alert" role="alert">{r}</p> })}
            {o.can_remove.then(|| view! {
                <details class="add-photo" open=refused.is_some()>
                    <summary>{format!("{}: {}", t(T::AddPhotoTo), o.place)}</summary>
                    <form method="post" action=upload.clone() enctype="multipart/form-data">
                        <label for=input_id.clone()>{t(T::PhotoFile)}</label>
                        <input type="file" id=input_id name="photo" accept="image/jpeg,image/png,image/webp,image/*"
                            capture="environment" required aria-describedby=hint_id.clone()
                            aria-invalid=refused.is_some().then_some("true") />
                        <p class="hint" id=hint_id>{format!("{} {}", t(T::PhotoPeopleHint), t(T::PhotoLimitsHint))}</p>
                        <button type="submit">{t(T::AddPhoto)}</button>
                    </form>
                </details>
                <ActionForm action=remove attr:class="inline">
                    <input type="hidden" name="id" value=o.id.clone() />
                    <button type="submit" class="link-button" aria-label=format!("{}: {title}", t(T::Remove))>{t(T::Remove)}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// Ticks and an owner per observation; one press makes all the ticked ones orders.
#[component]
fn OrdersForm(
    id: String,
    open: Vec<ObservationView>,
    owners: Vec<shared::work_order::OwnerChoice>,
    orders: ServerAction<WalkToOrders>,
) -> impl IntoView {
    let error: FormError = Signal::derive(move || orders.value().get().and_then(Result::err));
    view! {
        <h2 id="to-orders">{t(T::MakeOrders)}</h2>
        <p class="hint">{t(T::MakeOrdersHint)}</p>
        <FormAlert error />
        <ActionForm action=orders attr:aria-labelledby="to-orders">
            <input type="hidden" name="id" value=id />
            <FieldMessage field="picked" error />
            {open.into_iter().enumerate().map(|(i, o)| {
                let proposed = o.proposed_owner.clone().unwrap_or_default();
                let select_id = format!("owner-{}", o.id);
                let error_id = format!("owner-{}-error", o.id);
                let message_id = error_id.clone();
                let field = format!("owner_{}", o.id);
                let field = StoredValue::new(field);
                let missing = move || error.with(|e| e.as_ref().and_then(|e| e.issue_for(&field.get_value())).is_some());
                let obs = o.id.clone();
                view! {
                    <fieldset class="field to-order">
                        <legend>
                            <label class="check">
                                <input type="checkbox" name=format!("picked[{i}]") value=o.id.clone() />
                                {format!("{} – {}", order_kind_label(o.kind), o.place)}
                            </label>
                        </legend>
                        <p class="muted">{o.note.clone()}</p>
                        <label for=select_id.clone()>{t(T::SendTo)}</label>
                        <select id=select_id name=format!("owners[{i}]") aria-invalid=move || missing().then_some("true")
                            aria-describedby=move || missing().then(|| error_id.clone())>
                            <option value=format!("{obs}:")>{t(T::ChooseOwner)}</option>
                            {owners.clone().into_iter().map(|w| {
                                let chosen = w.id == proposed;
                                let name = if chosen { format!("{} ({})", w.name, t(T::Proposed)) } else { w.name };
                                view! { <option value=format!("{obs}:{}", w.id) selected=chosen>{name}</option> }
                            }).collect_view()}
                        </select>
                        {move || missing().then(|| view! { <p class="field-error" id=message_id.clone()>{t(T::ChooseOwnerForIt)}</p> })}
                    </fieldset>
                }
            }).collect_view()}
            <button type="submit" class="primary big" disabled=move || orders.pending().get()>
                {move || if orders.pending().get() { t(T::Saving) } else { t(T::MakeOrders) }}
            </button>
        </ActionForm>
    }
}
