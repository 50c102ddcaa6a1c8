//! "Sertifika Seçiniz": the signing certificates on the PKCS#11 tokens (smart cards) and in a
//! PKCS#12 file, and how each is shown.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use esign::sign::{Pkcs11Module, Pkcs12Store, Token, TokenCertificate};
use esign::{CertificateSummary, SignError};
use shared::Tckn;

use crate::exit::{ExitKind, Failure};
use crate::tckn::{self, Holder};
use crate::text::Msg;

/// PKCS#11 modules tried when none is named: SoftHSM2 (the development card), then the card
/// middleware NES cards commonly use (AKİS, SafeNet, OpenSC), on Linux and macOS.
pub const DEFAULT_MODULES: &[&str] = &[
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/libakisp11.so",
    "/usr/local/lib/libakisp11.so",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/usr/local/lib/libakisp11.dylib",
    "/Library/OpenSC/lib/opensc-pkcs11.so",
];

/// Where a certificate is.
#[derive(Debug, Clone)]
pub enum Origin {
    /// On a token (card), found through `module`.
    Token {
        module: PathBuf,
        token: Token,
        certificate: Box<TokenCertificate>,
    },
    /// In the `.p12` file, under `alias`.
    Pkcs12 { file: PathBuf, alias: String },
}

/// A certificate the person can choose.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub summary: CertificateSummary,
    pub origin: Origin,
}

impl Candidate {
    /// Where it is, for the list.
    pub fn source(&self) -> Msg {
        match &self.origin {
            Origin::Token { token, .. } => Msg::new(
                format!("kart \"{}\"", token.label()),
                format!("card \"{}\"", token.label()),
            ),
            Origin::Pkcs12 { file, .. } => Msg::new(
                format!("dosya {}", file.display()),
                format!("file {}", file.display()),
            ),
        }
    }

    /// What is wrong with choosing it at `now` (empty: nothing): for an approval, to sign for
    /// `applicant` (the masked TCKN of the login answer and the full one of the document); for
    /// a login (`None`), anybody's certificate will do if it names a valid TCKN.
    pub fn warnings(&self, applicant: Option<(&str, &Tckn)>, now: DateTime<Utc>) -> Vec<Msg> {
        let mut warnings = Vec::new();
        let holder = match applicant {
            Some((tckn_masked, applicant)) => {
                tckn::holder(self.summary.tckn(), tckn_masked, applicant)
            }
            None => match self.summary.tckn().map(|t| Tckn::parse(t.trim())) {
                Some(Ok(_)) => Holder::Applicant,
                _ => Holder::Unknown,
            },
        };
        let tckn_masked = applicant.map(|(masked, _)| masked).unwrap_or_default();
        match holder {
            Holder::Applicant => {}
            Holder::SomeoneElse => warnings.push(Msg::new(
                format!(
                    "Bu sertifika başvuru sahibine ait değil: T.C. Kimlik No farklı ({} ≠ {tckn_masked}).",
                    tckn::mask(self.summary.tckn())
                ),
                format!(
                    "This certificate is not the applicant's: the TC identity number differs ({} ≠ {tckn_masked}).",
                    tckn::mask(self.summary.tckn())
                ),
            )),
            Holder::Unknown => warnings.push(Msg::new(
                "Sertifikada T.C. Kimlik No yok.",
                "The certificate carries no TC identity number.",
            )),
        }
        if now > self.summary.not_after() {
            warnings.push(Msg::new(
                format!(
                    "Sertifikanın süresi {} tarihinde dolmuş.",
                    date(self.summary.not_after())
                ),
                format!(
                    "The certificate expired on {}.",
                    date(self.summary.not_after())
                ),
            ));
        } else if now < self.summary.not_before() {
            warnings.push(Msg::new(
                format!(
                    "Sertifika {} tarihinden önce geçerli değil.",
                    date(self.summary.not_before())
                ),
                format!(
                    "The certificate is not valid before {}.",
                    date(self.summary.not_before())
                ),
            ));
        }
        warnings
    }
}

/// A date as shown to people: `2026-11-23`.
pub fn date(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// A PKCS#11 module loaded from `path`.
#[derive(Debug)]
pub struct LoadedModule {
    pub path: PathBuf,
    pub module: Pkcs11Module,
}

/// Loads the modules: the named ones (each must load), or the default ones that exist (a
/// failure there is only a note, returned beside them).
pub fn load_modules(named: &[PathBuf]) -> Result<(Vec<LoadedModule>, Vec<Msg>), Failure> {
    let mut modules = Vec::new();
    let mut notes = Vec::new();
    if named.is_empty() {
        // One library may be found under two paths (Debian links /usr/lib/softhsm into the
        // multiarch folder): load it once, or its tokens would be listed twice.
        let mut seen = Vec::new();
        for path in DEFAULT_MODULES.iter().map(PathBuf::from) {
            let Ok(real) = path.canonicalize() else {
                continue;
            };
            if seen.contains(&real) {
                continue;
            }
            seen.push(real);
            match Pkcs11Module::load(&path) {
                Ok(module) => modules.push(LoadedModule { path, module }),
                Err(error) => notes.push(module_note(&path, &error)),
            }
        }
        return Ok((modules, notes));
    }
    let mut seen = Vec::new();
    for path in named {
        let real = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.contains(&real) {
            continue;
        }
        seen.push(real);
        let module = Pkcs11Module::load(path).map_err(|error| {
            Failure::new(
                ExitKind::TokenNotPresent,
                Msg::new(
                    format!(
                        "Kart yazılımı (PKCS#11 modülü) yüklenemedi: {}",
                        path.display()
                    ),
                    format!(
                        "The card software (PKCS#11 module) cannot be loaded: {}",
                        path.display()
                    ),
                ),
            )
            .with(Msg::same(error.to_string()))
        })?;
        modules.push(LoadedModule {
            path: path.clone(),
            module,
        });
    }
    Ok((modules, notes))
}

fn module_note(path: &Path, error: &SignError) -> Msg {
    Msg::new(
        format!("{} kullanılamadı: {error}", path.display()),
        format!("{} could not be used: {error}", path.display()),
    )
}

/// The tokens present on `modules`; only the one labelled `label` when given.
pub fn find_tokens(
    modules: &[LoadedModule],
    label: Option<&str>,
) -> (Vec<(PathBuf, Token)>, Vec<Msg>) {
    let mut tokens = Vec::new();
    let mut notes = Vec::new();
    for LoadedModule { path, module } in modules {
        let labels = match module.token_labels() {
            Ok(labels) => labels,
            Err(error) => {
                notes.push(module_note(path, &error));
                continue;
            }
        };
        for found in labels {
            if label.is_some_and(|wanted| wanted != found) {
                continue;
            }
            // A token pulled out between the two calls is simply not listed.
            if let Ok(token) = module.token(&found) {
                tokens.push((path.clone(), token));
            }
        }
    }
    (tokens, notes)
}

/// The certificates found, those that may sign first; and how many were left out because
/// they are not signing (nonRepudiation) certificates.
#[derive(Debug, Default)]
pub struct Found {
    pub candidates: Vec<Candidate>,
    pub not_for_signing: usize,
}

impl Found {
    fn add(&mut self, summary: CertificateSummary, origin: Origin) {
        if summary.has_non_repudiation() {
            self.candidates.push(Candidate { summary, origin });
        } else {
            self.not_for_signing += 1;
        }
    }

    /// The certificates on `tokens` (public objects: no PIN needed).
    pub fn add_tokens(&mut self, tokens: &[(PathBuf, Token)]) -> Result<(), SignError> {
        for (module, token) in tokens {
            for certificate in token.certificates()? {
                self.add(
                    certificate.summary().clone(),
                    Origin::Token {
                        module: module.clone(),
                        token: token.clone(),
                        certificate: Box::new(certificate),
                    },
                );
            }
        }
        Ok(())
    }

    /// The certificates (with a key) in an opened `.p12` file.
    pub fn add_pkcs12(&mut self, file: &Path, store: &Pkcs12Store) {
        for certificate in store.certificates() {
            self.add(
                certificate.summary().clone(),
                Origin::Pkcs12 {
                    file: file.to_owned(),
                    alias: certificate.alias().to_owned(),
                },
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn dates_are_shown_as_year_month_day() {
        let at = Utc.with_ymd_and_hms(2028, 1, 9, 23, 59, 59).unwrap();
        assert_eq!(date(at), "2028-01-09");
    }

    fn candidate(tckn: &Tckn, not_before: DateTime<Utc>, days: i64) -> Candidate {
        use esign::pki::{KeyType, PersonCertificateRequest, TestCa};
        let now = Utc::now();
        let ca = TestCa::new(
            KeyType::P256,
            now - chrono::Duration::days(3650),
            now + chrono::Duration::days(3650),
        )
        .unwrap();
        let issued = ca
            .issue(&PersonCertificateRequest::nes(
                "AYŞE YILMAZ",
                tckn.clone(),
                KeyType::P256,
                not_before,
                days,
            ))
            .unwrap();
        Candidate {
            summary: issued.summary().unwrap(),
            origin: Origin::Pkcs12 {
                file: PathBuf::from("ayse.p12"),
                alias: "nes".into(),
            },
        }
    }

    fn applicant() -> Tckn {
        Tckn::parse("10000000146").unwrap()
    }

    #[test]
    fn the_applicants_valid_certificate_has_no_warning() {
        let now = Utc::now();
        let candidate = candidate(&applicant(), now - chrono::Duration::days(1), 730);
        assert!(candidate
            .warnings(Some(("100******46", &applicant())), now)
            .is_empty());
    }

    #[test]
    fn an_expired_certificate_is_flagged() {
        let now = Utc::now();
        let candidate = candidate(&applicant(), now - chrono::Duration::days(800), 730);
        let warnings = candidate.warnings(Some(("100******46", &applicant())), now);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].en().contains("expired"));
    }

    #[test]
    fn another_persons_certificate_is_flagged_with_both_numbers_masked() {
        let now = Utc::now();
        let other = Tckn::from_first_nine([2, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
        let candidate = candidate(&other, now - chrono::Duration::days(1), 730);
        let warnings = candidate.warnings(Some(("100******46", &applicant())), now);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].en().contains(&other.masked()));
        assert!(!warnings[0].en().contains(other.as_str()));
    }

    #[test]
    fn for_a_login_anybodys_valid_certificate_will_do_but_an_expired_one_is_flagged() {
        let now = Utc::now();
        let other = Tckn::from_first_nine([2, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
        let someone = candidate(&other, now - chrono::Duration::days(1), 730);
        assert!(someone.warnings(None, now).is_empty());
        let expired = candidate(&other, now - chrono::Duration::days(800), 730);
        let warnings = expired.warnings(None, now);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].en().contains("expired"));
    }

    #[test]
    fn a_named_module_that_does_not_load_means_no_card() {
        let failure = load_modules(&[PathBuf::from("/nonexistent/libnothing.so")]).unwrap_err();
        assert_eq!(failure.kind, ExitKind::TokenNotPresent);
    }
}
