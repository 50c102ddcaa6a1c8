//! Routes of the passkeys area: an applicant's passkeys under `/me/passkeys` and the
//! usernameless login under `/auth/passkey`; a staff member's passkeys under
//! `/staff/passkeys` and the passkey as second factor under `/staff/session/passkey`.

pub mod finish_login;
pub mod finish_registration;
pub mod list;
pub mod remove;
pub mod rename;
pub mod staff;
pub mod start_login;
pub mod start_registration;

use shared::api::passkeys::{PasskeyName, PASSKEY_NAME_FIELD};
use shared::form::FieldErrors;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Applicant;
use crate::error::ApiError;
use crate::passkeys::Owner;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(start_registration::start_passkey_registration)
        .service(finish_registration::finish_passkey_registration)
        .service(list::list_my_passkeys)
        .service(rename::rename_passkey)
        .service(remove::remove_passkey)
        .service(start_login::start_passkey_login)
        .service(finish_login::finish_passkey_login)
        .configure(staff::configure);
}

/// A name as typed; a bad one is a `422 validation_failed` on the field `name`.
fn parse_name(raw: &str) -> Result<PasskeyName, ApiError> {
    PasskeyName::parse(raw).map_err(|e| {
        let mut fields = FieldErrors::new();
        fields.add(PASSKEY_NAME_FIELD, e.code());
        ApiError::Validation(fields)
    })
}

fn applicant_owner(applicant: &Applicant) -> Owner {
    Owner::Applicant {
        tckn: applicant.tckn.as_str().to_owned(),
        first_name: applicant.first_name.clone(),
        last_name: applicant.last_name.clone(),
    }
}
