use serde_json::Value;
use std::time::Duration;

use crate::helpers::{citizen, pre_application, problem, spawn_app};

#[tokio::test]
async fn good_rows_are_created_and_bad_rows_rejected_with_their_reasons() {
    let app = spawn_app().await;
    let a = citizen(0);
    let response = app
        .create_pre_applications(vec![
            pre_application(&a.tckn, &a.first_name, &a.last_name, "institution", false),
            pre_application("12345678901", "Ali", "Veli", "institution", false),
            pre_application(&citizen(1).tckn, "", "Öztürk", "nobody", false),
        ])
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["created"], 1);
    assert_eq!(body["rejected"], 2);
    assert_eq!(body["results"][0]["outcome"], "created");
    assert!(body["results"][0]["reference"]
        .as_str()
        .unwrap()
        .starts_with("NES-"));
    assert_eq!(body["results"][1]["outcome"], "rejected");
    assert_eq!(body["results"][1]["errors"]["tckn"][0], "tckn_checksum");
    assert_eq!(body["results"][2]["errors"]["first_name"][0], "name_empty");
    assert_eq!(body["results"][2]["errors"]["payer"][0], "payer_invalid");
}

#[tokio::test]
async fn creating_the_same_open_pre_application_twice_is_idempotent() {
    let app = spawn_app().await;
    let a = citizen(0);
    let row = pre_application(&a.tckn, &a.first_name, &a.last_name, "person", true);
    let first: Value = app
        .create_pre_applications(vec![row.clone()])
        .await
        .json()
        .await
        .unwrap();
    let second: Value = app
        .create_pre_applications(vec![row])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["results"][0]["outcome"], "created");
    assert_eq!(second["results"][0]["outcome"], "existing");
    assert_eq!(
        first["results"][0]["application_id"],
        second["results"][0]["application_id"]
    );
    assert_eq!(
        first["results"][0]["reference"],
        second["results"][0]["reference"]
    );
}

#[tokio::test]
async fn references_count_up_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let rows = (0..3)
        .map(|i| {
            let c = citizen(i);
            pre_application(&c.tckn, &c.first_name, &c.last_name, "institution", false)
        })
        .collect();
    let body: Value = app
        .create_pre_applications(rows)
        .await
        .json()
        .await
        .unwrap();
    let sequences = sequences_of(&body);
    assert_eq!(sequences, vec![1, 2, 3]);
}

#[tokio::test]
async fn the_notification_e_mail_reaches_the_person() {
    let app = spawn_app().await;
    let a = citizen(0);
    app.pre_application_for(&a, "institution", false).await;
    let mails = app.smtp.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].to.iter().any(|to| to.contains("@kurum.gov.tr")));
    assert!(mails[0].data.contains("Başvuru") || mails[0].data.contains("=?utf-8?"));
}

#[tokio::test]
async fn pre_applications_need_a_valid_api_key() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth("not-a-key")
        .json(&serde_json::json!({ "items": [] }))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "api_key_invalid");
}

#[tokio::test]
async fn a_batch_larger_than_the_limit_is_refused_whole() {
    let app = spawn_app().await;
    let a = citizen(0);
    let rows = vec![
        pre_application(&a.tckn, &a.first_name, &a.last_name, "institution", false);
        shared::api::MAX_PRE_APPLICATION_BATCH + 1
    ];
    let (status, body) = problem(app.create_pre_applications(rows).await).await;
    assert_eq!(status, 413);
    assert_eq!(body["code"], "batch_too_large");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_malformed_request() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "malformed_request");
}

/// Rows for the generated citizens `from..to` (valid, distinct TC Kimlik numbers).
fn generated_rows(from: u32, to: u32) -> Vec<Value> {
    (from..to)
        .map(|n| {
            let c = api::edevlet::simulator::citizens::generated_citizen(n);
            pre_application(&c.tckn, &c.first_name, &c.last_name, "institution", false)
        })
        .collect()
}

fn rows_in(app: &crate::helpers::TestApp, table: &str) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = app.db.connection();
    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
        .get_result::<Count>(&mut conn)
        .unwrap()
        .n
}

#[tokio::test]
async fn a_thousand_rows_at_once_get_consecutive_references_their_audit_entries_and_e_mails() {
    let app = spawn_app().await;
    let body: Value = app
        .create_pre_applications(generated_rows(0, 1000))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["created"], 1000, "{}", body["results"][0]);
    let sequences = sequences_of(&body);
    assert_eq!(sequences, (1..=1000).collect::<Vec<u64>>());
    assert_eq!(rows_in(&app, "applications"), 1000);
    assert_eq!(rows_in(&app, "application_events"), 1000);
    assert_eq!(rows_in(&app, "outbox"), 1000);
    let mut conn = app.db.connection();
    assert_eq!(
        api::audit::verify::verify_chain(&mut conn).unwrap(),
        api::audit::verify::ChainReport::Intact { entries: 1000 }
    );
    // The rows are all there for the person: the 500th's own page names its reference.
    let id = body["results"][499]["application_id"].as_str().unwrap();
    let entries = api::audit::entries_for_target(&mut conn, id, 10).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].detail,
        body["results"][499]["reference"]
            .as_str()
            .map(str::to_owned)
    );
}

#[tokio::test]
async fn the_same_person_twice_in_one_request_is_created_once() {
    let app = spawn_app().await;
    let mut rows = generated_rows(0, 3);
    rows.push(rows[1].clone());
    let body: Value = app
        .create_pre_applications(rows)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (body["created"].clone(), body["existing"].clone()),
        (3.into(), 1.into())
    );
    assert_eq!(body["results"][3]["outcome"], "existing");
    assert_eq!(
        body["results"][3]["application_id"],
        body["results"][1]["application_id"]
    );
    assert_eq!(rows_in(&app, "applications"), 3);
}

#[tokio::test]
async fn fifty_overlapping_lists_sent_at_once_create_each_person_once() {
    let app = spawn_app().await;
    // Fifty lists of 100 over 2,550 people, each overlapping its neighbours by half, every
    // other one in reverse order (so their rows meet in opposite orders).
    let lists: Vec<Vec<u32>> = (0..50u32)
        .map(|k| {
            let mut people: Vec<u32> = (k * 50..k * 50 + 100).collect();
            if k % 2 == 1 {
                people.reverse();
            }
            people
        })
        .collect();
    let answers = futures_util::future::join_all(lists.iter().map(|people| {
        let rows = people
            .iter()
            .flat_map(|&n| generated_rows(n, n + 1))
            .collect();
        let app = &app;
        async move { app.create_pre_applications(rows).await }
    }))
    .await;
    let mut by_person: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    let (mut created, mut acknowledged) = (0, 0);
    for (people, answer) in lists.iter().zip(answers) {
        // A list that waited too long for the lists before it is told to come back
        // (nothing of it written); never a 500.
        if answer.status() == 503 {
            assert!(answer.headers().contains_key("retry-after"));
            let (_, body) = problem(answer).await;
            assert_eq!(body["code"], "database_busy");
            continue;
        }
        assert_eq!(answer.status(), 200);
        acknowledged += 1;
        let body: Value = answer.json().await.unwrap();
        assert_eq!(body["rejected"], 0);
        created += body["created"].as_u64().unwrap();
        for (&n, result) in people.iter().zip(body["results"].as_array().unwrap()) {
            let tckn = api::edevlet::simulator::citizens::generated_citizen(n).tckn;
            let id = result["application_id"].as_str().unwrap().to_owned();
            by_person.entry(tckn).or_default().insert(id);
        }
    }
    assert!(acknowledged > 0);
    assert!(by_person.values().all(|ids| ids.len() == 1));
    let stored = rows_in(&app, "applications");
    assert_eq!(u64::try_from(stored).unwrap(), created);
    assert_eq!(usize::try_from(stored).unwrap(), by_person.len());
}

/// The sequence numbers of the references in an answer's results, in order.
fn sequences_of(body: &Value) -> Vec<u64> {
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let reference = r["reference"].as_str().unwrap();
            shared::ApplicationRef::parse(reference).unwrap().sequence()
        })
        .collect()
}
