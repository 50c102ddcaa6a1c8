//! The headers every answer carries so that a browser treats the service strictly: a Content
//! Security Policy without `unsafe-inline` for the browser app, no framing, no MIME sniffing,
//! no referrer beyond the origin, no powerful features, HSTS on https, and no caching of API
//! answers (they carry the person's TC Kimlik No, form and draft).
//!
//! A handler that sets a header of its own (the simulator's pages their own policy) keeps it.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::web_app::WebApp;

/// The header values, worked out once at start.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    app_policy: HeaderValue,
    hsts: Option<HeaderValue>,
}

/// The Swagger UI styles its elements inline and draws icons as `data:` images.
const SWAGGER_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
    style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Features the service never uses. Passkeys (`publickey-credentials-*`) keep their default
/// (this origin only).
const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
    magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

impl SecurityHeaders {
    /// For the browser app (both bundles' `index.html` read once: the loaders scripts/build-web
    /// writes inline are allowed by their hashes, nothing else inline is), served at
    /// `public_url`.
    pub fn new(web_app: &WebApp, public_url: &str) -> SecurityHeaders {
        let indexes: Vec<String> = web_app
            .index_files()
            .iter()
            .filter_map(|index| std::fs::read_to_string(index).ok())
            .collect();
        let mut hashes: Vec<String> = indexes
            .iter()
            .flat_map(|index| inline_scripts(index))
            .map(|script| {
                let digest = Sha256::digest(script.as_bytes());
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let hashes = hashes.concat();
        // `data:` images: the TOTP enrolment QR code is an SVG drawn in an `<img>`, where it
        // cannot run script.
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        SecurityHeaders {
            app_policy: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
            hsts: public_url
                .starts_with("https://")
                .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        }
    }
}

/// The bodies of the `<script>` elements without a `src`, as the browser hashes them.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        after.split_once("</script>").map(|(body, _)| body)
    })
}

/// Middleware: adds the headers an answer does not set itself.
pub async fn add(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let headers = request.app_data::<web::Data<SecurityHeaders>>().cloned();
    let path = request.path().to_owned();
    let mut response = next.call(request).await?;
    let Some(config) = headers else {
        return Ok(response);
    };
    let set = response.headers_mut();
    let mut keep = |name: &'static str, value: HeaderValue| {
        let name = HeaderName::from_static(name);
        if !set.contains_key(&name) {
            set.insert(name, value);
        }
    };
    keep(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    keep("referrer-policy", HeaderValue::from_static("same-origin"));
    keep("x-frame-options", HeaderValue::from_static("DENY"));
    keep(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    let policy = if path.starts_with("/swagger-ui") {
        HeaderValue::from_static(SWAGGER_POLICY)
    } else {
        config.app_policy.clone()
    };
    keep("content-security-policy", policy);
    if let Some(hsts) = &config.hsts {
        keep("strict-transport-security", hsts.clone());
    }
    if path.starts_with("/api/") || path == "/api" {
        keep("cache-control", HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scripts_without_a_source_are_inline() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import init from '/web.js';
await init();</script><link rel="modulepreload" href="/web.js"></head>"#;
        let found: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(found, ["import init from '/web.js';\nawait init();"]);
    }

    #[test]
    fn the_app_policy_allows_the_loader_by_its_hash_and_nothing_inline() {
        let dir = std::env::temp_dir().join(format!("csp-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(dir.join("index.html"), "<script>x</script>").ok();
        std::fs::create_dir_all(dir.join("staff")).ok();
        std::fs::write(
            dir.join("staff/index.html"),
            "<script>y</script><script>x</script>",
        )
        .ok();
        let app = WebApp::new(&dir);
        let headers = SecurityHeaders::new(&app, "https://nes.example.gov.tr");
        std::fs::remove_dir_all(&dir).ok();
        let policy = headers.app_policy.to_str().unwrap_or_default().to_owned();
        // sha256("x") and sha256("y") in base64: each bundle's loader, once.
        let x = "'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='";
        assert_eq!(policy.matches(x).count(), 1, "{policy}");
        assert!(policy.contains("'sha256-ofzkNjhU/4iM/0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo='"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(headers.hsts.is_some());
        assert!(SecurityHeaders::new(&app, "http://127.0.0.1:8080")
            .hsts
            .is_none());
    }
}
