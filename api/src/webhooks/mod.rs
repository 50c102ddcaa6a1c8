//! Webhooks to institutions (Standard Webhooks): endpoints registered per institution, one
//! signed message per application event and endpoint, queued in the outbox with the change
//! it reports and delivered by the outbox worker at least once, retried for about three
//! days; a delivery log per endpoint, redelivery by hand, and an endpoint that keeps failing
//! disabled with a notice to its officers.
//!
//! The use cases here are what the routes call, each inside the request's write
//! transaction, each audited.

pub mod deliveries;
pub mod endpoints;
pub mod events;
pub mod guard;
pub mod spec;
pub mod transport;

use shared::api::webhooks::{
    CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest, WebhookDelivery,
    WebhookEndpointSecret,
};

use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::auth::BackOffice;
use crate::config::Config;
use crate::db::AnyConnection;
use crate::error::ApiError;
pub use endpoints::EndpointRow;
pub use events::{publish, Occurrence};
pub use guard::TargetPolicy;

/// Who acts, for the audit trail: the API key's id or the staff member's user name.
fn actor_name(ctx: &EventContext) -> &str {
    ctx.actor.id.as_deref().unwrap_or("system")
}

fn audit_endpoint(
    conn: &mut AnyConnection,
    ctx: &EventContext,
    action: AuditAction,
    endpoint: &EndpointRow,
    detail: Option<&str>,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        ctx,
        action,
        Outcome::Success,
        Some(&endpoint.id),
        Some(&endpoint.institution_id),
        detail,
    )
}

/// Registers an endpoint. An institution registers for itself; an operator names the
/// institution.
pub fn create_endpoint(
    conn: &mut AnyConnection,
    caller: &BackOffice,
    request: &CreateWebhookEndpointRequest,
    ctx: &EventContext,
    config: &Config,
) -> Result<WebhookEndpointSecret, ApiError> {
    let institution_id = match (
        caller.institution_scope(),
        request.institution_id.as_deref(),
    ) {
        (Some(own), None) => own,
        (Some(own), Some(named)) if named == own => own,
        (Some(_), Some(_)) => return Err(ApiError::Forbidden),
        (None, Some(named)) => named,
        (None, None) => {
            let mut errors = shared::form::FieldErrors::new();
            errors.add("institution_id", "required");
            return Err(ApiError::Validation(errors));
        }
    };
    let (endpoint, secret) = endpoints::create(
        conn,
        institution_id,
        request,
        actor_name(ctx),
        config.webhook_targets,
        &config.secrets,
        ctx.at,
    )?;
    audit_endpoint(
        conn,
        ctx,
        AuditAction::WebhookEndpointCreated,
        &endpoint,
        Some(&endpoint.url),
    )?;
    Ok(WebhookEndpointSecret {
        endpoint: endpoint.to_api(),
        secret: secret.expose(),
    })
}

pub fn update_endpoint(
    conn: &mut AnyConnection,
    caller: &BackOffice,
    id: &str,
    request: &UpdateWebhookEndpointRequest,
    ctx: &EventContext,
    config: &Config,
) -> Result<shared::api::webhooks::WebhookEndpoint, ApiError> {
    let endpoint = endpoints::lock(conn, id, caller.institution_scope())?;
    let updated = endpoints::update(
        conn,
        &endpoint,
        request,
        actor_name(ctx),
        config.webhook_targets,
        ctx.at,
    )?;
    let detail = match request.enabled {
        Some(true) => "enabled",
        Some(false) => "disabled",
        None => "settings",
    };
    audit_endpoint(
        conn,
        ctx,
        AuditAction::WebhookEndpointChanged,
        &updated,
        Some(detail),
    )?;
    Ok(updated.to_api())
}

pub fn rotate_secret(
    conn: &mut AnyConnection,
    caller: &BackOffice,
    id: &str,
    ctx: &EventContext,
    config: &Config,
) -> Result<WebhookEndpointSecret, ApiError> {
    let endpoint = endpoints::lock(conn, id, caller.institution_scope())?;
    let (rotated, secret) = endpoints::rotate_secret(conn, &endpoint, &config.secrets, ctx.at)?;
    audit_endpoint(conn, ctx, AuditAction::WebhookSecretRotated, &rotated, None)?;
    Ok(WebhookEndpointSecret {
        endpoint: rotated.to_api(),
        secret: secret.expose(),
    })
}

pub fn delete_endpoint(
    conn: &mut AnyConnection,
    caller: &BackOffice,
    id: &str,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    let endpoint = endpoints::lock(conn, id, caller.institution_scope())?;
    endpoints::delete(conn, &endpoint)?;
    audit_endpoint(
        conn,
        ctx,
        AuditAction::WebhookEndpointRemoved,
        &endpoint,
        Some(&endpoint.url),
    )
}

pub fn redeliver(
    conn: &mut AnyConnection,
    caller: &BackOffice,
    id: &str,
    delivery_id: &str,
    ctx: &EventContext,
) -> Result<WebhookDelivery, ApiError> {
    let endpoint = endpoints::lock(conn, id, caller.institution_scope())?;
    let new_id = deliveries::redeliver(conn, &endpoint, delivery_id, ctx.at)?;
    audit_endpoint(
        conn,
        ctx,
        AuditAction::WebhookRedelivered,
        &endpoint,
        Some(delivery_id),
    )?;
    deliveries::one(conn, &endpoint, &new_id)
}
