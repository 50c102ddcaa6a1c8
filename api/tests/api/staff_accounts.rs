//! Staff accounts: the first operator made by `nes-admin create-operator`, officers and
//! operators made by an operator (initial password shown once), the list without secrets.

use api::admin::create_operator::{create_operator, CreateOperatorArgs};
use api::error::ApiError;
use api::staff::password::Password;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::operator_helpers::dev_institution_id;
use crate::staff_helpers::{
    audited, code_of, enrolled, first_operator, now, StaffBrowser, PASSWORD,
};

fn args(username: &str) -> CreateOperatorArgs {
    CreateOperatorArgs {
        username: username.to_owned(),
        display_name: "Kamu SM Operatörü".into(),
        email: Some("operator@kamusm.gov.tr".into()),
    }
}

#[tokio::test]
async fn the_create_operator_command_makes_an_operator_who_enrols_at_the_first_login() {
    let app = spawn_app().await;
    let mut conn = app.db.connection();

    let account = create_operator(
        &mut conn,
        &args("Ilk.Operator"),
        &Password::new(PASSWORD),
        now(&app),
    )
    .unwrap();
    drop(conn);

    assert_eq!(account.username, "ilk.operator");
    assert!(!account.totp_enrolled);
    assert_eq!(audited(&app, "staff_created", "success", "ilk.operator"), 1);
    let mut browser = StaffBrowser::new(&app);
    let response = browser.login("ilk.operator", PASSWORD).await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["stage"], "totp_enrolment");
}

#[tokio::test]
async fn the_create_operator_command_refuses_a_taken_name_and_a_short_password() {
    let app = spawn_app().await;
    let mut conn = app.db.connection();
    create_operator(&mut conn, &args("op1"), &Password::new(PASSWORD), now(&app)).unwrap();

    let taken = create_operator(
        &mut conn,
        &args("OP1"),
        &Password::new("başka uzun bir parola"),
        now(&app),
    );
    assert!(matches!(taken, Err(ApiError::AlreadyExists)), "{taken:?}");
    let short = create_operator(&mut conn, &args("op2"), &Password::new("kısa"), now(&app));
    let Err(ApiError::Validation(fields)) = short else {
        panic!("a short password was accepted: {short:?}");
    };
    assert_eq!(fields.get("password"), ["password_too_short"]);
    let bad_name = create_operator(&mut conn, &args("a b"), &Password::new(PASSWORD), now(&app));
    assert!(matches!(bad_name, Err(ApiError::Validation(_))));
}

#[tokio::test]
async fn an_operator_creates_an_officer_who_logs_in_with_the_initial_password() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let institution = dev_institution_id(&app);

    let response = operator
        .create_account(json!({
            "username": "Ayse.Yilmaz",
            "display_name": "Ayşe Yılmaz",
            "email": "ayse.yilmaz@kurum.gov.tr",
            "role": "officer",
            "institution_id": institution,
        }))
        .await;

    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let created: Value = response.json().await.unwrap();
    let password = created["initial_password"].as_str().unwrap();
    assert!(password.chars().count() >= 12);
    assert_eq!(created["account"]["username"], "ayse.yilmaz");
    assert_eq!(created["account"]["role"], "officer");
    assert_eq!(created["account"]["institution_name"], "Geliştirme Kurumu");
    assert_eq!(audited(&app, "staff_created", "success", "ayse.yilmaz"), 1);

    let (officer, _) = enrolled(&app, "ayse.yilmaz", password).await;
    let (_, session) = officer.get("/api/staff/session").await;
    assert_eq!(session["role"], "officer");
    assert_eq!(
        officer
            .change_password(password, "kendi seçtiğim uzun parola")
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn the_initial_password_is_never_shown_again() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let created: Value = operator
        .create_account(json!({
            "username": "op.two", "display_name": "İkinci Operatör", "role": "operator",
        }))
        .await
        .json()
        .await
        .unwrap();
    let password = created["initial_password"].as_str().unwrap();

    let (status, list) = operator.get("/api/operator/staff").await;

    assert_eq!(status, StatusCode::OK);
    let text = list.to_string();
    assert!(!text.contains(password));
    assert!(!text.contains("argon2"));
    assert!(!text.contains("\"password\""));
    assert!(!text.contains("password_hash"));
    assert!(!text.contains("secret"));
    let names: Vec<&str> = list["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["op.two", "operator.first"]);
}

#[tokio::test]
async fn a_taken_user_name_is_refused() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;

    let (status, code_name, _) = code_of(
        operator
            .create_account(json!({
                "username": "OPERATOR.FIRST", "display_name": "Kopya", "role": "operator",
            }))
            .await,
    )
    .await;

    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );
}

#[tokio::test]
async fn an_officer_needs_an_institution_that_exists() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;

    let (status, _, body) = code_of(
        operator
            .create_account(json!({
                "username": "officer.x", "display_name": "X", "role": "officer",
                "institution_id": "no-such-institution",
            }))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["institution_id"][0], "institution_unknown");

    let (_, _, body) = code_of(
        operator
            .create_account(json!({
                "username": "officer.x", "display_name": "X", "role": "officer",
            }))
            .await,
    )
    .await;
    assert_eq!(body["fields"]["institution_id"][0], "required");
}

#[tokio::test]
async fn unlocking_an_unknown_account_is_not_found() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;

    let (status, code_name, _) = code_of(operator.unlock("no-such-account").await).await;

    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
}

#[tokio::test]
async fn creating_an_account_needs_the_csrf_token() {
    let app = spawn_app().await;
    let (mut operator, _) = first_operator(&app).await;
    operator.csrf = String::new();

    let (status, code_name, _) = code_of(
        operator
            .create_account(json!({
                "username": "op.three", "display_name": "Üç", "role": "operator",
            }))
            .await,
    )
    .await;

    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::FORBIDDEN, "csrf_token_invalid")
    );
}
