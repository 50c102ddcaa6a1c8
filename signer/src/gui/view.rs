//! What each screen shows. Every input has a visible label that is also its accessible name
//! (AccessKit), every action is a button reachable with Tab and pressed with Enter or Space,
//! and everything scrolls, so that the window stays usable at 125 % and 150 % scaling.

use eframe::egui::{self, Color32, RichText};

use super::app::{Screen, SignerApp};
use crate::certificates::{self, Origin};
use crate::code::VerificationCode;
use crate::exit::Failure;
use crate::flow::pin_flags;
use crate::session;
use crate::tckn;
use crate::text::{Lang, Msg};

const ERROR: Color32 = Color32::from_rgb(0xd0, 0x30, 0x30);
const WARNING: Color32 = Color32::from_rgb(0xc0, 0x80, 0x00);
const OK: Color32 = Color32::from_rgb(0x20, 0x90, 0x40);

impl SignerApp {
    /// One frame of the window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.attach(ui.ctx());
        self.poll(false);
        egui::Panel::top("title").show(ui, |ui| self.title_bar(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    match self.screen {
                        Screen::Code => self.code_screen(ui),
                        Screen::Certificates => self.certificates_screen(ui),
                        Screen::Pin => self.pin_screen(ui),
                        Screen::Result => self.result_screen(ui),
                    }
                    if self.is_busy() {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(self.t(&Msg::new("Lütfen bekleyin…", "Please wait…")));
                        });
                    }
                    self.reveal_focus(ui);
                });
        });
    }

    /// Scrolls the widget that has just got the keyboard focus (Tab, a screen reader) into
    /// view: egui does not, and at 150 % the buttons may be below the fold.
    fn reveal_focus(&mut self, ui: &egui::Ui) {
        let focused = ui.ctx().memory(|memory| memory.focused());
        if focused != self.last_focus {
            self.last_focus = focused;
            // A few frames: the widget's place is known only after it has been drawn once.
            self.reveal_frames = 3;
        }
        if self.reveal_frames == 0 {
            return;
        }
        self.reveal_frames -= 1;
        let Some(response) = focused.and_then(|id| ui.ctx().read_response(id)) else {
            return;
        };
        if !ui.clip_rect().contains_rect(response.rect) {
            response.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
        }
        ui.ctx().request_repaint();
    }

    fn title_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading("e-İmza Uygulaması");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (other, lang) = match self.lang {
                    Lang::Tr => ("English", Lang::En),
                    Lang::En => ("Türkçe", Lang::Tr),
                };
                if ui.button(other).clicked() {
                    self.lang = lang;
                }
            });
        });
        let step = match self.screen {
            Screen::Code => Msg::new("Adım 1/4: Doğrulama Kodu", "Step 1 of 4: Verification code"),
            Screen::Certificates => Msg::new(
                "Adım 2/4: Sertifika Seçiniz",
                "Step 2 of 4: Choose a certificate",
            ),
            Screen::Pin => Msg::new("Adım 3/4: PIN ve İmzala", "Step 3 of 4: PIN and sign"),
            Screen::Result => Msg::new("Adım 4/4: Sonuç", "Step 4 of 4: Result"),
        };
        ui.label(self.t(&step));
        ui.add_space(4.0);
    }

    fn code_screen(&mut self, ui: &mut egui::Ui) {
        ui.label(self.t(&Msg::new(
            "Tarayıcıdaki sayfanın (başvuru onayı ya da e-İmza ile Giriş) gösterdiği Doğrulama Kodunu kopyalayıp aşağıya yapıştırın.",
            "Copy the verification code the page in your browser shows (application approval or e-İmza login) and paste it below.",
        )));
        ui.add_space(8.0);
        let label = ui.label(self.t(&Msg::new("Doğrulama Kodu", "Verification code")));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.code)
                    .hint_text("XXXX-XXXX-XXXX")
                    .font(egui::TextStyle::Monospace)
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut self.focus_pending) {
            field.request_focus();
        }
        let typed = self.code.trim();
        let valid = match VerificationCode::parse(typed) {
            Ok(code) => {
                ui.colored_label(
                    OK,
                    format!(
                        "{}: {}",
                        self.t(&Msg::new("Biçim doğru", "Format correct")),
                        code.grouped()
                    ),
                );
                true
            }
            Err(_) if typed.is_empty() => false,
            Err(problem) => {
                ui.colored_label(ERROR, self.t(&session::code_problem(problem)));
                false
            }
        };
        ui.add_space(8.0);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let go = ui
            .add_enabled(
                valid && !self.is_busy(),
                egui::Button::new(self.t(&Msg::new("Devam", "Continue"))),
            )
            .clicked();
        if (go || (enter && valid)) && !self.is_busy() {
            self.submit_code();
        }
        self.show_error(ui);
        ui.add_space(16.0);
        ui.small(format!(
            "{}: {}",
            self.t(&Msg::new("Sunucu", "Server")),
            self.server
        ));
    }

    fn summary(&self, ui: &mut egui::Ui) {
        let Some(opened) = &self.opened else {
            return;
        };
        ui.strong(self.t(&session::purpose(opened)));
        egui::Grid::new("summary")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for field in session::summary(opened) {
                    ui.label(self.t(&field.label));
                    ui.monospace(field.value);
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
    }

    fn certificates_screen(&mut self, ui: &mut egui::Ui) {
        self.summary(ui);
        ui.separator();
        ui.heading(self.t(&Msg::new("Sertifika Seçiniz", "Choose a certificate")));
        let holder = self
            .opened
            .as_ref()
            .and_then(|o| o.to_sign.expected_holder(&o.session))
            .map(|(masked, tckn)| (masked.to_owned(), tckn.clone()));
        let now = chrono::Utc::now();
        let lines: Vec<(String, String, Vec<Msg>)> = self
            .candidates()
            .iter()
            .map(|candidate| {
                let summary = &candidate.summary;
                // Where it is belongs to the name: two cards may hold the same person's.
                let title = format!(
                    "{} — T.C. {} — {}",
                    summary.subject_cn(),
                    tckn::mask(summary.tckn()),
                    self.t(&candidate.source()),
                );
                let detail = format!(
                    "{}: {} · {}: {}",
                    self.t(&Msg::new("Veren", "Issuer")),
                    summary.issuer_cn(),
                    self.t(&Msg::new("Son geçerlilik", "Valid until")),
                    certificates::date(summary.not_after()),
                );
                let warnings =
                    candidate.warnings(holder.as_ref().map(|(m, t)| (m.as_str(), t)), now);
                (title, detail, warnings)
            })
            .collect();
        if lines.is_empty() && !self.is_busy() {
            ui.label(self.t(&Msg::new(
                "Takılı kartta imza sertifikası bulunamadı. Kartınızı takıp \"Kartları yeniden tara\"ya basın ya da .p12 dosyanızı açın.",
                "No signing certificate was found on an inserted card. Insert your card and press \"Scan cards again\", or open your .p12 file.",
            )));
        }
        for (index, (title, detail, warnings)) in lines.into_iter().enumerate() {
            let chosen = self.selected == Some(index);
            if ui.radio(chosen, &title).clicked() {
                self.selected = Some(index);
            }
            ui.indent(("certificate", index), |ui| {
                ui.small(detail);
                for warning in &warnings {
                    ui.colored_label(
                        WARNING,
                        format!(
                            "{}: {}",
                            self.t(&Msg::new("Uyarı", "Warning")),
                            self.t(warning)
                        ),
                    );
                }
            });
        }
        if self.cards.not_for_signing > 0 {
            ui.small(self.t(&Msg::new(
                format!(
                    "{} sertifika imza (nonRepudiation) sertifikası olmadığı için listelenmedi.",
                    self.cards.not_for_signing
                ),
                format!(
                    "{} certificate(s) not listed: not signing (nonRepudiation) certificates.",
                    self.cards.not_for_signing
                ),
            )));
        }
        for note in &self.notes {
            ui.small(self.t(note));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    !self.is_busy(),
                    egui::Button::new(self.t(&Msg::new("Geri", "Back"))),
                )
                .clicked()
            {
                self.back();
            }
            let next = ui.add_enabled(
                self.chosen().is_some() && !self.is_busy(),
                egui::Button::new(self.t(&Msg::new("Devam", "Continue"))),
            );
            if next.clicked() {
                self.go_to_pin();
            }
        });
        self.show_error(ui);
        ui.add_space(8.0);
        egui::CollapsingHeader::new(self.t(&Msg::new(
            "Kart okuyucu ve .p12 dosyası",
            "Card reader and .p12 file",
        )))
        .default_open(true)
        .show(ui, |ui| self.sources(ui));
    }

    fn sources(&mut self, ui: &mut egui::Ui) {
        let label = ui.label(self.t(&Msg::new(
            "Kart yazılımı (PKCS#11 modülü; boş: kurulu olan bulunur)",
            "Card software (PKCS#11 module; empty: the installed one is found)",
        )));
        ui.add(egui::TextEdit::singleline(&mut self.module).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if ui
            .add_enabled(
                !self.is_busy(),
                egui::Button::new(self.t(&Msg::new("Kartları yeniden tara", "Scan cards again"))),
            )
            .clicked()
        {
            self.scan_cards();
        }
        ui.add_space(8.0);
        let label = ui.label(self.t(&Msg::new(".p12 dosyası", ".p12 file")));
        ui.horizontal(|ui| {
            let choose = self.t(&Msg::new("Dosya seç…", "Choose file…")).to_owned();
            // The field takes what the button leaves; the button comes after it for Tab.
            let button = egui::WidgetText::from(choose.as_str())
                .into_galley(ui, None, f32::INFINITY, egui::TextStyle::Button)
                .size()
                .x
                + 2.0 * ui.spacing().button_padding.x
                + ui.spacing().item_spacing.x;
            ui.add(
                egui::TextEdit::singleline(&mut self.p12_path)
                    .desired_width((ui.available_width() - button).max(120.0)),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(!self.is_busy(), egui::Button::new(choose))
                .clicked()
            {
                self.pick_file();
            }
        });
        if let Some(problem) = &self.picker_problem {
            ui.colored_label(WARNING, self.t(problem));
        }
        // A file dropped on the window fills the field.
        if let Some(path) = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .next()
        }) {
            self.p12_path = path.display().to_string();
            self.picker_problem = None;
        }
        ui.small(self.t(&Msg::new(
            "Dosyayı \"Dosya seç…\" ile seçebilir, pencereye sürükleyip bırakabilir ya da yolunu yazabilirsiniz.",
            "Choose the file with \"Choose file…\", drop it on the window, or type its path.",
        )));
        let label = ui.label(self.t(&Msg::new("Dosya parolası", "File password")));
        ui.add(
            egui::TextEdit::singleline(&mut self.p12_password)
                .password(true)
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        if ui
            .add_enabled(
                !self.is_busy() && !self.p12_path.trim().is_empty(),
                egui::Button::new(self.t(&Msg::new("Dosyayı aç", "Open the file"))),
            )
            .clicked()
        {
            self.open_file();
        }
    }

    fn pin_screen(&mut self, ui: &mut egui::Ui) {
        self.summary(ui);
        ui.separator();
        let Some(chosen) = self.chosen() else {
            self.back();
            return;
        };
        let name = chosen.summary.subject_cn().to_owned();
        let on_card = match &chosen.origin {
            Origin::Token { token, .. } => Some(token.label().to_owned()),
            Origin::Pkcs12 { .. } => None,
        };
        ui.label(format!(
            "{}: {name}",
            self.t(&Msg::new("Seçilen sertifika", "Chosen certificate"))
        ));
        let mut enter = false;
        match &on_card {
            Some(card) => {
                let label = ui.label(self.t(&Msg::new(
                    format!("PIN (\"{card}\" kartının PIN'i)"),
                    format!("PIN of card \"{card}\""),
                )));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.pin)
                            .password(true)
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut self.focus_pending) {
                    field.request_focus();
                }
                enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                for flag in self.pin_status.map(pin_flags).unwrap_or_default() {
                    ui.colored_label(
                        WARNING,
                        format!(
                            "{}: {}",
                            self.t(&Msg::new("Uyarı", "Warning")),
                            self.t(&flag)
                        ),
                    );
                }
            }
            None => {
                ui.label(self.t(&Msg::new(
                    "Anahtar, parolasıyla açılan .p12 dosyasında: PIN gerekmez.",
                    "The key is in the .p12 file opened with its password: no PIN needed.",
                )));
            }
        }
        ui.add_space(8.0);
        let ready = (on_card.is_none() || !self.pin.is_empty()) && !self.is_busy();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    !self.is_busy(),
                    egui::Button::new(self.t(&Msg::new("Geri", "Back"))),
                )
                .clicked()
            {
                self.back();
            }
            let sign = ui.add_enabled(ready, egui::Button::new(RichText::new("İmzala").strong()));
            if sign.clicked() || (enter && ready) {
                self.sign();
            }
        });
        self.show_error(ui);
    }

    fn result_screen(&mut self, ui: &mut egui::Ui) {
        match &self.outcome {
            Some(Ok(success)) => {
                ui.heading(RichText::new("İşlem Başarılı").color(OK));
                ui.label(self.t(success));
                ui.label(self.t(&Msg::new(
                    "Uygulamayı kapatıp tarayıcıdaki sayfaya dönün.",
                    "Close the app and go back to the page in your browser.",
                )));
            }
            Some(Err(failure)) => {
                ui.heading(
                    RichText::new(self.t(&Msg::new("İşlem Başarısız", "Not done"))).color(ERROR),
                );
                self.failure(ui, failure);
            }
            None => {}
        }
        ui.add_space(12.0);
        let close = ui.button(RichText::new("Uygulamayı Kapat").strong());
        if std::mem::take(&mut self.focus_pending) {
            close.request_focus();
        }
        if close.clicked() {
            self.close();
        }
    }

    fn show_error(&self, ui: &mut egui::Ui) {
        if let Some(failure) = &self.error {
            ui.add_space(8.0);
            self.failure(ui, failure);
        }
    }

    /// A failure in words, with its details and its code (the terminal's exit code).
    fn failure(&self, ui: &mut egui::Ui, failure: &Failure) {
        ui.colored_label(ERROR, self.t(&failure.message));
        for detail in &failure.details {
            ui.label(self.t(detail));
        }
        ui.small(format!(
            "{}: {}",
            self.t(&Msg::new("Hata kodu", "Error code")),
            failure.kind.code()
        ));
    }
}
