use std::future::{ready, Ready};
use std::net::IpAddr;

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use ipnet::IpNet;

use crate::state::AppState;

/// The caller's address and user agent, recorded with each event of the timeline.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    pub fn of(req: &HttpRequest) -> ClientInfo {
        let trusted = req
            .app_data::<web::Data<AppState>>()
            .map(|state| state.config.trusted_proxies.as_slice())
            .unwrap_or_default();
        let forwarded_for: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .collect();
        let ip = client_address(
            req.peer_addr().map(|addr| addr.ip()),
            &forwarded_for,
            trusted,
        )
        .map(|ip| ip.to_canonical().to_string());
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(512).collect());
        ClientInfo { ip, user_agent }
    }
}

/// Who is calling: the peer, unless the peer is one of our trusted proxies
/// (`NES_TRUSTED_PROXIES`); then X-Forwarded-For is read from the right (each proxy appends
/// the address it saw), skipping our own proxies, and the first address they did not add
/// is the client. Anything left of it was written by the client and proves nothing.
/// An entry that is not an address stops the walk at the last hop we could vouch for.
pub fn client_address(
    peer: Option<IpAddr>,
    forwarded_for: &[&str],
    trusted: &[IpNet],
) -> Option<IpAddr> {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&ip.to_canonical()));
    let mut client = peer?;
    if !is_trusted(&client) {
        return Some(client);
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .rev();
    for hop in hops {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    Some(client)
}

impl FromRequest for ClientInfo {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(ClientInfo::of(req)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(
            client_address(ip("198.51.100.7"), &["203.0.113.9"], &[]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn an_untrusted_peer_cannot_name_another_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_address(ip("198.51.100.7"), &["203.0.113.9"], &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "127.0.0.1/32"]);
        // The client wrote "1.2.3.4" itself; the edge proxy saw 203.0.113.9.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &["1.2.3.4, 203.0.113.9", "10.1.2.3"],
                &trusted
            ),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn only_trusted_hops_leave_the_leftmost_and_garbage_stops_the_walk() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &["10.0.0.5, 10.0.0.6"], &trusted),
            ip("10.0.0.5")
        );
        assert_eq!(
            client_address(
                ip("10.0.0.1"),
                &["203.0.113.9, unknown, 10.0.0.6"],
                &trusted
            ),
            ip("10.0.0.6")
        );
        assert_eq!(
            client_address(ip("10.0.0.1"), &[], &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn an_ipv4_mapped_peer_matches_an_ipv4_network() {
        let trusted = nets(&["127.0.0.1/32"]);
        assert_eq!(
            client_address(ip("::ffff:127.0.0.1"), &["2001:db8::1"], &trusted),
            ip("2001:db8::1")
        );
    }
}
