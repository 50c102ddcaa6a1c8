//! A staff member's passkeys (active session: both factors done) and the passkey as the
//! second factor after the password (a session in stage `password_ok`).

pub mod finish_registration;
pub mod finish_verification;
pub mod list;
pub mod remove;
pub mod rename;
pub mod start_registration;
pub mod start_verification;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Staff;
use crate::passkeys::Owner;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(start_registration::start_staff_passkey_registration)
        .service(finish_registration::finish_staff_passkey_registration)
        .service(list::list_staff_passkeys)
        .service(rename::rename_staff_passkey)
        .service(remove::remove_staff_passkey)
        .service(start_verification::start_staff_passkey_verification)
        .service(finish_verification::finish_staff_passkey_verification);
}

fn staff_owner(staff: &Staff) -> Owner {
    Owner::Staff {
        id: staff.id.clone(),
    }
}
