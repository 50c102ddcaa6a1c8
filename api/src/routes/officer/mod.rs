//! The institution's e-signature officer (kurum e-İmza sorumlusu): their institution's
//! applications, one application with its timeline, the notification e-mail sent again, and
//! the CSV import. Every route takes an officer's staff session (`Officer`: 401 without one,
//! 403 for an operator); state-changing ones also the CSRF header. Creating one
//! pre-application and cancelling one use `create_pre_applications` and
//! `cancel_pre_application`, which accept the officer's session too.

pub mod get;
pub mod import;
pub mod list;
pub mod resend;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_institution_applications)
        .service(get::get_institution_application)
        .service(resend::resend_pre_application_email)
        .service(import::import_pre_applications_csv);
}
