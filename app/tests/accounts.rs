//! Service tests for accounts kept in the app: onboarding through a one-time link, changing
//! role and organisation, deactivating, resetting and unlocking; each refused for anyone but
//! admins and for bad input (storing nothing then), and each change audited.

mod common;

use app::ssr::entities::{audit_event, password_link, user};
use app::ssr::testing::databases;
use app::ssr::throttle::{self, Key};
use app::ssr::{Settings, accounts, auth, password_links};
use common::{PASSWORD, World, world};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use shared::account::{AccountFilter, AccountInput, PasswordLink};
use shared::audit::{AuditAction, RecordType};
use shared::ids::UserId;
use shared::user::Role;
use shared::{AppError, FieldError};

const ORIGIN: &str = "https://samverkan.example.se";
const NEW_PASSWORD: &str = "vi ses vid hamnen i kväll";

fn input(w: &World, email: &str, role: Role) -> AccountInput {
    AccountInput {
        name: "Nina Fältare".into(),
        email: email.into(),
        organisation_id: w.police_org.to_string(),
        role: role.code().into(),
    }
}

fn token(link: &PasswordLink) -> String {
    link.url
        .split("token=")
        .nth(1)
        .expect("the link carries its token")
        .to_owned()
}

async fn account_events(w: &World) -> Vec<(AuditAction, Option<String>, Option<String>)> {
    audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq(RecordType::Account))
        .order_by_asc(audit_event::Column::Id)
        .all(&w.db)
        .await
        .expect("audit events")
        .into_iter()
        .map(|e| (e.action, e.before_json, e.after_json))
        .collect()
}

async fn user_count(w: &World) -> u64 {
    user::Entity::find().count(&w.db).await.expect("count")
}

#[tokio::test]
async fn a_new_account_chooses_its_password_through_a_one_time_link_and_is_signed_in() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        let link = accounts::create(
            &w.db,
            &w.admin,
            &input(&w, "Nina@Test.se", Role::Reporter),
            ORIGIN,
        )
        .await
        .expect("created");
        assert!(
            link.url
                .starts_with("https://samverkan.example.se/set-password?token="),
            "{backend}"
        );
        assert_eq!(link.email, "nina@test.se");
        // Without a password nothing signs in, not even an empty or a guessed one.
        for guess in ["", "!none", PASSWORD] {
            assert_eq!(
                auth::sign_in(&w.db, &s, "nina@test.se", guess).await,
                Err(AppError::InvalidCredentials),
                "{backend}"
            );
        }
        let t = token(&link);
        let info = password_links::info(&w.db, &t).await.expect("valid link");
        assert_eq!(
            (info.name.as_str(), info.email.as_str()),
            ("Nina Fältare", "nina@test.se")
        );

        // Refused passwords leave the link usable.
        let short = password_links::redeem(&w.db, &s, &t, "kort", "kort").await;
        assert_eq!(
            short.unwrap_err().issue_for("password"),
            Some(&FieldError::TooShort { min: 12 })
        );
        let differ = password_links::redeem(&w.db, &s, &t, NEW_PASSWORD, "något annat helt").await;
        assert_eq!(
            differ.unwrap_err().issue_for("repeat"),
            Some(&FieldError::Mismatch)
        );

        let session = password_links::redeem(&w.db, &s, &t, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .expect("password chosen");
        let me = auth::resolve_session(&w.db, &s, &session)
            .await
            .expect("test data")
            .expect("signed in");
        assert_eq!(
            (me.email.as_str(), me.role),
            ("nina@test.se", Role::Reporter),
            "{backend}"
        );
        // Once only.
        let again = password_links::redeem(&w.db, &s, &t, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(
            again.unwrap_err().issue_for("token"),
            Some(&FieldError::LinkInvalid)
        );
        assert!(password_links::info(&w.db, &t).await.is_err());
        auth::sign_in(&w.db, &s, "nina@test.se", NEW_PASSWORD)
            .await
            .expect("the new password works");

        // Only the link's hash is stored, and the audit never holds a password or token.
        let stored = password_link::Entity::find()
            .all(&w.db)
            .await
            .expect("test data");
        assert!(
            stored
                .iter()
                .all(|l| l.token_hash != t && l.token_hash.len() == 64)
        );
        let events = account_events(&w).await;
        assert_eq!(events.len(), 2, "{backend}: {events:?}");
        assert_eq!(events[0].0, AuditAction::Create);
        let created = events[0].2.clone().expect("test data");
        assert!(
            created.contains("\"role\":\"reporter\"") && created.contains("Polisen"),
            "{created}"
        );
        let all = format!("{events:?}");
        assert!(
            !all.contains(&t) && !all.contains(NEW_PASSWORD),
            "{backend}"
        );
        let listed = accounts::list(&w.db, &w.admin, &AccountFilter::default())
            .await
            .expect("test data");
        let nina = listed
            .iter()
            .find(|a| a.email == "nina@test.se")
            .expect("test data");
        assert!(
            nina.last_sign_in.is_some() && nina.link_valid_until.is_none(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_taken_address_an_unknown_organisation_or_bad_fields_create_nothing() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let (users, links) = (
            user_count(&w).await,
            password_link::Entity::find()
                .count(&w.db)
                .await
                .expect("test data"),
        );
        let taken = accounts::create(
            &w.db,
            &w.admin,
            &input(&w, "POLICE@test.se", Role::Reporter),
            ORIGIN,
        )
        .await;
        assert_eq!(
            taken.unwrap_err().issue_for("email"),
            Some(&FieldError::Taken),
            "{backend}"
        );
        let mut unknown = input(&w, "ny@test.se", Role::Reporter);
        unknown.organisation_id = uuid::Uuid::now_v7().to_string();
        let unknown = accounts::create(&w.db, &w.admin, &unknown, ORIGIN).await;
        assert_eq!(
            unknown.unwrap_err().issue_for("organisation_id"),
            Some(&FieldError::Unknown)
        );
        let bad = AccountInput {
            name: String::new(),
            email: "ingen adress".into(),
            organisation_id: "x".into(),
            role: "root".into(),
        };
        let err = accounts::create(&w.db, &w.admin, &bad, ORIGIN)
            .await
            .unwrap_err();
        for field in ["name", "email", "organisation_id", "role"] {
            assert!(err.issue_for(field).is_some(), "{backend}: {field}");
        }
        assert_eq!(user_count(&w).await, users);
        assert_eq!(
            password_link::Entity::find()
                .count(&w.db)
                .await
                .expect("test data"),
            links
        );
        assert!(account_events(&w).await.is_empty());
    }
}

#[tokio::test]
async fn only_admins_keep_accounts() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let target = w.police.id;
        for who in [&w.coordinator, &w.manager, &w.police] {
            let f = AccountFilter::default();
            assert_eq!(
                accounts::list(&w.db, who, &f).await,
                Err(AppError::Forbidden),
                "{backend}"
            );
            let created =
                accounts::create(&w.db, who, &input(&w, "x@test.se", Role::Admin), ORIGIN).await;
            assert_eq!(created, Err(AppError::Forbidden));
            let changed = accounts::update(
                &w.db,
                who,
                target,
                &input(&w, "police@test.se", Role::Admin),
            )
            .await;
            assert_eq!(changed, Err(AppError::Forbidden));
            assert_eq!(
                accounts::set_active(&w.db, who, target, false).await,
                Err(AppError::Forbidden)
            );
            assert_eq!(
                accounts::reset_password(&w.db, who, target, ORIGIN).await,
                Err(AppError::Forbidden)
            );
            assert_eq!(
                accounts::unlock(&w.db, who, target).await,
                Err(AppError::Forbidden)
            );
        }
        let missing = UserId(uuid::Uuid::now_v7());
        assert_eq!(
            accounts::set_active(&w.db, &w.admin, missing, false).await,
            Err(AppError::NotFound)
        );
        assert!(account_events(&w).await.is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn a_new_role_or_organisation_ends_the_persons_sessions_and_is_audited() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        let session = auth::sign_in(&w.db, &s, "police@test.se", PASSWORD)
            .await
            .expect("test data");
        // A corrected name alone keeps the person signed in.
        let mut fix = input(&w, "police@test.se", Role::Reporter);
        fix.name = "Per Polis".into();
        accounts::update(&w.db, &w.admin, w.police.id, &fix)
            .await
            .expect("test data");
        assert!(
            auth::resolve_session(&w.db, &s, &session)
                .await
                .expect("test data")
                .is_some(),
            "{backend}"
        );

        let mut promoted = fix.clone();
        promoted.role = "coordinator".into();
        accounts::update(&w.db, &w.admin, w.police.id, &promoted)
            .await
            .expect("test data");
        assert!(
            auth::resolve_session(&w.db, &s, &session)
                .await
                .expect("test data")
                .is_none(),
            "{backend}"
        );
        let me = common::sign_in_as(&w.db, "police@test.se").await;
        assert_eq!(
            (me.role, me.name.as_str()),
            (Role::Coordinator, "Per Polis")
        );

        let events = account_events(&w).await;
        assert_eq!(events.len(), 2, "{backend}: {events:?}");
        let (_, before, after) = &events[1];
        assert!(
            before
                .as_deref()
                .expect("test data")
                .contains("\"role\":\"reporter\"")
        );
        assert!(
            after
                .as_deref()
                .expect("test data")
                .contains("\"role\":\"coordinator\"")
        );
        // Another person's address is taken; nothing changes.
        let taken = accounts::update(
            &w.db,
            &w.admin,
            w.police.id,
            &input(&w, "school@test.se", Role::Reporter),
        )
        .await;
        assert_eq!(
            taken.unwrap_err().issue_for("email"),
            Some(&FieldError::Taken)
        );
        assert_eq!(account_events(&w).await.len(), 2);
    }
}

#[tokio::test]
async fn a_deactivated_account_is_signed_out_and_refused_until_it_is_reactivated() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        let session = auth::sign_in(&w.db, &s, "school@test.se", PASSWORD)
            .await
            .expect("test data");
        accounts::set_active(&w.db, &w.admin, w.school.id, false)
            .await
            .expect("test data");
        assert!(
            auth::resolve_session(&w.db, &s, &session)
                .await
                .expect("test data")
                .is_none(),
            "{backend}"
        );
        assert_eq!(
            auth::sign_in(&w.db, &s, "school@test.se", PASSWORD).await,
            Err(AppError::InvalidCredentials)
        );
        // The name stays for history: the row is there, only inactive.
        let row = user::Entity::find_by_id(w.school.id.0)
            .one(&w.db)
            .await
            .expect("test data")
            .expect("test data");
        assert_eq!((row.name.as_str(), row.active), ("Test Person", false));
        // A link made before cannot open a deactivated account.
        let inactive = AccountFilter {
            status: "inactive".into(),
            ..AccountFilter::default()
        };
        let listed = accounts::list(&w.db, &w.admin, &inactive)
            .await
            .expect("test data");
        assert_eq!(
            listed.iter().map(|a| a.email.as_str()).collect::<Vec<_>>(),
            ["school@test.se"]
        );

        accounts::set_active(&w.db, &w.admin, w.school.id, true)
            .await
            .expect("test data");
        auth::sign_in(&w.db, &s, "school@test.se", PASSWORD)
            .await
            .expect("back again");
        assert_eq!(account_events(&w).await.len(), 2, "{backend}");
    }
}

#[tokio::test]
async fn the_last_active_admin_can_neither_be_deactivated_nor_lose_the_role() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let me = w.admin.id;
        let off = accounts::set_active(&w.db, &w.admin, me, false).await;
        assert_eq!(
            off.unwrap_err().issue_for("active"),
            Some(&FieldError::LastAdmin),
            "{backend}"
        );
        let mut demoted = input(&w, "admin@test.se", Role::Reporter);
        demoted.organisation_id = w.admin.organisation_id.to_string();
        let demote = accounts::update(&w.db, &w.admin, me, &demoted).await;
        assert_eq!(
            demote.unwrap_err().issue_for("role"),
            Some(&FieldError::LastAdmin)
        );
        assert!(account_events(&w).await.is_empty());

        // With a second admin, the first may step down.
        let link = accounts::create(
            &w.db,
            &w.admin,
            &input(&w, "admin2@test.se", Role::Admin),
            ORIGIN,
        )
        .await
        .expect("test data");
        accounts::set_active(&w.db, &w.admin, me, false)
            .await
            .expect("another admin is left");
        let still = user::Entity::find_by_id(link.user_id.0)
            .one(&w.db)
            .await
            .expect("test data")
            .expect("test data");
        assert!(still.active && still.role == Role::Admin, "{backend}");
    }
}

#[tokio::test]
async fn a_reset_stops_the_old_password_at_once_and_only_the_newest_link_works() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        let session = auth::sign_in(&w.db, &s, "police@test.se", PASSWORD)
            .await
            .expect("test data");
        let first = accounts::reset_password(&w.db, &w.admin, w.police.id, ORIGIN)
            .await
            .expect("test data");
        assert!(
            auth::resolve_session(&w.db, &s, &session)
                .await
                .expect("test data")
                .is_none(),
            "{backend}"
        );
        assert_eq!(
            auth::sign_in(&w.db, &s, "police@test.se", PASSWORD).await,
            Err(AppError::InvalidCredentials)
        );
        let second = accounts::reset_password(&w.db, &w.admin, w.police.id, ORIGIN)
            .await
            .expect("test data");
        let stale =
            password_links::redeem(&w.db, &s, &token(&first), NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(
            stale.unwrap_err().issue_for("token"),
            Some(&FieldError::LinkInvalid),
            "{backend}"
        );
        password_links::redeem(&w.db, &s, &token(&second), NEW_PASSWORD, NEW_PASSWORD)
            .await
            .expect("the newest link works");
        auth::sign_in(&w.db, &s, "police@test.se", NEW_PASSWORD)
            .await
            .expect("new password");
    }
}

#[tokio::test]
async fn a_link_expires_after_seventy_two_hours() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let link = accounts::create(
            &w.db,
            &w.admin,
            &input(&w, "sen@test.se", Role::Reporter),
            ORIGIN,
        )
        .await
        .expect("test data");
        let stored = password_link::Entity::find()
            .filter(password_link::Column::UserId.eq(link.user_id.0))
            .one(&w.db)
            .await
            .expect("test data")
            .expect("test data");
        let hours = (stored.expires_at - stored.created_at).num_hours();
        assert_eq!(hours, 72, "{backend}");
        let mut old: password_link::ActiveModel = stored.into();
        old.expires_at = Set(chrono::Utc::now() - chrono::TimeDelta::minutes(1));
        old.update(&w.db).await.expect("test data");
        let expired = password_links::info(&w.db, &token(&link)).await;
        assert_eq!(
            expired.unwrap_err().issue_for("token"),
            Some(&FieldError::LinkInvalid)
        );
        let garbage = password_links::info(&w.db, "not-a-token").await;
        assert_eq!(
            garbage.unwrap_err().issue_for("token"),
            Some(&FieldError::LinkInvalid)
        );
    }
}

#[tokio::test]
async fn an_account_held_by_throttling_is_listed_as_locked_until_an_admin_unlocks_it() {
    for (backend, db) in databases().await {
        let w = world(db).await;
        let now = chrono::Utc::now();
        let key = [Key::account("police@test.se")];
        for _ in 0..app::ssr::throttle::ACCOUNT_FREE {
            throttle::begin(&w.db, &key, now)
                .await
                .expect("test data")
                .expect("not yet held");
        }
        assert!(
            throttle::begin(&w.db, &key, now)
                .await
                .expect("test data")
                .is_err()
        );
        let find = |list: Vec<shared::account::Account>| {
            list.into_iter()
                .find(|a| a.email == "police@test.se")
                .expect("test data")
        };
        let f = AccountFilter::default();
        assert!(
            find(
                accounts::list(&w.db, &w.admin, &f)
                    .await
                    .expect("test data")
            )
            .locked
        );
        accounts::unlock(&w.db, &w.admin, w.police.id)
            .await
            .expect("test data");
        assert!(
            !find(
                accounts::list(&w.db, &w.admin, &f)
                    .await
                    .expect("test data")
            )
            .locked
        );
        let after = throttle::begin(&w.db, &key, now).await.expect("test data");
        assert!(after.is_ok(), "{backend}");
        assert_eq!(account_events(&w).await.len(), 1);
    }
}
