/**
 * Every screen text the specs look for, in Turkish and English — the one place to change when
 * the SPA's wording changes. The SPA's own table is web/src/i18n/texts.rs (fixed texts) and
 * web/src/i18n/messages.rs (texts with numbers, error messages); the names in the comments
 * (`T::…`) point there. Page objects take a `Lang` and read their names from here; a `RegExp`
 * stands where a value sits inside the text.
 *
 * The e-Devlet simulator's page (api/src/edevlet/simulator/html.rs) is Turkish only, and the
 * state and timeline texts come from the API (`label_tr` / `label_en`, shared/src/workflow.rs).
 */
export type Lang = 'tr' | 'en';
export type Text = string | RegExp;

export interface Labels {
  language: { switchTo: string; htmlLang: string };
  layout: { brand: string; serviceName: string; logout: string; skipLink: string; breadcrumbs: string; loading: string };
  landing: { heading: string; edevletLogin: string; eimzaLogin: string; loginMethods: string };
  menu: { heading: string; nav: string; individual: string; applications: string; paidApplication: string };
  list: {
    heading: string;
    section: string;
    ongoing: string;
    completed: string;
    colReference: string;
    colState: string;
    colAction: string;
    completeForm: string;
    enterSms: string;
    approve: string;
    result: string;
    paymentInfo: string;
    timeline: string;
  };
  form: {
    heading: string;
    prefilled: string;
    fill: string;
    tckn: string;
    firstName: string;
    lastName: string;
    email: string;
    institution: string;
    mobilePhone: string;
    birthDate: string;
    title: string;
    address: string;
    il: string;
    ilce: string;
    addressLine: string;
    postalCode: string;
    term: string;
    termYears: (years: 1 | 2 | 3) => string;
    continue: string;
    errorSummary: string;
    draftSaved: string;
  };
  /** Bilgilerinizi kontrol edin (web/src/pages/check_answers.rs), the step indicator and pages. */
  check: {
    heading: string;
    answers: string;
    change: string;
    send: string;
    steps: string;
    stepNames: [string, string, string, string];
    pagination: string;
    pageNumber: (n: number) => string;
    next: string;
    previous: string;
  };
  sms: {
    heading: string;
    sentTo: string;
    code: string;
    continue: string;
    noCode: string;
    resend: string;
    resendReady: string;
    triesLeft: (n: number) => RegExp;
    resendCountdown: RegExp;
    codeRequired: string;
    codeFormat: string;
    attemptsExhausted: string;
  };
  approval: {
    heading: string;
    consentHeading: string;
    consent: string;
    consentContinue: string;
    consentRequired: string;
    consentGiven: string;
    taahhutnameHeading: string;
    readTaahhutname: string;
    taahhutnameText: string;
    taahhutnameEnd: string;
    accept: string;
    acceptRequired: string;
    eOnay: string;
    eImza: string;
  };
  eImza: { heading: string; back: string };
  result: {
    heading: string;
    subtitle: string;
    nextSteps: string;
    payment: string;
    paidByInstitution: string;
    paidByInstitutionPrepaid: string;
    amount: string;
    paymentReference: string;
    productionWaits: string;
    productionStarted: string;
    postpaid: string;
    institutionPaymentWaits: string;
    bank: string;
    accountHolder: string;
    iban: string;
    description: string;
    backToApplications: string;
  };
  errors: {
    sessionExpired: string;
    loginAgain: string;
    network: string;
    retry: string;
    server: string;
    notFound: string;
    applicationNotFound: string;
    goHome: string;
  };
}

const tr: Labels = {
  language: { switchTo: 'English', htmlLang: 'tr' },
  layout: { brand: 'Kamu SM', serviceName: 'Online İşlemler', logout: 'Çıkış', skipLink: 'Ana içeriğe geç', breadcrumbs: 'Bulunduğunuz yer', loading: 'Yükleniyor…' },
  landing: {
    heading: 'Online İşlemler',
    edevletLogin: 'e-Devlet ile Giriş',
    eimzaLogin: 'e-İmza ile Giriş',
    loginMethods: 'Giriş yöntemi',
  },
  menu: {
    heading: 'NES İşlemleri',
    nav: 'NES İşlemleri menüsü',
    individual: 'Bireysel İşlemler',
    applications: 'Başvuru İşlemleri',
    paidApplication: 'Kurum/Kişi Ödemeli Başvuru',
  },
  list: {
    heading: 'Başvuru İşlemleri',
    section: 'Devam Eden ve Tamamlanmış Başvurular',
    ongoing: 'Devam eden başvurular',
    completed: 'Tamamlanmış başvurular',
    colReference: 'Başvuru No',
    colState: 'Durum',
    colAction: 'İşlem',
    completeForm: 'Başvuruyu Tamamla',
    enterSms: 'SMS Kodunu Gir',
    approve: 'Onay Ver',
    result: 'Sonuç',
    paymentInfo: 'Ödeme Bilgileri',
    timeline: 'Başvuru geçmişi',
  },
  form: {
    heading: 'Başvuru Formu',
    prefilled: 'Ön başvurudaki bilgileriniz',
    fill: 'Doldurulacak bilgiler',
    tckn: 'T.C. Kimlik No',
    firstName: 'Ad',
    lastName: 'Soyad',
    email: 'E-posta',
    institution: 'Kurum',
    mobilePhone: 'Cep telefonu',
    birthDate: 'Doğum tarihi',
    title: 'Unvan / görev',
    address: 'Sertifika teslimat adresi',
    il: 'İl',
    ilce: 'İlçe',
    addressLine: 'Açık adres',
    postalCode: 'Posta kodu',
    term: 'Sertifika geçerlilik süresi',
    termYears: (years) => `${years} yıl`,
    continue: 'Devam',
    errorSummary: 'Bir sorun var',
    draftSaved: 'Taslak kaydedildi',
  },
  check: {
    heading: 'Bilgilerinizi kontrol edin',
    answers: 'Doldurduğunuz bilgiler',
    change: 'Değiştir',
    send: 'Gönder ve doğrulama kodu al',
    steps: 'Başvuru adımları',
    stepNames: ['Başvuru formu', 'Bilgilerin kontrolü', 'SMS onayı', 'Onay'],
    pagination: 'Sayfalar',
    pageNumber: (n) => `Sayfa ${n}`,
    next: 'Sonraki sayfa',
    previous: 'Önceki sayfa',
  },
  sms: {
    heading: 'SMS Onayı',
    sentTo: 'Doğrulama kodu şu numaraya gönderildi:',
    code: 'Doğrulama kodu',
    continue: 'Devam',
    noCode: 'Kod gelmedi mi?',
    resend: 'Yeni kod gönder',
    resendReady: 'Artık yeni kod isteyebilirsiniz.',
    // messages::sms_tries_left, messages::sms_resend_countdown
    triesLeft: (n) => new RegExp(`Kod doğru değil\\. ${n} deneme hakkınız kaldı\\.`),
    resendCountdown: /\d+ saniye sonra yeni kod isteyebilirsiniz\./,
    codeRequired: 'SMS ile gelen doğrulama kodunu girin',
    codeFormat: 'Doğrulama kodu 6 rakamdan oluşur',
    attemptsExhausted: 'Çok sayıda yanlış kod girildi; bu kod artık kullanılamaz. Lütfen yeni kod isteyin.',
  },
  approval: {
    heading: 'E-Onay Verme',
    consentHeading: 'E-Onay ile işlem yapma',
    consent: 'E-Onay ile işlem yapmayı kabul ediyorum',
    consentContinue: 'Kaydet ve Devam Et',
    consentRequired: 'Devam etmek için E-Onay ile işlem yapmayı kabul ettiğinizi işaretleyin.',
    consentGiven: 'E-Onay ile işlem yapmayı kabul ettiniz.',
    taahhutnameHeading: 'Taahhütname',
    readTaahhutname: 'Taahhütnameyi Oku',
    taahhutnameText: 'Taahhütname metni',
    taahhutnameEnd: 'Taahhütnamenin sonu.',
    accept: 'Taahhütnameyi okudum ve kabul ediyorum',
    acceptRequired: 'Onay vermek için Taahhütnameyi okuyup kabul ettiğinizi işaretleyin.',
    eOnay: 'E-Onay',
    eImza: 'e-İmza ile Onayla',
  },
  eImza: { heading: 'e-İmza ile Onaylama', back: 'e-Onay ile onaylayın' },
  result: {
    heading: 'E-Onaylı Başvuru Tamamlandı',
    subtitle: 'Başvuru İşlemleri Sonuç',
    nextSteps: 'Bundan sonra ne olacak?',
    payment: 'Ödeme',
    paidByInstitution: 'Ücreti kurumunuz ödeyecek; sizin bir ödeme yapmanız gerekmez.',
    paidByInstitutionPrepaid: "Ücreti kurumunuz ödeyecek; sizin bir ödeme yapmanız gerekmez. Başvuru ön ödemelidir: üretim, kurumunuzun ödemesi Kamu SM'ye ulaşınca başlar.",
    amount: 'Tutar (KDV dahil)',
    paymentReference: 'Ödeme referansı',
    productionWaits: 'Ön ödemeli başvuru: sertifikanızın üretimi ödemeniz Kamu SM\'ye ulaştıktan sonra başlar.',
    productionStarted: 'Sertifikanızın üretimi başladı.',
    postpaid: 'Sertifikanızın üretimi başladı; ücreti üretim sürerken ödeyebilirsiniz.',
    institutionPaymentWaits: "Sertifikanızın üretimi, kurumunuzun ödemesi Kamu SM'ye ulaştığında başlayacak.",
    bank: 'Banka',
    accountHolder: 'Alıcı',
    iban: 'IBAN',
    description: 'Açıklama',
    backToApplications: "Başvuru İşlemleri'ne dön",
  },
  errors: {
    sessionExpired: 'Oturumunuz sona erdi',
    loginAgain: 'Tekrar giriş yap',
    network: 'Bağlantı kurulamadı',
    retry: 'Tekrar dene',
    server: 'Beklenmeyen bir hata oluştu',
    notFound: 'Sayfa bulunamadı',
    applicationNotFound: 'Başvuru bulunamadı',
    goHome: 'Ana sayfaya dön',
  },
};

const en: Labels = {
  language: { switchTo: 'Türkçe', htmlLang: 'en' },
  layout: { brand: 'Kamu SM', serviceName: 'Online Services', logout: 'Log out', skipLink: 'Skip to main content', breadcrumbs: 'You are here', loading: 'Loading…' },
  landing: {
    heading: 'Online Services',
    edevletLogin: 'Log in with e-Devlet',
    eimzaLogin: 'Log in with e-İmza',
    loginMethods: 'How to log in',
  },
  menu: {
    heading: 'NES Services',
    nav: 'NES services menu',
    individual: 'Individual Services',
    applications: 'Applications',
    paidApplication: 'Application paid by the institution or the person',
  },
  list: {
    heading: 'Applications',
    section: 'Ongoing and Completed Applications',
    ongoing: 'Ongoing applications',
    completed: 'Completed applications',
    colReference: 'Reference',
    colState: 'Status',
    colAction: 'Action',
    completeForm: 'Complete the application',
    enterSms: 'Enter the SMS code',
    approve: 'Approve',
    result: 'Result',
    paymentInfo: 'Payment details',
    timeline: 'Application history',
  },
  form: {
    heading: 'Application Form',
    prefilled: 'Details from your pre-application',
    fill: 'Details to fill in',
    tckn: 'Turkish ID number (T.C. Kimlik No)',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    institution: 'Institution',
    mobilePhone: 'Mobile phone',
    birthDate: 'Date of birth',
    title: 'Job title',
    address: 'Delivery address of the certificate',
    il: 'Province',
    ilce: 'District',
    addressLine: 'Street address',
    postalCode: 'Postal code',
    term: 'Validity of the certificate',
    termYears: (years) => (years === 1 ? '1 year' : `${years} years`),
    continue: 'Continue',
    errorSummary: 'There is a problem',
    draftSaved: 'Draft saved',
  },
  check: {
    heading: 'Check your details',
    answers: 'The details you filled in',
    change: 'Change',
    send: 'Send and get the verification code',
    steps: 'Application steps',
    stepNames: ['Application form', 'Check your details', 'SMS verification', 'Approval'],
    pagination: 'Pages',
    pageNumber: (n) => `Page ${n}`,
    next: 'Next page',
    previous: 'Previous page',
  },
  sms: {
    heading: 'SMS Verification',
    sentTo: 'The verification code was sent to:',
    code: 'Verification code',
    continue: 'Continue',
    noCode: "Didn't get the code?",
    resend: 'Send a new code',
    resendReady: 'You can now ask for a new code.',
    triesLeft: (n) => new RegExp(`The code is not correct\\. You have ${n} (tries|try) left\\.`),
    resendCountdown: /You can ask for a new code in \d+ seconds?\./,
    codeRequired: 'Enter the verification code from the text message',
    codeFormat: 'The verification code has 6 digits',
    attemptsExhausted: 'Too many wrong codes were entered; this code can no longer be used. Please ask for a new code.',
  },
  approval: {
    heading: 'Approval with e-Onay',
    consentHeading: 'Working with e-Onay',
    consent: 'I agree to work with e-Onay',
    consentContinue: 'Save and continue',
    consentRequired: 'Tick the box to agree to working with e-Onay.',
    consentGiven: 'You have agreed to work with e-Onay.',
    taahhutnameHeading: "Taahhütname (holder's commitment)",
    readTaahhutname: 'Read the Taahhütname',
    taahhutnameText: 'Text of the Taahhütname',
    taahhutnameEnd: 'End of the Taahhütname.',
    accept: 'I have read and accept the Taahhütname',
    acceptRequired: 'Tick the box to confirm that you have read and accept the Taahhütname.',
    eOnay: 'E-Onay',
    eImza: 'Approve with e-İmza',
  },
  eImza: { heading: 'Approval with e-İmza', back: 'Approve with e-Onay' },
  result: {
    heading: 'Application Approved with e-Onay',
    subtitle: 'Application Result',
    nextSteps: 'What happens next?',
    payment: 'Payment',
    paidByInstitution: 'Your institution pays the fee; there is nothing for you to pay.',
    paidByInstitutionPrepaid: "Your institution pays the fee; there is nothing for you to pay. The application is prepaid: production starts once your institution's payment reaches Kamu SM.",
    amount: 'Amount (VAT included)',
    paymentReference: 'Payment reference',
    productionWaits: 'Prepaid application: production of your certificate starts once your payment has reached Kamu SM.',
    productionStarted: 'Production of your certificate has started.',
    postpaid: 'Production of your certificate has started; you can pay the fee while it goes on.',
    institutionPaymentWaits: "Production of your certificate starts when your institution's payment reaches Kamu SM.",
    bank: 'Bank',
    accountHolder: 'Account holder',
    iban: 'IBAN',
    description: 'Description',
    backToApplications: 'Back to Applications',
  },
  errors: {
    sessionExpired: 'Your session has ended',
    loginAgain: 'Log in again',
    network: 'Could not connect',
    retry: 'Try again',
    server: 'An unexpected error occurred',
    notFound: 'Page not found',
    applicationNotFound: 'Application not found',
    goHome: 'Go to the home page',
  },
};

export const labels: Record<Lang, Labels> = { tr, en };

/** The e-Devlet simulator's login page (server-rendered by the API, Turkish only). */
export const simulatorLabels = {
  heading: 'e-Devlet Şifresi ile Giriş',
  tckn: 'T.C. Kimlik No',
  password: 'e-Devlet Şifresi',
  submit: 'Giriş Yap',
  cancel: 'İptal',
} as const;

/** State and timeline texts, written by the API (shared/src/workflow.rs). */
export const apiLabels = {
  tr: {
    events: {
      preApplicationCreated: 'Ön başvuru oluşturuldu',
      formSubmitted: 'Başvuru formu dolduruldu',
      smsCodeSent: 'SMS onay kodu gönderildi',
      phoneVerified: 'Cep telefonu doğrulandı',
      approvedWithEOnay: 'Başvuru e-Onay ile onaylandı',
      paymentAwaited: 'Ödeme bekleniyor',
      productionStarted: 'Sertifika üretimi başladı',
    },
    states: {
      preApplication: 'Ön başvuru — form bekleniyor',
      formSubmitted: 'SMS onayı bekleniyor',
      phoneVerified: 'Onay bekleniyor',
      awaitingPayment: 'Ödeme bekleniyor',
      inProduction: 'Üretimde',
    },
  },
  en: {
    events: {
      preApplicationCreated: 'Pre-application created',
      formSubmitted: 'Application form filled in',
      smsCodeSent: 'SMS code sent',
      phoneVerified: 'Mobile phone verified',
      approvedWithEOnay: 'Approved with e-Onay',
      paymentAwaited: 'Awaiting payment',
      productionStarted: 'Certificate production started',
    },
    states: {
      preApplication: 'Pre-application — form pending',
      formSubmitted: 'Awaiting SMS verification',
      phoneVerified: 'Awaiting approval',
      awaitingPayment: 'Awaiting payment',
      inProduction: 'In production',
    },
  },
} as const;
