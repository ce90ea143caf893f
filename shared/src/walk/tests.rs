use chrono::NaiveDate;
use uuid::Uuid;

use super::*;
use crate::error::{AppError, FieldError};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a day")
}

fn issue(e: &AppError, field: &str) -> Option<FieldError> {
    e.issue_for(field).cloned()
}

fn observation() -> ObservationInput {
    ObservationInput {
        id: Uuid::from_u128(7).to_string(),
        walk_id: Uuid::from_u128(1).to_string(),
        place: "Gångtunneln vid stationen".into(),
        kind: "lighting".into(),
        note: "Två lampor trasiga, mörkt hela tunneln.".into(),
        ..Default::default()
    }
}

#[test]
fn a_walk_needs_an_area_a_day_within_a_year_and_participants() {
    let today = day("2026-12-04");
    let ok = WalkInput {
        area_id: Uuid::from_u128(3).to_string(),
        planned_for: "2026-12-10".into(),
        participants: "Polisen, Norrtäljehem, fritidsgården".into(),
    };
    let v = ok.validate(today).expect("valid");
    assert_eq!(v.planned_for, day("2026-12-10"));
    // Written up afterwards is fine too.
    let after = WalkInput {
        planned_for: "2026-11-20".into(),
        ..ok.clone()
    };
    assert!(after.validate(today).is_ok());
    let bad = WalkInput {
        area_id: String::new(),
        planned_for: "2028-01-01".into(),
        participants: "Ring 070-123 45 67".into(),
    };
    let e = bad.validate(today).expect_err("refused");
    assert_eq!(issue(&e, "area_id"), Some(FieldError::Required));
    assert_eq!(issue(&e, "planned_for"), Some(FieldError::Invalid));
    assert!(matches!(
        issue(&e, "participants"),
        Some(FieldError::PersonalData { .. })
    ));
}

#[test]
fn an_observation_is_checked_like_an_incident() {
    let v = observation().validate().expect("valid");
    assert_eq!(v.id, Uuid::from_u128(7));
    assert_eq!(v.kind, crate::work_order::OrderKind::Lighting);
    let bad = ObservationInput {
        id: "not-an-id".into(),
        place: String::new(),
        kind: "moon".into(),
        note: "Ring 070-123 45 67".into(),
        lat: "91".into(),
        lon: "18".into(),
        ..observation()
    };
    let e = bad.validate().expect_err("refused");
    assert_eq!(issue(&e, "id"), Some(FieldError::Invalid));
    assert_eq!(issue(&e, "place"), Some(FieldError::Required));
    assert_eq!(issue(&e, "kind"), Some(FieldError::Required));
    assert!(matches!(
        issue(&e, "note"),
        Some(FieldError::PersonalData { .. })
    ));
    assert_eq!(issue(&e, "lat"), Some(FieldError::Invalid));
    // A walk that is not an id reads as a missing walk.
    let lost = ObservationInput {
        walk_id: "x".into(),
        ..observation()
    };
    assert_eq!(lost.validate(), Err(AppError::NotFound));
}

#[test]
fn a_name_in_the_note_is_asked_about_and_can_be_kept() {
    let named = ObservationInput {
        note: "Anna Svensson sa att lampan är trasig.".into(),
        ..observation()
    };
    let e = named.validate().expect_err("warned");
    assert!(matches!(
        issue(&e, "note"),
        Some(FieldError::LooksLikeName { .. })
    ));
    let kept = ObservationInput {
        keep_name: true,
        ..named
    };
    assert!(kept.validate().is_ok());
}

#[test]
fn picked_observations_keep_their_owner_whatever_else_is_ticked() {
    let (a, b, c) = (
        Uuid::from_u128(10),
        Uuid::from_u128(11),
        Uuid::from_u128(12),
    );
    let (street, property) = (Uuid::from_u128(20), Uuid::from_u128(21));
    let input = ToOrdersInput {
        picked: vec![b.to_string(), a.to_string(), b.to_string()],
        owners: vec![
            format!("{a}:{street}"),
            format!("{b}:{property}"),
            format!("{c}:{street}"),
        ],
    };
    let pairs = input.validate().expect("valid");
    let orgs: Vec<(Uuid, Uuid)> = pairs.into_iter().map(|(o, org)| (o, org.0)).collect();
    assert_eq!(orgs, vec![(b, property), (a, street)]);
    let none = ToOrdersInput::default()
        .validate()
        .expect_err("nothing picked");
    assert_eq!(issue(&none, "picked"), Some(FieldError::Required));
    let ownerless = ToOrdersInput {
        picked: vec![c.to_string()],
        owners: vec![format!("{c}:")],
    };
    let e = ownerless.validate().expect_err("no owner");
    assert_eq!(issue(&e, &format!("owner_{c}")), Some(FieldError::Required));
}

#[test]
fn drafts_are_kept_until_stored_and_a_refused_one_waits_to_be_corrected() {
    let first = observation();
    let second = ObservationInput {
        id: Uuid::from_u128(8).to_string(),
        ..observation()
    };
    let mut drafts = Drafts::default();
    drafts.put(first.clone());
    drafts.put(second.clone());
    // Putting the same id again replaces it rather than sending it twice.
    drafts.put(first.clone());
    assert_eq!(drafts.waiting(), vec![second.clone(), first.clone()]);
    drafts.refuse(&second.id, AppError::field("place", FieldError::Required));
    assert_eq!(drafts.waiting(), vec![first.clone()]);
    // They survive the browser's storage.
    let again = Drafts::from_json(Some(&drafts.to_json()));
    assert_eq!(again, drafts);
    assert_eq!(Drafts::from_json(Some("not json")), Drafts::default());
    assert_eq!(Drafts::from_json(None), Drafts::default());
    drafts.remove(&first.id);
    let refused = drafts.find(&second.id).expect("the refused draft").clone();
    assert_eq!(refused.input, second);
    assert_eq!(
        refused.refused.and_then(|e| e.issue_for("place").cloned()),
        Some(FieldError::Required)
    );
    // Corrected, it goes again under its own id, no longer refused.
    let corrected = ObservationInput {
        place: "Torget".into(),
        ..second.clone()
    };
    drafts.put(corrected.clone());
    assert_eq!(drafts.waiting(), vec![corrected]);
    drafts.remove(&second.id);
    assert!(drafts.is_empty());
}
