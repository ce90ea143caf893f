//! Service tests for the contact directory: search by words, area and function; who may
//! change what; refused input; deactivation with the deputy standing in; the audit trail.

mod common;

use app::ssr::contacts::{self, Filter};
use app::ssr::testing::databases;
use common::{World, world};
use shared::contact::{ContactFunction, ContactInput};
use shared::{AppError, FieldError};
use uuid::Uuid;

fn police_in(w: &World, name: &str, area: &str) -> ContactInput {
    ContactInput {
        name: name.into(),
        organisation_id: w.police_org.to_string(),
        function: "community_police".into(),
        area_id: area.into(),
        phone: "070-174 06 30".into(),
        email: format!(
            "{}@polisen.example.org",
            name.to_lowercase().replace(' ', ".")
        ),
        ..ContactInput::default()
    }
}

async fn add(w: &World, input: &ContactInput) -> Uuid {
    contacts::save(&w.db, &w.coordinator, "", input)
        .await
        .expect("fixture")
}

fn words(text: &str) -> Filter {
    Filter {
        words: text.into(),
        ..Filter::default()
    }
}

#[tokio::test]
async fn the_directory_is_searched_by_words_area_and_function_by_every_role() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let rimbo = w.rimbo.to_string();
        add(&w, &police_in(&w, "Rikard Rimbopolis", &rimbo)).await;
        add(
            &w,
            &police_in(&w, "Nora Norrpolis", &w.norrtalje.to_string()),
        )
        .await;
        let on_call = ContactInput {
            function: "social_on_call".into(),
            ..police_in(&w, "Socialjouren", "")
        };
        add(&w, &on_call).await;

        for who in [&w.police, &w.school, &w.manager, &w.admin, &w.coordinator] {
            let found = contacts::directory(&w.db, who, &words("rimbo polis"))
                .await
                .unwrap();
            let names: Vec<&str> = found
                .entries
                .iter()
                .map(|e| e.person.name.as_str())
                .collect();
            assert_eq!(names, ["Rikard Rimbopolis"], "{backend} {}", who.email);
        }
        // English function names match too, and letter case does not matter.
        let found = contacts::directory(&w.db, &w.police, &words("POLICE norrtälje"))
            .await
            .unwrap();
        assert_eq!(found.entries.len(), 1);
        let area = Filter {
            area: Some(w.rimbo.0),
            ..Filter::default()
        };
        let found = contacts::directory(&w.db, &w.police, &area).await.unwrap();
        let names: Vec<&str> = found
            .entries
            .iter()
            .map(|e| e.person.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Rikard Rimbopolis", "Socialjouren"],
            "{backend}: area posts, then municipality-wide"
        );
        let function = Filter {
            function: Some(ContactFunction::SocialOnCall),
            ..Filter::default()
        };
        let found = contacts::directory(&w.db, &w.police, &function)
            .await
            .unwrap();
        assert_eq!(found.entries.len(), 1);
        assert!(!found.can_manage && found.entries.iter().all(|e| !e.can_edit));
        let coordinator = contacts::directory(&w.db, &w.coordinator, &function)
            .await
            .unwrap();
        assert_eq!(
            coordinator.people.len(),
            3,
            "{backend}: deputy choices ignore the search"
        );
        assert!(
            found.people.is_empty(),
            "{backend}: and are only for those who edit"
        );
        let nothing = contacts::directory(&w.db, &w.police, &words("brandkår"))
            .await
            .unwrap();
        assert!(nothing.entries.is_empty());
    }
}

#[tokio::test]
async fn a_person_keeps_their_own_entry_and_nobody_else_but_coordinators_and_admins_changes_it() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let mut input = police_in(&w, "Per Polis", &w.rimbo.to_string());
        input.account_email = "police@test.se".into();
        let id = add(&w, &input).await;
        let other = add(
            &w,
            &police_in(&w, "Nora Norrpolis", &w.norrtalje.to_string()),
        )
        .await;

        // Their own: phone, e-mail, unit, deputy; the rest stays as the coordinator set it.
        let own = ContactInput {
            name: "Någon Annan".into(),
            function: "other".into(),
            phone: "0176-711 00".into(),
            deputy_id: other.to_string(),
            ..ContactInput::default()
        };
        contacts::save(&w.db, &w.police, &id.to_string(), &own)
            .await
            .unwrap();
        let entry = contacts::directory(&w.db, &w.police, &words("per"))
            .await
            .unwrap()
            .entries
            .remove(0);
        assert_eq!(entry.person.name, "Per Polis", "{backend}");
        assert_eq!(entry.function, ContactFunction::CommunityPolice);
        assert_eq!(entry.person.phone.as_deref(), Some("0176-711 00"));
        assert_eq!(entry.person.email, None, "emptied by its owner");
        assert_eq!(
            entry.deputy.map(|d| d.name).as_deref(),
            Some("Nora Norrpolis")
        );
        assert!(entry.can_edit);
        assert_eq!(entry.account_email.as_deref(), Some("police@test.se"));

        // Admins keep the directory as coordinators do (`reference_lifecycle.rs`).
        for who in [&w.police_colleague, &w.school, &w.manager] {
            assert_eq!(
                contacts::save(&w.db, who, &id.to_string(), &input).await,
                Err(AppError::Forbidden),
                "{backend} {}",
                who.email
            );
            assert_eq!(
                contacts::save(&w.db, who, "", &input).await,
                Err(AppError::Forbidden)
            );
            assert_eq!(
                contacts::deactivate(&w.db, who, &id.to_string()).await,
                Err(AppError::Forbidden)
            );
        }
        assert_eq!(
            contacts::save(&w.db, &w.coordinator, &Uuid::now_v7().to_string(), &input).await,
            Err(AppError::NotFound)
        );
        let history = app::ssr::audit::history(&w.db, id).await.unwrap();
        assert_eq!(
            history.len(),
            2,
            "{backend}: created and changed, both audited"
        );
    }
}

#[tokio::test]
async fn bad_entries_are_refused_field_by_field_and_nothing_is_stored() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let c = &w.coordinator;
        let good = police_in(&w, "Per Polis", &w.rimbo.to_string());
        let cases: [(ContactInput, &str, FieldError); 7] = [
            (
                ContactInput {
                    phone: String::new(),
                    email: String::new(),
                    ..good.clone()
                },
                "phone",
                FieldError::Required,
            ),
            (
                ContactInput {
                    phone: "ring växeln".into(),
                    ..good.clone()
                },
                "phone",
                FieldError::Invalid,
            ),
            (
                ContactInput {
                    email: "per.polisen".into(),
                    ..good.clone()
                },
                "email",
                FieldError::Invalid,
            ),
            (
                ContactInput {
                    organisation_id: Uuid::now_v7().to_string(),
                    ..good.clone()
                },
                "organisation_id",
                FieldError::Unknown,
            ),
            (
                ContactInput {
                    area_id: Uuid::now_v7().to_string(),
                    ..good.clone()
                },
                "area_id",
                FieldError::Unknown,
            ),
            (
                ContactInput {
                    deputy_id: Uuid::now_v7().to_string(),
                    ..good.clone()
                },
                "deputy_id",
                FieldError::Unknown,
            ),
            (
                ContactInput {
                    account_email: "nobody@test.se".into(),
                    ..good.clone()
                },
                "account_email",
                FieldError::Unknown,
            ),
        ];
        for (input, field, expected) in cases {
            let err = contacts::save(&w.db, c, "", &input).await.unwrap_err();
            assert_eq!(err.issue_for(field), Some(&expected), "{backend} {field}");
        }
        let err = contacts::save(
            &w.db,
            c,
            "",
            &ContactInput {
                unit: "Skola 19121212-1212".into(),
                ..good.clone()
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(
            err.issue_for("unit"),
            Some(FieldError::PersonalData { .. })
        ));
        let all = contacts::directory(&w.db, c, &Filter::default())
            .await
            .unwrap();
        assert!(all.entries.is_empty(), "{backend}: nothing stored");

        // One account, one entry.
        let linked = ContactInput {
            account_email: "police@test.se".into(),
            ..good.clone()
        };
        add(&w, &linked).await;
        let err = contacts::save(&w.db, c, "", &linked).await.unwrap_err();
        assert_eq!(
            err.issue_for("account_email"),
            Some(&FieldError::Taken),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn someone_who_leaves_is_replaced_by_their_deputy_and_never_deleted() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let deputy = add(
            &w,
            &police_in(&w, "Nora Norrpolis", &w.norrtalje.to_string()),
        )
        .await;
        let leaving = add(
            &w,
            &ContactInput {
                deputy_id: deputy.to_string(),
                ..police_in(&w, "Per Polis", &w.rimbo.to_string())
            },
        )
        .await;
        let alone = add(&w, &police_in(&w, "Ensam Polis", &w.rimbo.to_string())).await;
        contacts::deactivate(&w.db, &w.coordinator, &leaving.to_string())
            .await
            .unwrap();
        contacts::deactivate(&w.db, &w.coordinator, &alone.to_string())
            .await
            .unwrap();
        assert_eq!(
            contacts::deactivate(&w.db, &w.coordinator, &alone.to_string()).await,
            Err(AppError::Conflict),
            "{backend}: already gone"
        );
        let rimbo = Filter {
            area: Some(w.rimbo.0),
            ..Filter::default()
        };
        let entries = contacts::directory(&w.db, &w.police, &rimbo)
            .await
            .unwrap()
            .entries;
        assert_eq!(
            entries.len(),
            1,
            "{backend}: the post with a deputy remains, the other goes"
        );
        assert!(entries[0].stands_in);
        assert_eq!(entries[0].person.name, "Nora Norrpolis");
        assert_eq!(entries[0].area.as_deref(), Some("Rimbo"));
        let hidden = contacts::directory(&w.db, &w.police, &words("per polis"))
            .await
            .unwrap();
        assert!(
            hidden.entries.is_empty(),
            "{backend}: the departed name is not shown"
        );
        // A person who left can no longer be named as a deputy.
        let err = contacts::save(
            &w.db,
            &w.coordinator,
            "",
            &ContactInput {
                deputy_id: leaving.to_string(),
                ..police_in(&w, "Ny Polis", &w.rimbo.to_string())
            },
        )
        .await
        .unwrap_err();
        assert_eq!(err.issue_for("deputy_id"), Some(&FieldError::Unknown));
    }
}
