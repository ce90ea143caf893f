//! `/places`: the place list, kept by coordinators and admins, one area at a time. Places first
//! typed in a form are marked new until confirmed or merged into the place they duplicate (the
//! merge is previewed: how many incidents and actions move); places can be renamed, retired
//! and brought back. A change is said in the card it concerns (a merge in the kept place's).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::AppError;
use shared::reference::{AreaDto, ManagedPlace, MergePreview};

use crate::api::places::{ConfirmPlace, MergePlaces, PreviewMerge, list_places};
use crate::api::reference::{SavePlace, SetRetired, get_reference_data};
use crate::components::fields::{FormAlert, FormError, PageError, ScopedFieldMessage};
use crate::components::filter_form::FilterForm;
use crate::components::saving::saved;
use crate::i18n::{T, count_of, quoted, t};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Confirm,
    Rename,
    Retire,
    Restore,
    Merge,
}

#[derive(Clone, Copy)]
struct Acts {
    confirm: ServerAction<ConfirmPlace>,
    rename: ServerAction<SavePlace>,
    retire: ServerAction<SetRetired>,
    preview: ServerAction<PreviewMerge>,
    merge: ServerAction<MergePlaces>,
    /// The card of the last change (for a merge, the place that stays), and which change.
    last: RwSignal<Option<(String, Step)>>,
    /// The card whose merge is being previewed.
    previewing: RwSignal<Option<String>>,
    /// The open disclosure (a card's id and which one): kept while the list reloads, and
    /// never left open on a card drawn in another's place.
    open: RwSignal<Option<(String, &'static str)>>,
}

impl Acts {
    fn outcome(self, step: Step) -> Option<Result<(), AppError>> {
        let done = |r: Option<Result<(), AppError>>| r;
        match step {
            Step::Confirm => done(self.confirm.value().get()),
            Step::Rename => done(self.rename.value().get()),
            Step::Retire | Step::Restore => done(self.retire.value().get()),
            Step::Merge => self.merge.value().get().map(|r| r.map(|_| ())),
        }
    }
}

#[component]
pub fn PlacesPage() -> impl IntoView {
    let query = use_query_map();
    let area = Memo::new(move |_| query.with(|q| q.get("area").unwrap_or_default()));
    let acts = Acts {
        confirm: ServerAction::new(),
        rename: ServerAction::new(),
        retire: ServerAction::new(),
        preview: ServerAction::new(),
        merge: ServerAction::new(),
        last: RwSignal::new(None),
        previewing: RwSignal::new(None),
        open: RwSignal::new(None),
    };
    let add = ServerAction::<SavePlace>::new();
    let changed = RwSignal::new(0u32);
    let bump = move || changed.update(|n| *n += 1);
    saved(acts.confirm, bump);
    saved(acts.rename, bump);
    saved(acts.retire, bump);
    saved(acts.merge, move || {
        acts.previewing.set(None);
        bump();
    });
    saved(add, bump);
    let list = Resource::new(move || (area.get(), changed.get()), |(a, _)| list_places(a));
    let reference = Resource::new(|| (), |_| get_reference_data());
    view! {
        <Title text=t(T::Places) />
        <h1>{t(T::Places)}</h1>
        <p>{t(T::PlacesIntro)}</p>
        <Transition fallback=|| view! { <p>{t(T::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (list, areas) = match (list.await, reference.await) {
                    (Ok(l), Ok(r)) => (l, r.reference.areas),
                    (Err(e), _) | (_, Err(e)) => return view! { <PageError error=e /> }.into_any(),
                };
                let name_of = |id: shared::ids::AreaId| {
                    areas.iter().find(|a| a.id == id).map(|a| a.name.clone()).unwrap_or_default()
                };
                let area_name = name_of(list.area_id);
                let waiting = list.new_per_area.iter().map(|(id, n)| {
                    let href = format!("/places?area={id}");
                    view! { <li><a href=href>{format!("{} ({n})", name_of(*id))}</a></li> }
                }).collect_view();
                let others = list.places.clone();
                let count = list.places.len();
                view! {
                    {(!list.new_per_area.is_empty()).then(|| view! {
                        <div class="status-box">
                            <p><strong>{t(T::NewPlacesWaiting)}</strong></p>
                            <ul class="plain inline-list">{waiting}</ul>
                        </div>
                    })}
                    <AreaChooser areas=areas.clone() chosen=list.area_id.to_string() />
                    <h2>{format!("{area_name}: {count} {}", t(T::PlacesCount))}</h2>
                    <ul class="plain place-cards">
                        {list.places.into_iter().map(|p| view! {
                            <PlaceCard p acts others=others.clone() />
                        }).collect_view()}
                    </ul>
                    <NewPlace add area_id=list.area_id.to_string() area_name />
                }.into_any()
            })}
        </Transition>
    }
}

#[component]
fn AreaChooser(areas: Vec<AreaDto>, chosen: String) -> impl IntoView {
    view! {
        <FilterForm action="/places" class="inline-filter">
            <label for="area">{t(T::Area)}</label>
            <select id="area" name="area">
                {areas.into_iter().map(|a| {
                    let v = a.id.to_string();
                    let label = if a.retired { format!("{} ({})", a.name, t(T::Retired)) } else { a.name };
                    view! { <option selected=v == chosen value=v>{label}</option> }
                }).collect_view()}
            </select>
            <button type="submit">{t(T::Show)}</button>
        </FilterForm>
    }
}

#[component]
fn NewPlace(add: ServerAction<SavePlace>, area_id: String, area_name: String) -> impl IntoView {
    let error: FormError = Signal::derive(move || add.value().get().and_then(Result::err));
    let form = NodeRef::<leptos::html::Form>::new();
    saved(add, move || {
        if let Some(form) = form.get_untracked() {
            form.reset();
        }
    });
    view! {
        <section class="admin-section" aria-labelledby="new-place-heading">
            <h2 id="new-place-heading">{format!("{} {area_name}", t(T::NewPlaceIn))}</h2>
            <FormAlert error />
            <ActionForm action=add node_ref=form attr:class="add-form">
                <input type="hidden" name="id" value="" />
                <input type="hidden" name="area_id" value=area_id />
                <label for="new-place">{t(T::PlainName)}</label>
                <input id="new-place" name="name" required maxlength="100" />
                <button type="submit">{t(T::Add)}</button>
                <ScopedFieldMessage scope="new-place-".to_owned() field="name" error />
            </ActionForm>
        </section>
    }
}

/// "3 incidents and 1 action", counted the way the language counts.
fn what_moves(m: &MergePreview) -> String {
    format!(
        "{} {} {}",
        count_of(m.incidents, T::IncidentOne, T::IncidentsCount),
        t(T::And),
        count_of(m.actions, T::ActionWordOne, T::ActionWordMany)
    )
}

/// "3 incidents and 1 action move from "X" to "Y". Whoever types "X" then gets "Y"."
fn preview_text(m: &MergePreview) -> String {
    let (from, into) = (quoted(&m.from), quoted(&m.into));
    format!(
        "{} {} {from} {} {into}. {} {from} {} {into}.",
        what_moves(m),
        t(T::MoveFrom),
        t(T::To),
        t(T::TypingName),
        t(T::LeadsTo),
    )
}

/// ""X" has been merged here: 3 incidents and 1 action moved, and the name now leads here."
fn merged_text(m: &MergePreview) -> String {
    format!(
        "{} {} {} {}",
        quoted(&m.from),
        t(T::MergedHere),
        what_moves(m),
        t(T::MovedSuffix)
    )
}

/// One place: its state and incidents, and what can be done to it.
#[component]
fn PlaceCard(p: ManagedPlace, acts: Acts, others: Vec<ManagedPlace>) -> impl IntoView {
    let id = p.id.to_string();
    let key = StoredValue::new(id.clone());
    let mine = move || {
        acts.last
            .get()
            .filter(|(who, _)| *who == key.get_value())
            .map(|(_, step)| step)
    };
    let error: FormError = Signal::derive(move || {
        let from_preview = (acts.previewing.get().as_deref() == Some(key.get_value().as_str()))
            .then(|| acts.preview.value().get().and_then(Result::err))
            .flatten();
        from_preview.or_else(|| {
            mine()
                .filter(|s| *s != Step::Merge)
                .and_then(|s| acts.outcome(s))
                .and_then(Result::err)
        })
    });
    let merge_error: FormError = Signal::derive(move || {
        (acts.previewing.get().as_deref() == Some(key.get_value().as_str()))
            .then(|| acts.merge.value().get().and_then(Result::err))
            .flatten()
    });
    let notice = move || {
        mine()
            .filter(|s| matches!(acts.outcome(*s), Some(Ok(()))))
            .map(|step| match step {
                Step::Merge => acts
                    .merge
                    .value()
                    .get()
                    .and_then(Result::ok)
                    .map(|m| merged_text(&m))
                    .unwrap_or_default(),
                Step::Confirm => t(T::PlaceConfirmed).to_owned(),
                Step::Rename => t(T::SavedEdit).to_owned(),
                Step::Retire => t(T::PlaceRetired).to_owned(),
                Step::Restore => t(T::PlaceRestored).to_owned(),
            })
    };
    let status = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(p) = status.get() {
            let _ = p.focus();
        }
    });
    let mark = move |step: Step| move |_| acts.last.set(Some((key.get_value(), step)));
    let (merge_box, rename_box) = (
        NodeRef::<leptos::html::Details>::new(),
        NodeRef::<leptos::html::Details>::new(),
    );
    let is_open =
        move |which: &'static str| move || acts.open.get() == Some((key.get_value(), which));
    let toggled = move |which: &'static str, node: NodeRef<leptos::html::Details>| {
        move |_| {
            let open = node.get().is_some_and(|d| d.open());
            let me = (key.get_value(), which);
            acts.open.update(|o| {
                if open {
                    *o = Some(me);
                } else if o.as_ref() == Some(&me) {
                    *o = None;
                }
            });
        }
    };
    let hidden = StoredValue::new(format!(" {}", p.name));
    let scope = StoredValue::new(format!("place-{id}-"));
    let candidates: Vec<ManagedPlace> = others
        .into_iter()
        .filter(|o| o.id != p.id && !o.retired)
        .collect();
    let preview = move || {
        (acts.previewing.get().as_deref() == Some(key.get_value().as_str()))
            .then(|| acts.preview.value().get().and_then(Result::ok))
            .flatten()
    };
    let (confirm_id, rename_id, retire_id, merge_id) =
        (id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        <li class="place-card" class:retired=p.retired>
            <p>
                <strong>{p.name.clone()}</strong>
                {p.new.then(|| view! { <span class="badge warn">{t(T::NewBadge)}</span> })}
                {p.retired.then(|| view! { <span class="badge">{t(T::Retired)}</span> })}
            </p>
            <p class="muted">{format!("{} {}", count_of(p.incidents, T::IncidentOne, T::IncidentsCount), t(T::Here))}</p>
            {(!p.aliases.is_empty()).then(|| view! {
                <p class="muted">{format!("{} {}", t(T::AlsoCalled), p.aliases.join(", "))}</p>
            })}
            {move || notice().map(|text| view! {
                <p class="notice" role="status" tabindex="-1" node_ref=status>{text}</p>
            })}
            <FormAlert error reasons=true />
            <div class="place-tools">
                {p.new.then(|| view! {
                    <ActionForm action=acts.confirm attr:class="inline">
                        <input type="hidden" name="id" value=confirm_id />
                        <button type="submit" on:click=mark(Step::Confirm)>
                            {t(T::ConfirmPlace)}<span class="visually-hidden">{hidden.get_value()}</span>
                        </button>
                    </ActionForm>
                })}
                <details class="edit" node_ref=merge_box prop:open=is_open("merge") on:toggle=toggled("merge", merge_box)>
                    <summary>{t(T::MergeInto)}<span class="visually-hidden">{hidden.get_value()}</span></summary>
                    {if candidates.is_empty() {
                        view! { <p class="hint">{t(T::NothingToMergeInto)}</p> }.into_any()
                    } else {
                        let select_id = format!("{}into", scope.get_value());
                        view! {
                            <ActionForm action=acts.preview attr:class="add-form">
                                <input type="hidden" name="id" value=merge_id.clone() />
                                <label for=select_id.clone()>{t(T::KeptPlace)}</label>
                                <select id=select_id name="into" required>
                                    <option value="">{t(T::ChoosePlace)}</option>
                                    {candidates.into_iter().map(|o| view! {
                                        <option value=o.id.to_string()>{o.name}</option>
                                    }).collect_view()}
                                </select>
                                <button type="submit" on:click=move |_| acts.previewing.set(Some(key.get_value()))>
                                    {t(T::ShowWhatMoves)}
                                </button>
                            </ActionForm>
                            <ScopedFieldMessage scope=scope.get_value() field="into" error />
                            {move || preview().map(|m| view! { <MergeConfirm m acts error=merge_error /> })}
                        }.into_any()
                    }}
                </details>
                <details class="edit" node_ref=rename_box prop:open=is_open("rename") on:toggle=toggled("rename", rename_box)>
                    <summary>{t(T::Rename)}<span class="visually-hidden">{hidden.get_value()}</span></summary>
                    <ActionForm action=acts.rename attr:class="add-form">
                        <input type="hidden" name="id" value=rename_id />
                        <input type="hidden" name="area_id" value="" />
                        <label for=format!("{}name", scope.get_value())>{t(T::NewName)}</label>
                        <input id=format!("{}name", scope.get_value()) name="name" value=p.name.clone() required maxlength="100" />
                        <button type="submit" on:click=mark(Step::Rename)>{t(T::SaveChange)}</button>
                    </ActionForm>
                    <ScopedFieldMessage scope=scope.get_value() field="name" error />
                </details>
                <ActionForm action=acts.retire attr:class="inline">
                    <input type="hidden" name="kind" value="place" />
                    <input type="hidden" name="id" value=retire_id />
                    <input type="hidden" name="retired" value=(!p.retired).to_string() />
                    {if p.retired {
                        view! { <button type="submit" on:click=mark(Step::Restore)>{t(T::Restore)}<span class="visually-hidden">{hidden.get_value()}</span></button> }.into_any()
                    } else {
                        view! { <button type="submit" class="danger" on:click=mark(Step::Retire)>{t(T::Retire)}<span class="visually-hidden">{hidden.get_value()}</span></button> }.into_any()
                    }}
                </ActionForm>
            </div>
        </li>
    }
}

/// The preview of a merge and the button that does it.
#[component]
fn MergeConfirm(m: MergePreview, acts: Acts, error: FormError) -> impl IntoView {
    let kept = m.into_id.to_string();
    view! {
        <div class="merge-preview">
            <p>{preview_text(&m)}</p>
            <ActionForm action=acts.merge attr:class="inline">
                <input type="hidden" name="id" value=m.from_id.to_string() />
                <input type="hidden" name="into" value=kept.clone() />
                <button type="submit" class="primary"
                    on:click=move |_| acts.last.set(Some((kept.clone(), Step::Merge)))>
                    {format!("{} {}", t(T::MergeNow), quoted(&m.into))}
                </button>
            </ActionForm>
            <FormAlert error />
        </div>
    }
}
