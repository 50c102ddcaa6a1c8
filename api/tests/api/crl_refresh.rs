//! The e-İmza trust anchors kept current without a restart (issue 11, item 2): a CRL
//! replaced on disk or at its distribution point is used after a refresh, a CRL past its
//! `nextUpdate` stops being a reason to refuse once a fresh one is read, and a refresh that
//! fails keeps the anchors in use.

use std::sync::{Arc, Mutex};

use api::config::ESignConfig;
use api::signature_trust::SignatureTrust;
use chrono::{DateTime, Duration, Utc};
use esign::pki::{IssuedCertificate, KeyType, PersonCertificateRequest, TestCa};
use esign::sign::{sign_detached, SoftwareSigner};
use esign::verify::Refusal;
use shared::Tckn;

use crate::helpers::{citizen, TempDir};

const DOCUMENT: &[u8] = b"NES basvuru formu";

struct Fixture {
    ca: TestCa,
    person: IssuedCertificate,
    tckn: Tckn,
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let now = Utc::now();
        let ca = TestCa::new(
            KeyType::P256,
            now - Duration::days(1),
            now + Duration::days(365),
        )
        .unwrap();
        let tckn = Tckn::parse(&citizen(0).tckn).unwrap();
        let request =
            PersonCertificateRequest::nes("AYŞE YILMAZ", tckn.clone(), KeyType::P256, now, 365);
        let person = ca.issue(&request).unwrap();
        let dir = TempDir(std::env::temp_dir().join(format!("nes-crl-{}", uuid::Uuid::new_v4())));
        std::fs::create_dir_all(&dir.0).unwrap();
        std::fs::write(dir.0.join("root.pem"), ca.certificate_pem().unwrap()).unwrap();
        Fixture {
            ca,
            person,
            tckn,
            dir,
        }
    }

    /// A CRL (DER) revoking the person's certificate or not, valid until `next_update`.
    fn crl(&self, revoked: bool, number: u64, next_update: DateTime<Utc>) -> Vec<u8> {
        let serials: Vec<&[u8]> = if revoked {
            vec![self.person.serial()]
        } else {
            Vec::new()
        };
        self.ca
            .crl(
                &serials,
                number,
                Utc::now() - Duration::minutes(1),
                next_update,
            )
            .unwrap()
    }

    fn write_crl(&self, der: &[u8]) {
        std::fs::write(self.crl_path(), esign::pki::crl_pem(der).unwrap()).unwrap();
    }

    fn crl_path(&self) -> std::path::PathBuf {
        self.dir.0.join("crl.pem")
    }

    fn config(&self, files: bool, urls: Vec<reqwest::Url>) -> ESignConfig {
        ESignConfig {
            trusted_roots: vec![self.dir.0.join("root.pem")],
            crls: if files {
                vec![self.crl_path()]
            } else {
                Vec::new()
            },
            crl_urls: urls,
            crl_refresh: Duration::minutes(60),
            // The checks at a later `now` below are about CRLs, not about the signing time.
            signing_time_tolerance: Duration::days(2),
        }
    }

    fn signature(&self) -> Vec<u8> {
        let signer = SoftwareSigner::from_pkcs8(
            self.person.private_key().pkcs8_der(),
            self.person.certificate_der().to_vec(),
            vec![self.ca.certificate_der().to_vec()],
        )
        .unwrap();
        sign_detached(DOCUMENT, &signer, Utc::now()).unwrap()
    }

    fn check(&self, trust: &SignatureTrust, at: DateTime<Utc>) -> Result<(), Refusal> {
        trust
            .verifier()
            .verify(&self.signature(), DOCUMENT, &self.tckn, at)
            .map(|_| ())
    }
}

async fn load(config: ESignConfig) -> SignatureTrust {
    SignatureTrust::load(config, reqwest::Client::new())
        .await
        .unwrap()
        .expect("roots are configured")
}

#[tokio::test]
async fn a_crl_replaced_on_disk_is_used_after_a_refresh_and_not_before() {
    let pki = Fixture::new();
    pki.write_crl(&pki.crl(false, 1, Utc::now() + Duration::days(7)));
    let trust = load(pki.config(true, Vec::new())).await;
    assert_eq!(pki.check(&trust, Utc::now()), Ok(()));

    pki.write_crl(&pki.crl(true, 2, Utc::now() + Duration::days(7)));
    assert_eq!(
        pki.check(&trust, Utc::now()),
        Ok(()),
        "read only at a refresh"
    );
    trust.refresh().await.unwrap();

    assert_eq!(
        pki.check(&trust, Utc::now()),
        Err(Refusal::CertificateRevoked)
    );
}

#[tokio::test]
async fn a_crl_past_its_next_update_is_replaced_by_a_refresh_without_a_restart() {
    let pki = Fixture::new();
    pki.write_crl(&pki.crl(false, 1, Utc::now() + Duration::hours(1)));
    let trust = load(pki.config(true, Vec::new())).await;
    let later = Utc::now() + Duration::hours(2);
    assert_eq!(
        pki.check(&trust, later),
        Err(Refusal::RevocationStatusUnknown)
    );

    pki.write_crl(&pki.crl(false, 2, Utc::now() + Duration::days(7)));
    trust.refresh().await.unwrap();

    assert_eq!(pki.check(&trust, later), Ok(()));
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_anchors_in_use() {
    let pki = Fixture::new();
    pki.write_crl(&pki.crl(true, 1, Utc::now() + Duration::days(7)));
    let trust = load(pki.config(true, Vec::new())).await;

    std::fs::write(pki.crl_path(), "no CRL here").unwrap();
    let failed = trust.refresh().await;

    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(
        pki.check(&trust, Utc::now()),
        Err(Refusal::CertificateRevoked),
        "the revocation is still known"
    );
}

/// A CRL distribution point serving whatever `crl` holds, as DER.
async fn distribution_point(crl: Arc<Mutex<Vec<u8>>>) -> reqwest::Url {
    use actix_web::{web, App, HttpResponse, HttpServer};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        let crl = crl.clone();
        App::new().route(
            "/kok.crl",
            web::get().to(move || {
                let body = crl.lock().unwrap().clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("application/pkix-crl")
                        .body(body)
                }
            }),
        )
    })
    .listen(listener)
    .unwrap()
    .workers(1)
    .run();
    tokio::spawn(server);
    reqwest::Url::parse(&format!("http://127.0.0.1:{port}/kok.crl")).unwrap()
}

#[tokio::test]
async fn crls_are_fetched_from_their_distribution_point_at_start_and_at_each_refresh() {
    let pki = Fixture::new();
    let published = Arc::new(Mutex::new(pki.crl(
        false,
        1,
        Utc::now() + Duration::days(7),
    )));
    let url = distribution_point(published.clone()).await;
    let trust = load(pki.config(false, vec![url.clone()])).await;
    assert_eq!(pki.check(&trust, Utc::now()), Ok(()));

    *published.lock().unwrap() = pki.crl(true, 2, Utc::now() + Duration::days(7));
    trust.refresh().await.unwrap();
    assert_eq!(
        pki.check(&trust, Utc::now()),
        Err(Refusal::CertificateRevoked)
    );

    *published.lock().unwrap() = b"not a CRL".to_vec();
    assert!(trust.refresh().await.is_err());
    assert_eq!(
        pki.check(&trust, Utc::now()),
        Err(Refusal::CertificateRevoked)
    );
}

#[tokio::test]
async fn an_unreachable_distribution_point_at_start_is_an_error_not_an_unchecked_revocation() {
    let pki = Fixture::new();
    let nobody = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = reqwest::Url::parse(&format!("http://127.0.0.1:{nobody}/kok.crl")).unwrap();

    let loaded = SignatureTrust::load(pki.config(false, vec![url]), reqwest::Client::new()).await;

    let Err(error) = loaded else {
        panic!("started without its revocation source");
    };
    assert!(error.contains("kok.crl"), "{error}");
}
