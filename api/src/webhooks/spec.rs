//! The events in the OpenAPI document (3.1 `webhooks`): one entry per event type, each a
//! `POST` of a `WebhookEvent` with the Standard Webhooks headers. utoipa has no field for
//! them, so they go in as the document's top-level `webhooks` member.

use serde_json::{json, Value};
use shared::api::webhooks::WebhookEventType;
use shared::named::Named;
use utoipa::Modify;

pub struct WebhookEvents;

impl Modify for WebhookEvents {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let events: serde_json::Map<String, Value> = WebhookEventType::ALL
            .iter()
            .copied()
            .map(|event_type| (event_type.as_str().to_owned(), event(event_type)))
            .collect();
        openapi
            .extensions
            .get_or_insert_with(Default::default)
            .insert("webhooks".to_owned(), Value::Object(events));
    }
}

fn header(name: &str, description: &str, example: &str) -> Value {
    json!({
        "name": name,
        "in": "header",
        "required": true,
        "description": description,
        "schema": { "type": "string" },
        "example": example,
    })
}

fn event(event_type: WebhookEventType) -> Value {
    let name = event_type.as_str();
    json!({
        "post": {
            "operationId": format!("webhook_{}", name.replace('.', "_")),
            "summary": name,
            "description": format!(
                "{} Sent to every enabled endpoint of the application's institution that \
                 wants `{name}`, at least once: retried with exponential backoff for about \
                 three days until the endpoint answers 2xx. Verify `webhook-signature` before \
                 trusting the body, and use `webhook-id` to drop repeats.",
                event_type.description()
            ),
            "tags": [crate::routes::tags::INTEGRATOR],
            "security": [],
            "parameters": [
                header("webhook-id", "The message's id: the same on every retry and redelivery", "msg_2b7c9f6a0e1d4c5b8a3f2e1d0c9b8a7f"),
                header("webhook-timestamp", "Unix seconds when this attempt was signed; refuse one far from your clock", "1764842400"),
                header("webhook-signature", "Space-separated `v1,<base64>` entries: HMAC-SHA256 with the endpoint's secret over `{webhook-id}.{webhook-timestamp}.{body}` (two entries while a rotated secret's grace period runs)", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="),
            ],
            "requestBody": {
                "required": true,
                "content": {
                    "application/json": {
                        "schema": { "$ref": "#/components/schemas/WebhookEvent" }
                    }
                }
            },
            "responses": {
                "200": { "description": "Received (any 2xx)." },
                "410": { "description": "Gone: the endpoint is disabled at once." },
                "default": { "description": "Any other answer or none: retried later." }
            }
        }
    })
}
