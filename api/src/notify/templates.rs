//! The texts people receive. Each message is Turkish first, then English, in one message: the
//! person may read either. Pure functions: time and amounts come in as parameters.

use chrono::{DateTime, FixedOffset, Utc};
use shared::api::{PaymentInstructions, Shipment};
use shared::workflow::ApprovalMethod;

/// How long an SMS code is valid, as the SMS text tells it.
pub const SMS_CODE_VALID_MINUTES: i64 = 10;
pub const SUPPORT_LINE: &str = "444 55 76";
const SEPARATOR: &str = "----------------------------------------";

/// Türkiye keeps UTC+3 all year (no daylight saving since 2016).
pub(crate) fn turkey_time(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(3 * 3600).unwrap_or_else(|| unreachable!("UTC+3 is valid"));
    t.with_timezone(&offset)
}

/// `26.12.2026 23:59`, Turkish time.
pub fn format_deadline(t: DateTime<Utc>) -> String {
    turkey_time(t).format("%d.%m.%Y %H:%M").to_string()
}

/// Section 3.1: Kamu SM created a pre-application for the person; where and how to complete it.
pub fn pre_application_created(
    first_name: &str,
    last_name: &str,
    reference: &str,
    institution: &str,
    deadline: DateTime<Utc>,
    login_url: &str,
) -> (String, String) {
    let deadline = format_deadline(deadline);
    let subject = format!(
        "NES ön başvurunuz oluşturuldu / Your NES pre-application was created ({reference})"
    );
    let body = format!(
        "\
Sayın {first_name} {last_name},

{institution} kurum e-İmza sorumlusunun bildirimi üzerine, adınıza Nitelikli Elektronik \
Sertifika (NES) için {reference} numaralı bir ön başvuru oluşturuldu.

Başvurunuzu {deadline} (Türkiye saati) tarihine kadar Kamu SM Online İşlemler'de tamamlayınız:

1. {login_url} adresine gidiniz ve e-Devlet ya da e-İmza ile giriş yapınız.
2. NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri menüsünü seçiniz.
3. {reference} numaralı başvurunun İşlem sütunundaki \"Başvuruyu Tamamla\" bağlantısına basınız.
4. Formu doldurup cep telefonunuza gelen SMS kodunu giriniz, ardından başvurunuzu e-Onay ya da \
e-İmza ile onaylayınız.

Sorularınız için Kamu SM çağrı merkezi: {SUPPORT_LINE}

Güvenliğiniz için: Kamu SM sizden e-posta ile hiçbir zaman parola, PIN ya da doğrulama kodu \
istemez. Bu bilgileri kimseyle paylaşmayınız.

{SEPARATOR}

Dear {first_name} {last_name},

Following a notification from the e-signature officer of {institution}, Kamu SM has created \
pre-application {reference} for a qualified electronic certificate (NES) in your name.

Please complete it at Kamu SM Online İşlemler by {deadline} (Türkiye time):

1. Go to {login_url} and log in with e-Devlet or e-İmza.
2. Choose NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri.
3. Press \"Başvuruyu Tamamla\" in the İşlem column of application {reference}.
4. Fill in the form, enter the code sent to your mobile phone by SMS, then approve the \
application with e-Onay or e-İmza.

Kamu SM call centre: {SUPPORT_LINE}

For your security: Kamu SM never asks for passwords, PINs or verification codes by e-mail. \
Do not share them with anyone.

Kamu SM (Kamu Sertifikasyon Merkezi)
"
    );
    (subject, body)
}

/// Issue 12: the deadline comes near (7 days, then 1 day) and the application is not
/// approved yet.
pub fn deadline_reminder_email(
    first_name: &str,
    reference: &str,
    days_left: u32,
    deadline: DateTime<Utc>,
    login_url: &str,
) -> (String, String) {
    let deadline = format_deadline(deadline);
    let subject = format!(
        "NES başvurunuz için son {days_left} gün / {days_left} day(s) left for your NES application ({reference})"
    );
    let body = format!(
        "\
Sayın {first_name},

{reference} numaralı NES başvurunuzu tamamlamak için son {days_left} gün. Başvurunuzu \
{deadline} (Türkiye saati) tarihine kadar onaylamazsanız süresi dolar ve kurumunuzun yeniden \
bildirmesi gerekir.

{login_url} adresinden e-Devlet ya da e-İmza ile giriş yapıp NES İşlemleri → Bireysel \
İşlemler → Başvuru İşlemleri menüsünde \"Başvuruyu Tamamla\" bağlantısına basınız.

Sorularınız için Kamu SM çağrı merkezi: {SUPPORT_LINE}

{SEPARATOR}

Dear {first_name},

{days_left} day(s) are left to complete your NES application {reference}. If it is not \
approved by {deadline} (Türkiye time), it expires and your institution has to name you again.

Log in at {login_url} with e-Devlet or e-İmza and press \"Başvuruyu Tamamla\" under NES \
İşlemleri → Bireysel İşlemler → Başvuru İşlemleri.

Kamu SM call centre: {SUPPORT_LINE}
"
    );
    (subject, body)
}

/// The reminder as an SMS, when the person gave a phone with the form.
pub fn deadline_reminder_sms(reference: &str, days_left: u32, deadline: DateTime<Utc>) -> String {
    format!(
        "Kamu SM: {reference} NES basvurunuzu {} tarihine kadar onaylayiniz (son {days_left} gun). / \
Approve your NES application by then.",
        format_deadline(deadline)
    )
}

/// Issue 12: the application ended without a certificate (expired or cancelled).
pub fn application_closed_email(
    first_name: &str,
    reference: &str,
    expired: bool,
) -> (String, String) {
    let (why_tr, why_en) = if expired {
        (
            "süresi içinde onaylanmadığı için süresi doldu",
            "expired: it was not approved in time",
        )
    } else {
        ("iptal edildi", "was cancelled")
    };
    let subject = format!("NES başvurunuz kapandı / Your NES application was closed ({reference})");
    let body = format!(
        "\
Sayın {first_name},

{reference} numaralı NES başvurunuz {why_tr}. Yeniden başvurmak için kurumunuzun e-İmza \
sorumlusuna başvurunuz.

Sorularınız için Kamu SM çağrı merkezi: {SUPPORT_LINE}

{SEPARATOR}

Dear {first_name},

Your NES application {reference} {why_en}. To apply again, contact your institution's \
e-signature officer.

Kamu SM call centre: {SUPPORT_LINE}
"
    );
    (subject, body)
}

/// The SMS with the one-time code: short (one or two SMS parts).
pub fn sms_code(code: &str, reference: &str) -> String {
    format!(
        "Kamu SM NES başvurusu {reference} onay kodunuz: {code}. \
{SMS_CODE_VALID_MINUTES} dakika geçerlidir. Bu kodu kimseyle paylaşmayın. / \
Your Kamu SM verification code: {code} (valid {SMS_CODE_VALID_MINUTES} min). Do not share it."
    )
}

/// To an institution's officers: one of their webhook endpoints was disabled.
pub fn webhook_disabled_email(url: &str, reason: &str, public_url: &str) -> (String, String) {
    let subject =
        "Webhook adresiniz devre dışı bırakıldı / Your webhook endpoint was disabled".to_owned();
    let screen = format!("{public_url}/kurum/webhooklar");
    let body = format!(
        "\
Sayın kurum e-İmza sorumlusu,

Kurumunuzun {url} webhook adresine bildirim gönderilemediği için adres devre dışı \
bırakıldı ({reason}). Bekleyen bildirimler gönderilmeyecek.

Adresi düzelttikten sonra {screen} ekranından yeniden etkinleştirebilir ve kaçan \
bildirimleri yeniden gönderebilirsiniz; kaçan değişiklikleri değişiklik akışından \
(GET /api/pre-applications) da okuyabilirsiniz.

{SEPARATOR}

Dear e-signature officer,

Your institution's webhook endpoint {url} was disabled because messages could not be \
delivered to it ({reason}). Waiting messages will not be sent.

Once the endpoint is fixed, enable it again at {screen} and redeliver what was missed; the \
change feed (GET /api/pre-applications) also lists every change since.
"
    );
    (subject, body)
}

/// Confirmation of approval with e-Onay or e-İmza: what happens next, what to pay, where to
/// track the application.
pub fn application_approved(
    first_name: &str,
    reference: &str,
    method: ApprovalMethod,
    payment: &PaymentInstructions,
    tracking_url: &str,
) -> (String, String) {
    let method_name = match method {
        ApprovalMethod::EOnay => "e-Onay",
        ApprovalMethod::EImza => "e-İmza",
    };
    let (payment_tr, payment_en) = payment_paragraphs(payment);
    let subject =
        format!("NES başvurunuz onaylandı / Your NES application was approved ({reference})");
    let body = format!(
        "\
Sayın {first_name},

{reference} numaralı NES başvurunuz {method_name} ile onaylandı ve Kamu SM'ye ulaştı.

{payment_tr}

Başvurunuzu {tracking_url} adresinden, Online İşlemler → NES İşlemleri → Bireysel İşlemler → \
Başvuru İşlemleri menüsünde izleyebilirsiniz.

Sorularınız için Kamu SM çağrı merkezi: {SUPPORT_LINE}

Güvenliğiniz için: Kamu SM sizden e-posta ile hiçbir zaman parola, PIN ya da doğrulama kodu \
istemez.

{SEPARATOR}

Dear {first_name},

Your NES application {reference} was approved with {method_name} and has reached Kamu SM.

{payment_en}

You can track it at {tracking_url}, under Online İşlemler → NES İşlemleri → Bireysel İşlemler → \
Başvuru İşlemleri.

Kamu SM call centre: {SUPPORT_LINE}

For your security: Kamu SM never asks for passwords, PINs or verification codes by e-mail.

Kamu SM (Kamu Sertifikasyon Merkezi)
"
    );
    (subject, body)
}

/// What happens next, in Turkish and in English: who pays (the person or the institution)
/// and whether production waits for the payment give four texts, and a payment that has
/// already arrived a fifth.
fn payment_paragraphs(payment: &PaymentInstructions) -> (String, String) {
    match payment {
        PaymentInstructions::PaidByInstitution {
            production_waits_for_payment: true,
            paid: false,
        } => (
            "Ücreti kurumunuz ödeyecektir (Kurum Ödemeli); sizin bir ödeme yapmanız gerekmez. \
Başvurunuz ön ödemelidir: sertifikanızın üretimi, kurumunuzun ödemesi Kamu SM'ye ulaştığında \
başlar."
                .to_owned(),
            "Your institution pays for the certificate; there is nothing for you to pay. The \
order is prepaid: production of your certificate starts once your institution's payment has \
reached Kamu SM."
                .to_owned(),
        ),
        PaymentInstructions::PaidByInstitution { .. } => (
            "Sertifikanızın üretimi başladı. Ücreti kurumunuz ödeyecektir (Kurum Ödemeli); \
sizin bir ödeme yapmanız gerekmez."
                .to_owned(),
            "Production of your certificate has started. Your institution pays for it; there is \
nothing for you to pay."
                .to_owned(),
        ),
        PaymentInstructions::PaidByPerson {
            paid: true,
            amount_display,
            payment_reference,
            ..
        } => (
            format!(
                "Sertifikanızın üretimi başladı. {amount_display} tutarındaki ödemeniz \
({payment_reference} ödeme referansı) Kamu SM'ye ulaşmıştır."
            ),
            format!(
                "Production of your certificate has started. Your payment of {amount_display} \
(payment reference {payment_reference}) has reached Kamu SM."
            ),
        ),
        PaymentInstructions::PaidByPerson {
            paid: false,
            amount_display,
            payment_reference,
            production_waits_for_payment,
            bank_account,
            ..
        } => {
            let (how_tr, how_en) = match bank_account {
                Some(account) => (
                    format!(
                        "Ödeme bilgileri (havale/EFT):\n\
Banka: {bank}\n\
Alıcı: {holder}\n\
IBAN: {iban}\n\
Açıklama: {description}",
                        bank = account.bank,
                        holder = account.account_holder,
                        iban = account.iban.grouped(),
                        description = account.description,
                    ),
                    format!(
                        "How to pay (bank transfer):\n\
Bank: {bank}\n\
Account holder: {holder}\n\
IBAN: {iban}\n\
Description: {description}",
                        bank = account.bank,
                        holder = account.account_holder,
                        iban = account.iban.grouped(),
                        description = account.description,
                    ),
                ),
                None => (String::new(), String::new()),
            };
            let (when_tr, when_en) = if *production_waits_for_payment {
                (
                    "Başvurunuz ön ödemelidir: sertifikanızın üretimi, ödemeniz Kamu SM'ye \
ulaştıktan sonra başlar.",
                    "Your order is prepaid: production of your certificate starts once your \
payment has reached Kamu SM.",
                )
            } else {
                (
                    "Sertifikanızın üretimi başladı; ücreti üretim sürerken ödeyebilirsiniz.",
                    "Production of your certificate has started; you can pay while it goes on.",
                )
            };
            (
                format!(
                    "{when_tr}\n\n\
Sertifika ücreti (Kişi Ödemeli, KDV dahil): {amount_display}\n\
Ödeme referansı: {payment_reference} (ödemenizde mutlaka belirtiniz)\n\n\
{how_tr}"
                )
                .trim_end()
                .to_owned(),
                format!(
                    "{when_en}\n\n\
Certificate fee (paid by you, VAT included): {amount_display}\n\
Payment reference: {payment_reference} (always quote it with the payment)\n\n\
{how_en}"
                )
                .trim_end()
                .to_owned(),
            )
        }
    }
}

/// A step of an approved application that the applicant is told about by e-mail and SMS
/// (the operator records each one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressStep<'a> {
    /// The payment reached Kamu SM; a prepaid order then goes into production.
    PaymentReceived {
        production_started: bool,
    },
    Produced,
    Shipped(&'a Shipment),
    Delivered,
}

impl ProgressStep<'_> {
    /// The outbox `purpose` of the messages about this step.
    pub fn purpose(self) -> &'static str {
        match self {
            ProgressStep::PaymentReceived { .. } => "payment_received",
            ProgressStep::Produced => "certificate_produced",
            ProgressStep::Shipped(_) => "certificate_shipped",
            ProgressStep::Delivered => "certificate_delivered",
        }
    }

    /// The subject's headline and the mail's news, Turkish and English.
    fn news(self, reference: &str) -> (&'static str, &'static str, String, String) {
        match self {
            ProgressStep::PaymentReceived { production_started } => (
                "Ödemeniz alındı",
                "Your payment was received",
                format!(
                    "{reference} numaralı NES başvurunuzun ödemesi Kamu SM'ye ulaştı.{}",
                    if production_started {
                        " Sertifikanızın üretimi başladı."
                    } else {
                        ""
                    }
                ),
                format!(
                    "The payment for your NES application {reference} has reached Kamu SM.{}",
                    if production_started {
                        " Production of your certificate has started."
                    } else {
                        ""
                    }
                ),
            ),
            ProgressStep::Produced => (
                "Sertifikanız üretildi",
                "Your certificate was produced",
                format!(
                    "{reference} numaralı başvurunuzun sertifikası ve akıllı kartı üretildi; \
kart kısa süre içinde kargoya verilecek."
                ),
                format!(
                    "The certificate and smart card of application {reference} have been \
produced; the card will be handed to the courier shortly."
                ),
            ),
            ProgressStep::Shipped(shipment) => (
                "Kartınız kargoya verildi",
                "Your card was shipped",
                format!(
                    "{reference} numaralı başvurunuzun akıllı kartı formda verdiğiniz adrese \
gönderilmek üzere kargoya verildi.\nKargo firması: {}\nKargo takip numarası: {}",
                    shipment.courier, shipment.tracking_number
                ),
                format!(
                    "The smart card of application {reference} was handed to the courier for \
the address you gave in the form.\nCourier: {}\nTracking number: {}",
                    shipment.courier, shipment.tracking_number
                ),
            ),
            ProgressStep::Delivered => (
                "Kartınız teslim edildi",
                "Your card was delivered",
                format!(
                    "{reference} numaralı başvurunuzun akıllı kartı teslim edildi. Kartı \
kullanmadan önce PIN zarfınızı güvenli bir yerde saklayınız."
                ),
                format!(
                    "The smart card of application {reference} was delivered. Keep your PIN \
envelope in a safe place before using the card."
                ),
            ),
        }
    }
}

/// The e-mail about a step after approval: what happened and where to follow it.
pub fn progress_email(
    first_name: &str,
    reference: &str,
    step: ProgressStep<'_>,
    tracking_url: &str,
) -> (String, String) {
    let (headline_tr, headline_en, news_tr, news_en) = step.news(reference);
    let subject = format!("{headline_tr} / {headline_en} ({reference})");
    let body = format!(
        "\
Sayın {first_name},

{news_tr}

Başvurunuzu {tracking_url} adresinden, Online İşlemler → NES İşlemleri → Bireysel İşlemler → \
Başvuru İşlemleri menüsünde izleyebilirsiniz.

Sorularınız için Kamu SM çağrı merkezi: {SUPPORT_LINE}

Güvenliğiniz için: Kamu SM sizden e-posta ile hiçbir zaman parola, PIN ya da doğrulama kodu \
istemez.

{SEPARATOR}

Dear {first_name},

{news_en}

You can follow your application at {tracking_url}, under Online İşlemler → NES İşlemleri → \
Bireysel İşlemler → Başvuru İşlemleri.

Kamu SM call centre: {SUPPORT_LINE}

For your security: Kamu SM never asks for passwords, PINs or verification codes by e-mail.

Kamu SM (Kamu Sertifikasyon Merkezi)
"
    );
    (subject, body)
}

/// The SMS about a step after approval: short, and nothing secret in it (it is not sealed).
pub fn progress_sms(reference: &str, step: ProgressStep<'_>) -> String {
    match step {
        ProgressStep::PaymentReceived {
            production_started: true,
        } => format!(
            "Kamu SM: {reference} başvurunuzun ödemesi alındı, üretim başladı. / \
Payment received, production started."
        ),
        ProgressStep::PaymentReceived {
            production_started: false,
        } => format!(
            "Kamu SM: {reference} başvurunuzun ödemesi alındı. / Your payment was received."
        ),
        ProgressStep::Produced => format!(
            "Kamu SM: {reference} başvurunuzun sertifikası üretildi. / Your certificate was produced."
        ),
        ProgressStep::Shipped(shipment) => format!(
            "Kamu SM: {reference} kartınız kargoda. {} takip no: {} / Your card was shipped.",
            shipment.courier, shipment.tracking_number
        ),
        ProgressStep::Delivered => format!(
            "Kamu SM: {reference} kartınız teslim edildi. / Your card was delivered."
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn deadline() -> DateTime<Utc> {
        // 23:30 UTC is already the next day in Türkiye.
        Utc.with_ymd_and_hms(2026, 12, 25, 23, 30, 0).unwrap()
    }

    fn person_pays(prepaid: bool, paid: bool) -> PaymentInstructions {
        PaymentInstructions::PaidByPerson {
            amount_kurus: 125_000,
            amount_display: "1.250,00 TL".into(),
            payment_reference: "ODM-NES-2026-000123".into(),
            production_waits_for_payment: prepaid,
            paid,
            bank_account: Some(shared::api::BankAccount {
                bank: "T.C. Ziraat Bankası".into(),
                account_holder: "TÜBİTAK BİLGEM Kamu SM".into(),
                iban: shared::Iban::parse("TR330006100519786457841326").unwrap(),
                description: "ODM-NES-2026-000123 NES sertifika ücreti".into(),
            }),
        }
    }

    fn institution_pays(prepaid: bool) -> PaymentInstructions {
        PaymentInstructions::PaidByInstitution {
            production_waits_for_payment: prepaid,
            paid: false,
        }
    }

    fn approval_mail(payment: &PaymentInstructions) -> String {
        application_approved(
            "Ali",
            "NES-2026-000124",
            ApprovalMethod::EOnay,
            payment,
            "https://x",
        )
        .1
    }

    #[test]
    fn each_of_the_four_payment_combinations_has_its_own_approval_text() {
        let texts = [
            approval_mail(&person_pays(true, false)),
            approval_mail(&person_pays(false, false)),
            approval_mail(&institution_pays(true)),
            approval_mail(&institution_pays(false)),
        ];
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn a_person_who_pays_gets_the_bank_account_and_the_description_to_write() {
        for prepaid in [true, false] {
            let body = approval_mail(&person_pays(prepaid, false));
            for needle in [
                "Banka: T.C. Ziraat Bankası",
                "Alıcı: TÜBİTAK BİLGEM Kamu SM",
                "IBAN: TR33 0006 1005 1978 6457 8413 26",
                "Açıklama: ODM-NES-2026-000123 NES sertifika ücreti",
                "Account holder: TÜBİTAK BİLGEM Kamu SM",
            ] {
                assert!(body.contains(needle), "missing {needle:?} in\n{body}");
            }
        }
    }

    #[test]
    fn a_prepaid_institution_paid_approval_says_production_waits_for_the_institution() {
        let body = approval_mail(&institution_pays(true));
        assert!(body.contains("kurumunuzun ödemesi Kamu SM'ye ulaştığında"));
        assert!(body.contains("once your institution's payment has reached"));
        assert!(!body.contains("üretimi başladı"), "{body}");
        assert!(!body.contains("IBAN"));
        let started = approval_mail(&institution_pays(false));
        assert!(started.contains("Sertifikanızın üretimi başladı"));
    }

    #[test]
    fn the_deadline_is_shown_in_turkish_time() {
        assert_eq!(format_deadline(deadline()), "26.12.2026 02:30");
    }

    #[test]
    fn the_pre_application_mail_says_where_and_how_to_complete_it() {
        let (subject, body) = pre_application_created(
            "Ayşe",
            "Yılmaz",
            "NES-2026-000123",
            "Örnek Bakanlığı",
            deadline(),
            "https://nes.example.gov.tr/",
        );
        assert!(subject.contains("NES-2026-000123"));
        for needle in [
            "Sayın Ayşe Yılmaz",
            "Örnek Bakanlığı",
            "e-Devlet",
            "e-İmza",
            "NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri",
            "\"Başvuruyu Tamamla\"",
            "26.12.2026",
            "444 55 76",
            "https://nes.example.gov.tr/",
            "hiçbir zaman parola",
            "Dear Ayşe Yılmaz",
            "never asks for passwords",
        ] {
            assert!(body.contains(needle), "missing {needle:?} in\n{body}");
        }
        let turkish = body.find("Sayın").unwrap();
        let english = body.find("Dear").unwrap();
        assert!(turkish < english, "Turkish comes first");
    }

    #[test]
    fn the_sms_holds_the_code_and_the_reference_and_stays_short() {
        let text = sms_code("123456", "NES-2026-000123");
        assert!(text.contains("onay kodunuz: 123456"));
        assert!(text.contains("NES-2026-000123"));
        assert!(text.contains("code: 123456"));
        assert!(
            text.chars().count() <= 300,
            "{} chars",
            text.chars().count()
        );
    }

    #[test]
    fn an_approval_paid_by_the_institution_asks_for_nothing() {
        let (subject, body) = application_approved(
            "Ayşe",
            "NES-2026-000123",
            ApprovalMethod::EOnay,
            &institution_pays(false),
            "https://nes.example.gov.tr/applications",
        );
        assert!(subject.contains("onaylandı"));
        assert!(body.contains("e-Onay ile onaylandı"));
        assert!(body.contains("ödeme yapmanız gerekmez"));
        assert!(body.contains("nothing for you to pay"));
        assert!(body.contains("https://nes.example.gov.tr/applications"));
        assert!(!body.contains("TL"));
    }

    #[test]
    fn a_prepaid_approval_gives_the_amount_and_says_production_waits() {
        let (_, body) = application_approved(
            "Ali",
            "NES-2026-000124",
            ApprovalMethod::EImza,
            &person_pays(true, false),
            "https://nes.example.gov.tr/applications",
        );
        assert!(body.contains("e-İmza ile onaylandı"));
        assert!(body.contains("1.250,00 TL"));
        assert!(body.contains("ODM-NES-2026-000123"));
        assert!(body.contains("ödemeniz Kamu SM'ye ulaştıktan sonra başlar"));
        assert!(body.contains("starts once your payment has reached"));
    }

    #[test]
    fn a_postpaid_approval_gives_the_amount_and_says_production_started() {
        let (_, body) = application_approved(
            "Ali",
            "NES-2026-000124",
            ApprovalMethod::EOnay,
            &person_pays(false, false),
            "https://x",
        );
        assert!(body.contains("1.250,00 TL"));
        assert!(body.contains("üretimi başladı"));
        assert!(!body.contains("ulaştıktan sonra"));
    }

    #[test]
    fn an_approval_already_paid_says_so() {
        let (_, body) = application_approved(
            "Ali",
            "NES-2026-000124",
            ApprovalMethod::EOnay,
            &person_pays(true, true),
            "https://x",
        );
        assert!(body.contains("ödemeniz"));
        assert!(body.contains("has reached Kamu SM"));
    }

    fn shipment() -> Shipment {
        Shipment {
            courier: "PTT Kargo".into(),
            tracking_number: "KP12345678TR".into(),
        }
    }

    #[test]
    fn every_progress_mail_names_the_step_in_both_languages() {
        let shipment = shipment();
        for step in [
            ProgressStep::PaymentReceived {
                production_started: true,
            },
            ProgressStep::PaymentReceived {
                production_started: false,
            },
            ProgressStep::Produced,
            ProgressStep::Shipped(&shipment),
            ProgressStep::Delivered,
        ] {
            let (subject, body) = progress_email(
                "Ayşe",
                "NES-2026-000123",
                step,
                "https://x/basvuru-islemleri",
            );
            assert!(subject.contains("NES-2026-000123"), "{subject}");
            assert!(subject.contains(" / "), "{subject}");
            assert!(body.contains("Sayın Ayşe"));
            assert!(body.contains("Dear Ayşe"));
            assert!(body.contains("https://x/basvuru-islemleri"));
            assert!(body.find("Sayın").unwrap() < body.find("Dear").unwrap());
        }
    }

    #[test]
    fn the_shipping_mail_and_sms_carry_the_courier_and_the_tracking_number() {
        let shipment = shipment();
        let (_, body) = progress_email(
            "Ayşe",
            "NES-2026-000123",
            ProgressStep::Shipped(&shipment),
            "https://x",
        );
        assert!(body.contains("Kargo takip numarası: KP12345678TR"));
        assert!(body.contains("Tracking number: KP12345678TR"));
        assert!(body.contains("PTT Kargo"));
        let sms = progress_sms("NES-2026-000123", ProgressStep::Shipped(&shipment));
        assert!(sms.contains("KP12345678TR"));
        assert!(sms.contains("PTT Kargo"));
    }

    #[test]
    fn progress_sms_stay_short() {
        let shipment = Shipment {
            courier: "K".repeat(60),
            tracking_number: "T".repeat(40),
        };
        for step in [
            ProgressStep::PaymentReceived {
                production_started: true,
            },
            ProgressStep::PaymentReceived {
                production_started: false,
            },
            ProgressStep::Produced,
            ProgressStep::Shipped(&shipment),
            ProgressStep::Delivered,
        ] {
            let text = progress_sms("NES-2026-000123", step);
            assert!(text.contains("NES-2026-000123"));
            assert!(text.chars().count() <= 300, "{text}");
        }
    }
}
