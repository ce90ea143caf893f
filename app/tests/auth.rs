//! Service tests for sign-in and sessions.

mod common;

use app::ssr::entities::session;
use app::ssr::testing::databases;
use app::ssr::{Settings, auth};
use common::{PASSWORD, world};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use shared::AppError;

#[tokio::test]
async fn wrong_password_unknown_email_and_deactivated_user_get_the_same_answer() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        assert_eq!(
            auth::sign_in(&w.db, &s, "police@test.se", "wrong-password-here").await,
            Err(AppError::InvalidCredentials)
        );
        assert_eq!(
            auth::sign_in(&w.db, &s, "nobody@test.se", PASSWORD).await,
            Err(AppError::InvalidCredentials)
        );
        let user = app::ssr::entities::user::Entity::find_by_id(w.school.id.0)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        let mut active: app::ssr::entities::user::ActiveModel = user.into();
        active.active = Set(false);
        active.update(&w.db).await.unwrap();
        assert_eq!(
            auth::sign_in(&w.db, &s, "school@test.se", PASSWORD).await,
            Err(AppError::InvalidCredentials)
        );
    }
}

#[tokio::test]
async fn email_case_and_spaces_do_not_matter_at_sign_in() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        let token = auth::sign_in(&w.db, &s, "  Police@Test.SE ", PASSWORD)
            .await
            .unwrap();
        let me = auth::resolve_session(&w.db, &s, &token)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(me.email, "police@test.se");
        assert_eq!(me.organisation_name, "Polisen");
    }
}

#[tokio::test]
async fn every_sign_in_opens_its_own_session_and_sign_out_ends_it_server_side() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        let first = auth::sign_in(&w.db, &s, "police@test.se", PASSWORD)
            .await
            .unwrap();
        let second = auth::sign_in(&w.db, &s, "police@test.se", PASSWORD)
            .await
            .unwrap();
        assert_ne!(first, second);
        auth::sign_out(&w.db, &first).await.unwrap();
        assert_eq!(
            auth::resolve_session(&w.db, &s, &first).await.unwrap(),
            None
        );
        assert!(
            auth::resolve_session(&w.db, &s, &second)
                .await
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test]
async fn the_token_itself_is_not_stored() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let token = auth::sign_in(&w.db, &Settings::default(), "police@test.se", PASSWORD)
            .await
            .unwrap();
        assert!(
            session::Entity::find_by_id(token.clone())
                .one(&w.db)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            auth::resolve_session(&w.db, &Settings::default(), "0000")
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn idle_and_expired_sessions_end_and_are_removed() {
    for (_, db) in databases().await {
        let w = world(db).await;
        let s = Settings::default();
        let before = session::Entity::find().count(&w.db).await.unwrap();
        let idle = auth::sign_in(&w.db, &s, "police@test.se", PASSWORD)
            .await
            .unwrap();
        let expired = auth::sign_in(&w.db, &s, "school@test.se", PASSWORD)
            .await
            .unwrap();
        let now = chrono::Utc::now();
        for model in session::Entity::find().all(&w.db).await.unwrap() {
            let mut active: session::ActiveModel = model.clone().into();
            if model.user_id == w.police.id.0
                && model.created_at > now - chrono::TimeDelta::seconds(30)
            {
                active.last_seen_at = Set(now - s.session_idle - chrono::TimeDelta::minutes(1));
            } else if model.user_id == w.school.id.0
                && model.created_at > now - chrono::TimeDelta::seconds(30)
            {
                active.expires_at = Set(now - chrono::TimeDelta::minutes(1));
            } else {
                continue;
            }
            active.update(&w.db).await.unwrap();
        }
        assert_eq!(auth::resolve_session(&w.db, &s, &idle).await.unwrap(), None);
        assert_eq!(
            auth::resolve_session(&w.db, &s, &expired).await.unwrap(),
            None
        );
        let after = session::Entity::find().count(&w.db).await.unwrap();
        assert_eq!(after, before, "both ended sessions were deleted");
    }
}
