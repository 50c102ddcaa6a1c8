use actix_web::{post, web};
use shared::api::officer::{ImportQuery, PreApplicationImport, MAX_CSV_IMPORT_BYTES};
use shared::api::MAX_PRE_APPLICATION_BATCH;
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Officer};
use crate::body::read_at_most;
use crate::error::ApiError;
use crate::officer::csv_file::{self, CsvError};
use crate::officer::{import, scope};
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Pre-applications from a CSV file (`text/csv` body), for the officer's institution.
///
/// Header row `tckn;ad;soyad;eposta;odeme[;on_odemeli]` (any order; semicolons or commas;
/// UTF-8 with or without BOM); `odeme` is `kurum` or `kişi`, `on_odemeli` `evet` or `hayır`
/// (empty: hayır). `mode=dry_run` checks every row by the rules of `create_pre_applications`
/// and saves nothing; `mode=commit` creates the valid rows (a repeated open pre-application
/// answers `existing`) and leaves the rows with errors out. At most 1 MiB and 1000 rows.
#[utoipa::path(
    tag = tags::OFFICER,
    operation_id = "import_pre_applications_csv",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Every row's outcome, with its line in the file", body = PreApplicationImport),
        (status = 400, description = "`mode` is missing or unknown", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an institution's e-signature officer, or the CSRF header is missing", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 1 MiB (`payload_too_large`) or more than 1000 rows (`batch_too_large`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file cannot be read as CSV (`csv_malformed`: encoding, header, quoting); `detail` says why", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/officer/pre-application-imports",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn import_pre_applications_csv(
    state: web::Data<AppState>,
    officer: Officer,
    client: ClientInfo,
    query: web::Query<ImportQuery>,
    body: web::Payload,
) -> Result<Json<PreApplicationImport>, ApiError> {
    let bytes = read_at_most(body, MAX_CSV_IMPORT_BYTES).await?;
    let rows = csv_file::read(&bytes, MAX_PRE_APPLICATION_BATCH).map_err(|e| match e {
        CsvError::Malformed(why) => ApiError::CsvMalformed(why),
        CsvError::TooManyRows { got, max } => ApiError::BatchTooLarge { got, max },
    })?;
    let mode = query.mode;
    let ctx = EventContext::staff(&officer.staff, client, state.now());
    let config = state.config.clone();
    let report = state
        .write(move |conn| {
            let institution = scope::institution(conn, &officer.institution_id)?;
            import::import(conn, rows, mode, &institution, &ctx, &config)
        })
        .await?;
    Ok(Json(report))
}
