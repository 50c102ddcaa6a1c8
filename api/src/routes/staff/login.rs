use actix_web::{http::header, post, web, HttpRequest, HttpResponse};
use shared::api::staff::{StaffLoginRequest, StaffLoginResponse};
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::staff::{delete_staff_session, staff_session_cookie, STAFF_SESSION_COOKIE};
use crate::auth::ClientInfo;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::metrics::LoginMethod;
use crate::rate_limit;
use crate::routes::tags;
use crate::staff::login;
use crate::staff::password::Password;
use crate::state::AppState;

/// Staff login, step one: user name and password. On success a session in stage
/// `password_ok` starts (cookie `nes_staff_session`) and the answer says what comes next: the
/// TOTP code (`totp`) or, on the first login, setting up the authenticator app
/// (`totp_enrolment`). A wrong password and an unknown user name get the same answer, after
/// the same work. Failures are counted per user name: no wait for the first five, then 2, 4,
/// 8 … seconds (at most 15 minutes; `429 login_throttled` with `retry_after_seconds`), and
/// from the 100th failure in a row each failure locks the account for an hour (`423
/// account_locked` with `retry_after_seconds`), unless an operator unlocks it sooner. Each
/// client address has a budget of logins per minute, and so has everyone together (`429
/// rate_limited`).
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "staff_login",
    request_body = StaffLoginRequest,
    responses(
        (status = 200, description = "Password right; the second factor comes next", body = StaffLoginResponse,
            headers(("Set-Cookie" = String, description = "`nes_staff_session`, stage `password_ok`, and its readable hint `nes_staff_session_hint`"))),
        (status = 400, description = "The body is not valid JSON of this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong user name or password (`staff_login_failed`)", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Locked for an hour after too many failures (`account_locked`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the lock ends"))),
        (status = 429, description = "Too many failures for this user name (`login_throttled`), or too many logins from this client or from everyone just now (`rate_limited`): wait `retry_after_seconds`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 500, description = "Unexpected error (logged)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is not available", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/session")]
pub async fn staff_login(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: JsonObject<StaffLoginRequest>,
) -> Result<HttpResponse, ApiError> {
    state.spend(&rate_limit::STAFF_LOGIN, &client).await?;
    let StaffLoginRequest { username, password } = body.into_inner();
    let password = Password::new(password);
    let ctx = EventContext::anonymous(client, state.now());
    let config = state.config.clone();
    // A session this browser still holds is ended: one login, one session.
    let previous = STAFF_SESSION_COOKIE.read(&req, &state.config);
    let result = state
        .db(move |conn| {
            if let Some(previous) = previous {
                delete_staff_session(conn, &previous)?;
            }
            login::login_with_password(conn, &username, &password, &ctx, &config)
        })
        .await;
    let (raw_id, answer) = state
        .metrics
        .login_result(LoginMethod::StaffPassword, result)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(staff_session_cookie(raw_id, &state.config))
        .cookie(crate::auth::hints::staff_session_hint(&state.config))
        .json(answer))
}
