//! `/audit`: search the audit log by user, record and time span (admins and coordinators).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::audit::{AuditFilter, RecordType};

use crate::api::audit::{audit_users, search_audit};
use crate::components::fields::{FieldMessage, PageError};
use crate::components::filter_form::FilterForm;
use crate::components::history::{Changes, action_label};
use crate::i18n::{T, t};
use crate::pages::incident_list::urlencode;

fn type_label(record_type: RecordType) -> &'static str {
    t(match record_type {
        RecordType::Incident => T::TypeIncident,
        RecordType::IncidentList => T::TypeIncidentList,
        RecordType::WeeklyReport => T::TypeWeeklyReport,
        RecordType::Session => T::TypeSession,
        RecordType::Action => T::TypeAction,
        RecordType::Meeting => T::TypeMeeting,
        RecordType::Minutes => T::TypeMinutes,
        RecordType::Contact => T::TypeContact,
        RecordType::AreaGroup => T::TypeAreaGroup,
        RecordType::ReferenceData => T::TypeReferenceData,
        RecordType::AuditLog => T::AuditLog,
        RecordType::Dashboard => T::Dashboard,
        RecordType::Account => T::TypeAccount,
        RecordType::RedactionRequest => T::TypeRedactionRequest,
        RecordType::WorkOrder => T::TypeWorkOrder,
        RecordType::SafetyWalk => T::TypeSafetyWalk,
    })
}

fn next_href(f: &AuditFilter, cursor: &str) -> String {
    let pairs = [
        ("user", &f.user),
        ("record", &f.record),
        ("from", &f.from),
        ("to", &f.to),
    ];
    let mut query: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| format!("{k}={}", urlencode(v))))
        .collect();
    query.push(format!("before={cursor}"));
    format!("/audit?{}", query.join("&"))
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
            AuditFilter {
                user: get("user"),
                record: get("record"),
                from: get("from"),
                to: get("to"),
                before: get("before"),
            }
        })
    });
    let page = Resource::new(move || filter.get(), search_audit);
    let users = Resource::new(|| (), |_| audit_users());
    view! {
        <Title text=t(T::AuditLogTitle) />
        <h1>{t(T::AuditLogTitle)}</h1>
        <p>{t(T::AuditIntro)}</p>
        <Suspense fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let f = filter.get();
                let page = page.await;
                let users = users.await.unwrap_or_default();
                let error = Signal::derive({
                    let page = page.clone();
                    move || page.clone().err()
                });
                let selected_user = f.user.clone();
                let (record_value, from_value, to_value) = (
                    f.record.clone().unwrap_or_default(),
                    f.from.clone().unwrap_or_default(),
                    f.to.clone().unwrap_or_default(),
                );
                let older = move |cursor: &str| next_href(&f, cursor);
                view! {
                    <FilterForm action="/audit" class="filters">
                        <div class="field">
                            <label for="user">{t(T::User)}</label>
                            <select id="user" name="user">
                                <option value="">{t(T::All)}</option>
                                {users.into_iter().map(|u| {
                                    let selected = selected_user.as_deref() == Some(u.id.as_str());
                                    view! { <option value=u.id selected=selected>{u.label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="record">{t(T::Record)}</label>
                            <input id="record" name="record" value=record_value autocomplete="off" />
                            <FieldMessage field="record" error />
                        </div>
                        <div class="field">
                            <label for="from">{t(T::FromDate)}</label>
                            <input id="from" name="from" type="date" value=from_value />
                            <FieldMessage field="from" error />
                        </div>
                        <div class="field">
                            <label for="to">{t(T::ToDate)}</label>
                            <input id="to" name="to" type="date" value=to_value />
                            <FieldMessage field="to" error />
                        </div>
                        <div class="filter-buttons">
                            <button type="submit" class="primary">{t(T::Search)}</button>
                            <a href="/audit">{t(T::ClearFilters)}</a>
                        </div>
                    </FilterForm>
                    {match page {
                        Ok(p) if p.items.is_empty() => view! { <p role="status">{t(T::NoAuditEntries)}</p> }.into_any(),
                        Ok(p) => view! {
                            <table class="audit">
                                <caption class="visually-hidden">{t(T::AuditLogTitle)}</caption>
                                <thead><tr>
                                    <th scope="col">{t(T::When)}</th>
                                    <th scope="col">{t(T::User)}</th>
                                    <th scope="col">{t(T::Action)}</th>
                                    <th scope="col">{t(T::RecordType)}</th>
                                    <th scope="col">{t(T::Changes)}</th>
                                </tr></thead>
                                <tbody>
                                    {p.items.into_iter().map(|e| {
                                        let who = match (e.user, e.organisation) {
                                            (Some(u), Some(o)) => format!("{u} ({o})"),
                                            (Some(u), None) => u,
                                            _ => "–".to_owned(),
                                        };
                                        let record = match (e.record_type, e.record_id) {
                                            (RecordType::Incident, Some(id)) => view! {
                                                <a href=format!("/incidents/{id}")>{type_label(e.record_type)}</a>
                                            }.into_any(),
                                            (kind, _) => type_label(kind).into_any(),
                                        };
                                        view! {
                                            <tr>
                                                <td data-label=t(T::When)>{e.at}</td>
                                                <td data-label=t(T::User)>{who}</td>
                                                <td data-label=t(T::Action)>{action_label(e.action)}</td>
                                                <td data-label=t(T::RecordType)>{record}</td>
                                                <td data-label=t(T::Changes)><Changes changes=e.changes show_before=true /></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label=t(T::Paging)>
                                {p.next_cursor.map(|c| view! { <a href=older(&c) rel="next">{t(T::OlderEntries)}</a> })}
                            </nav>
                        }.into_any(),
                        Err(shared::AppError::Validation(_)) => ().into_any(),
                        Err(e) => view! { <PageError error=e /> }.into_any(),
                    }}
                }
            })}
        </Suspense>
    }
}
