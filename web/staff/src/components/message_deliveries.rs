//! The e-mails and SMS sent about an application and what became of each — on the officer's
//! and the operator's application pages.

use leptos::prelude::*;
use shared::api::messages::{DeliveryStatus, MessageChannel, MessageDelivery};

use crate::components::table::DataTable;
use crate::components::webhooks::status_text;
use crate::i18n::T;
use crate::state::tx;
use crate::texts::S;
use crate::time;

/// What a message was for, in words; an unknown purpose shows its code.
pub fn purpose_text(purpose: &str) -> Option<T> {
    Some(match purpose {
        "pre_application_created" | "pre_application_resent" => S::MessagePurposeInvitation,
        "sms_code" => S::MessagePurposeSmsCode,
        "deadline_reminder" => S::MessagePurposeReminder,
        "application_approved" => S::MessagePurposeApproved,
        "application_expired" | "application_cancelled" => S::MessagePurposeClosed,
        "payment_received" | "production_started" | "produced" | "shipped" | "delivered" => {
            S::MessagePurposeProgress
        }
        _ => return None,
    })
}

#[component]
pub fn MessageDeliveries(messages: Vec<MessageDelivery>) -> impl IntoView {
    if messages.is_empty() {
        return view! { <p>{tx(S::MessagesNone)}</p> }.into_any();
    }
    let rows = messages
        .into_iter()
        .map(|message| {
            let channel = match message.channel {
                MessageChannel::Email => T::Email,
                MessageChannel::Sms => S::MessageChannelSms,
            };
            let purpose = match purpose_text(&message.purpose) {
                Some(text) => view! { {tx(text)} }.into_any(),
                None => view! { <code>{message.purpose.clone()}</code> }.into_any(),
            };
            let tag = match message.status {
                DeliveryStatus::Delivered => "tag",
                DeliveryStatus::Pending => "tag tag-grey",
                DeliveryStatus::Failed => "tag tag-red",
            };
            view! {
                <tr>
                    <td>{time::date_time(message.queued_at)}</td>
                    <td>{tx(channel)}</td>
                    <td>{purpose}</td>
                    <td>{message.recipient.clone()}</td>
                    <td>
                        <strong class=tag>{tx(status_text(message.status))}</strong>
                    </td>
                    <td>{message.attempts}</td>
                    <td>
                        <span lang="en">{message.last_error.clone()}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            id="mesajlar-baslik"
            caption=S::MessagesHeading
            columns=vec![S::MessagesColQueued, S::MessagesColChannel, S::MessagesColPurpose, S::MessagesColRecipient, T::State, S::WebhookColAttempts, S::WebhookColLastError]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purposes_the_server_uses_have_words() {
        for purpose in [
            "pre_application_created",
            "sms_code",
            "deadline_reminder",
            "application_approved",
            "application_expired",
            "shipped",
        ] {
            assert!(purpose_text(purpose).is_some(), "{purpose}");
        }
        assert_eq!(purpose_text("something_new"), None);
    }
}
