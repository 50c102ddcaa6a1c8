//! The command line itself.

use crate::fake_server::{FakeServer, VALID_CODE};
use crate::helpers::{card_args, fixtures, p12_args, run_app, CARD, P12_PASSWORD, USER_PIN};

#[test]
fn help_documents_every_exit_code() {
    let run = run_app(["--help"], None);

    run.assert_code(0);
    for line in [
        " 3  doğrulama kodu yanlış",
        " 6  PIN ya da dosya parolası yanlış",
        " 7  PIN bloke",
        " 8  kart takılı değil",
        "10  sunucu imzayı reddetti",
        "11  sunucuya ulaşılamıyor",
    ] {
        run.assert_output_contains(line);
    }
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    run_app(["--imzala-hemen"], None).assert_code(2);
}

#[test]
fn a_server_url_that_is_not_http_is_a_usage_error() {
    let run = run_app(
        card_args("ftp://127.0.0.1", VALID_CODE, CARD, USER_PIN),
        None,
    );

    run.assert_code(2)
        .assert_output_contains("Sunucu adresi geçersiz");
}

#[test]
fn a_certificate_number_beyond_the_list_is_a_usage_error() {
    let server = FakeServer::start();
    let mut args = p12_args(
        &server.url,
        VALID_CODE,
        &fixtures().applicant_p12,
        P12_PASSWORD,
    );
    args.extend(["--certificate".to_owned(), "2".to_owned()]);

    let run = run_app(args, None);

    run.assert_code(2)
        .assert_output_contains("2 numaralı sertifika yok");
    assert!(server.uploads().is_empty());
}

#[test]
fn a_question_left_unanswered_names_the_flag_that_answers_it() {
    let server = FakeServer::start();

    // No --code, and standard input is closed.
    let run = run_app(["--server", server.url.as_str()], None);

    run.assert_code(2).assert_output_contains("--code");
}
