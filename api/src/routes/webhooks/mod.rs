//! Webhook endpoints of an institution — for its HR system's API key, its e-signature
//! officer, and Kamu SM operators (any institution's). See `crate::webhooks`.

pub mod create;
pub mod delete;
pub mod deliveries;
pub mod get;
pub mod list;
pub mod redeliver;
pub mod rotate_secret;
pub mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create::create_webhook_endpoint)
        .service(list::list_webhook_endpoints)
        .service(get::get_webhook_endpoint)
        .service(update::update_webhook_endpoint)
        .service(delete::delete_webhook_endpoint)
        .service(rotate_secret::rotate_webhook_secret)
        .service(deliveries::list_webhook_deliveries)
        .service(redeliver::redeliver_webhook);
}
