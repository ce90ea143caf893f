//! Service tests for area groups: need-to-know for every role against every group service
//! (pages and server functions call these), conveners, carry-over kept apart from the weekly
//! meeting, managers' counts, and membership ending with deactivation.

mod common;

use app::ssr::testing::databases;
use app::ssr::{actions, contacts, groups, meeting_detail, meetings, minutes, picture};
use common::{World, world};
use shared::AppError;
use shared::action::ActionInput;
use shared::contact::ContactInput;
use shared::user::CurrentUser;
use shared::week::IsoWeek;
use uuid::Uuid;

/// Rimbo's group (the police reporter a member, a school principal convener) with a started
/// meeting carrying an action over, and Norrtälje's (the school reporter its convener) with
/// a planned meeting.
struct Groups {
    rimbo: Uuid,
    rimbo_meeting: Uuid,
    rimbo_action: Uuid,
    norrtalje_meeting: Uuid,
    police_entry: Uuid,
}

async fn entry(w: &World, name: &str, area: &str, account: &str) -> Uuid {
    let input = ContactInput {
        name: name.into(),
        organisation_id: w.police_org.to_string(),
        function: "community_police".into(),
        area_id: area.into(),
        phone: "070-174 06 20".into(),
        account_email: account.into(),
        ..ContactInput::default()
    };
    contacts::save(&w.db, &w.coordinator, "", &input)
        .await
        .expect("fixture")
}

/// Moves the action's due date to last week, as time passing would.
async fn overdue(w: &World, id: Uuid) {
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let model = app::ssr::entities::action::Entity::find_by_id(id)
        .one(&w.db)
        .await
        .expect("read")
        .expect("the action");
    let mut active: app::ssr::entities::action::ActiveModel = model.into();
    active.due = Set(app::ssr::time::now_local().date() - chrono::Days::new(7));
    active.update(&w.db).await.expect("due date moved");
}

fn action_input(w: &World, title: &str) -> ActionInput {
    ActionInput {
        title: title.into(),
        owner_organisation_id: w.police_org.to_string(),
        due: (app::ssr::time::now_local().date() + chrono::Days::new(7)).to_string(),
        area_id: w.rimbo.to_string(),
        ..ActionInput::default()
    }
}

async fn groups_fixture(w: &World) -> Groups {
    let c = &w.coordinator;
    let police_entry = entry(w, "Per Polis", &w.rimbo.to_string(), "police@test.se").await;
    let principal = entry(w, "Rut Rektor", &w.rimbo.to_string(), "").await;
    let school_entry = entry(w, "Sara Skola", &w.norrtalje.to_string(), "school@test.se").await;
    let rimbo = groups::create(
        &w.db,
        c,
        "Områdesgrupp Rimbo",
        &w.rimbo.to_string(),
        1,
        "13:00",
    )
    .await
    .expect("fixture");
    let norrtalje = groups::create(
        &w.db,
        c,
        "Områdesgrupp Norrtälje",
        &w.norrtalje.to_string(),
        3,
        "13:00",
    )
    .await
    .expect("fixture");
    for (group, contact, role) in [
        (rimbo, police_entry, "member"),
        (rimbo, principal, "convener"),
        (norrtalje, school_entry, "convener"),
    ] {
        groups::set_member(&w.db, c, group, &contact.to_string(), role)
            .await
            .expect("fixture");
    }
    // The action is decided at a first meeting and carried over to the second.
    let first = meetings::plan_next(&w.db, c, rimbo).await.expect("fixture");
    meetings::start(&w.db, c, first).await.expect("fixture");
    let rimbo_action =
        minutes::new_action(&w.db, c, first, &action_input(w, "Samtal med föräldrar"))
            .await
            .expect("fixture");
    common::held_today(&w.db, first).await;
    meetings::finalise(&w.db, c, first).await.expect("fixture");
    let rimbo_meeting = meetings::plan_next(&w.db, c, rimbo).await.expect("fixture");
    meetings::start(&w.db, c, rimbo_meeting)
        .await
        .expect("fixture");
    let norrtalje_meeting = meetings::plan_next(&w.db, c, norrtalje)
        .await
        .expect("fixture");
    Groups {
        rimbo,
        rimbo_meeting,
        rimbo_action,
        norrtalje_meeting,
        police_entry,
    }
}

/// Every read of a group's records by `who`: group page, meeting page (and printed minutes),
/// the action's page, whether the action shows in the list.
async fn reads(w: &World, who: &CurrentUser, g: &Groups) -> [Result<(), AppError>; 3] {
    let lang = shared::lang::Lang::Sv;
    [
        groups::detail(&w.db, who, g.rimbo, lang).await.map(|_| ()),
        meeting_detail::detail(&w.db, who, g.rimbo_meeting)
            .await
            .map(|_| ()),
        actions::get(&w.db, who, g.rimbo_action, lang)
            .await
            .map(|_| ()),
    ]
}

/// Every change a meeting page offers, against the Rimbo group's meeting.
async fn writes(w: &World, who: &CurrentUser, g: &Groups) -> Vec<Result<(), AppError>> {
    let (db, id) = (&w.db, g.rimbo_meeting);
    common::held_today(db, id).await;
    let person = vec![(g.police_entry.to_string(), "present".to_owned())];
    let action = g.rimbo_action.to_string();
    vec![
        minutes::set_people_attendance(db, who, id, &person).await,
        minutes::set_guests(db, who, id, "Räddningstjänsten").await,
        minutes::rate(db, who, id, &w.rimbo.to_string(), "3", "").await,
        minutes::add_item(db, who, id, "agenda", "Läget på skolgården").await,
        minutes::review_action(db, who, id, &action, "open", "Pågår").await,
        minutes::new_action(db, who, id, &action_input(w, "Ny åtgärd"))
            .await
            .map(|_| ()),
        meetings::plan_next(db, who, g.rimbo).await.map(|_| ()),
        actions::update_state(db, who, g.rimbo_action, "in_progress", "").await,
        minutes::add_addendum(db, who, id, "Rättelse").await,
        meetings::finalise(db, who, id).await,
    ]
}

#[tokio::test]
async fn outsiders_get_not_found_for_every_group_record_as_if_it_did_not_exist() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = groups_fixture(&w).await;
        overdue(&w, g.rimbo_action).await;
        // The member sees the group's action among the longest overdue on the start page.
        let member = actions::overview(&w.db, &w.police, actions::Scope::Open)
            .await
            .unwrap();
        assert!(
            member
                .most_overdue
                .iter()
                .any(|a| a.id == g.rimbo_action.to_string()),
            "{backend}: the member's start page"
        );
        for (who, label) in [
            (&w.police_colleague, "reporter of the member's organisation"),
            (&w.school, "member of another group"),
            (&w.manager, "manager"),
        ] {
            for (i, result) in reads(&w, who, &g).await.into_iter().enumerate() {
                assert_eq!(
                    result,
                    Err(AppError::NotFound),
                    "{backend} {label} read {i}"
                );
            }
            for (i, result) in writes(&w, who, &g).await.into_iter().enumerate() {
                assert_eq!(
                    result,
                    Err(AppError::NotFound),
                    "{backend} {label} write {i}"
                );
            }
            let listed = actions::list(&w.db, who, actions::Scope::All, None).await;
            assert!(
                listed.map_or(true, |l| l
                    .items
                    .iter()
                    .all(|a| a.id != g.rimbo_action.to_string())),
                "{backend} {label} sees the group's action in a list"
            );
            // Nor on the start page: not among the overdue, not in the count.
            if let Ok(o) = actions::overview(&w.db, who, actions::Scope::Open).await {
                assert!(
                    o.most_overdue
                        .iter()
                        .all(|a| a.id != g.rimbo_action.to_string()),
                    "{backend} {label} sees the group's action on the start page"
                );
                let open = actions::list(&w.db, who, actions::Scope::Open, None)
                    .await
                    .unwrap();
                assert_eq!(o.open, open.total, "{backend} {label}");
                assert_eq!(o.open, member.open - 1, "{backend} {label}: one fewer");
            }
        }
        // The answer for a group meeting that exists equals the one for an id that does not.
        let missing = meeting_detail::detail(&w.db, &w.school, Uuid::now_v7()).await;
        assert_eq!(missing, Err(AppError::NotFound));
    }
}

#[tokio::test]
async fn members_coordinators_and_admins_read_the_group_and_only_runners_change_it() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = groups_fixture(&w).await;
        for who in [&w.police, &w.coordinator, &w.admin] {
            for (i, result) in reads(&w, who, &g).await.into_iter().enumerate() {
                assert_eq!(result, Ok(()), "{backend} {} read {i}", who.email);
            }
        }
        let d = groups::detail(&w.db, &w.police, g.rimbo, shared::lang::Lang::Sv)
            .await
            .unwrap();
        assert_eq!(d.members.len(), 2);
        assert!(d.members[0].convener, "the convener is listed first");
        assert!(!d.can_run && !d.can_manage);
        assert_eq!(d.open_actions.len(), 1);
        assert_eq!(d.who_to_call.len(), 2, "Rimbo's two entries");
        // A member who is not the convener may not run the meeting.
        assert_eq!(
            minutes::add_item(&w.db, &w.police, g.rimbo_meeting, "agenda", "Punkt").await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        // Admins read but do not run meetings.
        assert_eq!(
            minutes::add_item(&w.db, &w.admin, g.rimbo_meeting, "agenda", "Punkt").await,
            Err(AppError::Forbidden),
            "{backend}"
        );
        for result in writes(&w, &w.coordinator, &g).await.into_iter().take(8) {
            assert_eq!(result, Ok(()), "{backend} coordinator runs every group");
        }
    }
}

#[tokio::test]
async fn a_convener_runs_their_own_group_and_nothing_else() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = groups_fixture(&w).await;
        let school = &w.school;
        meetings::start(&w.db, school, g.norrtalje_meeting)
            .await
            .unwrap();
        minutes::add_item(
            &w.db,
            school,
            g.norrtalje_meeting,
            "agenda",
            "Skolavslutningen",
        )
        .await
        .unwrap();
        let own_action = minutes::new_action(
            &w.db,
            school,
            g.norrtalje_meeting,
            &action_input(&w, "Vuxenvandring vid skolavslutningen"),
        )
        .await
        .unwrap();
        assert_eq!(
            minutes::rate(
                &w.db,
                school,
                g.norrtalje_meeting,
                &w.rimbo.to_string(),
                "3",
                ""
            )
            .await,
            Err(AppError::field("area_id", shared::FieldError::Invalid)),
            "{backend}: a group rates its own area only"
        );
        minutes::rate(
            &w.db,
            school,
            g.norrtalje_meeting,
            &w.norrtalje.to_string(),
            "2",
            "",
        )
        .await
        .unwrap();
        common::held_today(&w.db, g.norrtalje_meeting).await;
        meetings::finalise(&w.db, school, g.norrtalje_meeting)
            .await
            .unwrap();
        assert_eq!(
            actions::update_state(&w.db, school, own_action, "done", "").await,
            Ok(()),
            "{backend}: the convener moves the group's actions"
        );
        // Not the other group, and not the weekly meeting.
        assert_eq!(
            meetings::start(&w.db, school, g.rimbo_meeting).await,
            Err(AppError::NotFound)
        );
        let weekly =
            meetings::create_series(&w.db, &w.coordinator, "Lägesbildsmöte", 2, "15:00", &[])
                .await
                .unwrap();
        assert_eq!(
            meetings::plan_next(&w.db, school, weekly).await,
            Err(AppError::Forbidden)
        );
        let list = groups::list(&w.db, school).await.unwrap();
        assert_eq!(
            list.len(),
            1,
            "{backend}: a reporter lists only their groups"
        );
        assert_eq!((list[0].meetings_held, list[0].actions_done), (1, 1));
    }
}

#[tokio::test]
async fn group_actions_stay_out_of_the_weekly_meeting_and_the_public_picture() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = groups_fixture(&w).await;
        let c = &w.coordinator;
        let public = actions::create(&w.db, c, &action_input(&w, "Belysning vid stationen"))
            .await
            .unwrap();
        let weekly = meetings::create_series(&w.db, c, "Lägesbildsmöte", 2, "15:00", &[])
            .await
            .unwrap();
        let meeting = meetings::plan_next(&w.db, c, weekly).await.unwrap();
        let d = meeting_detail::detail(&w.db, &w.police_colleague, meeting)
            .await
            .unwrap();
        let carried: Vec<String> = d
            .carried
            .iter()
            .flat_map(|g| g.actions.iter().map(|a| a.action.id.clone()))
            .collect();
        assert_eq!(carried, [public.to_string()], "{backend}");
        let group = meeting_detail::detail(&w.db, c, g.norrtalje_meeting)
            .await
            .unwrap();
        assert!(
            group.carried.is_empty(),
            "{backend}: Rimbo's action is not Norrtälje's"
        );
        assert_eq!(group.ratings.len(), 1, "a group rates its own area");

        let week = IsoWeek::of(app::ssr::time::now_local().date());
        let open_in_rimbo = |p: shared::picture::SituationPicture| {
            p.areas
                .iter()
                .find(|a| a.area == "Rimbo")
                .map(|a| a.open_actions)
        };
        let outsider =
            picture::compile(&w.db, &w.police_colleague, week, 3, shared::lang::Lang::Sv)
                .await
                .unwrap();
        let member = picture::compile(&w.db, &w.police, week, 3, shared::lang::Lang::Sv)
            .await
            .unwrap();
        assert_eq!(
            open_in_rimbo(outsider),
            Some(1),
            "{backend}: the public action only"
        );
        assert_eq!(
            open_in_rimbo(member),
            Some(2),
            "{backend}: and the member's group's"
        );
    }
}

#[tokio::test]
async fn managers_see_counts_of_every_group_and_no_records() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = groups_fixture(&w).await;
        let list = groups::list(&w.db, &w.manager).await.unwrap();
        assert_eq!(list.len(), 2, "{backend}");
        assert!(list.iter().all(|s| !s.can_open));
        let rimbo = list.iter().find(|s| s.id == g.rimbo.to_string()).unwrap();
        assert_eq!(
            (rimbo.members, rimbo.actions_open, rimbo.meetings_held),
            (2, 1, 1)
        );
        assert_eq!(groups::list(&w.db, &w.police_colleague).await.unwrap(), []);
        assert_eq!(groups::list(&w.db, &w.admin).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn only_coordinators_create_groups_and_change_members_with_clear_errors() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = groups_fixture(&w).await;
        let area = w.rimbo.to_string();
        for who in [&w.police, &w.admin, &w.manager] {
            assert_eq!(
                groups::create(&w.db, who, "Ny grupp", &area, 1, "13:00").await,
                Err(AppError::Forbidden)
            );
            assert_eq!(
                groups::set_member(&w.db, who, g.rimbo, &g.police_entry.to_string(), "remove")
                    .await,
                Err(AppError::Forbidden)
            );
        }
        let err = groups::create(&w.db, &w.coordinator, "", "nope", 1, "13:00")
            .await
            .unwrap_err();
        assert!(err.issue_for("area_id").is_some(), "{backend}");
        let err = groups::create(
            &w.db,
            &w.coordinator,
            "Områdesgrupp Rimbo",
            &area,
            1,
            "13:00",
        )
        .await
        .unwrap_err();
        assert_eq!(err.issue_for("name"), Some(&shared::FieldError::Taken));
        assert_eq!(
            groups::set_member(
                &w.db,
                &w.coordinator,
                g.rimbo,
                &g.police_entry.to_string(),
                "boss"
            )
            .await,
            Err(AppError::field("role", shared::FieldError::Invalid))
        );
        assert_eq!(
            groups::set_member(
                &w.db,
                &w.coordinator,
                Uuid::now_v7(),
                &g.police_entry.to_string(),
                "member"
            )
            .await,
            Err(AppError::NotFound),
            "{backend}: no such group"
        );
        // The weekly meeting's series is not a group.
        let weekly =
            meetings::create_series(&w.db, &w.coordinator, "Lägesbildsmöte", 2, "15:00", &[])
                .await
                .unwrap();
        assert_eq!(
            groups::detail(&w.db, &w.coordinator, weekly, shared::lang::Lang::Sv).await,
            Err(AppError::NotFound)
        );
        groups::set_member(
            &w.db,
            &w.coordinator,
            g.rimbo,
            &g.police_entry.to_string(),
            "remove",
        )
        .await
        .unwrap();
        assert_eq!(
            groups::detail(&w.db, &w.police, g.rimbo, shared::lang::Lang::Sv).await,
            Err(AppError::NotFound),
            "{backend}: a removed member loses access"
        );
    }
}

#[tokio::test]
async fn a_member_who_leaves_loses_access_and_stays_on_the_member_list() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let g = groups_fixture(&w).await;
        contacts::deactivate(&w.db, &w.coordinator, &g.police_entry.to_string())
            .await
            .unwrap();
        assert_eq!(
            groups::detail(&w.db, &w.police, g.rimbo, shared::lang::Lang::Sv).await,
            Err(AppError::NotFound),
            "{backend}"
        );
        let d = groups::detail(&w.db, &w.coordinator, g.rimbo, shared::lang::Lang::Sv)
            .await
            .unwrap();
        let left = d.members.iter().find(|m| m.name == "Per Polis").unwrap();
        assert!(!left.active, "{backend}: history keeps the name");
    }
}

#[tokio::test]
async fn the_youth_picture_counts_only_the_areas_incidents_involving_young_people() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        for (area, youth, category) in [
            (w.norrtalje, true, w.graffiti),
            (w.norrtalje, true, w.graffiti),
            (w.norrtalje, true, w.vandalism),
            (w.norrtalje, false, w.graffiti),
            (w.rimbo, true, w.graffiti),
        ] {
            let input = shared::incident::IncidentInput {
                youth_involved: youth,
                ..common::input(area, category, "Skolgården")
            };
            app::ssr::incidents::create(&w.db, &w.police, &input)
                .await
                .expect("fixture");
        }
        let logged = app::ssr::time::now_local() - chrono::TimeDelta::hours(1);
        let week = IsoWeek::of(logged.date());
        let y = groups::youth_picture(&w.db, w.norrtalje.0, week, shared::lang::Lang::Sv)
            .await
            .unwrap();
        assert_eq!((y.total, y.previous), (3, 0), "{backend}");
        assert_eq!(
            y.categories,
            [("Klotter".to_owned(), 2), ("Skadegörelse".to_owned(), 1)],
            "{backend}"
        );
        let before =
            groups::youth_picture(&w.db, w.norrtalje.0, week.next(), shared::lang::Lang::Sv)
                .await
                .unwrap();
        assert_eq!(
            (before.total, before.previous),
            (0, 3),
            "{backend}: the week after"
        );
    }
}
