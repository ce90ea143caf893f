//! Photos on work orders: only real JPEG, PNG or WebP images within the limits are kept, made
//! anew without the original's metadata, and shown only to those who may see the order.

mod common;

use app::ssr::entities::{audit_event, work_order_photo};
use app::ssr::testing::databases;
use app::ssr::work_orders::photos::{self, MAX_PHOTO_BYTES};
use app::ssr::{incidents, work_orders};
use common::{Owners, World, input, owners, world};
use image::{ImageFormat, RgbImage};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::work_order::{MAX_PHOTOS, StepInput, WorkOrderInput};
use shared::{AppError, FieldError};
use uuid::Uuid;

/// A small picture in `format`.
fn picture(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 40) as u8, (y * 60) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encoded");
    out.into_inner()
}

/// A JPEG with an Exif segment that names a GPS position and a camera.
fn jpeg_with_exif() -> Vec<u8> {
    let plain = picture(ImageFormat::Jpeg, 8, 6);
    let mut payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0".to_vec();
    payload.extend_from_slice(b"GPSLatitude 59.7571 Camera-Model-Pixel-9");
    let len = u16::try_from(payload.len() + 2).expect("short");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&plain[2..]);
    out
}

async fn order(w: &World, o: &Owners) -> Uuid {
    let incident = incidents::create(&w.db, &w.police, &input(w.rimbo, w.graffiti, "Gaveln"))
        .await
        .expect("incident");
    let order = WorkOrderInput {
        incident_ids: vec![incident.to_string()],
        kind: "graffiti".into(),
        priority: "normal".into(),
        owner_organisation_id: o.gata.to_string(),
        description: "Klotter på gaveln.".into(),
        keep_name: false,
        ..Default::default()
    };
    work_orders::create(&w.db, &w.police, &order)
        .await
        .expect("sent")
}

async fn stored(w: &World) -> (u64, u64) {
    (
        work_order_photo::Entity::find()
            .count(&w.db)
            .await
            .expect("count"),
        audit_event::Entity::find()
            .count(&w.db)
            .await
            .expect("count"),
    )
}

fn refusal(result: Result<Uuid, AppError>) -> FieldError {
    result
        .expect_err("refused")
        .issue_for("photo")
        .cloned()
        .expect("a message on the photo field")
}

#[tokio::test]
async fn real_images_are_kept_as_fresh_jpegs_and_anything_else_is_refused_storing_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let id = order(&w, &o).await;

        for format in [ImageFormat::Png, ImageFormat::WebP] {
            let photo = photos::store(&w.db, &o.gata_handler, id, "before", picture(format, 5, 4))
                .await
                .expect("kept");
            let bytes = photos::get(&w.db, &w.police, id, photo)
                .await
                .expect("shown");
            assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "{backend}: a JPEG");
        }
        let exif = photos::store(&w.db, &w.police, id, "after", jpeg_with_exif())
            .await
            .expect("kept");
        let kept = photos::get(&w.db, &w.police, id, exif)
            .await
            .expect("shown");
        let text = String::from_utf8_lossy(&kept);
        assert!(!text.contains("Exif"), "{backend}: metadata gone");
        assert!(
            !text.contains("GPSLatitude") && !text.contains("Pixel-9"),
            "{backend}"
        );

        let before = stored(&w).await;
        let fake = b"%PDF-1.7 not a picture at all".to_vec();
        assert_eq!(
            refusal(photos::store(&w.db, &w.police, id, "before", fake).await),
            FieldError::NotAnImage,
            "{backend}"
        );
        let text_named_jpg = b"Hej, det har ar text".to_vec();
        assert_eq!(
            refusal(photos::store(&w.db, &w.police, id, "before", text_named_jpg).await),
            FieldError::NotAnImage
        );
        let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;".to_vec();
        assert_eq!(
            refusal(photos::store(&w.db, &w.police, id, "before", gif).await),
            FieldError::NotAnImage,
            "{backend}: only JPEG, PNG and WebP"
        );
        let huge = vec![0xFF; MAX_PHOTO_BYTES + 1];
        assert_eq!(
            refusal(photos::store(&w.db, &w.police, id, "before", huge).await),
            FieldError::TooLarge { max_mb: 10 }
        );
        assert_eq!(
            refusal(photos::store(&w.db, &w.police, id, "before", Vec::new()).await),
            FieldError::Required
        );
        let bad_stage = photos::store(
            &w.db,
            &w.police,
            id,
            "during",
            picture(ImageFormat::Png, 2, 2),
        )
        .await;
        assert_eq!(
            bad_stage.expect_err("refused").issue_for("stage"),
            Some(&FieldError::Invalid)
        );
        assert_eq!(
            stored(&w).await,
            before,
            "{backend}: refusals store nothing"
        );

        photos::store(
            &w.db,
            &w.police,
            id,
            "before",
            picture(ImageFormat::Png, 2, 2),
        )
        .await
        .expect("the fourth");
        photos::store(
            &w.db,
            &w.police,
            id,
            "before",
            picture(ImageFormat::Png, 2, 2),
        )
        .await
        .expect("the fifth");
        assert_eq!(
            refusal(
                photos::store(
                    &w.db,
                    &w.police,
                    id,
                    "after",
                    picture(ImageFormat::Png, 2, 2)
                )
                .await
            ),
            FieldError::TooMany { max: MAX_PHOTOS },
            "{backend}"
        );
        let detail = work_orders::get(&w.db, &w.police, id, shared::lang::Lang::Sv)
            .await
            .expect("detail");
        assert_eq!(detail.photos.len(), 5, "{backend}");
    }
}

#[tokio::test]
async fn large_photos_are_made_smaller_and_turned_nothing_else() {
    let (jpeg, w, h) = photos::reencode(&picture(ImageFormat::Png, 3000, 1500)).expect("kept");
    assert_eq!((w, h), (2048, 1024));
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let (_, w, h) = photos::reencode(&picture(ImageFormat::Png, 40, 30)).expect("kept");
    assert_eq!((w, h), (40, 30), "small ones keep their size");
}

#[tokio::test]
async fn only_those_who_may_see_the_order_see_or_add_its_photos() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let o = owners(&w).await;
        let id = order(&w, &o).await;
        let photo = photos::store(
            &w.db,
            &o.gata_handler,
            id,
            "before",
            picture(ImageFormat::Png, 4, 4),
        )
        .await
        .expect("kept");
        let other = order(&w, &o).await;

        assert!(
            photos::get(&w.db, &w.coordinator, id, photo).await.is_ok(),
            "{backend}"
        );
        // Another organisation's handler, a manager, a third organisation: as if it were missing.
        for who in [&o.fastighet_handler, &w.manager, &w.school] {
            assert_eq!(
                photos::get(&w.db, who, id, photo).await,
                Err(AppError::NotFound),
                "{backend}"
            );
            assert_eq!(
                photos::store(&w.db, who, id, "before", picture(ImageFormat::Png, 2, 2)).await,
                Err(AppError::NotFound)
            );
        }
        assert_eq!(
            photos::get(&w.db, &w.police, other, photo).await,
            Err(AppError::NotFound),
            "{backend}: a photo of another order"
        );
        assert_eq!(
            photos::get(&w.db, &w.police, id, Uuid::now_v7()).await,
            Err(AppError::NotFound)
        );
        // Admins read but take no side; a withdrawn order takes no more photos.
        assert_eq!(
            photos::store(
                &w.db,
                &w.admin,
                id,
                "before",
                picture(ImageFormat::Png, 2, 2)
            )
            .await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        let withdraw = StepInput {
            step: "withdraw".into(),
            ..StepInput::default()
        };
        work_orders::step(&w.db, &w.police, other, &withdraw)
            .await
            .expect("withdrawn");
        assert_eq!(
            photos::store(
                &w.db,
                &w.police,
                other,
                "before",
                picture(ImageFormat::Png, 2, 2)
            )
            .await,
            Err(AppError::Forbidden)
        );
        let count = work_order_photo::Entity::find()
            .filter(work_order_photo::Column::WorkOrderId.eq(other))
            .count(&w.db)
            .await
            .expect("count");
        assert_eq!(count, 0, "{backend}");
    }
}
