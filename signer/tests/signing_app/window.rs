//! The window's screens driven headless through the AccessKit tree (egui_kittest), against the
//! same fake server, SoftHSM2 cards and `.p12` files as the terminal's tests.

use std::sync::{Arc, Mutex, MutexGuard};

use eframe::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use esign::pki::softhsm::SOFTHSM2_MODULE;
use signer::gui::{FilePicker, GuiOptions, Picked, Screen, SignerApp};
use signer::text::Lang;

use crate::fake_server::{
    Behaviour, FakeServer, SignatureAnswer, APPLICANT_DISPLAY_NAME, APPLICATION_REFERENCE,
    LOGIN_CODE, TCKN_MASKED, VALID_CODE,
};
use crate::helpers::{fixtures, APPLICANT_NAME, CARD, P12_PASSWORD, USER_PIN, WINDOW_PIN_CARD};

/// One window at a time: each loads the PKCS#11 module in this process, and the last handle
/// dropped finalises the library for every other handle too.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct Window {
    harness: Harness<'static, SignerApp>,
    _lock: MutexGuard<'static, ()>,
}

impl Window {
    fn open(server: &FakeServer) -> Window {
        Window::open_with(server, [720.0, 620.0], 1.0)
    }

    /// `size` in points: at 150 % a 720×620-pixel window is 480×413 points.
    fn open_with(server: &FakeServer, size: [f32; 2], pixels_per_point: f32) -> Window {
        Window::open_options(server, size, pixels_per_point, FilePicker::native())
    }

    /// A window whose "Dosya seç…" asks `picker` instead of the system.
    fn open_picking(server: &FakeServer, picker: &StandInPicker) -> Window {
        Window::open_options(server, [720.0, 620.0], 1.0, picker.file_picker())
    }

    fn open_options(
        server: &FakeServer,
        size: [f32; 2],
        pixels_per_point: f32,
        file_picker: FilePicker,
    ) -> Window {
        let lock = one_at_a_time();
        fixtures();
        let app = SignerApp::new(
            &egui::Context::default(),
            GuiOptions {
                server: server.url.clone(),
                lang: Lang::Tr,
                pkcs11_modules: vec![SOFTHSM2_MODULE.into()],
                file_picker,
                ..GuiOptions::default()
            },
        );
        let harness = Harness::builder()
            .with_size(size)
            .with_pixels_per_point(pixels_per_point)
            .build_ui_state(|ui, app: &mut SignerApp| app.ui(ui), app);
        let mut window = Window {
            harness,
            _lock: lock,
        };
        window.settle();
        window
    }

    /// Runs frames until the worker has nothing left to do.
    fn settle(&mut self) {
        loop {
            self.harness.run_steps(3);
            if !self.harness.state().is_busy() {
                break;
            }
            self.harness.state_mut().poll(true);
        }
    }

    fn type_into(&mut self, label: &str, text: &str) {
        self.harness.get_by_label(label).focus();
        self.harness.run_steps(1);
        self.harness.get_by_label(label).type_text(text);
        self.settle();
    }

    /// Clicks with the pointer where the widget is, after giving it the keyboard focus, which
    /// scrolls it into view as Tab would.
    fn click(&mut self, label: &str) {
        self.harness.get_by_label(label).focus();
        self.harness.run_steps(4);
        self.harness.get_by_label(label).click();
        self.settle();
    }

    fn shows(&self, text: &str) -> bool {
        self.harness
            .query_all_by_label_contains(text)
            .next()
            .is_some()
    }

    fn assert_shows(&self, text: &str) {
        assert!(self.shows(text), "the window does not show {text:?}");
    }

    fn screen(&self) -> Screen {
        self.harness.state().screen()
    }

    fn enter_code(&mut self, code: &str) {
        self.type_into("Doğrulama Kodu", code);
        self.click("Devam");
    }

    fn field_value(&self, label: &str) -> Option<String> {
        self.harness.get_by_label(label).value()
    }

    fn choose(&mut self, card: &str) {
        let label = format!("{APPLICANT_NAME} — T.C. {TCKN_MASKED} — kart \"{card}\"");
        self.click(&label);
        self.click("Devam");
    }
}

/// Stands in for the system's file dialog: answers `answer` and remembers the titles asked.
#[derive(Clone)]
struct StandInPicker {
    answer: Picked,
    titles: Arc<Mutex<Vec<String>>>,
}

impl StandInPicker {
    fn answering(answer: Picked) -> StandInPicker {
        StandInPicker {
            answer,
            titles: Arc::default(),
        }
    }

    fn file_picker(&self) -> FilePicker {
        let stand_in = self.clone();
        FilePicker::new(move |title| {
            stand_in.titles.lock().unwrap().push(title.to_owned());
            stand_in.answer.clone()
        })
    }

    fn titles(&self) -> Vec<String> {
        self.titles.lock().unwrap().clone()
    }
}

const CHOOSE_FILE: &str = "Dosya seç…";
const NO_FILE_DIALOG: &str =
    "Dosya seçme penceresi açılamadı; dosyanın yolunu yazın ya da dosyayı pencereye sürükleyin.";

#[test]
fn the_choose_file_button_comes_after_the_file_field_and_opens_the_dialog_with_enter() {
    let server = FakeServer::start();
    let picker = StandInPicker::answering(Picked::Cancelled);
    let mut window = Window::open_picking(&server, &picker);
    window.enter_code(VALID_CODE);

    window.harness.get_by_label(".p12 dosyası").focus();
    window.harness.run_steps(2);
    window.harness.key_press(egui::Key::Tab);
    window.harness.run_steps(2);
    assert!(window.harness.get_by_label(CHOOSE_FILE).is_focused());

    window.harness.key_press(egui::Key::Enter);
    window.settle();
    assert_eq!(picker.titles(), [".p12 dosyanızı seçin"]);
}

#[test]
fn a_file_chosen_in_the_dialog_fills_the_field_and_opening_it_lists_its_certificate() {
    let server = FakeServer::start();
    let file = fixtures().applicant_p12.clone();
    let picker = StandInPicker::answering(Picked::File(file.clone()));
    let mut window = Window::open_picking(&server, &picker);
    window.enter_code(VALID_CODE);

    window.click(CHOOSE_FILE);

    let file = file.display().to_string();
    assert_eq!(
        window.field_value(".p12 dosyası").as_deref(),
        Some(file.as_str())
    );
    window.type_into("Dosya parolası", P12_PASSWORD);
    window.click("Dosyayı aç");
    window.assert_shows(&format!(
        "{APPLICANT_NAME} — T.C. {TCKN_MASKED} — dosya {file}"
    ));
    window.click("Devam");
    assert_eq!(window.screen(), Screen::Pin);
}

#[test]
fn a_cancelled_dialog_leaves_the_typed_path_as_it_was_and_says_nothing() {
    let server = FakeServer::start();
    let picker = StandInPicker::answering(Picked::Cancelled);
    let mut window = Window::open_picking(&server, &picker);
    window.enter_code(VALID_CODE);
    window.type_into(".p12 dosyası", "/home/ayse/imza.p12");

    window.click(CHOOSE_FILE);

    assert_eq!(picker.titles().len(), 1);
    assert_eq!(
        window.field_value(".p12 dosyası").as_deref(),
        Some("/home/ayse/imza.p12")
    );
    assert!(!window.shows(NO_FILE_DIALOG));
}

#[test]
fn a_dialog_that_cannot_open_says_so_and_leaves_the_typed_path_as_it_was() {
    let server = FakeServer::start();
    let picker = StandInPicker::answering(Picked::Unavailable);
    let mut window = Window::open_picking(&server, &picker);
    window.enter_code(VALID_CODE);
    window.type_into(".p12 dosyası", "/home/ayse/imza.p12");

    window.click(CHOOSE_FILE);

    window.assert_shows(NO_FILE_DIALOG);
    assert_eq!(
        window.field_value(".p12 dosyası").as_deref(),
        Some("/home/ayse/imza.p12")
    );

    // In English too.
    window.click("English");
    window.assert_shows("The file dialog could not be opened");
}

#[test]
fn the_code_is_checked_as_typed_and_a_bad_one_never_reaches_the_server() {
    let server = FakeServer::start();
    let mut window = Window::open(&server);

    window.type_into("Doğrulama Kodu", "7KQ4-9XWM-2HR!");
    window.assert_shows("Kodda harf ve rakamdan başka karakter var.");
    window.click("Devam");
    assert_eq!(window.screen(), Screen::Code);
    assert_eq!(server.logins(), 0);

    window.harness.get_by_label("Doğrulama Kodu").focus();
    window.harness.key_press(egui::Key::Backspace);
    window.settle();
    window.assert_shows("Biçim doğru: 7KQ4-9XWM-2HR");
}

#[test]
fn signing_with_a_card_shows_what_is_signed_and_ends_with_islem_basarili() {
    let server = FakeServer::start();
    let mut window = Window::open(&server);

    window.enter_code(VALID_CODE);

    assert_eq!(window.screen(), Screen::Certificates);
    let digest = server.document().digest_hex();
    for shown in [
        "Sertifika Seçiniz",
        APPLICATION_REFERENCE,
        APPLICANT_DISPLAY_NAME,
        TCKN_MASKED,
        &digest[0..4],
        "Kodun geçerlilik sonu",
    ] {
        window.assert_shows(shown);
    }
    window.choose(CARD);
    assert_eq!(window.screen(), Screen::Pin);
    window.type_into("PIN (\"AYSE-NES-KART\" kartının PIN'i)", USER_PIN);
    window.click("İmzala");

    assert_eq!(window.screen(), Screen::Result);
    window.assert_shows("İşlem Başarılı");
    window.assert_shows("imzanız kaydedildi");
    assert!(!window.shows(USER_PIN));
    let uploads = server.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].verification.as_deref(), Ok(APPLICANT_NAME));

    window.click("Uygulamayı Kapat");
    assert!(window.harness.state().is_closed());
}

#[test]
fn a_p12_file_is_opened_with_its_password_and_signs_without_a_pin() {
    let server = FakeServer::start();
    let mut window = Window::open(&server);
    window.enter_code(VALID_CODE);

    let file = fixtures().applicant_p12.display().to_string();
    window.type_into(".p12 dosyası", &file);
    window.type_into("Dosya parolası", P12_PASSWORD);
    window.click("Dosyayı aç");
    window.assert_shows(&format!("dosya {file}"));
    window.click("Devam");

    assert_eq!(window.screen(), Screen::Pin);
    window.assert_shows("PIN gerekmez");
    window.click("İmzala");
    window.assert_shows("İşlem Başarılı");
    assert_eq!(
        server.uploads()[0].verification.as_deref(),
        Ok(APPLICANT_NAME)
    );
}

#[test]
fn a_wrong_pin_is_said_in_words_and_the_pin_can_be_typed_again() {
    let server = FakeServer::start();
    let mut window = Window::open(&server);
    window.enter_code(VALID_CODE);
    window.choose(WINDOW_PIN_CARD);

    let pin_label = format!("PIN (\"{WINDOW_PIN_CARD}\" kartının PIN'i)");
    window.type_into(&pin_label, "000000");
    window.click("İmzala");

    assert_eq!(window.screen(), Screen::Pin);
    window.assert_shows("PIN yanlış.");
    window.assert_shows("Hata kodu: 6");
    assert!(server.uploads().is_empty());

    window.type_into(&pin_label, USER_PIN);
    window.click("İmzala");
    window.assert_shows("İşlem Başarılı");
}

#[test]
fn a_refusal_is_shown_with_its_reason_and_code() {
    let server = FakeServer::with(Behaviour {
        signature: SignatureAnswer::Problem {
            status: 422,
            code: "tckn_mismatch",
            detail: "The certificate's serialNumber is not the applicant's TCKN.",
        },
        ..Behaviour::default()
    });
    let mut window = Window::open(&server);
    window.enter_code(VALID_CODE);
    window.choose(CARD);
    window.type_into("PIN (\"AYSE-NES-KART\" kartının PIN'i)", USER_PIN);
    window.click("İmzala");

    assert_eq!(window.screen(), Screen::Result);
    window.assert_shows("İşlem Başarısız");
    window.assert_shows("Sunucu imzayı reddetti: tckn_mismatch");
    window.assert_shows("Hata kodu: 10");
    assert!(!window.shows("İşlem Başarılı"));
    window.click("Uygulamayı Kapat");
    assert!(window.harness.state().is_closed());
}

#[test]
fn an_unknown_code_stays_on_the_code_screen_with_its_reason() {
    let server = FakeServer::start();
    let mut window = Window::open(&server);

    window.enter_code("AAAA-BBBB-CCCC");

    assert_eq!(window.screen(), Screen::Code);
    assert_eq!(server.logins(), 1);
    window.assert_shows("Hata kodu: 3");
}

#[test]
fn a_login_is_signed_through_the_window_and_shown_as_a_login() {
    let server = FakeServer::start();
    let mut window = Window::open(&server);

    window.enter_code(LOGIN_CODE);

    window.assert_shows("İmzalanacak: Online İşlemler'e giriş");
    assert!(!window.shows(APPLICATION_REFERENCE));
    window.choose(CARD);
    window.type_into("PIN (\"AYSE-NES-KART\" kartının PIN'i)", USER_PIN);
    window.click("İmzala");
    window.assert_shows("girişiniz onaylandı");
}

#[test]
fn the_window_switches_to_english() {
    let server = FakeServer::start();
    let mut window = Window::open(&server);

    window.click("English");

    window.assert_shows("Verification code");
    assert!(!window.shows("Doğrulama Kodu"));
    window.type_into("Verification code", VALID_CODE);
    window.click("Continue");
    window.assert_shows("Choose a certificate");
}

#[test]
fn at_150_percent_every_step_is_still_reachable() {
    let server = FakeServer::start();
    let mut window = Window::open_with(&server, [480.0, 413.0], 1.5);

    window.enter_code(VALID_CODE);
    window.choose(CARD);
    window.type_into("PIN (\"AYSE-NES-KART\" kartının PIN'i)", USER_PIN);
    window.click("İmzala");

    window.assert_shows("İşlem Başarılı");
}
