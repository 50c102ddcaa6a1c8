//! The headers that make a browser treat the service strictly (ASVS V14.4).

use base64::Engine;
use reqwest::header::HeaderMap;
use sha2::{Digest, Sha256};

use crate::helpers::{citizen, spawn_app, spawn_app_with};

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

const LOADER: &str = "import init from '/web-1.js';\nawait init('/web-1_bg.wasm');";

/// A browser app of one inline loader script, as scripts/build-web writes it.
fn spa_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nes-spa-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{LOADER}</script></head><body></body></html>"),
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn the_browser_app_gets_a_strict_policy_that_allows_only_its_own_loader_inline() {
    let dir = spa_dir();
    let app = spawn_app_with(&[("NES_STATIC_DIR", dir.to_str().unwrap())]).await;
    for path in ["/", "/basvuru-islemleri"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let headers = response.headers();
        let policy = header(headers, "content-security-policy");
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(LOADER));
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(policy.contains("object-src 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert_eq!(header(headers, "x-content-type-options"), "nosniff");
        assert_eq!(header(headers, "referrer-policy"), "same-origin");
        assert!(header(headers, "permissions-policy").contains("camera=()"));
        // Served over http here: no HSTS, which only an https origin may send.
        assert!(headers.get("strict-transport-security").is_none());
    }
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn an_https_service_sends_hsts() {
    let app = spawn_app_with(&[("NES_PUBLIC_URL", "https://nes.example.gov.tr")]).await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        header(response.headers(), "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test]
async fn personal_api_answers_are_never_stored_by_a_cache() {
    let app = spawn_app().await;
    let person = citizen(0);
    let id = app.pre_application_for(&person, "person", false).await;
    app.login_as(&person).await;
    for path in [
        "/api/session".to_owned(),
        format!("/api/applications/{id}"),
        "/api/applications".to_owned(),
    ] {
        let response = app.call(reqwest::Method::GET, &path, None).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            header(response.headers(), "cache-control"),
            "no-store",
            "{path}"
        );
    }
    // Problems too: a 401 says who is not logged in.
    let anonymous = reqwest::Client::new();
    let response = anonymous.get(app.url("/api/session")).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(header(response.headers(), "cache-control"), "no-store");
}

#[tokio::test]
async fn a_page_with_a_policy_of_its_own_keeps_it() {
    let app = spawn_app().await;
    let start = app
        .client
        .get(app.url("/api/auth/edevlet/login"))
        .send()
        .await
        .unwrap();
    let authorize = crate::helpers::location(&start);
    let page = app.client.get(&authorize).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let policy = header(page.headers(), "content-security-policy");
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert_eq!(header(page.headers(), "x-frame-options"), "DENY");
}

/// On https the session cookies carry the `__Host-` prefix (the browser then takes them only
/// Secure, from this host, for path `/`), and only that name is read back.
#[tokio::test]
async fn on_https_the_staff_session_cookie_is_a_host_cookie() {
    use crate::staff_helpers::{create_operator_account, PASSWORD};
    let app = spawn_app_with(&[("NES_PUBLIC_URL", "https://nes.example.gov.tr")]).await;
    create_operator_account(&app, "operator.cookie");
    let plain = reqwest::Client::new();
    let login = plain
        .post(app.url("/api/staff/session"))
        .json(&serde_json::json!({ "username": "operator.cookie", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let set_cookie = header(login.headers(), "set-cookie").to_owned();
    assert!(
        set_cookie.starts_with("__Host-nes_staff_session="),
        "{set_cookie}"
    );
    for attribute in ["; Secure", "; Path=/", "; HttpOnly"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Domain"), "{set_cookie}");
    let value = set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();

    let session_with = |name: &str| {
        plain
            .get(app.url("/api/staff/session"))
            .header("cookie", format!("{name}={value}"))
            .send()
    };
    assert_eq!(
        session_with("__Host-nes_staff_session")
            .await
            .unwrap()
            .status(),
        200
    );
    // The bare name, which a sibling subdomain or a clear-text answer could have set, is not
    // the session.
    assert_eq!(
        session_with("nes_staff_session").await.unwrap().status(),
        401
    );
}
