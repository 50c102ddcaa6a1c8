//! The test PKI, the SoftHSM2 cards and `.p12` files, made once per test binary, and a runner
//! for the `eimza-uygulamasi` binary.
//!
//! SoftHSM2 reads `SOFTHSM2_CONF` once per process, and the app is another process: every card
//! is made here, before any test runs the app, in one token folder whose config each run of the
//! app is given. Each test uses its own card (or none), so their PIN counters do not meet.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use chrono::{Duration, Utc};
use esign::pki::softhsm::{import_key_and_certificate, init_token, SoftHsmConfig, SOFTHSM2_MODULE};
use esign::pki::{IssuedCertificate, KeyType, PersonCertificateRequest, TestCa};
use esign::sign::Pkcs11Module;
use esign::Pin;
use shared::Tckn;

pub const APPLICANT_NAME: &str = "AYŞE YILMAZ";
pub const APPLICANT_TCKN: &str = "10000000146";
pub const USER_PIN: &str = "246810";
pub const SO_PIN: &str = "13579246";
pub const P12_PASSWORD: &str = "dosya-parolasi-42";

/// A card with the applicant's RSA-2048 key and certificate.
pub const CARD: &str = "AYSE-NES-KART";
/// A card with the applicant's P-256 key, for wrong-PIN tests only.
pub const PIN_TRIAL_CARD: &str = "AYSE-PIN-DENEME";
/// The same, for the window's wrong-PIN test.
pub const WINDOW_PIN_CARD: &str = "AYSE-PENCERE-PIN";
/// A card with the applicant's P-256 key, for the test that answers every prompt on stdin.
pub const PROMPT_CARD: &str = "AYSE-SORU-KART";
/// An initialised card with nothing on it.
pub const EMPTY_CARD: &str = "BOS-KART";

pub struct Fixtures {
    pub ca: TestCa,
    pub softhsm_conf: PathBuf,
    /// The applicant's P-256 key and certificate in a `.p12` file.
    pub applicant_p12: PathBuf,
    /// Someone else's (valid, trusted) certificate in a `.p12` file.
    pub other_person_p12: PathBuf,
    _dir: tempfile::TempDir,
}

pub fn applicant_tckn() -> Tckn {
    Tckn::parse(APPLICANT_TCKN).unwrap()
}

pub fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(make_fixtures)
}

fn make_fixtures() -> Fixtures {
    assert!(
        Path::new(SOFTHSM2_MODULE).exists(),
        "{SOFTHSM2_MODULE} is needed for these tests (apt-get install softhsm2)"
    );
    let now = Utc::now();
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(
        KeyType::P256,
        now - Duration::days(30),
        now + Duration::days(3650),
    )
    .unwrap();
    let issue = |name: &str, tckn: Tckn, key_type| {
        ca.issue(&PersonCertificateRequest::nes(
            name,
            tckn,
            key_type,
            now - Duration::days(1),
            730,
        ))
        .unwrap()
    };
    let applicant_rsa = issue(APPLICANT_NAME, applicant_tckn(), KeyType::Rsa2048);
    let applicant_p256 = issue(APPLICANT_NAME, applicant_tckn(), KeyType::P256);
    let other_tckn = Tckn::from_first_nine([2, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
    let other_person = issue("MEHMET DEMİR", other_tckn, KeyType::P256);

    let write_p12 = |file: &str, issued: &IssuedCertificate| {
        let path = dir.path().join(file);
        let der = issued
            .to_pkcs12(&ca, "nes", &Pin::new(P12_PASSWORD))
            .unwrap();
        std::fs::write(&path, der).unwrap();
        path
    };
    let applicant_p12 = write_p12("ayse.p12", &applicant_p256);
    let other_person_p12 = write_p12("mehmet.p12", &other_person);

    let config = SoftHsmConfig::create_in(&dir.path().join("softhsm")).unwrap();
    // Before this process first loads the module; the app's runs get it explicitly.
    std::env::set_var("SOFTHSM2_CONF", config.conf_path());
    let module = Pkcs11Module::load(SOFTHSM2_MODULE).unwrap();
    let user_pin = Pin::new(USER_PIN);
    let card = |label: &str, issued: Option<&IssuedCertificate>| {
        init_token(&module, label, &Pin::new(SO_PIN), &user_pin).unwrap();
        if let Some(issued) = issued {
            import_key_and_certificate(
                &module,
                label,
                &user_pin,
                "AYSE YILMAZ NES",
                &[0x4e, 0x45, 0x53],
                issued.private_key(),
                issued.certificate_der(),
            )
            .unwrap();
        }
    };
    card(CARD, Some(&applicant_rsa));
    card(PIN_TRIAL_CARD, Some(&applicant_p256));
    card(WINDOW_PIN_CARD, Some(&applicant_p256));
    card(PROMPT_CARD, Some(&applicant_p256));
    card(EMPTY_CARD, None);

    Fixtures {
        ca,
        softhsm_conf: config.conf_path().to_owned(),
        applicant_p12,
        other_person_p12,
        _dir: dir,
    }
}

/// What a run of the app left.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output and standard error together.
    pub fn output(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    #[track_caller]
    pub fn assert_code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code {} (expected {expected})\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_output_contains(&self, text: &str) -> &Run {
        assert!(
            self.output().contains(text),
            "output lacks {text:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs the app with `args`, `stdin` as its standard input (closed when `None`), the test
/// SoftHSM2 config, and none of the app's environment variables from the test's environment.
pub fn run_app<I, S>(args: I, stdin: Option<&str>) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_eimza-uygulamasi"));
    command
        .args(args)
        .env("SOFTHSM2_CONF", &fixtures().softhsm_conf)
        .env_remove("NES_PIN")
        .env_remove("NES_P12_PASSWORD")
        .env_remove("NES_SERVER_URL")
        .env_remove("NES_LANG")
        // The fake server is on loopback: no proxy of the machine's in between.
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env_remove("all_proxy")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // One app at a time: SoftHSM2 keeps each token in files that two processes logging in
    // to the same token at once can trip over (a run then stops at the PIN with exit 1).
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut child = command.spawn().unwrap();
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(text.as_bytes()).unwrap();
        // Dropping the pipe closes it: the app sees the end of input after the answers.
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Arguments that sign with `card` on SoftHSM2 against `server`, answering every question.
pub fn card_args(server_url: &str, code: &str, card: &str, pin: &str) -> Vec<String> {
    [
        "--server",
        server_url,
        "--code",
        code,
        "--pkcs11-module",
        SOFTHSM2_MODULE,
        "--token-label",
        card,
        "--pin",
        pin,
        "--yes",
    ]
    .map(String::from)
    .to_vec()
}

/// Arguments that sign with the `.p12` file `file` against `server`.
pub fn p12_args(server_url: &str, code: &str, file: &Path, password: &str) -> Vec<String> {
    vec![
        "--server".into(),
        server_url.into(),
        "--code".into(),
        code.into(),
        "--p12".into(),
        file.display().to_string(),
        "--p12-password".into(),
        password.into(),
        "--yes".into(),
    ]
}

/// A loopback URL where nothing listens.
pub fn unreachable_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
