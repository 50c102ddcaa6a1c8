use actix_web::{get, web, HttpResponse};

use shared::problem::Problem;

use crate::auth::ClientInfo;
use crate::edevlet;
use crate::error::ApiError;
use crate::rate_limit;
use crate::routes::tags;
use crate::state::AppState;

/// Starts the e-Devlet login (section 3.2): remembers the attempt and sends the browser to
/// e-Devlet's login page. A browser navigation, not an API call.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "start_edevlet_login",
    responses(
        (status = 303,
            description = "To e-Devlet's login page, with a short-lived `nes_login_state` cookie. \
                If the login cannot start, to `/?giris_hatasi=<code>` instead \
                (`login_failed` or `identity_provider_unavailable`).",
            headers(
                ("Location" = String, description = "e-Devlet's authorization URL (or the SPA's home page on failure)"),
                ("Set-Cookie" = String, description = "`nes_login_state`: HttpOnly, SameSite=Lax, 10 minutes"),
            )
        ),
        (status = 429, description = "Too many of these from this client or from everyone just now (`rate_limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[get("/auth/edevlet/login")]
pub async fn start_edevlet_login(
    app: web::Data<AppState>,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    app.spend(&rate_limit::EDEVLET_LOGIN, &client).await?;
    match edevlet::start_login(&app).await {
        Ok(start) => Ok(super::see_other(&start.authorize_url)
            .cookie(edevlet::login_state_cookie(start.state, &app.config))
            .finish()),
        Err(error) => Ok(super::login_failed(&error).finish()),
    }
}
