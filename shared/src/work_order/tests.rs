use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use crate::error::{AppError, FieldError};
use crate::ids::OrganisationId;

use super::*;

const OWNER: Sides = Sides {
    owner: true,
    sender: false,
};
const SENDER: Sides = Sides {
    owner: false,
    sender: true,
};
const BOTH: Sides = Sides {
    owner: true,
    sender: true,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

#[test]
fn every_state_step_and_side_is_written_out() {
    use OrderState::*;
    use StepKind::*;
    // (from, step, owner's answer, sender's answer): Ok(state), F forbidden, C conflict.
    enum A {
        To(OrderState),
        F,
        C,
    }
    let table: [(OrderState, StepKind, A, A); 36] = [
        (Sent, Accept, A::To(Accepted), A::F),
        (Sent, Plan, A::To(Planned), A::F),
        (Sent, StepKind::Done, A::To(OrderState::Done), A::F),
        (Sent, Reject, A::To(Rejected), A::F),
        (Sent, Reroute, A::F, A::C),
        (Sent, Withdraw, A::F, A::To(Withdrawn)),
        (Accepted, Accept, A::C, A::F),
        (Accepted, Plan, A::To(Planned), A::F),
        (Accepted, StepKind::Done, A::To(OrderState::Done), A::F),
        (Accepted, Reject, A::To(Rejected), A::F),
        (Accepted, Reroute, A::F, A::C),
        (Accepted, Withdraw, A::F, A::C),
        (Planned, Accept, A::C, A::F),
        (Planned, Plan, A::To(Planned), A::F),
        (Planned, StepKind::Done, A::To(OrderState::Done), A::F),
        (Planned, Reject, A::To(Rejected), A::F),
        (Planned, Reroute, A::F, A::C),
        (Planned, Withdraw, A::F, A::C),
        (OrderState::Done, Accept, A::C, A::F),
        (OrderState::Done, Plan, A::C, A::F),
        (OrderState::Done, StepKind::Done, A::C, A::F),
        (OrderState::Done, Reject, A::C, A::F),
        (OrderState::Done, Reroute, A::F, A::C),
        (OrderState::Done, Withdraw, A::F, A::C),
        (Rejected, Accept, A::C, A::F),
        (Rejected, Plan, A::C, A::F),
        (Rejected, StepKind::Done, A::C, A::F),
        (Rejected, Reject, A::C, A::F),
        (Rejected, Reroute, A::F, A::To(Sent)),
        (Rejected, Withdraw, A::F, A::To(Withdrawn)),
        (Withdrawn, Accept, A::C, A::F),
        (Withdrawn, Plan, A::C, A::F),
        (Withdrawn, StepKind::Done, A::C, A::F),
        (Withdrawn, Reject, A::C, A::F),
        (Withdrawn, Reroute, A::F, A::C),
        (Withdrawn, Withdraw, A::F, A::C),
    ];
    let expect = |a: &A| match a {
        A::To(s) => Ok(*s),
        A::F => Err(AppError::Forbidden),
        A::C => Err(AppError::Conflict),
    };
    for (from, step, owner, sender) in &table {
        assert_eq!(
            next(*from, *step, OWNER),
            expect(owner),
            "{from:?} {step:?} owner"
        );
        assert_eq!(
            next(*from, *step, SENDER),
            expect(sender),
            "{from:?} {step:?} sender"
        );
        // A coordinator stands on both sides: whichever side's step it is decides.
        let both = next(*from, *step, BOTH);
        let own_side = if matches!(owner, A::F) { sender } else { owner };
        assert_eq!(both, expect(own_side), "{from:?} {step:?} both");
        assert_eq!(
            next(*from, *step, Sides::default()),
            Err(AppError::Forbidden),
            "nobody's step"
        );
        // The page offers exactly the steps that would succeed.
        for sides in [OWNER, SENDER, BOTH] {
            assert_eq!(
                allowed_steps(*from, sides).contains(step),
                next(*from, *step, sides).is_ok()
            );
        }
    }
}

proptest! {
    #[test]
    fn nothing_leaves_done_or_withdrawn(steps in proptest::collection::vec(0usize..6, 1..12)) {
        for end in [OrderState::Done, OrderState::Withdrawn] {
            let mut state = end;
            for s in &steps {
                if let Ok(n) = next(state, StepKind::ALL[*s], BOTH) {
                    state = n;
                }
            }
            prop_assert_eq!(state, end);
        }
    }

    #[test]
    fn an_order_only_moves_along_allowed_steps(steps in proptest::collection::vec(0usize..6, 1..20)) {
        let mut state = OrderState::Sent;
        for s in &steps {
            let step = StepKind::ALL[*s];
            match next(state, step, BOTH) {
                Ok(n) => {
                    prop_assert!(!state.is_closed());
                    prop_assert_eq!(n, step.leads_to());
                    state = n;
                }
                Err(e) => prop_assert_eq!(e, AppError::Conflict),
            }
        }
    }
}

#[test]
fn the_place_owner_is_proposed_before_the_category_default() {
    let place = OrganisationId(Uuid::from_u128(1));
    let category = OrganisationId(Uuid::from_u128(2));
    assert_eq!(propose_owner(Some(place), Some(category)), Some(place));
    assert_eq!(propose_owner(None, Some(category)), Some(category));
    assert_eq!(propose_owner(None, None), None);
}

#[test]
fn urgent_graffiti_is_due_within_48_hours_and_days_count_across_daylight_saving() {
    let sent = Utc
        .with_ymd_and_hms(2026, 3, 27, 9, 0, 0)
        .single()
        .expect("a time");
    assert_eq!(
        due_at(sent, OrderKind::Graffiti, Priority::Urgent),
        sent + TimeDelta::hours(48)
    );
    assert_eq!(
        due_at(sent, OrderKind::Lighting, Priority::Normal),
        Utc.with_ymd_and_hms(2026, 4, 10, 9, 0, 0)
            .single()
            .expect("a time")
    );
    for kind in OrderKind::ALL {
        assert!(kind.service_hours(Priority::Urgent) < kind.service_hours(Priority::Normal));
    }
}

#[test]
fn overdue_counts_started_days() {
    let due = Utc
        .with_ymd_and_hms(2026, 12, 1, 12, 0, 0)
        .single()
        .expect("a time");
    assert_eq!(overdue_days(due, due), 0);
    assert_eq!(overdue_days(due, due - TimeDelta::days(3)), 0);
    assert_eq!(overdue_days(due, due + TimeDelta::minutes(5)), 1);
    assert_eq!(overdue_days(due, due + TimeDelta::hours(24)), 2);
    assert_eq!(overdue_days(due, due + TimeDelta::hours(47)), 2);
}

#[test]
fn the_queue_puts_the_most_overdue_first_then_the_newest() {
    let at = |d: u32| {
        Utc.with_ymd_and_hms(2026, 12, d, 10, 0, 0)
            .single()
            .expect("a time")
    };
    let mut queue = [
        ("a", (0, at(1))),
        ("b", (2, at(2))),
        ("c", (0, at(3))),
        ("d", (5, at(1))),
    ];
    queue.sort_by(|x, y| queue_order(x.1, y.1));
    let ids: Vec<&str> = queue.iter().map(|s| s.0).collect();
    assert_eq!(ids, ["d", "b", "c", "a"]);
}

fn input() -> WorkOrderInput {
    WorkOrderInput {
        incident_ids: vec![Uuid::from_u128(5).to_string()],
        kind: "lighting".into(),
        priority: "normal".into(),
        owner_organisation_id: Uuid::from_u128(9).to_string(),
        description: "Mörk gångväg, tre lampor trasiga".into(),
        keep_name: false,
        lat: String::new(),
        lon: String::new(),
    }
}

#[test]
fn a_valid_order_is_accepted_and_repeated_incidents_count_once() {
    let mut i = input();
    i.incident_ids.push(Uuid::from_u128(5).to_string());
    let v = i.validate().expect("valid");
    assert_eq!(v.incident_ids.len(), 1);
    assert_eq!(v.kind, OrderKind::Lighting);
    assert_eq!(v.owner, OrganisationId(Uuid::from_u128(9)));
}

#[test]
fn every_refused_field_of_an_order_is_reported_at_once() {
    let bad = WorkOrderInput {
        incident_ids: vec![],
        kind: "rocket".into(),
        priority: "now".into(),
        owner_organisation_id: String::new(),
        description: "Ring 070-123 45 67".into(),
        keep_name: false,
        lat: "91".into(),
        lon: "18".into(),
    };
    let err = bad.validate().expect_err("refused");
    assert_eq!(err.issue_for("incident_ids"), Some(&FieldError::Required));
    assert_eq!(err.issue_for("kind"), Some(&FieldError::Required));
    assert_eq!(err.issue_for("priority"), Some(&FieldError::Invalid));
    assert_eq!(
        err.issue_for("owner_organisation_id"),
        Some(&FieldError::Required)
    );
    assert!(matches!(
        err.issue_for("description"),
        Some(FieldError::PersonalData { .. })
    ));
    assert_eq!(err.issue_for("lat"), Some(&FieldError::Invalid));
}

#[test]
fn a_map_point_is_both_coordinates_or_none() {
    assert_eq!(Point::parse("", " "), Ok(None));
    let p = Point::parse("59.757101", "18.7005")
        .expect("valid")
        .expect("a point");
    assert_eq!((p.lat_e6, p.lon_e6), (59_757_101, 18_700_500));
    assert_eq!(p.text(), "59.75710, 18.70050");
    assert!(p.map_link().contains("mlat=59.75710&mlon=18.70050"));
    assert_eq!(Point::parse("59.7", ""), Err(FieldError::Invalid));
    assert_eq!(Point::parse("NaN", "18"), Err(FieldError::Invalid));
    assert_eq!(Point::parse("59", "181"), Err(FieldError::Invalid));
}

#[test]
fn a_name_in_the_description_warns_until_kept() {
    let mut i = input();
    i.description = "Anna Andersson klottrade på väggen".into();
    let err = i.validate().expect_err("a warning");
    assert!(matches!(
        err.issue_for("description"),
        Some(FieldError::LooksLikeName { .. })
    ));
    i.keep_name = true;
    assert!(i.validate().is_ok());
}

#[test]
fn steps_carry_what_they_need() {
    let today = day(2026, 12, 4);
    let step = |s: &str, date: &str, note: &str, owner: &str| {
        StepInput {
            step: s.into(),
            planned_for: date.into(),
            note: note.into(),
            owner_organisation_id: owner.into(),
        }
        .validate(today)
    };
    assert_eq!(step("accept", "", "", ""), Ok(Step::Accept));
    assert_eq!(
        step("plan", "2026-12-04", "", ""),
        Ok(Step::Plan(day(2026, 12, 4)))
    );
    assert_eq!(
        step("plan", "2026-12-03", "", "")
            .expect_err("past")
            .issue_for("planned_for"),
        Some(&FieldError::Passed)
    );
    assert_eq!(
        step("plan", "", "", "")
            .expect_err("no day")
            .issue_for("planned_for"),
        Some(&FieldError::Required)
    );
    assert_eq!(
        step("done", "", "  ", "")
            .expect_err("no note")
            .issue_for("note"),
        Some(&FieldError::Required)
    );
    assert_eq!(
        step("done", "", "Bytt tre armaturer", "").map(|s| s.kind()),
        Ok(StepKind::Done)
    );
    assert_eq!(
        step("reject", "", "", "")
            .expect_err("no reason")
            .issue_for("note"),
        Some(&FieldError::Required)
    );
    assert!(matches!(
        step("reject", "", "Ring 070-123 45 67", "")
            .expect_err("guarded")
            .issue_for("note"),
        Some(FieldError::PersonalData { .. })
    ));
    assert_eq!(
        step("reroute", "", "", "nope")
            .expect_err("bad owner")
            .issue_for("owner_organisation_id"),
        Some(&FieldError::Invalid)
    );
    assert_eq!(
        step("fly", "", "", "")
            .expect_err("no such step")
            .issue_for("step"),
        Some(&FieldError::Invalid)
    );
}

#[test]
fn codes_round_trip() {
    for k in OrderKind::ALL {
        assert_eq!(OrderKind::parse(k.code()), Some(k));
    }
    for p in Priority::ALL {
        assert_eq!(Priority::parse(p.code()), Some(p));
    }
    for s in OrderState::ALL {
        assert_eq!(OrderState::parse(s.code()), Some(s));
    }
    for s in StepKind::ALL {
        assert_eq!(StepKind::parse(s.code()), Some(s));
    }
}

#[test]
fn an_admins_service_level_wins_over_the_default_and_is_checked() {
    let set = ServiceLevel {
        kind: OrderKind::Graffiti,
        normal_hours: 96,
        urgent_hours: 24,
    };
    assert_eq!(hours_in(&[set], OrderKind::Graffiti, Priority::Urgent), 24);
    assert_eq!(
        hours_in(&[set], OrderKind::Litter, Priority::Normal),
        7 * 24
    );
    let typed = |n: &str, u: &str| ServiceLevelInput {
        kind: "graffiti".into(),
        normal_hours: n.into(),
        urgent_hours: u.into(),
    };
    assert_eq!(typed("96", "24").validate(), Ok(set));
    let err = typed("0", "").validate().expect_err("refused");
    assert_eq!(err.issue_for("normal_hours"), Some(&FieldError::Invalid));
    assert_eq!(err.issue_for("urgent_hours"), Some(&FieldError::Required));
    let longer = typed("24", "48")
        .validate()
        .expect_err("urgent longer than normal");
    assert_eq!(longer.issue_for("urgent_hours"), Some(&FieldError::Invalid));
    assert!(typed("9000", "1").validate().is_err());
}
