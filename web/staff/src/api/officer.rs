//! Typed calls of the officer area (kurum e-İmza sorumlusu). The staff session cookie travels
//! by itself; state-changing calls carry the staff session's CSRF token.

use gloo_net::http::Request;
use shared::api::officer::{
    ImportMode, InstitutionApplicationDetail, InstitutionApplications,
    InstitutionApplicationsQuery, NotificationResent, PreApplicationImport,
};
use shared::api::{
    ApplicationSummary, CreatePreApplicationsRequest, CreatePreApplicationsResponse,
    PreApplicationInput,
};
use shared::named::Named;

use super::{get_json, json, prepare, segment, send, ApiError};

/// `?state=…&created_from=…`: only the parameters that are set, in a fixed order.
pub fn list_query_string(query: &InstitutionApplicationsQuery) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(state) = query.state {
        pairs.push(("state", state.as_str().to_owned()));
    }
    if let Some(from) = query.created_from {
        pairs.push(("created_from", shared::api::format_date(from)));
    }
    if let Some(to) = query.created_to {
        pairs.push(("created_to", shared::api::format_date(to)));
    }
    if let Some(days) = query.stalled_days {
        pairs.push(("stalled_days", days.to_string()));
    }
    if let Some(page) = query.page {
        pairs.push(("page", page.to_string()));
    }
    if let Some(per_page) = query.per_page {
        pairs.push(("per_page", per_page.to_string()));
    }
    if pairs.is_empty() {
        return String::new();
    }
    // Every value above is made of digits, letters, `_` and `-`: nothing to escape.
    let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("?{}", joined.join("&"))
}

fn application_path(id: &str, rest: &str) -> String {
    format!("/api/officer/applications/{}{rest}", segment(id))
}

pub async fn institution_applications(
    query: &InstitutionApplicationsQuery,
) -> Result<InstitutionApplications, ApiError> {
    get_json(&format!(
        "/api/officer/applications{}",
        list_query_string(query)
    ))
    .await
}

pub async fn institution_application(id: &str) -> Result<InstitutionApplicationDetail, ApiError> {
    get_json(&application_path(id, "")).await
}

pub async fn resend_notification(id: &str, csrf: &str) -> Result<NotificationResent, ApiError> {
    let path = application_path(id, "/notification");
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}

/// One pre-application through `create_pre_applications` (the officer's session scopes it to
/// their institution); the answer holds the row's outcome or its field errors.
pub async fn create_pre_application(
    input: &PreApplicationInput,
    csrf: &str,
) -> Result<CreatePreApplicationsResponse, ApiError> {
    let body = CreatePreApplicationsRequest {
        items: vec![input.clone()],
    };
    json(send(prepare(Request::post("/api/pre-applications"), Some(csrf)).json(&body)).await?).await
}

pub async fn cancel_pre_application(id: &str, csrf: &str) -> Result<ApplicationSummary, ApiError> {
    let path = format!("/api/pre-applications/{}/cancellation", segment(id));
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}

/// Sends the chosen file as it is on disk (the API checks its encoding), as `text/csv`.
pub async fn import_csv(
    file: &web_sys::File,
    mode: ImportMode,
    csrf: &str,
) -> Result<PreApplicationImport, ApiError> {
    let path = format!(
        "/api/officer/pre-application-imports?mode={}",
        mode.as_str()
    );
    let request = prepare(Request::post(&path), Some(csrf))
        .header("Content-Type", "text/csv")
        .body(wasm_bindgen::JsValue::from(file.clone()));
    json(send(request).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::workflow::ApplicationState;

    #[test]
    fn only_the_filters_that_are_set_reach_the_query_string() {
        assert_eq!(
            list_query_string(&InstitutionApplicationsQuery::default()),
            ""
        );
        let query = InstitutionApplicationsQuery {
            state: Some(ApplicationState::PreApplication),
            created_from: "2026-05-01".parse().ok(),
            stalled_days: Some(7),
            page: Some(2),
            ..Default::default()
        };
        assert_eq!(
            list_query_string(&query),
            "?state=pre_application&created_from=2026-05-01&stalled_days=7&page=2"
        );
    }

    #[test]
    fn ids_are_one_path_segment() {
        assert_eq!(
            application_path("a/b", "/notification"),
            "/api/officer/applications/a%2Fb/notification"
        );
    }
}
