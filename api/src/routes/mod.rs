//! One file per endpoint. Handlers are thin: extract, call a use case in `applications`,
//! answer. Every handler carries `#[utoipa::path]` and is registered through
//! `utoipa_actix_web`, so the router and the OpenAPI document come from the same calls.

pub mod applications;
pub mod auth;
pub mod consent;
pub mod e_imza;
pub mod e_imza_login;
pub mod evidence_public_key;
pub mod fallback;
pub mod health;
mod json;
pub mod metrics;
pub mod officer;
pub mod operator;
pub mod passkeys;
pub mod payment_callback;
pub mod pre_applications;
pub mod staff;
pub mod taahhutname;
pub mod webhooks;

pub use json::Json;
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes under `/api`.
///
/// The order is the router's: actix tries each route in turn, and a route with a `{param}`
/// costs a regular-expression match (and its allocation) each time it is tried, matching or
/// not. So the routes every applicant's page calls come first — the session's (all literal)
/// and then the applicant's own — and the staff's, fewer and rarer, after them; a profile of
/// `GET /api/applications/{id}` found 7 % of the API's CPU matching the 22 routes with a
/// parameter before it. No other route begins with `/applications`, so moving the
/// applicant's routes changed no route's meaning.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(auth::configure)
        .configure(e_imza_login::configure)
        .service(applications::list::list_my_applications)
        .service(applications::get::get_application)
        .service(applications::submit_form::submit_application_form)
        .service(applications::save_draft::save_form_draft)
        .service(applications::send_sms_code::send_sms_code)
        .service(applications::verify_sms_code::verify_sms_code)
        .service(applications::approve::approve_with_e_onay)
        .service(applications::result::get_application_result)
        .service(applications::evidence::get_my_application_evidence)
        .configure(passkeys::configure)
        .configure(staff::configure)
        .configure(officer::configure)
        .configure(operator::configure)
        .configure(webhooks::configure)
        .service(pre_applications::create::create_pre_applications)
        .service(pre_applications::get::get_pre_application)
        .service(pre_applications::list::list_pre_applications)
        .service(pre_applications::cancel::cancel_pre_application)
        .service(pre_applications::record_payment::record_payment)
        .service(pre_applications::record_payment_with_details::record_payment_with_details)
        .service(pre_applications::preview_payment_notification::preview_payment_notification)
        .service(pre_applications::reverse_payment::reverse_payment)
        .service(payment_callback::receive_payment_callback)
        .service(pre_applications::record_production_event::record_production_event)
        .service(evidence_public_key::get_evidence_public_key)
        .service(taahhutname::get_taahhutname)
        .service(consent::give_e_onay_consent)
        .service(e_imza::start::start_e_imza_signing)
        .service(e_imza::status::get_e_imza_signing_status)
        .service(e_imza::downloads::get_signing_app_downloads)
        .service(e_imza::login::e_imza_login)
        .service(e_imza::document::get_e_imza_document)
        .service(e_imza::signature::submit_e_imza_signature);
}

/// The tags of the OpenAPI document.
pub mod tags {
    pub const INTEGRATOR: &str = "Entegrasyon";
    pub const APPLICANT: &str = "Başvuru İşlemleri";
    pub const SESSION: &str = "Oturum";
    pub const OPERATIONS: &str = "İşletim";
    pub const SIGNING_APP: &str = "e-İmza Uygulaması";
    pub const STAFF: &str = "Personel Oturumu";
    pub const OFFICER: &str = "Kurum e-İmza Sorumlusu";
    pub const OPERATOR: &str = "Kamu SM Operatörü";
    pub const PAYMENT_PROVIDER: &str = "Ödeme Sağlayıcısı";
}
