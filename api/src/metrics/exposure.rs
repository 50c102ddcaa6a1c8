//! Where `/metrics` is served. The numbers reveal traffic and backlog, not personal data, but
//! they are for operators: in production the public listener serves them only when asked to
//! (`NES_METRICS_PUBLIC=true`); `NES_METRICS_BIND` gives them a listener of their own, e.g. on
//! loopback or an internal interface that only Prometheus reaches.

use std::net::SocketAddr;

use crate::config::{parse_bool, ConfigError, Environment};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricsExposure {
    /// `/metrics` on the main listener, beside the API.
    pub on_main_listener: bool,
    /// A second listener that serves `/metrics` and nothing else.
    pub own_listener: Option<SocketAddr>,
}

impl MetricsExposure {
    /// `NES_METRICS_PUBLIC` (default: `true` in development, `false` in production) and
    /// `NES_METRICS_BIND` (default: none). `main_bind` is `NES_BIND`, which the metrics
    /// listener cannot share.
    pub fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
        environment: Environment,
        main_bind: SocketAddr,
    ) -> Result<MetricsExposure, ConfigError> {
        let on_main_listener = parse_bool(
            get,
            "NES_METRICS_PUBLIC",
            environment == Environment::Development,
        )?;
        let own_listener = match get("NES_METRICS_BIND") {
            None => None,
            Some(raw) => {
                let address: SocketAddr = raw.trim().parse().map_err(|e| ConfigError::Invalid {
                    name: "NES_METRICS_BIND",
                    reason: format!("`{raw}`: {e} (an address such as 127.0.0.1:9464)"),
                })?;
                if address == main_bind && address.port() != 0 {
                    return Err(ConfigError::Invalid {
                        name: "NES_METRICS_BIND",
                        reason: format!("`{raw}` is NES_BIND already: use another port"),
                    });
                }
                Some(address)
            }
        };
        Ok(MetricsExposure {
            on_main_listener,
            own_listener,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const MAIN: &str = "0.0.0.0:8080";

    fn exposure(
        environment: Environment,
        vars: &[(&str, &str)],
    ) -> Result<MetricsExposure, ConfigError> {
        let get = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        };
        MetricsExposure::from_lookup(&get, environment, MAIN.parse().unwrap())
    }

    #[test]
    fn development_serves_metrics_on_the_main_listener() {
        let e = exposure(Environment::Development, &[]).unwrap();
        assert!(e.on_main_listener);
        assert_eq!(e.own_listener, None);
    }

    #[test]
    fn production_keeps_metrics_off_the_public_listener_unless_told() {
        let e = exposure(Environment::Production, &[]).unwrap();
        assert!(!e.on_main_listener);
        assert_eq!(e.own_listener, None);
        let public = exposure(Environment::Production, &[("NES_METRICS_PUBLIC", "true")]);
        assert!(public.unwrap().on_main_listener);
    }

    #[test]
    fn a_metrics_address_gets_a_listener_of_its_own() {
        let e = exposure(
            Environment::Production,
            &[("NES_METRICS_BIND", "127.0.0.1:9464")],
        )
        .unwrap();
        assert!(!e.on_main_listener);
        assert_eq!(e.own_listener, Some("127.0.0.1:9464".parse().unwrap()));
    }

    #[test]
    fn nonsense_values_are_refused_with_the_variable_named() {
        for vars in [
            [("NES_METRICS_BIND", "localhost")],
            [("NES_METRICS_BIND", "9464")],
            [("NES_METRICS_BIND", MAIN)],
            [("NES_METRICS_PUBLIC", "perhaps")],
        ] {
            let err = exposure(Environment::Production, &vars).unwrap_err();
            let ConfigError::Invalid { name, .. } = err else {
                panic!("{vars:?}: {err}");
            };
            assert_eq!(name, vars[0].0);
        }
    }
}
