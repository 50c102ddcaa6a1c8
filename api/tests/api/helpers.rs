//! `spawn_app()`: the real server on a free port, with a fresh database, a manual clock, a
//! fake SMTP server and a fake SMS gateway on loopback. Methods speak to the API the way a
//! browser or an integrator would.
//!
//! `TEST_INSTANCES=2` (or more) starts that many servers on the one database behind a
//! round-robin balancer (`proxy.rs`), and the test talks to the balancer: every request of a
//! flow may reach another instance, as behind a real load balancer without sticky sessions.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api::clock::ManualClock;
use api::config::{Config, DEV_INTEGRATOR_KEY};
use api::db::testing::{fresh_database, TestDatabase};
use api::edevlet::simulator::citizens::test_citizens;
pub use api::edevlet::simulator::hidden_inputs;
use api::startup::Application;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::fakes::{FakeSmsGateway, FakeSmtpServer};
use crate::proxy::RoundRobinProxy;

pub const SMS_GATEWAY_TOKEN: &str = "test-gateway-token";

pub struct TestApp {
    pub address: String,
    /// The default browser: keeps cookies, never follows redirects on its own.
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub sms: FakeSmsGateway,
    pub smtp: FakeSmtpServer,
    pub db: TestDatabase,
    /// The balancer in front of the instances, when there are several.
    pub balancer: Option<RoundRobinProxy>,
    csrf: Mutex<Option<String>>,
    _data_dir: TempDir,
}

/// A directory removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn browser_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("nes-api-tests/1.0")
        .build()
        .expect("a reqwest client")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Like `spawn_app`, with some configuration variables set.
pub async fn spawn_app_with(vars: &[(&str, &str)]) -> TestApp {
    let instances: usize = std::env::var("TEST_INSTANCES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    spawn_instances(instances, vars).await
}

/// `instances` servers on one fresh database, behind a round-robin balancer when more than one.
pub async fn spawn_instances(instances: usize, vars: &[(&str, &str)]) -> TestApp {
    let instances = instances.max(1);
    // The server's logs only when asked for (`TEST_LOG=1 cargo test`): quiet CI output.
    if std::env::var_os("TEST_LOG").is_some() {
        api::telemetry::init();
    }
    let db = fresh_database();
    let sms = FakeSmsGateway::start(SMS_GATEWAY_TOKEN).await;
    let smtp = FakeSmtpServer::start().await;
    let data_dir = TempDir(std::env::temp_dir().join(format!("nes-test-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&data_dir.0).expect("data dir");

    let front = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = format!(
        "http://127.0.0.1:{}",
        front.local_addr().expect("address").port()
    );
    let clock = Arc::new(ManualClock::default());
    let mut servers = Vec::new();
    let mut front = Some(front);
    for _ in 0..instances {
        let listener = if instances == 1 {
            front.take().expect("the one listener")
        } else {
            TcpListener::bind("127.0.0.1:0").expect("a free port")
        };
        let port = listener.local_addr().expect("address").port();
        let mut env: HashMap<String, String> = [
            ("NES_BIND", format!("127.0.0.1:{port}")),
            // Behind the balancer, people reach the service at its address.
            ("NES_PUBLIC_URL", address.clone()),
            ("DATABASE_URL", db.url.clone()),
            ("NES_DATA_DIR", data_dir.0.display().to_string()),
            // Tests bring their own PKI when they need one.
            ("NES_DEV_PKI", "off".into()),
            ("NES_SMS_TRANSPORT", "http".into()),
            ("SMS_GATEWAY_URL", sms.url()),
            ("SMS_GATEWAY_TOKEN", SMS_GATEWAY_TOKEN.into()),
            ("NES_EMAIL_TRANSPORT", "smtp".into()),
            ("SMTP_HOST", "127.0.0.1".into()),
            ("SMTP_PORT", smtp.port().to_string()),
            ("SMTP_TLS", "none".into()),
            (
                "NES_STATIC_DIR",
                data_dir.0.join("no-spa").display().to_string(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        for (k, v) in vars {
            env.insert((*k).to_owned(), (*v).to_owned());
        }
        let config =
            Config::from_lookup(|k| env.get(k).cloned()).expect("a valid test configuration");
        let app = Application::build_on(listener, config, clock.clone())
            .await
            .expect("the application starts");
        servers.push(format!("http://{}", app.address()));
        tokio::spawn(app.run_until_stopped());
    }
    let balancer = front.map(|listener| RoundRobinProxy::start(listener, servers));

    TestApp {
        address,
        client: browser_client(),
        clock,
        sms,
        smtp,
        db,
        balancer,
        csrf: Mutex::new(None),
        _data_dir: data_dir,
    }
}

/// A pre-application row as an integrator would send it.
pub fn pre_application(tckn: &str, first: &str, last: &str, payer: &str, prepaid: bool) -> Value {
    json!({
        "tckn": tckn,
        "first_name": first,
        "last_name": last,
        "email": format!("{}.{}@kurum.gov.tr", ascii(first), ascii(last)),
        "institution": "T.C. Örnek Bakanlığı",
        "payer": payer,
        "prepaid": prepaid,
    })
}

fn ascii(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'ç' => 'c',
            'ğ' => 'g',
            'ı' | 'i' => 'i',
            'ö' => 'o',
            'ş' => 's',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => 'x',
        })
        .collect()
}

/// Another six-digit code than `code` (its first digit moved on by one).
pub fn wrong_code(code: &str) -> String {
    let first = code.as_bytes()[0] - b'0';
    format!("{}{}", (first + 1) % 10, &code[1..])
}

/// A valid form for the SMS tests: `phone` in any spelling.
pub fn valid_form(phone: &str) -> Value {
    json!({
        "mobile_phone": phone,
        "birth_date": "1985-04-23",
        "title": "Şube Müdürü",
        "address_il": "Ankara",
        "address_ilce": "Çankaya",
        "address_line": "Atatürk Bulvarı No: 221 Kavaklıdere",
        "postal_code": "06680",
        "certificate_term_years": "2",
    })
}

pub struct Citizen {
    pub tckn: String,
    pub first_name: String,
    pub last_name: String,
    pub password: String,
}

impl Citizen {
    /// This person as a row of `create_pre_applications`.
    pub fn row(&self, payer: &str, prepaid: bool) -> Value {
        pre_application(
            &self.tckn,
            &self.first_name,
            &self.last_name,
            payer,
            prepaid,
        )
    }
}

pub fn citizen(index: usize) -> Citizen {
    let c = &test_citizens()[index];
    Citizen {
        tckn: c.tckn.to_owned(),
        first_name: c.first_name.to_owned(),
        last_name: c.last_name.to_owned(),
        password: c.password_hint.to_owned(),
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn create_pre_applications(&self, items: Vec<Value>) -> Response {
        self.client
            .post(self.url("/api/pre-applications"))
            .bearer_auth(DEV_INTEGRATOR_KEY)
            .json(&json!({ "items": items }))
            .send()
            .await
            .expect("request")
    }

    /// GET with the development institution's API key.
    pub async fn get_json_with_key(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .get(self.url(path))
            .bearer_auth(DEV_INTEGRATOR_KEY)
            .send()
            .await
            .expect("request");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Creates a pre-application for `citizen` and returns its id.
    pub async fn pre_application_for(
        &self,
        citizen: &Citizen,
        payer: &str,
        prepaid: bool,
    ) -> String {
        let response = self
            .create_pre_applications(vec![pre_application(
                &citizen.tckn,
                &citizen.first_name,
                &citizen.last_name,
                payer,
                prepaid,
            )])
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.expect("json");
        body["results"][0]["application_id"]
            .as_str()
            .expect("an application id")
            .to_owned()
    }

    /// Logs in through the e-Devlet simulator, following every redirect by hand as a
    /// browser would, and keeps the CSRF token for later requests.
    pub async fn login_as(&self, citizen: &Citizen) {
        login(&self.client, &self.address, citizen).await;
        let session: Value = self
            .client
            .get(self.url("/api/session"))
            .send()
            .await
            .expect("session")
            .json()
            .await
            .expect("json");
        let token = session["csrf_token"]
            .as_str()
            .expect("a CSRF token")
            .to_owned();
        *self.csrf.lock().expect("lock") = Some(token);
    }

    /// A request with the session cookie and the CSRF header.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        self.request(method, path, body)
            .send()
            .await
            .expect("request")
    }

    /// The request [`TestApp::call`] sends, for a test to send it its own way.
    pub fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::RequestBuilder {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = self.csrf.lock().expect("lock").clone() {
            request = request.header("X-CSRF-Token", token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let response = self.call(Method::GET, path, None).await;
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn submit_form(&self, id: &str, form: Value) -> Response {
        self.call(
            Method::PUT,
            &format!("/api/applications/{id}/form"),
            Some(form),
        )
        .await
    }

    pub async fn send_sms_code(&self, id: &str) -> Response {
        self.call(
            Method::POST,
            &format!("/api/applications/{id}/sms-code"),
            None,
        )
        .await
    }

    pub async fn verify_sms_code(&self, id: &str, code: &str) -> Response {
        self.call(
            Method::POST,
            &format!("/api/applications/{id}/sms-code/verification"),
            Some(json!({ "code": code })),
        )
        .await
    }

    pub async fn give_consent(&self) -> Response {
        self.call(
            Method::PUT,
            "/api/me/e-onay-consent",
            Some(json!({ "accepted": true })),
        )
        .await
    }

    pub async fn approve(&self, id: &str, version: &str, sha256: &str, accepted: bool) -> Response {
        self.call(
            Method::POST,
            &format!("/api/applications/{id}/e-onay"),
            Some(json!({
                "taahhutname_version": version,
                "taahhutname_sha256": sha256,
                "accepted": accepted,
            })),
        )
        .await
    }

    /// The current Taahhütname's version and hash.
    pub async fn taahhutname(&self) -> (String, String) {
        let (_, t) = self.get_json("/api/taahhutname").await;
        (
            t["version"].as_str().expect("version").to_owned(),
            t["sha256"].as_str().expect("sha256").to_owned(),
        )
    }

    /// The latest code the fake gateway received for `phone_e164`, waiting for the outbox.
    pub async fn sms_code_sent_to(&self, phone_e164: &str, nth: usize) -> String {
        let messages = self
            .sms
            .wait_for_sms_to(phone_e164, nth, Duration::from_secs(10))
            .await;
        assert!(messages.len() >= nth, "expected {nth} SMS to {phone_e164}");
        self.sms
            .latest_code_for(phone_e164)
            .expect("a six-digit code in the SMS")
    }

    /// Pre-application → login → form → SMS verified: ready for approval.
    pub async fn phone_verified_application(
        &self,
        citizen: &Citizen,
        payer: &str,
        prepaid: bool,
    ) -> String {
        let id = self.pre_application_for(citizen, payer, prepaid).await;
        self.login_as(citizen).await;
        let response = self.submit_form(&id, valid_form("0532 123 45 67")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let code = self.sms_code_sent_to("+905321234567", 1).await;
        let response = self.verify_sms_code(&id, &code).await;
        assert_eq!(response.status(), StatusCode::OK);
        id
    }
}

/// The e-Devlet login dance in `client`: our login route → the simulator's form → its
/// redirect back → our callback → Başvuru İşlemleri. Answers the callback's response.
pub async fn login(client: &reqwest::Client, address: &str, citizen: &Citizen) -> Response {
    let start = client
        .get(format!("{address}/api/auth/edevlet/login"))
        .send()
        .await
        .expect("login start");
    assert_eq!(start.status(), StatusCode::SEE_OTHER);
    let authorize = location(&start);
    let form_page = client.get(&authorize).send().await.expect("authorize page");
    assert_eq!(form_page.status(), StatusCode::OK);
    let html = form_page.text().await.expect("html");
    let mut fields = hidden_inputs(&html);
    fields.push(("tckn".into(), citizen.tckn.clone()));
    fields.push(("password".into(), citizen.password.clone()));
    let action = authorize.split('?').next().unwrap_or(&authorize).to_owned();
    let posted = client
        .post(&action)
        .form(&fields)
        .send()
        .await
        .expect("login post");
    assert_eq!(
        posted.status(),
        StatusCode::SEE_OTHER,
        "the simulator accepts the password"
    );
    let callback = location(&posted);
    let landed = client.get(&callback).send().await.expect("callback");
    assert_eq!(landed.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&landed), "/basvuru-islemleri");
    landed
}

/// The `Set-Cookie` header of `response` for the cookie `name`, if any.
pub fn set_cookie(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a Location header")
        .to_owned()
}

pub async fn problem(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/problem+json"),
        "an error is problem+json, got {content_type}"
    );
    (status, response.json().await.expect("problem json"))
}

/// An institution with an API key `key`, written straight into the database at `db_url` (the
/// operator's screens for this have their own tests); answers (institution id, key id).
pub fn institution_with_key(db_url: &str, code: &str, name: &str, key: &str) -> (String, String) {
    use api::db::schema::{api_keys, institutions};
    use diesel::prelude::*;
    let mut conn = api::db::establish(db_url, 1.into()).expect("a connection");
    let institution_id = uuid::Uuid::new_v4().to_string();
    let now = api::db::to_db_time(chrono::Utc::now());
    diesel::insert_into(institutions::table)
        .values((
            institutions::id.eq(&institution_id),
            institutions::code.eq(code),
            institutions::name.eq(name),
            institutions::created_at.eq(now),
            institutions::created_by.eq("test"),
        ))
        .execute(&mut conn)
        .expect("an institution");
    let key_id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(api_keys::table)
        .values((
            api_keys::id.eq(&key_id),
            api_keys::institution_id.eq(&institution_id),
            api_keys::name.eq(format!("{code} hr")),
            api_keys::key_prefix.eq(&key[..8]),
            api_keys::key_hash.eq(api::secrets::sha256_hex(key.as_bytes())),
            api_keys::created_at.eq(now),
            api_keys::created_by.eq("test"),
        ))
        .execute(&mut conn)
        .expect("an API key");
    (institution_id, key_id)
}
