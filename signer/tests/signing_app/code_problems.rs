//! The verification code and the document it opens.

use crate::fake_server::{Behaviour, FakeServer, EXPIRED_CODE, USED_CODE, VALID_CODE};
use crate::helpers::{card_args, fixtures, p12_args, run_app, CARD, P12_PASSWORD, USER_PIN};

#[test]
fn a_wrong_code_exits_with_3() {
    let server = FakeServer::start();

    let run = run_app(
        card_args(&server.url, "AAAA-BBBB-CCCC", CARD, USER_PIN),
        None,
    );

    run.assert_code(3)
        .assert_output_contains("Doğrulama kodu yanlış");
    assert!(server.uploads().is_empty());
}

#[test]
fn a_code_with_characters_no_code_has_exits_with_3_without_asking_the_server() {
    let server = FakeServer::start();

    let run = run_app(card_args(&server.url, "7KQ4.9XWM", CARD, USER_PIN), None);

    run.assert_code(3);
    assert_eq!(server.logins(), 0);
}

#[test]
fn an_expired_code_exits_with_4() {
    let server = FakeServer::start();

    let run = run_app(card_args(&server.url, EXPIRED_CODE, CARD, USER_PIN), None);

    run.assert_code(4)
        .assert_output_contains("Doğrulama kodunun süresi doldu")
        .assert_output_contains("yeni bir doğrulama kodu");
}

#[test]
fn a_used_code_exits_with_5() {
    let server = FakeServer::start();

    let run = run_app(card_args(&server.url, USED_CODE, CARD, USER_PIN), None);

    run.assert_code(5).assert_output_contains("kullanılmış");
}

#[test]
fn a_document_whose_digest_differs_from_the_announced_one_is_not_signed() {
    let server = FakeServer::with(Behaviour {
        announced_sha256: Some("00".repeat(32)),
        ..Behaviour::default()
    });

    let run = run_app(
        p12_args(
            &server.url,
            VALID_CODE,
            &fixtures().applicant_p12,
            P12_PASSWORD,
        ),
        None,
    );

    run.assert_code(1)
        .assert_output_contains("özeti (SHA-256) bildirilen özetle uyuşmuyor");
    assert!(server.uploads().is_empty());
}
