//! `JsonObject<T>`: the JSON body of an operation whose document says "an object". serde reads
//! a struct from a JSON array too (field by field, in order), so `web::Json<T>` would accept
//! `["user", "password"]` for `{"username": …, "password": …}`; this extractor first reads an
//! object (anything else is `400 malformed_request`, a body over the limit `413`, through the
//! app's `JsonConfig`), then the type from it.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::ApiError;

#[derive(Debug)]
pub struct JsonObject<T>(pub T);

impl<T> JsonObject<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for JsonObject<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for JsonObject<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let object = web::Json::<Map<String, Value>>::from_request(req, payload);
        Box::pin(async move {
            let web::Json(object) = object.await?;
            serde_json::from_value(Value::Object(object))
                .map(JsonObject)
                .map_err(|e| ApiError::Malformed(format!("Json deserialize error: {e}")).into())
        })
    }
}

/// The same rule for a body read raw (its bytes were needed first, e.g. to check a
/// signature over them): an object, then the type from it; anything else `400`.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let object: Map<String, Value> = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::Malformed(format!("Json deserialize error: {e}")))?;
    serde_json::from_value(Value::Object(object))
        .map_err(|e| ApiError::Malformed(format!("Json deserialize error: {e}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use actix_web::test::TestRequest;
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Login {
        username: String,
        password: String,
    }

    async fn extract(body: &'static str) -> Result<JsonObject<Login>, actix_web::Error> {
        let (req, mut payload) = TestRequest::post()
            .insert_header(("content-type", "application/json"))
            .set_payload(body)
            .to_http_parts();
        JsonObject::<Login>::from_request(&req, &mut payload).await
    }

    #[actix_web::test]
    async fn an_object_is_read_into_the_type() {
        let login = extract(r#"{"username": "a", "password": "b"}"#)
            .await
            .unwrap();
        assert_eq!(login.username, "a");
        assert_eq!(login.password, "b");
    }

    #[actix_web::test]
    async fn an_array_of_the_fields_in_order_is_refused() {
        assert!(extract(r#"["a", "b"]"#).await.is_err());
    }

    #[actix_web::test]
    async fn an_object_of_another_shape_is_refused() {
        let error = extract(r#"{"username": "a"}"#).await.unwrap_err();
        assert_eq!(error.as_response_error().status_code(), 400);
    }
}
