//! Cards, PINs, `.p12` files and certificates.

use esign::pki::softhsm::SOFTHSM2_MODULE;

use crate::fake_server::{FakeServer, VALID_CODE};
use crate::helpers::{
    card_args, fixtures, p12_args, run_app, CARD, EMPTY_CARD, P12_PASSWORD, PIN_TRIAL_CARD,
};

#[test]
fn a_wrong_pin_exits_with_6_and_shows_the_tokens_flags() {
    let server = FakeServer::start();

    let run = run_app(
        card_args(&server.url, VALID_CODE, PIN_TRIAL_CARD, "000000"),
        None,
    );

    // SoftHSM2 sets COUNT_LOW after a wrong PIN (and never locks).
    run.assert_code(6)
        .assert_output_contains("PIN yanlış")
        .assert_output_contains("PIN deneme hakkınız azaldı");
    assert!(server.uploads().is_empty());
}

#[test]
fn a_wrong_p12_password_exits_with_6() {
    let server = FakeServer::start();

    let run = run_app(
        p12_args(&server.url, VALID_CODE, &fixtures().applicant_p12, "yanlis"),
        None,
    );

    run.assert_code(6)
        .assert_output_contains("Dosya parolası yanlış");
}

#[test]
fn a_card_label_that_does_not_exist_exits_with_8() {
    let server = FakeServer::start();

    let run = run_app(
        card_args(&server.url, VALID_CODE, "TAKILI-DEGIL", "123456"),
        None,
    );

    run.assert_code(8)
        .assert_output_contains("\"TAKILI-DEGIL\" etiketli kart bulunamadı");
}

#[test]
fn a_pkcs11_module_that_cannot_be_loaded_exits_with_8() {
    let server = FakeServer::start();
    let mut args = card_args(&server.url, VALID_CODE, CARD, "123456");
    let module = args.iter().position(|a| a == SOFTHSM2_MODULE).unwrap();
    args[module] = "/nonexistent/libakisp11.so".to_owned();

    let run = run_app(args, None);

    run.assert_code(8).assert_output_contains("PKCS#11");
}

#[test]
fn a_card_without_certificates_exits_with_9() {
    let server = FakeServer::start();

    let run = run_app(
        card_args(&server.url, VALID_CODE, EMPTY_CARD, "123456"),
        None,
    );

    run.assert_code(9)
        .assert_output_contains("İmza sertifikası bulunamadı")
        .assert_output_contains("e-Onay");
}

#[test]
fn another_persons_certificate_is_flagged_and_the_server_refuses_it() {
    let server = FakeServer::start();

    let run = run_app(
        p12_args(
            &server.url,
            VALID_CODE,
            &fixtures().other_person_p12,
            P12_PASSWORD,
        ),
        None,
    );

    run.assert_code(10)
        .assert_output_contains("başvuru sahibine ait değil")
        .assert_output_contains("tckn_mismatch");
    let uploads = server.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].verification, Err("tckn_mismatch".to_owned()));
}
