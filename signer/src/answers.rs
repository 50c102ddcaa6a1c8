//! What the server's error answers mean for the person: an exit code and a message in both
//! languages. The stable snake_case `code` decides; the HTTP status is the fallback for an
//! answer without one.

use crate::client::{ApiError, Problem};
use crate::exit::{ExitKind, Failure};
use crate::text::Msg;

/// Which request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Login,
    Document,
    Upload,
}

/// The exit code for an error answer to `step`.
pub fn exit_kind(step: Step, status: u16, code: Option<&str>) -> ExitKind {
    match code {
        Some("signing_code_invalid") => return ExitKind::CodeInvalid,
        // A superseded session is as dead as an expired one: a new code is the way on.
        Some("signing_code_expired" | "signing_token_invalid" | "signing_session_superseded") => {
            return ExitKind::CodeExpired
        }
        Some("signing_code_used") => return ExitKind::CodeUsed,
        _ => {}
    }
    match (step, status) {
        (Step::Upload, 422) => ExitKind::SignatureRefused,
        (Step::Login, 401) => ExitKind::CodeInvalid,
        (Step::Document | Step::Upload, 401) => ExitKind::CodeExpired,
        (_, 410) => ExitKind::CodeExpired,
        (_, 409) => ExitKind::CodeUsed,
        (_, 502..=504) => ExitKind::ServerUnreachable,
        _ => ExitKind::Other,
    }
}

/// The failure to report for `error` from `step`.
pub fn failure(step: Step, error: ApiError) -> Failure {
    match error {
        ApiError::Unreachable(cause) => Failure::new(
            ExitKind::ServerUnreachable,
            Msg::new(
                "Sunucuya ulaşılamıyor. İnternet bağlantınızı ve sunucu adresini denetleyip yeniden deneyin.",
                "The server cannot be reached. Check your connection and the server address, then try again.",
            ),
        )
        .with(Msg::same(cause)),
        ApiError::Unexpected(what) => Failure::new(
            ExitKind::Other,
            Msg::new(
                "Sunucudan beklenmeyen bir yanıt geldi.",
                "The server gave an unexpected answer.",
            ),
        )
        .with(Msg::same(what)),
        ApiError::Problem(problem) => problem_failure(step, &problem),
    }
}

fn problem_failure(step: Step, problem: &Problem) -> Failure {
    let kind = exit_kind(step, problem.status, problem.code.as_deref());
    let code_line = || {
        let code = problem.code.as_deref().unwrap_or("-");
        let detail = problem
            .detail
            .as_deref()
            .or(problem.title.as_deref())
            .unwrap_or("");
        Msg::same(format!("HTTP {} · {code} · {detail}", problem.status))
    };
    let again = Msg::new(
        "Tarayıcıdaki sayfadan yeni bir doğrulama kodu alıp uygulamayı yeniden çalıştırın.",
        "Get a new verification code on the page in your browser and run the app again.",
    );
    match kind {
        ExitKind::CodeInvalid => Failure::new(
            kind,
            Msg::new(
                "Doğrulama kodu yanlış. Kodu sayfadan yeniden kopyalayın.",
                "The verification code is wrong. Copy it from the page again.",
            ),
        ),
        ExitKind::CodeExpired => {
            let message = if problem.code.as_deref() == Some("signing_token_invalid") {
                Msg::new(
                    "İmza oturumu sona erdi.",
                    "The signing session has ended.",
                )
            } else {
                Msg::new(
                    "Doğrulama kodunun süresi doldu.",
                    "The verification code has expired.",
                )
            };
            Failure::new(kind, message).with(again)
        }
        ExitKind::CodeUsed => Failure::new(
            kind,
            Msg::new(
                "Bu doğrulama kodu daha önce kullanılmış.",
                "This verification code was already used.",
            ),
        )
        .with(Msg::new(
            "Başvurunuz imzalandıysa tarayıcıdaki sayfada \"İşlem Başarılı\" görünür; görünmüyorsa sayfadan yeni bir kod alın.",
            "If your application was signed, the page in your browser shows \"İşlem Başarılı\"; if not, get a new code on the page.",
        )),
        ExitKind::SignatureRefused => {
            let code = problem.code.as_deref().unwrap_or("-");
            let mut failure = Failure::new(
                kind,
                Msg::new(
                    format!("Sunucu imzayı reddetti: {code}"),
                    format!("The server refused the signature: {code}"),
                ),
            );
            if let Some(explanation) = refusal_explanation(code) {
                failure = failure.with(explanation);
            }
            if let Some(detail) = &problem.detail {
                failure = failure.with(Msg::same(detail.clone()));
            }
            // The server closes the signing session with its refusal.
            failure.with(Msg::new(
                "Sorunu giderdikten sonra tarayıcıdaki sayfadan yeni bir doğrulama kodu alın.",
                "Once the problem is solved, get a new verification code on the page in your browser.",
            ))
        }
        ExitKind::ServerUnreachable => Failure::new(
            kind,
            Msg::new(
                "Sunucu şu anda hizmet veremiyor; biraz sonra yeniden deneyin.",
                "The server is temporarily unavailable; try again a little later.",
            ),
        )
        .with(code_line()),
        _ => Failure::new(
            ExitKind::Other,
            Msg::new(
                "Sunucu isteği yerine getiremedi.",
                "The server could not carry out the request.",
            ),
        )
        .with(code_line()),
    }
}

/// What a refusal code of the verifier means, for the person.
pub fn refusal_explanation(code: &str) -> Option<Msg> {
    let (tr, en) = match code {
        "cms_malformed" | "unsupported_algorithm" | "signed_attribute_missing" => (
            "İmza biçimi sunucunun beklediği gibi değil.",
            "The signature is not in the format the server expects.",
        ),
        "signature_invalid" => ("İmza doğrulanamadı.", "The signature does not verify."),
        "digest_mismatch" => (
            "İmzalanan belge sunucudaki belgeyle aynı değil.",
            "The signed document is not the one on the server.",
        ),
        "signing_certificate_mismatch" => (
            "İmzadaki sertifika bilgisi sertifikayla uyuşmuyor.",
            "The signature's certificate reference does not match the certificate.",
        ),
        "signing_time_skew" => (
            "Bilgisayarınızın saati yanlış görünüyor; saati düzeltip yeniden deneyin.",
            "Your computer's clock seems wrong; correct it and try again.",
        ),
        "certificate_not_yet_valid" => (
            "Sertifika henüz geçerli değil.",
            "The certificate is not valid yet.",
        ),
        "certificate_expired" => (
            "Sertifikanın süresi dolmuş; e-Onay ile onaylayabilir ya da yeni NES alabilirsiniz.",
            "The certificate has expired; you can approve with e-Onay or get a new NES.",
        ),
        "untrusted_chain" => (
            "Sertifika güvenilen bir Kamu SM kökünden verilmemiş.",
            "The certificate was not issued under a trusted Kamu SM root.",
        ),
        "certificate_revoked" => (
            "Sertifika iptal edilmiş.",
            "The certificate has been revoked.",
        ),
        "revocation_status_unknown" => (
            "Sertifikanın iptal durumu şu an denetlenemiyor; biraz sonra yeniden deneyin.",
            "The certificate's revocation status cannot be checked now; try again later.",
        ),
        "key_usage_not_non_repudiation" => (
            "Bu sertifika nitelikli elektronik imza (NES) sertifikası değil.",
            "This certificate is not a qualified e-signature (NES) certificate.",
        ),
        "tckn_mismatch" => (
            "Sertifikadaki T.C. Kimlik No başvuru sahibininkiyle aynı değil.",
            "The TC identity number in the certificate is not the applicant's.",
        ),
        _ => return None,
    };
    Some(Msg::new(tr, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_errors_map_to_their_exit_codes_by_code() {
        assert_eq!(
            exit_kind(Step::Login, 401, Some("signing_code_invalid")).code(),
            3
        );
        assert_eq!(
            exit_kind(Step::Login, 410, Some("signing_code_expired")).code(),
            4
        );
        assert_eq!(
            exit_kind(Step::Login, 409, Some("signing_code_used")).code(),
            5
        );
    }

    #[test]
    fn answers_without_a_code_fall_back_to_the_status() {
        assert_eq!(exit_kind(Step::Login, 401, None).code(), 3);
        assert_eq!(exit_kind(Step::Login, 410, None).code(), 4);
        assert_eq!(exit_kind(Step::Login, 409, None).code(), 5);
        assert_eq!(exit_kind(Step::Upload, 422, None).code(), 10);
        assert_eq!(exit_kind(Step::Document, 503, None).code(), 11);
        assert_eq!(exit_kind(Step::Document, 500, None).code(), 1);
        assert_eq!(
            exit_kind(Step::Login, 404, Some("route_not_found")).code(),
            1
        );
    }

    #[test]
    fn an_ended_signing_session_is_reported_like_an_expired_code() {
        assert_eq!(
            exit_kind(Step::Document, 401, Some("signing_token_invalid")).code(),
            4
        );
        assert_eq!(exit_kind(Step::Upload, 401, None).code(), 4);
        assert_eq!(
            exit_kind(Step::Document, 410, Some("signing_code_expired")).code(),
            4
        );
    }

    #[test]
    fn every_refusal_of_the_upload_is_exit_code_10() {
        for code in esign::Refusal::ALL_CODES {
            assert_eq!(
                exit_kind(Step::Upload, 422, Some(code)).code(),
                10,
                "{code}"
            );
        }
        assert_eq!(
            exit_kind(Step::Upload, 409, Some("signing_code_used")).code(),
            5
        );
    }

    #[test]
    fn every_refusal_code_of_the_verifier_is_explained() {
        for code in esign::Refusal::ALL_CODES {
            assert!(refusal_explanation(code).is_some(), "{code}");
        }
        assert!(refusal_explanation("something_new").is_none());
    }

    #[test]
    fn a_refusal_prints_its_code_and_detail() {
        let failure = failure(
            Step::Upload,
            ApiError::Problem(Problem {
                status: 422,
                code: Some("tckn_mismatch".into()),
                title: None,
                detail: Some("serialNumber 200******46".into()),
            }),
        );
        assert_eq!(failure.kind, ExitKind::SignatureRefused);
        assert!(failure.message.en().contains("tckn_mismatch"));
        assert!(failure
            .details
            .iter()
            .any(|line| line.en() == "serialNumber 200******46"));
    }
}
