//! The command line: every question the app asks can also be answered by a flag.

use std::path::PathBuf;

use clap::Parser;
use esign::Pin;

use crate::exit::ExitKind;
use crate::flow::Options;
use crate::session::BUILT_IN_SERVER;
use crate::text::Lang;

const ABOUT: &str = "e-İmza uygulaması — NES başvurunuzu nitelikli elektronik imzanızla onaylar \
ya da Online İşlemler'e girişinizi sağlar (approves your NES application with your qualified \
e-signature, or logs you in to Online İşlemler).";

const LONG_ABOUT: &str =
    "e-İmza uygulaması — NES başvurunuzu nitelikli elektronik imzanızla onaylar \
ya da Online İşlemler'e girişinizi sağlar (approves your NES application with your qualified \
e-signature, or logs you in to Online İşlemler: \"e-İmza ile Giriş\").

Argümansız başlatılınca pencere açılır (started without arguments, it opens its window); \
any argument runs it in the terminal, as described here.

Adımlar (steps): Doğrulama Kodu (verification code from the \
application page or the login page) → imzalanacak belge gösterilir (what will be signed is shown) → Sertifika \
Seçiniz (choose the certificate: smart card or .p12 file) → PIN → İmzala (sign) → Uygulamayı \
Kapat (close) and go back to the page in your browser.

Her soru bir seçenekle de yanıtlanabilir (every question can also be answered with a flag).";

fn after_help() -> String {
    format!(
        "Çıkış kodları (exit codes):\n{}\n\nSunucu (server): {}\n\nOrtam değişkenleri \
(environment): NES_SERVER_URL, NES_PIN, NES_P12_PASSWORD, NES_LANG; SOFTHSM2_CONF for SoftHSM2.",
        ExitKind::table(Lang::Tr),
        BUILT_IN_SERVER
    )
}

#[derive(Parser)]
#[command(
    name = "eimza-uygulamasi",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = after_help(),
)]
pub struct Args {
    /// Sunucu adresi (server URL), for development and tests: default NES_SERVER_URL, else the
    /// server this build belongs to (shown at the end of --help); never asked
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,

    /// Pencere (window): open the window even with other arguments (e.g. --server, --lang)
    #[arg(long)]
    pub gui: bool,

    /// With --gui: save a PNG of the window's first screen to FILE and close (proof that the
    /// window renders, for the Xvfb stage of scripts/test)
    #[arg(long, value_name = "FILE", requires = "gui")]
    pub screenshot: Option<PathBuf>,

    /// Doğrulama Kodu, as the page shows it, e.g. 7KQ4-9XWM-2HRT (case, spaces and hyphens do
    /// not matter)
    #[arg(long, value_name = "KOD")]
    pub code: Option<String>,

    /// PKCS#11 module of the card reader (repeatable); default: SoftHSM2 and common card
    /// middleware (AKİS, SafeNet, OpenSC) that are installed
    #[arg(long = "pkcs11-module", value_name = "PATH")]
    pub pkcs11_modules: Vec<PathBuf>,

    /// Only the card (token) with this label
    #[arg(long, value_name = "LABEL")]
    pub token_label: Option<String>,

    /// A PKCS#12 (.p12/.pfx) file instead of a card; cards are then searched only if
    /// --pkcs11-module or --token-label is also given
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,

    /// Sertifika Seçiniz: the number of the certificate in the list (1, 2, …)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub certificate: Option<u32>,

    /// Card PIN (prefer the prompt, which does not echo, or NES_PIN: a flag is visible to other
    /// users of the machine)
    #[arg(long, value_name = "PIN", env = "NES_PIN", hide_env_values = true)]
    pub pin: Option<String>,

    /// Dosya parolası: the .p12 file's password; default: --pin / NES_PIN, else asked
    #[arg(
        long,
        value_name = "PAROLA",
        env = "NES_P12_PASSWORD",
        hide_env_values = true
    )]
    pub p12_password: Option<String>,

    /// Evet: confirm every question, and do not wait for
    /// "Uygulamayı Kapat" at the end
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Dil (language): tr = Turkish with English in parentheses, en = English only
    #[arg(
        long,
        value_enum,
        default_value_t = Lang::Tr,
        env = "NES_LANG",
        hide_env_values = true
    )]
    pub lang: Lang,
}

impl Args {
    /// The flow's options; the secrets move into [`Pin`]s (wiped on drop, never shown).
    pub fn into_options(self) -> Options {
        let pin = self.pin.map(Pin::new);
        Options {
            server: server(self.server),
            code: self.code,
            pkcs11_modules: self.pkcs11_modules,
            token_label: self.token_label,
            p12: self.p12,
            certificate: self.certificate.and_then(|n| usize::try_from(n).ok()),
            p12_password: self.p12_password.map(Pin::new).or_else(|| pin.clone()),
            pin,
        }
    }
}

/// `--server`, else `NES_SERVER_URL`, else the server the app was built for.
pub fn server(flag: Option<String>) -> String {
    flag.or_else(|| std::env::var("NES_SERVER_URL").ok())
        .unwrap_or_else(|| BUILT_IN_SERVER.to_owned())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn help_lists_every_exit_code() {
        let help = Args::command().render_long_help().to_string();
        for kind in ExitKind::ALL {
            assert!(help.contains(&kind.meaning().tr().to_string()), "{kind:?}");
        }
    }

    #[test]
    fn certificate_number_zero_is_a_usage_error() {
        let error = Args::try_parse_from(["eimza-uygulamasi", "--certificate", "0"])
            .err()
            .map(|e| e.exit_code());
        assert_eq!(error, Some(2));
    }
}
