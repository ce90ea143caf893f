//! Sign-in throttling as the database keeps it, on both databases: waits after five failures
//! that double with each more, the address held far later than the account, success clearing
//! the account only, and failures an hour old forgotten (their rows deleted).

use std::net::IpAddr;
use std::time::Duration;

use app::ssr::entities::sign_in_failure;
use app::ssr::testing::databases;
use app::ssr::throttle::{self, ACCOUNT_FREE, ADDRESS_FREE, Key};
use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

type Begun = Result<(), Duration>;

async fn begin(db: &DatabaseConnection, keys: &[Key], at: DateTime<Utc>) -> Begun {
    throttle::begin(db, keys, at).await.expect("the database")
}

async fn fail(db: &DatabaseConnection, keys: &[Key], at: DateTime<Utc>, times: u32) {
    for _ in 0..times {
        begin(db, keys, at).await.expect("not yet held back");
    }
}

#[tokio::test]
async fn an_account_waits_after_five_failures_and_longer_after_each_more() {
    for (backend, db) in databases().await {
        // Whole seconds: PostgreSQL keeps microseconds.
        let now = Utc::now().trunc_subsecs(0);
        let anna = [Key::account(" Anna@Example.org ")];
        fail(&db, &anna, now, ACCOUNT_FREE).await;
        assert_eq!(
            begin(&db, &anna, now).await,
            Err(Duration::from_secs(30)),
            "{backend}"
        );
        let later = now + TimeDelta::seconds(30);
        fail(&db, &anna, later, 1).await;
        assert_eq!(
            begin(&db, &anna, later).await,
            Err(Duration::from_secs(60)),
            "{backend}"
        );
        // Another account is not held back by Anna's failures; Anna however she is typed.
        assert_eq!(
            begin(&db, &[Key::account("bo@example.org")], now).await,
            Ok(())
        );
        assert!(
            begin(&db, &[Key::account("anna@example.org")], later)
                .await
                .is_err()
        );
    }
}

#[tokio::test]
async fn success_clears_the_account_but_not_the_address_and_is_not_counted_against_it() {
    for (backend, db) in databases().await {
        // Whole seconds: PostgreSQL keeps microseconds.
        let now = Utc::now().trunc_subsecs(0);
        let ip: IpAddr = "192.0.2.7".parse().expect("an address");
        // A whole office signs in from one address, many times over.
        for i in 0..(ADDRESS_FREE * 2) {
            let keys = [Key::account(&format!("u{}@x.se", i % 40)), Key::Address(ip)];
            begin(&db, &keys, now)
                .await
                .expect("colleagues are never held back");
            throttle::succeeded(&db, &keys, &keys[0]).await.expect("db");
        }
        // A guesser going through many accounts from it is held back at the address.
        for i in 0..ADDRESS_FREE {
            let keys = [Key::account(&format!("g{i}@x.se")), Key::Address(ip)];
            fail(&db, &keys, now, 1).await;
        }
        let keys = [Key::account("mine@x.se"), Key::Address(ip)];
        assert!(
            begin(&db, &keys, now).await.is_err(),
            "{backend}: the address waits"
        );
        let account = [Key::account("g0@x.se")];
        throttle::succeeded(&db, &account, &account[0])
            .await
            .expect("db");
        assert_eq!(begin(&db, &account, now).await, Ok(()), "{backend}");
    }
}

#[tokio::test]
async fn failures_an_hour_old_are_forgotten_and_their_rows_deleted() {
    for (backend, db) in databases().await {
        // Whole seconds: PostgreSQL keeps microseconds.
        let now = Utc::now().trunc_subsecs(0);
        let k = [Key::account("a@b.se")];
        fail(&db, &k, now, ACCOUNT_FREE).await;
        let later = now + TimeDelta::hours(1);
        assert_eq!(
            begin(&db, &k, later).await,
            Ok(()),
            "{backend}: one fresh attempt"
        );
        fail(&db, &k, later, ACCOUNT_FREE - 1).await;
        assert!(
            begin(&db, &k, later).await.is_err(),
            "{backend}: counted afresh"
        );
        // Another key's attempt two hours on sweeps the old row away.
        begin(&db, &[Key::account("c@d.se")], later + TimeDelta::hours(2))
            .await
            .expect("free");
        let rows = sign_in_failure::Entity::find()
            .count(&db)
            .await
            .expect("db");
        assert_eq!(rows, 1, "{backend}: only the fresh key is kept");
    }
}
