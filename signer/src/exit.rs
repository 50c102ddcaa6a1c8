//! Exit codes: one per kind of failure a person (or a script) must tell apart, and the one
//! error type the app's steps return.

use esign::SignError;

use crate::text::{Lang, Msg};

/// How the app ended. The numbers are a contract (README, `--help`, tests): never renumber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExitKind {
    /// The signature was accepted.
    Success,
    /// Anything not listed below (a document that does not check out, a server error, …).
    Other,
    /// Wrong command line, or a prompt that got no answer.
    Usage,
    /// The verification code is wrong or unknown.
    CodeInvalid,
    /// The verification code (or its signing session) has expired.
    CodeExpired,
    /// The verification code was already used: the application is already signed.
    CodeUsed,
    /// Wrong PIN (or `.p12` password).
    PinIncorrect,
    /// The PIN is locked.
    PinLocked,
    /// No card/token: none present, none with the label, card removed, module unusable.
    TokenNotPresent,
    /// No signing certificate (with its private key) was found.
    NoCertificate,
    /// The server refused the signature.
    SignatureRefused,
    /// The server could not be reached (or is temporarily unavailable).
    ServerUnreachable,
}

impl ExitKind {
    /// Every kind, in exit-code order (for `--help` and the README).
    pub const ALL: [ExitKind; 12] = [
        ExitKind::Success,
        ExitKind::Other,
        ExitKind::Usage,
        ExitKind::CodeInvalid,
        ExitKind::CodeExpired,
        ExitKind::CodeUsed,
        ExitKind::PinIncorrect,
        ExitKind::PinLocked,
        ExitKind::TokenNotPresent,
        ExitKind::NoCertificate,
        ExitKind::SignatureRefused,
        ExitKind::ServerUnreachable,
    ];

    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitKind::Success => 0,
            ExitKind::Other => 1,
            ExitKind::Usage => 2,
            ExitKind::CodeInvalid => 3,
            ExitKind::CodeExpired => 4,
            ExitKind::CodeUsed => 5,
            ExitKind::PinIncorrect => 6,
            ExitKind::PinLocked => 7,
            ExitKind::TokenNotPresent => 8,
            ExitKind::NoCertificate => 9,
            ExitKind::SignatureRefused => 10,
            ExitKind::ServerUnreachable => 11,
        }
    }

    /// What the code means, for the table in `--help` and the README.
    pub fn meaning(self) -> Msg {
        let (tr, en) = match self {
            ExitKind::Success => ("imza kabul edildi", "signature accepted"),
            ExitKind::Other => ("diğer hatalar", "any other error"),
            ExitKind::Usage => (
                "hatalı kullanım ya da yanıtsız soru",
                "usage error, or a prompt got no answer",
            ),
            ExitKind::CodeInvalid => (
                "doğrulama kodu yanlış ya da bilinmiyor",
                "verification code wrong or unknown",
            ),
            ExitKind::CodeExpired => (
                "doğrulama kodunun (imza oturumunun) süresi doldu",
                "verification code (signing session) expired",
            ),
            ExitKind::CodeUsed => (
                "doğrulama kodu kullanılmış (başvuru zaten imzalı)",
                "verification code already used (already signed)",
            ),
            ExitKind::PinIncorrect => (
                "PIN ya da dosya parolası yanlış",
                "wrong PIN or file password",
            ),
            ExitKind::PinLocked => ("PIN bloke", "PIN locked"),
            ExitKind::TokenNotPresent => (
                "kart takılı değil / çıkarıldı / bulunamadı",
                "card not present, removed or not found",
            ),
            ExitKind::NoCertificate => (
                "imza sertifikası bulunamadı",
                "no signing certificate found",
            ),
            ExitKind::SignatureRefused => {
                ("sunucu imzayı reddetti", "the server refused the signature")
            }
            ExitKind::ServerUnreachable => {
                ("sunucuya ulaşılamıyor", "server unreachable or unavailable")
            }
        };
        Msg::new(tr, en)
    }

    /// The exit-code table as plain text, in `lang`.
    pub fn table(lang: Lang) -> String {
        ExitKind::ALL
            .iter()
            .map(|kind| format!("  {:>2}  {}", kind.code(), kind.meaning().render(lang)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The exit code for a signing-core error.
    pub fn for_sign_error(error: &SignError) -> ExitKind {
        match error {
            SignError::PinIncorrect { .. } => ExitKind::PinIncorrect,
            SignError::PinLocked => ExitKind::PinLocked,
            SignError::TokenNotPresent | SignError::ModuleUnavailable(_) => {
                ExitKind::TokenNotPresent
            }
            SignError::CertificateNotFound | SignError::PrivateKeyNotFound => {
                ExitKind::NoCertificate
            }
            SignError::UnsupportedKey(_)
            | SignError::KeyDoesNotMatchCertificate
            | SignError::Pkcs12Unreadable(_)
            | SignError::Token(_)
            | SignError::Encoding(_)
            | SignError::Certificate(_) => ExitKind::Other,
        }
    }
}

/// Why the app stops: the exit code, what to tell the person, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: ExitKind,
    pub message: Msg,
    /// Further lines: details, flags of the token, what to do next.
    pub details: Vec<Msg>,
}

impl Failure {
    pub fn new(kind: ExitKind, message: Msg) -> Failure {
        Failure {
            kind,
            message,
            details: Vec::new(),
        }
    }

    pub fn with(mut self, detail: Msg) -> Failure {
        self.details.push(detail);
        self
    }

    pub fn usage(message: Msg) -> Failure {
        Failure::new(ExitKind::Usage, message)
    }
}

#[cfg(test)]
mod tests {
    use esign::sign::PinStatus;

    use super::*;

    #[test]
    fn every_exit_code_is_distinct_and_listed_in_order() {
        let codes: Vec<u8> = ExitKind::ALL.iter().map(|kind| kind.code()).collect();
        assert_eq!(codes, (0..=11).collect::<Vec<u8>>());
    }

    #[test]
    fn the_codes_the_brief_fixes_do_not_move() {
        assert_eq!(ExitKind::Usage.code(), 2);
        assert_eq!(ExitKind::CodeInvalid.code(), 3);
        assert_eq!(ExitKind::CodeExpired.code(), 4);
        assert_eq!(ExitKind::CodeUsed.code(), 5);
        assert_eq!(ExitKind::PinIncorrect.code(), 6);
        assert_eq!(ExitKind::PinLocked.code(), 7);
        assert_eq!(ExitKind::TokenNotPresent.code(), 8);
        assert_eq!(ExitKind::NoCertificate.code(), 9);
        assert_eq!(ExitKind::SignatureRefused.code(), 10);
        assert_eq!(ExitKind::ServerUnreachable.code(), 11);
    }

    #[test]
    fn signing_errors_map_to_their_exit_codes() {
        let cases = [
            (
                SignError::PinIncorrect {
                    status: PinStatus::default(),
                },
                6,
            ),
            (SignError::PinLocked, 7),
            (SignError::TokenNotPresent, 8),
            (SignError::ModuleUnavailable("gone".into()), 8),
            (SignError::CertificateNotFound, 9),
            (SignError::PrivateKeyNotFound, 9),
            (SignError::KeyDoesNotMatchCertificate, 1),
            (SignError::Pkcs12Unreadable("junk".into()), 1),
            (SignError::Token("CKR_DEVICE_ERROR".into()), 1),
        ];
        for (error, code) in cases {
            assert_eq!(ExitKind::for_sign_error(&error).code(), code, "{error:?}");
        }
    }

    #[test]
    fn the_readme_documents_every_exit_code() {
        let readme = include_str!("../README.md");
        for kind in ExitKind::ALL {
            let row = format!(
                "| {} | {} | {} |",
                kind.code(),
                kind.meaning().tr(),
                kind.meaning().en()
            );
            assert!(readme.contains(&row), "README lacks the row {row}");
        }
    }
}
