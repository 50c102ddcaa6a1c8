//! The signing session's steps without questions, shared by the two faces of the app: the
//! terminal ([`crate::flow`]) asks around them, the window ([`crate::gui`]) calls them from a
//! worker thread. One flow: the same checks, the same failures, the same exit codes.

use std::path::{Path, PathBuf};

use chrono::Utc;
use esign::sign::Pkcs12Store;
use esign::{sign_detached, Pin, SignError, Signer};

use crate::answers::{self, Step};
use crate::certificates::{self, Candidate, Found, Origin};
use crate::client::{ApiClient, Purpose, ServerUrl, SignatureAccepted, SigningSession};
use crate::code::{CodeError, VerificationCode};
use crate::exit::{ExitKind, Failure};
use crate::flow::{self, grouped_digest, local_time, sign_failure, ToSign};
use crate::text::Msg;

/// The server the app was built for (`scripts/build-signer` sets `NES_SIGNER_SERVER_URL` at
/// compile time), so that nobody has to type an address; a development build talks to the
/// server `scripts/run` starts.
pub const BUILT_IN_SERVER: &str = match option_env!("NES_SIGNER_SERVER_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8080",
};

/// A code's session with the server, once the document has been fetched and checked.
pub struct Opened {
    pub server: ServerUrl,
    pub client: ApiClient,
    pub session: SigningSession,
    pub to_sign: ToSign,
}

/// The server URL as given (flag, environment or built in).
pub fn server(text: &str) -> Result<ServerUrl, Failure> {
    ServerUrl::parse(text).map_err(|e| {
        Failure::usage(Msg::new(
            format!("Sunucu adresi geçersiz: {text}"),
            format!("The server URL is not valid: {text}"),
        ))
        .with(Msg::same(e.to_string()))
    })
}

/// The verification code as typed; the failure says what is wrong with it.
pub fn code(text: &str) -> Result<VerificationCode, Failure> {
    VerificationCode::parse(text).map_err(|error| {
        Failure::new(
            ExitKind::CodeInvalid,
            Msg::new(
                "Doğrulama kodu yanlış. Kodu sayfadan yeniden kopyalayın.",
                "The verification code is wrong. Copy it from the page again.",
            ),
        )
        .with(code_problem(error))
    })
}

/// What is wrong with a typed code, in words (also shown while typing).
pub fn code_problem(error: CodeError) -> Msg {
    match error {
        CodeError::Empty => Msg::new("Kod boş.", "The code is empty."),
        CodeError::InvalidCharacter => Msg::new(
            "Kodda harf ve rakamdan başka karakter var.",
            "The code has characters other than letters and digits.",
        ),
        CodeError::TooLong => Msg::new("Kod çok uzun.", "The code is too long."),
    }
}

/// Logs in with the code and fetches what it asks to be signed, checked against the login.
pub fn open(server: ServerUrl, code: &VerificationCode) -> Result<Opened, Failure> {
    let client = ApiClient::new(server.clone()).map_err(|e| answers::failure(Step::Login, e))?;
    let session = client
        .login(code)
        .map_err(|e| answers::failure(Step::Login, e))?;
    let to_sign = flow::fetch_document(&client, &session, &server)?;
    Ok(Opened {
        server,
        client,
        session,
        to_sign,
    })
}

/// One line of what is shown before signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: Msg,
    pub value: String,
}

impl Field {
    fn new(label: Msg, value: impl Into<String>) -> Field {
        Field {
            label,
            value: value.into(),
        }
    }
}

/// What is being signed, in short: for an approval the application reference, the person,
/// the document's digest and the code's expiry; for a login the site and the asking browser.
pub fn summary(opened: &Opened) -> Vec<Field> {
    let session = &opened.session;
    let mut fields = Vec::new();
    let digest = match &opened.to_sign {
        ToSign::Approval(document) => {
            fields.push(Field::new(
                Msg::new("Başvuru numarası", "Application reference"),
                session.application_reference.as_deref().unwrap_or_default(),
            ));
            fields.push(Field::new(
                Msg::new("Başvuru sahibi", "Applicant"),
                session.applicant_name.as_deref().unwrap_or_default(),
            ));
            fields.push(Field::new(
                Msg::new("T.C. Kimlik No", "TC identity no."),
                session.tckn_masked.as_deref().unwrap_or_default(),
            ));
            document.digest_hex()
        }
        ToSign::Login(document) => {
            fields.push(Field::new(Msg::new("Site", "Site"), document.origin()));
            if let Some(requester) = &session.requested_by {
                if let Some(ip) = &requester.ip {
                    fields.push(Field::new(
                        Msg::new("İsteyen tarayıcının adresi", "Browser address"),
                        ip.as_str(),
                    ));
                }
            }
            document.digest_hex()
        }
    };
    fields.push(Field::new(
        Msg::new("Belge özeti (SHA-256)", "Document digest (SHA-256)"),
        grouped_digest(&digest).join("\n"),
    ));
    fields.push(Field::new(
        Msg::new("Kodun geçerlilik sonu", "Code valid until"),
        local_time(session.expires_at),
    ));
    fields
}

/// What the signature is for, as a heading.
pub fn purpose(opened: &Opened) -> Msg {
    match opened.session.purpose {
        Purpose::Approval => Msg::new("İmzalanacak başvuru", "Application to sign"),
        Purpose::Login => Msg::new(
            "İmzalanacak: Online İşlemler'e giriş",
            "To be signed: logging in to Online İşlemler",
        ),
    }
}

/// The certificates on the cards present now, through `modules` (none: the common middleware
/// that is installed), and notes about modules that could not be used. Never asks anything.
pub fn scan_cards(modules: &[PathBuf], label: Option<&str>) -> Result<(Found, Vec<Msg>), Failure> {
    let (loaded, mut notes) = certificates::load_modules(modules)?;
    let (tokens, more) = certificates::find_tokens(&loaded, label);
    notes.extend(more);
    let mut found = Found::default();
    found.add_tokens(&tokens).map_err(|e| sign_failure(&e))?;
    Ok((found, notes))
}

/// Opens a `.p12` file with its password.
pub fn open_p12(file: &Path, password: &Pin) -> Result<Pkcs12Store, Failure> {
    let data = std::fs::read(file).map_err(|e| {
        Failure::usage(Msg::new(
            format!(".p12 dosyası okunamadı: {}", file.display()),
            format!("The .p12 file cannot be read: {}", file.display()),
        ))
        .with(Msg::same(e.to_string()))
    })?;
    Pkcs12Store::open(&data, password).map_err(|error| match error {
        SignError::PinIncorrect { .. } => Failure::new(
            ExitKind::PinIncorrect,
            Msg::new("Dosya parolası yanlış.", "Wrong file password."),
        ),
        error => Failure::new(
            ExitKind::Other,
            Msg::new(
                format!(".p12 dosyası açılamadı: {}", file.display()),
                format!("The .p12 file cannot be opened: {}", file.display()),
            ),
        )
        .with(Msg::same(format!("{}: {error}", error.code()))),
    })
}

/// A signer for `chosen`: the card's after logging in with `pin`, or the opened file's.
pub fn unlock(
    chosen: &Candidate,
    store: Option<&Pkcs12Store>,
    pin: &Pin,
) -> Result<Box<dyn Signer>, Failure> {
    match &chosen.origin {
        Origin::Pkcs12 { alias, .. } => {
            let store = store.ok_or_else(flow::cancelled)?;
            let signer = store.signer(alias).map_err(|e| sign_failure(&e))?;
            Ok(Box::new(signer))
        }
        Origin::Token {
            token, certificate, ..
        } => match token.login(certificate, pin) {
            Ok(signer) => Ok(Box::new(signer)),
            Err(error) => Err(sign_failure(&error)),
        },
    }
}

/// İmzala: signs the checked document and uploads the signature.
pub fn sign_and_send(
    opened: &Opened,
    signer: Box<dyn Signer>,
) -> Result<SignatureAccepted, Failure> {
    let cms = sign_detached(opened.to_sign.as_bytes(), signer.as_ref(), Utc::now())
        .map_err(|e| sign_failure(&e))?;
    // Closes the card's session (logs out) before the network round trip.
    drop(signer);
    opened
        .client
        .upload_signature(&opened.session.signing_token, cms)
        .map_err(|e| answers::failure(Step::Upload, e))
}

/// "İşlem Başarılı" and what happens next, for the kind of signature accepted.
pub fn success(to_sign: &ToSign) -> Msg {
    match to_sign {
        ToSign::Approval(_) => Msg::new(
            "İşlem Başarılı — imzanız kaydedildi.",
            "Success — your signature has been recorded.",
        ),
        ToSign::Login(_) => Msg::new(
            "İşlem Başarılı — girişiniz onaylandı.",
            "Success — your login has been confirmed.",
        ),
    }
}
