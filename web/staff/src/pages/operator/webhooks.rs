//! `/kamusm/kurumlar/:id/webhooklar`: one institution's webhook endpoints, for the operator
//! (an endpoint added here is registered for that institution), and
//! `/kamusm/kurumlar/:id/webhooklar/:endpoint`, one endpoint's delivery log. The parts are
//! the officer's own.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{institution_path, OperatorNav, INSTITUTIONS_PATH};
use crate::api;
use crate::components::webhooks::{WebhookDeliveryLog, WebhookEndpoints};
use crate::i18n::T;
use crate::state::{set_page, tx, Crumb};
use crate::texts::S;

/// `/kamusm/kurumlar/{id}/webhooklar`.
pub fn webhooks_path(institution_id: &str) -> String {
    format!("{}/webhooklar", institution_path(institution_id))
}

/// `/kamusm/kurumlar/{id}/webhooklar/{endpoint}`.
pub fn webhook_path(institution_id: &str, endpoint_id: &str) -> String {
    format!(
        "{}/{}",
        webhooks_path(institution_id),
        api::segment(endpoint_id)
    )
}

#[component]
pub fn OperatorWebhooksPage() -> impl IntoView {
    set_page(
        S::WebhooksTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::link(S::OperatorInstitutionsTitle, INSTITUTIONS_PATH),
            Crumb::here(S::WebhooksTitle),
        ],
    );
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    view! {
        <h1>{tx(S::WebhooksTitle)}</h1>
        <OperatorNav current="" />
        <p class="lead">{tx(S::WebhooksOperatorIntro)}</p>
        {move || {
            let institution = id.get();
            let back = institution_path(&institution);
            let for_links = institution.clone();
            view! {
                <WebhookEndpoints
                    institution_id=institution
                    log_href=Callback::new(move |endpoint: String| {
                        webhook_path(&for_links, &endpoint)
                    })
                />
                <p>
                    <a href=back>{tx(S::WebhookBackToInstitution)}</a>
                </p>
            }
        }}
    }
}

#[component]
pub fn OperatorWebhookLogPage() -> impl IntoView {
    set_page(
        S::WebhookLogTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::link(S::OperatorInstitutionsTitle, INSTITUTIONS_PATH),
            Crumb::here(S::WebhookLogTitle),
        ],
    );
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let params = params.read();
        (
            params.get("id").unwrap_or_default(),
            params.get("endpoint").unwrap_or_default(),
        )
    });
    view! {
        <h1>{tx(S::WebhookLogTitle)}</h1>
        <OperatorNav current="" />
        {move || {
            let (institution, endpoint) = ids.get();
            view! {
                <WebhookDeliveryLog endpoint_id=endpoint back_href=webhooks_path(&institution) />
            }
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_each_id_in_one_segment() {
        assert_eq!(webhooks_path("k/1"), "/kamusm/kurumlar/k%2F1/webhooklar");
        assert_eq!(
            webhook_path("k1", "e 1"),
            "/kamusm/kurumlar/k1/webhooklar/e%201"
        );
    }
}
