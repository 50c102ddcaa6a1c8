//! The server refuses, has already been answered, or cannot be reached.

use crate::fake_server::{Behaviour, FakeServer, SignatureAnswer, VALID_CODE};
use crate::helpers::{card_args, run_app, unreachable_url, CARD, USER_PIN};

#[test]
fn a_refused_signature_exits_with_10_and_prints_the_refusal_code_and_detail() {
    let server = FakeServer::with(Behaviour {
        signature: SignatureAnswer::Problem {
            status: 422,
            code: "tckn_mismatch",
            detail: "The certificate's serialNumber is not the applicant's TCKN.",
        },
        ..Behaviour::default()
    });

    let run = run_app(card_args(&server.url, VALID_CODE, CARD, USER_PIN), None);

    run.assert_code(10)
        .assert_output_contains("Sunucu imzayı reddetti: tckn_mismatch")
        .assert_output_contains("The certificate's serialNumber is not the applicant's TCKN.");
}

#[test]
fn a_session_signed_meanwhile_exits_with_5_at_upload() {
    let server = FakeServer::with(Behaviour {
        signature: SignatureAnswer::Problem {
            status: 409,
            code: "signing_code_used",
            detail: "Already signed.",
        },
        ..Behaviour::default()
    });

    let run = run_app(card_args(&server.url, VALID_CODE, CARD, USER_PIN), None);

    run.assert_code(5);
}

#[test]
fn a_server_that_cannot_be_reached_exits_with_11() {
    let run = run_app(
        card_args(&unreachable_url(), VALID_CODE, CARD, USER_PIN),
        None,
    );

    run.assert_code(11)
        .assert_output_contains("Sunucuya ulaşılamıyor");
}
