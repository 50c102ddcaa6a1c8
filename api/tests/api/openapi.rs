//! The OpenAPI document and the router must agree: every operation in the document is a
//! route (it never answers `route_not_found` or 405), and the operationIds integrators rely
//! on are there.

use serde_json::Value;

use crate::helpers::spawn_app;

const REQUIRED_OPERATIONS: &[&str] = &[
    "create_pre_applications",
    "list_my_applications",
    "get_application",
    "submit_application_form",
    "send_sms_code",
    "verify_sms_code",
    "get_taahhutname",
    "give_e_onay_consent",
    "approve_with_e_onay",
    "get_application_result",
    "save_form_draft",
    "start_edevlet_login",
    "finish_edevlet_login",
    "get_session",
    "logout",
    "get_pre_application",
    "cancel_pre_application",
    "record_payment",
    "record_payment_with_details",
    "preview_payment_notification",
    "reverse_payment",
    "record_production_event",
    "start_e_imza_signing",
    "get_e_imza_signing_status",
    "e_imza_login",
    "get_signing_app_downloads",
    "get_e_imza_document",
    "submit_e_imza_signature",
    "start_e_imza_login",
    "get_e_imza_login_status",
    "start_passkey_registration",
    "finish_passkey_registration",
    "list_my_passkeys",
    "rename_passkey",
    "remove_passkey",
    "start_passkey_login",
    "finish_passkey_login",
    "start_staff_passkey_registration",
    "finish_staff_passkey_registration",
    "list_staff_passkeys",
    "rename_staff_passkey",
    "remove_staff_passkey",
    "start_staff_passkey_verification",
    "finish_staff_passkey_verification",
    "staff_login",
    "verify_staff_totp",
    "start_totp_enrolment",
    "confirm_totp_enrolment",
    "get_staff_session",
    "staff_logout",
    "change_staff_password",
    "list_staff_accounts",
    "create_staff_account",
    "unlock_staff_account",
    "list_institution_applications",
    "get_institution_application",
    "resend_pre_application_email",
    "import_pre_applications_csv",
    "list_institutions",
    "create_institution",
    "list_api_keys",
    "create_api_key",
    "revoke_api_key",
    "list_all_applications",
    "get_any_application",
    "get_application_audit_trail",
    "healthz",
    "readyz",
    "metrics",
];

/// A fresh server and the document it serves.
pub async fn spec() -> (crate::helpers::TestApp, Value) {
    let app = spawn_app().await;
    let spec: Value = app
        .client
        .get(app.url("/api-docs/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (app, spec)
}

fn operations(spec: &Value) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            all.push((path.clone(), method.clone(), operation.clone()));
        }
    }
    all
}

#[tokio::test]
async fn the_document_names_every_operation_integrators_rely_on() {
    let (_app, spec) = spec().await;
    let ids: Vec<String> = operations(&spec)
        .iter()
        .map(|(_, _, op)| op["operationId"].as_str().unwrap_or_default().to_owned())
        .collect();
    for required in REQUIRED_OPERATIONS {
        assert!(ids.iter().any(|id| id == required), "{required} is missing");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "operationIds are unique");
}

#[tokio::test]
async fn every_operation_in_the_document_is_a_route_of_the_server() {
    let (app, spec) = spec().await;
    for (path, method, _) in operations(&spec) {
        let concrete = path.replace("{id}", "00000000-0000-0000-0000-000000000000");
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let response = app
            .client
            .request(method.clone(), app.url(&concrete))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert_ne!(status, 405, "{method} {path}");
        assert_ne!(
            body["code"], "route_not_found",
            "{method} {path} is not routed"
        );
    }
}

#[tokio::test]
async fn every_operation_documents_its_errors_as_problem_details() {
    let (_app, spec) = spec().await;
    for (path, method, op) in operations(&spec) {
        for (status, response) in op["responses"].as_object().unwrap() {
            if status.starts_with('4') || status.starts_with('5') {
                assert!(
                    response["content"]["application/problem+json"].is_object(),
                    "{method} {path} {status} is not problem+json"
                );
            }
        }
    }
}

#[tokio::test]
async fn every_operation_has_an_operation_id_in_snake_case() {
    let (_app, spec) = spec().await;
    for (path, method, op) in operations(&spec) {
        let id = op["operationId"].as_str().unwrap_or_default();
        assert!(
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{method} {path}: `{id}`"
        );
    }
}

#[tokio::test]
async fn every_operation_with_a_body_documents_that_it_may_be_unreadable_or_too_large() {
    let (_app, spec) = spec().await;
    for (path, method, op) in operations(&spec) {
        if op.get("requestBody").is_some() {
            for status in ["400", "413"] {
                assert!(
                    op["responses"][status].is_object(),
                    "{method} {path} does not document {status}"
                );
            }
        }
        if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
            for status in ["401", "403"] {
                assert!(
                    op["responses"][status].is_object(),
                    "{method} {path} does not document {status}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_method_a_path_does_not_take_is_405_with_allow_and_a_problem() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        // A literal segment, not `/api/me/passkeys/{id}` with the id `registration`.
        ("OPTIONS", "/api/me/passkeys/registration", "POST"),
        ("DELETE", "/api/session", "GET"),
        ("TRACE", "/healthz", "GET"),
        ("POST", "/api-docs/openapi.json", "GET"),
        ("POST", "/edevlet-sim/oauth2/userinfo", "GET"),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(
            response.headers()["allow"].to_str().unwrap(),
            allow,
            "{method} {path}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "method_not_allowed", "{method} {path}");
    }
}

#[tokio::test]
async fn a_json_array_is_not_read_as_an_object() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/staff/session"))
        .header("content-type", "application/json")
        .body(r#"["operator", "a password"]"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "malformed_request");
}

/// docs/openapi.json is the document integrators read and the linter checks (scripts/test runs
/// `redocly lint` on it): it must be what the server serves. After a change to the API, write
/// it again with `UPDATE_OPENAPI_SNAPSHOT=1 cargo test -p api --test api openapi::`.
#[tokio::test]
async fn the_served_document_is_the_committed_snapshot() {
    let (_app, served) = spec().await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI_SNAPSHOT").is_some() {
        let text = serde_json::to_string_pretty(&served).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).expect("docs/openapi.json is committed"),
    )
    .unwrap();
    assert!(
        committed == served,
        "docs/openapi.json differs from the served document: run \
         UPDATE_OPENAPI_SNAPSHOT=1 cargo test -p api --test api openapi:: and commit it"
    );
}

#[tokio::test]
async fn every_operation_says_what_security_it_needs() {
    let (_app, spec) = spec().await;
    for (path, method, operation) in operations(&spec) {
        assert!(
            operation["security"].is_array(),
            "{method} {path} leaves its security unsaid"
        );
    }
    assert_eq!(spec["servers"][0]["url"], "/");
}

const TABLE_START: &str =
    "<!-- api-table:start (generated from the OpenAPI document by api/tests/api/openapi.rs) -->";
const TABLE_END: &str = "<!-- api-table:end -->";

/// README's table of operations, made from the document: every operation, its method and
/// path, its operationId, its tag and summary.
fn readme_table(spec: &Value) -> String {
    const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];
    let tags: Vec<&str> = spec["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|tag| tag["name"].as_str())
        .collect();
    let mut rows: Vec<(usize, String, String)> = operations(spec)
        .into_iter()
        .filter(|(_, method, _)| METHODS.contains(&method.as_str()))
        .map(|(path, method, operation)| {
            let tag = operation["tags"][0].as_str().unwrap_or_default().to_owned();
            let order = tags.iter().position(|t| *t == tag).unwrap_or(usize::MAX);
            // The first sentence, on one line.
            let summary = operation["summary"]
                .as_str()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            // "Kamu SM operators only." says what the `for` column says: the next one.
            let summary = summary
                .strip_prefix("Kamu SM operators only. ")
                .unwrap_or(&summary);
            let summary = match summary.find(". ") {
                Some(end) => summary[..=end].to_owned(),
                None => summary.to_owned(),
            }
            .replace('|', "\\|");
            let row = format!(
                "| `{} {path}` | `{}` | {tag} | {summary} |",
                method.to_uppercase(),
                operation["operationId"].as_str().unwrap_or_default()
            );
            (order, path, row)
        })
        .collect();
    rows.sort();
    let mut table = vec![
        TABLE_START.to_owned(),
        "| method and path | operationId | for | what |".to_owned(),
        "|---|---|---|---|".to_owned(),
    ];
    table.extend(rows.into_iter().map(|(_, _, row)| row));
    table.push(TABLE_END.to_owned());
    table.join("\n")
}

/// README's API table is generated from the document, so it cannot drift: after an API change
/// `UPDATE_OPENAPI_SNAPSHOT=1 cargo test -p api --test api openapi::` writes it again.
#[tokio::test]
async fn the_readme_lists_every_operation_of_the_document() {
    let (_app, served) = spec().await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let table = readme_table(&served);
    let (Some(start), Some(end)) = (readme.find(TABLE_START), readme.find(TABLE_END)) else {
        panic!("README.md has no generated API table");
    };
    let current = &readme[start..end + TABLE_END.len()];
    if std::env::var_os("UPDATE_OPENAPI_SNAPSHOT").is_some() && current != table {
        std::fs::write(&path, readme.replacen(current, &table, 1)).unwrap();
        return;
    }
    assert!(
        current == table,
        "README.md's API table differs from the document: run \
         UPDATE_OPENAPI_SNAPSHOT=1 cargo test -p api --test api openapi:: and commit it"
    );
}
