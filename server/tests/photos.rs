//! Photos on work orders over HTTP: a browser's form post (multipart, no JavaScript) and a
//! script's upload, what is refused and how each is told, who may see a photo, and the body
//! limits (the upload route's own, and the small one everything else keeps).

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION, ORIGIN};
use serde_json::Value;
use shared::work_order::{MAX_PHOTO_MB, MAX_PHOTOS};

mod common;

use common::*;

const STREETS: &str = "Gatu- och parkavdelningen";
const BOUNDARY: &str = "----samverkan-test-7d1f3a9c";
/// The upload route's limit: the photo and the form around it (`server/src/photos.rs`).
const MAX_UPLOAD_BYTES: usize = samverkan_server::photos::MAX_UPLOAD_BYTES;
const MAX_PHOTO_BYTES: usize = MAX_PHOTO_MB as usize * 1024 * 1024;

/// One part of a multipart form: a field, or a file with its name and type.
struct Part<'a> {
    name: &'a str,
    file: Option<(&'a str, &'a str)>,
    bytes: &'a [u8],
}

fn field<'a>(name: &'a str, value: &'a str) -> Part<'a> {
    Part {
        name,
        file: None,
        bytes: value.as_bytes(),
    }
}

fn file<'a>(filename: &'a str, content_type: &'a str, bytes: &'a [u8]) -> Part<'a> {
    Part {
        name: "photo",
        file: Some((filename, content_type)),
        bytes,
    }
}

/// A `multipart/form-data` body as a browser sends it.
fn multipart(parts: &[Part]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part.file {
            Some((filename, content_type)) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{}\"; filename=\"{filename}\"\r\n\
                     Content-Type: {content_type}\r\n\r\n",
                    part.name
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{}\"\r\n\r\n",
                    part.name
                )
                .as_bytes(),
            ),
        }
        body.extend_from_slice(part.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts `body` to the order's photos from the app's own page: as a browser's form post, or
/// as a script that asks for JSON.
async fn post_body(app: &TestApp, order: &str, body: Vec<u8>, json: bool) -> reqwest::Response {
    post_to(app, &format!("/work-orders/{order}/photos"), body, json).await
}

async fn post_to(app: &TestApp, path: &str, body: Vec<u8>, json: bool) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header(ORIGIN, app.base.as_str())
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body);
    request = if json {
        request.header(ACCEPT, "application/json")
    } else {
        request.header(ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
    };
    request.send().await.expect("upload")
}

async fn upload(app: &TestApp, order: &str, parts: &[Part<'_>], json: bool) -> reqwest::Response {
    post_body(app, order, multipart(parts), json).await
}

/// Where a form post was sent back to.
fn location(res: &reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{res:?}");
    res.headers()[LOCATION]
        .to_str()
        .expect("location")
        .to_owned()
}

/// A PNG picture of `width` × `height`.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 4 % 256) as u8, (y * 5 % 256) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

/// A browser signed in as `email`.
async fn signed_in(app: &TestApp, email: &str) -> TestApp {
    let browser = app.browser();
    let res = browser.sign_in(email).await;
    assert_eq!(res.status(), StatusCode::OK, "signing in as {email}");
    browser
}

async fn ok_json(res: reqwest::Response, what: &str) -> Value {
    let status = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "{what}: {text}");
    serde_json::from_str(&text).expect("json")
}

/// A graffiti order sent by the coordinator to street and parks from a new police incident.
async fn streets_order(app: &TestApp) -> String {
    let police = signed_in(app, "police@example.org").await;
    let form = incident_form(&police, "Klotter på gaveln mot gångvägen.").await;
    let incident = ok_json(
        police.call("incidents/save", &as_pairs(&form)).await,
        "incident",
    )
    .await;
    let incident = incident.as_str().expect("incident id");
    let coordinator = signed_in(app, "coordinator@example.org").await;
    let streets = id_of(&coordinator.reference().await, "organisations", STREETS);
    let order = ok_json(
        coordinator
            .call(
                "work-orders/create",
                &[
                    ("incident_ids[0]", incident),
                    ("kind", "graffiti"),
                    ("priority", "normal"),
                    ("owner_organisation_id", &streets),
                    ("description", "Klotter på gaveln, behöver saneras."),
                ],
            )
            .await,
        "work order",
    )
    .await;
    order.as_str().expect("work order id").to_owned()
}

/// The photos on the order's page, as `viewer` sees it.
async fn photos_of(viewer: &TestApp, order: &str) -> Vec<Value> {
    let detail = ok_json(
        viewer.call("work-orders/get", &[("id", order)]).await,
        "work order",
    )
    .await;
    detail["photos"].as_array().expect("photos").clone()
}

async fn get_photo(app: &TestApp, order: &str, photo: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/work-orders/{order}/photos/{photo}")))
        .send()
        .await
        .expect("photo")
}

/// Status, type and body: what tells one answer from another.
async fn answer(res: reqwest::Response) -> (StatusCode, Option<String>, Vec<u8>) {
    let kind = res
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().expect("type").to_owned());
    (
        res.status(),
        kind,
        res.bytes().await.expect("body").to_vec(),
    )
}

#[tokio::test]
async fn a_handler_adds_a_photo_from_the_form_and_it_is_served_as_a_fresh_jpeg_to_those_who_may_see_it()
 {
    for (backend, app) in apps().await {
        let order = streets_order(&app).await;
        let streets = signed_in(&app, "streets@example.org").await;
        let picture = png(64, 48);

        let res = upload(
            &streets,
            &order,
            &[
                field("stage", "before"),
                file("gaveln.png", "image/png", &picture),
            ],
            false,
        )
        .await;
        assert_eq!(
            location(&res),
            format!("/work-orders/{order}?photo=saved"),
            "{backend}"
        );
        let photos = photos_of(&streets, &order).await;
        assert_eq!(photos.len(), 1, "{backend}: {photos:?}");
        assert_eq!(photos[0]["stage"], "Before", "{backend}");
        assert_eq!(
            (&photos[0]["width"], &photos[0]["height"]),
            (&Value::from(64), &Value::from(48)),
            "{backend}"
        );
        let photo = photos[0]["id"].as_str().expect("photo id").to_owned();

        // Served as a JPEG made anew, never as the file that was sent.
        let res = get_photo(&streets, &order, &photo).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend}");
        let h = res.headers().clone();
        assert_eq!(h[CONTENT_TYPE], "image/jpeg", "{backend}");
        assert_eq!(
            h["content-disposition"],
            format!("inline; filename=\"arbetsorder-{photo}.jpg\"").as_str(),
            "{backend}"
        );
        assert_eq!(h["cache-control"], "private, no-store", "{backend}");
        assert_eq!(
            h["cross-origin-resource-policy"], "same-origin",
            "{backend}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{backend}");
        assert!(h.get("content-encoding").is_none(), "{backend}");
        let jpeg = res.bytes().await.expect("jpeg");
        assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "{backend}: a JPEG");
        let decoded = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg)
            .expect("a whole JPEG");
        assert_eq!((decoded.width(), decoded.height()), (64, 48), "{backend}");

        // The sender's side sees it too.
        let coordinator = signed_in(&app, "coordinator@example.org").await;
        let res = get_photo(&coordinator, &order, &photo).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend}");

        // Another organisation's handler learns nothing: the photo answers as a missing one.
        let property = signed_in(&app, "property@example.org").await;
        let hidden = answer(get_photo(&property, &order, &photo).await).await;
        let missing =
            answer(get_photo(&streets, &order, &uuid::Uuid::now_v7().to_string()).await).await;
        assert_eq!(hidden.0, StatusCode::NOT_FOUND, "{backend}");
        assert_eq!(hidden, missing, "{backend}");
        // Nor does the photo answer under another order, or an id that is no id.
        let other = streets_order(&app).await;
        let elsewhere = answer(get_photo(&streets, &other, &photo).await).await;
        assert_eq!(elsewhere, missing, "{backend}");
        let garbled = answer(get_photo(&streets, &order, "not-an-id").await).await;
        assert_eq!(garbled, missing, "{backend}");
        // And that handler may not add one either.
        let res = upload(
            &property,
            &order,
            &[
                field("stage", "before"),
                file("p.png", "image/png", &picture),
            ],
            true,
        )
        .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend}");

        // Signed out: 401 for the photo and for an upload, which stores nothing.
        let nobody = app.browser();
        let res = get_photo(&nobody, &order, &photo).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{backend}");
        for json in [false, true] {
            let res = upload(
                &nobody,
                &order,
                &[
                    field("stage", "after"),
                    file("p.png", "image/png", &picture),
                ],
                json,
            )
            .await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{backend}");
        }

        // From another site the guard refuses it as any other change.
        for origin in ["http://evil.example", "null"] {
            let res = streets
                .client
                .post(streets.url(&format!("/work-orders/{order}/photos")))
                .header(ORIGIN, origin)
                .header(
                    CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(multipart(&[
                    field("stage", "after"),
                    file("p.png", "image/png", &picture),
                ]))
                .send()
                .await
                .expect("upload");
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend}: {origin}");
        }
        assert_eq!(photos_of(&streets, &order).await.len(), 1, "{backend}");
    }
}

#[tokio::test]
async fn a_refused_upload_says_why_on_the_page_or_as_json_and_stores_nothing() {
    for (backend, app) in apps().await {
        let order = streets_order(&app).await;
        let streets = signed_in(&app, "streets@example.org").await;
        let refused = |code: &str| format!("/work-orders/{order}?photo_error={code}");

        // A text file that calls itself a JPEG.
        let text = b"Det h\xc3\xa4r \xc3\xa4r ingen bild, bara text.\n".repeat(20);
        let fake = [
            field("stage", "before"),
            file("photo.jpg", "image/jpeg", &text),
        ];
        let res = upload(&streets, &order, &fake, false).await;
        assert_eq!(location(&res), refused("not_an_image"), "{backend}");
        let res = upload(&streets, &order, &fake, true).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let error: Value = res.json().await.expect("error json");
        assert!(
            error.to_string().contains("NotAnImage") && error.to_string().contains("photo"),
            "{backend}: {error}"
        );

        // No file, or a stage that is neither before nor after.
        let picture = png(40, 30);
        let res = upload(&streets, &order, &[field("stage", "before")], false).await;
        assert_eq!(location(&res), refused("required"), "{backend}");
        let res = upload(
            &streets,
            &order,
            &[
                field("stage", "during"),
                file("a.png", "image/png", &picture),
            ],
            false,
        )
        .await;
        assert_eq!(location(&res), refused("invalid"), "{backend}");

        // A photo just over 10 MiB: read, and refused by its size.
        let mut big = png(40, 30);
        big.resize(MAX_PHOTO_BYTES + 1, 0);
        let over = [
            field("stage", "before"),
            file("stor.png", "image/png", &big),
        ];
        let res = upload(&streets, &order, &over, false).await;
        assert_eq!(location(&res), refused("too_large"), "{backend}");
        let res = upload(&streets, &order, &over, true).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let error: Value = res.json().await.expect("error json");
        assert!(error.to_string().contains("TooLarge"), "{backend}: {error}");

        // A body over the route's limit is cut off before it is read: a form post still
        // gets its page with the message, a script the 413.
        big.resize(MAX_UPLOAD_BYTES + 1, 0);
        let body = multipart(&[
            field("stage", "before"),
            file("stor.png", "image/png", &big),
        ]);
        let res = post_body(&streets, &order, body.clone(), false).await;
        assert_eq!(location(&res), refused("too_large"), "{backend}");
        let res = post_body(&streets, &order, body, true).await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "{backend}");
        assert!(photos_of(&streets, &order).await.is_empty(), "{backend}");

        // Five photos, by a script; the sixth is one too many.
        for i in 0..MAX_PHOTOS {
            let stage = if i < 2 { "before" } else { "after" };
            let res = upload(
                &streets,
                &order,
                &[field("stage", stage), file("a.png", "image/png", &picture)],
                true,
            )
            .await;
            let saved = ok_json(res, "photo").await;
            assert!(
                saved["id"]
                    .as_str()
                    .is_some_and(|id| uuid::Uuid::parse_str(id).is_ok()),
                "{backend}: {saved}"
            );
        }
        let sixth = [
            field("stage", "after"),
            file("a.png", "image/png", &picture),
        ];
        let res = upload(&streets, &order, &sixth, false).await;
        assert_eq!(location(&res), refused("too_many"), "{backend}");
        let res = upload(&streets, &order, &sixth, true).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let photos = photos_of(&streets, &order).await;
        assert_eq!(photos.len(), MAX_PHOTOS as usize, "{backend}");
        let stages: Vec<&str> = photos.iter().filter_map(|p| p["stage"].as_str()).collect();
        assert_eq!(
            stages,
            ["Before", "Before", "After", "After", "After"],
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_rest_of_the_app_keeps_its_small_body_limit() {
    for (backend, app) in apps().await {
        let order = streets_order(&app).await;
        let streets = signed_in(&app, "streets@example.org").await;
        let huge = "a".repeat(300 * 1024);
        // A server function, a page and a path nothing answers: all cut off at 256 KiB.
        let res = streets
            .call("work-orders/get", &[("id", order.as_str()), ("x", &huge)])
            .await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "{backend}");
        for path in [
            format!("/work-orders/{order}"),
            "/no-such-page".to_owned(),
            format!("/work-orders/{order}/photos/x/y"),
        ] {
            let res = streets
                .client
                .post(streets.url(&path))
                .header(ORIGIN, streets.base.as_str())
                .form(&[("x", huge.as_str())])
                .send()
                .await
                .expect("request");
            assert_eq!(
                res.status(),
                StatusCode::PAYLOAD_TOO_LARGE,
                "{backend}: {path}"
            );
        }
        // Within it, the same call is answered.
        let res = streets.call("work-orders/get", &[("id", &order)]).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend}");
        // The photo route takes more: a picture over the small limit is kept.
        let mut noisy = image::RgbImage::new(400, 300);
        let mut seed = 0x2545_f491_u32;
        for pixel in noisy.pixels_mut() {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            *pixel = image::Rgb(seed.to_le_bytes()[..3].try_into().expect("three"));
        }
        let mut out = std::io::Cursor::new(Vec::new());
        noisy
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("png");
        let picture = out.into_inner();
        assert!(picture.len() > 300 * 1024, "{}", picture.len());
        let res = upload(
            &streets,
            &order,
            &[
                field("stage", "before"),
                file("brus.png", "image/png", &picture),
            ],
            true,
        )
        .await;
        ok_json(res, "a large photo").await;
    }
}

#[tokio::test]
async fn a_photo_of_a_walks_observation_is_kept_for_walkers_and_goes_with_it_to_its_order() {
    for (backend, app) in apps().await {
        let coordinator = signed_in(&app, "coordinator@example.org").await;
        let reference = coordinator.reference().await;
        let walk = ok_json(
            coordinator
                .call(
                    "walks/plan",
                    &[
                        ("area_id", &id_of(&reference, "areas", "Rimbo")),
                        (
                            "planned_for",
                            &app::ssr::time::now_local().date().to_string(),
                        ),
                        ("participants", "Polisen och fritidsgården"),
                    ],
                )
                .await,
            "walk",
        )
        .await;
        let walk = walk.as_str().expect("walk id").to_owned();
        let police = signed_in(&app, "police@example.org").await;
        let obs = uuid::Uuid::now_v7().to_string();
        ok_json(
            police
                .call(
                    "walks/observe",
                    &[
                        ("id", &obs),
                        ("walk_id", &walk),
                        ("place", "Gångtunneln"),
                        ("kind", "lighting"),
                        ("note", "Mörkt i hela tunneln."),
                    ],
                )
                .await,
            "observation",
        )
        .await;
        let path = format!("/walks/{walk}/observations/{obs}/photos");
        let send = |who: &TestApp, bytes: Vec<u8>, name: &'static str| {
            let body = multipart(&[file(name, "image/png", &bytes)]);
            let (who, path) = (who.clone(), path.clone());
            async move { post_to(&who, &path, body, false).await }
        };
        // Its recorder adds one from the form and is sent back to the observation.
        let res = send(&police, png(40, 30), "tunnel.png").await;
        assert_eq!(
            location(&res),
            format!("/walks/{walk}?photo=saved&obs={obs}#obs-{obs}"),
            "{backend}"
        );
        // Not a picture: told on the page; someone else's observation: refused.
        let res = send(&police, b"not a picture".to_vec(), "fake.png").await;
        assert_eq!(
            location(&res),
            format!("/walks/{walk}?photo_error=not_an_image&obs={obs}#obs-{obs}")
        );
        let school = signed_in(&app, "school@example.org").await;
        let res = send(&school, png(10, 10), "school.png").await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend}");

        let detail = ok_json(school.call("walks/get", &[("id", &walk)]).await, "walk").await;
        let photos = detail["observations"][0]["photos"]
            .as_array()
            .expect("photos")
            .clone();
        assert_eq!(photos.len(), 1, "{backend}");
        let photo = photos[0][0].as_str().expect("photo id").to_owned();
        let url = format!("/walks/observations/{obs}/photos/{photo}");
        let seen = school
            .client
            .get(school.url(&url))
            .send()
            .await
            .expect("photo");
        assert_eq!(seen.status(), StatusCode::OK);
        assert_eq!(seen.headers()["cache-control"], "private, no-store");
        let (_, kind, bytes) = answer(seen).await;
        assert_eq!(kind.as_deref(), Some("image/jpeg"));
        assert!(bytes.starts_with(&[0xFF, 0xD8]), "a fresh JPEG ({backend})");
        let manager = signed_in(&app, "manager@example.org").await;
        let refused = manager
            .client
            .get(manager.url(&url))
            .send()
            .await
            .expect("photo");
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let stranger = app.client.get(app.url(&url)).send().await.expect("photo");
        assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED, "{backend}");

        // Sent as an order, its photo is the order's "before" photo.
        let streets = id_of(&reference, "organisations", STREETS);
        ok_json(
            coordinator
                .call(
                    "walks/orders",
                    &[
                        ("id", walk.as_str()),
                        ("picked[0]", obs.as_str()),
                        ("owners[0]", &format!("{obs}:{streets}")),
                    ],
                )
                .await,
            "orders",
        )
        .await;
        let detail = ok_json(
            coordinator.call("walks/get", &[("id", &walk)]).await,
            "walk",
        )
        .await;
        let order = detail["observations"][0]["order"]["id"]
            .as_str()
            .expect("order")
            .to_owned();
        let handler = signed_in(&app, "streets@example.org").await;
        let on_order = photos_of(&handler, &order).await;
        assert_eq!(on_order.len(), 1, "{backend}");
        assert_eq!(on_order[0]["stage"], "Before");
    }
}
