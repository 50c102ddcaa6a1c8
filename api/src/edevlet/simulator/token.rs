//! `POST /oauth2/token` (RFC 6749 §4.1.3, PKCE per RFC 7636) and `GET /oauth2/userinfo`.

use actix_web::http::header::{self, HeaderMap};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::store::{self, GrantError, IssuedToken, Redemption};
use super::{parse_pairs, Params, Registration, SUPPORTED_SCOPE};
use crate::db::AnyConnection;
use crate::secrets::constant_time_eq;
use crate::state::AppState;

/// The token response; `no-store` as §5.1 requires.
#[derive(Debug, Serialize)]
struct TokenResponse<'a> {
    access_token: &'a str,
    token_type: &'static str,
    expires_in: i64,
    scope: &'static str,
}

/// The userinfo answer, with e-Devlet's Turkish keys.
#[derive(Debug, Serialize)]
struct UserInfo<'a> {
    tckn: &'a str,
    ad: &'a str,
    soyad: &'a str,
}

#[derive(Debug, Serialize)]
struct OAuthError<'a> {
    error: &'a str,
    error_description: &'a str,
}

/// An RFC 6749 §5.2 error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenError {
    pub error: &'static str,
    pub description: &'static str,
}

impl TokenError {
    const fn new(error: &'static str, description: &'static str) -> TokenError {
        TokenError { error, description }
    }

    fn response(self) -> HttpResponse {
        let mut response = match self.error {
            "invalid_client" => {
                let mut r = HttpResponse::build(StatusCode::UNAUTHORIZED);
                r.insert_header((
                    header::WWW_AUTHENTICATE,
                    r#"Basic realm="e-Devlet simulator""#,
                ));
                r
            }
            "server_error" => HttpResponse::build(StatusCode::INTERNAL_SERVER_ERROR),
            _ => HttpResponse::build(StatusCode::BAD_REQUEST),
        };
        response
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(OAuthError {
                error: self.error,
                error_description: self.description,
            })
    }
}

const INVALID_CLIENT: TokenError =
    TokenError::new("invalid_client", "client authentication failed");
/// The simulator's own failure (its database); the client may simply try again.
const SERVER_ERROR: TokenError = TokenError::new(
    "server_error",
    "the simulator could not complete the request",
);

/// Who is calling, by `client_secret` in the body (`client_secret_post`) or HTTP Basic
/// (`client_secret_basic`, the `oauth2` crate's default); never both (§2.3).
pub fn authenticate_client(
    headers: &HeaderMap,
    params: &Params,
    registration: &Registration,
) -> Result<(), TokenError> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .map(|value| parse_basic(value.to_str().unwrap_or_default()).ok_or(INVALID_CLIENT))
        .transpose()?;
    let body_id = params.get("client_id").map(String::as_str);
    let body_secret = params.get("client_secret").map(String::as_str);
    let (client_id, secret) = match (basic.as_ref(), body_secret) {
        (Some(_), Some(_)) => {
            return Err(TokenError::new(
                "invalid_request",
                "use one client authentication method, not two",
            ))
        }
        (Some((id, secret)), None) => {
            if body_id.is_some_and(|body_id| body_id != id) {
                return Err(INVALID_CLIENT);
            }
            (id.as_str(), secret.as_str())
        }
        (None, Some(secret)) => (body_id.ok_or(INVALID_CLIENT)?, secret),
        (None, None) => return Err(INVALID_CLIENT),
    };
    // Both comparisons run, whatever the first one says.
    let id_ok = constant_time_eq(client_id, &registration.client_id);
    let secret_ok = constant_time_eq(secret, &registration.client_secret);
    if id_ok && secret_ok {
        Ok(())
    } else {
        Err(INVALID_CLIENT)
    }
}

/// `Basic base64(urlencode(id) ":" urlencode(secret))` → (id, secret) (RFC 6749 §2.3.1).
fn parse_basic(value: &str) -> Option<(String, String)> {
    use base64::Engine;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((form_decode(id)?, form_decode(secret)?))
}

/// Undoes `application/x-www-form-urlencoded` escaping of one value.
fn form_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn is_form(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
}

/// The whole token request, separate from HTTP so it can be tested. The outer `Result` is
/// the database failing, the inner one the answer to the client.
pub fn exchange(
    conn: &mut AnyConnection,
    headers: &HeaderMap,
    params: &Params,
    registration: &Registration,
    now: DateTime<Utc>,
) -> diesel::QueryResult<Result<IssuedToken, TokenError>> {
    let redemption = match parse_redemption(headers, params, registration) {
        Ok(redemption) => redemption,
        Err(refused) => return Ok(Err(refused)),
    };
    Ok(store::redeem_code(conn, redemption, now)?
        .map_err(|e: GrantError| TokenError::new("invalid_grant", e.description())))
}

/// The code exchange a well-formed request from the authenticated client asks for. A request
/// refused here leaves the code untouched.
fn parse_redemption<'a>(
    headers: &HeaderMap,
    params: &'a Params,
    registration: &'a Registration,
) -> Result<Redemption<'a>, TokenError> {
    authenticate_client(headers, params, registration)?;
    let get = |name: &str| params.get(name).map(String::as_str);
    match get("grant_type") {
        Some("authorization_code") => {}
        None => return Err(TokenError::new("invalid_request", "grant_type is missing")),
        Some(_) => {
            return Err(TokenError::new(
                "unsupported_grant_type",
                "only authorization_code is supported",
            ))
        }
    }
    let (Some(code), Some(redirect_uri), Some(code_verifier)) =
        (get("code"), get("redirect_uri"), get("code_verifier"))
    else {
        return Err(TokenError::new(
            "invalid_request",
            "code, redirect_uri and code_verifier are required",
        ));
    };
    Ok(Redemption {
        code,
        client_id: &registration.client_id,
        redirect_uri,
        code_verifier,
    })
}

/// `POST /oauth2/token`.
pub async fn token(req: HttpRequest, body: web::Bytes, app: web::Data<AppState>) -> HttpResponse {
    if !is_form(&req) {
        return TokenError::new("invalid_request", "send application/x-www-form-urlencoded")
            .response();
    }
    let Ok(params) = parse_pairs(&body) else {
        return TokenError::new("invalid_request", "a parameter was sent more than once")
            .response();
    };
    let registration = Registration::of(&app.config);
    let headers = req.headers().clone();
    let now = app.now();
    let answer = app
        .db(move |conn| Ok(exchange(conn, &headers, &params, &registration, now)?))
        .await
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "simulator: the token request failed");
            Err(SERVER_ERROR)
        });
    match answer {
        Ok(issued) => HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((header::PRAGMA, "no-cache"))
            .json(TokenResponse {
                access_token: &issued.access_token,
                token_type: "Bearer",
                expires_in: issued.expires_in,
                scope: SUPPORTED_SCOPE,
            }),
        Err(e) => {
            tracing::info!(
                error = e.error,
                reason = e.description,
                "simulator: token request refused"
            );
            e.response()
        }
    }
}

/// `GET /oauth2/userinfo` with `Authorization: Bearer <access token>` (RFC 6750).
pub async fn userinfo(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_owned());
    let Some(token) = token else {
        return HttpResponse::Unauthorized()
            .insert_header((
                header::WWW_AUTHENTICATE,
                r#"Bearer realm="e-Devlet simulator""#,
            ))
            .finish();
    };
    let now = app.now();
    let citizens = app.config.edevlet.citizens;
    let citizen = app
        .db(move |conn| Ok(store::tckn_for_token(conn, &token, now)?))
        .await
        // A number the simulator no longer knows (its configuration changed) is nobody.
        .map(|tckn| tckn.and_then(|tckn| citizens.find(&tckn)));
    match citizen {
        Err(e) => {
            tracing::error!(error = %e, "simulator: the userinfo request failed");
            HttpResponse::InternalServerError()
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .finish()
        }
        Ok(Some(citizen)) => HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(UserInfo {
                tckn: &citizen.tckn,
                ad: &citizen.first_name,
                soyad: &citizen.last_name,
            }),
        Ok(None) => HttpResponse::Unauthorized()
            .insert_header((
                header::WWW_AUTHENTICATE,
                r#"Bearer realm="e-Devlet simulator", error="invalid_token""#,
            ))
            .json(OAuthError {
                error: "invalid_token",
                error_description: "the access token is unknown or expired",
            }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::clock::{Clock, SystemClock};
    use crate::db::testing::fresh_database;
    use crate::edevlet::simulator::citizens::test_citizens;
    use crate::edevlet::simulator::store::{s256_challenge, CodeRequest};
    use actix_web::http::header::HeaderValue;
    use base64::Engine;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const REDIRECT: &str = "http://127.0.0.1:8080/api/auth/edevlet/callback";

    fn registration() -> Registration {
        Registration {
            client_id: "nes-basvuru".into(),
            client_secret: "simulator secret/+".into(),
            redirect_uri: REDIRECT.into(),
        }
    }

    fn basic(id: &str, secret: &str) -> HeaderMap {
        let encode =
            |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        let credential = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            encode(id),
            encode(secret)
        ));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {credential}")).unwrap(),
        );
        headers
    }

    fn params(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn code_params(code: &str) -> Params {
        params(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
    }

    fn issue(conn: &mut AnyConnection) -> String {
        store::issue_code(
            conn,
            CodeRequest {
                client_id: "nes-basvuru",
                redirect_uri: REDIRECT,
                code_challenge: &s256_challenge(VERIFIER),
                tckn: test_citizens()[1].tckn,
            },
            SystemClock.now(),
        )
        .unwrap()
    }

    /// The token request's answer; the database must not fail.
    fn exchange_now(
        conn: &mut AnyConnection,
        headers: &HeaderMap,
        params: &Params,
    ) -> Result<IssuedToken, TokenError> {
        exchange(conn, headers, params, &registration(), SystemClock.now()).unwrap()
    }

    #[test]
    fn basic_authentication_with_url_encoded_credentials_is_accepted() {
        let headers = basic("nes-basvuru", "simulator secret/+");
        assert_eq!(
            authenticate_client(&headers, &Params::new(), &registration()),
            Ok(())
        );
    }

    #[test]
    fn a_secret_in_the_body_is_accepted() {
        let body = params(&[
            ("client_id", "nes-basvuru"),
            ("client_secret", "simulator secret/+"),
        ]);
        assert_eq!(
            authenticate_client(&HeaderMap::new(), &body, &registration()),
            Ok(())
        );
    }

    #[test]
    fn a_wrong_client_secret_is_refused_either_way() {
        let headers = basic("nes-basvuru", "guess");
        assert_eq!(
            authenticate_client(&headers, &Params::new(), &registration())
                .unwrap_err()
                .error,
            "invalid_client"
        );
        let body = params(&[("client_id", "nes-basvuru"), ("client_secret", "guess")]);
        assert_eq!(
            authenticate_client(&HeaderMap::new(), &body, &registration())
                .unwrap_err()
                .error,
            "invalid_client"
        );
        assert_eq!(
            authenticate_client(
                &HeaderMap::new(),
                &params(&[("client_id", "nes-basvuru")]),
                &registration()
            )
            .unwrap_err()
            .error,
            "invalid_client"
        );
    }

    #[test]
    fn two_authentication_methods_at_once_are_refused() {
        let headers = basic("nes-basvuru", "simulator secret/+");
        let body = params(&[("client_secret", "simulator secret/+")]);
        assert_eq!(
            authenticate_client(&headers, &body, &registration())
                .unwrap_err()
                .error,
            "invalid_request"
        );
    }

    #[test]
    fn a_code_exchanged_twice_is_invalid_grant_the_second_time() {
        let db = fresh_database();
        let conn = &mut db.connection();
        let headers = basic("nes-basvuru", "simulator secret/+");
        let code = issue(conn);
        let issued = exchange_now(conn, &headers, &code_params(&code)).unwrap();
        assert_eq!(
            store::tckn_for_token(conn, &issued.access_token, SystemClock.now())
                .unwrap()
                .unwrap(),
            test_citizens()[1].tckn
        );
        let again = exchange_now(conn, &headers, &code_params(&code));
        assert_eq!(again.err().map(|e| e.error), Some("invalid_grant"));
    }

    #[test]
    fn a_wrong_code_verifier_is_invalid_grant() {
        let db = fresh_database();
        let conn = &mut db.connection();
        let headers = basic("nes-basvuru", "simulator secret/+");
        let code = issue(conn);
        let mut request = code_params(&code);
        request.insert("code_verifier".into(), "A".repeat(43));
        let result = exchange_now(conn, &headers, &request);
        assert_eq!(result.err().map(|e| e.error), Some("invalid_grant"));
    }

    #[test]
    fn a_wrong_secret_does_not_even_burn_the_code() {
        let db = fresh_database();
        let conn = &mut db.connection();
        let code = issue(conn);
        let wrong = exchange_now(conn, &basic("nes-basvuru", "guess"), &code_params(&code));
        assert_eq!(wrong.err().map(|e| e.error), Some("invalid_client"));
        let right = exchange_now(
            conn,
            &basic("nes-basvuru", "simulator secret/+"),
            &code_params(&code),
        );
        assert!(right.is_ok());
    }

    #[test]
    fn only_the_authorization_code_grant_is_supported() {
        let db = fresh_database();
        let conn = &mut db.connection();
        let headers = basic("nes-basvuru", "simulator secret/+");
        let result = exchange_now(conn, &headers, &params(&[("grant_type", "password")]));
        assert_eq!(
            result.err().map(|e| e.error),
            Some("unsupported_grant_type")
        );
    }

    #[test]
    fn form_decoding_undoes_plus_and_percent_escapes() {
        assert_eq!(form_decode("a+b%2Fc%3A").as_deref(), Some("a b/c:"));
        assert_eq!(form_decode("%zz"), None);
        assert_eq!(form_decode("%4"), None);
    }
}
