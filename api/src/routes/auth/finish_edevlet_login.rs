use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::applications::EventContext;
use crate::auth::session::{session_cookie, start_applicant_session, Identity, SESSION_COOKIE};
use crate::auth::ClientInfo;
use crate::db::write_transaction;
use crate::edevlet::{self, Callback, LOGIN_STATE_COOKIE};
use crate::error::ApiError;
use crate::metrics::LoginMethod;
use crate::routes::tags;
use crate::state::AppState;

/// What e-Devlet appends to the redirect URI (RFC 6749 §4.1.2).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    /// The authorization code, on success.
    code: Option<String>,
    /// The `state` sent with the login request.
    state: Option<String>,
    /// An OAuth2 error instead of a code, e.g. `access_denied` when the person cancelled.
    error: Option<String>,
    /// e-Devlet's explanation of `error` (ignored).
    #[allow(dead_code)]
    error_description: Option<String>,
}

/// Where e-Devlet sends the browser back: checks the `state` against this browser's
/// cookie and the stored attempt, trades the code for the person's identity and starts a
/// session. A browser navigation, not an API call.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "finish_edevlet_login",
    params(CallbackQuery),
    responses(
        (status = 303,
            description = "Logged in: to `/basvuru-islemleri` with the session cookie. \
                Otherwise (bad, replayed or expired state, no state cookie, cancelled, e-Devlet \
                unavailable): to `/?giris_hatasi=<code>` with `login_failed` or \
                `identity_provider_unavailable`.",
            headers(
                ("Location" = String, description = "`/basvuru-islemleri`, or `/?giris_hatasi=<code>`"),
                ("Set-Cookie" = String, description = "`nes_session` (HttpOnly, SameSite=Lax) and its readable hint `nes_session_hint`; `nes_login_state` removed"),
            )
        ),
    )
)]
#[get("/auth/edevlet/callback")]
pub async fn finish_edevlet_login(
    req: HttpRequest,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let logged_in = log_in(&req, &app).await;
    match app.metrics.login_result(LoginMethod::EDevlet, logged_in) {
        Ok((identity, raw_session_id)) => {
            tracing::info!(tckn = %identity.tckn.masked(), "logged in with e-Devlet");
            Ok(super::see_other(super::AFTER_LOGIN)
                .cookie(session_cookie(raw_session_id, &app.config))
                .cookie(crate::auth::hints::session_hint(&app.config))
                .cookie(edevlet::login_state_removal_cookie(&app.config))
                .finish())
        }
        Err(error) => Ok(super::login_failed(&error).finish()),
    }
}

async fn log_in(req: &HttpRequest, app: &AppState) -> Result<(Identity, String), ApiError> {
    // Read by hand: a malformed query must still end in a redirect, not in a JSON error.
    let query = web::Query::<CallbackQuery>::from_query(req.query_string())
        .map_err(|_| ApiError::LoginFailed("the callback's query cannot be read"))?
        .into_inner();
    let callback = Callback::from_params(query.code, query.state, query.error)?;
    let browser_state = LOGIN_STATE_COOKIE.read(req, &app.config);
    let identity = edevlet::finish_login(app, callback, browser_state.as_deref()).await?;

    // A session this browser already had is ended, so no id survives a login.
    let previous = SESSION_COOKIE.read(req, &app.config);
    let (now, config, who) = (app.now(), app.config.clone(), identity.clone());
    let ctx = EventContext::applicant(&identity.tckn, ClientInfo::of(req), now);
    let raw_session_id = app
        .write(move |conn| {
            write_transaction(conn, |conn| {
                start_applicant_session(
                    conn,
                    &who,
                    (LoginMethod::EDevlet, None),
                    previous.as_deref(),
                    &ctx,
                    &config,
                )
            })
        })
        .await?;
    Ok((identity, raw_session_id))
}
