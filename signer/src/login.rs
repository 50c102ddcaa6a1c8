//! Logging in with e-İmza ("e-İmza ile Giriş"): the same code, card and PIN as an approval,
//! but what is signed is a login to Online İşlemler. Before signing, the app checks that the
//! login document names the site it is talking to — a page that relays another site's code
//! cannot get a signature for that site through a server of its own — and shows what the
//! signature does, which site it opens and which browser asked for it, so that a person signs
//! only a login they started themselves.

use esign::document::login::{LoginDocument, LOGIN_STATEMENT};

use crate::client::{Purpose, ServerUrl, SigningSession};
use crate::exit::{ExitKind, Failure};
use crate::flow::{local_time, show_digest_and_expiry};
use crate::text::Msg;
use crate::ui::Ui;

/// What the person is told the signature does.
pub fn purpose_line() -> Msg {
    Msg::new(
        "Bu imza bir başvuruyu onaylamaz: Online İşlemler'e giriş yapmanızı sağlar.",
        "This signature approves no application: it logs you in to Online İşlemler.",
    )
}

/// Refuses a login document for another site than the server this app talks to.
pub fn check_site(document: &LoginDocument, server: &ServerUrl) -> Result<(), Failure> {
    if server.serves_origin(document.origin()) {
        return Ok(());
    }
    Err(Failure::new(
        ExitKind::Other,
        Msg::new(
            format!(
                "Giriş belgesi başka bir site için: {} (bu uygulama {} ile bağlantıda).",
                document.origin(),
                server.origin()
            ),
            format!(
                "The login document is for another site: {} (this app is talking to {}).",
                document.origin(),
                server.origin()
            ),
        ),
    )
    .with(Msg::new(
        "Yalnızca giriş yaptığınız sitenin adresini sunucu olarak verin.",
        "Give only the address of the site you are logging in to as the server.",
    )))
}

/// The server announced one purpose and sent a document of the other kind.
pub fn purpose_mismatch(announced: Purpose) -> Failure {
    let (tr, en) = match announced {
        Purpose::Approval => (
            "Sunucu bir başvuru onayı bildirdi, ama gelen belge başka bir şey.",
            "The server announced an application's approval, but the document is something else.",
        ),
        Purpose::Login => (
            "Sunucu bir giriş bildirdi, ama gelen belge başka bir şey.",
            "The server announced a login, but the document is something else.",
        ),
    };
    Failure::new(ExitKind::Other, Msg::new(tr, en))
}

/// Shows what the login signature is for, before the certificate is chosen.
pub fn show(ui: &Ui, session: &SigningSession, document: &LoginDocument) {
    ui.blank();
    ui.say(&Msg::new(
        "İmzalanacak: Online İşlemler'e giriş",
        "To be signed: logging in to Online İşlemler",
    ));
    ui.say(&purpose_line());
    ui.field(&Msg::new("Site", "Site"), document.origin());
    ui.field(
        &Msg::new("Giriş isteği zamanı", "Login asked at"),
        &local_time(document.issued_at()),
    );
    if let Some(requester) = &session.requested_by {
        if let Some(ip) = &requester.ip {
            ui.field(
                &Msg::new("İsteyen tarayıcının adresi", "Browser address"),
                ip,
            );
        }
        if let Some(agent) = &requester.user_agent {
            ui.field(&Msg::new("İsteyen tarayıcı", "Browser"), agent);
        }
    }
    ui.warn(&Msg::new(
        "Girişi siz başlatmadıysanız imzalamayın: kodu size başkası verdiyse, imzanız onun tarayıcısında sizin adınıza oturum açar.",
        "Do not sign unless you started this login yourself: if someone else gave you the code, your signature opens a session in your name in their browser.",
    ));
    show_digest_and_expiry(ui, session, &document.digest_hex());
    ui.field(&Msg::new("Beyan", "Statement"), "");
    ui.detail(&Msg::same(format!("    \"{LOGIN_STATEMENT}\"")));
}

/// "İmzala" for a login.
pub fn sign_question() -> Msg {
    Msg::new(
        "Online İşlemler'e giriş için seçtiğiniz sertifikayla imzalansın mı? İmzala",
        "Sign the login to Online İşlemler with the chosen certificate? İmzala",
    )
}

/// After the server accepted the login signature.
pub fn say_accepted(ui: &Ui) {
    ui.say(&Msg::new(
        "İşlem Başarılı — girişiniz onaylandı. Uygulamayı Kapat'a basıp (Enter) tarayıcıdaki sayfaya dönün; sayfa oturumunuzu kendiliğinden açar.",
        "Success — your login has been confirmed. Press Uygulamayı Kapat (Enter) and go back to the page in your browser; it logs you in by itself.",
    ));
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::Utc;
    use esign::document::SigningNonce;

    use super::*;

    fn document(origin: &str) -> LoginDocument {
        LoginDocument::new(origin, Utc::now(), SigningNonce::random()).unwrap()
    }

    #[test]
    fn a_login_for_the_server_the_app_talks_to_passes() {
        let server = ServerUrl::parse("https://nes.kamusm.gov.tr").unwrap();
        assert!(check_site(&document("https://nes.kamusm.gov.tr"), &server).is_ok());
    }

    #[test]
    fn a_login_for_another_site_is_not_signed_and_both_sites_are_named() {
        let server = ServerUrl::parse("https://nes-kamusm.example.org").unwrap();
        let failure = check_site(&document("https://nes.kamusm.gov.tr"), &server).unwrap_err();
        assert_eq!(failure.kind, ExitKind::Other);
        assert!(failure.message.tr().contains("https://nes.kamusm.gov.tr"));
        assert!(failure
            .message
            .en()
            .contains("https://nes-kamusm.example.org"));
    }

    #[test]
    fn the_purpose_says_no_application_is_approved() {
        assert!(purpose_line().tr().contains("Online İşlemler'e giriş"));
        assert!(purpose_line()
            .en()
            .contains("logs you in to Online İşlemler"));
    }
}
