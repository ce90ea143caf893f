//! Reference data: organisations, areas, places and categories. Admins add and rename them;
//! places are also created on the fly when a reporter types a new one.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::audit::{AuditAction, RecordType};
use shared::error::Issues;
use shared::ids::{AreaId, CategoryId, OrganisationId, PlaceId};
use shared::lang::Lang;
use shared::reference::{AreaDto, CategoryDto, OrganisationDto, PlaceDto, ReferenceData};
use shared::text::{Name, PlaceName};
use shared::user::{CurrentUser, OrgKind};
use shared::{AppError, FieldError};
use std::collections::HashMap;

use uuid::Uuid;

use super::entities::{area, category, organisation, place};
use super::{Result, db_err};

/// A category's name in `lang`, falling back to Swedish.
pub fn category_name(model: &category::Model, lang: Lang) -> String {
    match (lang, &model.name_en) {
        (Lang::En, Some(en)) if !en.is_empty() => en.clone(),
        _ => model.name_sv.clone(),
    }
}

/// Every category's name in `lang`, by id.
pub async fn category_names<C: ConnectionTrait>(
    db: &C,
    lang: Lang,
) -> Result<HashMap<Uuid, String>> {
    Ok(category::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| (c.id, category_name(&c, lang)))
        .collect())
}

/// Every area's name, by id.
pub async fn area_names<C: ConnectionTrait>(db: &C) -> Result<HashMap<Uuid, String>> {
    Ok(area::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}

/// Every organisation's name, by id.
pub async fn organisation_names<C: ConnectionTrait>(db: &C) -> Result<HashMap<Uuid, String>> {
    Ok(organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// The places of one area (every place when `area` is `None`) that forms offer, sorted by
/// name: without the stand-ins of anonymised incidents (`retention`), retired places and the
/// aliases of merged ones. Kept out of [`load`]: a large municipality has thousands, and only
/// the incident form needs them.
pub async fn places<C: ConnectionTrait>(db: &C, area: Option<AreaId>) -> Result<Vec<PlaceDto>> {
    let mut query = place::Entity::find()
        .filter(place::Column::Anonymous.eq(false))
        .filter(place::Column::RetiredAt.is_null())
        .filter(place::Column::MergedInto.is_null())
        .order_by_asc(place::Column::Name);
    if let Some(area) = area {
        query = query.filter(place::Column::AreaId.eq(area.0));
    }
    Ok(query
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|p| PlaceDto {
            id: PlaceId(p.id),
            area_id: AreaId(p.area_id),
            name: p.name,
        })
        .collect())
}

/// Everything the forms and filters need except places, sorted for display.
pub async fn load<C: ConnectionTrait>(db: &C, lang: Lang) -> Result<ReferenceData> {
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?;
    let areas = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?;
    let categories = category::Entity::find()
        .order_by_asc(category::Column::SortOrder)
        .order_by_asc(category::Column::NameSv)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(ReferenceData {
        organisations: organisations
            .into_iter()
            .map(|o| OrganisationDto {
                id: OrganisationId(o.id),
                name: o.name,
                kind: o.kind,
                retired: o.retired_at.is_some(),
            })
            .collect(),
        areas: areas
            .into_iter()
            .map(|a| AreaDto {
                id: AreaId(a.id),
                name: a.name,
                retired: a.retired_at.is_some(),
            })
            .collect(),
        categories: categories
            .into_iter()
            .map(|c| CategoryDto {
                id: CategoryId(c.id),
                name: category_name(&c, lang),
                name_sv: c.name_sv,
                name_en: c.name_en,
                retired: c.retired_at.is_some(),
                work_order_kind: c.work_order_kind,
                default_owner_id: c.default_owner_organisation_id.map(|o| o.to_string()),
            })
            .collect(),
        service_levels: super::work_orders::service_levels(db).await?,
    })
}

/// A unique-name clash is reported on the form field, not as a bare conflict.
fn taken_on(field: &'static str) -> impl Fn(AppError) -> AppError {
    move |err| match err {
        AppError::Conflict => AppError::field(field, FieldError::Taken),
        other => other,
    }
}

fn parse_id(text: &str) -> Result<Option<Uuid>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(text.trim())
        .map(Some)
        .map_err(|_| AppError::NotFound)
}

/// Creates (empty `id`) or renames an organisation.
pub async fn save_organisation<C: ConnectionTrait>(
    db: &C,
    id: &str,
    name: &str,
    kind: &str,
) -> Result<OrganisationId> {
    let mut issues = Issues::default();
    let name = issues.check("name", Name::parse(name));
    let kind = issues.check("kind", OrgKind::parse(kind).ok_or(FieldError::Invalid));
    let (name, kind) = issues.finish(|| Some((name?, kind?)))?;
    let model = match parse_id(id)? {
        Some(id) => {
            let found = organisation::Entity::find_by_id(id)
                .one(db)
                .await
                .map_err(db_err)?;
            let mut active: organisation::ActiveModel = found.ok_or(AppError::NotFound)?.into();
            active.name = Set(name.into_inner());
            active.kind = Set(kind);
            active.update(db).await
        }
        None => {
            organisation::ActiveModel {
                id: Set(Uuid::now_v7()),
                name: Set(name.into_inner()),
                kind: Set(kind),
                created_at: Set(Utc::now()),
                retired_at: Set(None),
            }
            .insert(db)
            .await
        }
    };
    model
        .inspect(|_| super::views::changed())
        .map(|m| OrganisationId(m.id))
        .map_err(db_err)
        .map_err(taken_on("name"))
}

/// Creates (empty `id`) or renames an area.
pub async fn save_area<C: ConnectionTrait>(db: &C, id: &str, name: &str) -> Result<AreaId> {
    let name = Name::parse(name).map_err(|e| AppError::field("name", e))?;
    let model = match parse_id(id)? {
        Some(id) => {
            let found = area::Entity::find_by_id(id).one(db).await.map_err(db_err)?;
            let mut active: area::ActiveModel = found.ok_or(AppError::NotFound)?.into();
            active.name = Set(name.into_inner());
            active.update(db).await
        }
        None => {
            area::ActiveModel {
                id: Set(Uuid::now_v7()),
                name: Set(name.into_inner()),
                created_at: Set(Utc::now()),
                retired_at: Set(None),
            }
            .insert(db)
            .await
        }
    };
    model
        .inspect(|_| super::views::changed())
        .map(|m| AreaId(m.id))
        .map_err(db_err)
        .map_err(taken_on("name"))
}

/// Creates (empty `id`) a place in an area, or renames one.
pub async fn save_place<C: ConnectionTrait>(
    db: &C,
    id: &str,
    area_id: &str,
    name: &str,
) -> Result<PlaceId> {
    let name = PlaceName::parse(name).map_err(|e| AppError::field("name", e))?;
    let model = match parse_id(id)? {
        Some(id) => {
            let found = place::Entity::find_by_id(id)
                .one(db)
                .await
                .map_err(db_err)?;
            let mut active: place::ActiveModel = found.ok_or(AppError::NotFound)?.into();
            active.name_key = Set(place::name_key(name.as_str()));
            active.name = Set(name.into_inner());
            active.update(db).await
        }
        None => {
            let area = AreaId::parse(area_id).map_err(|e| AppError::field("area_id", e))?;
            ensure_area(db, area).await?;
            new_place(area, &name, true).insert(db).await
        }
    };
    model
        .inspect(|_| super::views::changed())
        .map(|m| PlaceId(m.id))
        .map_err(db_err)
        .map_err(taken_on("name"))
}

/// Creates (empty `id`) or renames a category.
pub async fn save_category<C: ConnectionTrait>(
    db: &C,
    id: &str,
    name_sv: &str,
    name_en: &str,
) -> Result<CategoryId> {
    let mut issues = Issues::default();
    let sv = issues.check("name_sv", Name::parse(name_sv));
    let en = if name_en.trim().is_empty() {
        Some(None)
    } else {
        issues.check("name_en", Name::parse(name_en).map(Some))
    };
    let (sv, en) = issues.finish(|| Some((sv?, en?)))?;
    let en = en.map(Name::into_inner);
    let model = match parse_id(id)? {
        Some(id) => {
            let found = category::Entity::find_by_id(id)
                .one(db)
                .await
                .map_err(db_err)?;
            let mut active: category::ActiveModel = found.ok_or(AppError::NotFound)?.into();
            active.name_sv = Set(sv.into_inner());
            active.name_en = Set(en);
            active.update(db).await
        }
        None => {
            category::ActiveModel {
                id: Set(Uuid::now_v7()),
                code: Set(None),
                name_sv: Set(sv.into_inner()),
                name_en: Set(en),
                sort_order: Set(1000),
                created_at: Set(Utc::now()),
                retired_at: Set(None),
                default_owner_organisation_id: Set(None),
                work_order_kind: Set(None),
            }
            .insert(db)
            .await
        }
    };
    model
        .inspect(|_| super::views::changed())
        .map(|m| CategoryId(m.id))
        .map_err(db_err)
        .map_err(taken_on("name_sv"))
}

/// A new place row called `name` in `area`: confirmed when an admin or the demo made it, not
/// yet when it was first typed in a form.
fn new_place(area: AreaId, name: &PlaceName, confirmed: bool) -> place::ActiveModel {
    place::ActiveModel {
        id: Set(Uuid::now_v7()),
        area_id: Set(area.0),
        name: Set(name.as_str().to_owned()),
        name_key: Set(place::name_key(name.as_str())),
        created_at: Set(Utc::now()),
        anonymous: Set(false),
        retired_at: Set(None),
        merged_into: Set(None),
        owner_organisation_id: Set(None),
        confirmed: Set(confirmed),
    }
}

/// Refuses (on `field`) retired reference data chosen for new work; a record that already
/// has it (`kept`) may keep it.
pub fn refuse_retired(
    field: &str,
    retired_at: Option<chrono::DateTime<Utc>>,
    kept: bool,
) -> Result<()> {
    match retired_at {
        Some(_) if !kept => Err(AppError::field(field, FieldError::Retired)),
        _ => Ok(()),
    }
}

/// The area, or `Unknown` on `area_id`.
pub async fn ensure_area<C: ConnectionTrait>(db: &C, area: AreaId) -> Result<area::Model> {
    area::Entity::find_by_id(area.0)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("area_id", FieldError::Unknown))
}

/// The category, or `Unknown` on `category_id`.
pub async fn ensure_category<C: ConnectionTrait>(
    db: &C,
    category: CategoryId,
) -> Result<category::Model> {
    category::Entity::find_by_id(category.0)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("category_id", FieldError::Unknown))
}

/// The place called `name` in `area` (ignoring case), if there is one. A name merged into
/// another place leads to that place.
pub async fn find_place<C: ConnectionTrait>(
    db: &C,
    area: AreaId,
    name: &PlaceName,
) -> Result<Option<place::Model>> {
    let found = place::Entity::find()
        .filter(place::Column::AreaId.eq(area.0))
        .filter(place::Column::NameKey.eq(place::name_key(name.as_str())))
        .one(db)
        .await
        .map_err(db_err)?;
    match found.as_ref().and_then(|p| p.merged_into) {
        Some(kept) => place::Entity::find_by_id(kept)
            .one(db)
            .await
            .map_err(db_err),
        None => Ok(found),
    }
}

/// The place called `name` in `area` (ignoring case), created if it does not exist yet (and
/// then `confirmed` or not). Two people reporting the same new place at once both get it: the
/// second insert gives way (`ON CONFLICT DO NOTHING`, which on PostgreSQL waits for the first
/// to commit) and reads it.
pub async fn find_or_create_place<C: ConnectionTrait>(
    db: &C,
    area: AreaId,
    name: &PlaceName,
    confirmed: bool,
) -> Result<place::Model> {
    Ok(find_or_insert_place(db, area, name, confirmed).await?.0)
}

/// The place a person typed in a form, created unconfirmed (for the place list's review) if it
/// is new, with its audit event in the caller's write.
pub async fn typed_place<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    area: AreaId,
    name: &PlaceName,
) -> Result<place::Model> {
    let (found, created) = find_or_insert_place(db, area, name, false).await?;
    if created {
        let area_name = ensure_area(db, area).await?.name;
        let after = serde_json::json!({
            "kind": "place",
            "name": found.name,
            "area": area_name,
            "confirmed": false,
            "retired": false,
        });
        super::audit::record(
            db,
            caller.into(),
            AuditAction::Create,
            RecordType::ReferenceData,
            Some(found.id),
            None,
            Some(&after),
        )
        .await?;
    }
    Ok(found)
}

/// The place, and whether this call created it.
async fn find_or_insert_place<C: ConnectionTrait>(
    db: &C,
    area: AreaId,
    name: &PlaceName,
    confirmed: bool,
) -> Result<(place::Model, bool)> {
    if let Some(p) = find_place(db, area, name).await? {
        return Ok((p, false));
    }
    let on_conflict = OnConflict::columns([place::Column::AreaId, place::Column::NameKey])
        .do_nothing()
        .to_owned();
    let inserted = match place::Entity::insert(new_place(area, name, confirmed))
        .on_conflict(on_conflict)
        .exec_without_returning(db)
        .await
    {
        Ok(rows) => rows > 0,
        Err(sea_orm::DbErr::RecordNotInserted) => false,
        Err(e) => return Err(db_err(e)),
    };
    let found = find_place(db, area, name)
        .await?
        .ok_or(AppError::Internal)?;
    Ok((found, inserted))
}
