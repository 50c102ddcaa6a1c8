/**
 * The staff login screens' texts (web/src/i18n/texts.rs, the "staff login and 2FA" block, and
 * the staff error messages of web/src/i18n/messages.rs), in Turkish and English.
 */
import type { Lang } from '../support/labels';

export interface StaffLabels {
  loginTitle: string;
  username: string;
  password: string;
  logIn: string;
  usernameRequired: string;
  loginFailed: string;
  secondFactorTitle: string;
  code: string;
  verify: string;
  codeInvalid: string;
  codeReplayed: string;
  enrolTitle: string;
  qrAlt: string;
  setupKey: string;
  finishSetup: string;
  passwordTitle: string;
  firstLogin: string;
  mustChange: string;
  passwordTooWeak: string;
  statusDisabled: string;
  statusOpen: string;
  disable: string;
  enable: string;
  resetPassword: string;
  confirmAction: string;
  disableTitle: string;
  enableTitle: string;
  passwordReset: string;
  currentPassword: string;
  newPassword: string;
  newPasswordAgain: string;
  changePassword: string;
  passwordChanged: string;
  passwordTooShort: string;
  skip: string;
  accountsTitle: string;
  accountsCaption: string;
  createAccount: string;
  initialPassword: string;
  roleOfficer: string;
  displayName: string;
  institution: string;
  roleOperator: string;
  errorSummary: string;
}

export const staffLabels: Record<Lang, StaffLabels> = {
  tr: {
    loginTitle: 'Personel Girişi',
    username: 'Kullanıcı adı',
    password: 'Parola',
    logIn: 'Giriş yap',
    usernameRequired: 'Kullanıcı adınızı girin',
    loginFailed: 'Kullanıcı adı ya da parola yanlış.',
    secondFactorTitle: 'Doğrulama Kodu',
    code: '6 haneli kod',
    verify: 'Doğrula ve devam et',
    codeInvalid: 'Doğrulama kodu doğru değil.',
    codeReplayed: 'Bu doğrulama kodu zaten kullanıldı. Uygulamanızda yeni kodun çıkmasını bekleyin.',
    enrolTitle: 'Doğrulama Uygulamasını Kurun',
    qrAlt: 'Doğrulama uygulaması için QR kodu (aynı bilgi aşağıdaki kurulum anahtarındadır)',
    setupKey: 'Kurulum anahtarı',
    finishSetup: 'Kurulumu tamamla',
    passwordTitle: 'Parolayı Değiştir',
    firstLogin: 'Girişiniz tamamlandı. Size verilen ilk parolayı şimdi kendi seçeceğiniz bir parolayla değiştirmenizi öneririz.',
    currentPassword: 'Mevcut parola',
    newPassword: 'Yeni parola',
    newPasswordAgain: 'Yeni parola (tekrar)',
    changePassword: 'Parolayı değiştir',
    passwordChanged: 'Parolanız değiştirildi',
    passwordTooShort: 'Parola en az 12 karakter olmalıdır',
    skip: 'Şimdi değil, devam et',
    mustChange: 'Size verilen parolayı değiştirmeden devam edemezsiniz. Yalnızca sizin bildiğiniz yeni bir parola belirleyin.',
    passwordTooWeak: 'Bu parola kolay tahmin edilir: yaygın bir parolaya, kelimeye, isme ya da adınıza benziyor. Birkaç kelimeden oluşan uzun bir cümle seçin',
    statusDisabled: 'Devre dışı',
    statusOpen: 'Açık',
    disable: 'Devre dışı bırak',
    enable: 'Etkinleştir',
    resetPassword: 'Parolayı sıfırla',
    confirmAction: 'Evet, devam et',
    disableTitle: 'Hesabı devre dışı bırak',
    enableTitle: 'Hesabı etkinleştir',
    passwordReset: 'Parola sıfırlandı',
    accountsTitle: 'Personel Hesapları',
    accountsCaption: 'Personel hesapları',
    createAccount: 'Hesabı oluştur',
    initialPassword: 'İlk parola',
    roleOfficer: 'Kurum e-İmza sorumlusu',
    displayName: 'Ad soyad',
    institution: 'Kurum',
    roleOperator: 'Kamu SM operatörü',
    errorSummary: 'Bir sorun var',
  },
  en: {
    loginTitle: 'Staff login',
    username: 'User name',
    password: 'Password',
    logIn: 'Log in',
    usernameRequired: 'Enter your user name',
    loginFailed: 'The user name or the password is wrong.',
    secondFactorTitle: 'Verification code',
    code: '6-digit code',
    verify: 'Verify and continue',
    codeInvalid: 'The verification code is not correct.',
    codeReplayed: 'This verification code has already been used. Wait for your app to show a new code.',
    enrolTitle: 'Set up your authenticator app',
    qrAlt: 'QR code for the authenticator app (the same information is in the setup key below)',
    setupKey: 'Setup key',
    finishSetup: 'Finish the setup',
    passwordTitle: 'Change your password',
    firstLogin: 'You are logged in. We recommend that you now replace the initial password you were given with one of your own.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    newPasswordAgain: 'New password (again)',
    changePassword: 'Change the password',
    passwordChanged: 'Your password has been changed',
    passwordTooShort: 'The password must have at least 12 characters',
    skip: 'Not now, continue',
    mustChange: 'You cannot continue until you change the password you were given. Choose a new one that only you know.',
    passwordTooWeak: 'This password is easy to guess: it looks like a common password, a word, a name or your own name. Choose a long sentence of a few words',
    statusDisabled: 'Disabled',
    statusOpen: 'Open',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset the password',
    confirmAction: 'Yes, go ahead',
    disableTitle: 'Disable the account',
    enableTitle: 'Enable the account',
    passwordReset: 'Password reset',
    accountsTitle: 'Staff accounts',
    accountsCaption: 'Staff accounts',
    createAccount: 'Create the account',
    initialPassword: 'Initial password',
    roleOfficer: 'Institution e-signature officer',
    displayName: 'Full name',
    institution: 'Institution',
    roleOperator: 'Kamu SM operator',
    errorSummary: 'There is a problem',
  },
};
