//! Messages with something in them (a number, a field's name) and the translation of every
//! stable code the API and `shared::form::validate_form` use.

use shared::form::{field, ADDRESS_LINE_LENGTH, ILCE_LENGTH, TITLE_LENGTH};
use shared::problem::ErrorCode;

use super::{Lang, T};

/// The SMS code field's name in the API's field errors.
pub const SMS_CODE_FIELD: &str = "code";

/// Every field error code the form and the SMS code can produce.
pub const FIELD_ERROR_CODES: &[&str] = &[
    "required",
    "tckn_length",
    "tckn_not_digits",
    "tckn_leading_zero",
    "tckn_checksum",
    "locked_field",
    "phone_invalid",
    "phone_not_mobile",
    "date_invalid",
    "date_in_future",
    "too_young",
    "date_too_old",
    "too_short",
    "too_long",
    "il_unknown",
    "postal_code_invalid",
    "postal_code_il_mismatch",
    "term_invalid",
    "invalid_characters",
    "sms_code_format",
    "institution_unknown",
    "link_not_allowed",
    "try_again",
    "payer_invalid",
];

/// Shown for a code this build does not know yet (the API may be newer than the page).
const UNKNOWN_CLIENT_ERROR: (&str, &str) = ("İşlem yapılamadı.", "This could not be done.");

/// The visible label of a form field (also used inside its messages).
pub fn field_label(f: &str) -> Option<T> {
    Some(match f {
        field::TCKN => T::LabelTckn,
        field::MOBILE_PHONE => T::MobilePhone,
        field::BIRTH_DATE => T::LabelBirthDate,
        field::TITLE => T::LabelTitle,
        field::ADDRESS_IL => T::LabelIl,
        field::ADDRESS_ILCE => T::LabelIlce,
        field::ADDRESS_LINE => T::LabelAddressLine,
        field::POSTAL_CODE => T::LabelPostalCode,
        field::CERTIFICATE_TERM_YEARS => T::CertificateTerm,
        SMS_CODE_FIELD => T::LabelSmsCode,
        _ => return None,
    })
}

fn required_message(lang: Lang, f: &str) -> String {
    let (tr, en) = match f {
        field::TCKN => ("T.C. Kimlik No'nuzu girin", "Enter your Turkish ID number"),
        field::MOBILE_PHONE => (
            "Cep telefonu numaranızı girin",
            "Enter your mobile phone number",
        ),
        field::BIRTH_DATE => ("Doğum tarihinizi girin", "Enter your date of birth"),
        field::TITLE => ("Unvanınızı ya da görevinizi girin", "Enter your job title"),
        field::ADDRESS_IL => ("İl seçin", "Choose a province"),
        field::ADDRESS_ILCE => ("İlçeyi girin", "Enter the district"),
        field::ADDRESS_LINE => ("Açık adresinizi girin", "Enter your street address"),
        field::POSTAL_CODE => ("Posta kodunu girin", "Enter the postal code"),
        field::CERTIFICATE_TERM_YEARS => (
            "Sertifikanın geçerlilik süresini seçin",
            "Choose how long the certificate is valid",
        ),
        SMS_CODE_FIELD => (
            "SMS ile gelen doğrulama kodunu girin",
            "Enter the verification code from the text message",
        ),
        _ => ("Bu alanı doldurun", "Fill in this field"),
    };
    lang.pick(tr, en).to_owned()
}

fn length_limits(f: &str) -> Option<(usize, usize)> {
    let range = match f {
        field::TITLE => TITLE_LENGTH,
        field::ADDRESS_ILCE => ILCE_LENGTH,
        field::ADDRESS_LINE => ADDRESS_LINE_LENGTH,
        _ => return None,
    };
    Some((*range.start(), *range.end()))
}

/// The message for one error `code` of field `f`, in `lang`.
pub fn field_error(lang: Lang, f: &str, code: &str) -> String {
    let label = field_label(f).map(|t| t.get(lang)).unwrap_or_default();
    let fixed = |tr: &str, en: &str| lang.pick(tr, en).to_owned();
    match code {
        "required" => required_message(lang, f),
        "tckn_length" => fixed(
            "T.C. Kimlik No 11 haneli olmalıdır",
            "The Turkish ID number must have 11 digits",
        ),
        "tckn_not_digits" => fixed(
            "T.C. Kimlik No yalnızca rakamlardan oluşmalıdır",
            "The Turkish ID number must contain only digits",
        ),
        "tckn_leading_zero" => fixed(
            "T.C. Kimlik No 0 ile başlayamaz",
            "The Turkish ID number cannot start with 0",
        ),
        "tckn_checksum" => fixed(
            "T.C. Kimlik No geçerli değil; rakamları kontrol edin",
            "The Turkish ID number is not valid; check the digits",
        ),
        "locked_field" => fixed(
            "Bu bilgi ön başvurudan gelir ve değiştirilemez",
            "This comes from the pre-application and cannot be changed",
        ),
        "phone_invalid" => fixed(
            "Cep telefonu numarasını 0532 123 45 67 biçiminde girin",
            "Enter the mobile phone number like 0532 123 45 67",
        ),
        "phone_not_mobile" => fixed(
            "Bir cep telefonu numarası girin (5 ile başlar); sabit hat numarası olamaz",
            "Enter a mobile phone number (it starts with 5), not a landline number",
        ),
        "date_invalid" => fixed(
            "Doğum tarihini gün, ay ve yıl olarak girin",
            "Enter the date of birth as day, month and year",
        ),
        "date_in_future" => fixed(
            "Doğum tarihi bugünden sonra olamaz",
            "The date of birth must be in the past",
        ),
        "too_young" => fixed(
            "Başvurmak için 18 yaşını doldurmuş olmalısınız",
            "You must be 18 or older to apply",
        ),
        "date_too_old" => fixed(
            "Doğum tarihi 1900'den önce olamaz; yılı kontrol edin",
            "The date of birth cannot be before 1900; check the year",
        ),
        "too_short" => match (length_limits(f), lang) {
            (Some((min, _)), Lang::Tr) => format!("{label} en az {min} karakter olmalıdır"),
            (Some((min, _)), Lang::En) => format!("{label} must be at least {min} characters"),
            (None, _) => fixed("Bu alan çok kısa", "This is too short"),
        },
        "too_long" => match (length_limits(f), lang) {
            (Some((_, max)), Lang::Tr) => format!("{label} en fazla {max} karakter olabilir"),
            (Some((_, max)), Lang::En) => format!("{label} must be {max} characters or fewer"),
            (None, _) => fixed("Bu alan çok uzun", "This is too long"),
        },
        "il_unknown" => fixed("Listeden bir il seçin", "Choose a province from the list"),
        "postal_code_invalid" => fixed(
            "Posta kodu 5 rakamdan oluşmalıdır",
            "The postal code must be 5 digits",
        ),
        "postal_code_il_mismatch" => fixed(
            "Posta kodu seçtiğiniz ilin posta kodu değil; ilk iki rakamı ilin plaka kodudur",
            "The postal code is not one of the province you chose; its first two digits are the province's plate code",
        ),
        "term_invalid" => fixed("1, 2 ya da 3 yıl seçin", "Choose 1, 2 or 3 years"),
        "invalid_characters" => fixed(
            "Bu alanda kullanılamayan görünmez karakterler var; metni yeniden yazın",
            "This contains invisible characters that cannot be used; type it again",
        ),
        "institution_unknown" => fixed(
            "Bu kod ya da adla kayıtlı bir kurum yok",
            "No institution is registered with this code or name",
        ),
        "link_not_allowed" => fixed(
            "Kurum adında bağlantı ya da e-posta adresi olamaz",
            "The institution's name cannot contain a link or an e-mail address",
        ),
        "try_again" => fixed(
            "Bu satır şu an işlenemedi; tekrar gönderin",
            "This row could not be processed just now; send it again",
        ),
        "payer_invalid" => fixed(
            "Ödeme şekli kurum (institution) ya da kişi (person) olmalıdır",
            "The payer must be the institution or the person",
        ),
        "sms_code_format" => fixed(
            "Doğrulama kodu 6 rakamdan oluşur",
            "The verification code has 6 digits",
        ),
        other => match lang {
            Lang::Tr => format!("Bu alan geçerli değil ({other})"),
            Lang::En => format!("This is not valid ({other})"),
        },
    }
}

/// What an API error code means for the person, in `lang`.
pub fn problem_message(lang: Lang, code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    let (tr, en) = match code {
        MalformedRequest => (
            "İstek okunamadı. Sayfayı yenileyip tekrar deneyin.",
            "The request could not be read. Reload the page and try again.",
        ),
        ValidationFailed => (
            "Bazı bilgiler geçerli değil.",
            "Some of the details are not valid.",
        ),
        Unauthenticated => (
            "Oturumunuz sona erdi. Tekrar giriş yapın.",
            "Your session has ended. Please log in again.",
        ),
        CsrfTokenInvalid => (
            "Güvenlik denetimi başarısız oldu. Sayfayı yenileyip tekrar deneyin.",
            "The security check failed. Reload the page and try again.",
        ),
        ApiKeyInvalid => (
            "Erişim anahtarı geçerli değil.",
            "The access key is not valid.",
        ),
        NotFound => (
            "Aradığınız kayıt bulunamadı ya da size ait değil.",
            "What you are looking for was not found, or it is not yours.",
        ),
        RouteNotFound => ("Böyle bir adres yok.", "There is no such address."),
        MethodNotAllowed => (
            "Bu işlem bu adreste yapılamaz.",
            "This cannot be done at this address.",
        ),
        Conflict => (
            "Başvurunuz aynı anda başka bir yerden değiştirildi. Sayfayı yenileyip tekrar deneyin.",
            "Your application was changed elsewhere at the same moment. Reload the page and try again.",
        ),
        InvalidStateTransition => (
            "Başvurunuzun şu anki durumunda bu işlem yapılamaz. Durumunu Başvuru İşlemleri sayfasından görebilirsiniz.",
            "This cannot be done in your application's current state. You can see its state on the Applications page.",
        ),
        ApplicationExpired => (
            "Başvurunuzun tamamlanma süresi doldu. Kurumunuzun e-İmza sorumlusuna başvurun.",
            "The deadline for completing your application has passed. Contact your institution's e-signature officer.",
        ),
        PhoneNotVerified => (
            "Önce cep telefonunuzu SMS koduyla doğrulayın.",
            "First verify your mobile phone with the SMS code.",
        ),
        SmsCodeNotRequested => (
            "Bu başvuru için SMS kodu gönderilmedi. Yeni kod isteyin.",
            "No SMS code has been sent for this application. Ask for a new code.",
        ),
        SmsCodeIncorrect => ("Kod doğru değil.", "The code is not correct."),
        SmsCodeExpired => (
            "Kodun süresi doldu. Lütfen yeni kod isteyin.",
            "The code has expired. Please ask for a new code.",
        ),
        SmsCodeAttemptsExhausted => (
            "Çok sayıda yanlış kod girildi; bu kod artık kullanılamaz. Lütfen yeni kod isteyin.",
            "Too many wrong codes were entered; this code can no longer be used. Please ask for a new code.",
        ),
        SmsCodeAlreadyUsed => (
            "Bu kod zaten kullanıldı.",
            "This code has already been used.",
        ),
        SmsResendTooSoon => (
            "Yeni kod istemeden önce biraz bekleyin.",
            "Please wait a little before asking for a new code.",
        ),
        SmsSendLimitReached => (
            "Çok sayıda kod gönderildi. Bir süre sonra tekrar deneyin.",
            "Too many codes were sent. Please try again later.",
        ),
        SmsVerificationLocked => (
            "Çok sayıda hatalı kod girildiği için telefon doğrulaması kilitlendi. Kurumunuzun e-İmza sorumlusu ya da Kamu SM ile iletişime geçin.",
            "Phone verification is locked after too many wrong codes. Contact your institution's e-signature officer or Kamu SM.",
        ),
        EOnayConsentRequired => (
            "Önce E-Onay ile işlem yapmayı kabul etmelisiniz.",
            "You must first agree to work with e-Onay.",
        ),
        TaahhutnameMismatch => (
            "Taahhütname bu arada güncellendi. Sayfayı yenileyip yeni metni okuyun.",
            "The Taahhütname has been updated in the meantime. Reload the page and read the new text.",
        ),
        AcceptanceRequired => (
            "Kabul ettiğinizi işaretlemeniz gerekir.",
            "You need to tick the box to accept.",
        ),
        BatchTooLarge => (
            "Tek istekte çok fazla satır var.",
            "Too many rows in one request.",
        ),
        PayloadTooLarge => ("Gönderilen bilgi çok büyük.", "What was sent is too large."),
        EImzaUnavailable => (
            "e-İmza ile onay şu anda kullanılamıyor. Başvurunuzu e-Onay ile onaylayabilirsiniz.",
            "Approval with e-İmza is not available right now. You can approve your application with e-Onay.",
        ),
        SigningCodeInvalid => (
            "Doğrulama kodu tanınmadı. Kodu e-İmza uygulamasına doğru kopyaladığınızdan emin olun.",
            "The verification code was not recognised. Check that you copied it into the e-İmza application correctly.",
        ),
        SigningCodeExpired => (
            "Doğrulama kodunun süresi doldu. Yeni bir kod alıp tekrar deneyin.",
            "The verification code has expired. Get a new code and try again.",
        ),
        SigningCodeUsed => (
            "Bu doğrulama kodu zaten kullanıldı.",
            "This verification code has already been used.",
        ),
        SigningSessionSuperseded => (
            "Bu doğrulama kodunun yerine yeni bir kod alındı ya da başvuru formu değişti. Yeni bir doğrulama kodu alarak tekrar imzalayın.",
            "A newer code was asked for or the application form changed after this code was given. Get a new code and sign again.",
        ),
        SigningTokenInvalid => (
            "e-İmza uygulamasının oturumu geçerli değil. Uygulamayı kapatıp yeni bir kodla tekrar deneyin.",
            "The signing application's session is not valid. Close it and try again with a new code.",
        ),
        CmsMalformed => ("İmza okunamadı.", "The signature could not be read."),
        UnsupportedAlgorithm => (
            "İmzada desteklenmeyen bir algoritma kullanılmış.",
            "The signature uses an algorithm that is not supported.",
        ),
        SignedAttributeMissing => (
            "İmzada gerekli bilgiler eksik.",
            "The signature lacks required information.",
        ),
        SignatureInvalid => ("İmza doğrulanamadı.", "The signature does not verify."),
        DigestMismatch => (
            "İmza, onaylanacak forma ait değil.",
            "The signature is not over the form to be approved.",
        ),
        SigningCertificateMismatch => (
            "İmzadaki sertifika bilgisi, imzalayan sertifikayla uyuşmuyor.",
            "The certificate named in the signature does not match the signer's certificate.",
        ),
        SigningTimeSkew => (
            "İmza zamanı ile sunucu saati arasında çok fark var. Bilgisayarınızın saatini kontrol edin.",
            "The signing time is too far from the server's clock. Check your computer's clock.",
        ),
        CertificateNotYetValid => (
            "Sertifikanız henüz geçerli değil.",
            "Your certificate is not valid yet.",
        ),
        CertificateExpired => (
            "Sertifikanızın süresi dolmuş.",
            "Your certificate has expired.",
        ),
        UntrustedChain => (
            "Sertifikanız güvenilir bir elektronik sertifika hizmet sağlayıcısına bağlanamadı.",
            "Your certificate does not chain to a trusted certification authority.",
        ),
        CertificateRevoked => (
            "Sertifikanız iptal edilmiş.",
            "Your certificate has been revoked.",
        ),
        RevocationStatusUnknown => (
            "Sertifikanızın iptal durumu şu anda denetlenemiyor. Biraz sonra tekrar deneyin.",
            "The revocation status of your certificate cannot be checked right now. Please try again a little later.",
        ),
        KeyUsageNotNonRepudiation => (
            "Bu sertifika nitelikli elektronik imza için kullanılamaz.",
            "This certificate cannot be used for qualified electronic signatures.",
        ),
        TcknMismatch => (
            "İmzalayan sertifika size ait değil (T.C. Kimlik No uyuşmuyor).",
            "The signing certificate is not yours (the Turkish ID number does not match).",
        ),
        LoginFailed => (
            "e-Devlet girişi tamamlanamadı. Lütfen tekrar deneyin.",
            "The e-Devlet login could not be completed. Please try again.",
        ),
        IdentityProviderUnavailable => (
            "e-Devlet'e şu anda ulaşılamıyor. Lütfen biraz sonra tekrar deneyin.",
            "e-Devlet cannot be reached right now. Please try again a little later.",
        ),
        ServiceUnavailable | DatabaseUnavailable | DatabaseBusy => (
            "Hizmet şu anda kullanılamıyor. Lütfen biraz sonra tekrar deneyin.",
            "The service is not available right now. Please try again a little later.",
        ),
        Forbidden => (
            "Bu işlemi yapma yetkiniz yok.",
            "You are not allowed to do this.",
        ),
        StaffLoginFailed => (
            "Kullanıcı adı ya da parola yanlış.",
            "The user name or the password is wrong.",
        ),
        LoginThrottled => (
            "Çok sayıda başarısız giriş denemesi oldu. Belirtilen süre kadar bekleyip tekrar deneyin.",
            "There were too many failed login attempts. Wait for the time shown and try again.",
        ),
        RateLimited => (
            "Kısa sürede çok sayıda istek geldi. Biraz bekleyip tekrar deneyin.",
            "Too many requests came in a short time. Wait a little and try again.",
        ),
        AccountLocked => (
            "Hesabınız çok sayıda başarısız giriş denemesi nedeniyle bir saatliğine kilitlendi. Daha önce açılması için Kamu SM ile iletişime geçin.",
            "Your account is locked for an hour after too many failed login attempts. Contact Kamu SM to have it opened sooner.",
        ),
        SecondFactorRequired => (
            "Girişi tamamlamak için doğrulama kodunu girin ya da geçiş anahtarınızı kullanın.",
            "To finish logging in, enter the verification code or use your passkey.",
        ),
        TotpEnrolmentRequired => (
            "Devam etmeden önce doğrulama uygulamanızı kurun.",
            "Set up your authenticator app before you continue.",
        ),
        TotpInvalid => (
            "Doğrulama kodu doğru değil.",
            "The verification code is not correct.",
        ),
        TotpReplayed => (
            "Bu doğrulama kodu zaten kullanıldı. Uygulamanızda yeni kodun çıkmasını bekleyin.",
            "This verification code has already been used. Wait for your app to show a new code.",
        ),
        PasskeyCeremonyExpired => (
            "Geçiş anahtarı isteğinin süresi doldu. Tekrar deneyin.",
            "The passkey request has expired. Please try again.",
        ),
        PasskeyRejected => (
            "Geçiş anahtarı kabul edilmedi.",
            "The passkey was not accepted.",
        ),
        CsvMalformed => (
            "CSV dosyası okunamadı. Dosyanın UTF-8 kodlamalı ve başlık satırı doğru olduğundan emin olun.",
            "The CSV file could not be read. Check that it is UTF-8 encoded and its header row is right.",
        ),
        AlreadyExists => ("Bu kayıt zaten var.", "This already exists."),
        NotificationResendTooSoon => (
            "Bildirim e-postası kısa süre önce gönderildi.",
            "The notification e-mail was sent a short while ago.",
        ),
        PasswordChangeRequired => (
            "Size verilen parolayı devam etmeden önce değiştirin.",
            "Change the password you were given before you continue.",
        ),
        ReauthenticationRequired => (
            "Bu işlem için parolanızı yeniden girin.",
            "Enter your password again to do this.",
        ),
        OwnAccount => (
            "Bu işlem kendi hesabınızda yapılamaz.",
            "This cannot be done to your own account.",
        ),
        IdempotencyKeyInvalid => (
            "İstek anahtarı (Idempotency-Key) geçersiz.",
            "The request key (Idempotency-Key) is not valid.",
        ),
        IdempotencyKeyInUse => (
            "Aynı istek hâlâ işleniyor; biraz sonra yeniden deneyin.",
            "The same request is still being processed; try again in a moment.",
        ),
        IdempotencyKeyReused => (
            "Bu istek anahtarı başka bir istek için kullanılmış.",
            "This request key was used for another request.",
        ),
        EvidenceNotAvailable => (
            "Başvuru henüz onaylanmadığı için kanıt paketi yok.",
            "The application is not approved yet, so there is no evidence package.",
        ),
        EvidenceSigningUnavailable => (
            "Kanıt paketi şu anda hazırlanamıyor; daha sonra yeniden deneyin.",
            "The evidence package cannot be prepared right now; try again later.",
        ),
        PaymentCallbackSignatureInvalid => (
            "Ödeme bildiriminin imzası geçersiz.",
            "The payment notification's signature is not valid.",
        ),
        PaymentCallbacksUnavailable => (
            "Ödeme bildirimleri şu anda kullanılamıyor.",
            "Payment notifications are not available now.",
        ),
        InternalError => (
            "Beklenmeyen bir hata oluştu.",
            "An unexpected error occurred.",
        ),
        // A code added to the API after this page was built: its status still says what
        // kind of failure it is.
        #[allow(unreachable_patterns)]
        other if other.http_status() >= 500 => (
            "Beklenmeyen bir hata oluştu.",
            "An unexpected error occurred.",
        ),
        #[allow(unreachable_patterns)]
        _ => UNKNOWN_CLIENT_ERROR,
    };
    lang.pick(tr, en)
}

/// `giris_hatasi` of a failed login: one of two codes, anything else reads as `login_failed`.
pub fn login_error_message(lang: Lang, code: &str) -> &'static str {
    match code {
        "identity_provider_unavailable" => T::IdpUnavailableText.get(lang),
        _ => T::LoginFailedText.get(lang),
    }
}

/// After a wrong SMS code.
pub fn sms_tries_left(lang: Lang, tries_left: u32) -> String {
    match (lang, tries_left) {
        (Lang::Tr, n) => format!("Kod doğru değil. {n} deneme hakkınız kaldı."),
        (Lang::En, 1) => "The code is not correct. You have 1 try left.".to_owned(),
        (Lang::En, n) => format!("The code is not correct. You have {n} tries left."),
    }
}

/// The visible countdown before a new code may be asked for.
pub fn sms_resend_countdown(lang: Lang, seconds: u64) -> String {
    match (lang, seconds) {
        (Lang::Tr, n) => format!("{n} saniye sonra yeni kod isteyebilirsiniz."),
        (Lang::En, 1) => "You can ask for a new code in 1 second.".to_owned(),
        (Lang::En, n) => format!("You can ask for a new code in {n} seconds."),
    }
}

/// After a new code was sent.
pub fn sms_sent_again(lang: Lang, sent_to: &str) -> String {
    match lang {
        Lang::Tr => format!("Yeni doğrulama kodu {sent_to} numarasına gönderildi."),
        Lang::En => format!("A new verification code was sent to {sent_to}."),
    }
}

/// When a request may be repeated (HTTP 429).
pub fn retry_after(lang: Lang, seconds: u64) -> String {
    match (lang, seconds) {
        (Lang::Tr, n) => format!("{n} saniye sonra tekrar deneyin."),
        (Lang::En, 1) => "Try again in 1 second.".to_owned(),
        (Lang::En, n) => format!("Try again in {n} seconds."),
    }
}

/// `"Taslak kaydedildi (14:05)."`
pub fn draft_saved_at(lang: Lang, time: &str) -> String {
    format!("{} ({time}).", T::DraftSaved.get(lang))
}

/// A certificate term.
pub fn years(lang: Lang, years: u8) -> String {
    match (lang, years) {
        (Lang::Tr, n) => format!("{n} yıl"),
        (Lang::En, 1) => "1 year".to_owned(),
        (Lang::En, n) => format!("{n} years"),
    }
}

/// The Taahhütname's version line.
pub fn version(lang: Lang, version: &str) -> String {
    match lang {
        Lang::Tr => format!("Sürüm {version}"),
        Lang::En => format!("Version {version}"),
    }
}

/// The hidden part of a repeated link text, so that each link names its application.
pub fn for_application(lang: Lang, reference: &str) -> String {
    match lang {
        Lang::Tr => format!(" ({reference} numaralı başvuru)"),
        Lang::En => format!(" (application {reference})"),
    }
}

// ---------------------------------------------------------------- e-İmza

/// What the e-İmza page says when the signature is accepted (TAL.01.16 §3.4.2.3), in both
/// languages: the signing application tells the person to look for these words.
pub const SUCCESS_PHRASE: &str = "İşlem Başarılı";

/// The English gloss after [`SUCCESS_PHRASE`], none in Turkish.
pub fn success_gloss(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::Tr => None,
        Lang::En => Some("success"),
    }
}

/// Why a signature was refused and what to do, for the person, in `lang`.
pub fn signature_refusal(lang: Lang, code: Option<&str>) -> &'static str {
    use ErrorCode::*;
    let (tr, en) = match code.and_then(ErrorCode::signature_refusal) {
        Some(CmsMalformed) => (
            "İmza okunamadı. Bu sayfadan indirdiğiniz e-İmza uygulamasını kullandığınızdan emin olun.",
            "The signature could not be read. Make sure you use the e-İmza application downloaded from this page.",
        ),
        Some(UnsupportedAlgorithm) => (
            "İmzada desteklenmeyen bir algoritma kullanılmış. Bu sayfadan indirdiğiniz e-İmza uygulamasını kullanın.",
            "The signature uses an algorithm that is not supported. Use the e-İmza application downloaded from this page.",
        ),
        Some(SignedAttributeMissing) => (
            "İmzada gerekli bilgiler eksik. Bu sayfadan indirdiğiniz e-İmza uygulamasını kullanın.",
            "The signature lacks required information. Use the e-İmza application downloaded from this page.",
        ),
        Some(SignatureInvalid) => (
            "İmza doğrulanamadı: imza, seçilen sertifikanın anahtarıyla atılmamış.",
            "The signature does not verify: it was not made with the chosen certificate's key.",
        ),
        Some(DigestMismatch) => (
            "İmza bu başvurunun belgesine ait değil.",
            "The signature is not over this application's document.",
        ),
        Some(SigningCertificateMismatch) => (
            "İmzadaki sertifika bilgisi, imzalayan sertifikayla uyuşmuyor.",
            "The certificate named in the signature does not match the signer's certificate.",
        ),
        Some(SigningTimeSkew) => (
            "Bilgisayarınızın saati yanlış görünüyor. Saati ve tarihi düzeltip tekrar deneyin.",
            "Your computer's clock seems to be wrong. Correct its time and date and try again.",
        ),
        Some(CertificateNotYetValid) => (
            "Seçilen sertifika henüz geçerli değil.",
            "The chosen certificate is not valid yet.",
        ),
        Some(CertificateExpired) => (
            "Seçilen sertifikanın süresi dolmuş.",
            "The chosen certificate has expired.",
        ),
        Some(UntrustedChain) => (
            "Seçilen sertifika güvenilir bir elektronik sertifika hizmet sağlayıcısından alınmamış.",
            "The chosen certificate was not issued by a trusted certification authority.",
        ),
        Some(CertificateRevoked) => (
            "Seçilen sertifika iptal edilmiş.",
            "The chosen certificate has been revoked.",
        ),
        Some(RevocationStatusUnknown) => (
            "Seçilen sertifikanın iptal durumu şu anda denetlenemedi. Biraz sonra tekrar deneyin.",
            "The revocation status of the chosen certificate could not be checked right now. Please try again a little later.",
        ),
        Some(KeyUsageNotNonRepudiation) => (
            "Seçilen sertifika nitelikli elektronik imza için kullanılamaz (örneğin bir kimlik doğrulama sertifikası). Kartınızdaki imza sertifikasını seçin.",
            "The chosen certificate cannot be used for qualified electronic signatures (it may be an authentication certificate). Choose the signing certificate on your card.",
        ),
        Some(TcknMismatch) => (
            "Seçilen sertifika size ait değil (T.C. Kimlik No'nuzla uyuşmuyor). Kendi kartınızı ve sertifikanızı seçin.",
            "The chosen certificate is not yours (it does not match your Turkish ID number). Choose your own card and certificate.",
        ),
        _ => (
            "İmza doğrulanamadı.",
            "The signature could not be verified.",
        ),
    };
    lang.pick(tr, en)
}

/// Refusals that mean the person has no usable NES: the page then points to e-Onay.
pub fn refusal_suggests_e_onay(code: Option<&str>) -> bool {
    use ErrorCode::*;
    matches!(
        code.and_then(ErrorCode::signature_refusal),
        Some(
            CertificateExpired
                | CertificateRevoked
                | UntrustedChain
                | KeyUsageNotNonRepudiation
                | CertificateNotYetValid
                | TcknMismatch
        )
    )
}

/// `9:41`: minutes and seconds.
pub fn minutes_seconds(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// `"Kodun kalan süresi: 9:41"`.
pub fn code_time_left(lang: Lang, seconds: u64) -> String {
    let left = minutes_seconds(seconds);
    match lang {
        Lang::Tr => format!("Kodun kalan süresi: {left}"),
        Lang::En => format!("Time left for the code: {left}"),
    }
}

/// The verification code as a screen reader should read it: one character at a time, a
/// pause between the groups (`"Doğrulama kodu: 7 K Q 4, 9 X W M, 2 H R T"`).
pub fn code_for_screen_readers(lang: Lang, code: &str) -> String {
    let spelled = code
        .split(['-', ' '])
        .filter(|group| !group.is_empty())
        .map(|group| {
            group
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let label = match lang {
        Lang::Tr => "Doğrulama kodu",
        Lang::En => "Verification code",
    };
    format!("{label}: {spelled}")
}

/// A file size as people read it: `8,4 MB` in Turkish, `8.4 MB` in English.
pub fn file_size(lang: Lang, bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut unit = 0;
    // Tenths of the unit, rounded, in integers (no float formatting differences).
    let mut whole = bytes;
    let mut rest = 0u64;
    while whole >= 1024 && unit + 1 < UNITS.len() {
        rest = whole % 1024;
        whole /= 1024;
        unit += 1;
    }
    if unit == 0 {
        return format!("{bytes} B");
    }
    let mut tenths = whole * 10 + (rest * 10 + 512) / 1024;
    if tenths >= 10240 && unit + 1 < UNITS.len() {
        tenths = (tenths + 512) / 1024;
        unit += 1;
    }
    let separator = lang.pick(",", ".");
    format!("{}{separator}{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

/// The link text of one download: `"Linux (x86_64) için indir"`.
pub fn download_for(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Tr => format!("{label} için indir"),
        Lang::En => format!("Download for {label}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use shared::form::FORM_FIELDS;
    use shared::named::Named;

    #[test]
    fn every_field_code_has_its_own_message_in_both_languages() {
        for lang in Lang::ALL {
            let fallback = field_error(lang, field::TITLE, "no_such_code");
            for &code in FIELD_ERROR_CODES {
                for &f in FORM_FIELDS.iter().chain([SMS_CODE_FIELD].iter()) {
                    let message = field_error(lang, f, code);
                    assert!(!message.trim().is_empty(), "{code} {f} {lang:?}");
                    assert!(!message.contains(code), "{code} untranslated for {f}");
                }
                assert_ne!(field_error(lang, field::TITLE, code), fallback, "{code}");
            }
        }
    }

    #[test]
    fn turkish_and_english_messages_differ() {
        for &code in FIELD_ERROR_CODES {
            assert_ne!(
                field_error(Lang::Tr, field::ADDRESS_LINE, code),
                field_error(Lang::En, field::ADDRESS_LINE, code),
                "{code}"
            );
        }
        for &code in ErrorCode::ALL {
            assert_ne!(
                problem_message(Lang::Tr, code),
                problem_message(Lang::En, code)
            );
        }
    }

    #[test]
    fn required_names_the_field() {
        assert_eq!(
            field_error(Lang::Tr, field::MOBILE_PHONE, "required"),
            "Cep telefonu numaranızı girin"
        );
        assert_eq!(
            field_error(Lang::En, field::POSTAL_CODE, "required"),
            "Enter the postal code"
        );
    }

    #[test]
    fn length_messages_carry_the_shared_limits() {
        assert_eq!(
            field_error(Lang::Tr, field::ADDRESS_LINE, "too_short"),
            "Açık adres en az 10 karakter olmalıdır"
        );
        assert_eq!(
            field_error(Lang::En, field::TITLE, "too_long"),
            "Job title must be 100 characters or fewer"
        );
    }

    #[test]
    fn an_unknown_code_is_still_shown() {
        assert_eq!(
            field_error(Lang::En, field::TITLE, "brand_new"),
            "This is not valid (brand_new)"
        );
    }

    #[test]
    fn every_form_field_has_a_label() {
        for &f in FORM_FIELDS {
            assert!(field_label(f).is_some(), "{f}");
        }
    }

    #[test]
    fn every_error_code_is_listed_and_translated() {
        let mut names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorCode::ALL.len());
        for lang in Lang::ALL {
            let unknown = lang.pick(UNKNOWN_CLIENT_ERROR.0, UNKNOWN_CLIENT_ERROR.1);
            for &code in ErrorCode::ALL {
                let message = problem_message(lang, code);
                assert!(!message.is_empty());
                assert_ne!(message, unknown, "{code} has no message of its own");
            }
        }
    }

    #[test]
    fn the_form_codes_the_shared_validation_produces_are_all_known() {
        use shared::form::{validate_form, ApplicationFormInput, PrefilledFields};
        let prefilled: PrefilledFields = serde_json::from_value(serde_json::json!({
            "tckn": "10000000146", "first_name": "Ayşe", "last_name": "Yılmaz",
            "email": "ayse@kurum.gov.tr", "institution": "Kurum"
        }))
        .unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let inputs = [
            ApplicationFormInput::default(),
            ApplicationFormInput {
                tckn: Some("123".into()),
                mobile_phone: "0312 123 45 67".into(),
                birth_date: "2020-01-01".into(),
                title: "x".into(),
                address_il: "Atlantis".into(),
                address_ilce: "y".into(),
                address_line: "kısa".into(),
                postal_code: "1".into(),
                certificate_term_years: "9".into(),
            },
            ApplicationFormInput {
                tckn: Some("10000000147".into()),
                mobile_phone: "12".into(),
                birth_date: "1800-01-01".into(),
                title: "a\u{200B}b".into(),
                address_il: "Ankara".into(),
                address_ilce: "y".repeat(60),
                address_line: "z".repeat(300),
                postal_code: "34000".into(),
                certificate_term_years: "3".into(),
            },
        ];
        for input in inputs {
            let errors = validate_form(&input, &prefilled, today).unwrap_err();
            for (_, codes) in errors.iter() {
                for code in codes {
                    assert!(FIELD_ERROR_CODES.contains(&code.as_str()), "{code}");
                }
            }
        }
    }

    #[test]
    fn plurals_read_well_in_english() {
        assert_eq!(
            sms_tries_left(Lang::En, 1),
            "The code is not correct. You have 1 try left."
        );
        assert_eq!(
            sms_tries_left(Lang::Tr, 3),
            "Kod doğru değil. 3 deneme hakkınız kaldı."
        );
        assert_eq!(
            sms_resend_countdown(Lang::Tr, 42),
            "42 saniye sonra yeni kod isteyebilirsiniz."
        );
        assert_eq!(years(Lang::En, 2), "2 years");
        assert_eq!(years(Lang::Tr, 1), "1 yıl");
    }

    #[test]
    fn a_failed_login_reads_as_one_of_two_messages() {
        assert_eq!(
            login_error_message(Lang::Tr, "identity_provider_unavailable"),
            T::IdpUnavailableText.get(Lang::Tr)
        );
        assert_eq!(
            login_error_message(Lang::En, "anything"),
            T::LoginFailedText.get(Lang::En)
        );
    }

    #[test]
    fn every_refusal_has_its_own_reason_in_both_languages() {
        let unknown_tr = signature_refusal(Lang::Tr, Some("no_such_refusal"));
        for &code in ErrorCode::SIGNATURE_REFUSALS {
            assert_eq!(ErrorCode::signature_refusal(code.as_str()), Some(code));
            let tr = signature_refusal(Lang::Tr, Some(code.as_str()));
            let en = signature_refusal(Lang::En, Some(code.as_str()));
            assert_ne!(tr, unknown_tr, "{code:?}");
            assert_ne!(tr, en, "{code:?}");
        }
        let mut reasons: Vec<&str> = ErrorCode::SIGNATURE_REFUSALS
            .iter()
            .map(|c| signature_refusal(Lang::Tr, Some(c.as_str())))
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        assert_eq!(reasons.len(), ErrorCode::SIGNATURE_REFUSALS.len());
        assert!(signature_refusal(Lang::Tr, Some("tckn_mismatch"))
            .starts_with("Seçilen sertifika size ait değil"));
        assert_eq!(
            signature_refusal(Lang::En, None),
            "The signature could not be verified."
        );
    }

    #[test]
    fn certificate_refusals_point_to_e_onay() {
        for code in [
            "certificate_expired",
            "certificate_revoked",
            "untrusted_chain",
        ] {
            assert!(refusal_suggests_e_onay(Some(code)), "{code}");
        }
        assert!(refusal_suggests_e_onay(Some(
            "key_usage_not_non_repudiation"
        )));
        assert!(!refusal_suggests_e_onay(Some("signing_time_skew")));
        assert!(!refusal_suggests_e_onay(None));
    }

    #[test]
    fn the_code_countdown_reads_minutes_and_seconds() {
        assert_eq!(code_time_left(Lang::Tr, 581), "Kodun kalan süresi: 9:41");
        assert_eq!(
            code_time_left(Lang::En, 600),
            "Time left for the code: 10:00"
        );
        assert_eq!(minutes_seconds(7), "0:07");
    }

    #[test]
    fn screen_readers_get_the_code_one_character_at_a_time() {
        assert_eq!(
            code_for_screen_readers(Lang::Tr, "7KQ4-9XWM-2HRT"),
            "Doğrulama kodu: 7 K Q 4, 9 X W M, 2 H R T"
        );
        assert_eq!(
            code_for_screen_readers(Lang::En, "AB"),
            "Verification code: A B"
        );
    }

    #[test]
    fn file_sizes_use_the_language_s_decimal_mark() {
        assert_eq!(file_size(Lang::Tr, 512), "512 B");
        assert_eq!(file_size(Lang::Tr, 8_808_038), "8,4 MB");
        assert_eq!(file_size(Lang::En, 8_808_038), "8.4 MB");
        assert_eq!(file_size(Lang::En, 1536), "1.5 KB");
        assert_eq!(file_size(Lang::En, 1024 * 1024 - 1), "1.0 MB");
    }

    #[test]
    fn success_is_always_named_in_turkish() {
        assert_eq!(SUCCESS_PHRASE, "İşlem Başarılı");
        assert_eq!(success_gloss(Lang::Tr), None);
        assert_eq!(
            download_for(Lang::Tr, "Linux (x86_64)"),
            "Linux (x86_64) için indir"
        );
    }
}
