//! `GET /oauth2/authorize` shows the login form; `POST /oauth2/authorize` checks it.
//!
//! As RFC 6749 §4.1.2.1 asks, a request whose client or redirect address is wrong is
//! answered with a page here (redirecting would hand the error to whoever forged it);
//! every other fault goes back to the client as `?error=…&state=…`.

use actix_web::http::header::LOCATION;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::citizens::Citizen;
use super::html;
use super::store::{self, is_pkce_syntax, CodeRequest};
use super::{parse_pairs, Params, Registration, SUPPORTED_SCOPE};
use crate::state::AppState;

/// The longest `state` accepted; real clients send a few dozen characters.
const MAX_STATE_LENGTH: usize = 512;
/// Longer "passwords" are refused without hashing them.
const MAX_PASSWORD_LENGTH: usize = 256;

/// An authorization request whose every parameter has been checked.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorizationRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub state: String,
    pub code_challenge: String,
}

impl AuthorizationRequest {
    /// The parameters the form carries to its POST.
    pub fn hidden_fields(&self) -> [(&'static str, &str); 7] {
        [
            ("response_type", "code"),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("scope", &self.scope),
            ("state", &self.state),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", "S256"),
        ]
    }
}

/// Why a request is not served.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Shown to the person; the client cannot be trusted with a redirect.
    Page(&'static str),
    /// Sent back to the client's redirect URI.
    Redirect {
        error: &'static str,
        description: &'static str,
        state: Option<String>,
    },
}

/// Checks an authorization request (RFC 6749 §4.1.1 with RFC 7636 PKCE, S256 only).
pub fn validate(
    params: &Params,
    registration: &Registration,
) -> Result<AuthorizationRequest, Refusal> {
    let get = |name: &str| params.get(name).map(String::as_str);
    if get("client_id") != Some(registration.client_id.as_str()) {
        return Err(Refusal::Page(
            "Bu istemci (client_id) e-Devlet Kapısı'nda kayıtlı değil.",
        ));
    }
    if get("redirect_uri") != Some(registration.redirect_uri.as_str()) {
        return Err(Refusal::Page(
            "Yönlendirme adresi (redirect_uri) bu istemci için kayıtlı adresle aynı değil.",
        ));
    }
    let state = get("state")
        .filter(|s| !s.is_empty() && s.len() <= MAX_STATE_LENGTH)
        .map(str::to_owned);
    let refuse = |error, description| Refusal::Redirect {
        error,
        description,
        state: state.clone(),
    };
    match get("response_type") {
        Some("code") => {}
        None => return Err(refuse("invalid_request", "response_type is missing")),
        Some(_) => {
            return Err(refuse(
                "unsupported_response_type",
                "only response_type=code is supported",
            ))
        }
    }
    let Some(state) = state.clone() else {
        return Err(refuse("invalid_request", "state is required"));
    };
    let scope = get("scope").unwrap_or_default();
    let scopes: Vec<&str> = scope.split(' ').filter(|s| !s.is_empty()).collect();
    if scopes.is_empty() || scopes.iter().any(|s| *s != SUPPORTED_SCOPE) {
        return Err(refuse("invalid_scope", "the only scope is Kimlik-Dogrula"));
    }
    if get("code_challenge_method") != Some("S256") {
        return Err(refuse(
            "invalid_request",
            "PKCE with code_challenge_method=S256 is required",
        ));
    }
    let code_challenge = get("code_challenge").unwrap_or_default();
    if code_challenge.len() != 43 || !is_pkce_syntax(code_challenge) {
        return Err(refuse(
            "invalid_request",
            "code_challenge must be a base64url SHA-256 (43 characters)",
        ));
    }
    Ok(AuthorizationRequest {
        client_id: registration.client_id.clone(),
        redirect_uri: registration.redirect_uri.clone(),
        scope: SUPPORTED_SCOPE.to_owned(),
        state,
        code_challenge: code_challenge.to_owned(),
    })
}

/// `redirect_uri` with `pairs` added to its query.
fn back_to_client(redirect_uri: &str, pairs: &[(&str, &str)]) -> Option<String> {
    let mut url = url::Url::parse(redirect_uri).ok()?;
    url.query_pairs_mut().extend_pairs(pairs);
    Some(url.into())
}

fn see_other(location: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
        .insert_header(("Cache-Control", "no-store"))
        .finish()
}

fn error_page(status: StatusCode, message: &str) -> HttpResponse {
    html::respond(status, html::error_page(message), None)
}

fn refusal_response(refusal: Refusal, registration: &Registration) -> HttpResponse {
    match refusal {
        Refusal::Page(message) => error_page(StatusCode::BAD_REQUEST, message),
        Refusal::Redirect {
            error,
            description,
            state,
        } => {
            let mut pairs = vec![("error", error), ("error_description", description)];
            if let Some(state) = state.as_deref() {
                pairs.push(("state", state));
            }
            match back_to_client(&registration.redirect_uri, &pairs) {
                Some(location) => see_other(location),
                None => error_page(
                    StatusCode::BAD_REQUEST,
                    "Yönlendirme adresi (redirect_uri) geçerli bir adres değil.",
                ),
            }
        }
    }
}

fn form(
    request: &AuthorizationRequest,
    registration: &Registration,
    typed_tckn: &str,
    error: Option<&str>,
) -> HttpResponse {
    html::respond(
        StatusCode::OK,
        html::login_form(request, typed_tckn, error),
        registration.redirect_origin().as_deref(),
    )
}

/// `GET /oauth2/authorize`: the login form for a valid request.
pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let registration = Registration::of(&app.config);
    let Ok(params) = parse_pairs(req.query_string().as_bytes()) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "İstekte aynı parametre birden fazla kez var.",
        );
    };
    match validate(&params, &registration) {
        Ok(request) => form(&request, &registration, "", None),
        Err(refusal) => refusal_response(refusal, &registration),
    }
}

/// `POST /oauth2/authorize`: "Giriş Yap" checks the credentials and sends a code back;
/// "İptal" sends `access_denied` back.
pub async fn submit(
    body: web::Bytes,
    app: web::Data<AppState>,
    client: crate::auth::ClientInfo,
) -> HttpResponse {
    if let Err(refused) = app
        .spend(&crate::rate_limit::SIMULATOR_LOGIN, &client)
        .await
    {
        return actix_web::ResponseError::error_response(&refused);
    }
    let registration = Registration::of(&app.config);
    let Ok(params) = parse_pairs(&body) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "İstekte aynı parametre birden fazla kez var.",
        );
    };
    let request = match validate(&params, &registration) {
        Ok(request) => request,
        Err(refusal) => return refusal_response(refusal, &registration),
    };
    let field = |name: &str| params.get(name).map(String::as_str).unwrap_or_default();

    if field("islem") == "iptal" {
        let refusal = Refusal::Redirect {
            error: "access_denied",
            description: "the person cancelled the login",
            state: Some(request.state),
        };
        return refusal_response(refusal, &registration);
    }

    // Only what was typed for the number is shown again, cut to a sane length.
    let tckn: String = field("tckn").trim().chars().take(32).collect();
    let password = field("password").to_owned();
    if tckn.is_empty() || password.is_empty() {
        return form(
            &request,
            &registration,
            &tckn,
            Some("T.C. Kimlik No ve e-Devlet Şifrenizi giriniz."),
        );
    }
    let citizen = if password.len() > MAX_PASSWORD_LENGTH {
        None
    } else {
        let (typed, citizens) = (tckn.clone(), app.config.edevlet.citizens);
        match web::block(move || citizens.verify_password(&typed, &password)).await {
            Ok(citizen) => citizen,
            Err(e) => {
                tracing::error!(error = %e, "simulator: password check did not run");
                return error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Beklenmeyen bir hata oluştu; lütfen yeniden deneyin.",
                );
            }
        }
    };
    let Some(citizen) = citizen else {
        return form(
            &request,
            &registration,
            &tckn,
            Some(html::WRONG_CREDENTIALS),
        );
    };
    approve(request, &registration, citizen, &app).await
}

async fn approve(
    request: AuthorizationRequest,
    registration: &Registration,
    citizen: Citizen,
    app: &AppState,
) -> HttpResponse {
    let now = app.now();
    let issued = {
        let request = request.clone();
        app.db(move |conn| {
            let code = CodeRequest {
                client_id: &request.client_id,
                redirect_uri: &request.redirect_uri,
                code_challenge: &request.code_challenge,
                tckn: &citizen.tckn,
            };
            Ok(store::issue_code(conn, code, now)?)
        })
        .await
    };
    let code = match issued {
        Ok(code) => code,
        Err(e) => {
            tracing::error!(error = %e, "simulator: cannot store the authorization code");
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Beklenmeyen bir hata oluştu; lütfen yeniden deneyin.",
            );
        }
    };
    match back_to_client(
        &request.redirect_uri,
        &[("code", &code), ("state", &request.state)],
    ) {
        Some(location) => see_other(location),
        None => refusal_response(
            Refusal::Page("Yönlendirme adresi (redirect_uri) geçerli bir adres değil."),
            registration,
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn registration() -> Registration {
        Registration {
            client_id: "nes-basvuru".into(),
            client_secret: "simulator-secret".into(),
            redirect_uri: "http://127.0.0.1:8080/api/auth/edevlet/callback".into(),
        }
    }

    fn params(overrides: &[(&str, Option<&str>)]) -> Params {
        let mut params: Params = [
            ("response_type", "code"),
            ("client_id", "nes-basvuru"),
            (
                "redirect_uri",
                "http://127.0.0.1:8080/api/auth/edevlet/callback",
            ),
            ("scope", "Kimlik-Dogrula"),
            ("state", "abc"),
            (
                "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ),
            ("code_challenge_method", "S256"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        for (name, value) in overrides {
            match value {
                Some(value) => params.insert((*name).to_owned(), (*value).to_owned()),
                None => params.remove(*name),
            };
        }
        params
    }

    fn error_of(result: Result<AuthorizationRequest, Refusal>) -> (&'static str, Option<String>) {
        match result {
            Err(Refusal::Redirect { error, state, .. }) => (error, state),
            other => panic!("expected a redirect, got {other:?}"),
        }
    }

    #[test]
    fn a_complete_request_is_accepted() {
        let request = validate(&params(&[]), &registration()).unwrap();
        assert_eq!(request.state, "abc");
        assert_eq!(request.hidden_fields().len(), 7);
    }

    #[test]
    fn an_unknown_client_or_redirect_uri_gets_a_page_not_a_redirect() {
        for overrides in [
            vec![("client_id", Some("other"))],
            vec![("client_id", None)],
            vec![("redirect_uri", Some("https://evil.example/cb"))],
            vec![("redirect_uri", None)],
        ] {
            let result = validate(&params(&overrides), &registration());
            assert!(matches!(result, Err(Refusal::Page(_))), "{overrides:?}");
        }
    }

    #[test]
    fn other_faults_go_back_to_the_client_with_the_state() {
        let reg = registration();
        assert_eq!(
            error_of(validate(&params(&[("response_type", Some("token"))]), &reg)),
            ("unsupported_response_type", Some("abc".into()))
        );
        assert_eq!(
            error_of(validate(&params(&[("scope", Some("Adres-Bilgisi"))]), &reg)).0,
            "invalid_scope"
        );
        assert_eq!(
            error_of(validate(
                &params(&[("code_challenge_method", Some("plain"))]),
                &reg
            ))
            .0,
            "invalid_request"
        );
        assert_eq!(
            error_of(validate(
                &params(&[("code_challenge", Some("short"))]),
                &reg
            ))
            .0,
            "invalid_request"
        );
        assert_eq!(
            error_of(validate(&params(&[("state", None)]), &reg)),
            ("invalid_request", None)
        );
    }

    #[test]
    fn the_error_redirect_keeps_the_clients_own_query() {
        let url = back_to_client(
            "http://h/cb?x=1",
            &[("error", "access_denied"), ("state", "a b")],
        )
        .unwrap();
        assert_eq!(url, "http://h/cb?x=1&error=access_denied&state=a+b");
    }
}
