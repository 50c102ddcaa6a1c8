//! The ceiling every throughput of the benchmark is compared with: a bare actix-web handler
//! answering a small JSON body, on the same machine, with actix's default workers, driven by
//! the same client in the same run.
//!
//!     bench-ceiling 127.0.0.1:9099

use actix_web::{get, App, HttpResponse, HttpServer};

#[get("/ceiling")]
async fn ceiling() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:9099".to_owned());
    HttpServer::new(|| App::new().service(ceiling))
        .bind(address)?
        .run()
        .await
}
