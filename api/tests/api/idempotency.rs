//! `Idempotency-Key` on the back office's POSTs: a retry gets the first answer, another
//! request with the key is refused, a retry while the first runs waits, and keys are per
//! caller and last a day.

use api::config::DEV_INTEGRATOR_KEY;
use chrono::Duration;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{citizen, institution_with_key, problem, spawn_app, TestApp};

/// A pre-application row for test citizen `n` (valid TCKNs).
fn row(n: usize) -> Value {
    citizen(n).row("institution", false)
}

async fn create(app: &TestApp, api_key: &str, key: &str, items: Vec<Value>) -> Response {
    app.client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(api_key)
        .header("Idempotency-Key", key)
        .json(&json!({ "items": items }))
        .send()
        .await
        .unwrap()
}

/// The list again without a key: whether each person's pre-application already existed.
async fn outcomes_without_key(app: &TestApp, items: Vec<Value>) -> Vec<String> {
    let body: Value = app
        .create_pre_applications(items)
        .await
        .json()
        .await
        .unwrap();
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_first_answer_and_does_nothing_again() {
    let app = spawn_app().await;
    let key = uuid::Uuid::new_v4().to_string();
    let first = create(&app, DEV_INTEGRATOR_KEY, &key, vec![row(0)]).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["created"], 1);

    let retry = create(&app, DEV_INTEGRATOR_KEY, &key, vec![row(0)]).await;
    assert_eq!(retry.status(), StatusCode::OK);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert!(retry.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(retry, first, "the very same answer, `created` included");
    // Without the key the same row is an existing pre-application: made once.
    assert_eq!(outcomes_without_key(&app, vec![row(0)]).await, ["existing"]);
}

#[tokio::test]
async fn the_same_key_for_another_request_is_refused() {
    let app = spawn_app().await;
    let key = "hr-batch-2026-12-04";
    let first = create(&app, DEV_INTEGRATOR_KEY, key, vec![row(0)]).await;
    assert_eq!(first.status(), StatusCode::OK);
    let (status, body) = problem(create(&app, DEV_INTEGRATOR_KEY, key, vec![row(1)]).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "idempotency_key_reused");
    // Nothing was made for the other body.
    assert_eq!(outcomes_without_key(&app, vec![row(1)]).await, ["created"]);
}

#[tokio::test]
async fn fifty_parallel_retries_make_the_pre_application_once() {
    let app = spawn_app().await;
    let key = uuid::Uuid::new_v4().to_string();
    let answers = futures_util::future::join_all(
        (0..50).map(|_| create(&app, DEV_INTEGRATOR_KEY, &key, vec![row(0)])),
    )
    .await;
    let mut bodies = Vec::new();
    let mut in_use = 0;
    for answer in answers {
        match answer.status() {
            StatusCode::OK => bodies.push(answer.json::<Value>().await.unwrap()),
            StatusCode::CONFLICT => {
                assert_eq!(answer.headers()["retry-after"], "1");
                let body: Value = answer.json().await.unwrap();
                assert_eq!(body["code"], "idempotency_key_in_use");
                in_use += 1;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(!bodies.is_empty(), "{in_use} refused, none answered");
    assert!(
        bodies.iter().all(|body| *body == bodies[0]),
        "every answer is the first one"
    );
    assert_eq!(bodies[0]["created"], 1);
    assert_eq!(outcomes_without_key(&app, vec![row(0)]).await, ["existing"]);
}

#[tokio::test]
async fn keys_belong_to_their_caller_and_last_a_day() {
    let app = spawn_app().await;
    let other_key = "k2-secret-key";
    institution_with_key(&app.db.url, "K2", "Kurum İki", other_key);
    let key = "same-key";
    let mine = create(&app, DEV_INTEGRATOR_KEY, key, vec![row(0)]).await;
    assert_eq!(mine.status(), StatusCode::OK);
    // Another institution's caller with the same key and another body: its own key.
    let theirs = create(&app, other_key, key, vec![row(1)]).await;
    assert_eq!(theirs.status(), StatusCode::OK);
    let theirs: Value = theirs.json().await.unwrap();
    assert_eq!(theirs["created"], 1);

    // A day later the key is free for another request.
    app.clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    let later = create(&app, DEV_INTEGRATOR_KEY, key, vec![row(2)]).await;
    assert_eq!(later.status(), StatusCode::OK);
    assert!(later.headers().get("idempotent-replayed").is_none());
}

#[tokio::test]
async fn a_key_whose_first_request_died_is_taken_over_after_its_lease() {
    use api::db::schema::idempotency_keys as keys;
    use diesel::prelude::*;

    let app = spawn_app().await;
    let body = json!({ "items": [row(0)] });
    // What a request left when its instance died mid-work: claimed, never answered. Its
    // fingerprint is that of the same request, made by a first attempt through the API.
    let first = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(DEV_INTEGRATOR_KEY)
        .header("Idempotency-Key", "died")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let mut conn = api::db::establish(&app.db.url, 1.into()).unwrap();
    let now = api::db::to_db_time(api::clock::Clock::now(&*app.clock));
    diesel::update(keys::table.filter(keys::idempotency_key.eq("died")))
        .set((
            keys::status_code.eq(None::<i32>),
            keys::response_body.eq(None::<Vec<u8>>),
            keys::locked_until.eq(now + Duration::seconds(60)),
        ))
        .execute(&mut conn)
        .unwrap();

    let (status, problem_body) =
        problem(create(&app, DEV_INTEGRATOR_KEY, "died", vec![row(0)]).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem_body["code"], "idempotency_key_in_use");

    app.clock.advance(Duration::seconds(61));
    let retry = create(&app, DEV_INTEGRATOR_KEY, "died", vec![row(0)]).await;
    assert_eq!(retry.status(), StatusCode::OK);
    assert!(
        retry.headers().get("idempotent-replayed").is_none(),
        "run again"
    );
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(retry["existing"], 1, "the work itself is idempotent");
}

#[tokio::test]
async fn a_key_that_is_not_visible_ascii_or_too_long_is_refused() {
    let app = spawn_app().await;
    let (status, body) =
        problem(create(&app, DEV_INTEGRATOR_KEY, &"k".repeat(256), vec![row(0)]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "idempotency_key_invalid");
}

#[tokio::test]
async fn a_cancellation_with_a_key_is_answered_once() {
    let app = spawn_app().await;
    let created: Value = app
        .create_pre_applications(vec![row(0)])
        .await
        .json()
        .await
        .unwrap();
    let id = created["results"][0]["application_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cancel = || {
        app.client
            .post(app.url(&format!("/api/pre-applications/{id}/cancellation")))
            .bearer_auth(DEV_INTEGRATOR_KEY)
            .header("Idempotency-Key", "cancel-1")
            .send()
    };
    let first = cancel().await.unwrap();
    let first_status = first.status();
    let first_body = first.text().await.unwrap();
    assert!(first_status.is_success(), "{first_status}: {first_body}");
    // Without the key a second cancellation is refused (already cancelled); with it, the
    // first answer comes back.
    let again = cancel().await.unwrap();
    assert_eq!(again.status(), first_status);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.text().await.unwrap(), first_body);
}

#[tokio::test]
async fn the_spec_documents_the_header_and_its_answers() {
    let (_app, spec) = crate::openapi::spec().await;
    let create = &spec["paths"]["/api/pre-applications"]["post"];
    let header = create["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Idempotency-Key")
        .expect("the header is documented");
    assert_eq!(header["in"], "header");
    assert_eq!(header["schema"]["maxLength"], 255);
    for status in ["409", "422"] {
        assert!(create["responses"][status]["description"]
            .as_str()
            .unwrap()
            .contains("idempotency_key"));
    }
    // Not on a read.
    let read = &spec["paths"]["/api/pre-applications/{id}"]["get"];
    let documented = read["parameters"].as_array().unwrap();
    assert!(documented.iter().all(|p| p["name"] != "Idempotency-Key"));
}

#[tokio::test]
async fn an_officers_csv_import_with_a_key_commits_once() {
    use crate::officer_helpers::{application_count, dev_officer};

    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let person = citizen(0);
    let csv = format!(
        "tckn;ad;soyad;eposta;odeme\n{};{};{};kisi@kurum.gov.tr;kurum\n",
        person.tckn, person.first_name, person.last_name
    );
    let import = || officer.import_with_key("commit", csv.clone(), Some("import-2026-12-04"));
    let first = import().await;
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["created"], 1, "{first}");
    let again = import().await;
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    assert_eq!(application_count(&app), 1);
}

#[tokio::test]
async fn a_stranger_with_a_key_is_told_to_authenticate_first() {
    let app = spawn_app().await;
    let (status, body) = problem(
        app.client
            .post(app.url("/api/pre-applications"))
            .header("Idempotency-Key", "k".repeat(300))
            .json(&json!({ "items": [row(0)] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "api_key_invalid");
}

#[tokio::test]
async fn a_refusal_to_repeat_later_is_not_kept_for_the_key() {
    use crate::officer_helpers::dev_officer;

    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let created: Value = app
        .create_pre_applications(vec![row(0)])
        .await
        .json()
        .await
        .unwrap();
    let id = created["results"][0]["application_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The creation's own e-mail was just queued: a resend now is too soon.
    let (status, body) = problem(officer.resend_with_key(&id, "resend-1").await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "notification_resend_too_soon");
    // After the wait the same key does the work, instead of replaying the refusal for a day.
    app.clock.advance(Duration::minutes(11));
    let resent = officer.resend_with_key(&id, "resend-1").await;
    assert_eq!(resent.status(), StatusCode::OK);
    assert!(resent.headers().get("idempotent-replayed").is_none());
    let again = officer.resend_with_key(&id, "resend-1").await;
    assert_eq!(again.headers()["idempotent-replayed"], "true");
}
