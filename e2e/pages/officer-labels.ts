/**
 * The officer screens' texts (web/src/i18n/texts.rs, the "officer (kurum e-İmza sorumlusu)"
 * block, and web/src/pages/officer/messages.rs), in Turkish and English.
 */
import type { Lang } from '../support/labels';

export interface OfficerLabels {
  applicationsTitle: string;
  applicationTitle: string;
  createTitle: string;
  importTitle: string;
  nav: string;
  tableCaption: string;
  filterState: string;
  filterStalled: string;
  applyFilters: string;
  found: RegExp;
  fileLabel: string;
  checkFile: string;
  rowsCaption: string;
  dryRunSummary: RegExp;
  commitSummary: RegExp;
  commitButton: RegExp;
  outcomeValid: string;
  outcomeCreated: string;
  outcomeRejected: string;
  firstNameMissing: string;
  payerInvalid: string;
  rowErrorsHeading: string;
  tckn: string;
  firstName: string;
  lastName: string;
  email: string;
  payer: string;
  payerInstitution: string;
  createButton: string;
  created: RegExp;
  notificationHeading: string;
  resend: string;
  cancel: string;
  cancelQuestion: string;
  cancelConfirm: string;
  cancelled: string;
}

export const officerLabels: Record<Lang, OfficerLabels> = {
  tr: {
    applicationsTitle: 'Kurum Başvuruları',
    applicationTitle: 'Başvuru',
    createTitle: 'Ön Başvuru Oluştur',
    importTitle: 'Toplu Yükleme (CSV)',
    nav: 'Kurum e-İmza sorumlusu işlemleri',
    tableCaption: 'Kurumunuzun başvuruları (son değişiklik en üstte)',
    filterState: 'Durum',
    filterStalled: 'İlerlemeyenler (gün)',
    applyFilters: 'Filtrele',
    found: /başvuru bulundu\.|Bu ölçütlere uyan başvuru yok\./,
    fileLabel: 'CSV dosyası',
    checkFile: 'Dosyayı denetle',
    rowsCaption: 'Dosyadaki satırlar',
    dryRunSummary: /(\d+) satır okundu: (\d+) satır geçerli, (\d+) satır hatalı\. Henüz hiçbir şey kaydedilmedi\./,
    commitSummary: /(\d+) ön başvuru oluşturuldu, (\d+) kişi için zaten açık ön başvuru vardı, (\d+) hatalı satır oluşturulmadı\./,
    commitButton: /^(\d+) geçerli satırı kaydet$/,
    outcomeValid: 'Geçerli',
    outcomeCreated: 'Oluşturuldu',
    outcomeRejected: 'Hatalı',
    firstNameMissing: 'Ad: Adı girin',
    payerInvalid: 'Ödeme: Ödeme şekli "kurum" ya da "kişi" olmalıdır',
    rowErrorsHeading: 'Hatalı satırlar',
    tckn: 'T.C. Kimlik No',
    firstName: 'Ad',
    lastName: 'Soyad',
    email: 'E-posta',
    payer: 'Ödeme',
    payerInstitution: 'Kurum ödemeli',
    createButton: 'Ön başvuruyu oluştur',
    created: /numaralı ön başvuru oluşturuldu/,
    notificationHeading: 'Bildirim e-postası',
    resend: 'Bildirim e-postasını yeniden gönder',
    cancel: 'Ön başvuruyu iptal et',
    cancelQuestion: 'Bu ön başvuruyu iptal etmek istediğinizden emin misiniz?',
    cancelConfirm: 'Evet, iptal et',
    cancelled: 'Başvuru iptal edildi.',
  },
  en: {
    applicationsTitle: "Institution's Applications",
    applicationTitle: 'Application',
    createTitle: 'Create a Pre-application',
    importTitle: 'Bulk Upload (CSV)',
    nav: "E-signature officer's services",
    tableCaption: "Your institution's applications (latest change first)",
    filterState: 'Status',
    filterStalled: 'No progress for (days)',
    applyFilters: 'Apply filters',
    found: /applications? found\.|No application matches these filters\./,
    fileLabel: 'CSV file',
    checkFile: 'Check the file',
    rowsCaption: 'Rows of the file',
    dryRunSummary: /(\d+) rows read: (\d+) valid, (\d+) with errors\. Nothing has been saved yet\./,
    commitSummary: /(\d+) pre-applications created, (\d+) people already had an open one, (\d+) rows with errors were not created\./,
    commitButton: /^Save the (\d+) valid rows?$/,
    outcomeValid: 'Valid',
    outcomeCreated: 'Created',
    outcomeRejected: 'Has errors',
    firstNameMissing: 'First name: Enter the first name',
    payerInvalid: 'Who pays: Who pays must be "kurum" (the institution) or "kişi" (the person)',
    rowErrorsHeading: 'Rows with errors',
    tckn: 'Turkish ID number (T.C. Kimlik No)',
    firstName: 'First name',
    lastName: 'Surname',
    email: 'E-mail',
    payer: 'Who pays',
    payerInstitution: 'Paid by the institution',
    createButton: 'Create the pre-application',
    created: /was created and the person is being e-mailed/,
    notificationHeading: 'Notification e-mail',
    resend: 'Send the notification e-mail again',
    cancel: 'Cancel the pre-application',
    cancelQuestion: 'Are you sure you want to cancel this pre-application?',
    cancelConfirm: 'Yes, cancel it',
    cancelled: 'The application was cancelled.',
  },
};
