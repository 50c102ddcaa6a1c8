//! SMS codes to one phone number are limited whatever the application: the applicant types
//! the number, so a form can name anyone's phone. Ten an hour and twenty a day, also under
//! parallel submissions (and across instances, `TEST_INSTANCES=2`).

use api::clock::Clock;
use chrono::Duration;
use futures_util::future::join_all;
use reqwest::{Response, StatusCode};
use serde_json::json;

use api::rate_limit::{SMS_TO_ONE_PHONE_PER_DAY, SMS_TO_ONE_PHONE_PER_HOUR};

use crate::helpers::{
    citizen, institution_with_key, pre_application, problem, spawn_app, valid_form, TestApp,
};

const PHONE: &str = "0532 111 22 33";

/// `n` open applications of one person, each from an institution of its own (one open
/// application per person and institution), with the person logged in.
async fn applications_of_one_person(app: &TestApp, n: usize) -> Vec<String> {
    let person = citizen(0);
    let mut ids = Vec::new();
    for i in 0..n {
        let key = format!("phone-limits-key-{i:04}-0123456789abcdef");
        institution_with_key(&app.db.url, &format!("PL{i}"), &format!("Kurum {i}"), &key);
        let response = app
            .client
            .post(app.url("/api/pre-applications"))
            .bearer_auth(&key)
            .json(&json!({ "items": [pre_application(
                &person.tckn, &person.first_name, &person.last_name, "institution", false,
            )] }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: serde_json::Value = response.json().await.unwrap();
        ids.push(
            body["results"][0]["application_id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    app.login_as(&person).await;
    ids
}

fn sends_to_phone(app: &TestApp) -> usize {
    use api::db::schema::sms_codes;
    use diesel::prelude::*;
    let mut conn = app.db.connection();
    sms_codes::table
        .filter(sms_codes::phone.eq("+905321112233"))
        .count()
        .get_result::<i64>(&mut conn)
        .unwrap()
        .try_into()
        .unwrap()
}

/// Sends one more code for `id` a minute after the last (past the resend cooldown).
async fn another_code(app: &TestApp, id: &str) -> Response {
    app.clock.advance(Duration::seconds(61));
    app.send_sms_code(id).await
}

async fn refused_for_the_phone(response: Response) -> u64 {
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "{:?}",
        response.headers()
    );
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "sms_send_limit_reached");
    retry_after
}

#[tokio::test]
async fn one_phone_gets_ten_codes_an_hour_and_twenty_a_day_across_applications() {
    assert_eq!(
        (
            SMS_TO_ONE_PHONE_PER_HOUR.limit,
            SMS_TO_ONE_PHONE_PER_DAY.limit
        ),
        (10, 20)
    );
    let app = spawn_app().await;
    let ids = applications_of_one_person(&app, 4).await;
    let (a, b, c, d) = (&ids[0], &ids[1], &ids[2], &ids[3]);

    // Five codes for each of two applications (each one's own limit) fill the phone's hour.
    for id in [a, b] {
        assert_eq!(app.submit_form(id, valid_form(PHONE)).await.status(), 200);
        for _ in 0..4 {
            assert_eq!(another_code(&app, id).await.status(), 202);
        }
    }
    assert_eq!(sends_to_phone(&app), 10);
    // The third application's form is saved, but no code goes to the phone: asking for one
    // is refused with the wait. Another phone is not held.
    assert_eq!(app.submit_form(c, valid_form(PHONE)).await.status(), 200);
    assert_eq!(sends_to_phone(&app), 10);
    let retry_after = refused_for_the_phone(another_code(&app, c).await).await;
    assert!(retry_after <= 3600 && retry_after > 3000, "{retry_after}");
    assert_eq!(
        app.submit_form(d, valid_form("0533 999 88 77"))
            .await
            .status(),
        200
    );

    // The next hour takes ten more, and then the day is full.
    app.clock
        .advance(Duration::seconds(i64::try_from(retry_after).unwrap()));
    app.login_as(&citizen(0)).await; // the idle session ended meanwhile
    for _ in 0..5 {
        assert_eq!(another_code(&app, c).await.status(), 202);
    }
    for _ in 0..5 {
        assert_eq!(another_code(&app, a).await.status(), 202);
    }
    assert_eq!(sends_to_phone(&app), 20);
    app.clock.advance(Duration::hours(1));
    app.login_as(&citizen(0)).await;
    let retry_after = refused_for_the_phone(another_code(&app, b).await).await;
    assert!(retry_after > 19 * 3600, "{retry_after}");
    assert_eq!(sends_to_phone(&app), 20);
    // The send the day refused was not counted in the new hour either.
    assert!(hour_window_ends(&app) <= app.clock.now());
}

fn hour_window_ends(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    use api::db::schema::rate_limits;
    use diesel::prelude::*;
    let mut conn = app.db.connection();
    let ends: chrono::NaiveDateTime = rate_limits::table
        .filter(rate_limits::bucket.like("sms_phone_hour:%"))
        .select(rate_limits::window_ends_at)
        .first(&mut conn)
        .unwrap();
    api::db::from_db_time(ends)
}

#[tokio::test]
async fn parallel_forms_naming_one_phone_send_ten_codes_and_no_more() {
    let app = spawn_app().await;
    let ids = applications_of_one_person(&app, 14).await;
    let answers = join_all(ids.iter().map(|id| app.submit_form(id, valid_form(PHONE)))).await;
    // Every form is saved; only ten codes go out.
    assert!(answers.iter().all(|r| r.status() == 200));
    assert_eq!(sends_to_phone(&app), 10);
}
