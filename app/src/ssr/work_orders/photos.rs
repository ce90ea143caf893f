//! Photos of an order's place, before and after. An upload is decoded by what its bytes are
//! (never by the name or type the browser gives), refused unless it is a JPEG, PNG or WebP
//! image within the limits, turned upright, made at most 2,048 pixels on its long side and
//! encoded anew as JPEG: nothing of the original file's metadata (GPS position, camera) is
//! kept. Served only to those who may see the order.

use std::io::Cursor;

use chrono::Utc;
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use shared::audit::{AuditAction, RecordType};
use shared::user::CurrentUser;
use shared::work_order::{MAX_PHOTO_MB, MAX_PHOTOS, OrderState, PhotoBrief, PhotoStage};
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::{Access, visible};
use crate::ssr::entities::{work_order, work_order_photo};
use crate::ssr::{Result, audit, db_err};

/// The largest upload in bytes.
pub const MAX_PHOTO_BYTES: usize = MAX_PHOTO_MB as usize * 1024 * 1024;
/// The long side of a stored photo, in pixels.
const LONG_SIDE: u32 = 2048;
/// Larger pictures are refused before they are decoded (a "decompression bomb").
const MAX_SIDE: u32 = 12_000;

/// Who may add photos: the owner's or the sender's side, until the order is withdrawn.
pub(super) fn may_add(access: Access, state: OrderState) -> bool {
    (access.sides.owner || access.sides.sender) && state != OrderState::Withdrawn
}

/// The photo as stored: a fresh JPEG, upright, without metadata, with its size.
pub fn reencode(bytes: &[u8]) -> std::result::Result<(Vec<u8>, u32, u32), FieldError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| FieldError::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(FieldError::NotAnImage);
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| FieldError::NotAnImage)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| FieldError::NotAnImage)?;
    picture.apply_orientation(orientation);
    if picture.width() > LONG_SIDE || picture.height() > LONG_SIDE {
        picture = picture.resize(LONG_SIDE, LONG_SIDE, image::imageops::FilterType::Triangle);
    }
    let rgb = picture.to_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&rgb)
        .map_err(|_| FieldError::NotAnImage)?;
    Ok((out, rgb.width(), rgb.height()))
}

/// An upload checked (present, within the size limit) and made anew off the async threads:
/// the JPEG to store with its width and height. Refusals name the field `photo`.
pub(crate) async fn prepare(bytes: Vec<u8>) -> Result<(Vec<u8>, u32, u32)> {
    if bytes.is_empty() {
        return Err(AppError::field("photo", FieldError::Required));
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(AppError::field(
            "photo",
            FieldError::TooLarge {
                max_mb: MAX_PHOTO_MB,
            },
        ));
    }
    tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| AppError::field("photo", e))
}

/// Refuses another photo on a record that has `count` of the most it may have.
pub(crate) fn room_for_one(count: u64) -> Result<()> {
    if count >= u64::from(MAX_PHOTOS) {
        Err(AppError::field(
            "photo",
            FieldError::TooMany { max: MAX_PHOTOS },
        ))
    } else {
        Ok(())
    }
}

/// Adds a photo to order `id` at `stage`. The bytes are checked and made anew before the write
/// (decoding takes time; the write turn is not held for it). Returns the photo's id.
#[tracing::instrument(skip(db, bytes), fields(user = %caller.id, size = bytes.len()), err)]
pub async fn store<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    stage: &str,
    bytes: Vec<u8>,
) -> Result<Uuid> {
    let (model, access) = visible(db, caller, id).await?;
    if !may_add(access, model.state) {
        return Err(AppError::Forbidden);
    }
    let stage =
        PhotoStage::parse(stage).ok_or_else(|| AppError::field("stage", FieldError::Invalid))?;
    let (jpeg, width, height) = prepare(bytes).await?;
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    let (model, access) = visible(&*txn, caller, id).await?;
    if !may_add(access, model.state) {
        return Err(AppError::Forbidden);
    }
    let count = work_order_photo::Entity::find()
        .filter(work_order_photo::Column::WorkOrderId.eq(id))
        .count(&*txn)
        .await
        .map_err(db_err)?;
    room_for_one(count)?;
    let photo = Uuid::now_v7();
    let side = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    work_order_photo::ActiveModel {
        id: Set(photo),
        work_order_id: Set(id),
        stage: Set(stage),
        width: Set(side(width)),
        height: Set(side(height)),
        bytes: Set(jpeg),
        created_by: Set(caller.id.0),
        created_at: Set(Utc::now()),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::WorkOrder,
        Some(id),
        Some(&json!({ "photos": count })),
        Some(&json!({ "photos": count + 1 })),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(photo)
}

/// The photos of order `m` (without their bytes), oldest first.
pub(super) async fn briefs<C: ConnectionTrait>(
    db: &C,
    m: &work_order::Model,
) -> Result<Vec<PhotoBrief>> {
    let rows: Vec<(Uuid, PhotoStage, i32, i32)> = work_order_photo::Entity::find()
        .select_only()
        .column(work_order_photo::Column::Id)
        .column(work_order_photo::Column::Stage)
        .column(work_order_photo::Column::Width)
        .column(work_order_photo::Column::Height)
        .filter(work_order_photo::Column::WorkOrderId.eq(m.id))
        .order_by_asc(work_order_photo::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let side = |v: i32| u32::try_from(v).unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(|(id, stage, w, h)| PhotoBrief {
            id: id.to_string(),
            stage,
            width: side(w),
            height: side(h),
        })
        .collect())
}

/// A photo's JPEG bytes, for those who may see its order; a photo of another order, or of an
/// order the caller may not see, answers as a missing one.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    photo: Uuid,
) -> Result<Vec<u8>> {
    let seen = visible(db, caller, id).await;
    let found = work_order_photo::Entity::find_by_id(photo)
        .one(db)
        .await
        .map_err(db_err)?;
    seen?;
    found
        .filter(|p| p.work_order_id == id)
        .map(|p| p.bytes)
        .ok_or(AppError::NotFound)
}
