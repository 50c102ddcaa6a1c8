//! The fixed texts of the interface, Turkish and English side by side.

use super::Lang;

/// A fixed text of the interface: Turkish and English side by side, so neither can be
/// forgotten. A value, not a key into one table: each app links only the texts it shows (the
/// staff's texts are defined in the staff app and never reach the applicant's download).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct T {
    tr: &'static str,
    en: &'static str,
}

impl T {
    pub const fn new(tr: &'static str, en: &'static str) -> T {
        T { tr, en }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Tr => self.tr,
            Lang::En => self.en,
        }
    }
}

/// A table of texts: `texts! { impl T { Name => "Türkçe", "English"; … } }` for the shared
/// ones, `texts! { pub struct S { … } }` for an app's own. Each name is a `T` constant, and
/// `ALL` lists them (name, text) for the tests.
#[macro_export]
macro_rules! texts {
    (impl $table:ident { $($(#[$doc:meta])* $name:ident => $tr:literal, $en:literal;)* }) => {
        #[allow(non_upper_case_globals)]
        impl $table {
            $($(#[$doc])* pub const $name: $crate::i18n::T = $crate::i18n::T::new($tr, $en);)*

            /// Every text of the table with its name, for the tests.
            pub const ALL: &'static [(&'static str, $crate::i18n::T)] =
                &[$((stringify!($name), $table::$name),)*];
        }
    };
    ($vis:vis struct $table:ident { $($body:tt)* }) => {
        /// A table of texts ([`T`](web::i18n::T) constants).
        $vis struct $table;
        $crate::texts! { impl $table { $($body)* } }
    };
}

texts! {
impl T {
    // ------------------------------------------------------------ layout
    Brand => "Kamu SM", "Kamu SM";
    SkipLink => "Ana içeriğe geç", "Skip to main content";
    ServiceName => "Online İşlemler", "Online Services";
    BreadcrumbLabel => "Bulunduğunuz yer", "You are here";
    LoggedInAs => "Oturum açan", "Logged in as";
    Logout => "Çıkış", "Log out";
    LogoutFailed => "Çıkış yapılamadı.", "You could not be logged out.";
    FooterLabel => "Kamu Sertifikasyon Merkezi (Kamu SM), TÜBİTAK BİLGEM", "Public Certification Centre (Kamu SM), TÜBİTAK BİLGEM";
    FooterCallCentre => "Çağrı merkezi: 444 55 76", "Call centre: 444 55 76";
    FooterStaffLink => "Kurum e-İmza sorumlusu ve Kamu SM personeli girişi", "Login for institutions' e-signature officers and Kamu SM staff";
    Loading => "Yükleniyor…", "Loading…";
    ErrorPrefix => "Hata:", "Error:";

    // ------------------------------------------------------------ landing
    LandingIntro => "Kurumunuzun sizin için oluşturduğu nitelikli elektronik sertifika (NES) başvurusunu tamamlamak için giriş yapın.", "Log in to complete the qualified electronic certificate (NES) application that your institution created for you.";
    LoginMethodsHeading => "Giriş yöntemi", "How to log in";
    LoginEdevlet => "e-Devlet ile Giriş", "Log in with e-Devlet";
    LoginEdevletHint => "T.C. Kimlik No ve e-Devlet şifrenizle giriş yaparsınız.", "You log in with your Turkish ID number and your e-Devlet password.";
    LoginEimza => "e-İmza ile Giriş", "Log in with e-İmza";
    LoginErrorTitle => "Giriş yapılamadı", "You could not be logged in";
    LoginFailedText => "e-Devlet girişi tamamlanamadı. Lütfen tekrar deneyin.", "The e-Devlet login could not be completed. Please try again.";
    IdpUnavailableText => "e-Devlet'e şu anda ulaşılamıyor. Lütfen biraz sonra tekrar deneyin.", "e-Devlet cannot be reached right now. Please try again a little later.";
    LandingEmailNote => "Kurumunuzun e-İmza sorumlusu sizi bildirdiğinde, başvurunuzu nerede ve nasıl tamamlayacağınızı anlatan bir e-posta alırsınız.", "When your institution's e-signature officer has named you, you receive an e-mail saying where and how to complete your application.";

    // ------------------------------------------------------------ menu
    MenuTitle => "NES İşlemleri", "NES Services";
    MenuNavLabel => "NES İşlemleri menüsü", "NES services menu";
    MenuIndividual => "Bireysel İşlemler", "Individual Services";
    MenuApplications => "Başvuru İşlemleri", "Applications";
    MenuPaidApplication => "Kurum/Kişi Ödemeli Başvuru", "Application paid by the institution or the person";
    MenuPaidApplicationHint => "Kurumunuzun sizin için oluşturduğu ön başvuruyu tamamlayın ve başvurularınızı izleyin.", "Complete the pre-application your institution created for you and follow your applications.";

    // ------------------------------------------------------------ applications
    ApplicationsTitle => "Başvuru İşlemleri", "Applications";
    ApplicationsSection => "Devam Eden ve Tamamlanmış Başvurular", "Ongoing and Completed Applications";
    OngoingCaption => "Devam eden başvurular", "Ongoing applications";
    CompletedCaption => "Tamamlanmış başvurular", "Completed applications";
    NoApplications => "Adınıza açılmış bir başvuru yok. Kurumunuzun e-İmza sorumlusu sizin için ön başvuru oluşturduğunda burada görünür.", "There is no application in your name. When your institution's e-signature officer creates a pre-application for you, it appears here.";
    NoOngoing => "Devam eden başvurunuz yok.", "You have no ongoing applications.";
    NoCompleted => "Tamamlanmış başvurunuz yok.", "You have no completed applications.";
    ColReference => "Başvuru No", "Reference";
    ColInstitution => "Kurum", "Institution";
    ColState => "Durum", "Status";
    ColDeadline => "Son gün", "Deadline";
    ColAction => "İşlem", "Action";
    ActionCompleteForm => "Başvuruyu Tamamla", "Complete the application";
    ActionEnterSms => "SMS Kodunu Gir", "Enter the SMS code";
    ActionApprove => "Onay Ver", "Approve";
    ActionResult => "Sonuç", "Result";
    ActionNone => "İşlem yok", "Nothing to do";
    TimelineSummary => "Başvuru geçmişi", "Application history";
    PayerInstitution => "Kurum ödemeli", "Paid by the institution";
    PayerPerson => "Kişi ödemeli", "Paid by you";

    // ------------------------------------------------------------ form
    FormTitle => "Başvuru Formu", "Application Form";
    FormIntro => "Boş alanları doldurup Devam düğmesine basın. Yazdıklarınız siz yazarken kaydedilir; sayfadan ayrılıp daha sonra devam edebilirsiniz.", "Fill in the empty fields and press Continue. What you type is saved as you go; you can leave and continue later.";
    PrefilledHeading => "Ön başvurudaki bilgileriniz", "Details from your pre-application";
    PrefilledHint => "Bu bilgiler kurumunuzun bildiriminden gelir ve burada değiştirilemez. Yanlışsa kurumunuzun e-İmza sorumlusuna başvurun.", "These details come from your institution and cannot be changed here. If something is wrong, contact your institution's e-signature officer.";
    LabelReference => "Başvuru No", "Reference";
    LabelTckn => "T.C. Kimlik No", "Turkish ID number (T.C. Kimlik No)";
    LabelFirstName => "Ad", "First name";
    LabelLastName => "Soyad", "Last name";
    LabelEmail => "E-posta", "E-mail";
    LabelInstitution => "Kurum", "Institution";
    FillHeading => "Doldurulacak bilgiler", "Details to fill in";
    LabelPhone => "Cep telefonu", "Mobile phone";
    HintPhone => "SMS doğrulama kodu bu numaraya gönderilir. Örnek: 0532 123 45 67", "The SMS verification code is sent to this number. For example: 0532 123 45 67";
    LabelBirthDate => "Doğum tarihi", "Date of birth";
    HintBirthDate => "gg.aa.yyyy biçiminde; örneğin 23.04.1985. Başvurmak için 18 yaşını doldurmuş olmalısınız.", "Day, month and year (gg.aa.yyyy), for example 23.04.1985. You must be 18 or older to apply.";
    LabelTitle => "Unvan / görev", "Job title";
    HintTitle => "Örnek: Uzman, Şube Müdürü", "For example: Uzman, Şube Müdürü";
    AddressLegend => "Sertifika teslimat adresi", "Delivery address of the certificate";
    HintAddress => "Akıllı kartınız bu adrese gönderilir.", "Your smart card is sent to this address.";
    LabelIl => "İl", "Province";
    SelectIl => "İl seçin", "Choose a province";
    LabelIlce => "İlçe", "District";
    LabelAddressLine => "Açık adres", "Street address";
    HintAddressLine => "Mahalle, cadde veya sokak, bina ve daire numarası", "Neighbourhood, street, building and flat number";
    LabelPostalCode => "Posta kodu", "Postal code";
    HintPostalCode => "5 rakam; ilk iki rakam ilin plaka kodudur.", "5 digits; the first two are the province's plate code.";
    TermLegend => "Sertifika geçerlilik süresi", "Validity of the certificate";
    Term1 => "1 yıl", "1 year";
    Term2 => "2 yıl", "2 years";
    Term3 => "3 yıl", "3 years";
    Continue => "Devam", "Continue";
    DraftSaving => "Taslak kaydediliyor…", "Saving the draft…";
    DraftSaved => "Taslak kaydedildi", "Draft saved";
    DraftNotSaved => "Taslak kaydedilemedi:", "The draft could not be saved:";
    ErrorSummaryTitle => "Bir sorun var", "There is a problem";
    FormLocked => "Bu başvuru onaylandığı için formu artık değiştirilemez.", "This application has been approved, so its form can no longer be changed.";
    FormClosed => "Bu başvuru için artık işlem yapılamaz.", "Nothing more can be done with this application.";

    // ------------------------------------------------------------ steps, check answers
    StepsLabel => "Başvuru adımları", "Application steps";
    StepForm => "Başvuru formu", "Application form";
    StepCheck => "Bilgilerin kontrolü", "Check your details";
    StepSms => "SMS onayı", "SMS verification";
    StepApproval => "Onay", "Approval";
    StepDone => "(tamamlandı)", "(done)";
    CheckTitle => "Bilgilerinizi kontrol edin", "Check your details";
    CheckIntro => "Göndermeden önce bilgilerinizin doğru olduğundan emin olun. Bir bilgiyi düzeltmek için yanındaki Değiştir bağlantısını kullanın.", "Before you send, make sure your details are right. To correct one, use the Change link beside it.";
    CheckAnswersHeading => "Doldurduğunuz bilgiler", "The details you filled in";
    CheckSendHeading => "Başvurunuzu gönderin", "Send your application";
    CheckSendText => "Gönderdiğinizde cep telefonunuza SMS ile bir doğrulama kodu gelir; kodu bir sonraki sayfaya girersiniz.", "When you send it, a verification code comes to your mobile phone by text message; you enter it on the next page.";
    CheckSubmit => "Gönder ve doğrulama kodu al", "Send and get the verification code";
    CheckIncomplete => "Başvuru formunda eksik ya da hatalı bilgi var. Formu tamamlayıp Devam düğmesine basın.", "The application form has missing or incorrect details. Complete the form and press Continue.";
    Change => "Değiştir", "Change";

    // ------------------------------------------------------------ pagination
    PaginationLabel => "Sayfalar", "Pages";
    PreviousPage => "Önceki", "Previous";
    NextPage => "Sonraki", "Next";
    PageWord => " sayfa", " page";

    // ------------------------------------------------------------ SMS
    SmsTitle => "SMS Onayı", "SMS Verification";
    SmsSentTo => "Doğrulama kodu şu numaraya gönderildi:", "The verification code was sent to:";
    SmsNotSent => "Bu başvuru için henüz kod gönderilmedi. Aşağıdan yeni kod isteyin.", "No code has been sent for this application yet. Ask for a new code below.";
    LabelSmsCode => "Doğrulama kodu", "Verification code";
    HintSmsCode => "SMS ile gelen 6 haneli kod", "The 6-digit code from the text message";
    SmsCodeRequired => "SMS ile gelen doğrulama kodunu girin.", "Enter the verification code from the text message.";
    SmsResendHeading => "Kod gelmedi mi?", "Didn't get the code?";
    SmsResendText => "Kod birkaç dakika içinde gelmezse yeni kod isteyebilirsiniz. Numaranız yanlışsa formu düzeltin.", "If the code does not arrive within a few minutes, you can ask for a new one. If your number is wrong, correct the form.";
    SmsCorrectForm => "Formu düzelt", "Correct the form";
    SmsResendButton => "Yeni kod gönder", "Send a new code";
    SmsResendReady => "Artık yeni kod isteyebilirsiniz.", "You can now ask for a new code.";
    SmsVerified => "Cep telefonunuz doğrulandı.", "Your mobile phone is verified.";
    GoToApproval => "Onay sayfasına git", "Go to the approval page";
    GoToForm => "Başvuru formuna git", "Go to the application form";

    // ------------------------------------------------------------ approval
    ApprovalTitle => "E-Onay Verme", "Approval with e-Onay";
    ConsentHeading => "E-Onay ile işlem yapma", "Working with e-Onay";
    ConsentText => "E-Onay, başvurunuzu elektronik imza atmadan bu sayfadaki onayınızla Kamu SM'ye iletmenizi sağlar. E-Onay'ı ilk kez kullanmadan önce bunu kabul etmeniz gerekir.", "e-Onay lets you send your application to Kamu SM with your approval on this page, without an electronic signature. Before using e-Onay for the first time you must agree to this.";
    ConsentCheckbox => "E-Onay ile işlem yapmayı kabul ediyorum", "I agree to work with e-Onay";
    ConsentButton => "Kaydet ve Devam Et", "Save and continue";
    ConsentRequired => "Devam etmek için E-Onay ile işlem yapmayı kabul ettiğinizi işaretleyin.", "Tick the box to agree to working with e-Onay.";
    ConsentGiven => "E-Onay ile işlem yapmayı kabul ettiniz.", "You have agreed to work with e-Onay.";
    TaahhutnameHeading => "Taahhütname", "Taahhütname (holder's commitment)";
    TaahhutnameIntro => "Onay vermeden önce Nitelikli Elektronik Sertifika Sahibi Taahhütnamesini açıp sonuna kadar okuyun.", "Before approving, open the qualified certificate holder's commitment (Taahhütname) and read it to the end.";
    TaahhutnameTurkishOnly => "Taahhütnamenin bağlayıcı metni Türkçedir.", "The binding text of the Taahhütname is in Turkish.";
    ReadTaahhutname => "Taahhütnameyi Oku", "Read the Taahhütname";
    TaahhutnameTextLabel => "Taahhütname metni", "Text of the Taahhütname";
    TaahhutnameEnd => "Taahhütnamenin sonu.", "End of the Taahhütname.";
    AcceptCheckbox => "Taahhütnameyi okudum ve kabul ediyorum", "I have read and accept the Taahhütname";
    AcceptLockedHint => "Kutuyu işaretleyebilmek için önce Taahhütnameyi açın ve sonuna kadar okuyun.", "To tick the box, first open the Taahhütname and read it to the end.";
    AcceptReadyHint => "Taahhütnameyi okudunuz; şimdi kutuyu işaretleyebilirsiniz.", "You have read the Taahhütname; you can now tick the box.";
    AcceptRequired => "Onay vermek için Taahhütnameyi okuyup kabul ettiğinizi işaretleyin.", "Tick the box to confirm that you have read and accept the Taahhütname.";
    ApprovalMethodsHeading => "Onay", "Approve";
    EOnayButton => "E-Onay", "E-Onay";
    EImzaButton => "e-İmza ile Onayla", "Approve with e-İmza";
    EImzaButtonHint => "e-İmza için E-Onay izni gerekmez: geçerli bir nitelikli elektronik sertifikanız (NES) ve kart okuyucunuz varsa formu e-İmza ile onaylayabilirsiniz.", "e-İmza needs no e-Onay consent: if you hold a valid qualified electronic certificate (NES) and a card reader, you can approve the form with e-İmza.";
    ConsentSkipForEImza => "Başvurunuzu e-İmza ile onaylayacaksanız bu adımı atlayabilirsiniz.", "If you approve your application with e-İmza, you can skip this step.";
    EOnayNeedsConsent => "E-Onay ile onaylamak için önce E-Onay ile işlem yapmayı kabul edin.", "To approve with e-Onay, first agree to work with e-Onay.";
    NotReadyForApproval => "Bu başvuru şu anda onaya hazır değil.", "This application is not ready for approval.";

    // ------------------------------------------------------------ e-İmza
    EImzaTitle => "e-İmza ile Onaylama", "Approval with e-İmza";
    EImzaIntro => "Başvuru formunuzu nitelikli elektronik sertifikanızla (NES) imzalayarak onaylarsınız. Bu adımlar için geçerli bir NES'iniz ve kart okuyucunuz olmalıdır; imzayı bilgisayarınıza indireceğiniz e-İmza uygulaması atar.", "You approve your application form by signing it with your qualified electronic certificate (NES). For these steps you need a valid NES and a card reader; the signature is made by the e-İmza application, which you download to your computer.";
    EImzaKeepOpen => "Bu sayfayı açık tutun: imzanız kabul edildiğinde aşağıdaki durum kendiliğinden güncellenir.", "Keep this page open: when your signature is accepted, the status below updates by itself.";
    EImzaNotReady => "Bu başvuru şu anda e-İmza ile onaya hazır değil.", "This application is not ready for approval with e-İmza.";
    EImzaAlreadyApproved => "Bu başvuru zaten onaylandı.", "This application has already been approved.";
    StatusHeading => "İmza durumu", "Signature status";
    StatusNoCode => "Henüz doğrulama kodu alınmadı.", "No verification code has been issued yet.";
    StatusWaiting => "İmza uygulamasının bağlanması bekleniyor…", "Waiting for the signing application to connect…";
    StatusSigning => "İmza uygulaması bağlandı, imza bekleniyor…", "The signing application has connected; waiting for the signature…";
    StatusAcceptedText => "Başvurunuz e-İmza ile onaylandı ve Kamu SM'ye ulaştı.", "Your application has been approved with e-İmza and has reached Kamu SM.";
    StatusRefused => "İmzanız kabul edilmedi", "Your signature was not accepted";
    StatusRefusedAgain => "Sorunu giderip yeni bir kodla tekrar deneyebilirsiniz.", "You can fix the problem and try again with a new code.";
    StatusExpired => "Kodun süresi doldu", "The code has expired";
    StatusExpiredText => "Doğrulama kodu 10 dakika içinde kullanılmadı. Yeni bir kod alıp tekrar deneyin.", "The verification code was not used within 10 minutes. Get a new code and try again.";
    StatusUnreachable => "İmza durumu şu anda alınamıyor; tekrar deneniyor…", "The signature status cannot be fetched right now; trying again…";
    NewCodeIssued => "Yeni doğrulama kodu alındı; önceki kod artık geçersiz.", "A new verification code has been issued; the previous code no longer works.";
    GoToResult => "Başvuru sonucunu görüntüle", "View the application result";
    NewCodeShort => "Yeni kod al", "Get a new code";
    NewCodeLong => "Yeni doğrulama kodu al", "Get a new verification code";
    NewCodeViaApproval => "Yeni kod almak için onay sayfasında Taahhütnameyi okuyup kabul etmeniz ve \"e-İmza ile Onayla\"ya basmanız gerekir; düğme sizi oraya götürür.", "To get a new code you read and accept the Taahhütname on the approval page and press \"Approve with e-İmza\"; the button takes you there.";
    StepsHeading => "Adım adım e-İmza ile onay", "Approving with e-İmza, step by step";
    Step1Title => "e-İmza uygulamasını indirin", "Download the e-İmza application";
    Step1Text => "Uygulamayı bir kez indirmeniz yeterlidir; sonraki onaylarda da kullanabilirsiniz.", "You only need to download it once; it works for later approvals too.";
    DownloadsLoading => "İndirme bağlantıları yükleniyor…", "Loading the download links…";
    DownloadsLabel => "e-İmza uygulaması indirme bağlantıları", "Download links of the e-İmza application";
    DownloadRecommended => "Bilgisayarınız için", "For your computer";
    DownloadChecksum => "SHA-256 özeti", "SHA-256 checksum";
    NoDownloadForPlatform => "Bilgisayarınıza uygun hazır bir dosya yok. Uygulamayı kaynak kodundan derleyebilirsiniz (Rust araç zinciri gerekir):", "There is no ready-made file for your computer. You can build the application from its source code (the Rust toolchain is needed):";
    BuildSummary => "Kaynak kodundan derlemek için", "To build it from source";
    BuildCommandLabel => "Derleme komutu", "Build command";
    BuildResult => "Uygulamanın kaynak kodu signer/ klasöründedir; derlenen dosya target/release/eimza-uygulamasi olur.", "The application's source is in the signer/ folder; the built file is target/release/eimza-uygulamasi.";
    Step2Title => "Doğrulama kodunu kopyalayın", "Copy the verification code";
    CodeLabel => "Doğrulama Kodu", "Verification code";
    CopyCode => "Kodu Kopyala", "Copy the code";
    CodeCopied => "Kod kopyalandı.", "The code has been copied.";
    CopyFailed => "Kod otomatik olarak kopyalanamadı; kodu sizin için seçtik. Ctrl+C (Mac'te Cmd+C) ile kopyalayın ya da uygulamaya elle yazın.", "The code could not be copied automatically; it has been selected for you. Copy it with Ctrl+C (Cmd+C on a Mac) or type it into the application.";
    CodeSingleUse => "Kod tek kullanımlıktır ve yalnızca bu başvuru için geçerlidir; kimseyle paylaşmayın.", "The code can be used once, only for this application; do not share it.";
    CodeOneMinute => "Kodun süresinin dolmasına 1 dakika kaldı.", "The code expires in 1 minute.";
    CodeNoLongerValid => "Bu kod artık kullanılamaz. Yeni bir kod alın.", "This code can no longer be used. Get a new code.";
    NoCodeHere => "Bu sayfada gösterilecek bir doğrulama kodu yok: güvenliğiniz için kod yalnızca alındığı anda bir kez gösterilir.", "There is no verification code to show here: for your security a code is shown only once, when you get it.";
    NoCodeButSigning => "Kodu e-İmza uygulamasına zaten yapıştırdıysanız imzalamayı tamamlayın; bu sayfa kendiliğinden güncellenir.", "If you have already pasted the code into the e-İmza application, finish signing there; this page updates by itself.";
    Step3Title => "e-İmza uygulamasını çalıştırın", "Run the e-İmza application";
    Step3Text => "İndirdiğiniz dosyayı açın. Linux ve macOS'ta önce çalıştırma izni verin (chmod +x dosya-adı) ve uygulamayı terminalden başlatın.", "Open the file you downloaded. On Linux and macOS first make it executable (chmod +x file-name) and start it from a terminal.";
    Step4Title => "Kodu uygulamaya yapıştırarak giriş yapın", "Paste the code into the application to log in";
    Step4Text => "Uygulama \"Doğrulama Kodu\" sorduğunda kodu yapıştırın. Uygulama başvuru numaranızı, adınızı ve imzalanacak belgenin özetini gösterir; özetin aşağıdakiyle aynı olduğunu kontrol edin.", "When the application asks for the \"Doğrulama Kodu\" (verification code), paste the code. The application shows your application reference, your name and the digest of the document to be signed; check that the digest is the same as below.";
    DigestLabel => "Belge özeti (SHA-256)", "Document digest (SHA-256)";
    Step5Title => "Kartınızla imzalayın", "Sign with your card";
    Step5Text => "Kartınızın kart okuyucuda takılı olduğundan emin olun. \"Sertifika Seçiniz\" listesinden kartınızdaki sertifikayı seçin, PIN'inizi girin ve \"İmzala\"ya basın.", "Make sure your card is in the card reader. Choose the certificate on your card from the \"Sertifika Seçiniz\" (choose a certificate) list, enter your PIN and press \"İmzala\" (sign).";
    Step6Title => "Uygulamayı kapatıp bu sayfaya dönün", "Close the application and come back to this page";
    Step6Text => "Uygulama imzanızın kaydedildiğini söylediğinde \"Uygulamayı Kapat\"a basın ve bu sayfaya dönün. İmzanız kabul edildiğinde yukarıdaki durum, işlemin başarıyla tamamlandığını gösterir; başvurunuz ancak o zaman tamamlanmış olur.", "When the application says your signature has been recorded, press \"Uygulamayı Kapat\" (close the application) and come back to this page. When your signature is accepted, the status above shows that it succeeded; only then is your application complete.";
    NoNesHeading => "Geçerli bir NES'iniz yok mu?", "No valid NES?";
    NoNesText => "e-İmza için size ait, süresi dolmamış ve iptal edilmemiş bir nitelikli elektronik sertifika (NES) ile kart okuyucu gerekir. Bunlar yoksa başvurunuzu elektronik imza gerektirmeyen e-Onay ile onaylayabilirsiniz.", "e-İmza needs a qualified electronic certificate (NES) of your own that has not expired or been revoked, and a card reader. Without them you can approve your application with e-Onay, which needs no electronic signature.";
    NoNesLink => "e-Onay ile onaylayın", "Approve with e-Onay";
    RefusedUseEOnay => "Bu sertifikayla e-İmza ile onay verilemez. Geçerli başka bir NES'iniz yoksa başvurunuzu e-Onay ile onaylayın.", "This certificate cannot be used to approve with e-İmza. If you have no other valid NES, approve your application with e-Onay.";

    // ------------------------------------------------------------ result
    ResultTitleEOnay => "E-Onaylı Başvuru Tamamlandı", "Application Approved with e-Onay";
    ResultTitleEImza => "E-İmzalı Başvuru Tamamlandı", "Application Approved with e-İmza";
    ResultSubtitle => "Başvuru İşlemleri Sonuç", "Application Result";
    ResultReference => "Başvuru numaranız", "Your reference";
    LabelState => "Durum", "Status";
    LabelApprovalMethod => "Onay yöntemi", "Approval method";
    MethodEOnay => "e-Onay", "e-Onay";
    MethodEImza => "e-İmza", "e-İmza";
    LabelApprovedAt => "Onay zamanı", "Approved at";
    LabelTerm => "Sertifika geçerlilik süresi", "Validity of the certificate";
    LabelTaahhutnameVersion => "Taahhütname sürümü", "Taahhütname version";
    NextStepsHeading => "Bundan sonra ne olacak?", "What happens next?";
    NextStepReached => "Formunuz Kamu SM'ye ulaştı.", "Your form has reached Kamu SM.";
    NextStepProductionWaits => "Sertifikanızın üretimi, ödemeniz Kamu SM'ye ulaştığında başlayacak.", "Production of your certificate starts when your payment reaches Kamu SM.";
    NextStepProductionStarts => "Sertifikanızın üretimi başladı.", "Production of your certificate has started.";
    NextStepDelivery => "Akıllı kartınız formda verdiğiniz adrese gönderilecek.", "Your smart card will be sent to the address you gave in the form.";
    NextStepEmail => "Onayınızın bir kopyası e-posta adresinize gönderilecek.", "A copy of your approval will be sent to your e-mail address.";
    NextStepTracking => "Başvurunuzu Başvuru İşlemleri sayfasından izleyebilirsiniz.", "You can follow your application on the Applications page.";
    PaymentHeading => "Ödeme", "Payment";
    PaymentAmount => "Tutar (KDV dahil)", "Amount (VAT included)";
    PaymentReference => "Ödeme referansı", "Payment reference";
    PaymentStatus => "Ödeme durumu", "Payment status";
    PaymentPaid => "Ödendi", "Paid";
    PaymentUnpaid => "Ödeme bekleniyor", "Awaiting payment";
    PaymentWaits => "Ön ödemeli başvuru: sertifikanızın üretimi ödemeniz Kamu SM'ye ulaştıktan sonra başlar.", "Prepaid application: production of your certificate starts once your payment has reached Kamu SM.";
    Print => "Yazdır", "Print";
    DownloadEvidence => "Kanıt paketini indir", "Download evidence package";
    EvidenceHint => "İmzalı ZIP dosyası: onaylanan form, Taahhütname, onay, doğrulama ve denetim kayıtları.", "A signed ZIP file: the approved form, the Taahhütname, the approval, verification and audit records.";
    BackToApplications => "Başvuru İşlemleri'ne dön", "Back to Applications";
    SupportText => "Sorularınız için Kamu SM çağrı merkezi: 444 55 76", "Questions? Kamu SM call centre: 444 55 76";

    // ------------------------------------------------------------ errors and special pages
    SessionExpiredTitle => "Oturumunuz sona erdi", "Your session has ended";
    SessionExpiredText => "Güvenliğiniz için oturumunuz sona erdi ya da henüz giriş yapmadınız. Kaydedilen bilgileriniz korunur; tekrar giriş yapıp kaldığınız yerden devam edebilirsiniz.", "For your security your session has ended, or you have not logged in yet. What was saved is kept; log in again to continue where you left off.";
    LoginAgain => "Tekrar giriş yap", "Log in again";
    NetworkTitle => "Bağlantı kurulamadı", "Could not connect";
    NetworkText => "Sunucuya ulaşılamadı. İnternet bağlantınızı kontrol edip tekrar deneyin.", "The server could not be reached. Check your internet connection and try again.";
    Retry => "Tekrar dene", "Try again";
    ServerErrorTitle => "Beklenmeyen bir hata oluştu", "An unexpected error occurred";
    ServerErrorText => "İşleminiz tamamlanamadı. Lütfen biraz sonra tekrar deneyin; sorun sürerse 444 55 76 numaralı çağrı merkezini arayın.", "Your request could not be completed. Please try again a little later; if the problem persists, call the call centre on 444 55 76.";
    ErrorDetail => "Ayrıntı:", "Details:";
    NotFoundTitle => "Sayfa bulunamadı", "Page not found";
    NotFoundText => "Aradığınız sayfa bulunamadı. Adresi doğru yazdığınızdan emin olun.", "The page you are looking for was not found. Check that the address is correct.";
    ApplicationNotFoundTitle => "Başvuru bulunamadı", "Application not found";
    ApplicationNotFoundText => "Bu başvuru bulunamadı ya da size ait değil.", "This application was not found, or it is not yours.";
    GoHome => "Ana sayfaya dön", "Go to the home page";
    CannotProceedTitle => "İşlem yapılamadı", "This could not be done";

    // ------------------------------------------------------------ e-İmza login
    LoginEimzaHint => "Nitelikli elektronik sertifikanız (e-İmza kartınız) ve e-İmza uygulamasıyla giriş yaparsınız.", "You log in with your qualified electronic certificate (your e-İmza card) and the e-İmza application.";
    EImzaLoginHeading => "e-İmza ile giriş için doğrulama kodu", "Verification code for logging in with e-İmza";
    EImzaLoginIntro => "Bu sayfayı açık tutun: e-İmza uygulaması girişinizi kartınızla imzaladığında sayfa sizi kendiliğinden Başvuru İşlemleri'ne götürür.", "Keep this page open: when the e-İmza application has signed your login with your card, this page takes you to Applications by itself.";
    EImzaLoginStatusLabel => "Giriş durumu", "Login status";
    EImzaLoginDone => "Giriş yapıldı; Başvuru İşlemleri açılıyor…", "Logged in; opening Applications…";
    EImzaLoginCodeSingleUse => "Kod tek kullanımlıktır ve yalnızca bu tarayıcıda giriş yapmanızı sağlar; kimseyle paylaşmayın.", "The code can be used once and logs in only this browser; do not share it.";
    EImzaLoginNoCode => "Güvenliğiniz için kod yalnızca alındığı anda gösterilir. Kodu e-İmza uygulamasına zaten yapıştırdıysanız imzalamayı tamamlayın; bu sayfa sizi kendiliğinden içeri alır. Yoksa yeni bir kod alın.", "For your security a code is shown only when you get it. If you have already pasted it into the e-İmza application, finish signing there and this page logs you in by itself. Otherwise get a new code.";
    EImzaLoginUseEdevlet => "Geçerli bir nitelikli elektronik sertifikanız yoksa e-Devlet ile giriş yapabilirsiniz.", "If you have no valid qualified electronic certificate, you can log in with e-Devlet.";
    EImzaLoginStepsHeading => "Adım adım e-İmza ile giriş", "Logging in with e-İmza, step by step";
    EImzaLoginStep1Text => "Uygulamayı bir kez indirmeniz yeterlidir; başvurunuzu e-İmza ile onaylarken de aynı uygulamayı kullanırsınız.", "You only need to download it once; you use the same application to approve your application with e-İmza.";
    EImzaLoginStep2Title => "Uygulamayı çalıştırıp kodu yapıştırın", "Run the application and paste the code";
    EImzaLoginStep2Text => "Uygulama \"Doğrulama Kodu\" sorduğunda yukarıdaki kodu yapıştırın. Uygulama, imzalayacağınız şeyin \"Online İşlemler'e giriş\" olduğunu, bu sitenin adresini ve belgenin özetini gösterir; özetin yukarıdakiyle aynı olduğunu kontrol edin.", "When the application asks for the \"Doğrulama Kodu\" (verification code), paste the code above. The application shows that what you sign is a login to Online İşlemler, this site's address and the document's digest; check that the digest is the same as above.";
    EImzaLoginStep4Title => "Bu sayfaya dönün", "Come back to this page";
    EImzaLoginStep4Text => "Uygulama girişinizin onaylandığını söylediğinde \"Uygulamayı Kapat\"a basın. Bu sayfa sizi kendiliğinden içeri alır; imzanız kabul edilmezse nedenini burada görürsünüz.", "When the application says your login has been confirmed, press \"Uygulamayı Kapat\" (close the application). This page logs you in by itself; if your signature is not accepted, you see why here.";
    // ------------------------------------------------------------ passkeys
    LoginPasskey => "Geçiş Anahtarı ile Giriş", "Log in with a passkey";
    LoginPasskeyHint => "Daha önce eklediğiniz geçiş anahtarıyla (telefonunuz, bilgisayarınız ya da güvenlik anahtarınız) T.C. Kimlik No yazmadan giriş yaparsınız.", "Log in without typing your ID number, with a passkey you added before (your phone, computer or security key).";
    PasskeyWaiting => "Geçiş anahtarınız bekleniyor…", "Waiting for your passkey…";
    PasskeyLoginFailedTitle => "Geçiş anahtarıyla giriş yapılamadı", "You could not log in with a passkey";
    PasskeyUnsupported => "Bu tarayıcı geçiş anahtarlarını desteklemiyor. e-Devlet ile giriş yapabilirsiniz.", "This browser does not support passkeys. You can log in with e-Devlet.";
    PasskeyCancelled => "Geçiş anahtarı isteği iptal edildi ya da süresi doldu. Tekrar deneyebilirsiniz.", "The passkey request was cancelled or timed out. You can try again.";
    PasskeyAlreadyOnDevice => "Bu cihazda hesabınız için zaten bir geçiş anahtarı var.", "This device already holds a passkey for your account.";
    PasskeyBrowserFailed => "Tarayıcı geçiş anahtarı isteğini tamamlayamadı. Tekrar deneyin.", "The browser could not complete the passkey request. Please try again.";
    PasskeysTitle => "Geçiş Anahtarlarım", "My Passkeys";
    PasskeysIntro => "Geçiş anahtarı, bir sonraki girişinizde e-Devlet şifresi yerine telefonunuzun, bilgisayarınızın ya da güvenlik anahtarınızın kilidini (parmak izi, yüz tanıma ya da PIN) kullanmanızı sağlar.", "A passkey lets you log in next time with the lock of your phone, computer or security key (fingerprint, face or PIN) instead of your e-Devlet password.";
    PasskeysCaption => "Kayıtlı geçiş anahtarlarınız", "Your registered passkeys";
    NoPasskeys => "Henüz bir geçiş anahtarınız yok.", "You have no passkeys yet.";
    ColPasskeyName => "Ad", "Name";
    ColPasskeyAdded => "Eklendiği tarih", "Added";
    ColPasskeyLastUsed => "Son kullanım", "Last used";
    ColPasskeyActions => "İşlemler", "Actions";
    PasskeyNeverUsed => "Henüz kullanılmadı", "Not used yet";
    AddPasskeyHeading => "Yeni geçiş anahtarı", "New passkey";
    PasskeyNameLabel => "Geçiş anahtarının adı", "Name of the passkey";
    PasskeyNameHint => "Hangi cihaz olduğunu hatırlamanızı sağlar, örneğin “İş bilgisayarım”. En çok 64 karakter.", "Helps you remember which device it is, for example “Work laptop”. At most 64 characters.";
    PasskeyDefaultName => "Geçiş anahtarım", "My passkey";
    AddPasskey => "Geçiş anahtarı ekle", "Add a passkey";
    RenamePasskey => "Yeniden adlandır", "Rename";
    NewPasskeyNameLabel => "Yeni ad", "New name";
    SavePasskeyName => "Adı kaydet", "Save the name";
    RemovePasskey => "Kaldır", "Remove";
    ConfirmRemovePasskey => "Bu geçiş anahtarı kaldırılsın mı? Bu anahtarla bir daha giriş yapamazsınız.", "Remove this passkey? You will no longer be able to log in with it.";
    ConfirmRemove => "Evet, kaldır", "Yes, remove it";
    PasskeyAdded => "Geçiş anahtarı eklendi.", "The passkey was added.";
    PasskeyRenamedMessage => "Geçiş anahtarının adı değiştirildi.", "The passkey was renamed.";
    PasskeyRemovedMessage => "Geçiş anahtarı kaldırıldı.", "The passkey was removed.";
    PasskeyNameRequired => "Geçiş anahtarına bir ad verin.", "Give the passkey a name.";
    PasskeyNameTooLong => "Ad en çok 64 karakter olabilir.", "The name can be at most 64 characters long.";
    PasskeyNameInvalid => "Ad görünmeyen ya da denetim karakterleri içeremez.", "The name cannot contain invisible or control characters.";
    MenuAccount => "Hesabım", "My Account";
    MenuPasskeys => "Geçiş Anahtarlarım", "My Passkeys";
    MenuPasskeysHint => "e-Devlet şifresi yerine geçiş anahtarıyla giriş yapmak için anahtar ekleyin, adlandırın ya da kaldırın.", "Add, rename or remove passkeys to log in with one instead of your e-Devlet password.";
    StaffUsePasskey => "Geçiş anahtarı kullan", "Use a passkey";
    // ------------------------------------------------------------ staff login and 2FA
    StaffLoginTitle => "Personel Girişi", "Staff login";
    StaffLoginIntro => "Kurumların e-İmza sorumluları ve Kamu SM operatörleri içindir. Başvuru sahipleri ana sayfadan giriş yapar.", "For institutions' e-signature officers and Kamu SM operators. Applicants log in on the home page.";
    StaffApplicantLink => "Başvuru sahibi girişi", "Applicant login";
    LabelUsername => "Kullanıcı adı", "User name";
    LabelPassword => "Parola", "Password";
    StaffLoginButton => "Giriş yap", "Log in";
    StaffUsernameRequired => "Kullanıcı adınızı girin", "Enter your user name";
    StaffPasswordRequired => "Parolanızı girin", "Enter your password";
    StaffSecondFactorTitle => "Doğrulama Kodu", "Verification code";
    StaffSecondFactorIntro => "Telefonunuzdaki doğrulama uygulamasının (ör. Google Authenticator, Microsoft Authenticator, FreeOTP) Kamu SM NES için gösterdiği kodu girin.", "Enter the code that the authenticator app on your phone (e.g. Google Authenticator, Microsoft Authenticator, FreeOTP) shows for Kamu SM NES.";
    LabelTotpCode => "6 haneli kod", "6-digit code";
    HintTotpCode => "Kod her 30 saniyede bir değişir. Her kod yalnızca bir kez kullanılabilir.", "The code changes every 30 seconds. Each code can be used only once.";
    StaffVerifyButton => "Doğrula ve devam et", "Verify and continue";
    TotpCodeRequired => "Doğrulama kodunu girin", "Enter the verification code";
    TotpCodeFormat => "Doğrulama kodu 6 rakamdan oluşur", "The verification code has 6 digits";
    StaffPasskeyHeading => "Geçiş anahtarı ile", "With a passkey";
    StaffPasskeyInstead => "Kayıtlı bir geçiş anahtarınız varsa kod yerine onu kullanabilirsiniz.", "If you have registered a passkey, you can use it instead of the code.";
    StaffCancelLogin => "Girişten vazgeç", "Cancel the login";
    StaffEnrolTitle => "Doğrulama Uygulamasını Kurun", "Set up your authenticator app";
    StaffEnrolIntro => "Personel girişi iki adımlıdır: parolanız ve telefonunuzdaki doğrulama uygulamasının ürettiği kod. Bu kurulumu yalnızca bir kez yaparsınız.", "The staff login has two steps: your password and a code made by an authenticator app on your phone. You set this up only once.";
    StaffEnrolStepsLabel => "Kurulum adımları", "Setup steps";
    StaffEnrolStep1 => "Telefonunuza bir doğrulama uygulaması yükleyin (ör. Google Authenticator, Microsoft Authenticator, FreeOTP).", "Install an authenticator app on your phone (e.g. Google Authenticator, Microsoft Authenticator, FreeOTP).";
    StaffEnrolStep2 => "Uygulamada yeni bir hesap ekleyin ve bu QR kodunu tarayın.", "In the app, add a new account and scan this QR code.";
    StaffEnrolQrAlt => "Doğrulama uygulaması için QR kodu (aynı bilgi aşağıdaki kurulum anahtarındadır)", "QR code for the authenticator app (the same information is in the setup key below)";
    StaffEnrolManual => "QR kodunu tarayamıyorsanız kurulum anahtarını elle girin. Tür: zamana dayalı (TOTP), 6 hane, 30 saniye.", "If you cannot scan the QR code, type in the setup key. Type: time-based (TOTP), 6 digits, 30 seconds.";
    StaffEnrolSecretLabel => "Kurulum anahtarı", "Setup key";
    StaffEnrolSecretWarning => "Bu anahtarı kimseyle paylaşmayın; Kamu SM sizden asla istemez.", "Do not share this key with anyone; Kamu SM will never ask you for it.";
    StaffEnrolStep3 => "Uygulamanın gösterdiği 6 haneli kodu girerek kurulumu tamamlayın.", "Finish by entering the 6-digit code that the app shows.";
    StaffEnrolButton => "Kurulumu tamamla", "Finish the setup";
    StaffPasswordTitle => "Parolayı Değiştir", "Change your password";
    StaffPasswordMustChange => "Size verilen parolayı değiştirmeden devam edemezsiniz. Yalnızca sizin bildiğiniz yeni bir parola belirleyin.", "You cannot continue until you change the password you were given. Choose a new one that only you know.";
    StaffPasswordFirstLogin => "Girişiniz tamamlandı. Size verilen ilk parolayı şimdi kendi seçeceğiniz bir parolayla değiştirmenizi öneririz.", "You are logged in. We recommend that you now replace the initial password you were given with one of your own.";
    LabelCurrentPassword => "Mevcut parola", "Current password";
    LabelNewPassword => "Yeni parola", "New password";
    HintNewPassword => "En az 12 karakter. Birkaç kelimeden oluşan uzun bir cümle hem güvenli hem akılda kalıcıdır; büyük harf, rakam ya da simge zorunlu değildir. Yaygın ya da kolay tahmin edilen parolalar kabul edilmez.", "At least 12 characters. A long sentence of a few words is both safe and easy to remember; capitals, digits or symbols are not required. Common or easily guessed passwords are refused.";
    LabelNewPasswordAgain => "Yeni parola (tekrar)", "New password (again)";
    StaffPasswordButton => "Parolayı değiştir", "Change the password";
    StaffPasswordChanged => "Parolanız değiştirildi", "Your password has been changed";
    StaffPasswordChangedText => "Başka cihazlarda açık olan oturumlarınız kapatıldı.", "Your sessions on other devices have been ended.";
    StaffSkipForNow => "Şimdi değil, devam et", "Not now, continue";
    StaffContinue => "Devam et", "Continue";
    CurrentPasswordRequired => "Mevcut parolanızı girin", "Enter your current password";
    NewPasswordRequired => "Yeni parolayı girin", "Enter the new password";
    PasswordAgainRequired => "Yeni parolayı tekrar girin", "Enter the new password again";
    PasswordMismatch => "İki yeni parola aynı değil", "The two new passwords differ";
    PasswordTooWeak => "Bu parola kolay tahmin edilir: yaygın bir parolaya, kelimeye, isme ya da adınıza benziyor. Birkaç kelimeden oluşan uzun bir cümle seçin", "This password is easy to guess: it looks like a common password, a word, a name or your own name. Choose a long sentence of a few words";
    PasswordTooShort => "Parola en az 12 karakter olmalıdır", "The password must have at least 12 characters";
    PasswordTooLong => "Parola en fazla 128 karakter olabilir", "The password can have at most 128 characters";
    PasswordIsUsername => "Parola kullanıcı adınızla aynı olamaz", "The password cannot be your user name";
    PasswordUnchanged => "Yeni parola mevcut parolanızla aynı olamaz", "The new password cannot be your current one";
    PasswordIncorrect => "Mevcut parola yanlış", "The current password is wrong";
    StaffRoleOfficer => "Kurum e-İmza sorumlusu", "Institution e-signature officer";
    StaffRoleOperator => "Kamu SM operatörü", "Kamu SM operator";
    StaffSessionLabel => "Personel oturumu", "Staff session";
    StaffAccountsTitle => "Personel Hesapları", "Staff accounts";
    StaffAccountsIntro => "Kurum e-İmza sorumlularının ve Kamu SM operatörlerinin hesapları. Yeni hesabın ilk parolası yalnızca bir kez gösterilir.", "The accounts of institutions' e-signature officers and Kamu SM operators. A new account's initial password is shown only once.";
    StaffAccountsTableCaption => "Personel hesapları", "Staff accounts";
    ColUsername => "Kullanıcı adı", "User name";
    ColDisplayName => "Ad soyad", "Name";
    ColRole => "Rol", "Role";
    ColTwoFactor => "Doğrulama uygulaması", "Authenticator app";
    ColLoginStatus => "Giriş durumu", "Login status";
    StaffTotpEnrolled => "Kurulu", "Set up";
    StaffTotpNotEnrolled => "İlk girişte kurulacak", "Set up at first login";
    StaffStatusLocked => "Kilitli", "Locked";
    StaffStatusOk => "Açık", "Open";
    StaffUnlockButton => "Kilidi aç", "Unlock";
    StaffUnlocked => "Hesabın kilidi açıldı.", "The account has been unlocked.";
    StaffStatusDisabled => "Devre dışı", "Disabled";
    StaffPasswordNotChanged => "Verilen parola henüz değiştirilmedi", "The password given has not been changed yet";
    StaffOwnAccount => "Sizin hesabınız", "Your account";
    ColActions => "İşlemler", "Actions";
    StaffDisableButton => "Devre dışı bırak", "Disable";
    StaffEnableButton => "Etkinleştir", "Enable";
    StaffResetSecondFactorButton => "İkinci adımı sıfırla", "Reset the second factor";
    StaffResetPasswordButton => "Parolayı sıfırla", "Reset the password";
    StaffDisableConfirmTitle => "Hesabı devre dışı bırak", "Disable the account";
    StaffDisableConfirmText => "Hesap giriş yapamaz ve açık oturumları hemen kapanır. Daha sonra yeniden etkinleştirebilirsiniz.", "The account can no longer log in and its open sessions end at once. You can enable it again later.";
    StaffEnableConfirmTitle => "Hesabı etkinleştir", "Enable the account";
    StaffEnableConfirmText => "Hesap, parolası ve doğrulama uygulamasıyla yeniden giriş yapabilir.", "The account can log in again with its password and authenticator app.";
    StaffResetSecondFactorConfirmText => "Doğrulama uygulaması ve tüm geçiş anahtarları kaldırılır, açık oturumlar kapanır; kişi bir sonraki girişinde doğrulama uygulamasını yeniden kurar. Bunu yalnızca kimliğini doğruladığınız kişi için yapın.", "The authenticator app and every passkey are removed and open sessions end; at the next login the person sets up the authenticator app again. Do this only for someone whose identity you have checked.";
    StaffResetPasswordConfirmText => "Yeni bir ilk parola oluşturulur ve yalnızca bir kez gösterilir; eski parola çalışmaz olur ve açık oturumlar kapanır. Kişi bir sonraki girişinde parolasını değiştirmek zorundadır.", "A new initial password is made and shown only once; the old one stops working and open sessions end. The person must change it at their next login.";
    StaffConfirmAction => "Evet, devam et", "Yes, go ahead";
    Cancel => "Vazgeç", "Cancel";
    StaffPasswordResetTitle => "Parola sıfırlandı", "Password reset";
    StaffNoAccounts => "Henüz hesap yok.", "There are no accounts yet.";
    StaffCreateHeading => "Yeni hesap", "New account";
    LabelDisplayName => "Ad soyad", "Full name";
    LabelStaffEmail => "E-posta (isteğe bağlı)", "E-mail (optional)";
    LabelRole => "Rol", "Role";
    HintInstitutionOfficer => "Yalnızca kurum e-İmza sorumlusu için.", "Only for an institution's e-signature officer.";
    ChooseInstitution => "Kurum seçin", "Choose an institution";
    HintStaffUsername => "3–64 karakter: küçük harf (a–z), rakam, nokta, alt çizgi, tire.", "3–64 characters: lower-case letters (a–z), digits, dot, underscore, hyphen.";
    StaffCreateButton => "Hesabı oluştur", "Create the account";
    StaffCreatedTitle => "Hesap oluşturuldu", "Account created";
    StaffInitialPasswordLabel => "İlk parola", "Initial password";
    StaffInitialPasswordNote => "Bu parola yalnızca şimdi gösterilir. Kişiye güvenli bir yoldan iletin; ilk girişte doğrulama uygulamasını kuracak ve parolasını değiştirecektir.", "This password is shown only now. Pass it on safely; at the first login the person sets up the authenticator app and must change the password.";
    StaffUsernameTaken => "Bu kullanıcı adı kullanılıyor", "This user name is taken";
    StaffFieldRequired => "Bu alanı doldurun", "Fill in this field";
    StaffUsernameInvalid => "Kullanıcı adı 3–64 karakter olmalı; yalnızca küçük harf (a–z), rakam, nokta, alt çizgi ve tire içerebilir ve harf ya da rakamla başlamalıdır", "The user name must have 3–64 characters: only lower-case letters (a–z), digits, dot, underscore and hyphen, starting with a letter or digit";
    StaffDisplayNameInvalid => "Ad soyad en fazla 100 karakter olabilir", "The name can have at most 100 characters";
    StaffEmailInvalid => "Geçerli bir e-posta adresi girin", "Enter a valid e-mail address";
    StaffRoleRequired => "Rol seçin", "Choose a role";
    StaffInstitutionRequired => "Kurum e-İmza sorumlusunun kurumunu seçin", "Choose the e-signature officer's institution";
    StaffInstitutionNotAllowed => "Kamu SM operatörü bir kuruma bağlı değildir; kurum seçmeyin", "A Kamu SM operator belongs to no institution; do not choose one";
    StaffInstitutionUnknown => "Bu kurum bulunamadı", "This institution was not found";
    // ------------------------------------------------------------ officer (kurum e-İmza sorumlusu)
    OfficerApplicationsTitle => "Kurum Başvuruları", "Institution's Applications";
    OfficerApplicationTitle => "Başvuru", "Application";
    OfficerCreateTitle => "Ön Başvuru Oluştur", "Create a Pre-application";
    OfficerImportTitle => "Toplu Yükleme (CSV)", "Bulk Upload (CSV)";
    OfficerNavLabel => "Kurum e-İmza sorumlusu işlemleri", "E-signature officer's services";
    OfficerBackToList => "Kurum başvurularına dön", "Back to the institution's applications";
    OfficerApplicationNotFound => "Bu başvuru bulunamadı ya da kurumunuza ait değil.", "This application was not found, or it does not belong to your institution.";
    OfficerLabelFirstName => "Ad", "First name";
    OfficerLabelLastName => "Soyad", "Surname";
    OfficerLabelEmail => "E-posta", "E-mail";
    OfficerLabelPayer => "Ödeme", "Who pays";
    OfficerLabelPrepaid => "Ön ödemeli", "Prepaid";
    OfficerLabelInstitution => "Kurum", "Institution";
    OfficerLabelRow => "Satır", "Row";
    OfficerPayerPerson => "Kişi ödemeli", "Paid by the person";
    OfficerFiltersHeading => "Filtreler", "Filters";
    OfficerFilterState => "Durum", "Status";
    OfficerFilterAnyState => "Tüm durumlar", "All statuses";
    OfficerFilterFrom => "Oluşturulma tarihi (başlangıç)", "Created from";
    OfficerFilterTo => "Oluşturulma tarihi (bitiş)", "Created until";
    OfficerFilterStalled => "İlerlemeyenler (gün)", "No progress for (days)";
    OfficerFilterStalledHint => "Tamamlanmamış ve en az bu kadar gündür hiçbir adımı olmayan başvurular.", "Unfinished applications with no step for at least this many days.";
    OfficerFilterApply => "Filtrele", "Apply filters";
    OfficerFilterClear => "Filtreleri temizle", "Clear filters";
    OfficerResultsHeading => "Sonuçlar", "Results";
    OfficerInstitutionLabel => "Kurum:", "Institution:";
    OfficerTableCaption => "Kurumunuzun başvuruları (son değişiklik en üstte)", "Your institution's applications (latest change first)";
    OfficerColPerson => "Ad Soyad", "Name";
    OfficerColCreated => "Oluşturulma", "Created";
    OfficerColLastEvent => "Son adım", "Last step";
    OfficerPagination => "Sayfalar", "Pages";
    OfficerPreviousPage => "Önceki sayfa", "Previous page";
    OfficerNextPage => "Sonraki sayfa", "Next page";
    OfficerNotificationHeading => "Bildirim e-postası", "Notification e-mail";
    OfficerLastSent => "Son gönderim:", "Last sent:";
    OfficerResendNotAllowed => "Başvuru onaylandığı, kapandığı ya da süresi dolduğu için e-posta yeniden gönderilemez.", "The e-mail cannot be sent again: the application is approved, closed or past its deadline.";
    OfficerResend => "Bildirim e-postasını yeniden gönder", "Send the notification e-mail again";
    OfficerCancelHeading => "Ön başvuruyu iptal et", "Cancel the pre-application";
    OfficerCancelText => "Kişi kurumdan ayrıldıysa ya da yanlışlıkla bildirildiyse ön başvuruyu iptal edebilirsiniz. Üretim başladıktan sonra iptal edilemez.", "If the person left the institution or was named by mistake, you can cancel the pre-application. It cannot be cancelled once production has started.";
    OfficerCancel => "Ön başvuruyu iptal et", "Cancel the pre-application";
    OfficerCancelConfirmQuestion => "Bu ön başvuruyu iptal etmek istediğinizden emin misiniz?", "Are you sure you want to cancel this pre-application?";
    OfficerCancelConfirmText => "İptal geri alınamaz. Kişi bu başvuruyla devam edemez.", "Cancelling cannot be undone. The person cannot go on with this application.";
    OfficerCancelConfirm => "Evet, iptal et", "Yes, cancel it";
    OfficerCancelKeep => "Vazgeç", "No, keep it";
    OfficerCancelled => "Başvuru iptal edildi.", "The application was cancelled.";
    OfficerOpenApplication => "Başvuruyu görüntüle", "View the application";
    OfficerCreateIntro => "Kurumunuzda nitelikli elektronik sertifika (NES) alacak kişiyi bildirin. Kişiye başvurusunu nasıl tamamlayacağını anlatan bir e-posta gönderilir.", "Name a person of your institution who is to get a qualified electronic certificate (NES). They receive an e-mail saying how to complete their application.";
    OfficerTcknHint => "11 haneli T.C. Kimlik Numarası.", "The 11-digit Turkish ID number.";
    OfficerEmailHint => "Bildirim e-postası bu adrese gönderilir.", "The notification e-mail goes to this address.";
    OfficerPrepaidHint => "Kişi ödemeli başvurularda üretim, ödeme Kamu SM'ye ulaştıktan sonra başlar.", "For applications paid by the person, production starts once the payment has reached Kamu SM.";
    OfficerCreateButton => "Ön başvuruyu oluştur", "Create the pre-application";
    OfficerImportIntro => "Birçok kişiyi tek seferde bildirmek için bir CSV dosyası yükleyin. Önce dosya denetlenir ve hiçbir şey kaydedilmez; hatasız satırları ardından kaydedersiniz.", "Upload a CSV file to name many people at once. The file is checked first and nothing is saved; you then save the rows without errors.";
    OfficerCsvFormatHeading => "Dosya biçimi", "File format";
    OfficerCsvFormatText => "İlk satır sütun adlarıdır. Sütunlar noktalı virgül (Excel'in Türkçe ayarı) ya da virgülle ayrılabilir. Dosya UTF-8 kodlamalı olmalıdır (Excel'de \"CSV UTF-8\" olarak kaydedin).", "The first row holds the column names. Columns may be separated by semicolons (Excel's Turkish setting) or commas. The file must be UTF-8 encoded (in Excel, save as \"CSV UTF-8\").";
    OfficerColumnTckn => "T.C. Kimlik No (11 hane)", "Turkish ID number (11 digits)";
    OfficerColumnFirstName => "Ad", "First name";
    OfficerColumnLastName => "Soyad", "Surname";
    OfficerColumnEmail => "E-posta adresi", "E-mail address";
    OfficerColumnPayer => "Ödeme: kurum ya da kişi", "Who pays: kurum (institution) or kişi (person)";
    OfficerColumnPrepaid => "İsteğe bağlı: evet ya da hayır (boş: hayır)", "Optional: evet (yes) or hayır (no); empty means no";
    OfficerDownloadTemplate => "Örnek dosyayı (şablon) indir", "Download the template file";
    OfficerFileLabel => "CSV dosyası", "CSV file";
    OfficerFileHint => "Dosyayı seçin ve denetleyin; bu adımda hiçbir şey kaydedilmez.", "Choose the file and check it; nothing is saved at this step.";
    OfficerChooseFile => "Bir CSV dosyası seçin", "Choose a CSV file";
    OfficerDryRunButton => "Dosyayı denetle", "Check the file";
    OfficerDryRunHeading => "Denetim sonucu", "Check result";
    OfficerCommitHeading => "Kayıt sonucu", "Save result";
    OfficerRowErrorsHeading => "Hatalı satırlar", "Rows with errors";
    OfficerRowsCaption => "Dosyadaki satırlar", "Rows of the file";
    OfficerColLine => "Satır", "Line";
    OfficerColOutcome => "Sonuç", "Outcome";
    OfficerCommitText => "Hatalı satırlar kaydedilmez; düzeltip dosyayı yeniden yükleyebilirsiniz.", "Rows with errors are not saved; you can correct them and upload the file again.";
    OfficerOutcomeValid => "Geçerli", "Valid";
    OfficerOutcomeCreated => "Oluşturuldu", "Created";
    OfficerOutcomeExisting => "Zaten vardı", "Already existed";
    OfficerOutcomeRejected => "Hatalı", "Has errors";
    // ------------------------------------------------------------ operator (Kamu SM)
    OperatorNavLabel => "Kamu SM operatör işlemleri", "Kamu SM operator's services";
    OperatorInstitutionsTitle => "Kurumlar", "Institutions";
    OperatorInstitutionTitle => "Kurum ve API Anahtarları", "Institution and API Keys";
    OperatorApplicationsTitle => "Tüm Başvurular", "All Applications";
    OperatorApplicationTitle => "Başvuru Ayrıntısı", "Application Details";
    OperatorNavStaff => "Personel hesapları", "Staff accounts";
    OperatorBackToInstitutions => "Kurumlara dön", "Back to the institutions";
    OperatorBackToApplications => "Tüm başvurulara dön", "Back to all applications";
    OperatorNotFound => "Aradığınız kayıt bulunamadı.", "The record you are looking for was not found.";
    OperatorInstitutionsCaption => "Kayıtlı kurumlar", "Registered institutions";
    OperatorNoInstitutions => "Henüz kayıtlı kurum yok.", "There are no institutions yet.";
    OperatorColCode => "Kod", "Code";
    OperatorColName => "Kurum adı", "Name";
    OperatorColActiveKeys => "Etkin API anahtarı", "Active API keys";
    OperatorColCreated => "Oluşturulma", "Created";
    OperatorNewInstitution => "Yeni kurum", "New institution";
    OperatorLabelCode => "Kurum kodu", "Institution code";
    OperatorHintCode => "Harfle başlar; harf, rakam, - ve _ içerebilir. Örnek: ORNEK-BAK", "Starts with a letter; letters, digits, - and _. Example: ORNEK-BAK";
    OperatorLabelName => "Kurum adı", "Institution name";
    OperatorHintName => "Kurumun resmî adı; başvuru sahipleri bu adı görür.", "The institution's official name; applicants see it.";
    OperatorCreateInstitution => "Kurumu oluştur", "Create the institution";
    OperatorApiKeysHeading => "API anahtarları", "API keys";
    OperatorApiKeysCaption => "Kurumun API anahtarları (en yenisi en üstte)", "The institution's API keys (newest first)";
    OperatorApiKeysIntro => "Kurumun İK sistemi ön başvuruları bir API anahtarıyla oluşturur. Anahtar yalnızca bu kurumun başvuruları için geçerlidir.", "The institution's HR system creates pre-applications with an API key. A key is valid for this institution's applications only.";
    OperatorNoApiKeys => "Bu kurumun API anahtarı yok.", "This institution has no API keys.";
    OperatorColKeyName => "Anahtar adı", "Key name";
    OperatorColKeyPrefix => "Başlangıcı", "Starts with";
    OperatorColCreatedBy => "Oluşturan", "Created by";
    OperatorColLastUsed => "Son kullanım", "Last used";
    OperatorColKeyState => "Durum", "Status";
    OperatorColAction => "İşlem", "Action";
    OperatorKeyActive => "Etkin", "Active";
    OperatorKeyRevoked => "İptal edildi", "Revoked";
    OperatorNeverUsed => "Kullanılmadı", "Never used";
    OperatorRevokeKey => "İptal et", "Revoke";
    OperatorNewApiKey => "Yeni API anahtarı", "New API key";
    OperatorLabelKeyName => "Anahtar adı", "Key name";
    OperatorHintKeyName => "Anahtarı hangi sistemin kullanacağını anlatan bir ad. Örnek: İK sistemi", "A name saying which system uses the key. Example: HR system";
    OperatorCreateApiKey => "Anahtar oluştur", "Create a key";
    OperatorKeyCreatedTitle => "API anahtarı oluşturuldu", "API key created";
    OperatorKeyShownOnce => "Bu anahtar yalnızca şimdi gösterilir; Kamu SM anahtarın kendisini saklamaz. Kopyalayın ve kurumun entegrasyon sorumlusuna güvenli bir yoldan iletin.", "This key is shown only now; Kamu SM does not keep the key itself. Copy it and pass it on securely to the institution's integrator.";
    OperatorKeyLabel => "API anahtarı", "API key";
    OperatorCopyKey => "Anahtarı kopyala", "Copy the key";
    OperatorKeyCopied => "Anahtar panoya kopyalandı.", "The key was copied to the clipboard.";
    OperatorKeyCopyFailed => "Anahtar otomatik olarak kopyalanamadı; sizin için seçtik. Ctrl+C (Mac'te Cmd+C) ile kopyalayın.", "The key could not be copied automatically; it has been selected for you. Copy it with Ctrl+C (Cmd+C on a Mac).";
    OperatorRevokeConfirmTitle => "API anahtarını iptal et", "Revoke the API key";
    OperatorRevokeConfirmText => "İptal edilen anahtar hemen çalışmaz olur ve bu işlem geri alınamaz. Kurumun sistemi için yeni bir anahtar oluşturmanız gerekir.", "A revoked key stops working at once and this cannot be undone. The institution's system will need a new key.";
    OperatorRevokeConfirm => "Evet, iptal et", "Yes, revoke it";
    OperatorRevokeKeep => "Vazgeç", "No, keep it";
    OperatorFiltersHeading => "Filtreler", "Filters";
    OperatorFilterInstitution => "Kurum", "Institution";
    OperatorAllInstitutions => "Tüm kurumlar", "All institutions";
    OperatorFilterState => "Durum", "Status";
    OperatorAllStates => "Tüm durumlar", "All statuses";
    OperatorFilterSearch => "Başvuru numarası ya da T.C. Kimlik No", "Reference or Turkish ID number";
    OperatorFilterSearchHint => "Başvuru numarasının tamamı ya da bir kısmı (örneğin 000123) veya 11 haneli T.C. Kimlik No.", "All or part of a reference (e.g. 000123), or the 11-digit Turkish ID number.";
    OperatorFilterApply => "Filtrele", "Apply filters";
    OperatorFilterClear => "Filtreleri temizle", "Clear filters";
    OperatorResultsHeading => "Sonuçlar", "Results";
    OperatorApplicationsCaption => "Başvurular (son değişiklik en üstte)", "Applications (latest change first)";
    OperatorNoApplications => "Bu ölçütlere uyan başvuru yok.", "No application matches these filters.";
    OperatorColReference => "Başvuru no", "Reference";
    OperatorColPerson => "Başvuru sahibi", "Applicant";
    OperatorColInstitution => "Kurum", "Institution";
    OperatorColPayment => "Ödeme", "Payment";
    OperatorColUpdated => "Son değişiklik", "Last change";
    OperatorPaid => "Ödendi", "Paid";
    OperatorUnpaid => "Ödenmedi", "Not paid";
    OperatorPrepaid => "ön ödemeli", "prepaid";
    OperatorPayerPerson => "Kişi ödemeli", "Paid by the person";
    OperatorPagination => "Sayfalar", "Pages";
    OperatorPreviousPage => "Önceki sayfa", "Previous page";
    OperatorNextPage => "Sonraki sayfa", "Next page";
    OperatorApplicantHeading => "Başvuru sahibi", "Applicant";
    OperatorLabelFullName => "Ad Soyad", "Name";
    OperatorLabelEmail => "E-posta", "E-mail";
    OperatorLabelPhone => "Cep telefonu", "Mobile phone";
    OperatorLabelInstitution => "Kurum", "Institution";
    OperatorLabelPayer => "Ödeme şekli", "Who pays";
    OperatorLabelPaymentState => "Ödeme durumu", "Payment status";
    OperatorLabelShipment => "Kargo", "Shipment";
    OperatorLabelApproval => "Onay", "Approval";
    OperatorNotYet => "Henüz yok", "Not yet";
    OperatorActionsHeading => "İşlemler", "Actions";
    OperatorNoActions => "Bu başvuru için şu anda kaydedilecek bir adım yok.", "There is no step to record for this application now.";
    OperatorPaymentHeading => "Ödeme", "Payment";
    OperatorRecordPaymentHint => "Ödeme Kamu SM'ye ulaştığında kaydedin. Ön ödemeli başvurunun üretimi bununla kendiliğinden başlar.", "Record it once the payment has reached Kamu SM. A prepaid application then goes into production by itself.";
    OperatorProductionHeading => "Üretim ve teslimat", "Production and delivery";
    OperatorMarkProduced => "Üretildi olarak kaydet", "Record as produced";
    OperatorLabelCourier => "Kargo firması", "Courier";
    OperatorHintCourier => "Örnek: PTT Kargo", "Example: PTT Kargo";
    OperatorLabelTrackingNumber => "Kargo takip numarası", "Tracking number";
    OperatorHintTrackingNumber => "Harf, rakam ve tire; 6–40 karakter. Boşluklar yok sayılır.", "Letters, digits and hyphens; 6–40 characters. Spaces are ignored.";
    OperatorMarkShipped => "Kargoya verildi olarak kaydet", "Record as shipped";
    OperatorMarkDelivered => "Teslim edildi olarak kaydet", "Record as delivered";
    OperatorNotifiesApplicant => "Her adım başvuru sahibine e-posta ve SMS ile bildirilir.", "Each step is sent to the applicant by e-mail and SMS.";
    OperatorPaymentRecorded => "Ödeme kaydedildi. Başvuru sahibine e-posta ve SMS gönderilecek.", "The payment was recorded. The applicant will be told by e-mail and SMS.";
    OperatorStepRecorded => "Adım kaydedildi. Başvuru sahibine e-posta ve SMS gönderilecek.", "The step was recorded. The applicant will be told by e-mail and SMS.";
    OperatorAuditHeading => "Denetim kaydı", "Audit trail";
    OperatorAuditCaption => "Başvuruyla ilgili kayıtlar (en yenisi en üstte)", "Entries about the application (newest first)";
    OperatorColWhen => "Zaman", "Time";
    OperatorColWhat => "Ne yapıldı", "What was done";
    OperatorColActor => "Yapan", "By";
    OperatorColOutcome => "Sonuç", "Outcome";
    OperatorColDetail => "Ayrıntı", "Detail";
    OperatorColSource => "Kaynak", "Source";
    OperatorColIp => "IP adresi", "IP address";
    OperatorSourceAudit => "Denetim günlüğü", "Audit log";
    OperatorSourceTimeline => "Başvuru geçmişi", "Timeline";
    OperatorOutcomeSuccess => "Başarılı", "Success";
    OperatorOutcomeFailure => "Başarısız", "Failure";
    OperatorActorApplicant => "Başvuru sahibi", "Applicant";
    OperatorActorIntegrator => "Kurum sistemi (API anahtarı)", "Institution's system (API key)";
    OperatorActorOfficer => "Kurum e-İmza sorumlusu", "Institution's e-signature officer";
    OperatorActorOperator => "Kamu SM operatörü", "Kamu SM operator";
    OperatorActorSystem => "Sistem", "System";
    OperatorActorAnonymous => "Oturum açmamış kişi", "Not logged in";
    TimelineCourier => "Kargo firması", "Courier";
    TimelineTrackingNumber => "Kargo takip numarası", "Tracking number";

    // ------------------------------------------------------------ webhooks (officer and operator)
    WebhooksTitle => "Webhook adresleri", "Webhook endpoints";
    WebhooksIntro => "Kurumunuzun sistemi, başvurulardaki her değişikliği bu adreslere gönderilen imzalı bildirimlerle (webhook) öğrenir. En fazla 10 adres kaydedilebilir.", "Your institution's system learns of every change to its applications through signed messages (webhooks) sent to these endpoints. Up to 10 endpoints can be registered.";
    WebhooksOperatorIntro => "Kurumun sistemine başvurulardaki değişiklikleri bildiren adresler. Eklenen adres bu kurumun adına kaydedilir.", "The endpoints that tell the institution's system about changes to its applications. An endpoint added here is registered for this institution.";
    WebhooksListHeading => "Kayıtlı adresler", "Registered endpoints";
    WebhooksCaption => "Webhook adresleri (en eskisi en üstte)", "Webhook endpoints (oldest first)";
    WebhooksNone => "Henüz kayıtlı webhook adresi yok.", "No webhook endpoints are registered yet.";
    WebhookColUrl => "Adres (URL)", "URL";
    WebhookColDescription => "Açıklama", "Description";
    WebhookColState => "Durum", "Status";
    WebhookColActions => "İşlemler", "Actions";
    WebhookEnabled => "Etkin", "Enabled";
    WebhookDisabled => "Devre dışı", "Disabled";
    WebhookDisabledReason => "Neden:", "Reason:";
    WebhookFailingSince => "Şu zamandan beri her deneme başarısız:", "Every attempt has failed since";
    WebhookPreviousSecretUntil => "Önceki gizli anahtar da şu zamana kadar geçerli:", "The previous secret also stays valid until";
    WebhookPause => "Duraklat", "Pause";
    WebhookEnable => "Etkinleştir", "Enable";
    WebhookRotate => "Gizli anahtarı yenile", "Rotate the secret";
    WebhookRemove => "Kaldır", "Remove";
    WebhookOpenLog => "Teslim kaydı", "Delivery log";
    WebhookPausedDone => "Adres duraklatıldı: etkinleştirilene kadar ona bildirim gönderilmeyecek.", "The endpoint was paused: nothing is sent to it until it is enabled again.";
    WebhookEnabledDone => "Adres etkinleştirildi. Devre dışıyken başarısız olan bildirimleri teslim kaydından yeniden gönderebilirsiniz.", "The endpoint was enabled. Messages that failed while it was disabled can be sent again from its delivery log.";
    WebhookRemovedDone => "Adres kaldırıldı.", "The endpoint was removed.";
    WebhookRemoveConfirmTitle => "Bu adres kaldırılsın mı?", "Remove this endpoint?";
    WebhookRemoveConfirmText => "Kaldırılan adrese bir daha bildirim gönderilmez; bekleyen bildirimler de gönderilmez. Bu işlem geri alınamaz.", "Nothing more is sent to a removed endpoint, not even the messages waiting for it. This cannot be undone.";
    WebhookRemoveConfirm => "Evet, adresi kaldır", "Yes, remove the endpoint";
    WebhookRemoveKeep => "Vazgeç", "Keep it";
    WebhookNewHeading => "Yeni adres ekle", "Add an endpoint";
    WebhookLabelUrl => "Adres (URL)", "URL";
    WebhookHintUrl => "Kurumunuzun sisteminde bildirimleri alacak adres; https:// ile başlamalıdır. Örnek: https://ik.kurum.gov.tr/nes-webhooks", "The address in your institution's system that receives the messages; it must start with https://. Example: https://ik.kurum.gov.tr/nes-webhooks";
    WebhookLabelDescription => "Açıklama (isteğe bağlı)", "Description (optional)";
    WebhookHintDescription => "En fazla 200 karakter; örneğin adresin hangi sisteme ait olduğu.", "Up to 200 characters; for example, which system the endpoint belongs to.";
    WebhookAdd => "Adresi ekle", "Add the endpoint";
    WebhookCreatedTitle => "Adres eklendi", "Endpoint added";
    WebhookRotatedTitle => "Gizli anahtar yenilendi", "Secret rotated";
    WebhookSecretLabel => "İmzalama gizli anahtarı", "Signing secret";
    WebhookSecretShownOnce => "Bu gizli anahtar yalnızca şimdi gösteriliyor, bir daha gösterilmeyecek. Kopyalayıp kurumunuzun sisteminde güvenle saklayın: bildirimlerin imzasını onunla doğrularsınız.", "This secret is shown only now and will not be shown again. Copy it and keep it safe in your institution's system: you check the messages' signatures with it.";
    WebhookOldSecretValid => "Önceki gizli anahtar 24 saat daha geçerli kalır: bu süre içinde sisteminizi yeni anahtara geçirin.", "The old secret stays valid for 24 hours: switch your system to the new one within that time.";
    WebhookCopySecret => "Gizli anahtarı kopyala", "Copy the secret";
    WebhookSecretCopied => "Gizli anahtar kopyalandı.", "The secret was copied.";
    WebhookSecretCopyFailed => "Kopyalanamadı. Anahtar seçildi: elle kopyalayın (Ctrl+C).", "It could not be copied. The secret is selected: copy it by hand (Ctrl+C).";
    WebhookSecretHide => "Anahtarı sakladım, gizle", "I have kept it, hide it";
    WebhookLogTitle => "Webhook teslim kaydı", "Webhook delivery log";
    WebhookLogIntro => "Bu adrese gönderilen son 100 bildirim, en yenisi en üstte; her birinin tüm denemeleriyle.", "The latest 100 messages sent to this endpoint, newest first, each with every attempt.";
    WebhookLogNone => "Bu adrese henüz bildirim gönderilmedi.", "No message has been sent to this endpoint yet.";
    WebhookLogRefresh => "Kaydı yenile", "Refresh the log";
    WebhookLogDisabledNote => "Adres devre dışı: bildirimleri yeniden göndermek için önce adresi etkinleştirin.", "The endpoint is disabled: enable it before sending messages again.";
    WebhookEndpointHeading => "Adres", "Endpoint";
    WebhookColEvent => "Olay", "Event";
    WebhookColStatus => "Durum", "Status";
    WebhookColAttempts => "Deneme sayısı", "Attempts";
    WebhookColLastError => "Son hata", "Last error";
    WebhookColCreated => "Oluşturulma zamanı", "Created";
    WebhookColNextAttempt => "Sonraki deneme", "Next attempt";
    WebhookColDeliveredAt => "Teslim zamanı", "Delivered";
    WebhookColMessageId => "Bildirim kimliği (webhook-id)", "Message id (webhook-id)";
    WebhookStatusPending => "Bekliyor", "Pending";
    WebhookStatusDelivered => "Teslim edildi", "Delivered";
    WebhookStatusFailed => "Başarısız", "Failed";
    WebhookAttemptsCaption => "Denemeler", "Attempts";
    WebhookColAttempt => "Deneme", "Attempt";
    WebhookColTime => "Zaman", "Time";
    WebhookColAnswerCode => "Yanıt kodu", "Answer code";
    WebhookColError => "Hata", "Error";
    WebhookColDuration => "Süre", "Duration";
    WebhookNoAnswer => "Yanıt gelmedi", "No answer";
    WebhookNoAttempts => "Henüz denenmedi.", "Not tried yet.";
    WebhookRedeliver => "Yeniden gönder", "Send again";
    WebhookRedelivered => "Bildirim yeniden gönderilmek üzere sıraya alındı.", "The message was queued to be sent again.";
    WebhookBackToList => "Webhook adreslerine dön", "Back to the webhook endpoints";
    WebhookBackToInstitution => "Kurum sayfasına dön", "Back to the institution";
    WebhookOperatorLink => "Kurumun webhook adresleri", "The institution's webhook endpoints";
    MessagesHeading => "Gönderilen e-posta ve SMS'ler", "E-mails and SMS sent";
    MessagesNone => "Bu başvuru için henüz e-posta ya da SMS gönderilmedi.", "No e-mail or SMS has been sent for this application yet.";
    MessagesColQueued => "Sıraya alındı", "Queued";
    MessagesColChannel => "Kanal", "Channel";
    MessagesColPurpose => "Konu", "Subject";
    MessagesColRecipient => "Alıcı", "Recipient";
    MessageChannelEmail => "E-posta", "E-mail";
    MessageChannelSms => "SMS", "SMS";
    MessagePurposeInvitation => "Ön başvuru bildirimi", "Pre-application notice";
    MessagePurposeSmsCode => "SMS onay kodu", "SMS verification code";
    MessagePurposeReminder => "Son gün hatırlatması", "Deadline reminder";
    MessagePurposeApproved => "Onay bildirimi", "Approval notice";
    MessagePurposeClosed => "Başvuru kapandı bildirimi", "Application closed notice";
    MessagePurposeProgress => "Üretim ve teslim bilgisi", "Production and delivery update";
    // ------------------------------------------------------------ fees
    FeeHint => "Sertifika ücretini siz ödersiniz; tutar seçtiğiniz süreye göre değişir (KDV dahil).", "You pay for the certificate; the amount depends on the term you choose (VAT included).";
    FeePrepaidHint => "Ödemeniz Kamu SM'ye ulaşmadan sertifikanızın üretimi başlamaz.", "Production of your certificate starts only once your payment reaches Kamu SM.";
    LabelFee => "Ödeyeceğiniz tutar", "Amount you pay";
    FeePaidByInstitution => "Ücreti kurumunuz öder.", "Your institution pays.";
    // ------------------------------------------------------------ payment callbacks (operator)
    OperatorPaymentCallbacksTitle => "Ödeme bildirimleri", "Payment notifications";
    OperatorPaymentCallbacksIntro => "Ödeme sağlayıcısının bildirdiği ödemeler, en yenisi önce. Uygulanmayanlar (tutar uyuşmazlığı, bilinmeyen ödeme referansı, ödenecek bir şey olmaması) başvuruya işlenmedi; kontrol edip gerekirse ödemeyi elle kaydedin veya iade başlatın.", "Payments reported by the payment provider, newest first. Those not applied (wrong amount, unknown payment reference, nothing to pay) were not recorded on any application: check them and record the payment by hand or start a refund.";
    OperatorPaymentCallbacksCaption => "Ödeme bildirimleri", "Payment notifications";
    OperatorPaymentCallbacksNone => "Bu süzgece uyan ödeme bildirimi yok.", "No payment notification matches this filter.";
    OperatorPaymentCallbacksFilter => "Sonuç", "Outcome";
    OperatorPaymentCallbacksAll => "Tümü", "All";
    OperatorColTransaction => "İşlem No", "Transaction";
    OperatorColPaymentReference => "Ödeme referansı", "Payment reference";
    OperatorColAmount => "Tutar", "Amount";
    OperatorColPaidAt => "Ödeme zamanı", "Paid at";
    OperatorColReceivedAt => "Alınma zamanı", "Received at";
    OperatorColApplication => "Başvuru", "Application";
    CallbackApplied => "Uygulandı", "Applied";
    CallbackDuplicate => "Yinelenen bildirim", "Duplicate message";
    CallbackAmountMismatch => "Tutar uyuşmuyor", "Amount mismatch";
    CallbackUnknownReference => "Bilinmeyen ödeme referansı", "Unknown payment reference";
    CallbackNotPayable => "Ödenecek bir şey yok", "Nothing to pay";
    OperatorApplicationCallbacksHeading => "Uygulanmayan ödeme bildirimleri", "Payment notifications not applied";
    // ------------------------------------------------------------ payment people can act on (issue 13)
    ActionPaymentInfo => "Ödeme Bilgileri", "Payment details";
    ApprovalIntroPersonPrepaid => "Onay verdiğinizde formunuz hemen Kamu SM'ye ulaşır. Başvurunuz ön ödemelidir: sertifikanızın üretimi, ödemeniz Kamu SM'ye ulaştığında başlar. Ödeme bilgileri onaydan sonra gösterilir ve e-posta ile gönderilir.", "When you approve, your form reaches Kamu SM at once. Your application is prepaid: production of your certificate starts when your payment reaches Kamu SM. The payment details are shown after approval and sent by e-mail.";
    ApprovalIntroPersonPostpaid => "Onay verdiğinizde formunuz hemen Kamu SM'ye ulaşır ve sertifikanızın üretimi başlar. Ücreti üretim sürerken ödeyebilirsiniz; ödeme bilgileri onaydan sonra gösterilir ve e-posta ile gönderilir.", "When you approve, your form reaches Kamu SM at once and production of your certificate starts. You can pay the fee while it goes on; the payment details are shown after approval and sent by e-mail.";
    ApprovalIntroInstitutionPrepaid => "Onay verdiğinizde formunuz hemen Kamu SM'ye ulaşır. Ücreti kurumunuz öder; sizin bir ödeme yapmanız gerekmez. Sertifikanızın üretimi, kurumunuzun ödemesi Kamu SM'ye ulaştığında başlar.", "When you approve, your form reaches Kamu SM at once. Your institution pays the fee; there is nothing for you to pay. Production of your certificate starts when your institution's payment reaches Kamu SM.";
    ApprovalIntroInstitutionPostpaid => "Onay verdiğinizde formunuz hemen Kamu SM'ye ulaşır ve sertifikanızın üretimi başlar. Ücreti kurumunuz öder; sizin bir ödeme yapmanız gerekmez.", "When you approve, your form reaches Kamu SM at once and production of your certificate starts. Your institution pays the fee; there is nothing for you to pay.";
    NextStepInstitutionPaymentWaits => "Sertifikanızın üretimi, kurumunuzun ödemesi Kamu SM'ye ulaştığında başlayacak.", "Production of your certificate starts when your institution's payment reaches Kamu SM.";
    PaidByInstitutionPrepaid => "Ücreti kurumunuz ödeyecek; sizin bir ödeme yapmanız gerekmez. Başvuru ön ödemelidir: üretim, kurumunuzun ödemesi Kamu SM'ye ulaşınca başlar.", "Your institution pays the fee; there is nothing for you to pay. The application is prepaid: production starts once your institution's payment reaches Kamu SM.";
    PaidByInstitutionPostpaid => "Ücreti kurumunuz ödeyecek; sizin bir ödeme yapmanız gerekmez.", "Your institution pays the fee; there is nothing for you to pay.";
    PaidByInstitutionDone => "Kurumunuzun ödemesi Kamu SM'ye ulaştı.", "Your institution's payment has reached Kamu SM.";
    PaymentBank => "Banka", "Bank";
    PaymentAccountHolder => "Alıcı", "Account holder";
    PaymentIban => "IBAN", "IBAN";
    PaymentDescription => "Açıklama", "Description";
    PaymentTransferStep1 => "Tutarı aşağıdaki hesaba havale veya EFT ile gönderin.", "Send the amount to the account below by bank transfer (havale or EFT).";
    PaymentTransferStep2 => "Açıklama alanına aşağıdaki metni aynen yazın; ödemeniz içindeki ödeme referansıyla başvurunuzla eşleştirilir.", "Write the text below as the transfer's description, exactly; its payment reference matches your payment to your application.";
    PaymentPostpaid => "Sertifikanızın üretimi başladı; ücreti üretim sürerken ödeyebilirsiniz.", "Production of your certificate has started; you can pay the fee while it goes on.";
    // ------------------------------------------------------------ operator: payment details, reversal, the card
    OperatorLabelAmount => "Tutar (TL)", "Amount (TL)";
    OperatorHintAmount => "Dekonttaki tutar, KDV dahil. Örnek: 750,00", "The amount on the receipt, VAT included. Example: 750,00";
    OperatorLabelPaidOn => "Ödeme tarihi", "Payment date";
    OperatorHintPaidOn => "Ödemenin Kamu SM hesabına geçtiği gün.", "The day the payment reached Kamu SM's account.";
    OperatorLabelReceiptNumber => "Dekont / işlem numarası", "Receipt / transaction number";
    OperatorHintReceiptNumber => "Banka dekontundaki veya ödeme sağlayıcısındaki numara.", "The number on the bank receipt or at the payment provider.";
    OperatorPaymentConfirmHeading => "Ödemeyi onaylayın", "Confirm the payment";
    OperatorPaymentConfirmIntro => "Kaydettiğinizde aşağıdaki e-posta ve SMS başvuru sahibine gönderilir.", "When you record it, the e-mail and SMS below are sent to the applicant.";
    OperatorPaymentStartsProduction => "Bu ödemeyle başvurunun üretimi başlar.", "With this payment the application goes into production.";
    OperatorPaymentConfirm => "Onaylıyorum, ödemeyi kaydet", "Confirm and record the payment";
    OperatorPaymentChange => "Bilgileri değiştir", "Change the details";
    OperatorPaymentsHeading => "Kaydedilen ödemeler", "Recorded payments";
    OperatorColReceiptNumber => "Dekont / işlem no", "Receipt / transaction no.";
    OperatorColRecordedBy => "Kaydeden", "Recorded by";
    OperatorColReversal => "Geri alma", "Reversal";
    OperatorReverseHeading => "Ödeme kaydını geri al", "Reverse the payment record";
    OperatorReverseHint => "Ödeme yanlış başvuruya kaydedildiyse veya banka iade ettiyse, kart üretilmeden önce geri alabilirsiniz. Ön ödemeli başvuru yeniden ödeme beklemeye döner. Neden denetim kaydına yazılır.", "If the payment was recorded on the wrong application or the bank returned it, you can reverse it before the card is produced. A prepaid application goes back to awaiting payment. The reason is written to the audit trail.";
    OperatorLabelReversalReason => "Geri alma nedeni", "Reason for reversal";
    OperatorReversePayment => "Ödeme kaydını geri al", "Reverse the payment record";
    OperatorPaymentReversed => "Ödeme kaydı geri alındı.", "The payment record was reversed.";
    OperatorCardHeading => "Kart üretimi ve gönderim bilgileri", "Card production and shipping details";
}
}
