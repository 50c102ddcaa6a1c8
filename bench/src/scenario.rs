//! The phases of one run against one database: bulk import, logins, the applicant path at a
//! given concurrency, then closed-loop reads. Each phase answers its own figures.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use api::config::DEV_INTEGRATOR_KEY;
use api::edevlet::simulator::citizens::{generated_citizen, generated_password};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::sync::Mutex;

use crate::applicant::Applicant;
use crate::gateway::Gateway;
use crate::stats::Latencies;

/// Rows a bulk request carries (the API takes at most 1,000).
const ROWS_PER_REQUEST: usize = 1000;

/// The `n`-th applicant's phone: each its own, so codes never mix.
fn phone_of(n: usize) -> String {
    format!("+90532{:07}", n % 10_000_000)
}

/// A pre-application row for the `n`-th generated citizen.
fn row(n: usize) -> Value {
    let citizen = generated_citizen(u32::try_from(n).unwrap_or(u32::MAX));
    json!({
        "tckn": citizen.tckn,
        "first_name": citizen.first_name,
        "last_name": citizen.last_name,
        "email": format!("deneme.{n}@kurum.gov.tr"),
        "institution": "",
        "payer": "institution",
        "prepaid": false,
    })
}

pub struct Bulk {
    pub rows: usize,
    pub took: Duration,
    /// The ids of the rows created, in the order sent.
    pub ids: Vec<String>,
}

/// Creates pre-applications for citizens `from..from + count`, 1,000 rows a request, one
/// request after another (as an integrator's nightly job would).
pub async fn bulk_create(base: &str, from: usize, count: usize) -> Result<Bulk, String> {
    let client = reqwest::Client::new();
    let started = Instant::now();
    let mut ids = Vec::with_capacity(count);
    let mut next = from;
    while next < from + count {
        let end = (next + ROWS_PER_REQUEST).min(from + count);
        let items: Vec<Value> = (next..end).map(row).collect();
        let answer: Value = client
            .post(format!("{base}/api/pre-applications"))
            .bearer_auth(DEV_INTEGRATOR_KEY)
            .json(&json!({ "items": items }))
            .timeout(Duration::from_secs(600))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| format!("bulk import: {e}"))?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        if answer["created"].as_u64() != Some((end - next) as u64) {
            return Err(format!(
                "bulk import: not every row was created: {}",
                answer["rejected"]
            ));
        }
        for result in answer["results"].as_array().into_iter().flatten() {
            ids.push(
                result["application_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        next = end;
    }
    Ok(Bulk {
        rows: count,
        took: started.elapsed(),
        ids,
    })
}

/// Logs in the applicants of `ids` (the `n`-th id is the `n`-th citizen's), `concurrency` at
/// a time.
pub async fn log_in_all(
    base: &str,
    ids: Vec<String>,
    concurrency: usize,
) -> Result<Vec<Applicant>, String> {
    let queue = Arc::new(Mutex::new(ids.into_iter().enumerate()));
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (queue, base) = (queue.clone(), base.to_owned());
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let Some((n, id)) = queue.lock().await.next() else {
                    return Ok::<_, String>(mine);
                };
                let citizen = generated_citizen(u32::try_from(n).unwrap_or(u32::MAX));
                let password = generated_password(&citizen.tckn);
                mine.push(
                    Applicant::log_in(&base, &citizen.tckn, &password, id, phone_of(n)).await?,
                );
            }
        }));
    }
    let mut applicants = Vec::new();
    for worker in workers {
        applicants.extend(worker.await.map_err(|e| e.to_string())??);
    }
    Ok(applicants)
}

/// What the path phase measured.
#[derive(Default)]
pub struct PathFigures {
    pub completed: usize,
    pub took: Duration,
    pub steps: BTreeMap<&'static str, Latencies>,
    /// From the form's submission to the gateway receiving the code.
    pub sms_delivery: Latencies,
    /// Answers that were not what the path expects, by step and status.
    pub failures: BTreeMap<String, usize>,
}

/// Every applicant once through get → form → the SMS code → verify → e-Onay, `concurrency`
/// at a time.
pub async fn applicant_path(
    applicants: Arc<Vec<Applicant>>,
    gateway: Arc<Gateway>,
    concurrency: usize,
    taahhutname: (String, String),
) -> PathFigures {
    let next = Arc::new(AtomicUsize::new(0));
    let taahhutname = Arc::new(taahhutname);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (applicants, gateway, next, taahhutname) = (
            applicants.clone(),
            gateway.clone(),
            next.clone(),
            taahhutname.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut figures = PathFigures::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(applicant) = applicants.get(n) else {
                    return figures;
                };
                match one_path(applicant, &gateway, &taahhutname, &mut figures).await {
                    Ok(()) => figures.completed += 1,
                    Err(failure) => *figures.failures.entry(failure).or_default() += 1,
                }
            }
        }));
    }
    let mut all = PathFigures::default();
    for worker in workers {
        if let Ok(figures) = worker.await {
            all.completed += figures.completed;
            for (step, latencies) in figures.steps {
                all.steps.entry(step).or_default().extend(latencies);
            }
            all.sms_delivery.extend(figures.sms_delivery);
            for (failure, count) in figures.failures {
                *all.failures.entry(failure).or_default() += count;
            }
        }
    }
    all.took = started.elapsed();
    all
}

async fn one_path(
    applicant: &Applicant,
    gateway: &Gateway,
    (version, sha256): &(String, String),
    figures: &mut PathFigures,
) -> Result<(), String> {
    let path = format!("/api/applications/{}", applicant.application_id);
    let mut step =
        |name: &'static str, answer: Result<crate::applicant::Answer, String>, want: StatusCode| {
            let answer = answer.map_err(|e| format!("{name}: {e}"))?;
            if answer.status != want {
                return Err(format!("{name}: {} {}", answer.status, answer.body["code"]));
            }
            figures.steps.entry(name).or_default().record(answer.took);
            Ok(())
        };
    step(
        "get",
        applicant.call(Method::GET, &path, None).await,
        StatusCode::OK,
    )?;

    let code = gateway.expect(&applicant.phone);
    let submitted_at = Instant::now();
    let form = json!({
        "mobile_phone": applicant.phone,
        "birth_date": "1985-04-23",
        "title": "Şube Müdürü",
        "address_il": "Ankara",
        "address_ilce": "Çankaya",
        "address_line": "Atatürk Bulvarı No: 221 Kavaklıdere",
        "postal_code": "06680",
        "certificate_term_years": "2",
    });
    let answer = applicant
        .call(Method::PUT, &format!("{path}/form"), Some(form))
        .await;
    step("form", answer, StatusCode::OK)?;
    let arrival = tokio::time::timeout(Duration::from_secs(60), code)
        .await
        .map_err(|_| "sms: no code within a minute".to_owned())?
        .map_err(|_| "sms: the gateway went away".to_owned())?;
    figures
        .sms_delivery
        .record(arrival.at.saturating_duration_since(submitted_at));

    let verify = json!({ "code": arrival.code });
    let answer = applicant
        .call(
            Method::POST,
            &format!("{path}/sms-code/verification"),
            Some(verify),
        )
        .await;
    step("verify", answer, StatusCode::OK)?;
    let approve =
        json!({ "taahhutname_version": version, "taahhutname_sha256": sha256, "accepted": true });
    let answer = applicant
        .call(Method::POST, &format!("{path}/e-onay"), Some(approve))
        .await;
    step("e_onay", answer, StatusCode::OK)?;
    Ok(())
}

/// What a read phase measured.
pub struct ReadFigures {
    pub requests: usize,
    pub took: Duration,
    pub latencies: Latencies,
    pub failed: usize,
}

impl ReadFigures {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.took.as_secs_f64()
    }
}

/// `concurrency` clients each repeating `request` for `duration`.
pub async fn closed_loop<F, Fut>(concurrency: usize, duration: Duration, request: F) -> ReadFigures
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Duration, String>> + Send,
{
    let request = Arc::new(request);
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let request = request.clone();
        workers.push(tokio::spawn(async move {
            let (mut latencies, mut failed) = (Latencies::default(), 0);
            while started.elapsed() < duration {
                match request(worker).await {
                    Ok(took) => latencies.record(took),
                    Err(_) => failed += 1,
                }
            }
            (latencies, failed)
        }));
    }
    let mut all = Latencies::default();
    let mut failed = 0;
    for worker in workers {
        if let Ok((latencies, f)) = worker.await {
            all.extend(latencies);
            failed += f;
        }
    }
    ReadFigures {
        requests: all.count(),
        took: started.elapsed(),
        latencies: all,
        failed,
    }
}

/// An applicant's authenticated read of `path` (`{id}` replaced by their application's id).
pub async fn applicant_read(
    applicants: &[Applicant],
    worker: usize,
    path: &str,
) -> Result<Duration, String> {
    let applicant = applicants
        .get(worker % applicants.len().max(1))
        .ok_or("no applicants")?;
    let path = path.replace("{id}", &applicant.application_id);
    let answer = applicant.call(Method::GET, &path, None).await?;
    if answer.status != StatusCode::OK {
        return Err(format!("{path}: {}", answer.status));
    }
    Ok(answer.took)
}
