//! The institution's e-signature officer: their institution's applications only (list,
//! filters, pages, one application), the notification e-mail sent again, and cancelling —
//! another institution's applications answer 404 and the attempt is audited.

use std::time::Duration;

use chrono::Duration as Days;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{citizen, problem, spawn_app};
use crate::officer_helpers::{
    advance_days, audit_entries, dev_officer, institution, now, officer_of,
};
use crate::operator_helpers::{anonymous, operator};

/// `YYYY-MM-DD` of `at` in Türkiye (UTC+3).
fn turkish_day(at: chrono::DateTime<chrono::Utc>) -> String {
    (at + Days::hours(3)).format("%Y-%m-%d").to_string()
}

#[tokio::test]
async fn an_officer_lists_only_their_own_institutions_applications() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let other_id = institution(&app, "BASKA", "Başka Bakanlık");
    let other = officer_of(&app, "officer.other", &other_id).await;
    let (_, mine, my_reference) = officer.create(&citizen(0)).await;
    let (_, theirs, _) = other.create(&citizen(1)).await;

    let (status, body) = officer.list("").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["institution"]["code"], "DEV");
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["id"], mine.as_str());
    assert_eq!(body["items"][0]["reference"], my_reference.as_str());
    assert_eq!(body["items"][0]["state"], "pre_application");
    let masked = body["items"][0]["tckn_masked"].as_str().unwrap();
    assert!(masked.contains('*') && masked != citizen(0).tckn);

    let (_, theirs_list) = other.list("").await;
    assert_eq!(theirs_list["total"], 1);
    assert_eq!(theirs_list["items"][0]["id"], theirs.as_str());
}

#[tokio::test]
async fn another_institutions_application_cannot_be_seen_resent_or_cancelled_and_the_attempt_is_audited(
) {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let other_id = institution(&app, "BASKA", "Başka Bakanlık");
    let other = officer_of(&app, "officer.other", &other_id).await;
    let (_, theirs, _) = other.create(&citizen(1)).await;
    app.clock.advance(Days::minutes(11));

    let (status, body) = officer.detail(&theirs).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
    let (status, body) = problem(officer.resend(&theirs).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
    let (status, _) = problem(officer.cancel(&theirs).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Nothing happened to it, and it answers exactly like an id that does not exist.
    let (_, still) = other.detail(&theirs).await;
    assert_eq!(still["state"], "pre_application");
    let mails = app.smtp.wait_for_messages(2, Duration::from_secs(2)).await;
    assert_eq!(mails.len(), 1, "only the first e-mail");
    let (unknown, _) = officer.detail("no-such-id").await;
    assert_eq!(unknown, StatusCode::NOT_FOUND);

    let denied = audit_entries(&app, "access_denied");
    assert!(
        denied
            .iter()
            .filter(|(target, institution, _)| {
                target.as_deref() == Some(theirs.as_str())
                    && institution.as_deref() == Some(officer.institution_id.as_str())
            })
            .count()
            >= 2,
        "the detail and the resend attempts are audited: {denied:?}"
    );
}

#[tokio::test]
async fn the_officer_routes_refuse_operators_and_callers_without_a_staff_session() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let (status, body) = operator.get("/api/officer/applications").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden");

    let response = anonymous()
        .get(app.url("/api/officer/applications"))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");
}

#[tokio::test]
async fn the_list_filters_by_state() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (_, first, first_reference) = officer.create(&citizen(0)).await;
    let (_, _, second_reference) = officer.create(&citizen(1)).await;
    assert_eq!(officer.cancel(&first).await.status(), StatusCode::OK);

    assert_eq!(
        officer.references("?state=cancelled").await,
        vec![first_reference]
    );
    assert_eq!(
        officer.references("?state=pre_application").await,
        vec![second_reference]
    );
    assert!(officer.references("?state=delivered").await.is_empty());
}

#[tokio::test]
async fn the_list_filters_by_creation_day_both_ends_included() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let day_one = turkish_day(now(&app));
    let (_, _, early) = officer.create(&citizen(0)).await;
    advance_days(&app, 3);
    let day_four = turkish_day(now(&app));
    let (_, _, late) = officer.create(&citizen(1)).await;

    assert_eq!(
        officer
            .references(&format!("?created_from={day_four}"))
            .await,
        vec![late.clone()]
    );
    assert_eq!(
        officer.references(&format!("?created_to={day_one}")).await,
        vec![early.clone()]
    );
    assert_eq!(
        officer
            .references(&format!("?created_from={day_one}&created_to={day_four}"))
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn stalled_lists_unfinished_applications_without_a_step_for_n_days() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (_, _, quiet) = officer.create(&citizen(0)).await;
    let (_, closed, _) = officer.create(&citizen(1)).await;
    assert_eq!(officer.cancel(&closed).await.status(), StatusCode::OK);
    advance_days(&app, 8);
    let (_, _, fresh) = officer.create(&citizen(2)).await;

    // Eight days without a step: the quiet one; the cancelled one is finished, the fresh one
    // had its step today.
    assert_eq!(officer.references("?stalled_days=7").await, vec![quiet]);
    assert!(officer.references("?stalled_days=9").await.is_empty());
    let (_, all) = officer.list("").await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["items"][0]["reference"], fresh.as_str());
}

#[tokio::test]
async fn the_list_comes_in_pages_newest_change_first() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let mut references = Vec::new();
    let mut ids = Vec::new();
    for i in 0..3 {
        let (_, id, reference) = officer.create(&citizen(i)).await;
        ids.push(id);
        references.push(reference);
        app.clock.advance(Days::minutes(1));
    }
    let (status, page_one) = officer.list("?per_page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page_one["total"], 3);
    assert_eq!(page_one["total_pages"], 2);
    assert_eq!(page_one["page"], 1);
    assert_eq!(
        officer.references("?per_page=2").await,
        vec![references[2].clone(), references[1].clone()]
    );
    assert_eq!(
        officer.references("?per_page=2&page=2").await,
        vec![references[0].clone()]
    );

    // A change moves an application to the top.
    assert_eq!(officer.cancel(&ids[0]).await.status(), StatusCode::OK);
    assert_eq!(
        officer.references("?per_page=1").await,
        vec![references[0].clone()]
    );
}

#[tokio::test]
async fn filters_out_of_range_are_named_in_the_error() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (status, body) = officer
        .list("?stalled_days=0&per_page=500&created_from=2026-05-04&created_to=2026-05-03")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(body["fields"]["stalled_days"][0], "out_of_range");
    assert_eq!(body["fields"]["per_page"][0], "out_of_range");
    assert_eq!(body["fields"]["created_to"][0], "date_range_reversed");

    let (status, body) = officer.list("?state=nonsense").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "malformed_request");
}

#[tokio::test]
async fn one_application_shows_its_person_timeline_and_notification() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let a = citizen(0);
    let (_, id, reference) = officer.create(&a).await;

    let (status, body) = officer.detail(&id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["reference"], reference.as_str());
    assert_eq!(body["first_name"], a.first_name.as_str());
    assert_eq!(body["email"], format!("{}@kurum.gov.tr", a.tckn).as_str());
    assert_eq!(body["timeline"][0]["kind"], "pre_application_created");
    assert_eq!(body["timeline"][0]["actor"], "officer");
    assert_eq!(body["notification"]["resend_allowed"], true);
    assert!(body["notification"]["last_queued_at"].is_string());
    assert_eq!(body["notification"]["resend_available_in_seconds"], 600);
}

#[tokio::test]
async fn the_notification_e_mail_goes_again_at_most_once_in_ten_minutes() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let a = citizen(0);
    let (_, id, reference) = officer.create(&a).await;
    let address = format!("{}@kurum.gov.tr", a.tckn);

    // Right after the first e-mail: too soon.
    let (status, body) = problem(officer.resend(&id).await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "notification_resend_too_soon");
    assert_eq!(body["retry_after_seconds"], 600);

    app.clock.advance(Days::minutes(10));
    let response = officer.resend(&id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let resent: Value = response.json().await.unwrap();
    assert_eq!(resent["recipient"], address.as_str());

    let mails = app.smtp.wait_for_messages(2, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 2, "the first e-mail and the one sent again");
    assert!(mails
        .iter()
        .all(|m| m.to.iter().any(|to| to.contains(&address))));
    assert!(mails[1].subject().contains(&reference));

    app.clock.advance(Days::minutes(3));
    let (status, body) = problem(officer.resend(&id).await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["retry_after_seconds"], 420);

    let audited = audit_entries(&app, "notification_resent");
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].0.as_deref(), Some(id.as_str()));
    assert_eq!(
        audited[0].1.as_deref(),
        Some(officer.institution_id.as_str())
    );
}

#[tokio::test]
async fn no_e_mail_goes_again_once_the_application_is_cancelled() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (_, id, _) = officer.create(&citizen(0)).await;
    assert_eq!(officer.cancel(&id).await.status(), StatusCode::OK);
    app.clock.advance(Days::minutes(11));

    let (status, body) = problem(officer.resend(&id).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "invalid_state_transition");
    let (_, detail) = officer.detail(&id).await;
    assert_eq!(detail["notification"]["resend_allowed"], false);
}

#[tokio::test]
async fn no_e_mail_goes_again_after_the_deadline() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (_, id, _) = officer.create(&citizen(0)).await;
    advance_days(&app, 31);

    let (status, body) = problem(officer.resend(&id).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["code"], "application_expired");
}

#[tokio::test]
async fn sending_again_needs_the_csrf_token() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (_, id, _) = officer.create(&citizen(0)).await;
    app.clock.advance(Days::minutes(11));
    let response = officer
        .staff
        .post_without_csrf(&format!("/api/officer/applications/{id}/notification"))
        .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "csrf_token_invalid");
}

#[tokio::test]
async fn an_officer_creates_and_cancels_for_their_institution_and_both_are_audited() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (outcome, id, _) = officer.create(&citizen(0)).await;
    assert_eq!(outcome, "created");
    let (again, same, _) = officer.create(&citizen(0)).await;
    assert_eq!(again, "existing");
    assert_eq!(same, id);

    let response = officer.cancel(&id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, detail) = officer.detail(&id).await;
    assert_eq!(detail["state"], "cancelled");
    assert_eq!(detail["institution"], "Geliştirme Kurumu");

    let created = audit_entries(&app, "pre_application_created");
    assert_eq!(created.len(), 1);
    assert_eq!(
        created[0].1.as_deref(),
        Some(officer.institution_id.as_str())
    );
    let cancelled = audit_entries(&app, "pre_application_cancelled");
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0].0.as_deref(), Some(id.as_str()));
}
