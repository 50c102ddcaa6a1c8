//! The window's state: which screen is shown, what has been typed, and the one piece of work
//! (network, card) running on a worker thread so that the window never freezes.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;

use eframe::egui;
use esign::sign::{PinStatus, Pkcs12Store};
use esign::Pin;

use super::picker::{FilePicker, Picked};
use super::GuiOptions;
use crate::certificates::{Candidate, Found, Origin};
use crate::exit::{ExitKind, Failure};
use crate::session::{self, Opened};
use crate::text::{Lang, Msg};

/// The instruction's steps (§ 3.4.2), one screen each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Doğrulama Kodu.
    Code,
    /// What is being signed, and Sertifika Seçiniz.
    Certificates,
    /// PIN and İmzala.
    Pin,
    /// İşlem Başarılı, or why not; Uygulamayı Kapat.
    Result,
}

/// What a worker thread hands back.
pub(super) enum Done {
    Opened(Result<Box<Opened>, Failure>),
    Cards(Result<(Found, Vec<Msg>), Failure>),
    File(Result<(Found, Pkcs12Store), Failure>),
    Signed(Result<(), Failure>),
    Picked(Picked),
}

/// The certificates of the opened `.p12` file.
pub(super) struct OpenedFile {
    pub found: Found,
    pub store: Arc<Pkcs12Store>,
}

pub struct SignerApp {
    pub(super) lang: Lang,
    pub(super) server: String,
    pub(super) screen: Screen,
    pub(super) code: String,
    pub(super) opened: Option<Arc<Opened>>,
    /// A PKCS#11 module typed by the person; empty: the installed common middleware.
    pub(super) module: String,
    pub(super) given_modules: Vec<PathBuf>,
    pub(super) cards: Found,
    pub(super) notes: Vec<Msg>,
    pub(super) p12_path: String,
    pub(super) p12_password: String,
    file_picker: FilePicker,
    /// Why "Dosya seç…" showed no dialog, shown under the file field.
    pub(super) picker_problem: Option<Msg>,
    pub(super) file: Option<OpenedFile>,
    /// Index into [`SignerApp::candidates`].
    pub(super) selected: Option<usize>,
    pub(super) pin: String,
    pub(super) pin_status: Option<PinStatus>,
    /// The failure shown on the current screen (the person can still go on or back).
    pub(super) error: Option<Failure>,
    /// The end: success, or the failure that ended the session.
    pub(super) outcome: Option<Result<Msg, Failure>>,
    pub(super) closed: bool,
    pub(super) focus_pending: bool,
    /// The widget that had the keyboard focus last frame.
    pub(super) last_focus: Option<egui::Id>,
    pub(super) reveal_frames: u8,
    job: Option<Receiver<Done>>,
    ctx: egui::Context,
}

impl SignerApp {
    pub fn new(ctx: &egui::Context, options: GuiOptions) -> SignerApp {
        style(ctx);
        SignerApp {
            lang: options.lang,
            server: options.server,
            screen: Screen::Code,
            code: String::new(),
            opened: None,
            module: String::new(),
            given_modules: options.pkcs11_modules,
            cards: Found::default(),
            notes: Vec::new(),
            p12_path: options
                .p12
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            p12_password: String::new(),
            file_picker: options.file_picker,
            picker_problem: None,
            file: None,
            selected: None,
            pin: String::new(),
            pin_status: None,
            error: None,
            outcome: None,
            closed: false,
            focus_pending: true,
            last_focus: None,
            reveal_frames: 0,
            job: None,
            ctx: ctx.clone(),
        }
    }

    /// The context the window draws in: a worker wakes it up when its result is there.
    pub(super) fn attach(&mut self, ctx: &egui::Context) {
        self.ctx = ctx.clone();
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Whether "Uygulamayı Kapat" was pressed.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The text in the window's language.
    pub(super) fn t<'a>(&self, msg: &'a Msg) -> &'a str {
        match self.lang {
            Lang::Tr => msg.tr(),
            Lang::En => msg.en(),
        }
    }

    /// Every certificate that can be chosen: the cards', then the file's.
    pub(super) fn candidates(&self) -> Vec<&Candidate> {
        let file = self.file.iter().flat_map(|f| f.found.candidates.iter());
        self.cards.candidates.iter().chain(file).collect()
    }

    pub(super) fn chosen(&self) -> Option<&Candidate> {
        self.selected
            .and_then(|index| self.candidates().get(index).copied())
    }

    /// Runs `work` on a worker thread; its result arrives through [`SignerApp::poll`].
    fn start(&mut self, work: impl FnOnce() -> Done + Send + 'static) {
        let (sender, receiver) = mpsc::channel();
        let ctx = self.ctx.clone();
        std::thread::spawn(move || {
            // The window may have been closed meanwhile: nobody left to tell.
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        self.error = None;
        self.job = Some(receiver);
    }

    /// Takes the worker's result if it is there (`wait`: blocks until it is; for tests).
    pub fn poll(&mut self, wait: bool) {
        let Some(receiver) = &self.job else {
            return;
        };
        let done = if wait {
            receiver.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            receiver.try_recv()
        };
        match done {
            Ok(done) => {
                self.job = None;
                self.finish(done);
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                self.error = Some(Failure::new(
                    ExitKind::Other,
                    Msg::new(
                        "Beklenmeyen bir hata oluştu.",
                        "An unexpected error occurred.",
                    ),
                ));
            }
        }
    }

    fn finish(&mut self, done: Done) {
        match done {
            Done::Opened(Ok(opened)) => {
                self.opened = Some(Arc::from(opened));
                self.screen = Screen::Certificates;
                self.focus_pending = true;
                self.scan_cards();
            }
            Done::Cards(Ok((found, notes))) => {
                self.cards = found;
                self.notes = notes;
                self.file = None;
                self.select_single();
            }
            Done::File(Ok((found, store))) => {
                let first_of_file = self.cards.candidates.len();
                let any = !found.candidates.is_empty();
                self.file = Some(OpenedFile {
                    found,
                    store: Arc::new(store),
                });
                self.p12_password.clear();
                if any {
                    self.selected = Some(first_of_file);
                } else {
                    self.error = Some(Failure::new(
                        ExitKind::NoCertificate,
                        Msg::new(
                            "Dosyada imza sertifikası bulunamadı.",
                            "No signing certificate was found in the file.",
                        ),
                    ));
                }
            }
            Done::Picked(Picked::File(path)) => {
                self.p12_path = path.display().to_string();
                self.picker_problem = None;
            }
            Done::Picked(Picked::Cancelled) => {}
            Done::Picked(Picked::Unavailable) => {
                self.picker_problem = Some(Msg::new(
                    "Dosya seçme penceresi açılamadı; dosyanın yolunu yazın ya da dosyayı pencereye sürükleyin.",
                    "The file dialog could not be opened; type the file's path or drop the file on the window.",
                ));
            }
            Done::Signed(Ok(())) => {
                let opened = self.opened.as_ref();
                let success = opened.map(|o| session::success(&o.to_sign));
                self.pin.clear();
                self.outcome = success.map(Ok);
                self.screen = Screen::Result;
                self.focus_pending = true;
            }
            Done::Signed(Err(failure)) if failure.kind == ExitKind::PinIncorrect => {
                // Another try, knowing the card's flags (re-read: a try has been used).
                self.pin.clear();
                self.pin_status = self.read_pin_status();
                self.error = Some(failure);
                self.focus_pending = true;
            }
            Done::Signed(Err(failure)) => {
                self.pin.clear();
                self.outcome = Some(Err(failure));
                self.screen = Screen::Result;
                self.focus_pending = true;
            }
            Done::Opened(Err(failure)) | Done::Cards(Err(failure)) | Done::File(Err(failure)) => {
                self.error = Some(failure);
            }
        }
    }

    fn select_single(&mut self) {
        let count = self.candidates().len();
        self.selected = match self.selected {
            Some(index) if index < count => Some(index),
            _ if count == 1 => Some(0),
            _ => None,
        };
    }

    /// Doğrulama Kodu → log in and fetch the document.
    pub(super) fn submit_code(&mut self) {
        let code = match session::code(&self.code) {
            Ok(code) => code,
            Err(failure) => {
                self.error = Some(failure);
                return;
            }
        };
        let server = match session::server(&self.server) {
            Ok(server) => server,
            Err(failure) => {
                self.error = Some(failure);
                return;
            }
        };
        self.start(move || Done::Opened(session::open(server, &code).map(Box::new)));
    }

    /// Lists the certificates of the cards present now.
    pub(super) fn scan_cards(&mut self) {
        let mut modules = self.given_modules.clone();
        let typed = self.module.trim();
        if !typed.is_empty() {
            modules = vec![PathBuf::from(typed)];
        }
        self.start(move || Done::Cards(session::scan_cards(&modules, None)));
    }

    /// Dosya seç…: the file dialog, on the worker (it waits for the person); the chosen path
    /// fills the file field.
    pub(super) fn pick_file(&mut self) {
        let picker = self.file_picker.clone();
        let title = self
            .t(&Msg::new(".p12 dosyanızı seçin", "Choose your .p12 file"))
            .to_owned();
        self.picker_problem = None;
        self.start(move || Done::Picked(picker.pick(&title)));
    }

    /// Opens the `.p12` file with the password typed.
    pub(super) fn open_file(&mut self) {
        let file = PathBuf::from(self.p12_path.trim());
        let password = Pin::new(std::mem::take(&mut self.p12_password));
        self.start(move || {
            Done::File(session::open_p12(&file, &password).map(|store| {
                let mut found = Found::default();
                found.add_pkcs12(&file, &store);
                (found, store)
            }))
        });
    }

    fn read_pin_status(&self) -> Option<PinStatus> {
        match &self.chosen()?.origin {
            Origin::Token { token, .. } => token.pin_status().ok(),
            Origin::Pkcs12 { .. } => None,
        }
    }

    /// Sertifika Seçiniz → PIN.
    pub(super) fn go_to_pin(&mut self) {
        if self.chosen().is_none() {
            return;
        }
        self.pin_status = self.read_pin_status();
        self.error = None;
        self.screen = Screen::Pin;
        self.focus_pending = true;
    }

    pub(super) fn back(&mut self) {
        self.error = None;
        self.pin.clear();
        self.screen = match self.screen {
            Screen::Pin => Screen::Certificates,
            _ => Screen::Code,
        };
        self.focus_pending = true;
    }

    /// İmzala: unlock the key, sign and upload, on the worker.
    pub(super) fn sign(&mut self) {
        let (Some(opened), Some(chosen)) = (self.opened.clone(), self.chosen().cloned()) else {
            return;
        };
        let store = self.file.as_ref().map(|file| Arc::clone(&file.store));
        let pin = Pin::new(std::mem::take(&mut self.pin));
        self.start(move || {
            let signed = session::unlock(&chosen, store.as_deref(), &pin)
                .and_then(|signer| session::sign_and_send(&opened, signer))
                .map(|_| ());
            Done::Signed(signed)
        });
    }

    /// Uygulamayı Kapat.
    pub(super) fn close(&mut self) {
        self.closed = true;
        self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

impl Drop for SignerApp {
    fn drop(&mut self) {
        // The typed PIN and file password are not left in freed memory (esign::Pin wipes the
        // copies handed to the worker).
        wipe(&mut self.pin);
        wipe(&mut self.p12_password);
    }
}

/// Light, with larger text than egui's default: most people who sign are not at a
/// developer's screen.
fn style(ctx: &egui::Context) {
    use egui::{FontFamily, FontId, TextStyle};
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(16.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(16.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(13.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(16.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
    });
}

fn wipe(text: &mut String) {
    let mut bytes = std::mem::take(text).into_bytes();
    bytes.iter_mut().for_each(|b| *b = 0);
    std::hint::black_box(&bytes);
}
