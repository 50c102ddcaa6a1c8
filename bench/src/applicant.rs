//! One applicant of the run: a browser of their own (cookies), logged in through the e-Devlet
//! simulator, with the CSRF token of their session, their application and phone number.

use std::time::{Duration, Instant};

use api::edevlet::simulator::hidden_inputs;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub struct Applicant {
    client: reqwest::Client,
    base: String,
    csrf: String,
    pub application_id: String,
    pub phone: String,
}

/// What one request answered, and how long it took.
pub struct Answer {
    pub status: StatusCode,
    pub took: Duration,
    pub body: Value,
}

fn browser() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(4)
        // Below the server's keep-alive (5 s): a connection idle between phases is not reused
        // just as the server closes it.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .map_err(|e| e.to_string())
}

impl Applicant {
    /// Logs in as a browser would: our login route, the simulator's form, its redirect back,
    /// our callback. Then gives the e-Onay consent once, as the person would before approving.
    pub async fn log_in(
        base: &str,
        tckn: &str,
        password: &str,
        application_id: String,
        phone: String,
    ) -> Result<Applicant, String> {
        let client = browser()?;
        let start = client
            .get(format!("{base}/api/auth/edevlet/login"))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let authorize = location(&start)?;
        let page = client
            .get(&authorize)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| e.to_string())?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        let mut form = hidden_inputs(&page);
        form.push(("tckn".into(), tckn.to_owned()));
        form.push(("password".into(), password.to_owned()));
        let action = authorize.split('?').next().unwrap_or(&authorize).to_owned();
        let posted = client
            .post(action)
            .form(&form)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let callback = location(&posted)?;
        let landed = client
            .get(&callback)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if location(&landed)? != "/basvuru-islemleri" {
            return Err(format!(
                "the login of {tckn} did not end on Başvuru İşlemleri"
            ));
        }
        let session: Value = client
            .get(format!("{base}/api/session"))
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        let csrf = session["csrf_token"]
            .as_str()
            .ok_or("no CSRF token in the session")?
            .to_owned();
        let applicant = Applicant {
            client,
            base: base.to_owned(),
            csrf,
            application_id,
            phone,
        };
        let consent = applicant
            .call(
                Method::PUT,
                "/api/me/e-onay-consent",
                Some(json!({ "accepted": true })),
            )
            .await?;
        if !consent.status.is_success() {
            return Err(format!("consent answered {}", consent.status));
        }
        Ok(applicant)
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Answer, String> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("X-CSRF-Token", &self.csrf);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let started = Instant::now();
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| e.to_string())?;
        let took = started.elapsed();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Answer { status, took, body })
    }
}

fn location(response: &reqwest::Response) -> Result<String, String> {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| format!("no Location in a {} answer", response.status()))
}
