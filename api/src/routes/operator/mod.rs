//! The Kamu SM operator's endpoints (`Operator` sessions only; anyone else 401/403):
//! institutions and their API keys, applications across institutions and their audit trail.
//! Payment and production are `pre_applications::record_payment` and
//! `record_production_event`, operator-only too.

pub mod create_api_key;
pub mod create_institution;
pub mod create_staff_account;
pub mod get_any_application;
pub mod get_application_audit_trail;
pub mod get_application_evidence;
pub mod list_all_applications;
pub mod list_api_keys;
pub mod list_institutions;
pub mod list_payment_callbacks;
pub mod list_staff_accounts;
pub mod revoke_api_key;
pub mod staff_account_actions;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_institutions::list_institutions)
        .service(create_institution::create_institution)
        .service(list_api_keys::list_api_keys)
        .service(create_api_key::create_api_key)
        .service(revoke_api_key::revoke_api_key)
        .service(list_all_applications::list_all_applications)
        .service(get_any_application::get_any_application)
        .service(get_application_audit_trail::get_application_audit_trail)
        .service(get_application_evidence::get_application_evidence)
        .service(list_payment_callbacks::list_payment_callbacks)
        .service(list_staff_accounts::list_staff_accounts)
        .service(create_staff_account::create_staff_account)
        .service(staff_account_actions::unlock_staff_account)
        .service(staff_account_actions::disable_staff_account)
        .service(staff_account_actions::enable_staff_account)
        .service(staff_account_actions::reset_staff_second_factor)
        .service(staff_account_actions::reset_staff_password);
}
