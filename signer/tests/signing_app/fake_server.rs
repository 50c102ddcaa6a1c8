//! A fake of the API's three e-İmza routes, on loopback, as the contract describes them:
//! problem details with stable codes for the errors, the canonical document bytes, and a
//! signature route that verifies the CMS with `esign::Verifier` against the test CA.

use std::net::TcpListener;
use std::sync::{mpsc, Arc, Mutex};

use actix_web::http::StatusCode;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use chrono::{Duration, Utc};
use esign::document::login::LoginDocument;
use esign::document::{FormData, SigningDocument, SigningNonce, TaahhutnameRef};
use esign::{TrustStore, Verifier};
use serde::Deserialize;
use shared::{ApplicationRef, PersonName};

use crate::helpers::{applicant_tckn, fixtures, APPLICANT_NAME};

pub const APPLICATION_REFERENCE: &str = "NES-2026-000123";
pub const APPLICANT_DISPLAY_NAME: &str = "Ayşe Yılmaz";
pub const TCKN_MASKED: &str = "100******46";

/// The code the page shows for the open signing session.
pub const VALID_CODE: &str = "7KQ4-9XWM-2HRT";
/// A code whose 10 minutes are over.
pub const EXPIRED_CODE: &str = "EXP1-RED2-CODE";
/// A code whose session has been signed already.
pub const USED_CODE: &str = "USED-9XWM-2HRT";
/// The code the login page shows ("e-İmza ile Giriş"): its document names this server.
pub const LOGIN_CODE: &str = "GRS1-9XWM-2HRT";
/// A login code whose document names another site than this server.
pub const FOREIGN_LOGIN_CODE: &str = "GRS2-9XWM-2HRT";
/// The site the foreign login document names.
pub const FOREIGN_ORIGIN: &str = "https://nes.kamusm.gov.tr";
/// The browser that asked to log in, as the fake reports it.
pub const REQUESTER_IP: &str = "203.0.113.7";
pub const REQUESTER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0";

const SIGNING_TOKEN: &str = "st_fake_0123456789abcdef";
const LOGIN_TOKEN: &str = "st_fake_login_0123456789";
const FOREIGN_LOGIN_TOKEN: &str = "st_fake_foreign_0123456789";

/// How the fake answers the upload.
#[derive(Debug, Clone)]
pub enum SignatureAnswer {
    /// Verify the CMS as the API does: 200 if it verifies, 422 with the refusal code if not.
    Verify,
    /// Answer with this status and problem code, whatever was uploaded.
    Problem {
        status: u16,
        code: &'static str,
        detail: &'static str,
    },
}

/// What the fake does differently from a good server.
#[derive(Debug, Clone)]
pub struct Behaviour {
    pub signature: SignatureAnswer,
    /// Announce this SHA-256 at login instead of the document's.
    pub announced_sha256: Option<String>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            signature: SignatureAnswer::Verify,
            announced_sha256: None,
        }
    }
}

/// One upload the fake received.
#[derive(Debug, Clone)]
pub struct Upload {
    pub content_type: String,
    /// `Ok(subject CN)` if the CMS verified, else the refusal code.
    pub verification: Result<String, String>,
}

struct State {
    document: SigningDocument,
    /// The login document of `LOGIN_CODE` (this server's origin).
    login_document: LoginDocument,
    /// The login document of `FOREIGN_LOGIN_CODE`.
    foreign_login_document: LoginDocument,
    behaviour: Behaviour,
    logins: usize,
    uploads: Vec<Upload>,
}

type Shared = Arc<Mutex<State>>;

pub struct FakeServer {
    pub url: String,
    state: Shared,
    system: actix_web::rt::System,
}

impl FakeServer {
    pub fn start() -> FakeServer {
        FakeServer::with(Behaviour::default())
    }

    pub fn with(behaviour: Behaviour) -> FakeServer {
        // Bound before the app runs: connections wait in the backlog until the server accepts.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let login_document =
            |origin: &str| LoginDocument::new(origin, Utc::now(), SigningNonce::random()).unwrap();
        let state = Arc::new(Mutex::new(State {
            document: document(),
            login_document: login_document(&url),
            foreign_login_document: login_document(FOREIGN_ORIGIN),
            behaviour,
            logins: 0,
            uploads: Vec::new(),
        }));
        let (sender, receiver) = mpsc::channel();
        let app_state = state.clone();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || {
                    App::new()
                        .app_data(web::Data::new(app_state.clone()))
                        .route("/api/e-imza/login", web::post().to(login))
                        .route("/api/e-imza/document", web::get().to(get_document))
                        .route("/api/e-imza/signature", web::post().to(signature))
                })
                .workers(1)
                .disable_signals()
                .listen(listener)
                .unwrap()
                .run();
                sender.send(actix_web::rt::System::current()).unwrap();
                server.await
            })
        });
        let system = receiver.recv().unwrap();
        FakeServer { url, state, system }
    }

    pub fn document(&self) -> SigningDocument {
        self.state.lock().unwrap().document.clone()
    }

    pub fn login_document(&self) -> LoginDocument {
        self.state.lock().unwrap().login_document.clone()
    }

    pub fn logins(&self) -> usize {
        self.state.lock().unwrap().logins
    }

    pub fn uploads(&self) -> Vec<Upload> {
        self.state.lock().unwrap().uploads.clone()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.system.stop();
    }
}

/// The applicant's document for this session (a fresh nonce per server).
fn document() -> SigningDocument {
    SigningDocument::new(
        ApplicationRef::parse(APPLICATION_REFERENCE).unwrap(),
        applicant_tckn(),
        PersonName::parse(APPLICANT_NAME).unwrap(),
        FormData::from_pairs([
            ("delivery.city", "Ankara"),
            ("email", "ayse@example.org"),
            ("institution", "Sağlık Bakanlığı"),
        ])
        .unwrap(),
        TaahhutnameRef::for_text("2026-1", "Taahhütname metni").unwrap(),
        SigningNonce::random(),
    )
    .unwrap()
}

fn problem(status: u16, code: &str, detail: &str) -> HttpResponse {
    let status = StatusCode::from_u16(status).unwrap();
    HttpResponse::build(status)
        .content_type("application/problem+json")
        .body(
            serde_json::json!({
                "type": format!("urn:nes:problem:{code}"),
                "title": code,
                "status": status.as_u16(),
                "detail": detail,
                "code": code,
            })
            .to_string(),
        )
}

fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase()
}

#[derive(Deserialize)]
struct LoginRequest {
    code: String,
}

async fn login(state: web::Data<Shared>, body: web::Json<LoginRequest>) -> HttpResponse {
    let mut state = state.lock().unwrap();
    state.logins += 1;
    let code = normalise(&body.code);
    if code == normalise(EXPIRED_CODE) {
        return problem(
            410,
            "signing_code_expired",
            "The verification code has expired.",
        );
    }
    if code == normalise(USED_CODE) {
        return problem(
            409,
            "signing_code_used",
            "The verification code was already used.",
        );
    }
    for (login_code, token, document) in [
        (LOGIN_CODE, LOGIN_TOKEN, &state.login_document),
        (
            FOREIGN_LOGIN_CODE,
            FOREIGN_LOGIN_TOKEN,
            &state.foreign_login_document,
        ),
    ] {
        if code == normalise(login_code) {
            return HttpResponse::Ok().json(serde_json::json!({
                "signing_token": token,
                "expires_at": (Utc::now() + Duration::minutes(10)).to_rfc3339(),
                "purpose": "login",
                "requested_by": { "ip": REQUESTER_IP, "user_agent": REQUESTER_AGENT },
                "document_sha256": document.digest_hex(),
            }));
        }
    }
    if code != normalise(VALID_CODE) {
        return problem(401, "signing_code_invalid", "Unknown verification code.");
    }
    let sha256 = state
        .behaviour
        .announced_sha256
        .clone()
        .unwrap_or_else(|| state.document.digest_hex());
    HttpResponse::Ok().json(serde_json::json!({
        "signing_token": SIGNING_TOKEN,
        "expires_at": (Utc::now() + Duration::minutes(10)).to_rfc3339(),
        "application_reference": APPLICATION_REFERENCE,
        "applicant_name": APPLICANT_DISPLAY_NAME,
        "tckn_masked": TCKN_MASKED,
        "document_sha256": sha256,
    }))
}

/// Which of the fake's signing sessions the bearer token opens.
#[derive(Clone, Copy, PartialEq)]
enum Session {
    Approval,
    Login,
    ForeignLogin,
}

fn session_of(request: &HttpRequest) -> Option<Session> {
    let header = request
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok())?;
    [
        (SIGNING_TOKEN, Session::Approval),
        (LOGIN_TOKEN, Session::Login),
        (FOREIGN_LOGIN_TOKEN, Session::ForeignLogin),
    ]
    .into_iter()
    .find(|(token, _)| header == format!("Bearer {token}"))
    .map(|(_, session)| session)
}

impl State {
    fn bytes_of(&self, session: Session) -> Vec<u8> {
        match session {
            Session::Approval => self.document.as_bytes().to_vec(),
            Session::Login => self.login_document.as_bytes().to_vec(),
            Session::ForeignLogin => self.foreign_login_document.as_bytes().to_vec(),
        }
    }
}

async fn get_document(state: web::Data<Shared>, request: HttpRequest) -> HttpResponse {
    let Some(session) = session_of(&request) else {
        return problem(401, "signing_token_invalid", "No signing session.");
    };
    let bytes = state.lock().unwrap().bytes_of(session);
    HttpResponse::Ok()
        .content_type("application/json")
        .body(bytes)
}

async fn signature(
    state: web::Data<Shared>,
    request: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    let Some(session) = session_of(&request) else {
        return problem(401, "signing_token_invalid", "No signing session.");
    };
    let content_type = request
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut state = state.lock().unwrap();
    let verifier = Verifier::new(
        TrustStore::new([fixtures().ca.certificate_der()], Vec::<Vec<u8>>::new()).unwrap(),
    );
    // An approval must be the applicant's; a login anybody's with a TCKN, as the API checks.
    let verification = match session {
        Session::Approval => verifier.verify(
            &body,
            state.document.as_bytes(),
            state.document.tckn(),
            Utc::now(),
        ),
        login => verifier.verify_identity(&body, &state.bytes_of(login), Utc::now()),
    }
    .map(|verified| verified.subject_cn().to_owned())
    .map_err(|refusal| refusal.code().to_owned());
    state.uploads.push(Upload {
        content_type: content_type.clone(),
        verification: verification.clone(),
    });
    if let SignatureAnswer::Problem {
        status,
        code,
        detail,
    } = state.behaviour.signature
    {
        return problem(status, code, detail);
    }
    if content_type != "application/cms" {
        return problem(415, "malformed_request", "Expected application/cms.");
    }
    match verification {
        Ok(_) if session == Session::Approval => HttpResponse::Ok().json(serde_json::json!({
            "status": "accepted",
            "purpose": "approval",
            "application_reference": APPLICATION_REFERENCE,
        })),
        Ok(_) => HttpResponse::Ok().json(serde_json::json!({
            "status": "accepted",
            "purpose": "login",
        })),
        Err(code) => problem(422, &code, &format!("The signature was refused: {code}.")),
    }
}
