//! Where webhooks may go. In production only `https` and only public addresses: a webhook
//! URL is chosen by an institution, and without this guard it would make the server call its
//! own loopback, the database next to it, or a cloud metadata service (SSRF).
//!
//! The address is checked where the connection is made — by the resolver reqwest uses, on
//! every address a name resolves to — so a name that resolved to a public address when it
//! was registered and to a private one later (DNS rebinding) is refused too. An IP literal
//! in the URL never reaches a resolver, so [`TargetPolicy::check`] checks it.

use std::net::{IpAddr, SocketAddr};

use ipnet::IpNet;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use shared::api::webhooks::{check_endpoint_settings, EndpointSettingsError};
use url::{Host, Url};

use crate::config::Environment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetPolicy {
    pub allow_plain_http: bool,
    pub allow_private_addresses: bool,
}

/// Why a URL may not be a webhook target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetRefusal {
    Settings(EndpointSettingsError),
    /// Loopback, private, link-local… (production).
    PrivateAddress,
}

impl TargetRefusal {
    /// The field error code (`FieldError.code` of `url`).
    pub fn code(self) -> &'static str {
        match self {
            TargetRefusal::Settings(error) => error.code(),
            TargetRefusal::PrivateAddress => "private_address",
        }
    }
}

impl TargetPolicy {
    /// `https` to public addresses only.
    pub const STRICT: TargetPolicy = TargetPolicy {
        allow_plain_http: false,
        allow_private_addresses: false,
    };
    /// Anything: a developer's receiver on localhost.
    pub const DEVELOPMENT: TargetPolicy = TargetPolicy {
        allow_plain_http: true,
        allow_private_addresses: true,
    };

    pub fn for_environment(environment: Environment) -> TargetPolicy {
        match environment {
            Environment::Production => Self::STRICT,
            Environment::Development => Self::DEVELOPMENT,
        }
    }

    /// The URL, if this policy lets webhooks go there: the shared syntax rules, then the
    /// host — an IP literal must be public, and names that only ever mean this machine or
    /// its network (`localhost`, `*.localhost`, `*.local`, `*.internal`) are refused.
    pub fn check(self, url: &str) -> Result<Url, TargetRefusal> {
        check_endpoint_settings(url, "", self.allow_plain_http).map_err(TargetRefusal::Settings)?;
        let parsed = Url::parse(url)
            .map_err(|_| TargetRefusal::Settings(EndpointSettingsError::UrlInvalid))?;
        if self.allow_private_addresses {
            return Ok(parsed);
        }
        let public = match parsed.host() {
            Some(Host::Ipv4(ip)) => is_public(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => is_public(IpAddr::V6(ip)),
            Some(Host::Domain(name)) => !is_local_name(name),
            None => false,
        };
        if public {
            Ok(parsed)
        } else {
            Err(TargetRefusal::PrivateAddress)
        }
    }
}

fn is_local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || [
            ".localhost",
            ".local",
            ".internal",
            ".localdomain",
            ".home.arpa",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Ranges no webhook may reach from production (RFC 6890's special-purpose registries, the
/// parts that are not globally reachable).
const NON_PUBLIC: &[&str] = &[
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "64:ff9b:1::/48",
    "100::/64",
    "2001::/23",
    "2001:db8::/32",
    "2002::/16",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
];

/// Whether an address is globally reachable. An IPv4 address mapped or compatible into IPv6
/// is judged as the IPv4 address it carries, as is NAT64's well-known prefix.
pub fn is_public(ip: IpAddr) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let segments = v6.segments();
                if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] || segments[..6] == [0; 6] {
                    let octets = v6.octets();
                    IpAddr::V4([octets[12], octets[13], octets[14], octets[15]].into())
                } else {
                    ip
                }
            }
        },
        IpAddr::V4(_) => ip,
    };
    !non_public().iter().any(|range| range.contains(&ip))
}

/// [`NON_PUBLIC`] parsed once (every resolution of every webhook asks).
fn non_public() -> &'static [IpNet] {
    static PARSED: std::sync::OnceLock<Vec<IpNet>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        NON_PUBLIC
            .iter()
            .filter_map(|range| range.parse::<IpNet>().ok())
            .collect()
    })
}

/// The system's resolver, keeping only public addresses; none left is a refusal.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublicAddressesOnly;

impl Resolve for PublicAddressesOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let resolved = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = resolved.filter(|addr| is_public(addr.ip())).collect();
            if public.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            let addrs: Addrs = Box::new(public.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_range_parses() {
        assert_eq!(non_public().len(), NON_PUBLIC.len());
    }

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.20.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "224.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "195.175.39.39",
            "8.8.8.8",
            "2a00:1450:4017::200e",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn the_strict_policy_refuses_plain_http_local_names_and_private_literals() {
        let strict = TargetPolicy::STRICT;
        assert!(strict.check("https://ik.kurum.gov.tr/hooks").is_ok());
        assert!(strict.check("https://8.8.8.8/hooks").is_ok());
        assert_eq!(
            strict.check("http://ik.kurum.gov.tr/hooks").unwrap_err(),
            TargetRefusal::Settings(EndpointSettingsError::UrlNotHttps)
        );
        for url in [
            "https://localhost/h",
            "https://api.localhost/h",
            "https://db.internal/h",
            "https://127.0.0.1/h",
            "https://[::1]:8443/h",
            "https://169.254.169.254/latest/meta-data",
            "https://10.0.0.5/h",
            "https://0x7f.1/h",
        ] {
            assert_eq!(
                strict.check(url).unwrap_err(),
                TargetRefusal::PrivateAddress,
                "{url}"
            );
        }
        assert!(TargetPolicy::DEVELOPMENT
            .check("http://127.0.0.1:9/h")
            .is_ok());
    }

    #[tokio::test]
    async fn the_resolver_refuses_a_name_that_resolves_to_loopback_only() {
        let name: Name = "localhost".parse().unwrap();
        assert!(PublicAddressesOnly.resolve(name).await.is_err());
    }
}
