use std::process::ExitCode;

use api::config::Config;
use api::startup::Application;

#[actix_web::main]
async fn main() -> ExitCode {
    api::memory::limit_arenas();
    api::telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            tracing::error!("configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("start-up failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("listening on http://{}", app.address());
    api::memory::spawn_keeper();
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("server stopped with an error: {e}");
            ExitCode::FAILURE
        }
    }
}
