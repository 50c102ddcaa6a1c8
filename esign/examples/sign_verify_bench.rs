//! Median latency of signing (on a SoftHSM2 token, standing for the card, and with a
//! software key as from a .p12) and of the server's verification (chain + CRL + every
//! check), for RSA-2048 and P-256. Reported in docs/benchmarks.md.
//!
//! `cargo run --release -p esign --example sign_verify_bench [-- ROUNDS]`

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, Utc};
use esign::pki::softhsm::{import_key_and_certificate, init_token, SoftHsmConfig, SOFTHSM2_MODULE};
use esign::pki::{KeyType, PersonCertificateRequest, TestCa};
use esign::sign::{Pkcs11Module, SoftwareSigner};
use esign::verify::{TrustStore, Verifier};
use esign::{sign_detached, Pin};
use shared::Tckn;

fn median(mut samples: Vec<StdDuration>) -> StdDuration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> StdDuration {
    let samples = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(200);
    let now = Utc::now();
    let tckn = Tckn::parse("10000000146")?;
    let document = br#"{"application_reference":"NES-2026-000001","nonce":"00"}"#.to_vec();
    let ca = TestCa::new(
        KeyType::Rsa2048,
        now - Duration::days(1),
        now + Duration::days(365),
    )?;
    let crl = ca.crl(&[], 1, now - Duration::minutes(1), now + Duration::days(7))?;
    let verifier = Verifier::new(TrustStore::new([ca.certificate_der()], [crl.as_slice()])?);

    let dir = std::env::temp_dir().join(format!("esign-bench-{}", std::process::id()));
    let softhsm = SoftHsmConfig::create_in(&dir)?;
    std::env::set_var("SOFTHSM2_CONF", softhsm.conf_path());
    let module = Pkcs11Module::load(SOFTHSM2_MODULE)?;

    println!("{rounds} rounds each; medians");
    println!(
        "{:<10} {:>14} {:>14} {:>14}",
        "key", "sign (token)", "sign (.p12)", "verify"
    );
    for (label, key_type) in [("RSA-2048", KeyType::Rsa2048), ("P-256", KeyType::P256)] {
        let request =
            PersonCertificateRequest::nes("AYŞE YILMAZ", tckn.clone(), key_type, now, 365);
        let issued = ca.issue(&request)?;
        let software = SoftwareSigner::from_pkcs8(
            issued.private_key().pkcs8_der(),
            issued.certificate_der().to_vec(),
            vec![ca.certificate_der().to_vec()],
        )?;
        let token_label = format!("bench {label}");
        init_token(
            &module,
            &token_label,
            &Pin::new("12345678"),
            &Pin::new("123456"),
        )?;
        import_key_and_certificate(
            &module,
            &token_label,
            &Pin::new("123456"),
            "bench",
            &[1],
            issued.private_key(),
            issued.certificate_der(),
        )?;
        let token = module.token(&token_label)?;
        let certificate = token.certificates()?.remove(0);
        let on_token = token.login(&certificate, &Pin::new("123456"))?;

        let token_sign = time(rounds, || sign_detached(&document, &on_token, now));
        let p12_sign = time(rounds, || sign_detached(&document, &software, now));
        let cms = sign_detached(&document, &software, now)?;
        let verify = time(rounds, || verifier.verify(&cms, &document, &tckn, now));
        assert!(verifier.verify(&cms, &document, &tckn, now).is_ok());
        println!("{label:<10} {token_sign:>14.2?} {p12_sign:>14.2?} {verify:>14.2?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
