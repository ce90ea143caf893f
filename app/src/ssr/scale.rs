//! `samverkan demo-data --scale large`: ten years of a large municipality for the benchmark.
//! 30 areas with 100 places each, 60 organisations, 500 users (the five demo accounts among
//! them), a million incidents (a few hot places; peaks around Valborg, school-leaving and
//! summer), weekly reports, 520 finalised weekly meetings with attendance and ratings, and
//! 20,000 actions in every state. Deterministic from the seed; batched inserts in
//! transactions.

use chrono::{Datelike, NaiveDate, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use shared::action::ActionState;
use shared::meeting::{Attendance, MeetingState};
use shared::user::{OrgKind, Role};
use uuid::Uuid;

use super::entities::meetings::{attendance, meeting, member, rating, series};
use super::entities::{action, area, category, incident, organisation, place, user, weekly_report};
use super::time::{local_to_utc, now_local, week_of};
use super::{Result, auth, db_err, demo};

const TOWNS: [&str; 30] = [
    "Norrtälje",
    "Rimbo",
    "Hallstavik",
    "Älmsta",
    "Grisslehamn",
    "Edsbro",
    "Bergshamra",
    "Finsta",
    "Herräng",
    "Spillersboda",
    "Svanberga",
    "Skebobruk",
    "Söderby-Karl",
    "Ununge",
    "Vätö",
    "Blidö",
    "Furusund",
    "Köpmanholm",
    "Husby-Lyhundra",
    "Ortala",
    "Harg",
    "Singö",
    "Väddö",
    "Riala",
    "Roslags-Kulla",
    "Frötuna",
    "Malsta",
    "Lohärad",
    "Estuna",
    "Kårsta",
];

const SPOTS: [&str; 10] = [
    "Busshållplatsen",
    "Skolgården",
    "Centrum",
    "Idrottsplatsen",
    "Parkeringen",
    "Badplatsen",
    "Gångtunneln",
    "Fritidsgården",
    "Stationen",
    "Lekplatsen",
];

const DESCRIPTIONS: [&str; 6] = [
    "Krossad glasruta i väntkuren, glassplitter på marken.",
    "Grupp samlad sent på kvällen, hög ljudnivå och nedskräpning.",
    "Trasig belysning längs gångvägen, upplevs som mörk och otrygg.",
    "Nytt klotter på fasaden mot parkeringen.",
    "Papperskorgar överfulla, skräp utspritt i området.",
    "Brand i soptunna, släckt av räddningstjänsten.",
];

/// Rows per INSERT (well under SQLite's 32,766 bound variables) and per transaction.
const BATCH: usize = 1_000;
const PER_TRANSACTION: usize = 20;

/// What was loaded, for the log line.
#[derive(Debug, Default)]
pub struct Loaded {
    pub incidents: usize,
    pub places: usize,
    pub users: usize,
    pub meetings: usize,
    pub actions: usize,
}

/// Inserts `rows` in batches, `PER_TRANSACTION` batches to a transaction.
pub(super) async fn insert_batched<C, A>(db: &C, rows: Vec<A>) -> Result<()>
where
    C: ConnectionTrait + TransactionTrait,
    A: sea_orm::ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
        for _ in 0..PER_TRANSACTION {
            let batch: Vec<A> = rows.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            <A::Entity as EntityTrait>::insert_many(batch)
                .exec_without_returning(&*txn)
                .await
                .map_err(db_err)?;
        }
        txn.commit().await.map_err(db_err)?;
    }
    Ok(())
}

/// How much more likely an incident is on `day`: Valborg, school-leaving week, summer.
fn season(day: NaiveDate) -> f64 {
    let (m, d) = (day.month(), day.day());
    match (m, d) {
        (4, 29..=30) | (5, 1) => 4.0,
        (6, 5..=14) => 2.5,
        (6, 15..=30) | (7, _) | (8, 1..=15) => 1.6,
        _ => 1.0,
    }
}

/// Loads the large data set into an empty database. `incidents` is normally 1,000,000.
pub async fn load<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    seed: u64,
    incidents: usize,
) -> Result<Loaded> {
    if !demo::is_empty(db).await? {
        return Err(shared::AppError::Conflict);
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let now = Utc::now();
    demo::load_categories(db).await?;
    let categories: Vec<Uuid> = category::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| c.id)
        .collect();

    // Organisations: the demo's fourteen (so the demo accounts exist) and 46 more.
    let listed: Vec<(String, OrgKind)> = demo::ORGANISATIONS
        .iter()
        .map(|(name, kind)| ((*name).to_owned(), *kind))
        .chain((0..46).map(|i| {
            let kind = OrgKind::ALL[i % OrgKind::ALL.len()];
            (
                format!(
                    "{} {} {}",
                    TOWNS[i % 30],
                    kind.code().replace('_', " "),
                    i / 30 + 1
                ),
                kind,
            )
        }))
        .collect();
    let orgs: Vec<(Uuid, String)> = listed
        .iter()
        .map(|(name, _)| (Uuid::now_v7(), name.clone()))
        .collect();
    insert_batched(
        db,
        orgs.iter()
            .zip(&listed)
            .map(|((id, name), (_, kind))| organisation::ActiveModel {
                id: Set(*id),
                name: Set(name.clone()),
                kind: Set(*kind),
                created_at: Set(now),
                retired_at: Set(None),
            })
            .collect(),
    )
    .await?;

    // Areas and places: 30 towns with 100 places each.
    let areas: Vec<Uuid> = TOWNS.iter().map(|_| Uuid::now_v7()).collect();
    insert_batched(
        db,
        areas
            .iter()
            .zip(TOWNS)
            .map(|(id, name)| area::ActiveModel {
                id: Set(*id),
                name: Set(name.to_owned()),
                created_at: Set(now),
                retired_at: Set(None),
            })
            .collect(),
    )
    .await?;
    let mut places: Vec<Vec<Uuid>> = Vec::new();
    let mut place_rows = Vec::new();
    for (a, town) in areas.iter().zip(TOWNS) {
        let mut ids = Vec::new();
        for i in 0..100 {
            let id = Uuid::now_v7();
            let name = format!(
                "{} {} {}",
                SPOTS[i % SPOTS.len()],
                town,
                i / SPOTS.len() + 1
            );
            place_rows.push(place::ActiveModel {
                id: Set(id),
                area_id: Set(*a),
                name_key: Set(name.to_lowercase()),
                name: Set(name),
                created_at: Set(now),
                anonymous: Set(false),
                retired_at: Set(None),
                merged_into: Set(None),
                owner_organisation_id: Set(None),
                confirmed: Set(true),
            });
            ids.push(id);
        }
        places.push(ids);
    }
    insert_batched(db, place_rows).await?;

    // Users: the demo accounts, then 495 reporters; one password hash for all.
    let hash = auth::hash_password(demo::DEMO_PASSWORD)?;
    let org_id = |name: &str| orgs.iter().find(|(_, n)| n == name).map(|(id, _)| *id);
    let mut users: Vec<(Uuid, Uuid)> = Vec::new();
    let mut user_rows = Vec::new();
    for (email, name, org, role) in demo::DEMO_USERS {
        let id = Uuid::now_v7();
        let org = org_id(org).unwrap_or(orgs[0].0);
        if role == Role::Reporter {
            users.push((id, org));
        }
        user_rows.push(user::ActiveModel {
            id: Set(id),
            email: Set(email.to_owned()),
            name: Set(name.to_owned()),
            organisation_id: Set(org),
            role: Set(role),
            password_hash: Set(hash.clone()),
            active: Set(true),
            created_at: Set(now),
            last_sign_in_at: Set(None),
        });
    }
    for i in 0..495 {
        let id = Uuid::now_v7();
        let org = orgs[2 + i % (orgs.len() - 2)].0;
        users.push((id, org));
        user_rows.push(user::ActiveModel {
            id: Set(id),
            email: Set(format!("rapportor{i:03}@example.org")),
            name: Set(format!("Rapportör {i:03}")),
            organisation_id: Set(org),
            role: Set(Role::Reporter),
            password_hash: Set(hash.clone()),
            active: Set(true),
            created_at: Set(now),
            last_sign_in_at: Set(None),
        });
    }
    let user_count = user_rows.len();
    insert_batched(db, user_rows).await?;

    // Incidents over 520 weeks, skewed to a few hot places and seasonal peaks.
    let span = TimeDelta::weeks(520);
    let start = now - span;
    let mut rows = Vec::with_capacity(BATCH * PER_TRANSACTION);
    let mut loaded = 0;
    while loaded < incidents {
        let at = start + TimeDelta::seconds(rng.gen_range(0..span.num_seconds()));
        let local = super::time::to_local(at).date();
        if rng.gen_range(0.0..4.0) > season(local) {
            continue;
        }
        // Bigger towns first; within a town, the first places far more often.
        let a = ((rng.gen_range(0.0_f64..1.0).powi(2)) * 30.0) as usize;
        let p = ((rng.gen_range(0.0_f64..1.0).powi(3)) * 100.0) as usize;
        let (reporter, org) = users[rng.gen_range(0..users.len())];
        rows.push(incident::ActiveModel {
            id: Set(Uuid::now_v7()),
            occurred_at: Set(at),
            week_key: Set(week_of(at).key()),
            area_id: Set(areas[a.min(29)]),
            place_id: Set(places[a.min(29)][p.min(99)]),
            category_id: Set(categories[rng.gen_range(0..categories.len())]),
            organisation_id: Set(org),
            reporter_id: Set(reporter),
            description: Set(DESCRIPTIONS[rng.gen_range(0..DESCRIPTIONS.len())].to_owned()),
            youth_involved: Set(rng.gen_bool(0.25)),
            physical_environment: Set(rng.gen_bool(0.3)),
            created_at: Set(at + TimeDelta::minutes(rng.gen_range(5..600))),
            updated_at: Set(None),
            anonymised_at: Set(None),
        });
        loaded += 1;
        if rows.len() == BATCH * PER_TRANSACTION {
            insert_batched(db, std::mem::take(&mut rows)).await?;
        }
    }
    insert_batched(db, rows).await?;

    let meetings = meetings_and_reports(db, &mut rng, &orgs, &areas).await?;
    let actions = load_actions(db, &mut rng, &orgs, &areas, &places).await?;
    super::db::refresh_statistics(db).await.map_err(db_err)?;
    Ok(Loaded {
        incidents,
        places: 3_000,
        users: user_count,
        meetings,
        actions,
    })
}

/// Weekly reports for every organisation with reporters, and the weekly meeting (Wednesdays
/// 15:00) for 520 weeks, finalised, with attendance and a rating per town.
async fn meetings_and_reports<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    rng: &mut StdRng,
    orgs: &[(Uuid, String)],
    areas: &[Uuid],
) -> Result<usize> {
    let this_week = shared::week::IsoWeek::of(now_local().date());
    let weeks = super::dashboard::weeks_ending(this_week.previous(), 520);
    let deadline = shared::report::ReportDeadline::default();
    let first_user = user::Entity::find()
        .one(db)
        .await
        .map_err(db_err)?
        .map(|u| u.id)
        .unwrap_or_default();
    let mut reports = Vec::new();
    for w in &weeks {
        for (org, _) in orgs.iter().skip(2) {
            if rng.gen_bool(0.1) {
                continue; // silence: a missing report
            }
            let due = local_to_utc(deadline.due(*w));
            let late = rng.gen_bool(0.15);
            let at = due
                + TimeDelta::hours(if late {
                    rng.gen_range(1..72)
                } else {
                    -rng.gen_range(1..48)
                });
            reports.push(weekly_report::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(*org),
                week_key: Set(w.key()),
                submitted_at: Set(at),
                submitted_by: Set(first_user),
                nothing_to_report: Set(false),
                incident_count: Set(rng.gen_range(0..40)),
            });
        }
    }
    insert_batched(db, reports).await?;

    let series_id = Uuid::now_v7();
    insert_batched(
        db,
        vec![series::ActiveModel {
            id: Set(series_id),
            name: Set("Lägesbildsmöte".to_owned()),
            weekday: Set(2),
            start_time: Set("15:00".to_owned()),
            duration_minutes: Set(90),
            feed_token: Set(format!("{:032x}", rng.r#gen::<u128>())),
            created_at: Set(Utc::now()),
            area_id: Set(None),
            location: Set(None),
        }],
    )
    .await?;
    let members: Vec<Uuid> = orgs.iter().take(20).map(|(id, _)| *id).collect();
    insert_batched(
        db,
        members
            .iter()
            .map(|o| member::ActiveModel {
                series_id: Set(series_id),
                organisation_id: Set(*o),
            })
            .collect(),
    )
    .await?;
    let (mut meeting_rows, mut present, mut ratings) = (Vec::new(), Vec::new(), Vec::new());
    for w in &weeks {
        let id = Uuid::now_v7();
        let day = w.next().monday() + TimeDelta::days(2);
        let at = local_to_utc(day.and_hms_opt(15, 0, 0).unwrap_or_default());
        meeting_rows.push(meeting::ActiveModel {
            id: Set(id),
            series_id: Set(series_id),
            starts_at: Set(at),
            // Locked once its minutes are in (the database refuses them after).
            state: Set(MeetingState::InProgress),
            picture_week: Set(w.key()),
            guests: Set(None),
            started_at: Set(Some(at)),
            finalised_at: Set(Some(at + TimeDelta::minutes(90))),
            finalised_by: Set(None),
        });
        for o in &members {
            let status = match rng.gen_range(0..10) {
                0 => Attendance::Absent,
                1 => Attendance::Deputy,
                _ => Attendance::Present,
            };
            present.push(attendance::ActiveModel {
                meeting_id: Set(id),
                organisation_id: Set(*o),
                status: Set(status),
            });
        }
        for a in areas {
            ratings.push(rating::ActiveModel {
                meeting_id: Set(id),
                area_id: Set(*a),
                rating: Set(rng.gen_range(1..=5)),
                comment: Set(None),
            });
        }
    }
    let count = meeting_rows.len();
    insert_batched(db, meeting_rows).await?;
    insert_batched(db, present).await?;
    insert_batched(db, ratings).await?;
    meeting::Entity::update_many()
        .col_expr(
            meeting::Column::State,
            sea_orm::sea_query::Expr::value(MeetingState::Finalised),
        )
        .filter(meeting::Column::SeriesId.eq(series_id))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(count)
}

/// 20,000 actions over ten years: the old ones mostly closed (done, not possible, not done),
/// some overdue, the recent ones open or in progress.
async fn load_actions<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    rng: &mut StdRng,
    orgs: &[(Uuid, String)],
    areas: &[Uuid],
    places: &[Vec<Uuid>],
) -> Result<usize> {
    let creator = user::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .find(|u| u.role == Role::Coordinator)
        .map(|u| u.id)
        .unwrap_or_default();
    let now = Utc::now();
    let today = now_local().date();
    let mut rows = Vec::new();
    for i in 0..20_000 {
        let created = now - TimeDelta::minutes(rng.gen_range(0..520 * 7 * 24 * 60));
        let due = super::time::to_local(created).date() + TimeDelta::days(rng.gen_range(7..90));
        let (state, closed_at, note) = if due < today - TimeDelta::days(30) {
            match rng.gen_range(0..10) {
                0 => (
                    ActionState::NotPossible,
                    Some(created + TimeDelta::days(20)),
                    None,
                ),
                1 => (
                    ActionState::NotDone,
                    Some(created + TimeDelta::days(40)),
                    Some("Ingen budget i år."),
                ),
                2 => (ActionState::Open, None, None),
                _ => (
                    ActionState::Done,
                    Some(created + TimeDelta::days(rng.gen_range(1..60))),
                    None,
                ),
            }
        } else if rng.gen_bool(0.5) {
            (ActionState::InProgress, None, None)
        } else {
            (ActionState::Open, None, None)
        };
        let a = rng.gen_range(0..areas.len());
        rows.push(action::ActiveModel {
            id: Set(Uuid::now_v7()),
            title: Set(format!("Åtgärd {i:05}: belysning och tillsyn")),
            owner_organisation_id: Set(orgs[2 + i % (orgs.len() - 2)].0),
            owner_person: Set(None),
            due: Set(due),
            area_id: Set(Some(areas[a])),
            place_id: Set(Some(places[a][rng.gen_range(0..10)])),
            origin_meeting_id: Set(None),
            state: Set(state),
            note: Set(note.map(str::to_owned)),
            created_at: Set(created),
            created_by: Set(creator),
            closed_at: Set(closed_at),
            group_id: Set(None),
        });
    }
    insert_batched(db, rows).await?;
    Ok(20_000)
}
