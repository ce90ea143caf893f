//! Service tests for an area group's attendance, taken per person: one write for everyone,
//! the organisations' attendance derived from their people, refusals that store nothing, and
//! a member who leaves the group staying in the minutes they attended.

mod common;

use app::ssr::testing::databases;
use app::ssr::{contacts, groups, meeting_detail, meetings, minutes};
use common::{World, started_meeting, world};
use shared::contact::ContactInput;
use shared::meeting::{Attendance, Missing};
use shared::{AppError, FieldError};
use uuid::Uuid;

struct Group {
    id: Uuid,
    meeting: Uuid,
    /// Two of the police, one of the school.
    per: Uuid,
    pia: Uuid,
    sara: Uuid,
}

async fn person(w: &World, name: &str, organisation: String) -> Uuid {
    let input = ContactInput {
        name: name.into(),
        organisation_id: organisation,
        function: "field_worker".into(),
        area_id: w.rimbo.to_string(),
        phone: "070-174 06 20".into(),
        ..ContactInput::default()
    };
    contacts::save(&w.db, &w.coordinator, "", &input)
        .await
        .expect("fixture")
}

async fn group(w: &World) -> Group {
    let c = &w.coordinator;
    let id = groups::create(
        &w.db,
        c,
        "Områdesgrupp Rimbo",
        &w.rimbo.to_string(),
        1,
        "13:00",
    )
    .await
    .expect("fixture");
    let police = w.police_org.to_string();
    let per = person(w, "Per Polis", police.clone()).await;
    let pia = person(w, "Pia Polis", police).await;
    let sara = person(w, "Sara Skola", w.school.organisation_id.to_string()).await;
    for p in [per, pia, sara] {
        groups::set_member(&w.db, c, id, &p.to_string(), "member")
            .await
            .expect("fixture");
    }
    let meeting = meetings::plan_next(&w.db, c, id).await.expect("fixture");
    meetings::start(&w.db, c, meeting).await.expect("fixture");
    Group {
        id,
        meeting,
        per,
        pia,
        sara,
    }
}

fn entries(list: &[(Uuid, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, s)| (p.to_string(), (*s).to_owned()))
        .collect()
}

/// (name, status) of each person, and (organisation, status) of each organisation.
async fn recorded(
    w: &World,
    id: Uuid,
) -> (
    Vec<(String, Option<Attendance>)>,
    Vec<(String, Option<Attendance>)>,
) {
    let d = meeting_detail::detail(&w.db, &w.coordinator, id)
        .await
        .expect("the meeting");
    (
        d.people
            .iter()
            .map(|p| (p.name.clone(), p.status))
            .collect(),
        d.attendance
            .iter()
            .map(|a| (a.organisation.clone(), a.status))
            .collect(),
    )
}

#[tokio::test]
async fn each_member_is_recorded_in_one_save_and_their_organisations_follow() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = group(&w).await;
        let c = &w.coordinator;
        let d = meeting_detail::detail(&w.db, c, g.meeting).await.unwrap();
        assert!(d.per_person(), "{backend}");
        assert_eq!(
            d.attendees()
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>(),
            [
                "Per Polis (Polisen)",
                "Pia Polis (Polisen)",
                "Sara Skola (Skolan)"
            ],
            "{backend}: the members, in name order"
        );
        assert_eq!(d.missing().first(), Some(&Missing::NoAttendance));

        minutes::set_people_attendance(
            &w.db,
            c,
            g.meeting,
            &entries(&[(g.per, "absent"), (g.pia, "present"), (g.sara, "deputy")]),
        )
        .await
        .unwrap();
        let (people, orgs) = recorded(&w, g.meeting).await;
        assert_eq!(
            people,
            [
                ("Per Polis".to_owned(), Some(Attendance::Absent)),
                ("Pia Polis".to_owned(), Some(Attendance::Present)),
                ("Sara Skola".to_owned(), Some(Attendance::Deputy)),
            ],
            "{backend}"
        );
        let org = |name: &str| orgs.iter().find(|(o, _)| o == name).and_then(|(_, s)| *s);
        assert_eq!(
            org("Polisen"),
            Some(Attendance::Present),
            "{backend}: one of two came"
        );
        assert_eq!(org("Skolan"), Some(Attendance::Deputy), "{backend}");

        // One row changed later: the others stay as saved.
        minutes::set_people_attendance(&w.db, c, g.meeting, &entries(&[(g.pia, "absent")]))
            .await
            .unwrap();
        let (people, orgs) = recorded(&w, g.meeting).await;
        assert_eq!(people[2].1, Some(Attendance::Deputy), "{backend}");
        assert_eq!(
            orgs.iter()
                .find(|(o, _)| o == "Polisen")
                .and_then(|(_, s)| *s),
            Some(Attendance::Absent),
            "{backend}: nobody of the police came"
        );
        // An empty status clears a row.
        minutes::set_people_attendance(&w.db, c, g.meeting, &entries(&[(g.sara, "")]))
            .await
            .unwrap();
        assert_eq!(recorded(&w, g.meeting).await.0[2].1, None, "{backend}");
    }
}

#[tokio::test]
async fn a_refused_entry_stores_nothing_and_the_wrong_path_is_refused() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = group(&w).await;
        let c = &w.coordinator;
        let stranger = person(&w, "Olle Utanför", w.police_org.to_string()).await;
        let err = minutes::set_people_attendance(
            &w.db,
            c,
            g.meeting,
            &entries(&[(g.per, "present"), (stranger, "present")]),
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.issue_for("contact_id"),
            Some(&FieldError::Unknown),
            "{backend}"
        );
        let err = minutes::set_people_attendance(
            &w.db,
            c,
            g.meeting,
            &entries(&[(g.per, "present"), (g.pia, "kanske")]),
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.issue_for("status"),
            Some(&FieldError::Invalid),
            "{backend}"
        );
        assert!(
            recorded(&w, g.meeting)
                .await
                .0
                .iter()
                .all(|(_, s)| s.is_none()),
            "{backend}: nothing stored"
        );
        // Organisations are not recorded by hand at a group's meeting, nor people at the
        // weekly meeting.
        assert_eq!(
            minutes::set_attendance(&w.db, c, g.meeting, &w.police_org.to_string(), "present")
                .await,
            Err(AppError::Conflict),
            "{backend}"
        );
        let weekly = started_meeting(&w).await;
        assert_eq!(
            minutes::set_people_attendance(&w.db, c, weekly, &entries(&[(g.per, "present")])).await,
            Err(AppError::NotFound),
            "{backend}"
        );
        assert_eq!(
            minutes::set_people_attendance(
                &w.db,
                &w.police,
                g.meeting,
                &entries(&[(g.per, "present")])
            )
            .await,
            Err(AppError::NotFound),
            "{backend}: a reporter outside the group does not see it"
        );
        common::held_today(&w.db, g.meeting).await;
        meetings::finalise(&w.db, c, g.meeting).await.unwrap();
        assert_eq!(
            minutes::set_people_attendance(&w.db, c, g.meeting, &entries(&[(g.per, "present")]))
                .await,
            Err(AppError::Locked),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_member_who_leaves_stays_in_the_minutes_they_attended() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = group(&w).await;
        let c = &w.coordinator;
        minutes::set_people_attendance(&w.db, c, g.meeting, &entries(&[(g.sara, "present")]))
            .await
            .unwrap();
        groups::set_member(&w.db, c, g.id, &g.sara.to_string(), "remove")
            .await
            .unwrap();
        let (people, _) = recorded(&w, g.meeting).await;
        assert!(
            people.contains(&("Sara Skola".to_owned(), Some(Attendance::Present))),
            "{backend}: {people:?}"
        );
        let next = meetings::plan_next(&w.db, c, g.id).await.unwrap();
        let (people, _) = recorded(&w, next).await;
        assert!(
            people.iter().all(|(n, _)| n != "Sara Skola"),
            "{backend}: not expected at the next one"
        );
    }
}
