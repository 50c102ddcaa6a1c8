//! A production server refuses to start on what only a development one may have.

use std::net::TcpListener;
use std::sync::Arc;

use api::clock::ManualClock;
use api::config::{Config, Environment};
use api::db::testing::fresh_database;
use api::startup::Application;

async fn start(url: &str, environment: Environment) -> Result<Application, String> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let dir = std::env::temp_dir().join(format!("nes-fail-closed-{}", uuid::Uuid::new_v4()));
    let vars = [
        ("DATABASE_URL", url.to_owned()),
        ("NES_DATA_DIR", dir.display().to_string()),
        ("NES_BIND", listener.local_addr().unwrap().to_string()),
    ];
    let mut config =
        Config::from_lookup(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()))
            .unwrap();
    // The rest of a production configuration has its own tests (config.rs); here only what
    // the database holds decides.
    config.environment = environment;
    config.edevlet.simulator = environment == Environment::Development;
    Application::build_on(listener, config, Arc::new(ManualClock::default()))
        .await
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn production_refuses_a_database_where_the_published_development_key_is_active() {
    let db = fresh_database();
    // A development start seeds the published key.
    drop(start(&db.url, Environment::Development).await.unwrap());
    let refused = start(&db.url, Environment::Production).await.err().unwrap();
    assert!(refused.contains("development API key"), "{refused}");

    {
        use api::db::schema::api_keys;
        use diesel::prelude::*;
        let mut conn = db.connection();
        diesel::update(api_keys::table)
            .set(api_keys::revoked_at.eq(api::db::to_db_time(chrono::Utc::now())))
            .execute(&mut conn)
            .unwrap();
    }
    assert!(start(&db.url, Environment::Production).await.is_ok());
}
