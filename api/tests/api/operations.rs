use crate::helpers::{problem, spawn_app};

#[tokio::test]
async fn healthz_and_readyz_answer_ok() {
    let app = spawn_app().await;
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");
}

#[tokio::test]
async fn an_unknown_api_route_is_a_json_404() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/no-such-thing"))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "route_not_found");
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405() {
    let app = spawn_app().await;
    let response = app
        .client
        .delete(app.url("/api/taahhutname"))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, 405);
    assert_eq!(body["code"], "method_not_allowed");
}

#[tokio::test]
async fn swagger_ui_is_served_without_the_internet() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/swagger-ui/"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("swagger"));
    // It reads the document the API serves, from the same server.
    let initializer = app
        .client
        .get(app.url("/swagger-ui/swagger-initializer.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(initializer.status(), 200);
    assert!(initializer
        .text()
        .await
        .unwrap()
        .contains("\"url\": \"/api-docs/openapi.json\""));
    let document = app
        .client
        .get(app.url("/api-docs/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(document.status(), 200);
    assert_eq!(document.headers()["content-type"], "application/json");
}

#[tokio::test]
async fn the_browser_app_is_served_with_a_fallback_for_deep_links() {
    let spa = crate::helpers::TempDir(
        std::env::temp_dir().join(format!("nes-spa-{}", uuid::Uuid::new_v4())),
    );
    std::fs::create_dir_all(&spa.0).unwrap();
    std::fs::write(
        spa.0.join("index.html"),
        "<!doctype html><title>NES</title>",
    )
    .unwrap();
    std::fs::write(spa.0.join("app.js"), "console.log(1)").unwrap();
    let dir = spa.0.display().to_string();
    let app = crate::helpers::spawn_app_with(&[("NES_STATIC_DIR", &dir)]).await;

    let asset = app.client.get(app.url("/app.js")).send().await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.text().await.unwrap(), "console.log(1)");
    for path in ["/", "/basvuru-islemleri", "/basvuru/abc/form"] {
        let page = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        assert!(page.text().await.unwrap().contains("<title>NES</title>"));
    }
    // Unknown API paths stay JSON 404s.
    let (status, body) = problem(
        app.client
            .get(app.url("/api/nothing"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "route_not_found");
}

#[tokio::test]
async fn a_json_body_over_two_mebibytes_is_answered_413_payload_too_large() {
    let app = crate::helpers::spawn_app().await;
    let too_large = format!(
        r#"{{"items": [], "padding": "{}"}}"#,
        "x".repeat(2 * 1024 * 1024)
    );
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
        .header("content-type", "application/json")
        .body(too_large)
        .send()
        .await
        .unwrap();
    let (status, body) = crate::helpers::problem(response).await;
    assert_eq!(status, 413);
    assert_eq!(body["code"], "payload_too_large");
}
