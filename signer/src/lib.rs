//! e-İmza uygulaması: the desktop signing app of the NES application (process document
//! § 3.4.2). The person copies the verification code from the application page, runs this app,
//! pastes the code, checks what will be signed, chooses a certificate ("Sertifika Seçiniz") on
//! a smart card (PKCS#11) or in a `.p12` file, enters the PIN and presses "İmzala"; the app
//! makes a CAdES-BES detached signature with [`esign`] and uploads it, then tells the person to
//! close it ("Uygulamayı Kapat") and go back to the page.
//!
//! The binary is `eimza-uygulamasi`. Started without arguments (a double-click) it opens a
//! window ([`gui`]); with arguments it runs in the terminal, where every question can be
//! answered by a flag and every failure has its own exit code ([`exit::ExitKind`]). Both faces
//! run the same steps ([`session`]).
//!
//! The same code, card and PIN also log the person in to Online İşlemler ("e-İmza ile Giriş",
//! [`login`]): the login answer says which of the two a code is for.

pub mod answers;
pub mod certificates;
pub mod cli;
pub mod client;
pub mod code;
pub mod exit;
pub mod flow;
pub mod gui;
pub mod login;
pub mod session;
pub mod tckn;
pub mod text;
pub mod ui;
