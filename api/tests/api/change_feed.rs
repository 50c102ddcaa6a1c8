//! The change feed `GET /api/pre-applications`: every application once per change, in the
//! order of its changes, page by page, whatever is written meanwhile.

use std::collections::HashSet;

use api::config::DEV_INTEGRATOR_KEY;
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{institution_with_key, pre_application, spawn_app, TestApp};

/// `n` valid, distinct TCKNs (the checksum rule), from `start`.
fn tckns(start: u64, n: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut candidate = start;
    while found.len() < n {
        candidate += 1;
        let text = candidate.to_string();
        if shared::Tckn::parse(&text).is_ok() {
            found.push(text);
        }
    }
    found
}

async fn create(app: &TestApp, api_key: &str, people: &[String]) -> Vec<String> {
    let items: Vec<Value> = people
        .iter()
        .map(|tckn| pre_application(tckn, "Ayşe", "Yılmaz", "institution", false))
        .collect();
    let body: Value = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(api_key)
        .json(&serde_json::json!({ "items": items }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["application_id"].as_str().unwrap().to_owned())
        .collect()
}

async fn feed(app: &TestApp, api_key: &str, query: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(&format!("/api/pre-applications{query}")))
        .bearer_auth(api_key)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

/// Every page from `cursor` on, `limit` at a time: the ids served and the last cursor.
async fn drain(app: &TestApp, cursor: Option<String>, limit: u32) -> (Vec<String>, String) {
    let mut ids = Vec::new();
    let mut cursor = cursor;
    loop {
        let query = match &cursor {
            Some(c) => format!("?limit={limit}&cursor={}", urlencode(c)),
            None => format!("?limit={limit}"),
        };
        let (status, page) = feed(app, DEV_INTEGRATOR_KEY, &query).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= limit as usize);
        ids.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        cursor = Some(page["next_cursor"].as_str().unwrap().to_owned());
        if !page["has_more"].as_bool().unwrap() {
            return (ids, cursor.unwrap_or_default());
        }
    }
}

fn urlencode(text: &str) -> String {
    text.replace(':', "%3A")
}

#[tokio::test]
async fn pages_follow_the_cursor_and_hold_back_what_is_still_settling() {
    let app = spawn_app().await;
    let created = create(&app, DEV_INTEGRATOR_KEY, &tckns(10_000_000_000, 5)).await;
    // Just made: still settling, not served yet.
    let (status, page) = feed(&app, DEV_INTEGRATOR_KEY, "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 0);
    assert_eq!(page["has_more"], false);

    app.clock.advance(Duration::seconds(16));
    let (served, last) = drain(&app, None, 2).await;
    assert_eq!(served.len(), 5, "{served:?}");
    assert_eq!(
        served.iter().collect::<HashSet<_>>(),
        created.iter().collect::<HashSet<_>>()
    );
    // From the end: nothing new.
    let (more, _) = drain(&app, Some(last), 2).await;
    assert!(more.is_empty());
}

#[tokio::test]
async fn a_changed_application_comes_again_after_the_cursor() {
    let app = spawn_app().await;
    let created = create(&app, DEV_INTEGRATOR_KEY, &tckns(10_000_000_000, 3)).await;
    app.clock.advance(Duration::seconds(16));
    let (_, cursor) = drain(&app, None, 10).await;

    let cancelled = app
        .client
        .post(app.url(&format!(
            "/api/pre-applications/{}/cancellation",
            created[1]
        )))
        .bearer_auth(DEV_INTEGRATOR_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);
    app.clock.advance(Duration::seconds(16));
    let (status, page) = feed(
        &app,
        DEV_INTEGRATOR_KEY,
        &format!("?cursor={}", urlencode(&cursor)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["id"], created[1].as_str());
    assert_eq!(items[0]["state"], "cancelled");
    // And the state filter finds it from the start.
    let (_, cancelled_only) = feed(&app, DEV_INTEGRATOR_KEY, "?state=cancelled").await;
    assert_eq!(cancelled_only["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn paging_while_others_write_serves_every_application_once() {
    let app = spawn_app().await;
    let people = tckns(10_000_000_000, 60);
    let first = create(&app, DEV_INTEGRATOR_KEY, &people[..20]).await;
    app.clock.advance(Duration::seconds(16));
    // Page through three at a time while forty more are created in parallel lists.
    let writers = people[20..]
        .chunks(4)
        .map(|chunk| create(&app, DEV_INTEGRATOR_KEY, chunk));
    let (served, cursor) = {
        let (writes, read) = tokio::join!(
            futures_util::future::join_all(writers),
            drain(&app, None, 3)
        );
        let later: Vec<String> = writes.into_iter().flatten().collect();
        assert_eq!(later.len(), 40);
        read
    };
    assert_eq!(
        served.iter().collect::<HashSet<_>>(),
        first.iter().collect::<HashSet<_>>(),
        "the settled twenty, each once"
    );
    assert_eq!(served.len(), 20);
    // Once they settle, the forty come after the cursor, each once.
    app.clock.advance(Duration::seconds(16));
    let (rest, _) = drain(&app, Some(cursor), 7).await;
    assert_eq!(rest.len(), 40, "{rest:?}");
    assert_eq!(rest.iter().collect::<HashSet<_>>().len(), 40);
    assert!(rest.iter().all(|id| !first.contains(id)));
}

#[tokio::test]
async fn an_institution_reads_only_its_own_applications() {
    let app = spawn_app().await;
    let other_key = "k2-feed-key";
    institution_with_key(&app.db.url, "K2", "Kurum İki", other_key);
    let people = tckns(10_000_000_000, 2);
    let mine = create(&app, DEV_INTEGRATOR_KEY, &people[..1]).await;
    let theirs = create(&app, other_key, &people[1..]).await;
    app.clock.advance(Duration::seconds(16));
    let (_, page) = feed(&app, DEV_INTEGRATOR_KEY, "").await;
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [mine[0].as_str()]);
    let (_, page) = feed(&app, other_key, "").await;
    assert_eq!(page["items"][0]["id"], theirs[0].as_str());
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_foreign_cursor_or_a_page_too_large_is_refused() {
    let app = spawn_app().await;
    let (status, body) = feed(&app, DEV_INTEGRATOR_KEY, "?cursor=yesterday").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["cursor"][0], "cursor_invalid");
    let (status, body) = feed(&app, DEV_INTEGRATOR_KEY, "?limit=501").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["limit"][0], "out_of_range");
    let (status, _) = feed(&app, "no-such-key", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_document_describes_the_cursor_the_server_reads() {
    let (_app, spec) = crate::openapi::spec().await;
    let cursor = spec["paths"]["/api/pre-applications"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "cursor")
        .unwrap()
        .clone();
    assert_eq!(
        cursor["schema"]["pattern"],
        api::applications::feed::CURSOR_PATTERN
    );
}
