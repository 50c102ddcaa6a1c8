//! Typed calls of the webhook endpoints, for the officer (their own institution) and the
//! operator (one named institution). The staff session cookie travels by itself;
//! state-changing calls carry the staff session's CSRF token.

use gloo_net::http::Request;
use shared::api::webhooks::{
    CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest, WebhookDelivery,
    WebhookDeliveryList, WebhookEndpoint, WebhookEndpointList, WebhookEndpointSecret,
};

use super::{get_json, json, prepare, segment, send, ApiError};

const ENDPOINTS: &str = "/api/webhooks/endpoints";

/// `/api/webhooks/endpoints/{id}{rest}`, the id in one segment.
pub fn endpoint_path(id: &str, rest: &str) -> String {
    format!("{ENDPOINTS}/{}{rest}", segment(id))
}

/// The list's address: an operator names the institution, an officer gets their own.
pub fn list_path(institution_id: Option<&str>) -> String {
    match institution_id {
        // `segment` escapes everything but letters, digits and `-_~`: safe in a query too.
        Some(id) => format!("{ENDPOINTS}?institution_id={}", segment(id)),
        None => ENDPOINTS.to_owned(),
    }
}

pub async fn endpoints(institution_id: Option<&str>) -> Result<WebhookEndpointList, ApiError> {
    get_json(&list_path(institution_id)).await
}

pub async fn endpoint(id: &str) -> Result<WebhookEndpoint, ApiError> {
    get_json(&endpoint_path(id, "")).await
}

pub async fn create_endpoint(
    request: &CreateWebhookEndpointRequest,
    csrf: &str,
) -> Result<WebhookEndpointSecret, ApiError> {
    json(send(prepare(Request::post(ENDPOINTS), Some(csrf)).json(request)).await?).await
}

pub async fn update_endpoint(
    id: &str,
    request: &UpdateWebhookEndpointRequest,
    csrf: &str,
) -> Result<WebhookEndpoint, ApiError> {
    let path = endpoint_path(id, "");
    json(send(prepare(Request::patch(&path), Some(csrf)).json(request)).await?).await
}

/// Pauses (`false`) or enables (`true`) an endpoint.
pub async fn set_enabled(id: &str, enabled: bool, csrf: &str) -> Result<WebhookEndpoint, ApiError> {
    let request = UpdateWebhookEndpointRequest {
        enabled: Some(enabled),
        ..Default::default()
    };
    update_endpoint(id, &request, csrf).await
}

pub async fn delete_endpoint(id: &str, csrf: &str) -> Result<(), ApiError> {
    let path = endpoint_path(id, "");
    send(prepare(Request::delete(&path), Some(csrf)).build()).await?;
    Ok(())
}

pub async fn rotate_secret(id: &str, csrf: &str) -> Result<WebhookEndpointSecret, ApiError> {
    let path = endpoint_path(id, "/secret-rotation");
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}

pub async fn deliveries(id: &str) -> Result<WebhookDeliveryList, ApiError> {
    get_json(&endpoint_path(id, "/deliveries")).await
}

pub async fn redeliver(
    id: &str,
    delivery_id: &str,
    csrf: &str,
) -> Result<WebhookDelivery, ApiError> {
    let path = endpoint_path(
        id,
        &format!("/deliveries/{}/redelivery", segment(delivery_id)),
    );
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_in_one_segment() {
        assert_eq!(
            endpoint_path("a/b", "/deliveries"),
            "/api/webhooks/endpoints/a%2Fb/deliveries"
        );
        assert_eq!(list_path(None), "/api/webhooks/endpoints");
        assert_eq!(
            list_path(Some("k&1")),
            "/api/webhooks/endpoints?institution_id=k%261"
        );
    }
}
