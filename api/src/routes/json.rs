//! A JSON answer. actix-web's `web::Json` writes its body into a 128-byte buffer grown (and
//! copied) as it fills, five times for an application's page; this one starts with room for
//! such a page, so the body is written once. The body and its `Content-Type` are the same.

use actix_web::http::header::ContentType;
use actix_web::{HttpRequest, HttpResponse, Responder, ResponseError};
use serde::Serialize;

use crate::error::ApiError;

/// Room for the largest everyday answer, an application's page (about 2.5 KiB).
const STARTING_ROOM: usize = 4096;

/// `T` answered as JSON with `200 OK`.
pub struct Json<T>(pub T);

impl<T: Serialize> Responder for Json<T> {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let mut body = Vec::with_capacity(STARTING_ROOM);
        match serde_json::to_writer(&mut body, &self.0) {
            Ok(()) => HttpResponse::Ok()
                .content_type(ContentType::json())
                .body(body),
            Err(e) => ApiError::Internal(format!("the answer as JSON: {e}")).error_response(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use actix_web::body::MessageBody;
    use actix_web::http::{header, StatusCode};
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn the_body_and_its_type_are_serde_jsons_and_larger_bodies_come_whole() {
        let request = TestRequest::default().to_http_request();
        for value in [
            serde_json::json!({"ad": "Ayşe", "not": "tırnak \" ve \\ ters bölü"}),
            serde_json::json!({"uzun": "ş".repeat(3 * STARTING_ROOM)}),
        ] {
            let response = Json(&value).respond_to(&request);
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(
                response.headers().get(header::CONTENT_TYPE).unwrap(),
                "application/json"
            );
            let body = response.into_body().try_into_bytes().unwrap();
            assert_eq!(body, serde_json::to_vec(&value).unwrap());
        }
    }
}
