//! `/work-orders`: for a handler, the queue of what waits for their organisation (overdue
//! first, then the newest; one tap to accept); for others the orders they may see. Filters by
//! kind and area, open or closed, as a GET form that works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::work_order::{OrderKind, WorkOrderSummary};

use crate::api::reference::get_reference_data;
use crate::api::work_orders::{WorkOrderStep, list_work_orders};
use crate::components::fields::{FormAlert, FormError, PageError};
use crate::components::labels::{order_kind_label, order_state_label};
use crate::components::order_views::OrderTags;
use crate::components::saving::saved;
use crate::i18n::{T, t};

#[component]
pub fn WorkOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    let filter = move || (get("kind"), get("area"), get("show"));
    let accept = ServerAction::<WorkOrderStep>::new();
    let accepted = RwSignal::new(0usize);
    saved(accept, move || accepted.update(|n| *n += 1));
    let orders = Resource::new(
        move || (filter(), accepted.get()),
        |((kind, area, show), _)| list_work_orders(kind, area, show),
    );
    let data = Resource::new(|| (), |_| get_reference_data());
    let error: FormError = Signal::derive(move || accept.value().get().and_then(Result::err));
    view! {
        <Title text=t(T::WorkOrders) />
        <h1>{t(T::WorkOrders)}</h1>
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (kind, area, show) = filter();
                let closed = show == "closed";
                let tab = |value: &'static str, label: T| {
                    let selected = (value == "closed") == closed;
                    let href = if value.is_empty() { "/work-orders".to_owned() } else { format!("/work-orders?show={value}") };
                    view! { <a href=href aria-current=selected.then_some("page")>{t(label)}</a> }
                };
                let areas = data.await.map(|d| d.reference.areas).unwrap_or_default();
                let list = match orders.await {
                    Ok(list) => list,
                    Err(e) => return view! { <PageError error=e /> }.into_any(),
                };
                view! {
                    <nav class="tabs" aria-label=t(T::WorkOrders)>
                        {tab("", T::ShowOpenOrders)} {tab("closed", T::ShowClosedOrders)}
                    </nav>
                    <form method="get" action="/work-orders" class="filters">
                        <input type="hidden" name="show" value=show.clone() />
                        <div class="field">
                            <label for="kind">{t(T::OrderKindField)}</label>
                            <select id="kind" name="kind">
                                <option value="">{t(T::AllKinds)}</option>
                                {OrderKind::ALL.into_iter().map(|k| view! {
                                    <option value=k.code() selected=k.code() == kind>{order_kind_label(k)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="area">{t(T::Area)}</label>
                            <select id="area" name="area">
                                <option value="">{t(T::AllAreasOption)}</option>
                                {areas.into_iter().filter(|a| !a.retired || a.id.to_string() == area).map(|a| {
                                    let id = a.id.to_string();
                                    view! { <option value=id.clone() selected=id == area>{a.name}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit">{t(T::Filter)}</button>
                    </form>
                    {(!closed).then(|| view! { <p class="hint">{t(T::QueueIntro)}</p> })}
                    {move || matches!(accept.value().get(), Some(Ok(()))).then(|| view! {
                        <p class="notice" role="status">{format!("{} {}", t(T::OrderStepSaved), order_state_label(shared::work_order::OrderState::Accepted))}</p>
                    })}
                    <FormAlert error />
                    <OrderCards list accept />
                }.into_any()
            })}
        </Transition>
    }
}

/// The orders as cards: what, where, how late, and the one-tap accept for the owner.
#[component]
fn OrderCards(list: Vec<WorkOrderSummary>, accept: ServerAction<WorkOrderStep>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p role="status">{t(T::NoWorkOrders)}</p> }.into_any();
    }
    view! {
        <ul class="order-cards">
            {list.into_iter().map(|o| {
                let href = format!("/work-orders/{}", o.id);
                let title = format!("{} – {}", order_kind_label(o.kind), o.place);
                let late = o.overdue_days > 0;
                view! {
                    <li class="order-card" class:overdue=late>
                        <h2><a href=href>{title}</a></h2>
                        <p class="muted">{format!("{} · {} {} · {} {}", o.area, t(T::OwnerOrg), o.owner, t(T::SentOn), o.sent)}</p>
                        <p>
                            <strong>{order_state_label(o.state)}</strong>" "
                            <OrderTags summary=o.clone() />
                        </p>
                        <p>{format!("{}: {}", t(T::DueBy), o.due)}</p>
                        {o.can_accept.then(|| view! {
                            <ActionForm action=accept attr:class="inline">
                                <input type="hidden" name="id" value=o.id.clone() />
                                <input type="hidden" name="step" value="accept" />
                                <button type="submit" class="primary big" aria-label=format!("{}: {}", t(T::StepAccept), o.place)>{t(T::StepAccept)}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
