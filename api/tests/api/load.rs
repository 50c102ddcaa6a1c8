//! Applicants working through the path at the same time against a running server, as
//! browsers would, keeping a ledger of every step the server acknowledged: the fault tests
//! compare it with the database after killing the server or its database.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::fakes::FakeSmsGateway;
use crate::helpers::{
    browser_client, citizen, institution_with_key, login, pre_application, valid_form, Citizen,
};

/// A step of the path, in the order the workflow takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    FormSubmitted,
    PhoneVerified,
    Approved,
}

impl Step {
    /// The states an application may be in once this step was acknowledged.
    pub fn reached_by(self, state: &str) -> bool {
        let rank = match state {
            "form_submitted" => Step::FormSubmitted,
            "phone_verified" => Step::PhoneVerified,
            "approved" | "awaiting_payment" | "in_production" => Step::Approved,
            _ => return false,
        };
        rank >= self
    }
}

/// What the server answered: every status, and the steps it acknowledged.
#[derive(Default)]
pub struct Ledger {
    statuses: Mutex<BTreeMap<u16, usize>>,
    problems: Mutex<BTreeMap<(u16, String), usize>>,
    acknowledged: Mutex<Vec<(String, Step)>>,
}

impl Ledger {
    fn note(&self, status: StatusCode) {
        *lock(&self.statuses).entry(status.as_u16()).or_default() += 1;
    }

    fn note_problem(&self, status: StatusCode, code: &str) {
        *lock(&self.problems)
            .entry((status.as_u16(), code.to_owned()))
            .or_default() += 1;
    }

    fn acknowledge(&self, id: &str, step: Step) {
        lock(&self.acknowledged).push((id.to_owned(), step));
    }

    pub fn statuses(&self) -> BTreeMap<u16, usize> {
        lock(&self.statuses).clone()
    }

    /// The problem answers, by status and code.
    pub fn problems(&self) -> BTreeMap<(u16, String), usize> {
        lock(&self.problems).clone()
    }

    pub fn acknowledged(&self) -> Vec<(String, Step)> {
        lock(&self.acknowledged).clone()
    }

    pub fn approvals(&self) -> usize {
        self.acknowledged()
            .iter()
            .filter(|(_, step)| *step == Step::Approved)
            .count()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A logged-in applicant's browser.
pub struct Applicant {
    client: reqwest::Client,
    base: String,
    csrf: String,
}

impl Applicant {
    pub async fn log_in(base: &str, citizen: &Citizen) -> Applicant {
        let client = browser_client();
        login(&client, base, citizen).await;
        let session: Value = client
            .get(format!("{base}/api/session"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Applicant {
            client,
            base: base.to_owned(),
            csrf: session["csrf_token"].as_str().unwrap().to_owned(),
        }
    }

    /// One request; `None` when no answer came (the server died under it).
    pub async fn call(
        &self,
        ledger: &Ledger,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Option<StatusCode> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("X-CSRF-Token", &self.csrf)
            .timeout(Duration::from_secs(30));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.ok()?;
        let status = response.status();
        ledger.note(status);
        if status.is_client_error() || status.is_server_error() {
            let retry_after = response.headers().contains_key("retry-after");
            let body: Value = response.json().await.unwrap_or(Value::Null);
            let code = body["code"].as_str().unwrap_or("<no problem body>");
            let code = if status == StatusCode::SERVICE_UNAVAILABLE && !retry_after {
                format!("{code} without Retry-After")
            } else {
                code.to_owned()
            };
            ledger.note_problem(status, &code);
        }
        Some(status)
    }
}

/// The phone number of the `n`-th application of a run: each its own, so codes never mix.
pub fn phone_of(n: usize) -> String {
    format!("+90532{:07}", 1_000_000 + n)
}

/// Pre-applications through the development API key: `per_person` for each of the five
/// test citizens (each in its own unit, so none is the "existing" open one of another).
pub async fn pre_applications(
    base: &str,
    db_url: &str,
    per_person: usize,
) -> Vec<(Citizen, Vec<String>)> {
    let client = reqwest::Client::new();
    // One open application per person and institution: the development institution's, and
    // one of a further institution for each more.
    let mut keys = vec![api::config::DEV_INTEGRATOR_KEY.to_owned()];
    for unit in 1..per_person {
        let code = format!("BIRIM-{}", uuid::Uuid::new_v4().simple());
        let key = format!("{}-key-0123456789", code.to_lowercase());
        institution_with_key(db_url, &code, &format!("Birim {unit}"), &key);
        keys.push(key);
    }
    let mut people: Vec<(Citizen, Vec<String>)> =
        (0..5).map(|index| (citizen(index), Vec::new())).collect();
    for key in &keys {
        let items: Vec<Value> = people
            .iter()
            .map(|(person, _)| {
                pre_application(
                    &person.tckn,
                    &person.first_name,
                    &person.last_name,
                    "institution",
                    false,
                )
            })
            .collect();
        let response: Value = client
            .post(format!("{base}/api/pre-applications"))
            .bearer_auth(key)
            .json(&json!({ "items": items }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for ((_, ids), row) in people
            .iter_mut()
            .zip(response["results"].as_array().unwrap())
        {
            ids.push(row["application_id"].as_str().unwrap().to_owned());
        }
    }
    people
}

/// The whole path for one application (form, SMS code, verification, e-Onay), noting each
/// step the server acknowledged. Stops at the first step that got no success.
pub async fn complete(
    applicant: &Applicant,
    ledger: &Ledger,
    sms: &FakeSmsGateway,
    id: &str,
    phone: &str,
    taahhutname: &(String, String),
) {
    let path = format!("/api/applications/{id}");
    let submitted = applicant
        .call(
            ledger,
            Method::PUT,
            &format!("{path}/form"),
            Some(valid_form(phone)),
        )
        .await;
    if submitted != Some(StatusCode::OK) {
        return;
    }
    ledger.acknowledge(id, Step::FormSubmitted);
    if sms
        .wait_for_sms_to(phone, 1, Duration::from_secs(20))
        .await
        .is_empty()
    {
        return;
    }
    let Some(code) = sms.latest_code_for(phone) else {
        return;
    };
    let verified = applicant
        .call(
            ledger,
            Method::POST,
            &format!("{path}/sms-code/verification"),
            Some(json!({ "code": code })),
        )
        .await;
    if verified != Some(StatusCode::OK) {
        return;
    }
    ledger.acknowledge(id, Step::PhoneVerified);
    let (version, sha256) = taahhutname;
    let approved = applicant
        .call(
            ledger,
            Method::POST,
            &format!("{path}/e-onay"),
            Some(json!({
                "taahhutname_version": version,
                "taahhutname_sha256": sha256,
                "accepted": true,
            })),
        )
        .await;
    if approved == Some(StatusCode::OK) {
        ledger.acknowledge(id, Step::Approved);
    }
}

/// The current Taahhütname, and the applicant's e-Onay consent given.
pub async fn consent(applicant: &Applicant, ledger: &Ledger) -> (String, String) {
    let status = applicant
        .call(
            ledger,
            Method::PUT,
            "/api/me/e-onay-consent",
            Some(json!({ "accepted": true })),
        )
        .await;
    assert_eq!(status, Some(StatusCode::OK));
    let taahhutname: Value = reqwest::get(format!("{}/api/taahhutname", applicant.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        taahhutname["version"].as_str().unwrap().to_owned(),
        taahhutname["sha256"].as_str().unwrap().to_owned(),
    )
}
