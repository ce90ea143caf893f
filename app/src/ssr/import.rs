//! `samverkan import-incidents FILE`: incidents from CSV in the export's own format (UTF-8,
//! `;`, quoted fields, the Swedish header row), e.g. from a spreadsheet kept before the app.
//! Areas, categories and organisations must exist (by name); a new place is created in its
//! area. Every description goes through the personal-data guard: a refused row is reported by
//! line and nothing of it is stored. Inserted in batches inside transactions; audited.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, Set, TransactionTrait};
use shared::audit::{AuditAction, RecordType};
use shared::text::{IncidentDescription, PlaceName};
use uuid::Uuid;

use super::entities::{area, category, incident, organisation, place, user};
use super::time::{local_to_utc, week_of};
use super::{Result, audit, db_err};

/// What an import did: rows stored, and each refused row's line number and reason.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub stored: usize,
    pub refused: Vec<(usize, String)>,
}

/// Splits CSV text into records of fields: `;`-separated, `"`-quoted (with `""` inside),
/// CRLF or LF, a leading byte-order mark ignored. Returns (first line number, fields).
pub fn records(text: &str) -> Vec<(usize, Vec<String>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut out, mut fields, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut line, mut start) = (false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ';') => fields.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.is_empty()) {
                    out.push((start, std::mem::take(&mut fields)));
                }
                fields.clear();
                line += 1;
                start = line;
            }
            (false, c) => field.push(c),
        }
    }
    fields.push(field);
    if fields.iter().any(|f| !f.is_empty()) {
        out.push((start, fields));
    }
    out
}

/// A spreadsheet's neutralised formula (`'=…`) back to the text.
fn unquote(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => value,
    }
}

pub async fn incidents<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    text: &str,
) -> Result<Imported> {
    let mut rows = records(text).into_iter();
    let Some((_, header)) = rows.next() else {
        return Ok(Imported::default());
    };
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(at), Some(area_col), Some(place_col), Some(cat_col), Some(org_col), Some(desc)) = (
        column("tid"),
        column("område"),
        column("plats"),
        column("kategori"),
        column("organisation"),
        column("beskrivning"),
    ) else {
        return Err(shared::AppError::field("file", shared::FieldError::Invalid));
    };
    let (youth, environment) = (column("unga_inblandade"), column("fysisk_miljö"));
    let areas: HashMap<String, Uuid> = area::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| (a.name, a.id))
        .collect();
    let categories: HashMap<String, Uuid> = category::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| (c.name_sv, c.id))
        .collect();
    let orgs: HashMap<String, Uuid> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.name, o.id))
        .collect();
    // Imported incidents are attributed to a user of their organisation.
    let mut reporters: HashMap<Uuid, Uuid> = HashMap::new();
    for u in user::Entity::find().all(db).await.map_err(db_err)? {
        if u.active {
            reporters.entry(u.organisation_id).or_insert(u.id);
        }
    }
    let mut places: HashMap<(Uuid, String), Uuid> = place::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|p| ((p.area_id, p.name_key), p.id))
        .collect();
    let (mut result, mut new_places, mut new_incidents) =
        (Imported::default(), Vec::new(), Vec::new());
    let now = Utc::now();
    for (line, f) in rows {
        let get = |i: usize| f.get(i).map(|v| unquote(v.trim())).unwrap_or("");
        let parsed = (|| {
            let time = NaiveDateTime::parse_from_str(get(at), "%Y-%m-%d %H:%M")
                .map_err(|_| "tid: ÅÅÅÅ-MM-DD TT:MM".to_owned())?;
            let area = *areas.get(get(area_col)).ok_or("område: okänt")?;
            let category = *categories.get(get(cat_col)).ok_or("kategori: okänd")?;
            let org = *orgs.get(get(org_col)).ok_or("organisation: okänd")?;
            let reporter = *reporters
                .get(&org)
                .ok_or("organisation: har ingen användare")?;
            let place = PlaceName::parse(get(place_col)).map_err(|e| format!("plats: {e:?}"))?;
            let text =
                IncidentDescription::parse(get(desc)).map_err(|e| format!("beskrivning: {e:?}"))?;
            Ok::<_, String>((time, area, category, org, reporter, place, text))
        })();
        let (time, area, category, org, reporter, place_name, text) = match parsed {
            Ok(row) => row,
            Err(reason) => {
                result.refused.push((line, reason));
                continue;
            }
        };
        let key = (area, place_name.as_str().to_lowercase());
        let place_id = *places.entry(key.clone()).or_insert_with(|| {
            let id = Uuid::now_v7();
            new_places.push(place::ActiveModel {
                id: Set(id),
                area_id: Set(area),
                name: Set(place_name.as_str().to_owned()),
                name_key: Set(key.1.clone()),
                created_at: Set(now),
                anonymous: Set(false),
                retired_at: Set(None),
                merged_into: Set(None),
                owner_organisation_id: Set(None),
                confirmed: Set(true),
            });
            id
        });
        let occurred = local_to_utc(time);
        let flag = |col: Option<usize>| col.is_some_and(|c| get(c) == "ja");
        new_incidents.push(incident::ActiveModel {
            id: Set(Uuid::now_v7()),
            occurred_at: Set(occurred),
            week_key: Set(week_of(occurred).key()),
            area_id: Set(area),
            place_id: Set(place_id),
            category_id: Set(category),
            organisation_id: Set(org),
            reporter_id: Set(reporter),
            description: Set(text.into_inner()),
            youth_involved: Set(flag(youth)),
            physical_environment: Set(flag(environment)),
            created_at: Set(now),
            updated_at: Set(None),
            anonymised_at: Set(None),
        });
    }
    result.stored = new_incidents.len();
    super::scale::insert_batched(db, new_places).await?;
    super::scale::insert_batched(db, new_incidents).await?;
    super::db::refresh_statistics(db).await.map_err(db_err)?;
    let after = serde_json::json!({ "imported": result.stored, "refused": result.refused.len() });
    audit::record(
        db,
        // The command line: no signed-in user.
        audit::Actor {
            user_id: None,
            organisation_id: None,
        },
        AuditAction::Create,
        RecordType::IncidentList,
        None,
        None,
        Some(&after),
    )
    .await?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_separators_quotes_and_line_breaks() {
        let text = "\u{feff}a;b;c\r\n1;\"x; \"\"y\"\"\nz\";'=SUM\r\n\r\n2;;\n";
        let rows = records(text);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1],
            (2, vec!["1".into(), "x; \"y\"\nz".into(), "'=SUM".into()])
        );
        assert_eq!(
            rows[2].0, 5,
            "line numbers count the line inside the quotes"
        );
        assert_eq!(unquote("'=SUM"), "=SUM");
        assert_eq!(unquote("'hej"), "'hej");
    }

    /// A cell as the export writes it: quoted, quotes doubled.
    fn quoted(field: &str) -> String {
        format!("\"{}\"", field.replace('"', "\"\""))
    }

    proptest::proptest! {
        /// Rows written as the export writes them come back field for field, whatever they
        /// hold (separators, quotes, line breaks, any character).
        #[test]
        fn exported_rows_read_back_exactly(
            rows in proptest::collection::vec(
                proptest::collection::vec("(?s).{0,30}", 1..6), 1..8),
        ) {
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|r| r.iter().any(|f| !f.is_empty()))
                .collect();
            let text: String = rows
                .iter()
                .map(|r| r.iter().map(|f| quoted(f)).collect::<Vec<_>>().join(";") + "\r\n")
                .collect();
            let read: Vec<Vec<String>> = records(&text).into_iter().map(|(_, f)| f).collect();
            proptest::prop_assert_eq!(read, rows);
        }

        /// Any text at all, binary-looking or broken, is read without a panic, with line
        /// numbers that start at 1 and never go back.
        #[test]
        fn any_text_is_read_with_sane_line_numbers(text in "(?s).{0,400}") {
            let read = records(&text);
            let lines: Vec<usize> = read.iter().map(|(line, _)| *line).collect();
            proptest::prop_assert!(lines.iter().all(|l| *l >= 1));
            proptest::prop_assert!(lines.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
