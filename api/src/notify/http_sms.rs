//! SMS through an HTTP gateway: `POST <url>` with `{"to": "+90…", "text": "…"}` and
//! `Authorization: Bearer <token>`; any 2xx means the gateway took the message.

use std::time::Duration;

use async_trait::async_trait;
use reqwest::StatusCode;
use serde::Serialize;

use super::transport::{DeliveredMessage, Transport, TransportError};

const GATEWAY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct HttpSmsTransport {
    client: reqwest::Client,
    url: reqwest::Url,
    token: String,
}

impl std::fmt::Debug for HttpSmsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpSmsTransport")
            .field("url", &self.url.as_str())
            .field("token", &"<redacted>")
            .finish()
    }
}

#[derive(Serialize)]
struct GatewayRequest<'a> {
    to: &'a str,
    text: &'a str,
}

impl HttpSmsTransport {
    pub fn new(url: &str, token: &str) -> Result<HttpSmsTransport, String> {
        let url = reqwest::Url::parse(url)
            .map_err(|e| format!("SMS_GATEWAY_URL is not a valid URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("SMS_GATEWAY_URL must be an http or https URL".into());
        }
        let client = reqwest::Client::builder()
            .timeout(GATEWAY_TIMEOUT)
            // A redirect would resend the code somewhere unexpected.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot build the SMS gateway client: {e}"))?;
        Ok(HttpSmsTransport {
            client,
            url,
            token: token.to_owned(),
        })
    }
}

#[async_trait]
impl Transport for HttpSmsTransport {
    async fn send(&self, message: &DeliveredMessage) -> Result<(), TransportError> {
        if !is_e164(&message.recipient) {
            return Err(TransportError::Permanent(
                "the recipient is not an E.164 phone number".into(),
            ));
        }
        let response = self
            .client
            .post(self.url.clone())
            .bearer_auth(&self.token)
            .json(&GatewayRequest {
                to: &message.recipient,
                text: &message.body,
            })
            .send()
            .await
            .map_err(|e| {
                let kind = if e.is_timeout() {
                    "timed out"
                } else if e.is_connect() {
                    "connection failed"
                } else {
                    "request failed"
                };
                TransportError::Transient(format!("SMS gateway {kind}"))
            })?;
        // The response body is not read into any error: a gateway may echo the text.
        classify(response.status())
    }
}

/// 2xx delivered; 408, 429 and 5xx worth retrying; other 4xx refuse this message for good.
fn classify(status: StatusCode) -> Result<(), TransportError> {
    if status.is_success() {
        Ok(())
    } else if status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || status.is_server_error()
    {
        Err(TransportError::Transient(format!(
            "SMS gateway answered {}",
            status.as_u16()
        )))
    } else if status.is_client_error() {
        Err(TransportError::Permanent(format!(
            "SMS gateway refused with {}",
            status.as_u16()
        )))
    } else {
        Err(TransportError::Transient(format!(
            "SMS gateway answered unexpected {}",
            status.as_u16()
        )))
    }
}

fn is_e164(phone: &str) -> bool {
    let digits = phone.strip_prefix('+').unwrap_or("");
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_statuses_are_classified() {
        assert!(classify(StatusCode::OK).is_ok());
        assert!(classify(StatusCode::ACCEPTED).is_ok());
        let permanent = |s: u16| {
            classify(StatusCode::from_u16(s).unwrap_or(StatusCode::IM_A_TEAPOT))
                .err()
                .is_some_and(|e| e.is_permanent())
        };
        assert!(permanent(400));
        assert!(permanent(401));
        assert!(permanent(422));
        assert!(!permanent(429));
        assert!(!permanent(408));
        assert!(!permanent(500));
        assert!(!permanent(503));
        assert!(!permanent(302));
    }

    #[test]
    fn only_e164_numbers_are_sent() {
        assert!(is_e164("+905321234567"));
        assert!(!is_e164("05321234567"));
        assert!(!is_e164("+90 532 123 45 67"));
    }

    #[test]
    fn a_gateway_url_must_be_http() {
        assert!(HttpSmsTransport::new("ftp://x", "t").is_err());
        assert!(HttpSmsTransport::new("not a url", "t").is_err());
        assert!(HttpSmsTransport::new("https://sms.example/send", "t").is_ok());
    }
}
