//! `/kurum/webhooklar`: the institution's webhook endpoints (the e-mail sent when one is
//! disabled links here, so the path is a contract), and `/kurum/webhooklar/:id`, one
//! endpoint's delivery log. The parts are shared with the operator's screens.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{OfficerNav, WEBHOOKS_PATH};
use crate::api;
use crate::components::webhooks::{WebhookDeliveryLog, WebhookEndpoints};
use crate::i18n::T;
use crate::state::{set_page, tx, Crumb};
use crate::texts::S;

/// `/kurum/webhooklar/{id}`.
pub fn webhook_path(id: &str) -> String {
    format!("{WEBHOOKS_PATH}/{}", api::segment(id))
}

#[component]
pub fn OfficerWebhooksPage() -> impl IntoView {
    set_page(
        S::WebhooksTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(S::WebhooksTitle),
        ],
    );
    view! {
        <h1>{tx(S::WebhooksTitle)}</h1>
        <OfficerNav current=WEBHOOKS_PATH />
        <p class="lead">{tx(S::WebhooksIntro)}</p>
        <WebhookEndpoints log_href=Callback::new(|id: String| webhook_path(&id)) />
    }
}

#[component]
pub fn OfficerWebhookLogPage() -> impl IntoView {
    set_page(
        S::WebhookLogTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::link(S::WebhooksTitle, WEBHOOKS_PATH),
            Crumb::here(S::WebhookLogTitle),
        ],
    );
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    view! {
        <h1>{tx(S::WebhookLogTitle)}</h1>
        <OfficerNav current="" />
        {move || {
            view! {
                <WebhookDeliveryLog endpoint_id=id.get() back_href=WEBHOOKS_PATH.to_owned() />
            }
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disabled_endpoint_emails_path_is_kept() {
        assert_eq!(WEBHOOKS_PATH, "/kurum/webhooklar");
        assert_eq!(webhook_path("a/b"), "/kurum/webhooklar/a%2Fb");
    }
}
