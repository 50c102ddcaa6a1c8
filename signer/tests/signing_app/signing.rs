//! The happy paths: a card, a `.p12` file, and every question answered on standard input.

use esign::pki::softhsm::SOFTHSM2_MODULE;

use crate::fake_server::{
    FakeServer, APPLICANT_DISPLAY_NAME, APPLICATION_REFERENCE, TCKN_MASKED, VALID_CODE,
};
use crate::helpers::{
    card_args, fixtures, p12_args, run_app, APPLICANT_NAME, CARD, P12_PASSWORD, PROMPT_CARD,
    USER_PIN,
};

#[test]
fn signing_with_a_card_uploads_a_signature_the_server_accepts() {
    let server = FakeServer::start();

    let run = run_app(card_args(&server.url, VALID_CODE, CARD, USER_PIN), None);

    run.assert_code(0)
        .assert_output_contains("İşlem Başarılı — imzanız kaydedildi. Uygulamayı Kapat'a basıp (Enter) tarayıcıdaki sayfaya dönün.");
    let uploads = server.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].content_type, "application/cms");
    assert_eq!(uploads[0].verification.as_deref(), Ok(APPLICANT_NAME));
}

#[test]
fn the_app_shows_what_will_be_signed_before_signing() {
    let server = FakeServer::start();

    let run = run_app(card_args(&server.url, VALID_CODE, CARD, USER_PIN), None);

    run.assert_code(0);
    let digest = server.document().digest_hex();
    let first_groups = format!("{} {} {}", &digest[0..4], &digest[4..8], &digest[8..12]);
    for shown in [
        APPLICATION_REFERENCE,
        APPLICANT_DISPLAY_NAME,
        TCKN_MASKED,
        first_groups.as_str(),
        "delivery.city: Ankara",
        "institution: Sağlık Bakanlığı",
        "Taahhütname",
        "Sertifika Seçiniz",
        "Kamu SM Test Kök Sertifika Yetkilisi",
    ] {
        run.assert_output_contains(shown);
    }
    // The full TCKN is personal data: shown masked only.
    assert!(!run.output().contains("10000000146"), "{}", run.output());
}

#[test]
fn the_pin_never_appears_in_the_output() {
    let server = FakeServer::start();

    let run = run_app(card_args(&server.url, VALID_CODE, CARD, USER_PIN), None);

    run.assert_code(0);
    assert!(!run.output().contains(USER_PIN));
}

#[test]
fn signing_with_a_p12_file_uploads_a_signature_the_server_accepts() {
    let server = FakeServer::start();

    let run = run_app(
        p12_args(
            &server.url,
            VALID_CODE,
            &fixtures().applicant_p12,
            P12_PASSWORD,
        ),
        None,
    );

    run.assert_code(0).assert_output_contains("İşlem Başarılı");
    assert!(!run.output().contains(P12_PASSWORD));
    let uploads = server.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].verification.as_deref(), Ok(APPLICANT_NAME));
}

#[test]
fn every_question_can_be_answered_on_standard_input() {
    let server = FakeServer::start();
    // The code as a person might type it, "use this certificate?", PIN, İmzala. The server is
    // never asked: a flag here, built in for a person.
    let answers = format!("7kq4 9xwm 2hrt\ne\n{USER_PIN}\n\n");

    let run = run_app(
        [
            "--server",
            server.url.as_str(),
            "--pkcs11-module",
            SOFTHSM2_MODULE,
            "--token-label",
            PROMPT_CARD,
        ],
        Some(&answers),
    );

    run.assert_code(0)
        .assert_output_contains("Doğrulama Kodu")
        .assert_output_contains("PIN (\"AYSE-SORU-KART\" kartının PIN'i)")
        .assert_output_contains("İşlem Başarılı");
    assert!(!run.output().contains(USER_PIN));
    assert_eq!(server.uploads().len(), 1);
}

#[test]
fn english_only_output_is_available() {
    let server = FakeServer::start();
    let mut args = p12_args(
        &server.url,
        VALID_CODE,
        &fixtures().applicant_p12,
        P12_PASSWORD,
    );
    args.extend(["--lang".to_owned(), "en".to_owned()]);

    let run = run_app(args, None);

    run.assert_code(0)
        .assert_output_contains("Success — your signature has been recorded.");
    assert!(!run.output().contains("Başarılı"));
}

#[test]
fn cards_are_found_through_the_installed_card_software_when_no_module_is_named() {
    let server = FakeServer::start();
    let args = card_args(&server.url, VALID_CODE, CARD, USER_PIN);
    // Without --pkcs11-module (and its path): the default list, where Debian's SoftHSM2 is
    // reachable under two paths and must still be listed once.
    let module = args.iter().position(|a| a == "--pkcs11-module").unwrap();
    let args: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != module && *i != module + 1)
        .map(|(_, a)| a.clone())
        .collect();

    let run = run_app(args, None);

    run.assert_code(0).assert_output_contains("İşlem Başarılı");
    assert_eq!(run.stdout.matches("  1) AYŞE YILMAZ").count(), 1);
    assert!(!run.stdout.contains("  2) "), "{}", run.stdout);
}
