//! An institution's webhook endpoints: registration, changes, secret rotation, removal, and
//! what the sender needs (the secrets valid now). Every function takes the caller's scope —
//! `Some(institution)` for an institution's key or officer, `None` for an operator — and an
//! endpoint outside it answers exactly like one that does not exist.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use shared::api::webhooks::{
    check_endpoint_settings, CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest,
    WebhookEndpoint, WebhookEventType, MAX_ENDPOINTS_PER_INSTITUTION,
};
use shared::form::FieldErrors;
use shared::named::Named;

use super::guard::TargetPolicy;
use crate::db::schema::{outbox, webhook_endpoints};
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::notify::outbox::{STATUS_FAILED, STATUS_PENDING};
use crate::notify::Channel;
use crate::secrets::{SealPurpose, Secrets};
use crate::standard_webhooks::Secret;

/// After a rotation the previous secret signs too for this long, so receivers can switch
/// without losing a message.
pub const ROTATION_GRACE: Duration = Duration::hours(24);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints)]
pub struct EndpointRow {
    pub id: String,
    pub institution_id: String,
    pub url: String,
    pub description: String,
    pub event_types: Option<String>,
    pub secret_sealed: String,
    pub previous_secret_sealed: Option<String>,
    pub previous_secret_expires_at: Option<chrono::NaiveDateTime>,
    pub failing_since: Option<chrono::NaiveDateTime>,
    pub disabled_at: Option<chrono::NaiveDateTime>,
    pub disabled_reason: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub created_by: String,
    pub updated_at: chrono::NaiveDateTime,
}

impl EndpointRow {
    fn event_types(&self) -> Option<Vec<WebhookEventType>> {
        self.event_types.as_deref().map(|list| {
            list.split(',')
                .filter_map(WebhookEventType::parse)
                .collect()
        })
    }

    pub fn wants(&self, event_type: WebhookEventType) -> bool {
        self.event_types()
            .is_none_or(|wanted| wanted.contains(&event_type))
    }

    pub fn is_enabled(&self) -> bool {
        self.disabled_at.is_none()
    }

    pub fn failing_since(&self) -> Option<DateTime<Utc>> {
        self.failing_since.map(from_db_time)
    }

    /// The secrets that sign a message sent at `now`: the current one, and the previous one
    /// while its grace period runs.
    pub fn signing_secrets(
        &self,
        secrets: &Secrets,
        now: DateTime<Utc>,
    ) -> Result<Vec<Secret>, ApiError> {
        let open = |sealed: &str| {
            secrets
                .open(SealPurpose::WebhookSecret, &self.id, sealed)
                .ok()
                .and_then(|text| Secret::parse(&text).ok())
                .ok_or_else(|| {
                    ApiError::Internal(format!("webhook endpoint {}: secret unreadable", self.id))
                })
        };
        let mut valid = vec![open(&self.secret_sealed)?];
        if let (Some(previous), Some(until)) = (
            &self.previous_secret_sealed,
            self.previous_secret_expires_at,
        ) {
            if now < from_db_time(until) {
                valid.push(open(previous)?);
            }
        }
        Ok(valid)
    }

    pub fn to_api(&self) -> WebhookEndpoint {
        WebhookEndpoint {
            id: self.id.clone(),
            institution_id: self.institution_id.clone(),
            url: self.url.clone(),
            description: self.description.clone(),
            event_types: self.event_types(),
            enabled: self.is_enabled(),
            disabled_at: self.disabled_at.map(from_db_time),
            disabled_reason: self.disabled_reason.clone(),
            failing_since: self.failing_since(),
            previous_secret_expires_at: self.previous_secret_expires_at.map(from_db_time),
            created_at: from_db_time(self.created_at),
            updated_at: from_db_time(self.updated_at),
        }
    }
}

/// The enabled endpoints of these institutions.
pub fn enabled_of(
    conn: &mut AnyConnection,
    institutions: &BTreeSet<&str>,
) -> QueryResult<Vec<EndpointRow>> {
    webhook_endpoints::table
        .filter(webhook_endpoints::institution_id.eq_any(institutions))
        .filter(webhook_endpoints::disabled_at.is_null())
        .select(EndpointRow::as_select())
        .load(conn)
}

/// One endpoint, whatever its scope (the sender's look-up).
pub fn by_id(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<EndpointRow>> {
    webhook_endpoints::table
        .find(id)
        .select(EndpointRow::as_select())
        .first(conn)
        .optional()
}

/// One endpoint within the caller's scope.
pub fn find(
    conn: &mut AnyConnection,
    id: &str,
    scope: Option<&str>,
) -> Result<EndpointRow, ApiError> {
    by_id(conn, id)?
        .filter(|row| scope.is_none_or(|institution| institution == row.institution_id))
        .ok_or(ApiError::NotFound)
}

/// One endpoint within the caller's scope, its row locked until the transaction ends: two
/// changes at once (two rotations, a rotation and a removal) then apply one after the other,
/// each to what the other left — never both to the same old row, which would lose a secret
/// already shown. SQLite's `BEGIN IMMEDIATE` serialises write transactions already.
pub fn lock(
    conn: &mut AnyConnection,
    id: &str,
    scope: Option<&str>,
) -> Result<EndpointRow, ApiError> {
    let row = match conn {
        AnyConnection::Postgresql(pg) => webhook_endpoints::table
            .find(id)
            .select(EndpointRow::as_select())
            .for_no_key_update()
            .first(pg)
            .optional()?,
        AnyConnection::Sqlite(_) => by_id(conn, id)?,
    };
    row.filter(|row| scope.is_none_or(|institution| institution == row.institution_id))
        .ok_or(ApiError::NotFound)
}

/// The caller's endpoints (an operator's: every institution's, or one institution's).
pub fn list(
    conn: &mut AnyConnection,
    scope: Option<&str>,
    institution: Option<&str>,
) -> QueryResult<Vec<EndpointRow>> {
    let mut query = webhook_endpoints::table
        .select(EndpointRow::as_select())
        .order((
            webhook_endpoints::created_at.asc(),
            webhook_endpoints::id.asc(),
        ))
        .into_boxed();
    if let Some(institution) = scope.or(institution) {
        query = query.filter(webhook_endpoints::institution_id.eq(institution.to_owned()));
    }
    query.load(conn)
}

fn refused(field: &str, code: &str) -> ApiError {
    let mut errors = FieldErrors::new();
    errors.add(field, code);
    ApiError::Validation(errors)
}

fn checked_settings(
    url: &str,
    description: &str,
    policy: TargetPolicy,
) -> Result<(String, String), ApiError> {
    let description = description.trim();
    check_endpoint_settings(url, description, true).map_err(|e| refused(e.field(), e.code()))?;
    let url = policy
        .check(url)
        .map_err(|refusal| refused("url", refusal.code()))?;
    Ok((url.to_string(), description.to_owned()))
}

/// `None` for all events (an absent or empty list), else the list in a stable order.
fn stored_event_types(event_types: Option<&[WebhookEventType]>) -> Option<String> {
    let wanted = event_types.filter(|list| !list.is_empty())?;
    let names: BTreeSet<&str> = wanted.iter().map(|kind| kind.as_str()).collect();
    Some(names.into_iter().collect::<Vec<_>>().join(","))
}

/// Registers an endpoint for `institution_id` (already checked to be the caller's, or named
/// by an operator) with a new secret, answered once.
pub fn create(
    conn: &mut AnyConnection,
    institution_id: &str,
    request: &CreateWebhookEndpointRequest,
    created_by: &str,
    policy: TargetPolicy,
    secrets: &Secrets,
    now: DateTime<Utc>,
) -> Result<(EndpointRow, Secret), ApiError> {
    let (url, description) = checked_settings(&request.url, &request.description, policy)?;
    if !lock_institution(conn, institution_id)? {
        return Err(refused("institution_id", "unknown"));
    }
    let existing: i64 = webhook_endpoints::table
        .filter(webhook_endpoints::institution_id.eq(institution_id))
        .count()
        .get_result(conn)?;
    if existing >= MAX_ENDPOINTS_PER_INSTITUTION as i64 {
        return Err(refused("url", "too_many_endpoints"));
    }
    let id = format!("ep_{}", uuid::Uuid::new_v4().simple());
    let secret = Secret::generate();
    let sealed = seal(secrets, &id, &secret)?;
    let at = to_db_time(now);
    diesel::insert_into(webhook_endpoints::table)
        .values((
            webhook_endpoints::id.eq(&id),
            webhook_endpoints::institution_id.eq(institution_id),
            webhook_endpoints::url.eq(&url),
            webhook_endpoints::description.eq(&description),
            webhook_endpoints::event_types.eq(stored_event_types(request.event_types.as_deref())),
            webhook_endpoints::secret_sealed.eq(&sealed),
            webhook_endpoints::created_at.eq(at),
            webhook_endpoints::created_by.eq(created_by),
            webhook_endpoints::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok((find(conn, &id, None)?, secret))
}

/// Whether the institution exists; its row stays locked until the transaction ends, so
/// registrations at once are counted one after the other against the limit (SQLite's
/// `BEGIN IMMEDIATE` already serialises every write transaction).
fn lock_institution(conn: &mut AnyConnection, institution_id: &str) -> QueryResult<bool> {
    use crate::db::schema::institutions;
    let found: Option<String> = match conn {
        AnyConnection::Postgresql(pg) => institutions::table
            .find(institution_id)
            .select(institutions::id)
            .for_no_key_update()
            .first(pg)
            .optional()?,
        AnyConnection::Sqlite(_) => institutions::table
            .find(institution_id)
            .select(institutions::id)
            .first(conn)
            .optional()?,
    };
    Ok(found.is_some())
}

fn seal(secrets: &Secrets, id: &str, secret: &Secret) -> Result<String, ApiError> {
    secrets
        .seal(SealPurpose::WebhookSecret, id, &secret.expose())
        .map_err(|e| ApiError::Internal(format!("sealing a webhook secret: {e}")))
}

/// Applies the changes asked for. Enabling again clears the failure run; disabling by hand
/// fails what was waiting (it would not be sent).
pub fn update(
    conn: &mut AnyConnection,
    endpoint: &EndpointRow,
    request: &UpdateWebhookEndpointRequest,
    changed_by: &str,
    policy: TargetPolicy,
    now: DateTime<Utc>,
) -> Result<EndpointRow, ApiError> {
    let (url, description) = checked_settings(
        request.url.as_deref().unwrap_or(&endpoint.url),
        request
            .description
            .as_deref()
            .unwrap_or(&endpoint.description),
        policy,
    )?;
    let event_types = match &request.event_types {
        Some(list) => stored_event_types(Some(list)),
        None => endpoint.event_types.clone(),
    };
    let target = webhook_endpoints::table.find(&endpoint.id);
    diesel::update(target)
        .set((
            webhook_endpoints::url.eq(&url),
            webhook_endpoints::description.eq(&description),
            webhook_endpoints::event_types.eq(event_types),
            webhook_endpoints::updated_at.eq(to_db_time(now)),
        ))
        .execute(conn)?;
    match request.enabled {
        Some(true) if !endpoint.is_enabled() => {
            diesel::update(target)
                .set((
                    webhook_endpoints::disabled_at.eq(None::<chrono::NaiveDateTime>),
                    webhook_endpoints::disabled_reason.eq(None::<String>),
                    webhook_endpoints::failing_since.eq(None::<chrono::NaiveDateTime>),
                ))
                .execute(conn)?;
        }
        Some(false) if endpoint.is_enabled() => {
            disable(
                conn,
                &endpoint.id,
                &format!("disabled by {changed_by}"),
                None,
                now,
            )?;
        }
        _ => {}
    }
    find(conn, &endpoint.id, None)
}

/// A new secret; the current one becomes the previous one, valid for [`ROTATION_GRACE`].
pub fn rotate_secret(
    conn: &mut AnyConnection,
    endpoint: &EndpointRow,
    secrets: &Secrets,
    now: DateTime<Utc>,
) -> Result<(EndpointRow, Secret), ApiError> {
    let secret = Secret::generate();
    let sealed = seal(secrets, &endpoint.id, &secret)?;
    diesel::update(webhook_endpoints::table.find(&endpoint.id))
        .set((
            webhook_endpoints::secret_sealed.eq(&sealed),
            webhook_endpoints::previous_secret_sealed.eq(Some(&endpoint.secret_sealed)),
            webhook_endpoints::previous_secret_expires_at
                .eq(Some(to_db_time(now + ROTATION_GRACE))),
            webhook_endpoints::updated_at.eq(to_db_time(now)),
        ))
        .execute(conn)?;
    Ok((find(conn, &endpoint.id, None)?, secret))
}

/// Removes an endpoint; what was waiting for it fails (the log stays, for the record).
pub fn delete(conn: &mut AnyConnection, endpoint: &EndpointRow) -> Result<(), ApiError> {
    fail_waiting(conn, &endpoint.id, "the endpoint was removed", None)?;
    diesel::delete(webhook_endpoints::table.find(&endpoint.id)).execute(conn)?;
    Ok(())
}

/// Stops deliveries to an endpoint: nothing new is queued for it, and what waits fails —
/// except `in_flight`, the delivery being attempted, which its worker settles.
pub fn disable(
    conn: &mut AnyConnection,
    id: &str,
    reason: &str,
    in_flight: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    diesel::update(
        webhook_endpoints::table
            .find(id)
            .filter(webhook_endpoints::disabled_at.is_null()),
    )
    .set((
        webhook_endpoints::disabled_at.eq(Some(to_db_time(now))),
        webhook_endpoints::disabled_reason.eq(Some(reason)),
        webhook_endpoints::updated_at.eq(to_db_time(now)),
    ))
    .execute(conn)?;
    fail_waiting(conn, id, "the endpoint was disabled", in_flight)
}

fn fail_waiting(
    conn: &mut AnyConnection,
    id: &str,
    why: &str,
    in_flight: Option<&str>,
) -> Result<(), ApiError> {
    diesel::update(
        outbox::table
            .filter(outbox::channel.eq(Channel::Webhook.as_str()))
            .filter(outbox::recipient.eq(id))
            .filter(outbox::status.eq(STATUS_PENDING))
            .filter(outbox::id.ne(in_flight.unwrap_or_default())),
    )
    .set((
        outbox::status.eq(STATUS_FAILED),
        outbox::last_error.eq(Some(why)),
        outbox::locked_until.eq(None::<chrono::NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}
