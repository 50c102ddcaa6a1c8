//! Institutions' HR systems calling with `Authorization: Bearer <api key>`. Keys belong to
//! one institution, are stored only as SHA-256 (a 256-bit random key needs no slow hash) and
//! stop working the moment an operator revokes them.

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use futures_util::future::LocalBoxFuture;

use crate::config::DEV_INTEGRATOR_KEY;
use crate::db::schema::{api_keys, institutions};
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::sha256_hex;
use crate::state::AppState;

/// `last_used_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// The development institution and its key (see [`ensure_development_key`]).
pub const DEV_INSTITUTION_CODE: &str = "DEV";
pub const DEV_INSTITUTION_NAME: &str = "Geliştirme Kurumu";

#[derive(Debug, Clone)]
pub struct Integrator {
    pub key_id: String,
    /// The key's name, given by the operator who created it.
    pub name: String,
    pub institution_id: String,
}

impl FromRequest for Integrator {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let key = bearer_key(&req).ok_or(ApiError::ApiKeyInvalid)?;
            authenticate(&req, key).await
        })
    }
}

/// The bearer credential, if the request carries one.
pub fn bearer_key(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

pub async fn authenticate(req: &HttpRequest, key: String) -> Result<Integrator, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?
        .clone();
    let key_hash = sha256_hex(key.as_bytes());
    let now = state.now();
    state
        .db(move |conn| find_live_key(conn, &key_hash, now))
        .await?
        .ok_or(ApiError::ApiKeyInvalid)
}

/// The unrevoked key with this hash. The lookup is by hash through a unique index: the
/// presented key is never compared character by character with a stored one.
fn find_live_key(
    conn: &mut AnyConnection,
    key_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Integrator>, ApiError> {
    let row: Option<(String, String, String, Option<chrono::NaiveDateTime>)> = api_keys::table
        .filter(api_keys::key_hash.eq(key_hash))
        .filter(api_keys::revoked_at.is_null())
        .select((
            api_keys::id,
            api_keys::name,
            api_keys::institution_id,
            api_keys::last_used_at,
        ))
        .first(conn)
        .optional()?;
    let Some((key_id, name, institution_id, last_used)) = row else {
        return Ok(None);
    };
    if last_used.is_none_or(|at| now - from_db_time(at) >= TOUCH_EVERY) {
        diesel::update(api_keys::table.find(&key_id))
            .set(api_keys::last_used_at.eq(to_db_time(now)))
            .execute(conn)?;
    }
    Ok(Some(Integrator {
        key_id,
        name,
        institution_id,
    }))
}

/// In development (the e-Devlet simulator on), the `DEV` institution and the documented
/// development key, so that `cargo run` and the tests have an integrator from the start.
pub fn ensure_development_key(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    crate::db::write_transaction(conn, |conn| {
        let existing: Option<String> = institutions::table
            .filter(institutions::code.eq(DEV_INSTITUTION_CODE))
            .select(institutions::id)
            .first(conn)
            .optional()?;
        let institution_id = match existing {
            Some(id) => id,
            None => {
                let id = crate::db::new_row_id();
                diesel::insert_into(institutions::table)
                    .values((
                        institutions::id.eq(&id),
                        institutions::code.eq(DEV_INSTITUTION_CODE),
                        institutions::name.eq(DEV_INSTITUTION_NAME),
                        institutions::created_at.eq(to_db_time(now)),
                        institutions::created_by.eq("development"),
                    ))
                    .execute(conn)?;
                id
            }
        };
        let key_hash = sha256_hex(DEV_INTEGRATOR_KEY.as_bytes());
        let known: i64 = api_keys::table
            .filter(api_keys::key_hash.eq(&key_hash))
            .count()
            .get_result(conn)?;
        if known == 0 {
            diesel::insert_into(api_keys::table)
                .values((
                    api_keys::id.eq(crate::db::new_row_id()),
                    api_keys::institution_id.eq(&institution_id),
                    api_keys::name.eq("development"),
                    api_keys::key_prefix.eq(key_prefix(DEV_INTEGRATOR_KEY)),
                    api_keys::key_hash.eq(&key_hash),
                    api_keys::created_at.eq(to_db_time(now)),
                    api_keys::created_by.eq("development"),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Whether the published development key would be accepted: refused in production.
pub fn development_key_is_active(conn: &mut AnyConnection) -> Result<bool, ApiError> {
    let active: i64 = api_keys::table
        .filter(api_keys::key_hash.eq(sha256_hex(DEV_INTEGRATOR_KEY.as_bytes())))
        .filter(api_keys::revoked_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(active > 0)
}

/// What is shown of a key after its creation: enough to recognise it, too little to use it.
pub fn key_prefix(key: &str) -> String {
    key.chars().take(8).collect()
}
