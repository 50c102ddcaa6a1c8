//! Who we are to authenticators: the relying party id (a domain) and the origin browsers
//! report, both derived from `NES_PUBLIC_URL` unless set on their own.
//!
//! - `NES_PASSKEY_RP_ID`: the relying party id. Default: the host of `NES_PUBLIC_URL`.
//! - `NES_PASSKEY_ORIGIN`: the origin the browser pages run on. Default: `NES_PUBLIC_URL`.
//!
//! Browsers allow WebAuthn only on a domain, so a loopback address in the public URL
//! (`http://127.0.0.1:8080`, the development default) becomes `localhost` with the same port:
//! open the site at `http://localhost:PORT` to use passkeys there. Any other bare IP address
//! leaves passkeys switched off (their endpoints answer 503) unless the variables are set.

use std::net::IpAddr;
use std::time::Duration as StdDuration;

use url::Url;
use webauthn_rs::{Webauthn, WebauthnBuilder};

use crate::config::ConfigError;
use crate::error::ApiError;

/// The name authenticators may show next to the credential.
const RP_NAME: &str = "Kamu SM NES Başvuru";

/// How long the browser lets the person answer the authenticator; the ceremony row lives
/// as long (`ceremony::LIFETIME`).
pub const AUTHENTICATOR_TIMEOUT: StdDuration = StdDuration::from_secs(300);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelyingParty {
    pub rp_id: String,
    pub origin: Url,
}

impl RelyingParty {
    /// Reads the two variables (see the module's comment). `Ok(None)`: passkeys are off.
    pub fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
        public_url: &str,
    ) -> Result<Option<RelyingParty>, ConfigError> {
        let explicit_origin = get("NES_PASSKEY_ORIGIN");
        let explicit_rp_id = get("NES_PASSKEY_RP_ID");
        let (origin_name, raw_origin) = match &explicit_origin {
            Some(origin) => ("NES_PASSKEY_ORIGIN", origin.trim().to_owned()),
            None => ("NES_PUBLIC_URL", public_url.to_owned()),
        };
        let mut origin = Url::parse(&raw_origin).map_err(|e| ConfigError::Invalid {
            name: origin_name,
            reason: format!("`{raw_origin}`: {e}"),
        })?;
        if explicit_origin.is_none() && is_loopback_ip(&origin) {
            origin
                .set_host(Some("localhost"))
                .map_err(|e| ConfigError::Invalid {
                    name: origin_name,
                    reason: e.to_string(),
                })?;
        }
        // An origin is scheme, host and port: no path.
        origin.set_path("");
        origin.set_query(None);
        origin.set_fragment(None);

        let rp_id = match explicit_rp_id {
            Some(id) => id.trim().to_ascii_lowercase(),
            None => match origin.domain() {
                Some(domain) => domain.to_ascii_lowercase(),
                // A bare IP address and nothing set: no passkeys, but the service runs.
                None if explicit_origin.is_none() => return Ok(None),
                None => {
                    return Err(ConfigError::Invalid {
                        name: "NES_PASSKEY_ORIGIN",
                        reason: "browsers allow passkeys only on a domain name".into(),
                    })
                }
            },
        };
        let relying_party = RelyingParty { rp_id, origin };
        relying_party.webauthn().map_err(|_| ConfigError::Invalid {
            name: "NES_PASSKEY_RP_ID",
            reason: format!(
                "`{}` must be the host of `{}` or a domain above it",
                relying_party.rp_id, relying_party.origin
            ),
        })?;
        Ok(Some(relying_party))
    }

    /// The webauthn-rs instance for one ceremony (cheap: it holds a few strings).
    pub fn webauthn(&self) -> Result<Webauthn, webauthn_rs::prelude::WebauthnError> {
        WebauthnBuilder::new(&self.rp_id, &self.origin)?
            .rp_name(RP_NAME)
            .timeout(AUTHENTICATOR_TIMEOUT)
            .build()
    }
}

fn is_loopback_ip(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        _ => false,
    }
}

/// The relying party of this server, or 503 when passkeys are switched off.
pub fn webauthn_of(config: &crate::config::Config) -> Result<Webauthn, ApiError> {
    let rp = config
        .passkeys
        .as_ref()
        .ok_or_else(|| ApiError::Unavailable("passkeys are not configured".into()))?;
    rp.webauthn()
        .map_err(|e| ApiError::Internal(format!("passkey relying party: {e}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn rp(public_url: &str, vars: &[(&str, &str)]) -> Result<Option<RelyingParty>, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        RelyingParty::from_lookup(&|k: &str| map.get(k).cloned(), public_url)
    }

    #[test]
    fn the_public_url_names_the_relying_party() {
        let rp = rp("https://nes.kamusm.gov.tr", &[]).unwrap().unwrap();
        assert_eq!(rp.rp_id, "nes.kamusm.gov.tr");
        assert_eq!(rp.origin.as_str(), "https://nes.kamusm.gov.tr/");
    }

    #[test]
    fn a_loopback_address_becomes_localhost_with_its_port() {
        let rp = rp("http://127.0.0.1:8080", &[]).unwrap().unwrap();
        assert_eq!(rp.rp_id, "localhost");
        assert_eq!(rp.origin.as_str(), "http://localhost:8080/");
    }

    #[test]
    fn another_bare_address_switches_passkeys_off() {
        assert_eq!(rp("http://10.1.2.3:8080", &[]).unwrap(), None);
    }

    #[test]
    fn the_relying_party_may_be_a_domain_above_the_origin() {
        let rp = rp(
            "https://nes.kamusm.gov.tr",
            &[("NES_PASSKEY_RP_ID", "kamusm.gov.tr")],
        )
        .unwrap()
        .unwrap();
        assert_eq!(rp.rp_id, "kamusm.gov.tr");
    }

    #[test]
    fn a_relying_party_that_does_not_cover_the_origin_is_refused() {
        let err = rp(
            "https://nes.kamusm.gov.tr",
            &[("NES_PASSKEY_RP_ID", "example.com")],
        )
        .unwrap_err();
        assert!(matches!(
            err,
            ConfigError::Invalid {
                name: "NES_PASSKEY_RP_ID",
                ..
            }
        ));
    }
}
