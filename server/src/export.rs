//! `GET /incidents/export.csv`: the incident list with the current filters as CSV, for
//! coordinators and admins. UTF-8 with BOM and semicolons, as Excel in Swedish locale expects.

use app::ssr::AppState;
use app::ssr::audit::{self, Actor};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::audit::{AuditAction, RecordType};
use shared::incident::IncidentFilter;
use shared::user::CurrentUser;

/// One CSV field: quoted when it holds a separator, quote or line break; a leading `=`, `+`,
/// `-` or `@` is neutralised so a spreadsheet never runs it as a formula.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Rows joined with `;` and CRLF, behind a UTF-8 byte-order mark.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let line: Vec<String> = row.iter().map(|v| field(v)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The caller, if they may export (coordinators and admins); else the answer: 401 signed
/// out, 403 for other roles.
pub fn exporter(
    caller: Option<Extension<CurrentUser>>,
) -> Result<CurrentUser, (StatusCode, &'static str)> {
    match caller {
        None => Err((StatusCode::UNAUTHORIZED, "")),
        Some(Extension(c)) if c.can_read_audit_log() => Ok(c),
        Some(_) => Err((
            StatusCode::FORBIDDEN,
            "Endast samordnare och administratörer får exportera.",
        )),
    }
}

/// A service's refusal as a download's answer: invalid input 422 with `invalid`, the rest
/// with its own status.
pub fn refused(e: shared::AppError, invalid: &'static str) -> Response {
    match e {
        shared::AppError::Validation(_) => {
            (StatusCode::UNPROCESSABLE_ENTITY, invalid).into_response()
        }
        e => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}

/// Records `caller`'s export of `what` (the filter and size in `after`); an answer of 500 if
/// it could not be recorded, for nothing leaves unrecorded.
pub async fn recorded(
    state: &AppState,
    caller: &CurrentUser,
    what: RecordType,
    after: &serde_json::Value,
) -> Result<(), Response> {
    audit::record_alone(
        &state.db,
        Actor::from(caller),
        AuditAction::Export,
        what,
        None,
        Some(after),
    )
    .await
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// `rows` as a CSV download named `{stem}-{today}.csv`, never cached.
pub fn download(stem: &str, rows: &[Vec<String>]) -> Response {
    let name = format!(
        "{stem}-{}.csv",
        app::ssr::time::now_local().format("%Y-%m-%d")
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv(rows),
    )
        .into_response()
}

pub async fn incidents_csv(
    State(state): State<AppState>,
    caller: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Query(filter): Query<IncidentFilter>,
) -> Response {
    let caller = match exporter(caller) {
        Ok(caller) => caller,
        Err(refused) => return refused.into_response(),
    };
    let lang = app::i18n::lang_from_headers(&headers);
    let rows = match app::ssr::incidents::export_rows(&state.db, &caller, &filter, lang).await {
        Ok(rows) => rows,
        Err(e) => return refused(e, "Ogiltigt filter."),
    };
    let filter_json = serde_json::json!({
        "week": filter.week, "area": filter.area, "category": filter.category,
        "organisation": filter.organisation, "rows": rows.len(),
    });
    if let Err(failed) = recorded(&state, &caller, RecordType::IncidentList, &filter_json).await {
        return failed;
    }
    let mut table = vec![
        [
            "id",
            "tid",
            "vecka",
            "område",
            "plats",
            "kategori",
            "organisation",
            "unga_inblandade",
            "fysisk_miljö",
            "efteranmäld",
            "beskrivning",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    let yes_no = |b: bool| if b { "ja" } else { "nej" }.to_owned();
    for (s, description) in rows {
        table.push(vec![
            s.id.to_string(),
            s.occurred_at,
            s.week,
            s.area,
            s.place,
            s.category,
            s.organisation,
            yes_no(s.youth_involved),
            yes_no(s.physical_environment),
            yes_no(s.late_addition),
            description,
        ]);
    }
    download("handelser", &table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_separators_quotes_and_newlines_are_quoted() {
        assert_eq!(field("Torget"), "Torget");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("säger \"hej\""), "\"säger \"\"hej\"\"\"");
        assert_eq!(field("rad1\nrad2"), "\"rad1\nrad2\"");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+46"), "'+46");
        assert_eq!(field("-5"), "'-5");
    }

    #[test]
    fn the_file_starts_with_a_bom_and_uses_crlf() {
        let out = csv(&[vec!["a".into(), "b".into()], vec!["å".into(), "ö;".into()]]);
        assert_eq!(out, "\u{feff}a;b\r\nå;\"ö;\"\r\n");
    }
}
