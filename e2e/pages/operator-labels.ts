/**
 * The operator screens' texts (web/src/i18n/texts.rs, the "operator (Kamu SM)" block, and
 * web/src/pages/operator/messages.rs), in Turkish and English.
 */
import type { Lang } from '../support/labels';

export interface OperatorLabels {
  institutionsTitle: string;
  institutionTitle: string;
  applicationsTitle: string;
  applicationTitle: string;
  nav: string;
  institutionsCaption: string;
  newInstitution: string;
  code: string;
  name: string;
  createInstitution: string;
  apiKeysCaption: string;
  keyName: string;
  createKey: string;
  keyCreated: string;
  keyShownOnce: string;
  copyKey: string;
  revoke: string;
  revokeConfirmTitle: string;
  revokeConfirm: string;
  keyRevoked: RegExp;
  active: string;
  revokedState: string;
  filterInstitution: string;
  filterState: string;
  search: string;
  applyFilters: string;
  applicationsCaption: string;
  found: RegExp;
  actions: string;
  recordPayment: string;
  amount: string;
  paidOn: string;
  receiptNumber: string;
  continue: string;
  confirmHeading: string;
  changeDetails: string;
  startsProduction: string;
  reversalReason: string;
  reversePayment: string;
  paymentReversed: string;
  paymentsCaption: string;
  cardHeading: string;
  markProduced: string;
  courier: string;
  trackingNumber: string;
  markShipped: string;
  markDelivered: string;
  paymentRecorded: string;
  stepRecorded: string;
  state: string;
  shipment: string;
  auditHeading: string;
  auditCaption: string;
}

export const operatorLabels: Record<Lang, OperatorLabels> = {
  tr: {
    institutionsTitle: 'Kurumlar',
    institutionTitle: 'Kurum ve API Anahtarları',
    applicationsTitle: 'Tüm Başvurular',
    applicationTitle: 'Başvuru Ayrıntısı',
    nav: 'Kamu SM operatör işlemleri',
    institutionsCaption: 'Kayıtlı kurumlar',
    newInstitution: 'Yeni kurum',
    code: 'Kurum kodu',
    name: 'Kurum adı',
    createInstitution: 'Kurumu oluştur',
    apiKeysCaption: 'Kurumun API anahtarları (en yenisi en üstte)',
    keyName: 'Anahtar adı',
    createKey: 'Anahtar oluştur',
    keyCreated: 'API anahtarı oluşturuldu',
    keyShownOnce: 'Bu anahtar yalnızca şimdi gösterilir',
    copyKey: 'Anahtarı kopyala',
    revoke: 'İptal et',
    revokeConfirmTitle: 'API anahtarını iptal et',
    revokeConfirm: 'Evet, iptal et',
    keyRevoked: /anahtarı iptal edildi; artık kabul edilmez\./,
    active: 'Etkin',
    revokedState: 'İptal edildi',
    filterInstitution: 'Kurum',
    filterState: 'Durum',
    search: 'Başvuru numarası ya da T.C. Kimlik No',
    applyFilters: 'Filtrele',
    applicationsCaption: 'Başvurular (son değişiklik en üstte)',
    found: /^\d+ başvuru bulundu\.$/,
    actions: 'İşlemler',
    recordPayment: 'Onaylıyorum, ödemeyi kaydet',
    amount: 'Tutar (TL)',
    paidOn: 'Ödeme tarihi',
    receiptNumber: 'Dekont / işlem numarası',
    continue: 'Devam',
    confirmHeading: 'Ödemeyi onaylayın',
    changeDetails: 'Bilgileri değiştir',
    startsProduction: 'Bu ödemeyle başvurunun üretimi başlar.',
    reversalReason: 'Geri alma nedeni',
    reversePayment: 'Ödeme kaydını geri al',
    paymentReversed: 'Ödeme kaydı geri alındı.',
    paymentsCaption: 'Kaydedilen ödemeler',
    cardHeading: 'Kart üretimi ve gönderim bilgileri',
    markProduced: 'Üretildi olarak kaydet',
    courier: 'Kargo firması',
    trackingNumber: 'Kargo takip numarası',
    markShipped: 'Kargoya verildi olarak kaydet',
    markDelivered: 'Teslim edildi olarak kaydet',
    paymentRecorded: 'Ödeme kaydedildi. Başvuru sahibine e-posta ve SMS gönderilecek.',
    stepRecorded: 'Adım kaydedildi. Başvuru sahibine e-posta ve SMS gönderilecek.',
    state: 'Durum',
    shipment: 'Kargo',
    auditHeading: 'Denetim kaydı',
    auditCaption: 'Başvuruyla ilgili kayıtlar (en yenisi en üstte)',
  },
  en: {
    institutionsTitle: 'Institutions',
    institutionTitle: 'Institution and API Keys',
    applicationsTitle: 'All Applications',
    applicationTitle: 'Application Details',
    nav: "Kamu SM operator's services",
    institutionsCaption: 'Registered institutions',
    newInstitution: 'New institution',
    code: 'Institution code',
    name: 'Institution name',
    createInstitution: 'Create the institution',
    apiKeysCaption: "The institution's API keys (newest first)",
    keyName: 'Key name',
    createKey: 'Create a key',
    keyCreated: 'API key created',
    keyShownOnce: 'This key is shown only now',
    copyKey: 'Copy the key',
    revoke: 'Revoke',
    revokeConfirmTitle: 'Revoke the API key',
    revokeConfirm: 'Yes, revoke it',
    keyRevoked: /was revoked; it is no longer accepted\./,
    active: 'Active',
    revokedState: 'Revoked',
    filterInstitution: 'Institution',
    filterState: 'Status',
    search: 'Reference or Turkish ID number',
    applyFilters: 'Apply filters',
    applicationsCaption: 'Applications (latest change first)',
    found: /^\d+ applications? found\.$/,
    actions: 'Actions',
    recordPayment: 'Confirm and record the payment',
    amount: 'Amount (TL)',
    paidOn: 'Payment date',
    receiptNumber: 'Receipt / transaction number',
    continue: 'Continue',
    confirmHeading: 'Confirm the payment',
    changeDetails: 'Change the details',
    startsProduction: 'With this payment the application goes into production.',
    reversalReason: 'Reason for reversal',
    reversePayment: 'Reverse the payment record',
    paymentReversed: 'The payment record was reversed.',
    paymentsCaption: 'Recorded payments',
    cardHeading: 'Card production and shipping details',
    markProduced: 'Record as produced',
    courier: 'Courier',
    trackingNumber: 'Tracking number',
    markShipped: 'Record as shipped',
    markDelivered: 'Record as delivered',
    paymentRecorded: 'The payment was recorded. The applicant will be told by e-mail and SMS.',
    stepRecorded: 'The step was recorded. The applicant will be told by e-mail and SMS.',
    state: 'Status',
    shipment: 'Shipment',
    auditHeading: 'Audit trail',
    auditCaption: 'Entries about the application (newest first)',
  },
};
