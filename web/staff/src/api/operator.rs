//! Typed calls of the Kamu SM operator's screens. The staff session cookie travels by itself;
//! state-changing calls carry the staff session's CSRF token.

use gloo_net::http::Request;
use shared::api::operator::{
    ApiKeyInfo, ApplicationFilter, AuditTrail, CreateApiKeyRequest, CreateInstitutionRequest,
    CreatedApiKey, Institution, InstitutionApiKeys, InstitutionList, OperatorApplication,
    OperatorApplicationPage,
};
use shared::api::payment_callbacks::{PaymentCallbackList, PaymentCallbackOutcome};
use shared::api::payments::{PaymentPreview, RecordPaymentRequest, ReversePaymentRequest};
use shared::api::staff::StaffSessionInfo;
use shared::api::{ApplicationSummary, ProductionEvent, RecordProductionEventRequest, Shipment};
use shared::named::Named;

use super::{get_json, json, prepare, segment, send, ApiError};

/// The staff session (for its CSRF token and role): `get_staff_session`.
pub async fn staff_session() -> Result<StaffSessionInfo, ApiError> {
    get_json("/api/staff/session").await
}

/// Percent-encodes a query value (anything but letters, digits and `-_.~`).
fn query_value(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `?institution_id=…&state=…&q=…&page=…`: only the filters that are set, in a fixed order.
pub fn filter_query_string(filter: &ApplicationFilter) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(id) = filter.institution_id.as_deref().filter(|id| !id.is_empty()) {
        pairs.push(("institution_id", query_value(id)));
    }
    if let Some(state) = filter.state {
        pairs.push(("state", state.as_str().to_owned()));
    }
    if let Some(q) = filter.search() {
        pairs.push(("q", query_value(q)));
    }
    if let Some(page) = filter.page {
        pairs.push(("page", page.to_string()));
    }
    if let Some(per_page) = filter.per_page {
        pairs.push(("per_page", per_page.to_string()));
    }
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("?{}", joined.join("&"))
}

// ---------------------------------------------------------------- institutions and keys

pub async fn institutions() -> Result<InstitutionList, ApiError> {
    get_json("/api/operator/institutions").await
}

pub async fn create_institution(
    request: &CreateInstitutionRequest,
    csrf: &str,
) -> Result<Institution, ApiError> {
    let request = prepare(Request::post("/api/operator/institutions"), Some(csrf)).json(request);
    json(send(request).await?).await
}

fn api_keys_path(institution_id: &str) -> String {
    format!(
        "/api/operator/institutions/{}/api-keys",
        segment(institution_id)
    )
}

pub async fn api_keys(institution_id: &str) -> Result<InstitutionApiKeys, ApiError> {
    get_json(&api_keys_path(institution_id)).await
}

pub async fn create_api_key(
    institution_id: &str,
    request: &CreateApiKeyRequest,
    csrf: &str,
) -> Result<CreatedApiKey, ApiError> {
    let request = prepare(Request::post(&api_keys_path(institution_id)), Some(csrf)).json(request);
    json(send(request).await?).await
}

pub async fn revoke_api_key(key_id: &str, csrf: &str) -> Result<ApiKeyInfo, ApiError> {
    let path = format!("/api/operator/api-keys/{}/revocation", segment(key_id));
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}

// ---------------------------------------------------------------- applications

fn application_path(id: &str, rest: &str) -> String {
    format!("/api/operator/applications/{}{rest}", segment(id))
}

/// The evidence package of an approved application, as a download link.
pub fn evidence_url(id: &str) -> String {
    application_path(id, "/evidence")
}

pub async fn applications(filter: &ApplicationFilter) -> Result<OperatorApplicationPage, ApiError> {
    get_json(&format!(
        "/api/operator/applications{}",
        filter_query_string(filter)
    ))
    .await
}

pub async fn application(id: &str) -> Result<OperatorApplication, ApiError> {
    get_json(&application_path(id, "")).await
}

/// `list_payment_callbacks`: newest first, of one outcome or all, of one application or all.
pub async fn payment_callbacks(
    outcome: Option<PaymentCallbackOutcome>,
    application_id: Option<&str>,
) -> Result<PaymentCallbackList, ApiError> {
    let mut query = Vec::new();
    if let Some(outcome) = outcome {
        query.push(format!("outcome={}", outcome.as_str()));
    }
    if let Some(id) = application_id {
        query.push(format!("application_id={}", query_value(id)));
    }
    let path = match query.is_empty() {
        true => "/api/operator/payment-callbacks".to_owned(),
        false => format!("/api/operator/payment-callbacks?{}", query.join("&")),
    };
    get_json(&path).await
}

pub async fn audit_trail(id: &str) -> Result<AuditTrail, ApiError> {
    get_json(&application_path(id, "/audit")).await
}

/// `preview_payment_notification`: what recording the payment would send; changes nothing.
pub async fn preview_payment(
    id: &str,
    details: &RecordPaymentRequest,
    csrf: &str,
) -> Result<PaymentPreview, ApiError> {
    let path = format!(
        "/api/pre-applications/{}/payment-records/preview",
        segment(id)
    );
    json(send(prepare(Request::post(&path), Some(csrf)).json(details)).await?).await
}

/// `record_payment_with_details`: the payment reached Kamu SM, as its receipt shows.
pub async fn record_payment(
    id: &str,
    details: &RecordPaymentRequest,
    csrf: &str,
) -> Result<ApplicationSummary, ApiError> {
    let path = format!("/api/pre-applications/{}/payment-records", segment(id));
    json(send(prepare(Request::post(&path), Some(csrf)).json(details)).await?).await
}

/// `reverse_payment`: takes the recorded payment back, with the reason.
pub async fn reverse_payment(
    id: &str,
    reason: &str,
    csrf: &str,
) -> Result<ApplicationSummary, ApiError> {
    let path = format!("/api/pre-applications/{}/payment/reversal", segment(id));
    let body = ReversePaymentRequest {
        reason: reason.to_owned(),
    };
    json(send(prepare(Request::post(&path), Some(csrf)).json(&body)).await?).await
}

/// `record_production_event`: produced, shipped (with its shipment) or delivered.
pub async fn record_production_event(
    id: &str,
    event: ProductionEvent,
    shipment: Option<&Shipment>,
    csrf: &str,
) -> Result<ApplicationSummary, ApiError> {
    let path = format!("/api/pre-applications/{}/production-events", segment(id));
    let body = RecordProductionEventRequest {
        event,
        courier: shipment.map(|s| s.courier.clone()),
        tracking_number: shipment.map(|s| s.tracking_number.clone()),
    };
    json(send(prepare(Request::post(&path), Some(csrf)).json(&body)).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::workflow::ApplicationState;

    #[test]
    fn only_the_filters_that_are_set_reach_the_query_string() {
        assert_eq!(filter_query_string(&ApplicationFilter::default()), "");
        let filter = ApplicationFilter {
            institution_id: Some("0b9f".into()),
            state: Some(ApplicationState::AwaitingPayment),
            q: Some(" NES-2026 & x ".into()),
            page: Some(2),
            per_page: None,
        };
        assert_eq!(
            filter_query_string(&filter),
            "?institution_id=0b9f&state=awaiting_payment&q=NES-2026%20%26%20x&page=2"
        );
    }

    #[test]
    fn ids_are_one_path_segment() {
        assert_eq!(
            application_path("a/b", "/audit"),
            "/api/operator/applications/a%2Fb/audit"
        );
        assert_eq!(
            api_keys_path("../x"),
            "/api/operator/institutions/%2E%2E%2Fx/api-keys"
        );
    }
}
