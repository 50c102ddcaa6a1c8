//! The secret a payment provider signs its callbacks with (`PAYMENT_CALLBACK_SECRET`, and
//! `PAYMENT_CALLBACK_PREVIOUS_SECRET` while a rotation's grace period runs).

use crate::config::ConfigError;
use crate::standard_webhooks::Secret;

/// The published development secret: what a provider's sandbox or a test signs with when
/// nothing is configured. Refused in production.
pub const DEV_PAYMENT_CALLBACK_SECRET: &str =
    "whsec_bmVzLWRldmVsb3BtZW50LXBheW1lbnQtY2FsbGJhY2tzLXNlY3JldA==";

/// The secrets a callback may be signed with. `Debug` shows neither.
#[derive(Debug, Clone)]
pub struct CallbackSecrets {
    current: Secret,
    previous: Option<Secret>,
}

impl CallbackSecrets {
    /// Like the e-İmza trust roots, an optional feature: unset in production means the
    /// endpoint answers `503 payment_callbacks_unavailable` (the rest of the service runs);
    /// a secret that is set but malformed, or the published development one, stops the
    /// start — a provider would be refused at every callback, or anyone could sign.
    pub fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
        production: bool,
    ) -> Result<Option<CallbackSecrets>, ConfigError> {
        let dev = Secret::parse(DEV_PAYMENT_CALLBACK_SECRET).ok();
        let read = |name: &'static str| -> Result<Option<Secret>, ConfigError> {
            let Some(text) = get(name) else {
                return Ok(None);
            };
            let secret = Secret::parse(&text).map_err(|e| ConfigError::Invalid {
                name,
                reason: e.to_string(),
            })?;
            if production && Some(&secret) == dev.as_ref() {
                return Err(ConfigError::Invalid {
                    name,
                    reason: "the published development secret cannot be used in production".into(),
                });
            }
            Ok(Some(secret))
        };
        let current = read("PAYMENT_CALLBACK_SECRET")?;
        let previous = read("PAYMENT_CALLBACK_PREVIOUS_SECRET")?;
        let current = match (current, production) {
            (Some(secret), _) => secret,
            (None, true) if previous.is_some() => {
                return Err(ConfigError::Invalid {
                    name: "PAYMENT_CALLBACK_SECRET",
                    reason: "a previous secret without a current one".into(),
                })
            }
            (None, true) => return Ok(None),
            (None, false) => match dev {
                Some(dev) => dev,
                None => return Ok(None),
            },
        };
        Ok(Some(CallbackSecrets { current, previous }))
    }

    /// Every secret a callback may be signed with now.
    pub fn all(&self) -> Vec<&Secret> {
        std::iter::once(&self.current)
            .chain(self.previous.as_ref())
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn secrets(
        vars: &[(&str, &str)],
        production: bool,
    ) -> Result<Option<CallbackSecrets>, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        CallbackSecrets::from_lookup(&|k: &str| map.get(k).cloned(), production)
    }

    #[test]
    fn development_signs_with_the_published_secret_and_production_needs_its_own() {
        let dev = secrets(&[], false).unwrap().unwrap();
        assert_eq!(dev.all().len(), 1);
        assert!(
            secrets(&[], true).unwrap().is_none(),
            "unavailable, not refused"
        );
        let refused = secrets(
            &[("PAYMENT_CALLBACK_SECRET", DEV_PAYMENT_CALLBACK_SECRET)],
            true,
        );
        assert!(refused.is_err());
    }

    #[test]
    fn a_malformed_or_short_secret_stops_the_start() {
        for bad in ["not base64 at all!", "whsec_c2hvcnQ="] {
            assert!(secrets(&[("PAYMENT_CALLBACK_SECRET", bad)], true).is_err());
            assert!(secrets(&[("PAYMENT_CALLBACK_SECRET", bad)], false).is_err());
        }
    }

    #[test]
    fn a_rotated_secret_is_accepted_beside_the_new_one() {
        let (new, old) = (Secret::generate().expose(), Secret::generate().expose());
        let both = secrets(
            &[
                ("PAYMENT_CALLBACK_SECRET", &new),
                ("PAYMENT_CALLBACK_PREVIOUS_SECRET", &old),
            ],
            true,
        )
        .unwrap()
        .unwrap();
        assert_eq!(both.all().len(), 2);
        assert!(secrets(&[("PAYMENT_CALLBACK_PREVIOUS_SECRET", &old)], true).is_err());
    }
}
