//! The fixed texts of the interface, Turkish and English side by side.

use super::Lang;

macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident => $tr:literal, $en:literal;)*) => {
        /// A fixed text of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T {
            $($(#[$doc])* $name,)*
        }

        impl T {
            /// Every text, for the tests.
            pub const ALL: &'static [T] = &[$(T::$name,)*];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Tr => match self { $(T::$name => $tr,)* },
                    Lang::En => match self { $(T::$name => $en,)* },
                }
            }
        }
    };
}

texts! {
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
    Loading => "Yükleniyor…", "Loading…";
    ErrorPrefix => "Hata:", "Error:";

    // ------------------------------------------------------------ landing
    LandingIntro => "Kurumunuzun sizin için oluşturduğu nitelikli elektronik sertifika (NES) başvurusunu tamamlamak için giriş yapın.", "Log in to complete the qualified electronic certificate (NES) application that your institution created for you.";
    LoginMethodsHeading => "Giriş yöntemi", "How to log in";
    LoginEdevlet => "e-Devlet ile Giriş", "Log in with e-Devlet";
    LoginEdevletHint => "T.C. Kimlik No ve e-Devlet şifrenizle giriş yaparsınız.", "You log in with your Turkish ID number and your e-Devlet password.";
    LoginEimza => "e-İmza ile Giriş", "Log in with e-İmza";
    LoginEimzaNote => "e-İmza ile giriş, e-İmza uygulamasıyla birlikte kullanıma sunulacaktır. Şimdilik e-Devlet ile giriş yapabilirsiniz.", "Logging in with e-İmza will come with the signing application. For now, please log in with e-Devlet.";
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
    HintBirthDate => "Başvurmak için 18 yaşını doldurmuş olmalısınız.", "You must be 18 or older to apply.";
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
    ApprovalIntro => "Onay verdiğinizde formunuz hemen Kamu SM'ye ulaşır ve sertifika üretimi başlar; ön ödemeli başvurularda üretim, ödemenin Kamu SM'ye ulaşmasını da bekler.", "When you approve, your form reaches Kamu SM at once and production of the certificate starts; for prepaid applications production also waits for the payment to reach Kamu SM.";
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
    PaidByInstitution => "Ödeme kurumunuz tarafından yapılacaktır.", "The payment will be made by your institution.";
    PaymentAmount => "Tutar (KDV dahil)", "Amount (VAT included)";
    PaymentReference => "Ödeme referansı", "Payment reference";
    PaymentStatus => "Ödeme durumu", "Payment status";
    PaymentPaid => "Ödendi", "Paid";
    PaymentUnpaid => "Ödeme bekleniyor", "Awaiting payment";
    PaymentStep1 => "Tutarı Kamu SM'nin hesabına ödeyin.", "Pay the amount to Kamu SM.";
    PaymentStep2 => "Ödeme açıklamasına ödeme referansını yazın; ödemeniz bu referansla başvurunuzla eşleştirilir.", "Quote the payment reference with your payment; it matches your payment to your application.";
    PaymentWaits => "Ön ödemeli başvuru: sertifikanızın üretimi ödemeniz Kamu SM'ye ulaştıktan sonra başlar.", "Prepaid application: production of your certificate starts once your payment has reached Kamu SM.";
    PaymentDoesNotWait => "Sertifikanızın üretimi ödemeyi beklemeden başlar.", "Production of your certificate does not wait for the payment.";
    Print => "Yazdır", "Print";
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
    // ------------------------------------------------------------ passkeys
    // ------------------------------------------------------------ staff login and 2FA
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
    OperatorRecordPayment => "Ödemeyi kaydet", "Record the payment";
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
}
