//! Configuration from environment variables. Every variable, its default and its meaning is
//! listed in README.md ("Configuration"); `Config::from_lookup` lets tests pass their own.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::Duration;

use crate::secrets::Secrets;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone)]
pub enum EmailTransportConfig {
    /// Writes each message to the data directory's `mailbox/` and logs that it did.
    Log,
    Smtp {
        host: String,
        port: u16,
        tls: SmtpTls,
        username: Option<String>,
        password: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    None,
    StartTls,
    Tls,
}

#[derive(Debug, Clone)]
pub enum SmsTransportConfig {
    Log,
    /// POST `{"to": "+90…", "text": "…"}` with `Authorization: Bearer <token>`.
    Http {
        url: String,
        token: String,
    },
}

/// The e-Devlet OAuth2 authorization server.
#[derive(Clone)]
pub struct EdevletConfig {
    /// Serve the built-in gateway simulator under `/edevlet-sim`.
    pub simulator: bool,
    /// Whom the simulator knows: its five test citizens, and generated ones for load tests.
    pub citizens: crate::edevlet::simulator::citizens::Citizens,
    pub authorize_url: String,
    pub token_url: String,
    pub userinfo_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub scope: String,
}

impl std::fmt::Debug for EdevletConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EdevletConfig")
            .field("simulator", &self.simulator)
            .field("citizens", &self.citizens)
            .field("authorize_url", &self.authorize_url)
            .field("token_url", &self.token_url)
            .field("userinfo_url", &self.userinfo_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("scope", &self.scope)
            .finish()
    }
}

/// Certificate prices in kuruş, VAT included, per term in years (1, 2, 3).
#[derive(Debug, Clone, Copy)]
pub struct Tariff {
    pub kurus_by_years: [u64; 3],
}

/// Kamu SM's bank account the person transfers the fee to, and what they write on the
/// transfer: shown on the result page, in the approval e-mail and in the applications list.
#[derive(Debug, Clone)]
pub struct PaymentAccount {
    pub iban: shared::Iban,
    pub bank: String,
    pub account_holder: String,
    pub description: crate::applications::payment::DescriptionTemplate,
}

/// The development server's account: a checksum-valid example IBAN, named as an example.
const DEV_PAYMENT_IBAN: &str = "TR330006100519786457841326";

/// Where the e-İmza verification finds its trust anchors.
#[derive(Debug, Clone)]
pub struct ESignConfig {
    /// Trusted root certificates (PEM or DER files). Empty: e-İmza approval is unavailable.
    pub trusted_roots: Vec<PathBuf>,
    /// Certificate revocation lists (PEM or DER files).
    pub crls: Vec<PathBuf>,
    /// Where the CA publishes its CRLs (its CRL distribution points): fetched at start and at
    /// every refresh, added to the files.
    pub crl_urls: Vec<reqwest::Url>,
    /// How often the roots and CRLs are read (and fetched) again.
    pub crl_refresh: Duration,
    /// How far the signer's signingTime may be from the server clock.
    pub signing_time_tolerance: Duration,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub environment: Environment,
    pub bind: SocketAddr,
    /// Where people reach the service, e.g. `https://nes.example.gov.tr` (links in e-mails,
    /// the OAuth2 redirect URI, and whether cookies are `Secure`).
    pub public_url: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub database_max_connections: u32,
    /// How long a request waits for a pooled connection before it is answered `503
    /// database_unavailable` (the database is down, or every connection is busy).
    pub database_pool_timeout: std::time::Duration,
    /// How long a write waits for a lock another transaction holds (SQLite's writer lock, a
    /// PostgreSQL row) before it is answered `503 database_busy`.
    pub database_lock_timeout: std::time::Duration,
    /// PostgreSQL prepared statements kept per connection (off behind PgBouncer < 1.21 in
    /// transaction mode: docs/deployment.md).
    pub database_statement_cache: bool,
    /// Where the session copy's listener connects (`DATABASE_LISTEN_URL`): PostgreSQL itself
    /// or a pooler in session mode, since a `LISTEN` needs a session of its own. `None`: the
    /// database URL, unless the statement cache is off (a pooler in transaction mode is in
    /// front), in which case there is no copy (`startup::session_listener`).
    pub database_listen_url: Option<String>,
    pub secrets: Secrets,
    pub edevlet: EdevletConfig,
    pub email: EmailTransportConfig,
    pub email_from: String,
    pub sms: SmsTransportConfig,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub completion_period: Duration,
    pub tariff: Tariff,
    /// Where the person pays (`PAYMENT_IBAN`, `PAYMENT_BANK`, `PAYMENT_ACCOUNT_HOLDER`,
    /// `PAYMENT_DESCRIPTION_TEMPLATE`), checked at start-up.
    pub payment_account: PaymentAccount,
    /// Where the built SPA lives (served with a fallback to index.html when present).
    pub static_dir: PathBuf,
    pub esign: ESignConfig,
    /// Builds of the signing application offered for download (`eimza-uygulamasi-<platform>`).
    pub downloads_dir: PathBuf,
    /// Where a development API makes the development PKI at start-up when it is missing
    /// (`NES_DEV_PKI=auto`, the development default, with no `ESIGN_TRUSTED_ROOTS`); `None`
    /// with `NES_DEV_PKI=off` and always in production.
    pub dev_pki_dir: Option<PathBuf>,
    /// The passkey relying party (`NES_PASSKEY_RP_ID`, `NES_PASSKEY_ORIGIN`, derived from
    /// `NES_PUBLIC_URL`); `None` when the public URL is a bare non-loopback IP address.
    pub passkeys: Option<crate::passkeys::RelyingParty>,
    /// The key evidence packages are signed with (`NES_EVIDENCE_SIGNING_KEY`).
    pub evidence_signing_key: crate::evidence::signing::KeySetting,
    /// Where `/metrics` is served (`NES_METRICS_PUBLIC`, `NES_METRICS_BIND`).
    pub metrics: crate::metrics::MetricsExposure,
    /// Client addresses that the per-client request budgets leave alone
    /// (`NES_RATE_LIMIT_EXEMPT`): a load test's, a known office NAT's.
    pub rate_limit_exempt: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`NES_TRUSTED_PROXIES`,
    /// addresses or CIDR networks); without them the peer address is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Where webhooks may go: in production only `https` to public addresses (fixed, not
    /// configurable); in development anywhere, so a receiver on localhost works.
    pub webhook_targets: crate::webhooks::TargetPolicy,
    /// What the payment provider signs its callbacks with (`PAYMENT_CALLBACK_SECRET`,
    /// `PAYMENT_CALLBACK_PREVIOUS_SECRET`); `None`: callbacks answer `503`.
    pub payment_callbacks: Option<crate::payment_callbacks::CallbackSecrets>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
    #[error("{0} must be set in production")]
    MissingInProduction(&'static str),
    #[error("the e-Devlet simulator cannot run in production (EDEVLET_SIMULATOR=true)")]
    SimulatorInProduction,
}

/// The API key of the development institution (`DEV`), seeded only when the e-Devlet
/// simulator runs, which the configuration refuses in production.
pub const DEV_INTEGRATOR_KEY: &str = "dev-integrator-key";
const DEV_SECRET: &str = "development-secret-not-for-production-use-0123456789";

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let environment = match get("NES_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(invalid(
                    "NES_ENV",
                    format!("`{other}`: use development or production"),
                ))
            }
        };
        let production = environment == Environment::Production;
        let bind: SocketAddr = parse(&get, "NES_BIND", "127.0.0.1:8080")?;
        // Development defaults (the simulator, the published key and secret) only where nobody
        // else can reach them: a server on a network address must say what it is.
        if get("NES_ENV").is_none() && !bind.ip().is_loopback() {
            return Err(invalid(
                "NES_ENV",
                format!(
                    "unset while NES_BIND is {bind}, reachable from other machines: set \
                     NES_ENV=production, or NES_ENV=development for a development server"
                ),
            ));
        }
        let required = |name: &'static str, dev_default: String| -> Result<String, ConfigError> {
            match get(name) {
                Some(v) => Ok(v),
                None if production => Err(ConfigError::MissingInProduction(name)),
                None => Ok(dev_default),
            }
        };

        let simulator = parse_bool(&get, "EDEVLET_SIMULATOR", !production)?;
        if simulator && production {
            return Err(ConfigError::SimulatorInProduction);
        }
        let public_url = get("NES_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_owned();
        let data_dir = PathBuf::from(get("NES_DATA_DIR").unwrap_or_else(|| "data".to_owned()));
        let database_url = get("DATABASE_URL")
            .unwrap_or_else(|| data_dir.join("nes.sqlite3").display().to_string());

        if production {
            match get("NES_PUBLIC_URL") {
                None => return Err(ConfigError::MissingInProduction("NES_PUBLIC_URL")),
                Some(url) if !url.starts_with("https://") && !on_this_machine(&url) => {
                    return Err(invalid(
                        "NES_PUBLIC_URL",
                        "must be https:// in production (cookies are Secure only over TLS)".into(),
                    ))
                }
                Some(_) => {}
            }
        }

        let secret = required("NES_SECRET_KEY", DEV_SECRET.to_owned())?;
        if secret.len() < 32 {
            return Err(invalid(
                "NES_SECRET_KEY",
                "use at least 32 random characters".into(),
            ));
        }
        if production && secret == DEV_SECRET {
            return Err(invalid(
                "NES_SECRET_KEY",
                "the published development secret cannot be used in production".into(),
            ));
        }
        // The secret being retired: what it sealed still opens (`nes-admin reseal-secrets`
        // re-seals it under the current one, after which this can be unset).
        let previous_secret = get("NES_SECRET_KEY_PREVIOUS").filter(|s| !s.is_empty());
        if let Some(previous) = &previous_secret {
            if previous.len() < 32 || *previous == secret {
                return Err(invalid(
                    "NES_SECRET_KEY_PREVIOUS",
                    "the retired secret: at least 32 characters, not the current one".into(),
                ));
            }
        }

        let generated: u32 = parse(&get, "EDEVLET_SIMULATOR_GENERATED_CITIZENS", "0")?;
        if generated > 0 && !simulator {
            return Err(invalid(
                "EDEVLET_SIMULATOR_GENERATED_CITIZENS",
                "generated citizens exist only on the simulator (EDEVLET_SIMULATOR=true)".into(),
            ));
        }
        if generated > crate::edevlet::simulator::citizens::MAX_GENERATED {
            return Err(invalid(
                "EDEVLET_SIMULATOR_GENERATED_CITIZENS",
                "at most 100000000".into(),
            ));
        }
        let simulator_base = format!("{public_url}/edevlet-sim/oauth2");
        let edevlet = EdevletConfig {
            simulator,
            citizens: crate::edevlet::simulator::citizens::Citizens { generated },
            authorize_url: required(
                "EDEVLET_AUTHORIZE_URL",
                format!("{simulator_base}/authorize"),
            )?,
            token_url: required("EDEVLET_TOKEN_URL", format!("{simulator_base}/token"))?,
            userinfo_url: required("EDEVLET_USERINFO_URL", format!("{simulator_base}/userinfo"))?,
            client_id: required("EDEVLET_CLIENT_ID", "nes-basvuru".to_owned())?,
            client_secret: required("EDEVLET_CLIENT_SECRET", "simulator-secret".to_owned())?,
            scope: get("EDEVLET_SCOPE").unwrap_or_else(|| "Kimlik-Dogrula".to_owned()),
        };

        let email = match get("NES_EMAIL_TRANSPORT").as_deref() {
            None | Some("log") => EmailTransportConfig::Log,
            Some("smtp") => EmailTransportConfig::Smtp {
                host: required_always(&get, "SMTP_HOST")?,
                port: parse(&get, "SMTP_PORT", "587")?,
                tls: match get("SMTP_TLS").as_deref() {
                    None | Some("starttls") => SmtpTls::StartTls,
                    Some("tls") => SmtpTls::Tls,
                    Some("none") => SmtpTls::None,
                    Some(other) => {
                        return Err(invalid(
                            "SMTP_TLS",
                            format!("`{other}`: use starttls, tls or none"),
                        ))
                    }
                },
                username: get("SMTP_USERNAME"),
                password: get("SMTP_PASSWORD"),
            },
            Some(other) => {
                return Err(invalid(
                    "NES_EMAIL_TRANSPORT",
                    format!("`{other}`: use log or smtp"),
                ))
            }
        };
        let sms = match get("NES_SMS_TRANSPORT").as_deref() {
            None | Some("log") => SmsTransportConfig::Log,
            Some("http") => SmsTransportConfig::Http {
                url: required_always(&get, "SMS_GATEWAY_URL")?,
                token: required_always(&get, "SMS_GATEWAY_TOKEN")?,
            },
            Some(other) => {
                return Err(invalid(
                    "NES_SMS_TRANSPORT",
                    format!("`{other}`: use log or http"),
                ))
            }
        };
        if let EmailTransportConfig::Smtp {
            tls: SmtpTls::None,
            host,
            ..
        } = &email
        {
            if production && !on_this_machine(&format!("smtp://{host}")) {
                return Err(invalid(
                    "SMTP_TLS",
                    "`none` sends mail in clear text: use starttls or tls in production".into(),
                ));
            }
        }
        if let SmsTransportConfig::Http { url, .. } = &sms {
            if production && !url.starts_with("https://") && !on_this_machine(url) {
                return Err(invalid(
                    "SMS_GATEWAY_URL",
                    "must be https:// in production (the codes travel in it)".into(),
                ));
            }
        }
        if production && matches!(email, EmailTransportConfig::Log) {
            return Err(ConfigError::MissingInProduction("NES_EMAIL_TRANSPORT=smtp"));
        }
        if production && matches!(sms, SmsTransportConfig::Log) {
            return Err(ConfigError::MissingInProduction("NES_SMS_TRANSPORT=http"));
        }

        // `cargo run -p api --bin dev-pki` writes a test PKI here (README, "e-İmza by hand").
        let dev_pki = data_dir.join("pki");
        let downloads_dir = get("NES_DOWNLOADS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("downloads"));
        // In production nothing is trusted implicitly: no development PKI from the data
        // directory, and no roots without a revocation source.
        let crl_urls = list(&get, "ESIGN_CRL_URLS", |url| {
            reqwest::Url::parse(url)
                .map_err(|e| e.to_string())
                .and_then(|u| match u.scheme() {
                    // A CRL is signed by its CA: plain HTTP is how CAs publish them.
                    "http" | "https" => Ok(u),
                    other => Err(format!("scheme `{other}`")),
                })
        })?;
        let dev_pki_dir = match get("NES_DEV_PKI").as_deref() {
            _ if production => None,
            None | Some("auto") if get("ESIGN_TRUSTED_ROOTS").is_none() => Some(dev_pki.clone()),
            None | Some("auto" | "off") => None,
            Some(other) => {
                return Err(invalid(
                    "NES_DEV_PKI",
                    format!("`{other}`: use auto or off"),
                ))
            }
        };
        let (trusted_roots, crls) = if production {
            let roots = paths(&get, "ESIGN_TRUSTED_ROOTS");
            let crls = paths(&get, "ESIGN_CRLS");
            if !roots.is_empty() && crls.is_empty() && crl_urls.is_empty() {
                return Err(invalid(
                    "ESIGN_CRLS",
                    "trusted roots without a revocation source: set the CRL files or \
                     ESIGN_CRL_URLS"
                        .into(),
                ));
            }
            (roots, crls)
        } else {
            (
                paths_or_default(&get, "ESIGN_TRUSTED_ROOTS", &dev_pki.join("root.pem")),
                paths_or_default(&get, "ESIGN_CRLS", &dev_pki.join("crl.pem")),
            )
        };
        let passkeys = crate::passkeys::RelyingParty::from_lookup(&get, &public_url)?;
        let metrics = crate::metrics::MetricsExposure::from_lookup(&get, environment, bind)?;
        let rate_limit_exempt = list(&get, "NES_RATE_LIMIT_EXEMPT", |ip| {
            ip.parse::<std::net::IpAddr>().map(|ip| ip.to_string())
        })?;
        let trusted_proxies = list(&get, "NES_TRUSTED_PROXIES", |net| {
            net.parse::<ipnet::IpNet>()
                .or_else(|_| net.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        })?;
        let webhook_targets = webhook_targets(&get, environment)?;
        let evidence_signing_key =
            crate::evidence::signing::KeySetting::from_lookup(&get, production, &data_dir);
        let payment_account = PaymentAccount {
            iban: shared::Iban::parse(&required("PAYMENT_IBAN", DEV_PAYMENT_IBAN.to_owned())?)
                .map_err(|e| invalid("PAYMENT_IBAN", e.to_string()))?,
            bank: required("PAYMENT_BANK", "Örnek Banka (geliştirme)".to_owned())?,
            account_holder: required(
                "PAYMENT_ACCOUNT_HOLDER",
                "Kamu SM (geliştirme örneği)".to_owned(),
            )?,
            description: crate::applications::payment::DescriptionTemplate::parse(
                &get("PAYMENT_DESCRIPTION_TEMPLATE")
                    .unwrap_or_else(|| "{payment_reference} NES sertifika ücreti".to_owned()),
            )
            .map_err(|reason| invalid("PAYMENT_DESCRIPTION_TEMPLATE", reason))?,
        };
        let payment_callbacks =
            crate::payment_callbacks::CallbackSecrets::from_lookup(&get, production)?;
        Ok(Config {
            webhook_targets,
            evidence_signing_key,
            payment_callbacks,
            payment_account,
            trusted_proxies,
            rate_limit_exempt,
            passkeys,
            metrics,
            environment,
            bind,
            public_url,
            data_dir,
            database_url,
            database_max_connections: parse(
                &get,
                "DATABASE_MAX_CONNECTIONS",
                &default_database_max_connections().to_string(),
            )?,
            database_pool_timeout: std::time::Duration::from_secs(parse(
                &get,
                "DATABASE_POOL_TIMEOUT_SECONDS",
                "5",
            )?),
            database_statement_cache: parse_bool(&get, "DATABASE_STATEMENT_CACHE", true)?,
            database_listen_url: get("DATABASE_LISTEN_URL").filter(|url| !url.is_empty()),
            database_lock_timeout: std::time::Duration::from_millis(parse(
                &get,
                "DATABASE_LOCK_TIMEOUT_MS",
                "5000",
            )?),
            secrets: match &previous_secret {
                Some(previous) => {
                    Secrets::derive(secret.as_bytes()).with_previous(previous.as_bytes())
                }
                None => Secrets::derive(secret.as_bytes()),
            },
            edevlet,
            email,
            email_from: get("NES_EMAIL_FROM")
                .unwrap_or_else(|| "Kamu SM <bilgi@kamusm.example>".to_owned()),
            sms,
            session_idle: Duration::minutes(parse(&get, "SESSION_IDLE_MINUTES", "30")?),
            session_absolute: Duration::hours(parse(&get, "SESSION_ABSOLUTE_HOURS", "8")?),
            completion_period: Duration::days(parse(&get, "COMPLETION_PERIOD_DAYS", "30")?),
            tariff: Tariff {
                kurus_by_years: [
                    parse(&get, "PRICE_1_YEAR_KURUS", "47000")?,
                    parse(&get, "PRICE_2_YEARS_KURUS", "75000")?,
                    parse(&get, "PRICE_3_YEARS_KURUS", "99000")?,
                ],
            },
            static_dir: PathBuf::from(
                get("NES_STATIC_DIR").unwrap_or_else(|| "web/dist".to_owned()),
            ),
            downloads_dir,
            dev_pki_dir,
            esign: ESignConfig {
                trusted_roots,
                crls,
                crl_urls,
                crl_refresh: Duration::minutes(
                    parse::<i64>(&get, "ESIGN_CRL_REFRESH_MINUTES", "60")?.max(1),
                ),
                signing_time_tolerance: Duration::seconds(parse(
                    &get,
                    "ESIGN_SIGNING_TIME_TOLERANCE_SECONDS",
                    "300",
                )?),
            },
        })
    }

    /// Cookies get `Secure` when people reach us over TLS.
    pub fn cookies_secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// `NES_WEBHOOK_TARGETS=public` applies production's guard (https, public addresses only) in
/// development too, to try it; production has it whatever is set.
fn webhook_targets(
    get: &impl Fn(&str) -> Option<String>,
    environment: Environment,
) -> Result<crate::webhooks::TargetPolicy, ConfigError> {
    use crate::webhooks::TargetPolicy;
    match get("NES_WEBHOOK_TARGETS").as_deref() {
        None | Some("") => Ok(TargetPolicy::for_environment(environment)),
        Some("public") => Ok(TargetPolicy::STRICT),
        Some("any") if environment == Environment::Development => Ok(TargetPolicy::DEVELOPMENT),
        Some(other) => Err(ConfigError::Invalid {
            name: "NES_WEBHOOK_TARGETS",
            reason: format!("`{other}`: `public` (or `any` in development only)"),
        }),
    }
}

/// Whether `url` names this machine (a loopback address or `localhost`): clear text to a
/// relay on the same machine (a mail or SMS sidecar) never crosses a network.
fn on_this_machine(url: &str) -> bool {
    match url::Url::parse(url).ok().as_ref().and_then(url::Url::host) {
        // A scheme other than http(s) leaves an address unparsed, as a name.
        Some(url::Host::Domain(name)) => {
            name == "localhost"
                || name
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A comma-separated list of paths; empty when unset.
fn paths(get: &impl Fn(&str) -> Option<String>, name: &str) -> Vec<PathBuf> {
    get(name)
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default()
}

/// [`paths`]; when unset, `default` if that file exists.
fn paths_or_default(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: &std::path::Path,
) -> Vec<PathBuf> {
    match get(name) {
        Some(_) => paths(get, name),
        None if default.is_file() => vec![default.to_path_buf()],
        None => Vec::new(),
    }
}

/// A comma-separated list, each item read by `item`; unset is empty.
fn list<T, E: std::fmt::Display>(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    item: impl Fn(&str) -> Result<T, E>,
) -> Result<Vec<T>, ConfigError> {
    get(name)
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(|value| item(value).map_err(|e| invalid(name, format!("`{value}`: {e}"))))
        .collect()
}

fn invalid(name: &'static str, reason: String) -> ConfigError {
    ConfigError::Invalid { name, reason }
}

fn required_always(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<String, ConfigError> {
    get(name).ok_or_else(|| invalid(name, "must be set".into()))
}

/// The pool's size when `DATABASE_MAX_CONNECTIONS` is not set: two connections per core, and
/// no fewer than [`MIN_DEFAULT_POOL`]. A query holds its connection while it runs on a core
/// or waits for the disk, so more than that only queue on the cores and keep caches and
/// prepared statements each (on two cores, 8 connections against 4: the same throughput,
/// 4 MB more at rest; docs/benchmarks.md).
pub fn default_database_max_connections() -> u32 {
    pool_size_for(std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get))
}

fn pool_size_for(cores: usize) -> u32 {
    u32::try_from(cores.saturating_mul(2))
        .unwrap_or(u32::MAX)
        .max(MIN_DEFAULT_POOL)
}

/// The outbox's lanes (one per channel) and the expiry sweep each take a connection now and
/// then; on a machine (or a container's CPU quota) of one core, two connections would leave
/// requests waiting behind them.
const MIN_DEFAULT_POOL: u32 = 4;

fn parse<T: std::str::FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: &str,
) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    let raw = get(name).unwrap_or_else(|| default.to_owned());
    raw.trim()
        .parse()
        .map_err(|e: T::Err| invalid(name, format!("`{raw}`: {e}")))
}

pub(crate) fn parse_bool(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(name).as_deref().map(str::trim) {
        None => Ok(default),
        Some("true" | "1" | "yes") => Ok(true),
        Some("false" | "0" | "no") => Ok(false),
        Some(other) => Err(invalid(name, format!("`{other}`: use true or false"))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn the_default_pool_is_two_connections_per_core_and_never_fewer_than_four() {
        assert_eq!(pool_size_for(1), 4);
        assert_eq!(pool_size_for(2), 4);
        assert_eq!(pool_size_for(8), 16);
        assert_eq!(pool_size_for(usize::MAX), u32::MAX);
    }

    #[test]
    fn development_needs_no_variables_at_all() {
        let c = config(&[]).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert!(c.edevlet.simulator);
        assert!(c.database_url.ends_with("nes.sqlite3"));
        assert!(!c.cookies_secure());
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks_and_nothing_else() {
        let c = config(&[("NES_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1")]).unwrap();
        let listed: Vec<String> = c.trusted_proxies.iter().map(ToString::to_string).collect();
        assert_eq!(listed, ["10.0.0.0/8", "127.0.0.1/32", "::1/128"]);
        let err = config(&[("NES_TRUSTED_PROXIES", "10.0.0.0/8,proxy.local")]).unwrap_err();
        assert!(matches!(
            err,
            ConfigError::Invalid {
                name: "NES_TRUSTED_PROXIES",
                ..
            }
        ));
    }

    #[test]
    fn production_refuses_the_simulator() {
        let err = config(&[
            ("NES_ENV", "production"),
            ("NES_SECRET_KEY", "0123456789abcdef0123456789abcdef"),
            ("EDEVLET_SIMULATOR", "true"),
        ])
        .unwrap_err();
        assert_eq!(err, ConfigError::SimulatorInProduction);
    }

    #[test]
    fn generated_citizens_exist_only_with_the_simulator() {
        let err = config(&[
            ("EDEVLET_SIMULATOR", "false"),
            ("EDEVLET_SIMULATOR_GENERATED_CITIZENS", "100"),
        ])
        .unwrap_err();
        assert!(matches!(
            err,
            ConfigError::Invalid {
                name: "EDEVLET_SIMULATOR_GENERATED_CITIZENS",
                ..
            }
        ));
        let err = config(&[
            ("NES_ENV", "production"),
            ("NES_SECRET_KEY", "0123456789abcdef0123456789abcdef"),
            ("EDEVLET_SIMULATOR_GENERATED_CITIZENS", "100"),
        ])
        .unwrap_err();
        assert!(matches!(
            err,
            ConfigError::Invalid { .. } | ConfigError::MissingInProduction(_)
        ));
        let ok = config(&[("EDEVLET_SIMULATOR_GENERATED_CITIZENS", "100")]).unwrap();
        assert_eq!(ok.edevlet.citizens.generated, 100);
    }

    /// A complete production configuration, with `changes` applied (an empty value unsets).
    fn production(changes: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut vars: HashMap<&str, &str> = [
            ("NES_ENV", "production"),
            ("NES_BIND", "0.0.0.0:8080"),
            ("NES_PUBLIC_URL", "https://nes.example.gov.tr"),
            ("NES_SECRET_KEY", "0123456789abcdef0123456789abcdef"),
            ("EDEVLET_AUTHORIZE_URL", "https://giris.turkiye.gov.tr/a"),
            ("EDEVLET_TOKEN_URL", "https://giris.turkiye.gov.tr/t"),
            ("EDEVLET_USERINFO_URL", "https://giris.turkiye.gov.tr/u"),
            ("EDEVLET_CLIENT_ID", "nes"),
            ("EDEVLET_CLIENT_SECRET", "s"),
            ("NES_EMAIL_TRANSPORT", "smtp"),
            ("SMTP_HOST", "smtp.example.gov.tr"),
            ("NES_SMS_TRANSPORT", "http"),
            ("SMS_GATEWAY_URL", "https://sms.example.gov.tr/send"),
            ("SMS_GATEWAY_TOKEN", "t"),
            ("ESIGN_TRUSTED_ROOTS", "/etc/nes/roots.pem"),
            ("ESIGN_CRLS", "/etc/nes/crl.pem"),
            ("PAYMENT_IBAN", "TR33 0006 1005 1978 6457 8413 26"),
            ("PAYMENT_BANK", "T.C. Ziraat Bankası"),
            ("PAYMENT_ACCOUNT_HOLDER", "TÜBİTAK BİLGEM Kamu SM"),
        ]
        .into_iter()
        .collect();
        vars.extend(changes.iter().copied());
        let vars: Vec<(&str, &str)> = vars.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        config(&vars)
    }

    fn refused_variable(result: Result<Config, ConfigError>) -> &'static str {
        match result {
            Err(ConfigError::Invalid { name, .. } | ConfigError::MissingInProduction(name)) => name,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn a_complete_production_configuration_starts() {
        let c = production(&[]).unwrap();
        assert!(c.cookies_secure());
        assert!(!c.edevlet.simulator);
    }

    #[test]
    fn production_fails_closed_on_each_unsafe_setting() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("NES_PUBLIC_URL", "")], "NES_PUBLIC_URL"),
            (
                &[("NES_PUBLIC_URL", "http://nes.example.gov.tr")],
                "NES_PUBLIC_URL",
            ),
            (&[("NES_SECRET_KEY", DEV_SECRET)], "NES_SECRET_KEY"),
            (&[("NES_SECRET_KEY", "short")], "NES_SECRET_KEY"),
            (&[("SMTP_TLS", "none")], "SMTP_TLS"),
            (
                &[("SMS_GATEWAY_URL", "http://sms.example.gov.tr/send")],
                "SMS_GATEWAY_URL",
            ),
            (&[("ESIGN_CRLS", "")], "ESIGN_CRLS"),
            (&[("PAYMENT_IBAN", "")], "PAYMENT_IBAN"),
            (
                &[("PAYMENT_IBAN", "TR33 0006 1005 1978 6457 8413 27")],
                "PAYMENT_IBAN",
            ),
            (&[("PAYMENT_BANK", "")], "PAYMENT_BANK"),
            (&[("PAYMENT_ACCOUNT_HOLDER", "")], "PAYMENT_ACCOUNT_HOLDER"),
            (
                &[("PAYMENT_DESCRIPTION_TEMPLATE", "NES ücreti")],
                "PAYMENT_DESCRIPTION_TEMPLATE",
            ),
            (&[("NES_EMAIL_TRANSPORT", "")], "NES_EMAIL_TRANSPORT=smtp"),
            (&[("NES_SMS_TRANSPORT", "")], "NES_SMS_TRANSPORT=http"),
        ];
        for (changes, variable) in cases {
            assert_eq!(
                refused_variable(production(changes)),
                *variable,
                "{changes:?}"
            );
        }
        // Clear text that never leaves the machine (a local relay) is not a network risk.
        let local = production(&[
            ("SMTP_HOST", "127.0.0.1"),
            ("SMTP_TLS", "none"),
            ("SMS_GATEWAY_URL", "http://localhost:9000/send"),
        ]);
        assert!(local.is_ok(), "{local:?}");
        assert_eq!(
            production(&[("EDEVLET_SIMULATOR", "true")]).unwrap_err(),
            ConfigError::SimulatorInProduction
        );
    }

    #[test]
    fn a_previous_secret_is_kept_for_what_it_sealed() {
        let sealed = crate::secrets::Secrets::derive(DEV_SECRET.as_bytes())
            .seal(crate::secrets::SealPurpose::Totp, "s", "x")
            .unwrap();
        let c = production(&[("NES_SECRET_KEY_PREVIOUS", DEV_SECRET)]).unwrap();
        assert_eq!(
            c.secrets
                .open(crate::secrets::SealPurpose::Totp, "s", &sealed)
                .unwrap(),
            "x"
        );
        for bad in ["short", "0123456789abcdef0123456789abcdef"] {
            assert_eq!(
                refused_variable(production(&[("NES_SECRET_KEY_PREVIOUS", bad)])),
                "NES_SECRET_KEY_PREVIOUS",
                "{bad}"
            );
        }
    }

    #[test]
    fn a_crl_distribution_point_is_a_revocation_source_of_its_own() {
        let c = production(&[
            ("ESIGN_CRLS", ""),
            ("ESIGN_CRL_URLS", "http://crl.kamusm.gov.tr/kok.crl"),
            ("ESIGN_CRL_REFRESH_MINUTES", "15"),
        ])
        .unwrap();
        assert!(c.esign.crls.is_empty());
        assert_eq!(c.esign.crl_urls.len(), 1);
        assert_eq!(c.esign.crl_refresh, Duration::minutes(15));
        assert_eq!(
            refused_variable(production(&[("ESIGN_CRL_URLS", "ftp://crl.example/x.crl")])),
            "ESIGN_CRL_URLS"
        );
        assert_eq!(
            config(&[]).unwrap().esign.crl_refresh,
            Duration::minutes(60)
        );
    }

    #[test]
    fn development_makes_its_pki_unless_told_not_to_or_given_roots() {
        let dir = std::env::temp_dir().join("nes-dev-pki-config");
        let data_dir = dir.display().to_string();
        let at = |vars: &[(&str, &str)]| {
            let mut vars = vars.to_vec();
            vars.push(("NES_DATA_DIR", &data_dir));
            config(&vars).unwrap().dev_pki_dir
        };
        assert_eq!(at(&[]), Some(dir.join("pki")));
        assert_eq!(at(&[("NES_DEV_PKI", "off")]), None);
        assert_eq!(at(&[("ESIGN_TRUSTED_ROOTS", "/etc/nes/root.pem")]), None);
        assert!(config(&[("NES_DEV_PKI", "sometimes")]).is_err());
    }

    #[test]
    fn production_trusts_no_development_pki_from_the_data_directory() {
        let dir = std::env::temp_dir().join(format!("nes-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("pki")).unwrap();
        std::fs::write(dir.join("pki/root.pem"), "root").unwrap();
        std::fs::write(dir.join("pki/crl.pem"), "crl").unwrap();
        let data_dir = dir.display().to_string();
        let c = production(&[
            ("NES_DATA_DIR", &data_dir),
            ("ESIGN_TRUSTED_ROOTS", ""),
            ("ESIGN_CRLS", ""),
        ])
        .unwrap();
        assert!(c.esign.trusted_roots.is_empty() && c.esign.crls.is_empty());
        assert!(c.dev_pki_dir.is_none());
        let dev = config(&[("NES_DATA_DIR", &data_dir)]).unwrap();
        assert_eq!(dev.esign.trusted_roots.len(), 1);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn development_defaults_only_on_a_loopback_address() {
        assert_eq!(
            refused_variable(config(&[("NES_BIND", "0.0.0.0:8080")])),
            "NES_ENV"
        );
        let explicit = config(&[("NES_ENV", "development"), ("NES_BIND", "0.0.0.0:8080")]);
        assert!(explicit.unwrap().edevlet.simulator);
    }

    #[test]
    fn production_refuses_to_start_without_a_secret() {
        assert_eq!(
            refused_variable(production(&[("NES_SECRET_KEY", "")])),
            "NES_SECRET_KEY"
        );
    }
}
