//! Login with e-Devlet through the built-in simulator, over real HTTP, with a client that
//! keeps cookies and follows no redirect on its own (each hop is checked).

use reqwest::{Response, StatusCode};
use serde_json::Value;

use crate::helpers::{
    browser_client, citizen, hidden_inputs, location, login, problem, spawn_app, spawn_app_with,
    Citizen,
};

const BANNER: &str = "Bu bir e-Devlet simülatörüdür — yalnızca geliştirme ve test içindir";
const WRONG_CREDENTIALS: &str = "T.C. Kimlik No veya şifre hatalı";

/// The first hop: our login route. Returns the authorize URL and the state cookie's value.
async fn start_login(client: &reqwest::Client, address: &str) -> (String, String) {
    let response = client
        .get(format!("{address}/api/auth/edevlet/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let state_cookie = response
        .cookies()
        .find(|c| c.name() == "nes_login_state")
        .expect("the login-state cookie is set");
    assert!(state_cookie.http_only());
    assert!(state_cookie.same_site_lax());
    (location(&response), state_cookie.value().to_owned())
}

/// Opens the simulator's form and posts it with these credentials and extra fields.
async fn post_form(
    client: &reqwest::Client,
    authorize_url: &str,
    fields: &[(&str, &str)],
) -> Response {
    let page = client.get(authorize_url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let mut form = hidden_inputs(&page.text().await.unwrap());
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let action = authorize_url.split('?').next().unwrap();
    client.post(action).form(&form).send().await.unwrap()
}

async fn log_in_at_simulator(
    client: &reqwest::Client,
    authorize_url: &str,
    who: &Citizen,
) -> String {
    let response = post_form(
        client,
        authorize_url,
        &[("tckn", &who.tckn), ("password", &who.password)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
}

async fn session(client: &reqwest::Client, address: &str) -> Response {
    client
        .get(format!("{address}/api/session"))
        .send()
        .await
        .unwrap()
}

fn query_value(url: &str, name: &str) -> Option<String> {
    let url = reqwest::Url::parse(url).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn logging_in_through_the_simulator_ends_on_basvuru_islemleri_with_a_session() {
    let app = spawn_app().await;
    let ayse = citizen(0);

    let (authorize_url, state) = start_login(&app.client, &app.address).await;
    assert!(authorize_url.starts_with(&format!("{}/edevlet-sim/oauth2/authorize?", app.address)));
    assert_eq!(
        query_value(&authorize_url, "state").as_deref(),
        Some(state.as_str())
    );
    assert_eq!(
        query_value(&authorize_url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(
        query_value(&authorize_url, "scope").as_deref(),
        Some("Kimlik-Dogrula")
    );

    let page = app.client.get(&authorize_url).send().await.unwrap();
    assert!(page
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"<html lang="tr">"#));
    assert!(html.contains(BANNER));
    assert!(html.contains(r#"<label for="tckn">T.C. Kimlik No</label>"#));

    let callback = log_in_at_simulator(&app.client, &authorize_url, &ayse).await;
    assert!(callback.starts_with(&format!("{}/api/auth/edevlet/callback?", app.address)));
    assert_eq!(
        query_value(&callback, "state").as_deref(),
        Some(state.as_str())
    );
    assert!(query_value(&callback, "code").is_some());

    let landed = app.client.get(&callback).send().await.unwrap();
    assert_eq!(landed.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&landed), "/basvuru-islemleri");
    let session_cookie = landed
        .cookies()
        .find(|c| c.name() == "nes_session")
        .unwrap();
    assert!(session_cookie.http_only());
    let cleared = landed
        .cookies()
        .find(|c| c.name() == "nes_login_state")
        .unwrap();
    assert_eq!(cleared.value(), "");

    let response = session(&app.client, &app.address).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["first_name"], "Ayşe");
    assert_eq!(body["last_name"], "Yılmaz");
    assert_eq!(body["tckn_masked"], "100******46");
    assert_eq!(body["e_onay_consent_given"], false);
    assert!(body["csrf_token"].as_str().is_some_and(|t| t.len() >= 32));
}

#[tokio::test]
async fn a_wrong_password_stays_on_the_form_and_logs_nobody_in() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let (authorize_url, _) = start_login(&app.client, &app.address).await;

    let response = post_form(
        &app.client,
        &authorize_url,
        &[("tckn", &ayse.tckn), ("password", "Yanlis-Sifre-99")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("location").is_none());
    let html = response.text().await.unwrap();
    assert!(html.contains(WRONG_CREDENTIALS));
    assert!(
        html.contains(&format!(r#"value="{}""#, ayse.tckn)),
        "the typed TCKN is kept"
    );
    assert!(
        !html.contains("Yanlis-Sifre-99"),
        "the password is never echoed"
    );

    let (status, body) = problem(session(&app.client, &app.address).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");
}

#[tokio::test]
async fn an_unknown_tckn_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;
    let (authorize_url, _) = start_login(&app.client, &app.address).await;
    let response = post_form(
        &app.client,
        &authorize_url,
        &[("tckn", "10000000078"), ("password", "Test-1001")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains(WRONG_CREDENTIALS));
}

#[tokio::test]
async fn a_replayed_callback_fails() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let (authorize_url, state) = start_login(&app.client, &app.address).await;
    let callback = log_in_at_simulator(&app.client, &authorize_url, &ayse).await;

    // The same browser, twice: the first logs in, the second finds the attempt used up.
    let first = app.client.get(&callback).send().await.unwrap();
    assert_eq!(location(&first), "/basvuru-islemleri");
    let again = app.client.get(&callback).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&again), "/?giris_hatasi=login_failed");

    // Even with the state cookie put back by hand, the attempt is gone.
    let replayer = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let replay = replayer
        .get(&callback)
        .header("Cookie", format!("nes_login_state={state}"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&replay), "/?giris_hatasi=login_failed");
    assert!(replay.cookies().all(|c| c.name() != "nes_session"));
}

#[tokio::test]
async fn a_callback_without_the_state_cookie_fails() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let (authorize_url, _) = start_login(&app.client, &app.address).await;
    let callback = log_in_at_simulator(&app.client, &authorize_url, &ayse).await;

    // The URL opened in another browser (login CSRF): refused, and nobody logged in there.
    let other_browser = browser_client();
    let response = other_browser.get(&callback).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/?giris_hatasi=login_failed");
    assert_eq!(
        session(&other_browser, &app.address).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The browser that started the login can still finish it.
    let response = app.client.get(&callback).send().await.unwrap();
    assert_eq!(location(&response), "/basvuru-islemleri");
}

#[tokio::test]
async fn a_callback_whose_state_differs_from_the_cookie_fails() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let (authorize_url, _) = start_login(&app.client, &app.address).await;
    let callback = log_in_at_simulator(&app.client, &authorize_url, &ayse).await;
    let code = query_value(&callback, "code").unwrap();

    let forged = format!(
        "{}/api/auth/edevlet/callback?code={code}&state=someone-elses-state",
        app.address
    );
    let response = app.client.get(&forged).send().await.unwrap();
    assert_eq!(location(&response), "/?giris_hatasi=login_failed");
    assert_eq!(
        session(&app.client, &app.address).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_made_up_code_is_refused_by_e_devlet_and_the_login_fails() {
    let app = spawn_app().await;
    let (_, state) = start_login(&app.client, &app.address).await;
    let made_up = format!(
        "{}/api/auth/edevlet/callback?code=made-up-code&state={state}",
        app.address
    );
    let response = app.client.get(&made_up).send().await.unwrap();
    assert_eq!(location(&response), "/?giris_hatasi=login_failed");
    assert_eq!(
        session(&app.client, &app.address).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn cancelling_at_e_devlet_returns_home_with_login_failed() {
    let app = spawn_app().await;
    let (authorize_url, state) = start_login(&app.client, &app.address).await;
    let response = post_form(&app.client, &authorize_url, &[("islem", "iptal")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let callback = location(&response);
    assert_eq!(
        query_value(&callback, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        query_value(&callback, "state").as_deref(),
        Some(state.as_str())
    );

    let landed = app.client.get(&callback).send().await.unwrap();
    assert_eq!(location(&landed), "/?giris_hatasi=login_failed");
    assert_eq!(
        session(&app.client, &app.address).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_reported_as_identity_provider_unavailable() {
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    let app = spawn_app_with(&[("EDEVLET_TOKEN_URL", "http://127.0.0.1:9/oauth2/token")]).await;
    let ayse = citizen(0);
    let (authorize_url, _) = start_login(&app.client, &app.address).await;
    let callback = log_in_at_simulator(&app.client, &authorize_url, &ayse).await;
    let landed = app.client.get(&callback).send().await.unwrap();
    assert_eq!(
        location(&landed),
        "/?giris_hatasi=identity_provider_unavailable"
    );
}

#[tokio::test]
async fn an_unknown_client_gets_an_error_page_from_e_devlet_not_a_redirect() {
    let app = spawn_app().await;
    let url = format!(
        "{}/edevlet-sim/oauth2/authorize?response_type=code&client_id=someone-else\
         &redirect_uri=https%3A%2F%2Fevil.example%2Fcb&scope=Kimlik-Dogrula&state=x\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
        app.address
    );
    let response = app.client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.headers().get("location").is_none());
    assert!(response.text().await.unwrap().contains(BANNER));
}

#[tokio::test]
async fn logout_needs_the_csrf_header_and_then_ends_the_session() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    login(&app.client, &app.address, &ayse).await;
    let body: Value = session(&app.client, &app.address)
        .await
        .json()
        .await
        .unwrap();
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();

    let logout = |token: Option<String>| {
        let mut request = app
            .client
            .post(format!("{}/api/session/logout", app.address));
        if let Some(token) = token {
            request = request.header("X-CSRF-Token", token);
        }
        request.send()
    };

    let (status, body) = problem(logout(None).await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "csrf_token_invalid");
    assert_eq!(
        session(&app.client, &app.address).await.status(),
        StatusCode::OK
    );

    let response = logout(Some(csrf)).await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let removed = response
        .cookies()
        .find(|c| c.name() == "nes_session")
        .unwrap();
    assert_eq!(removed.value(), "");

    let (status, body) = problem(session(&app.client, &app.address).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");
}

#[tokio::test]
async fn a_session_cookie_kept_after_logout_no_longer_works() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let (authorize_url, _) = start_login(&app.client, &app.address).await;
    let callback = log_in_at_simulator(&app.client, &authorize_url, &ayse).await;
    let landed = app.client.get(&callback).send().await.unwrap();
    let raw = landed
        .cookies()
        .find(|c| c.name() == "nes_session")
        .unwrap()
        .value()
        .to_owned();
    let body: Value = session(&app.client, &app.address)
        .await
        .json()
        .await
        .unwrap();
    let response = app
        .client
        .post(format!("{}/api/session/logout", app.address))
        .header("X-CSRF-Token", body["csrf_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    // A copy of the cookie taken before logging out is worthless now.
    let stale = reqwest::Client::new()
        .get(format!("{}/api/session", app.address))
        .header("Cookie", format!("nes_session={raw}"))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_generated_citizen_logs_in_when_the_simulator_is_told_to_know_that_many() {
    use api::edevlet::simulator::citizens::{generated_citizen, generated_password};
    let app = spawn_app_with(&[("EDEVLET_SIMULATOR_GENERATED_CITIZENS", "1000")]).await;
    let known = generated_citizen(999);
    let person = Citizen {
        password: generated_password(&known.tckn),
        tckn: known.tckn,
        first_name: known.first_name,
        last_name: known.last_name,
    };
    let client = browser_client();
    login(&client, &app.address, &person).await;
    let session: Value = session(&client, &app.address).await.json().await.unwrap();
    assert_eq!(session["first_name"], "Deneme");
    assert_eq!(session["last_name"], person.last_name.as_str());
    assert!(session["tckn_masked"]
        .as_str()
        .unwrap()
        .ends_with(&person.tckn[9..]));

    // One past the configured number is nobody.
    let unknown = generated_citizen(1000);
    let (authorize, _) = start_login(&client, &app.address).await;
    let password = generated_password(&unknown.tckn);
    let page = post_form(
        &client,
        &authorize,
        &[("tckn", &unknown.tckn), ("password", &password)],
    )
    .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains(WRONG_CREDENTIALS));
}
