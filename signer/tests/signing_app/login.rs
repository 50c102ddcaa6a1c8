//! Logging in with e-İmza: the same app, code, card and PIN, but the signature logs the person
//! in to Online İşlemler; the app says so, names the site and the browser, and signs only a
//! login for the server it talks to.

use crate::fake_server::{
    Behaviour, FakeServer, SignatureAnswer, APPLICATION_REFERENCE, FOREIGN_LOGIN_CODE,
    FOREIGN_ORIGIN, LOGIN_CODE, REQUESTER_AGENT, REQUESTER_IP,
};
use crate::helpers::{
    card_args, fixtures, p12_args, run_app, APPLICANT_NAME, CARD, P12_PASSWORD, USER_PIN,
};

#[test]
fn a_login_is_signed_with_a_card_and_the_app_shows_that_it_is_a_login() {
    let server = FakeServer::start();

    let run = run_app(card_args(&server.url, LOGIN_CODE, CARD, USER_PIN), None);

    run.assert_code(0);
    let digest = server.login_document().digest_hex();
    let first_groups = format!("{} {} {}", &digest[0..4], &digest[4..8], &digest[8..12]);
    for shown in [
        "İmzalanacak: Online İşlemler'e giriş",
        "Bu imza bir başvuruyu onaylamaz: Online İşlemler'e giriş yapmanızı sağlar.",
        &server.url,
        REQUESTER_IP,
        REQUESTER_AGENT,
        "Girişi siz başlatmadıysanız imzalamayın",
        "Online İşlemler'e nitelikli elektronik sertifikamla giriş yapıyorum.",
        first_groups.as_str(),
        "İşlem Başarılı — girişiniz onaylandı.",
    ] {
        run.assert_output_contains(shown);
    }
    // Nothing about an application: no reference, no approval statement.
    assert!(
        !run.output().contains(APPLICATION_REFERENCE),
        "{}",
        run.output()
    );
    assert!(!run.output().contains("Taahhütname"), "{}", run.output());
    let uploads = server.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].verification.as_deref(), Ok(APPLICANT_NAME));
}

#[test]
fn the_login_is_explained_in_english_too() {
    let server = FakeServer::start();
    let mut args = card_args(&server.url, LOGIN_CODE, CARD, USER_PIN);
    args.extend(["--lang".to_owned(), "en".to_owned()]);

    let run = run_app(args, None);

    run.assert_code(0)
        .assert_output_contains("To be signed: logging in to Online İşlemler")
        .assert_output_contains("This signature approves no application")
        .assert_output_contains("Success — your login has been confirmed.");
}

#[test]
fn anybodys_certificate_may_log_in_without_being_flagged_as_someone_elses() {
    let server = FakeServer::start();

    let run = run_app(
        p12_args(
            &server.url,
            LOGIN_CODE,
            &fixtures().other_person_p12,
            P12_PASSWORD,
        ),
        None,
    );

    run.assert_code(0);
    assert!(
        !run.output().contains("başvuru sahibine ait değil"),
        "{}",
        run.output()
    );
    assert_eq!(
        server.uploads()[0].verification.as_deref(),
        Ok("MEHMET DEMİR")
    );
}

#[test]
fn a_login_for_another_site_is_not_signed() {
    let server = FakeServer::start();

    let run = run_app(
        card_args(&server.url, FOREIGN_LOGIN_CODE, CARD, USER_PIN),
        None,
    );

    run.assert_code(1)
        .assert_output_contains("Giriş belgesi başka bir site için")
        .assert_output_contains(FOREIGN_ORIGIN)
        .assert_output_contains("Belge imzalanmadı");
    assert!(server.uploads().is_empty(), "nothing was signed or sent");
}

#[test]
fn a_refused_login_exits_with_10_and_says_why() {
    let server = FakeServer::with(Behaviour {
        signature: SignatureAnswer::Problem {
            status: 422,
            code: "certificate_revoked",
            detail: "The certificate is revoked",
        },
        ..Behaviour::default()
    });

    let run = run_app(card_args(&server.url, LOGIN_CODE, CARD, USER_PIN), None);

    run.assert_code(10)
        .assert_output_contains("Sunucu imzayı reddetti: certificate_revoked")
        .assert_output_contains("Sertifika iptal edilmiş.");
}
