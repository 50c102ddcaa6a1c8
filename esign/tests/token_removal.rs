//! A token that disappears while the signing app holds a session: its own test binary, because
//! SoftHSM2 is left in a bad state for the whole process once a token is deleted underneath it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::person;
use esign::pki::softhsm::{import_key_and_certificate, init_token, SoftHsmConfig, SOFTHSM2_MODULE};
use esign::pki::KeyType;
use esign::sign::Pkcs11Module;
use esign::{Pin, SignError, Signer};

#[test]
fn a_token_removed_after_login_gives_token_not_present() {
    let dir = tempfile::tempdir().unwrap();
    let config = SoftHsmConfig::create_in(dir.path()).unwrap();
    std::env::set_var("SOFTHSM2_CONF", config.conf_path());
    let module = Pkcs11Module::load(SOFTHSM2_MODULE).unwrap();
    let (user_pin, so_pin) = (Pin::new("4321"), Pin::new("87654321"));
    let issued = person(KeyType::P256);
    init_token(&module, "pulled", &so_pin, &user_pin).unwrap();
    import_key_and_certificate(
        &module,
        "pulled",
        &user_pin,
        "nes",
        &[9],
        issued.private_key(),
        issued.certificate_der(),
    )
    .unwrap();
    let token = module.token("pulled").unwrap();
    let certificate = token.certificates().unwrap().remove(0);
    let signer = token.login(&certificate, &user_pin).unwrap();
    assert!(signer.sign(b"before").is_ok());

    // "Pull the card": delete the token from another process.
    let deleted = std::process::Command::new("softhsm2-util")
        .args(["--delete-token", "--token", "pulled"])
        .env("SOFTHSM2_CONF", config.conf_path())
        .output()
        .expect("softhsm2-util is needed for this test (apt-get install softhsm2)");
    assert!(deleted.status.success());

    let result = signer.sign(b"after");
    assert!(
        matches!(result, Err(SignError::TokenNotPresent)),
        "{result:?}"
    );
}
