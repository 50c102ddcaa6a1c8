//! Builds the server: database, outbox worker, routes, OpenAPI, and graceful shutdown.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, OnceLock};

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config as SwaggerConfig, SwaggerUi};

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::error::{malformed_request, unreadable_json};
use crate::jobs::{self, Claim, InstanceName};
use crate::metrics::Metrics;
use crate::notify::{self, WorkerHandle};
use crate::openapi::{ApiDoc, PublishedDocument, DOCUMENT_PATH};
use crate::routes;
use crate::security_headers::SecurityHeaders;
use crate::state::AppState;
use crate::web_app::WebApp;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Database(#[from] crate::db::DbSetupError),
    #[error("e-İmza trust anchors: {0}")]
    SignatureTrust(String),
    #[error("evidence signing key (NES_EVIDENCE_SIGNING_KEY): {0}")]
    EvidenceKey(#[from] crate::evidence::signing::KeyError),
    #[error("notification transport: {0}")]
    Transport(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub struct Application {
    address: SocketAddr,
    server: Server,
    metrics_server: Option<crate::metrics::server::MetricsServer>,
    worker: WorkerHandle,
    expiry_sweeper: tokio::task::JoinHandle<()>,
    /// Keeps the session copy's listener running while the application lives.
    _session_listener: Option<crate::auth::session_cache::listener::ListenerHandle>,
}

impl Application {
    pub async fn build(config: Config) -> Result<Application, StartupError> {
        let listener = TcpListener::bind(config.bind).map_err(|source| StartupError::Bind {
            address: config.bind,
            source,
        })?;
        Application::build_on(listener, config, Arc::new(SystemClock)).await
    }

    /// Builds on a listener the caller already bound (tests bind port 0 first so that the
    /// configuration can name the real address).
    pub async fn build_on(
        listener: TcpListener,
        config: Config,
        clock: Arc<dyn Clock>,
    ) -> Result<Application, StartupError> {
        let address = listener.local_addr()?;
        let url = config.database_url.clone();
        let settings = crate::db::PoolSettings {
            max_connections: config.database_max_connections,
            checkout_timeout: config.database_pool_timeout,
            lock_timeout: config.database_lock_timeout,
            statement_cache: config.database_statement_cache,
        };
        let metrics = Arc::new(Metrics::new());
        let opened = metrics.clone();
        let database =
            tokio::task::spawn_blocking(move || crate::db::Database::open(&url, settings, opened))
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))??;

        let transports = notify::transports_from_config(&config, &database, clock.clone())
            .map_err(StartupError::Transport)?;
        let outbox_bell = Arc::new(notify::OutboxBell::default());
        let worker = notify::spawn_worker(
            database.clone(),
            transports,
            clock.clone(),
            config.secrets.clone(),
            outbox_bell.clone(),
            metrics.clone(),
        );

        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let mut esign = config.esign.clone();
        if let Some(dir) = config.dev_pki_dir.clone() {
            // Before the trust is loaded from it: e-İmza works on a newcomer's first start.
            let made = dir.clone();
            tokio::task::spawn_blocking(move || crate::dev_pki::ensure(&made))
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            // The configuration looked before the files were there.
            for (paths, file) in [
                (&mut esign.trusted_roots, "root.pem"),
                (&mut esign.crls, "crl.pem"),
            ] {
                if paths.is_empty() && dir.join(file).exists() {
                    paths.push(dir.join(file));
                }
            }
        }
        let signature_trust = crate::signature_trust::SignatureTrust::load(esign, http.clone())
            .await
            .map_err(StartupError::SignatureTrust)?
            .map(Arc::new);
        if let Some(trust) = &signature_trust {
            crate::signature_trust::spawn_refresher(trust.clone());
        } else {
            tracing::warn!(
                "no trusted roots for e-İmza (ESIGN_TRUSTED_ROOTS): approval with e-İmza is \
                 unavailable; `cargo run -p api --bin dev-pki` makes a development PKI"
            );
        }
        // A key named but unusable stops the start: packages signed by no key are no evidence.
        let evidence_key = config.evidence_signing_key.load_or_create()?.map(Arc::new);
        if evidence_key.is_none() {
            tracing::warn!(
                "no evidence signing key (NES_EVIDENCE_SIGNING_KEY): evidence packages are \
                 unavailable"
            );
        }
        let sessions = Arc::new(crate::auth::session_cache::SessionCache::default());
        let session_listener = session_listener(&config, &sessions, &clock)?;
        let state = AppState {
            sessions,
            evidence_key,
            metrics,
            signature_trust,
            database,
            config: Arc::new(config),
            clock,
            outbox_bell,
            http,
        };
        if state.config.environment == crate::config::Environment::Production {
            // A database that was once a development one still holds the published key.
            let published = state
                .db(crate::auth::integrator::development_key_is_active)
                .await
                .map_err(|e| std::io::Error::other(format!("development API key: {e}")))?;
            if published {
                return Err(std::io::Error::other(
                    "the published development API key is active in this database: revoke it \
                     (nes-admin, or the operator's screens) before starting in production",
                )
                .into());
            }
        }
        if state.config.edevlet.simulator {
            let now = state.now();
            state
                .db(move |conn| crate::auth::integrator::ensure_development_key(conn, now))
                .await
                .map_err(|e| std::io::Error::other(format!("development API key: {e}")))?;
        }
        let metrics_server = crate::metrics::server::MetricsServer::start(&state)?;
        let expiry_sweeper = tokio::spawn(sweep_expired_applications(
            state.clone(),
            InstanceName::of_this_process(),
        ));
        // The first worker to build its routes publishes the OpenAPI document for all of them.
        let document = Arc::new(OnceLock::new());
        let server = HttpServer::new(move || app(state.clone(), &document))
            .listen(listener)?
            .shutdown_timeout(10)
            .run();
        Ok(Application {
            address,
            server,
            metrics_server,
            worker,
            expiry_sweeper,
            _session_listener: session_listener,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until SIGINT/SIGTERM (actix stops accepting, finishes requests in flight),
    /// then lets the outbox worker finish the message it is sending.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let metrics_server = self.metrics_server.map(|s| s.run());
        let result = self.server.await;
        if let Some(metrics_server) = metrics_server {
            metrics_server.stop().await;
        }
        self.expiry_sweeper.abort();
        self.worker.shutdown().await;
        result
    }
}

/// The session copy's listener, on PostgreSQL only (`DATABASE_LISTEN_URL`, or the database
/// URL): behind a pooler in transaction mode (`DATABASE_STATEMENT_CACHE=false`) a `LISTEN`
/// does not outlive its transaction, so without a URL of its own the copy stays off there
/// and every `GET /api/session` reads the database.
fn session_listener(
    config: &Config,
    sessions: &Arc<crate::auth::session_cache::SessionCache>,
    clock: &Arc<dyn Clock>,
) -> std::io::Result<Option<crate::auth::session_cache::listener::ListenerHandle>> {
    if crate::db::Backend::of(&config.database_url) != crate::db::Backend::Postgres {
        return Ok(None);
    }
    let url = match &config.database_listen_url {
        Some(url) => url.clone(),
        None if config.database_statement_cache => config.database_url.clone(),
        None => return Ok(None),
    };
    crate::auth::session_cache::listener::spawn(url, sessions.clone(), clock.clone()).map(Some)
}

/// Marks pre-applications past their deadline expired, once a minute across all instances,
/// sends the deadline reminders every five minutes, and purges what is left to purge every ten minutes (`purge::run`): every instance asks,
/// the one that claims the run does it.
async fn sweep_expired_applications(state: AppState, instance: InstanceName) {
    let mut ticks = tokio::time::interval(jobs::ASK_EVERY);
    loop {
        ticks.tick().await;
        let now = state.now();
        let (reminder, config) = (instance.clone(), state.config.clone());
        let (instance, purger) = (instance.clone(), instance.clone());
        let swept = state
            .db(
                move |conn| match jobs::claim_run(conn, &jobs::EXPIRE_OVERDUE, &instance, now)? {
                    Claim::Won => {
                        crate::applications::back_office::expire_overdue(conn, now).map(Some)
                    }
                    Claim::NotDue => Ok(None),
                },
            )
            .await;
        match swept {
            Ok(None | Some(0)) => {}
            Ok(Some(n)) => tracing::info!(expired = n, "applications past their deadline expired"),
            Err(e) => tracing::error!(error = %e, "expiry sweep failed"),
        }
        let reminded = state
            .write(
                move |conn| match jobs::claim_run(conn, &jobs::REMINDERS, &reminder, now)? {
                    Claim::Won => {
                        crate::applications::reminders::send_due(conn, now, &config).map(Some)
                    }
                    Claim::NotDue => Ok(None),
                },
            )
            .await;
        match reminded {
            Ok(None | Some(0)) => {}
            Ok(Some(n)) => tracing::info!(reminded = n, "deadline reminders sent"),
            Err(e) => tracing::error!(error = %e, "reminders failed"),
        }
        let idle = state.config.session_idle;
        let purged = state
            .write(
                move |conn| match jobs::claim_run(conn, &jobs::PURGE, &purger, now)? {
                    Claim::Won => crate::purge::run(conn, now, idle).map(Some),
                    Claim::NotDue => Ok(None),
                },
            )
            .await;
        match purged {
            Ok(Some(purged)) if purged.total() > 0 => tracing::info!(?purged, "purged"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "purge failed"),
        }
    }
}

/// GET and HEAD: what the file services answer. Other methods pass them by and meet the
/// default service (`405` with `Allow`, or `404`), not actix-files' bare `405`.
fn reads() -> impl actix_web::guard::Guard {
    actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head())
}

fn app(
    state: AppState,
    published: &OnceLock<PublishedDocument>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let simulator = state.config.edevlet.simulator;
    let web_app = WebApp::new(&state.config.static_dir);
    let downloads_dir = state.config.downloads_dir.clone();
    let metrics_exposure = state.config.metrics;
    let (app, api_doc) = App::new()
        // Innermost: sees the route that answered, times the handler alone.
        .wrap(from_fn(crate::metrics::http::record))
        .wrap(from_fn(crate::security_headers::add))
        .wrap(TracingLogger::<crate::telemetry::RedactedRootSpan>::new())
        .app_data(web::Data::new(SecurityHeaders::new(
            &web_app,
            &state.config.public_url,
        )))
        .app_data(web::Data::new(web_app))
        .app_data(web::Data::new(state))
        .app_data(
            web::JsonConfig::default()
                .limit(2 * 1024 * 1024)
                .error_handler(unreadable_json),
        )
        .app_data(web::PathConfig::default().error_handler(malformed_request))
        .app_data(web::QueryConfig::default().error_handler(malformed_request))
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        .configure(|cfg| routes::metrics::configure(cfg, metrics_exposure))
        .service(
            utoipa_actix_web::scope("/api")
                .configure(routes::configure)
                .default_service(web::to(routes::fallback::api_route_not_found)),
        )
        .split_for_parts();
    let published = published.get_or_init(|| PublishedDocument::of(api_doc));
    let app = app
        .app_data(web::Data::new(published.known_routes.clone()))
        .app_data(web::Data::new(published.operation_ids.clone()))
        .service(published.service())
        .service(SwaggerUi::new("/swagger-ui/{_:.*}").config(SwaggerConfig::new([DOCUMENT_PATH])))
        .configure(|cfg| {
            if simulator {
                cfg.service(
                    web::scope("/edevlet-sim").configure(crate::edevlet::simulator::configure),
                );
            }
        });
    // Builds of the signing application, offered on the "Doğrulama Kodu" page.
    let app = if downloads_dir.is_dir() {
        app.service(
            actix_files::Files::new("/downloads", downloads_dir)
                .use_etag(true)
                .guard(reads()),
        )
    } else {
        app
    };
    // The browser app (its files, and index.html for its pages) is the default service:
    // `routes::fallback::spa` and `web_app`.
    app.default_service(web::to(routes::fallback::spa))
}
