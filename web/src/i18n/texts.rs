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
    ApplicationsTitle => "Başvuru İşlemleri", "Applications";
    MenuPaidApplication => "Kurum/Kişi Ödemeli Başvuru", "Application paid by the institution or the person";
    MenuPaidApplicationHint => "Kurumunuzun sizin için oluşturduğu ön başvuruyu tamamlayın ve başvurularınızı izleyin.", "Complete the pre-application your institution created for you and follow your applications.";

    // ------------------------------------------------------------ applications
    ApplicationsSection => "Devam Eden ve Tamamlanmış Başvurular", "Ongoing and Completed Applications";
    OngoingCaption => "Devam eden başvurular", "Ongoing applications";
    CompletedCaption => "Tamamlanmış başvurular", "Completed applications";
    NoApplications => "Adınıza açılmış bir başvuru yok. Kurumunuzun e-İmza sorumlusu sizin için ön başvuru oluşturduğunda burada görünür.", "There is no application in your name. When your institution's e-signature officer creates a pre-application for you, it appears here.";
    NoOngoing => "Devam eden başvurunuz yok.", "You have no ongoing applications.";
    NoCompleted => "Tamamlanmış başvurunuz yok.", "You have no completed applications.";
    Reference => "Başvuru No", "Reference";
    Institution => "Kurum", "Institution";
    State => "Durum", "Status";
    ColDeadline => "Son gün", "Deadline";
    Action => "İşlem", "Action";
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
    LabelTckn => "T.C. Kimlik No", "Turkish ID number (T.C. Kimlik No)";
    FirstName => "Ad", "First name";
    LabelLastName => "Soyad", "Last name";
    Email => "E-posta", "E-mail";
    FillHeading => "Doldurulacak bilgiler", "Details to fill in";
    MobilePhone => "Cep telefonu", "Mobile phone";
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
    CertificateTerm => "Sertifika geçerlilik süresi", "Validity of the certificate";
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
    VerificationCode => "Doğrulama Kodu", "Verification code";
    CopyCode => "Kodu Kopyala", "Copy the code";
    CodeCopied => "Kod kopyalandı.", "The code has been copied.";
    CopyFailed => "Kod otomatik olarak kopyalanamadı; kodu sizin için seçtik. Ctrl+C (Mac'te Cmd+C) ile kopyalayın ya da uygulamaya elle yazın.", "The code could not be copied automatically; it has been selected for you. Copy it with Ctrl+C (Cmd+C on a Mac) or type it into the application.";
    CodeSingleUse => "Kod tek kullanımlıktır ve yalnızca bu başvuru için geçerlidir; kimseyle paylaşmayın.", "The code can be used once, only for this application; do not share it.";
    CodeOneMinute => "Kodun süresinin dolmasına 1 dakika kaldı.", "The code expires in 1 minute.";
    CodeNoLongerValid => "Bu kod artık kullanılamaz. Yeni bir kod alın.", "This code can no longer be used. Get a new code.";
    NoCodeHere => "Bu sayfada gösterilecek bir doğrulama kodu yok: güvenliğiniz için kod yalnızca alındığı anda bir kez gösterilir.", "There is no verification code to show here: for your security a code is shown only once, when you get it.";
    NoCodeButSigning => "Kodu e-İmza uygulamasına zaten yapıştırdıysanız imzalamayı tamamlayın; bu sayfa kendiliğinden güncellenir.", "If you have already pasted the code into the e-İmza application, finish signing there; this page updates by itself.";
    Step3Title => "e-İmza uygulamasını çalıştırın", "Run the e-İmza application";
    Step3Text => "İndirdiğiniz dosyaya çift tıklayın: e-İmza uygulamasının penceresi açılır.", "Double-click the file you downloaded: the e-İmza application's window opens.";
    Step3Windows => "İndirdiğiniz dosyaya (eimza-uygulamasi-windows-x86_64.exe) çift tıklayın: e-İmza uygulamasının penceresi açılır. Windows \"Bilgisayarınız korundu\" uyarısı gösterirse \"Ek bilgi\"ye, sonra \"Yine de çalıştır\"a tıklayın.", "Double-click the file you downloaded (eimza-uygulamasi-windows-x86_64.exe): the e-İmza application's window opens. If Windows says \"Windows protected your PC\", click \"More info\", then \"Run anyway\".";
    Step3Linux => "İndirdiğiniz dosyaya sağ tıklayıp Özellikler → İzinler'de \"Dosyanın program olarak çalıştırılmasına izin ver\"i işaretleyin, sonra dosyaya çift tıklayın: e-İmza uygulamasının penceresi açılır. Uygulama kendini uygulamalar menüsüne de ekler.", "Right-click the file you downloaded, tick \"Allow executing file as program\" under Properties → Permissions, then double-click the file: the e-İmza application's window opens. The application also adds itself to the applications menu.";
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
    LabelApprovalMethod => "Onay yöntemi", "Approval method";
    MethodEOnay => "e-Onay", "e-Onay";
    MethodEImza => "e-İmza", "e-İmza";
    LabelApprovedAt => "Onay zamanı", "Approved at";
    LabelTaahhutnameVersion => "Taahhütname sürümü", "Taahhütname version";
    NextStepsHeading => "Bundan sonra ne olacak?", "What happens next?";
    NextStepReached => "Formunuz Kamu SM'ye ulaştı.", "Your form has reached Kamu SM.";
    NextStepProductionWaits => "Sertifikanızın üretimi, ödemeniz Kamu SM'ye ulaştığında başlayacak.", "Production of your certificate starts when your payment reaches Kamu SM.";
    NextStepProductionStarts => "Sertifikanızın üretimi başladı.", "Production of your certificate has started.";
    NextStepDelivery => "Akıllı kartınız formda verdiğiniz adrese gönderilecek.", "Your smart card will be sent to the address you gave in the form.";
    NextStepEmail => "Onayınızın bir kopyası e-posta adresinize gönderilecek.", "A copy of your approval will be sent to your e-mail address.";
    NextStepTracking => "Başvurunuzu Başvuru İşlemleri sayfasından izleyebilirsiniz.", "You can follow your application on the Applications page.";
    Payment => "Ödeme", "Payment";
    PaymentAmount => "Tutar (KDV dahil)", "Amount (VAT included)";
    PaymentReference => "Ödeme referansı", "Payment reference";
    PaymentStatus => "Ödeme durumu", "Payment status";
    Paid => "Ödendi", "Paid";
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
    LoginStatus => "Giriş durumu", "Login status";
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
    LastUsed => "Son kullanım", "Last used";
    Actions => "İşlemler", "Actions";
    PasskeyNeverUsed => "Henüz kullanılmadı", "Not used yet";
    AddPasskeyHeading => "Yeni geçiş anahtarı", "New passkey";
    PasskeyNameLabel => "Geçiş anahtarının adı", "Name of the passkey";
    PasskeyNameHint => "Hangi cihaz olduğunu hatırlamanızı sağlar, örneğin “İş bilgisayarım”. En çok 64 karakter.", "Helps you remember which device it is, for example “Work laptop”. At most 64 characters.";
    PasskeyDefaultName => "Geçiş anahtarım", "My passkey";
    AddPasskey => "Geçiş anahtarı ekle", "Add a passkey";
    RenamePasskey => "Yeniden adlandır", "Rename";
    NewPasskeyNameLabel => "Yeni ad", "New name";
    SavePasskeyName => "Adı kaydet", "Save the name";
    Remove => "Kaldır", "Remove";
    ConfirmRemovePasskey => "Bu geçiş anahtarı kaldırılsın mı? Bu anahtarla bir daha giriş yapamazsınız.", "Remove this passkey? You will no longer be able to log in with it.";
    ConfirmRemove => "Evet, kaldır", "Yes, remove it";
    PasskeyAdded => "Geçiş anahtarı eklendi.", "The passkey was added.";
    PasskeyRenamedMessage => "Geçiş anahtarının adı değiştirildi.", "The passkey was renamed.";
    PasskeyRemovedMessage => "Geçiş anahtarı kaldırıldı.", "The passkey was removed.";
    PasskeyNameRequired => "Geçiş anahtarına bir ad verin.", "Give the passkey a name.";
    PasskeyNameTooLong => "Ad en çok 64 karakter olabilir.", "The name can be at most 64 characters long.";
    PasskeyNameInvalid => "Ad görünmeyen ya da denetim karakterleri içeremez.", "The name cannot contain invisible or control characters.";
    MenuAccount => "Hesabım", "My Account";
    MenuPasskeysHint => "e-Devlet şifresi yerine geçiş anahtarıyla giriş yapmak için anahtar ekleyin, adlandırın ya da kaldırın.", "Add, rename or remove passkeys to log in with one instead of your e-Devlet password.";
    StaffUsePasskey => "Geçiş anahtarı kullan", "Use a passkey";
    // ------------------------------------------------------------ staff login and 2FA
    Cancel => "Vazgeç", "Cancel";
    // ------------------------------------------------------------ officer (kurum e-İmza sorumlusu)
    // ------------------------------------------------------------ operator (Kamu SM)
    Courier => "Kargo firması", "Courier";
    TrackingNumber => "Kargo takip numarası", "Tracking number";

    // ------------------------------------------------------------ webhooks (officer and operator)
    // ------------------------------------------------------------ fees
    FeeHint => "Sertifika ücretini siz ödersiniz; tutar seçtiğiniz süreye göre değişir (KDV dahil).", "You pay for the certificate; the amount depends on the term you choose (VAT included).";
    FeePrepaidHint => "Ödemeniz Kamu SM'ye ulaşmadan sertifikanızın üretimi başlamaz.", "Production of your certificate starts only once your payment reaches Kamu SM.";
    LabelFee => "Ödeyeceğiniz tutar", "Amount you pay";
    FeePaidByInstitution => "Ücreti kurumunuz öder.", "Your institution pays.";
    // ------------------------------------------------------------ payment callbacks (operator)
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
}
}
