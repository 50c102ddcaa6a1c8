//! Unit enums known by stable snake_case names: the API's codes and states, the database's
//! columns. One list of the values (`ALL`), one name each (`as_str`), and from these the way
//! back (`parse`) and the reading of a JSON string (`deserialize_by_name!`).
//!
//! serde's derived `Deserialize` compiles a string match of its own for each enum (twice: for
//! text and for bytes), which the browser apps download with every enum they read; a lookup
//! in `ALL` is one small loop (docs/benchmarks.md, issue 13). Serialisation stays derived.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error, Unexpected, Visitor};
use serde::Deserializer;

pub trait Named: Copy + Sized + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    /// The stable name, as serialised.
    fn as_str(self) -> &'static str;

    /// The value of a name; `None` for a name this build does not know.
    fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.as_str() == name)
    }
}

/// `Deserialize` for a [`Named`] enum: its name, looked up.
pub fn deserialize<'de, D: Deserializer<'de>, N: Named>(deserializer: D) -> Result<N, D::Error> {
    deserializer.deserialize_str(NameVisitor(PhantomData))
}

/// `deserialize_by_name!(Type)`: `impl Deserialize for Type` with [`deserialize`].
#[macro_export]
macro_rules! deserialize_by_name {
    ($($named:ty),+ $(,)?) => {$(
        impl<'de> ::serde::Deserialize<'de> for $named {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::named::deserialize(deserializer)
            }
        }
    )+};
}

struct NameVisitor<N>(PhantomData<N>);

impl<N: Named> Visitor<'_> for NameVisitor<N> {
    type Value = N;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("one of")?;
        for (i, value) in N::ALL.iter().enumerate() {
            let separator = if i == 0 { " " } else { ", " };
            write!(formatter, "{separator}`{}`", value.as_str())?;
        }
        Ok(())
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<N, E> {
        N::parse(name).ok_or_else(|| E::invalid_value(Unexpected::Str(name), &self))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde::Serialize;

    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Light {
        Red,
        AmberFlashing,
    }

    impl Named for Light {
        const ALL: &'static [Light] = &[Light::Red, Light::AmberFlashing];
        fn as_str(self) -> &'static str {
            match self {
                Light::Red => "red",
                Light::AmberFlashing => "amber_flashing",
            }
        }
    }

    crate::deserialize_by_name!(Light);

    #[test]
    fn a_name_reads_back_as_its_value() {
        for &light in Light::ALL {
            let json = serde_json::to_string(&light).unwrap();
            assert_eq!(serde_json::from_str::<Light>(&json).unwrap(), light);
            assert_eq!(Light::parse(light.as_str()), Some(light));
        }
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_known_ones() {
        let error = serde_json::from_str::<Light>(r#""blue""#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("`red`, `amber_flashing`"), "{error}");
        assert!(error.contains("blue"), "{error}");
        assert_eq!(Light::parse("Red"), None);
        assert!(serde_json::from_str::<Light>("0").is_err());
    }
}

/// Each `ALL` holds every value: the OpenAPI schema, derived from the enum itself, names
/// them all too.
#[cfg(all(test, feature = "server"))]
#[allow(clippy::unwrap_used)]
mod complete {
    use serde_json::Value;
    use utoipa::PartialSchema;

    use super::Named;
    use crate::api::officer::ImportMode;
    use crate::api::payment_callbacks::PaymentCallbackOutcome;
    use crate::api::staff::StaffRoleKind;
    use crate::api::webhooks::WebhookEventType;
    use crate::problem::ErrorCode;
    use crate::workflow::{ApplicationState, ApprovalMethod, EventKind, NextAction, Payer};

    fn schema_names(schema: Value, names: &mut Vec<String>) {
        match schema {
            Value::Object(object) => {
                for (key, value) in object {
                    match (key.as_str(), value) {
                        ("enum", Value::Array(values)) => names.extend(
                            values
                                .into_iter()
                                .filter_map(|v| v.as_str().map(str::to_owned)),
                        ),
                        (_, value) => schema_names(value, names),
                    }
                }
            }
            Value::Array(values) => values.into_iter().for_each(|v| schema_names(v, names)),
            _ => {}
        }
    }

    fn assert_complete<N: Named + PartialSchema>() {
        let mut in_schema = Vec::new();
        schema_names(serde_json::to_value(N::schema()).unwrap(), &mut in_schema);
        let listed: Vec<String> = N::ALL.iter().map(|v| v.as_str().to_owned()).collect();
        assert_eq!(listed, in_schema, "{}", std::any::type_name::<N>());
    }

    #[test]
    fn every_value_is_listed_in_declaration_order() {
        assert_complete::<ErrorCode>();
        assert_complete::<ApplicationState>();
        assert_complete::<NextAction>();
        assert_complete::<ApprovalMethod>();
        assert_complete::<Payer>();
        assert_complete::<EventKind>();
        assert_complete::<PaymentCallbackOutcome>();
        assert_complete::<ImportMode>();
        assert_complete::<WebhookEventType>();
        assert_complete::<StaffRoleKind>();
    }
}
