//! What an operator does to another staff member's account on "Personel Hesapları": lift a
//! lock, disable and enable it, reset its second factor, reset its password. Each is one
//! transaction that ends the account's sessions where it must, and is audited.

use actix_web::{http::header, post, web, HttpResponse};
use shared::api::staff::{CreatedStaffAccount, StaffAccount};
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::staff::accounts;
use crate::staff::password::initial_password;
use crate::state::AppState;

type Action = fn(&mut AnyConnection, &str, &EventContext) -> Result<StaffAccount, ApiError>;

/// Runs `action` on account `id` in a transaction, as `operator`.
async fn act(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
    action: Action,
) -> Result<Json<StaffAccount>, ApiError> {
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let id = id.into_inner();
    let account = state
        .write(move |conn| write_transaction(conn, |conn| action(conn, &id, &ctx)))
        .await?;
    Ok(Json(account))
}

/// Kamu SM operators only. Lifts the lock of an account locked after 100 failed logins in a
/// row, and forgets its failures (any wait ends too). Audited (`staff_unlocked`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "unlock_staff_account",
    params(
        ("id" = String, Path, description = "Staff account id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Unlocked", body = StaffAccount),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/staff/{id}/unlock")]
pub async fn unlock_staff_account(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<StaffAccount>, ApiError> {
    act(state, operator, client, id, accounts::unlock).await
}

/// Kamu SM operators only. "Devre dışı bırak": the account can no longer log in and every
/// session of it ends at once (its next request answers 401). Not one's own account.
/// Audited (`staff_disabled`); disabling a disabled account changes nothing.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "disable_staff_account",
    params(
        ("id" = String, Path, description = "Staff account id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Disabled", body = StaffAccount),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is the caller's own account (`own_account`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/staff/{id}/disable")]
pub async fn disable_staff_account(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<StaffAccount>, ApiError> {
    act(state, operator, client, id, accounts::disable).await
}

/// Kamu SM operators only. "Etkinleştir": a disabled account may log in again with its
/// password and second factor. Audited (`staff_enabled`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "enable_staff_account",
    params(
        ("id" = String, Path, description = "Staff account id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Enabled", body = StaffAccount),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is the caller's own account (`own_account`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/staff/{id}/enable")]
pub async fn enable_staff_account(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<StaffAccount>, ApiError> {
    act(state, operator, client, id, accounts::enable).await
}

/// Kamu SM operators only. "İkinci adımı sıfırla", for a lost or replaced phone: the
/// authenticator app's secret and every passkey of the account are removed and its sessions
/// end; at the next login (with the password) the person sets the app up again. Not one's
/// own account. Audited (`staff_second_factor_reset`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "reset_staff_second_factor",
    params(
        ("id" = String, Path, description = "Staff account id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Reset: `totp_enrolled` is false", body = StaffAccount),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is the caller's own account (`own_account`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/staff/{id}/second-factor/reset")]
pub async fn reset_staff_second_factor(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<StaffAccount>, ApiError> {
    act(state, operator, client, id, accounts::reset_second_factor).await
}

/// Kamu SM operators only. "Parolayı sıfırla", for a forgotten password: a new random
/// initial password, answered this once (hand it over safely), which the person must change
/// at their next login before anything else; the account's sessions end and its failed
/// logins are forgotten. The second factor stays. Not one's own account. Audited
/// (`staff_password_reset`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "reset_staff_password",
    params(
        ("id" = String, Path, description = "Staff account id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The account and its new initial password (shown once)", body = CreatedStaffAccount,
            headers(("Cache-Control" = String, description = "`no-store`"))),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is the caller's own account (`own_account`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/staff/{id}/password/reset")]
pub async fn reset_staff_password(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let id = id.into_inner();
    let (account, initial_password) = state
        .write(move |conn| {
            // Hashing before the transaction, which may be retried.
            let (initial_password, hash) = initial_password()?;
            let account = write_transaction(conn, |conn| {
                accounts::reset_password(conn, &id, &hash, &ctx)
            })?;
            Ok((account, initial_password))
        })
        .await?;
    // It carries a password: no cache may keep it.
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CreatedStaffAccount {
            account,
            initial_password,
        }))
}
