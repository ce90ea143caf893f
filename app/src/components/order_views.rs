//! A work order's tags, as lists and its page show them (urgent, how many days late), its
//! line on an incident's page, the weekly meeting's list of overdue orders, and the
//! dashboard's table per owner and kind.

use leptos::prelude::*;
use shared::work_order::{Priority, WorkOrderBrief, WorkOrderSummary};

use crate::components::labels::{order_kind_label, order_state_label, priority_label};
use crate::i18n::{T, count_of, t};

#[component]
pub fn OrderTags(summary: WorkOrderSummary) -> impl IntoView {
    view! {
        {(summary.priority == Priority::Urgent).then(|| view! {
            <span class="tag warn">{priority_label(Priority::Urgent)}</span>" "
        })}
        {(summary.overdue_days > 0).then(|| view! {
            <span class="tag warn">{format!("{} {}", t(T::OverdueBy), count_of(summary.overdue_days, T::DayOne, T::DayMany))}</span>
        })}
    }
}

/// "14 dagar" or "48 timmar": a service level in words.
pub fn hours_text(hours: u64) -> String {
    if hours.is_multiple_of(24) {
        count_of(hours / 24, T::DayOne, T::DayMany)
    } else {
        count_of(hours, T::HourOne, T::HourMany)
    }
}

/// "Åtgärdad av Gatu- och parkavdelningen 2026-12-04": an order as an incident's page names it.
pub fn brief_text(b: &WorkOrderBrief) -> String {
    use shared::work_order::OrderState as S;
    let by = t(match b.state {
        S::Sent => T::BriefSentTo,
        S::Accepted => T::BriefAcceptedBy,
        S::Planned => T::BriefPlannedBy,
        S::Done => T::BriefDoneBy,
        S::Rejected => T::BriefRejectedBy,
        S::Withdrawn => T::BriefWithdrawn,
    });
    format!("{by} {} {}", b.owner, b.date)
}

/// The weekly meeting's review of work orders past due: what, where, whose and how late.
#[component]
pub fn OverdueOrders(list: Vec<WorkOrderSummary>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        view! {
            <section aria-labelledby="overdue-orders-heading">
                <h2 id="overdue-orders-heading">{t(T::OverdueOrders)}</h2>
                <ul class="plain">
                    {list.into_iter().map(|o| {
                        let title = format!("{} – {}, {}", order_kind_label(o.kind), o.place, o.area);
                        view! {
                            <li>
                                <a href=format!("/work-orders/{}", o.id)>{title}</a>
                                {format!(" · {} · {}", o.owner, order_state_label(o.state))}" "
                                <OrderTags summary=o />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Work orders per owner and kind: sent, fixed, median days to fixed, share late.
#[component]
pub fn OrderTable(rows: Vec<shared::dashboard::OrderFollowThrough>) -> impl IntoView {
    view! {
        <section aria-labelledby="orders-heading">
            <h2 id="orders-heading">{t(T::OrdersPerOwner)}</h2>
            {if rows.is_empty() {
                view! { <p>{t(T::NoData)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="incidents">
                            <caption class="visually-hidden">{t(T::OrdersPerOwner)}</caption>
                            <thead><tr>
                                <th scope="col">{t(T::OwnerOrg)}</th><th scope="col">{t(T::OrderKindField)}</th>
                                <th scope="col">{t(T::SentCount)}</th><th scope="col">{t(T::FixedCount)}</th>
                                <th scope="col">{t(T::MedianDaysFixed)}</th><th scope="col">{t(T::LateShare)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <th scope="row">{r.owner.clone()}</th>
                                        <td data-label=t(T::OrderKindField)>{order_kind_label(r.kind)}</td>
                                        <td data-label=t(T::SentCount)>{r.sent}</td>
                                        <td data-label=t(T::FixedCount)>{r.done}</td>
                                        <td data-label=t(T::MedianDaysFixed)>{r.median_days_to_done.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".to_owned())}</td>
                                        <td data-label=t(T::LateShare)>{format!("{} ({} %)", r.late, r.late_percent())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The sentence for an upload the server refused, from the code it put in the page's address.
pub fn photo_refusal(code: &str) -> String {
    use shared::work_order::{MAX_PHOTO_MB, MAX_PHOTOS};
    let error = match code {
        "too_large" => shared::FieldError::TooLarge {
            max_mb: MAX_PHOTO_MB,
        },
        "not_an_image" => shared::FieldError::NotAnImage,
        "too_many" => shared::FieldError::TooMany { max: MAX_PHOTOS },
        "required" => shared::FieldError::Required,
        _ => shared::FieldError::Invalid,
    };
    crate::i18n::field_error_text(&error, "photo", crate::i18n::use_lang())
}

/// The order's photos, before and after, and the form that adds one (a plain multipart form:
/// it works without JavaScript and opens the camera on a phone).
#[component]
pub fn PhotosSection(
    id: String,
    photos: Vec<shared::work_order::PhotoBrief>,
    can_add: bool,
    saved: bool,
    refused: Option<String>,
) -> impl IntoView {
    use shared::work_order::PhotoStage;
    let refusal = refused.as_deref().map(photo_refusal);
    let stage_label = |s: PhotoStage| {
        t(if s == PhotoStage::Before {
            T::PhotoBefore
        } else {
            T::PhotoAfter
        })
    };
    (can_add || !photos.is_empty()).then(|| view! {
        <section aria-labelledby="photos-heading">
            <h2 id="photos-heading">{t(T::Photos)}</h2>
            {saved.then(|| view! { <p class="notice" role="status">{t(T::PhotoSaved)}</p> })}
            {refusal.clone().map(|r| view! { <p class="alert" role="alert" id="photo-error">{r}</p> })}
            <ul class="photos">
                {photos.into_iter().enumerate().map(|(i, p)| {
                    let src = format!("/work-orders/{id}/photos/{}", p.id);
                    let href = src.clone();
                    let alt = format!("{} {}", stage_label(p.stage), i + 1);
                    view! {
                        <li>
                            <a href=href>
                                <img src=src alt=alt.clone() width=p.width.to_string() height=p.height.to_string() loading="lazy" />
                            </a>
                            <span>{alt}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_add.then(|| view! {
                <form method="post" action=format!("/work-orders/{id}/photos") enctype="multipart/form-data" class="incident-form">
                    <fieldset class="field">
                        <legend>{t(T::PhotoStageLegend)}</legend>
                        {PhotoStage::ALL.into_iter().map(|s| view! {
                            <label class="check">
                                <input type="radio" name="stage" value=s.code() checked=s == PhotoStage::Before />
                                {stage_label(s)}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <div class="field">
                        <label for="photo">{t(T::PhotoFile)}</label>
                        <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp,image/*"
                            capture="environment" required aria-describedby="photo-hint"
                            aria-invalid=refusal.is_some().then_some("true") />
                        <p class="hint" id="photo-hint">{format!("{} {}", t(T::PhotoPeopleHint), t(T::PhotoLimitsHint))}</p>
                    </div>
                    <button type="submit" class="primary">{t(T::AddPhoto)}</button>
                </form>
            })}
        </section>
    })
}

/// The phone's position for a new order: a button after hydration (it needs the browser's
/// geolocation), hidden fields the form sends, and the point in words. Without JavaScript the
/// form goes without a point.
#[component]
pub fn PositionPicker() -> impl IntoView {
    let point = RwSignal::new(None::<(f64, f64, f64)>);
    let failed = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let locate = move |_| {
        failed.set(false);
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            use wasm_bindgen::closure::Closure;
            let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
                failed.set(true);
                return;
            };
            let found = Closure::once_into_js(move |p: web_sys::Position| {
                let c = p.coords();
                point.set(Some((c.latitude(), c.longitude(), c.accuracy())));
            });
            let refused = Closure::once_into_js(move |_: wasm_bindgen::JsValue| failed.set(true));
            if geo
                .get_current_position_with_error_callback(
                    found.unchecked_ref(),
                    Some(refused.unchecked_ref()),
                )
                .is_err()
            {
                failed.set(true);
            }
        }
    };
    let coordinate = move |pick: fn((f64, f64, f64)) -> f64| {
        move || {
            point
                .get()
                .map(|p| format!("{:.6}", pick(p)))
                .unwrap_or_default()
        }
    };
    view! {
        <input type="hidden" name="lat" prop:value=coordinate(|p| p.0) />
        <input type="hidden" name="lon" prop:value=coordinate(|p| p.1) />
        {move || hydrated.get().then(|| view! {
            <div class="field">
                <span class="label">{t(T::Position)}</span>
                {move || match point.get() {
                    Some((lat, lon, accuracy)) => view! {
                        <p role="status">{format!("{lat:.5}, {lon:.5} (±{accuracy:.0} m)")}</p>
                        <button type="button" on:click=move |_| point.set(None)>{t(T::RemovePosition)}</button>
                    }.into_any(),
                    None => view! {
                        <button type="button" on:click=locate>{t(T::UseMyPosition)}</button>
                    }.into_any(),
                }}
                {move || failed.get().then(|| view! { <p class="field-error" role="alert">{t(T::PositionFailed)}</p> })}
            </div>
        })}
    }
}

/// The EST check per kind: fixed places whose 8 weeks after have passed, and how many of them
/// had fewer incidents than in the 8 weeks before.
#[component]
pub fn OrderEffects(rows: Vec<shared::dashboard::OrderEffect>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    (!rows.is_empty()).then(|| {
        view! {
            <div class="table-scroll">
                <table class="incidents">
                    <caption>{t(T::EffectsCaption)}</caption>
                    <thead><tr>
                        <th scope="col">{t(T::OrderKindField)}</th>
                        <th scope="col">{t(T::FixedMeasured)}</th>
                        <th scope="col">{t(T::FewerAfter)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{order_kind_label(r.kind)}</th>
                                <td data-label=t(T::FixedMeasured)>{r.measured.text(lang)}</td>
                                <td data-label=t(T::FewerAfter)>{r.fewer.text(lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}
