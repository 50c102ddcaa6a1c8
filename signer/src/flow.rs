//! The terminal face of the signing session, step by step as the process document describes
//! it (§ 3.4.2): server, Doğrulama Kodu, what will be signed, Sertifika Seçiniz, PIN, İmzala,
//! Uygulamayı Kapat. The steps themselves are [`crate::session`]'s, shared with the window.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use esign::document::login::LoginDocument;
use esign::document::{Signable, SigningDocument, APPROVAL_STATEMENT};
use esign::sign::{PinStatus, Pkcs12Store};
use esign::{Pin, SignError, Signer};
use sha2::{Digest, Sha256};
use shared::Tckn;

use crate::answers::{self, Step};
use crate::certificates::{self, Candidate, Found, Origin};
use crate::client::{ApiClient, Purpose, ServerUrl, SigningSession};
use crate::code::{group, VerificationCode};
use crate::exit::{ExitKind, Failure};
use crate::login;
use crate::session;
use crate::tckn;
use crate::text::Msg;
use crate::ui::Ui;

/// Everything the command line can answer in advance.
pub struct Options {
    /// `--server`, else `NES_SERVER_URL`, else the one the app was built for: never asked.
    pub server: String,
    pub code: Option<String>,
    pub pkcs11_modules: Vec<PathBuf>,
    pub token_label: Option<String>,
    pub p12: Option<PathBuf>,
    /// 1-based, as listed.
    pub certificate: Option<usize>,
    pub pin: Option<Pin>,
    pub p12_password: Option<Pin>,
}

/// Runs the whole session; `Ok` once the server has accepted the signature.
pub fn run(options: Options, ui: &Ui) -> Result<(), Failure> {
    ui.say(&Msg::new(
        "Kamu SM — e-İmza Uygulaması: NES başvurusunun onayı ve Online İşlemler'e giriş",
        "Kamu SM — e-Signature App: approving an NES application and logging in to Online İşlemler",
    ));

    ui.step(1, &Msg::new("Sunucu", "Server"));
    let server = server_url(&options, ui)?;

    ui.step(2, &Msg::new("Doğrulama Kodu", "Verification code"));
    let code = verification_code(&options, ui)?;
    let opened = session::open(server, &code)?;
    let session = &opened.session;
    let to_sign = &opened.to_sign;
    match to_sign {
        ToSign::Approval(document) => show_document(ui, session, document),
        ToSign::Login(document) => login::show(ui, session, document),
    }

    ui.step(3, &Msg::new("Sertifika Seçiniz", "Choose a certificate"));
    let wallet = Wallet::open(&options, ui)?;
    let chosen = choose(
        &wallet.found,
        &options,
        ui,
        to_sign.expected_holder(session),
    )?;

    ui.step(4, &Msg::new("PIN", "PIN"));
    let signer = unlock(&wallet, chosen, &options, ui)?;

    ui.step(5, &Msg::new("İmzala", "Sign"));
    let question = match to_sign {
        ToSign::Approval(_) => Msg::new(
            "Yukarıdaki belge seçtiğiniz sertifikayla imzalansın mı? İmzala",
            "Sign the document above with the chosen certificate? İmzala",
        ),
        ToSign::Login(_) => login::sign_question(),
    };
    if !ui.confirm(&question, true)? {
        return Err(cancelled());
    }
    ui.say(&Msg::new(
        "İmza oluşturuluyor ve sunucuya gönderiliyor…",
        "Making the signature and sending it to the server…",
    ));
    let accepted = session::sign_and_send(&opened, signer)?;

    ui.blank();
    match to_sign {
        ToSign::Approval(_) => {
            ui.say(&Msg::new(
                "İşlem Başarılı — imzanız kaydedildi. Uygulamayı Kapat'a basıp (Enter) tarayıcıdaki sayfaya dönün.",
                "Success — your signature has been recorded. Press Uygulamayı Kapat (Enter) and go back to the page in your browser.",
            ));
            if let Some(reference) = &accepted.application_reference {
                ui.field(
                    &Msg::new("Başvuru numarası", "Application reference"),
                    reference,
                );
            }
        }
        ToSign::Login(_) => login::say_accepted(ui),
    }
    ui.pause(&Msg::new(
        "[ Uygulamayı Kapat ] (Enter)",
        "[ Close ] (Enter)",
    ));
    Ok(())
}

/// What the code asks to be signed, once it has been checked against the login answer.
pub enum ToSign {
    Approval(SigningDocument),
    Login(LoginDocument),
}

impl ToSign {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            ToSign::Approval(document) => document.as_bytes(),
            ToSign::Login(document) => document.as_bytes(),
        }
    }

    /// Whose certificate must sign: the applicant for an approval (masked TCKN of the login
    /// answer, full TCKN of the document); for a login, whoever logs in.
    pub fn expected_holder<'a>(
        &'a self,
        session: &'a SigningSession,
    ) -> Option<(&'a str, &'a Tckn)> {
        match self {
            ToSign::Approval(document) => Some((
                session.tckn_masked.as_deref().unwrap_or_default(),
                document.tckn(),
            )),
            ToSign::Login(_) => None,
        }
    }
}

pub(crate) fn cancelled() -> Failure {
    Failure::new(
        ExitKind::Other,
        Msg::new("İşlem iptal edildi.", "Cancelled."),
    )
}

fn server_url(options: &Options, ui: &Ui) -> Result<ServerUrl, Failure> {
    let server = session::server(&options.server)?;
    ui.detail(&Msg::same(server.as_str()));
    if server.is_plain_http_to_another_host() {
        ui.warn(&Msg::new(
            "Bağlantı şifreli değil (http); yalnızca deneme ortamında kullanın.",
            "The connection is not encrypted (http); use it only for testing.",
        ));
    }
    Ok(server)
}

fn verification_code(options: &Options, ui: &Ui) -> Result<VerificationCode, Failure> {
    let text = match &options.code {
        Some(code) => code.clone(),
        None => {
            ui.say(&Msg::new(
                "Tarayıcıdaki sayfanın (başvuru onayı ya da e-İmza ile Giriş) gösterdiği kodu kopyalayıp buraya yapıştırın.",
                "Copy the code the page in your browser shows (application approval or e-İmza login) and paste it here.",
            ));
            ui.ask(
                &Msg::new("Doğrulama Kodu", "Verification code"),
                None,
                "--code",
            )?
        }
    };
    session::code(&text)
}

/// Fetches the document and checks, before showing it, that it is what the login announced.
pub(crate) fn fetch_document(
    client: &ApiClient,
    session: &SigningSession,
    server: &ServerUrl,
) -> Result<ToSign, Failure> {
    let bytes = client
        .document(&session.signing_token)
        .map_err(|e| answers::failure(Step::Document, e))?;
    let not_signed = Msg::new(
        "Belge imzalanmadı; tarayıcıdaki sayfadan yeni bir kod alıp yeniden deneyin.",
        "The document was not signed; get a new code on the page in your browser and try again.",
    );
    let digest = hex::encode(Sha256::digest(&bytes));
    if !digest.eq_ignore_ascii_case(session.document_sha256.trim()) {
        return Err(Failure::new(
            ExitKind::Other,
            Msg::new(
                "Sunucudan gelen belgenin özeti (SHA-256) bildirilen özetle uyuşmuyor.",
                "The SHA-256 of the document received does not match the one announced.",
            ),
        )
        .with(Msg::new(
            format!("bildirilen: {}", session.document_sha256.trim()),
            format!("announced: {}", session.document_sha256.trim()),
        ))
        .with(Msg::new(
            format!("gelen:      {digest}"),
            format!("received:  {digest}"),
        ))
        .with(not_signed));
    }
    let document = Signable::parse(&bytes).map_err(|error| {
        Failure::new(
            ExitKind::Other,
            Msg::new(
                "Sunucudan gelen belge okunamadı.",
                "The document received cannot be read.",
            ),
        )
        .with(Msg::same(format!("{}: {error}", error.code())))
        .with(not_signed.clone())
    })?;
    let document = match (session.purpose, document) {
        (Purpose::Approval, Signable::Approval(document)) => document,
        (Purpose::Login, Signable::Login(document)) => {
            login::check_site(&document, server).map_err(|f| f.with(not_signed))?;
            return Ok(ToSign::Login(document));
        }
        (announced, _) => {
            return Err(login::purpose_mismatch(announced).with(not_signed));
        }
    };
    let reference = session.application_reference.as_deref().unwrap_or_default();
    let tckn_masked = session.tckn_masked.as_deref().unwrap_or_default();
    if document.application_reference().as_str() != reference {
        return Err(Failure::new(
            ExitKind::Other,
            Msg::new(
                format!(
                    "Belge başka bir başvuruya ait ({} ≠ {}).",
                    document.application_reference().as_str(),
                    reference
                ),
                format!(
                    "The document belongs to another application ({} ≠ {}).",
                    document.application_reference().as_str(),
                    reference
                ),
            ),
        )
        .with(not_signed));
    }
    if !tckn::matches_masked(tckn_masked, document.tckn().as_str()) {
        return Err(Failure::new(
            ExitKind::Other,
            Msg::new(
                "Belgedeki T.C. Kimlik No başvuru sahibininkiyle uyuşmuyor.",
                "The TC identity number in the document is not the applicant's.",
            ),
        )
        .with(not_signed));
    }
    Ok(ToSign::Approval(document))
}

/// A SHA-256 in groups of four, eight groups a line: easy to compare with the page.
pub fn grouped_digest(hex: &str) -> Vec<String> {
    let grouped = group(&hex.to_ascii_lowercase(), 4, " ");
    let groups: Vec<&str> = grouped.split(' ').collect();
    groups.chunks(8).map(|line| line.join(" ")).collect()
}

fn show_document(ui: &Ui, session: &SigningSession, document: &SigningDocument) {
    ui.blank();
    ui.say(&Msg::new("İmzalanacak başvuru", "Application to sign"));
    ui.field(
        &Msg::new("Başvuru numarası", "Application reference"),
        session.application_reference.as_deref().unwrap_or_default(),
    );
    ui.field(
        &Msg::new("Başvuru sahibi", "Applicant"),
        session.applicant_name.as_deref().unwrap_or_default(),
    );
    ui.field(
        &Msg::new("T.C. Kimlik No", "TC identity no."),
        session.tckn_masked.as_deref().unwrap_or_default(),
    );
    show_digest_and_expiry(ui, session, &document.digest_hex());

    ui.blank();
    ui.say(&Msg::new("Belgenin içeriği", "What the document says"));
    ui.field(
        &Msg::new("Başvuru numarası", "Application reference"),
        document.application_reference().as_str(),
    );
    ui.field(
        &Msg::new("Ad Soyad", "Name"),
        document.applicant_name().as_str(),
    );
    ui.field(
        &Msg::new("T.C. Kimlik No", "TC identity no."),
        &document.tckn().masked(),
    );
    ui.field(&Msg::new("Form bilgileri", "Form"), "");
    for (key, value) in document.form().iter() {
        ui.detail(&Msg::same(format!("    {key}: {value}")));
    }
    let taahhutname = document.taahhutname();
    ui.field(
        &Msg::new("Taahhütname", "Undertaking"),
        &format!(
            "{} · SHA-256 {}…",
            taahhutname.version(),
            hex::encode(taahhutname.sha256())
                .get(..16)
                .unwrap_or_default()
        ),
    );
    ui.field(&Msg::new("Beyan", "Statement"), "");
    ui.detail(&Msg::same(format!("    \"{APPROVAL_STATEMENT}\"")));
}

/// The digest to compare with the page, and how long the code is still good for.
pub(crate) fn show_digest_and_expiry(ui: &Ui, session: &SigningSession, digest_hex: &str) {
    ui.field(&Msg::new("Belge özeti", "Document digest"), "SHA-256");
    for line in grouped_digest(digest_hex) {
        ui.detail(&Msg::same(format!("    {line}")));
    }
    let minutes_left = (session.expires_at - Utc::now()).num_minutes();
    let until = local_time(session.expires_at);
    if minutes_left >= 0 {
        ui.field(
            &Msg::new("Kodun geçerlilik sonu", "Code valid until"),
            &format!("{until} (~{minutes_left} dk/min)"),
        );
    } else {
        ui.warn(&Msg::new(
            format!("Kodun süresi {until} itibarıyla dolmuş görünüyor."),
            format!("The code seems to have expired at {until}."),
        ));
    }
}

pub(crate) fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%H:%M").to_string()
}

/// The certificates found, and the opened `.p12` file if one was given.
struct Wallet {
    found: Found,
    store: Option<Pkcs12Store>,
}

impl Wallet {
    fn open(options: &Options, ui: &Ui) -> Result<Wallet, Failure> {
        let mut found = Found::default();
        let use_tokens = options.p12.is_none()
            || !options.pkcs11_modules.is_empty()
            || options.token_label.is_some();
        if use_tokens {
            scan_tokens(&mut found, options, ui)?;
        }
        let store = match &options.p12 {
            Some(file) => {
                let store = open_pkcs12(file, options, ui)?;
                found.add_pkcs12(file, &store);
                Some(store)
            }
            None => None,
        };
        if found.candidates.is_empty() {
            let mut failure = Failure::new(
                ExitKind::NoCertificate,
                Msg::new(
                    "İmza sertifikası bulunamadı.",
                    "No signing certificate was found.",
                ),
            );
            if found.not_for_signing > 0 {
                failure = failure.with(not_for_signing_note(found.not_for_signing));
            }
            return Err(failure.with(Msg::new(
                "Nitelikli elektronik sertifikanız (NES) yoksa başvurunuzu e-Onay ile onaylayabilirsiniz.",
                "Without a qualified e-certificate (NES) you can approve your application with e-Onay.",
            )));
        }
        Ok(Wallet { found, store })
    }
}

fn not_for_signing_note(count: usize) -> Msg {
    Msg::new(
        format!("{count} sertifika imza (nonRepudiation) sertifikası olmadığı için listelenmedi."),
        format!("{count} certificate(s) not listed: not signing (nonRepudiation) certificates."),
    )
}

fn scan_tokens(found: &mut Found, options: &Options, ui: &Ui) -> Result<(), Failure> {
    let (modules, notes) = certificates::load_modules(&options.pkcs11_modules)?;
    for note in &notes {
        ui.warn(note);
    }
    loop {
        let (tokens, notes) = certificates::find_tokens(&modules, options.token_label.as_deref());
        for note in &notes {
            ui.warn(note);
        }
        let missing = tokens.is_empty() && (options.p12.is_none() || options.token_label.is_some());
        if missing {
            if ui.is_interactive()
                && !ui.assume_yes()
                && !modules.is_empty()
                && ui.confirm(
                    &Msg::new(
                        "Kart bulunamadı. Kartınızı takıp yeniden denensin mi?",
                        "No card found. Insert your card and try again?",
                    ),
                    true,
                )?
            {
                continue;
            }
            return Err(no_card(options, modules.is_empty()));
        }
        for (module, token) in &tokens {
            ui.field(
                &Msg::new("Kart bulundu", "Card found"),
                &format!("\"{}\" — {}", token.label(), module.display()),
            );
        }
        return found.add_tokens(&tokens).map_err(|e| sign_failure(&e));
    }
}

fn no_card(options: &Options, no_module: bool) -> Failure {
    let message = match &options.token_label {
        Some(label) => Msg::new(
            format!("\"{label}\" etiketli kart bulunamadı. Kartın takılı olduğundan emin olun."),
            format!("No card labelled \"{label}\" was found. Make sure the card is inserted."),
        ),
        None => Msg::new(
            "Kart bulunamadı. Kartınızın kart okuyucuya takılı olduğundan emin olun.",
            "No card was found. Make sure your card is inserted in the reader.",
        ),
    };
    let failure = Failure::new(ExitKind::TokenNotPresent, message);
    if no_module {
        failure.with(Msg::new(
            "Kart okuyucu yazılımı (PKCS#11 modülü) bulunamadı: --pkcs11-module ile belirtin ya da .p12 dosyası için --p12 kullanın.",
            "No card software (PKCS#11 module) was found: name it with --pkcs11-module, or use --p12 for a .p12 file.",
        ))
    } else {
        failure
    }
}

fn open_pkcs12(file: &Path, options: &Options, ui: &Ui) -> Result<Pkcs12Store, Failure> {
    if !file.is_file() {
        // Before asking for a password that would open nothing.
        return session::open_p12(file, &Pin::new(String::new()));
    }
    let label = Msg::new(
        format!("Dosya parolası ({})", file.display()),
        format!("File password ({})", file.display()),
    );
    let mut given = options.p12_password.clone();
    let mut retries = 0;
    loop {
        let (password, prompted) = match given.take() {
            Some(password) => (password, false),
            None => (ui.ask_secret(&label, "--p12-password")?, true),
        };
        match session::open_p12(file, &password) {
            Err(failure) if failure.kind == ExitKind::PinIncorrect => {
                if prompted && ui.is_interactive() && retries < 2 {
                    ui.warn(&failure.message);
                    retries += 1;
                    continue;
                }
                return Err(failure.with(again_after_login()));
            }
            opened => return opened,
        }
    }
}

/// Lists the certificates and returns the one chosen.
fn choose<'a>(
    found: &'a Found,
    options: &Options,
    ui: &Ui,
    holder: Option<(&str, &Tckn)>,
) -> Result<&'a Candidate, Failure> {
    let now = Utc::now();
    let candidates = &found.candidates;
    for (number, candidate) in (1..).zip(candidates) {
        let summary = &candidate.summary;
        ui.say(&Msg::same(format!(
            "  {number}) {} — T.C. {}",
            summary.subject_cn(),
            tckn::mask(summary.tckn())
        )));
        ui.field(&Msg::new("Veren", "Issuer"), summary.issuer_cn());
        ui.field(
            &Msg::new("Son geçerlilik", "Valid until"),
            &certificates::date(summary.not_after()),
        );
        ui.field(
            &Msg::new("Yeri", "Location"),
            &ui.render(&candidate.source()),
        );
        for warning in candidate.warnings(holder, now) {
            ui.warn(&warning);
        }
    }
    if found.not_for_signing > 0 {
        ui.detail(&not_for_signing_note(found.not_for_signing));
    }

    let count = candidates.len();
    let index = match options.certificate {
        Some(number) if (1..=count).contains(&number) => number - 1,
        Some(number) => {
            return Err(Failure::usage(Msg::new(
                format!("{number} numaralı sertifika yok; listede {count} sertifika var."),
                format!("There is no certificate number {number}; the list has {count}."),
            )))
        }
        None if count == 1 => {
            if !ui.confirm(
                &Msg::new("Bu sertifika kullanılsın mı?", "Use this certificate?"),
                true,
            )? {
                return Err(cancelled());
            }
            0
        }
        None => ask_number(ui, count)?,
    };
    let chosen = candidates.get(index).ok_or_else(cancelled)?;
    ui.say(&Msg::new(
        format!("Seçilen sertifika: {}", chosen.summary.subject_cn()),
        format!("Chosen certificate: {}", chosen.summary.subject_cn()),
    ));
    let warnings = chosen.warnings(holder, now);
    if !warnings.is_empty() {
        for warning in &warnings {
            ui.warn(warning);
        }
        if !ui.confirm(
            &Msg::new(
                "Sunucu bu imzayı büyük olasılıkla reddedecek. Yine de devam edilsin mi?",
                "The server will most likely refuse this signature. Go on anyway?",
            ),
            false,
        )? {
            return Err(cancelled());
        }
    }
    Ok(chosen)
}

fn ask_number(ui: &Ui, count: usize) -> Result<usize, Failure> {
    let label = Msg::new(
        format!("Sertifika numarası (1–{count})"),
        format!("Certificate number (1–{count})"),
    );
    for _ in 0..3 {
        let answer = ui.ask(&label, None, "--certificate")?;
        match answer.trim().parse::<usize>() {
            Ok(number) if (1..=count).contains(&number) => return Ok(number - 1),
            _ => ui.say(&Msg::new(
                format!("Lütfen 1 ile {count} arasında bir sayı yazın."),
                format!("Please type a number from 1 to {count}."),
            )),
        }
    }
    Err(Failure::usage(Msg::new(
        "Sertifika seçilmedi; --certificate ile verin.",
        "No certificate chosen; give it with --certificate.",
    )))
}

/// A signer for the chosen certificate: the token's after a PIN, the file's as opened.
fn unlock(
    wallet: &Wallet,
    chosen: &Candidate,
    options: &Options,
    ui: &Ui,
) -> Result<Box<dyn Signer>, Failure> {
    match &chosen.origin {
        Origin::Pkcs12 { .. } => {
            ui.detail(&Msg::new(
                "Anahtar, parolasıyla açılan .p12 dosyasında.",
                "The key is in the .p12 file opened with its password.",
            ));
            session::unlock(chosen, wallet.store.as_ref(), &Pin::new(String::new()))
        }
        Origin::Token { token, .. } => {
            if let Ok(status) = token.pin_status() {
                if status.locked {
                    return Err(sign_failure(&SignError::PinLocked));
                }
                for flag in pin_flags(status) {
                    ui.warn(&flag);
                }
            }
            let label = Msg::new(
                format!("PIN (\"{}\" kartının PIN'i)", token.label()),
                format!("PIN of card \"{}\"", token.label()),
            );
            let mut given = options.pin.clone();
            let mut retries = 0;
            loop {
                let (pin, prompted) = match given.take() {
                    Some(pin) => (pin, false),
                    None => (ui.ask_secret(&label, "--pin")?, true),
                };
                ui.detail(&Msg::new(
                    "PIN kartta denetleniyor…",
                    "Checking the PIN on the card…",
                ));
                match session::unlock(chosen, None, &pin) {
                    Ok(signer) => return Ok(signer),
                    Err(failure) if failure.kind == ExitKind::PinIncorrect => {
                        let locked = token.pin_status().is_ok_and(|status| status.locked);
                        // A person at the keyboard may try again, knowing the card's flags;
                        // never automatically, which could lock the card.
                        let retry = prompted
                            && ui.is_interactive()
                            && !ui.assume_yes()
                            && retries < 2
                            && !locked;
                        if !retry {
                            return Err(failure);
                        }
                        ui.warn(&failure.message);
                        for detail in &failure.details {
                            ui.warn(detail);
                        }
                        retries += 1;
                        if !ui.confirm(
                            &Msg::new(
                                "PIN'i yeniden girmek ister misiniz?",
                                "Enter the PIN again?",
                            ),
                            false,
                        )? {
                            return Err(failure);
                        }
                    }
                    Err(failure) => return Err(failure),
                }
            }
        }
    }
}

/// What to do after a failure that came after the code was used to log in.
fn again_after_login() -> Msg {
    Msg::new(
        "Yeniden denemek için uygulamayı yeniden çalıştırın; kod kabul edilmezse tarayıcıdaki sayfadan yeni bir kod alın.",
        "To try again, run the app again; if the code is not accepted, get a new one on the page in your browser.",
    )
}

/// The token's PIN flags, as the person should read them.
pub fn pin_flags(status: PinStatus) -> Vec<Msg> {
    let mut flags = Vec::new();
    if status.locked {
        flags.push(Msg::new(
            "PIN bloke. [CKF_USER_PIN_LOCKED]",
            "PIN locked. [CKF_USER_PIN_LOCKED]",
        ));
    }
    if status.final_try {
        flags.push(Msg::new(
            "Son deneme hakkınız: bir kez daha yanlış PIN girilirse PIN bloke olur. [CKF_USER_PIN_FINAL_TRY]",
            "Final try: one more wrong PIN locks the PIN. [CKF_USER_PIN_FINAL_TRY]",
        ));
    }
    if status.count_low {
        flags.push(Msg::new(
            "PIN deneme hakkınız azaldı. [CKF_USER_PIN_COUNT_LOW]",
            "Few PIN tries left. [CKF_USER_PIN_COUNT_LOW]",
        ));
    }
    flags
}

/// The failure for a signing-core error, with what the person can do.
pub fn sign_failure(error: &SignError) -> Failure {
    let kind = ExitKind::for_sign_error(error);
    match error {
        SignError::PinIncorrect { status } => {
            let mut failure = Failure::new(kind, Msg::new("PIN yanlış.", "Wrong PIN."));
            for flag in pin_flags(*status) {
                failure = failure.with(flag);
            }
            failure.with(again_after_login())
        }
        SignError::PinLocked => Failure::new(kind, Msg::new("PIN bloke.", "The PIN is locked."))
            .with(Msg::new(
            "PIN'inizi PUK ile açabilir ya da Kamu SM çağrı merkezini arayabilirsiniz: 444 55 76.",
            "Unblock the PIN with your PUK, or call the Kamu SM call centre: 444 55 76.",
        )),
        SignError::TokenNotPresent => Failure::new(
            kind,
            Msg::new(
                "Kart bulunamadı ya da çıkarıldı. Kartınızın takılı olduğundan emin olun.",
                "The card is missing or was removed. Make sure your card is inserted.",
            ),
        )
        .with(again_after_login()),
        SignError::ModuleUnavailable(cause) => Failure::new(
            kind,
            Msg::new(
                "Kart okuyucu yazılımı (PKCS#11 modülü) kullanılamıyor.",
                "The card software (PKCS#11 module) cannot be used.",
            ),
        )
        .with(Msg::same(cause.clone())),
        SignError::CertificateNotFound | SignError::PrivateKeyNotFound => Failure::new(
            kind,
            Msg::new(
                "Sertifikanın özel anahtarı bulunamadı.",
                "The certificate's private key was not found.",
            ),
        ),
        other => Failure::new(
            kind,
            Msg::new("İmza oluşturulamadı.", "The signature could not be made."),
        )
        .with(Msg::same(format!("{}: {other}", other.code()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_shown_in_groups_of_four_eight_to_a_line() {
        let hex = "0123456789ABCDEF".repeat(4);
        let lines = grouped_digest(&hex);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "0123 4567 89ab cdef 0123 4567 89ab cdef");
        assert_eq!(lines[0], lines[1]);
    }

    #[test]
    fn a_wrong_pin_shows_every_flag_the_token_sets() {
        let failure = sign_failure(&SignError::PinIncorrect {
            status: PinStatus {
                count_low: true,
                final_try: true,
                locked: false,
            },
        });
        assert_eq!(failure.kind.code(), 6);
        let details: Vec<&str> = failure.details.iter().map(Msg::tr).collect();
        assert!(details
            .iter()
            .any(|d| d.contains("PIN deneme hakkınız azaldı")));
        assert!(details
            .iter()
            .any(|d| d.contains("son deneme") || d.contains("Son deneme")));
    }

    #[test]
    fn a_locked_pin_has_its_own_exit_code_and_says_what_to_do() {
        let failure = sign_failure(&SignError::PinLocked);
        assert_eq!(failure.kind.code(), 7);
        assert!(failure.details[0].tr().contains("PUK"));
    }

    #[test]
    fn a_removed_card_is_exit_code_8() {
        assert_eq!(sign_failure(&SignError::TokenNotPresent).kind.code(), 8);
    }
}
