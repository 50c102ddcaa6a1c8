//! Who may act on pre-applications: an institution — through its HR system's API key or its
//! e-signature officer's session — on its own applications only, or a Kamu SM operator on
//! any. A request with a bearer key is judged by the key alone.

use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};
use chrono::{DateTime, Utc};
use futures_util::future::LocalBoxFuture;

use super::staff::{Staff, StaffRole};
use super::{integrator, ClientInfo, Integrator};
use crate::applications::EventContext;
use crate::error::ApiError;

#[derive(Debug, Clone)]
pub enum BackOffice {
    Integrator(Integrator),
    Officer {
        staff: Staff,
        institution_id: String,
    },
    Operator(Staff),
}

impl BackOffice {
    /// The one institution this caller acts for; `None` for an operator (all of them).
    pub fn institution_scope(&self) -> Option<&str> {
        match self {
            BackOffice::Integrator(key) => Some(&key.institution_id),
            BackOffice::Officer { institution_id, .. } => Some(institution_id),
            BackOffice::Operator(_) => None,
        }
    }

    /// Whether the caller may see and act on an application of `institution_id`.
    pub fn may_act_on(&self, institution_id: Option<&str>) -> bool {
        match self.institution_scope() {
            None => true,
            Some(scope) => institution_id == Some(scope),
        }
    }

    pub fn event_context(&self, client: ClientInfo, at: DateTime<Utc>) -> EventContext {
        match self {
            BackOffice::Integrator(key) => EventContext::integrator(&key.key_id, client, at),
            BackOffice::Officer { staff, .. } | BackOffice::Operator(staff) => {
                EventContext::staff(staff, client, at)
            }
        }
    }
}

impl FromRequest for BackOffice {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // Already identified by a middleware that needed the caller first (idempotency keys).
        if let Some(known) = req.extensions().get::<BackOffice>().cloned() {
            return Box::pin(std::future::ready(Ok(known)));
        }
        let req = req.clone();
        let staff = Staff::from_request(&req, payload);
        Box::pin(async move {
            if let Some(key) = integrator::bearer_key(&req) {
                return integrator::authenticate(&req, key)
                    .await
                    .map(BackOffice::Integrator);
            }
            let staff = staff.await.map_err(|e| match e {
                // Neither a key nor a session: say what an integrator needs.
                ApiError::Unauthenticated => ApiError::ApiKeyInvalid,
                other => other,
            })?;
            Ok(match staff.role.clone() {
                StaffRole::Officer { institution_id } => BackOffice::Officer {
                    staff,
                    institution_id,
                },
                StaffRole::Operator => BackOffice::Operator(staff),
            })
        })
    }
}
