//! Request and response bodies of the REST API, shared with the browser client.

pub mod e_imza_login;
pub mod evidence;
pub mod feed;
pub mod messages;
pub mod officer;
pub mod operator;
pub mod passkeys;
pub mod payment_callbacks;
pub mod payments;
pub mod staff;
pub mod webhooks;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::form::{ApplicationForm, ApplicationFormInput, FieldErrors, PrefilledFields};
use crate::workflow::{ApplicationState, ApprovalMethod, EventKind, NextAction, Payer};

/// The most rows one `create_pre_applications` call takes.
/// The last page number a list takes (`page` of the officer's and the operator's lists; the
/// documents say `maximum = 100000`): at a hundred rows a page, ten million rows.
pub const MAX_PAGE_NUMBER: u32 = 100_000;

pub const MAX_PRE_APPLICATION_BATCH: usize = 1000;

// ---------------------------------------------------------------- pre-applications

/// How long an institution label (`PreApplicationInput::institution`) may be, in characters.
pub const INSTITUTION_LABEL_LENGTH: std::ops::RangeInclusive<usize> = 2..=120;

/// The cleaned institution label of a pre-application row: `Ok(None)` when left blank,
/// `Err(code)` when it could mislead in an official e-mail (`invalid_characters`,
/// `link_not_allowed`) or is `too_short` / `too_long`.
pub fn institution_label(raw: &str) -> Result<Option<String>, &'static str> {
    let text = crate::text::clean(raw)?;
    let length = text.chars().count();
    if length == 0 {
        Ok(None)
    } else if length < *INSTITUTION_LABEL_LENGTH.start() {
        Err("too_short")
    } else if length > *INSTITUTION_LABEL_LENGTH.end() {
        Err("too_long")
    } else if crate::text::contains_link(&text) {
        Err("link_not_allowed")
    } else {
        Ok(Some(text))
    }
}

/// One person an institution's e-signature officer named (raw, validated per row).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PreApplicationInput {
    #[cfg_attr(feature = "server", schema(example = "10000000146"))]
    pub tckn: String,
    #[cfg_attr(feature = "server", schema(example = "Ayşe"))]
    pub first_name: String,
    #[cfg_attr(feature = "server", schema(example = "Yılmaz"))]
    pub last_name: String,
    #[cfg_attr(feature = "server", schema(example = "ayse.yilmaz@kurum.gov.tr"))]
    pub email: String,
    /// The institution as the person sees it in Kamu SM's e-mails and on their pages (a unit,
    /// a directorate); empty for the institution's own name. 2–120 characters once cleaned
    /// (NFC, whitespace collapsed); no control or bidirectional formatting characters, no
    /// links or e-mail addresses. An operator names an existing institution here by code or
    /// name instead.
    #[cfg_attr(feature = "server", schema(example = "T.C. Örnek Bakanlığı"))]
    pub institution: String,
    /// `institution` (Kurum Ödemeli) or `person` (Kişi Ödemeli).
    #[cfg_attr(feature = "server", schema(example = "institution"))]
    pub payer: String,
    /// Ön ödemeli: production waits for the payment.
    pub prepaid: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreatePreApplicationsRequest {
    pub items: Vec<PreApplicationInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new pre-application was created and its e-mail queued.
    Created,
    /// The same open pre-application already existed; nothing changed.
    Existing,
    /// The row was invalid; see `errors`.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PreApplicationRowResult {
    /// Position of the row in the request, from 0.
    pub index: usize,
    pub outcome: RowOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(value_type = Option<std::collections::BTreeMap<String, Vec<String>>>))]
    pub errors: Option<FieldErrors>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreatePreApplicationsResponse {
    pub created: usize,
    pub existing: usize,
    pub rejected: usize,
    pub results: Vec<PreApplicationRowResult>,
}

// ---------------------------------------------------------------- session

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub first_name: String,
    pub last_name: String,
    /// The TCKN with most digits hidden.
    pub tckn_masked: String,
    /// Send this in the `X-CSRF-Token` header of every state-changing request.
    pub csrf_token: String,
    pub e_onay_consent_given: bool,
    #[serde(with = "crate::rfc3339")]
    pub idle_expires_at: DateTime<Utc>,
    #[serde(with = "crate::rfc3339")]
    pub absolute_expires_at: DateTime<Utc>,
}

// ---------------------------------------------------------------- applications

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    #[serde(with = "crate::rfc3339")]
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    /// `applicant`, `integrator`, `operator` or `system`.
    pub actor: String,
    pub label_tr: String,
    pub label_en: String,
    /// For `shipped`: the courier and the tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<Shipment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub id: String,
    #[cfg_attr(feature = "server", schema(example = "NES-2026-000123"))]
    pub reference: String,
    pub institution: String,
    pub state: ApplicationState,
    pub state_label_tr: String,
    pub state_label_en: String,
    pub next_action: NextAction,
    pub payer: Payer,
    pub prepaid: bool,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::rfc3339")]
    pub updated_at: DateTime<Utc>,
    /// The applicant must approve before this moment.
    #[serde(with = "crate::rfc3339")]
    pub deadline: DateTime<Utc>,
    pub timeline: Vec<TimelineEvent>,
}

/// "Devam Eden ve Tamamlanmış Başvurular": one page of them, the ongoing ones first (newest
/// first), then the completed ones (newest first). Without `page` and `per_page` the one page
/// holds them all, as before paging existed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyApplications {
    /// This page's ongoing applications.
    pub ongoing: Vec<ApplicationSummary>,
    /// This page's completed applications.
    pub completed: Vec<ApplicationSummary>,
    /// All of the person's applications, over all pages.
    pub total: u64,
    /// Ongoing applications, over all pages.
    pub ongoing_total: u64,
    /// Completed applications, over all pages.
    pub completed_total: u64,
    pub page: u32,
    pub per_page: u32,
    pub total_pages: u32,
}

/// The rows a page of the applicant's list shows when the caller asks for pages.
pub const MY_APPLICATIONS_PER_PAGE: u32 = 20;

/// The paging of `list_my_applications` (query string). Both absent: everything on one
/// page, as the operation answered before it had pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct MyApplicationsQuery {
    /// From 1, at most [`MAX_PAGE_NUMBER`]; 1 when only `per_page` is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 100000))]
    pub page: Option<u32>,
    /// From 1, at most [`operator::MAX_PER_PAGE`]; [`MY_APPLICATIONS_PER_PAGE`] when only
    /// `page` is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 100))]
    pub per_page: Option<u32>,
}

impl MyApplicationsQuery {
    /// A page of [`MY_APPLICATIONS_PER_PAGE`] rows.
    pub fn page(number: u32) -> MyApplicationsQuery {
        MyApplicationsQuery {
            page: Some(number),
            per_page: Some(MY_APPLICATIONS_PER_PAGE),
        }
    }

    /// `page` and `per_page` outside their ranges (`out_of_range`): the document's bounds.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self
            .page
            .is_some_and(|page| !(1..=MAX_PAGE_NUMBER).contains(&page))
        {
            errors.add("page", "out_of_range");
        }
        if self
            .per_page
            .is_some_and(|per_page| !(1..=operator::MAX_PER_PAGE).contains(&per_page))
        {
            errors.add("per_page", "out_of_range");
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// `(page, per_page)` when a page was asked for; `None` for everything at once.
    pub fn paging(&self) -> Option<(u32, u32)> {
        match (self.page, self.per_page) {
            (None, None) => None,
            (page, per_page) => Some((
                page.unwrap_or(1).max(1),
                per_page
                    .unwrap_or(MY_APPLICATIONS_PER_PAGE)
                    .clamp(1, operator::MAX_PER_PAGE),
            )),
        }
    }

    /// The query string, with its `?`; empty for everything at once.
    pub fn to_query_string(&self) -> String {
        match self.paging() {
            None => String::new(),
            Some((page, per_page)) => format!("?page={page}&per_page={per_page}"),
        }
    }
}

/// Where the SMS verification stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SmsStatus {
    /// The number the code went to, partly hidden.
    #[cfg_attr(feature = "server", schema(example = "0532 *** ** 67"))]
    pub sent_to: String,
    #[serde(with = "crate::rfc3339")]
    pub expires_at: DateTime<Utc>,
    pub expires_in_seconds: u64,
    pub tries_left: u32,
    pub resend_available_in_seconds: u64,
    pub sends_left_this_hour: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApprovalInfo {
    pub method: ApprovalMethod,
    #[serde(with = "crate::rfc3339")]
    pub at: DateTime<Utc>,
    pub taahhutname_version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    /// Locked fields from the pre-application.
    pub prefilled: PrefilledFields,
    /// The form as last submitted, if any.
    pub form: Option<ApplicationForm>,
    /// The form as the applicant last left it, valid or not (save and return).
    pub draft: Option<ApplicationFormInput>,
    pub sms: Option<SmsStatus>,
    pub approval: Option<ApprovalInfo>,
    /// What the person pays for each certificate term (`None`: the institution pays), shown
    /// beside the term choice and before approval.
    #[serde(default)]
    pub fees: Option<Fees>,
}

/// The person's price of each certificate term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Fees {
    /// One entry per term (1, 2 and 3 years).
    pub by_term: Vec<TermFee>,
    /// Production waits for the payment (ön ödemeli).
    pub production_waits_for_payment: bool,
}

impl Fees {
    /// The fee of a term of `years`.
    pub fn of(&self, years: u8) -> Option<&TermFee> {
        self.by_term
            .iter()
            .find(|fee| fee.certificate_term_years == years)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TermFee {
    pub certificate_term_years: u8,
    /// In kuruş (1 TL = 100 kuruş), VAT included.
    pub amount_kurus: u64,
    #[cfg_attr(feature = "server", schema(example = "470,00 TL"))]
    pub amount_display: String,
}

// ---------------------------------------------------------------- SMS

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct VerifySmsCodeRequest {
    /// The six digits received; spaces and hyphens are ignored.
    #[cfg_attr(feature = "server", schema(example = "123 456"))]
    pub code: String,
}

// ---------------------------------------------------------------- Taahhütname and e-Onay

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Taahhutname {
    #[cfg_attr(feature = "server", schema(example = "2026.1"))]
    pub version: String,
    pub title: String,
    /// The binding Turkish text.
    pub text: String,
    /// Lower-case hex SHA-256 of `text` in UTF-8: send it back when approving.
    pub sha256: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EOnayConsentRequest {
    /// Must be true: the person agrees to work with e-Onay.
    pub accepted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EOnayConsent {
    #[serde(with = "crate::rfc3339")]
    pub consented_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApproveWithEOnayRequest {
    pub taahhutname_version: String,
    pub taahhutname_sha256: String,
    /// The consent box: must be true.
    pub accepted: bool,
}

/// What the person has to pay, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentInstructions {
    /// Kurum Ödemeli: nothing for the person to pay.
    PaidByInstitution {
        /// Production waits for the institution's payment (ön ödemeli).
        #[serde(default)]
        production_waits_for_payment: bool,
        /// The institution's payment reached Kamu SM.
        #[serde(default)]
        paid: bool,
    },
    /// Kişi Ödemeli.
    PaidByPerson {
        /// In kuruş (1 TL = 100 kuruş), VAT included.
        amount_kurus: u64,
        #[cfg_attr(feature = "server", schema(example = "1.250,00 TL"))]
        amount_display: String,
        /// Quote this with the payment.
        payment_reference: String,
        /// Production waits for the payment (ön ödemeli).
        production_waits_for_payment: bool,
        paid: bool,
        /// Where to pay: Kamu SM's bank account and what to write on the transfer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bank_account: Option<BankAccount>,
    },
}

impl PaymentInstructions {
    /// Production waits for a payment that has not reached Kamu SM yet (whoever pays).
    pub fn production_waits(&self) -> bool {
        match self {
            Self::PaidByInstitution {
                production_waits_for_payment,
                paid,
            }
            | Self::PaidByPerson {
                production_waits_for_payment,
                paid,
                ..
            } => *production_waits_for_payment && !*paid,
        }
    }

    /// The person still has to pay.
    pub fn person_owes(&self) -> bool {
        matches!(self, Self::PaidByPerson { paid: false, .. })
    }
}

/// Kamu SM's bank account the fee is transferred to (havale/EFT), from the server's
/// configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BankAccount {
    #[cfg_attr(feature = "server", schema(example = "T.C. Ziraat Bankası"))]
    pub bank: String,
    /// Alıcı: the account holder.
    #[cfg_attr(feature = "server", schema(example = "TÜBİTAK BİLGEM Kamu SM"))]
    pub account_holder: String,
    /// Compact, checksum-validated (ISO 13616).
    #[cfg_attr(
        feature = "server",
        schema(value_type = String, example = "TR330006100519786457841326")
    )]
    pub iban: crate::Iban,
    /// Açıklama: what to write as the transfer's description, with the payment reference.
    #[cfg_attr(
        feature = "server",
        schema(example = "NES202600012346 NES sertifika ücreti")
    )]
    pub description: String,
}

/// "Başvuru İşlemleri Sonuç".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationResult {
    pub application: ApplicationSummary,
    pub approval: ApprovalInfo,
    pub payment: PaymentInstructions,
    pub certificate_term_years: u8,
}

// ---------------------------------------------------------------- operations

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
}

/// A calendar date in `YYYY-MM-DD`, as the form sends it.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

// ---------------------------------------------------------------- back office

/// What the production line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductionEvent {
    Produced,
    Shipped,
    Delivered,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecordProductionEventRequest {
    pub event: ProductionEvent,
    /// Required for `shipped`: the courier company, e.g. `PTT Kargo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courier: Option<String>,
    /// Required for `shipped`: the courier's tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
}

/// How the smart card travels to the applicant (checked by `operator::validate_shipment`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Shipment {
    #[cfg_attr(feature = "server", schema(example = "PTT Kargo"))]
    pub courier: String,
    #[cfg_attr(feature = "server", schema(example = "KP12345678TR"))]
    pub tracking_number: String,
}

// ---------------------------------------------------------------- e-İmza

/// "e-İmza ile Onayla": the Taahhütname read and accepted, as for e-Onay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StartEImzaSigningRequest {
    pub taahhutname_version: String,
    pub taahhutname_sha256: String,
    pub accepted: bool,
}

/// The "Doğrulama Kodu" page's content: the one-time code to paste into the signing app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EImzaSigningSession {
    /// Shown once, to be copied into the signing application.
    #[cfg_attr(feature = "server", schema(example = "7KQ4-9XWM-2HRT"))]
    pub verification_code: String,
    #[serde(with = "crate::rfc3339")]
    pub expires_at: DateTime<Utc>,
    pub expires_in_seconds: u64,
    /// SHA-256 of the document the signing application will show and sign.
    pub document_sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SigningStatus {
    /// The code waits for the signing application.
    Waiting,
    /// The signing application logged in with the code; the signature is awaited.
    Signing,
    /// "İşlem Başarılı": the signature was verified and the application approved.
    Accepted,
    /// The signature was refused; see `refusal_code`.
    Refused,
    /// The code's ten minutes passed without a signature.
    Expired,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EImzaSigningStatus {
    pub status: SigningStatus,
    #[serde(with = "crate::rfc3339")]
    pub expires_at: DateTime<Utc>,
    pub expires_in_seconds: u64,
    /// Why the signature was refused (an `ErrorCode` name), when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EImzaLoginRequest {
    /// The code from the web page; case, spaces and hyphens do not matter.
    #[cfg_attr(feature = "server", schema(example = "7KQ4-9XWM-2HRT"))]
    pub code: String,
}

/// What the signing application shows before signing. The same code field and routes serve
/// an application's approval and a login (`purpose`); the application fields come with an
/// approval, `requested_by` with a login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EImzaLogin {
    /// Bearer token for the document and signature calls of this signing session.
    pub signing_token: String,
    #[serde(with = "crate::rfc3339")]
    pub expires_at: DateTime<Utc>,
    #[serde(default)]
    pub purpose: e_imza_login::SigningPurpose,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tckn_masked: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<e_imza_login::LoginRequester>,
    pub document_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SignatureAccepted {
    /// Always `accepted`.
    pub status: String,
    #[serde(default)]
    pub purpose: e_imza_login::SigningPurpose,
    /// The application approved (approvals only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_reference: Option<String>,
}

/// One build of the signing application that can be downloaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SigningAppDownload {
    /// `linux-x86_64`, `windows-x86_64`, `macos-aarch64`…
    pub platform: String,
    /// For people: "Linux (x86_64)".
    pub label: String,
    pub url: String,
    pub file_name: String,
    pub size_bytes: u64,
    /// Lower-case hex SHA-256 of the file, to check the download.
    pub sha256: String,
}

/// Step 1 of the "Doğrulama Kodu" page: where to get the e-İmza application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SigningAppDownloads {
    pub downloads: Vec<SigningAppDownload>,
    /// How to build it from source where no download fits the platform.
    pub build_command: String,
    pub source_note: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_applicants_list_is_unpaged_unless_a_page_is_asked_for() {
        assert_eq!(MyApplicationsQuery::default().paging(), None);
        assert_eq!(MyApplicationsQuery::default().to_query_string(), "");
        let only_page = MyApplicationsQuery {
            page: Some(3),
            per_page: None,
        };
        assert_eq!(only_page.paging(), Some((3, MY_APPLICATIONS_PER_PAGE)));
        assert_eq!(
            MyApplicationsQuery::page(2).to_query_string(),
            "?page=2&per_page=20"
        );
    }

    #[test]
    fn the_applicants_paging_is_refused_outside_its_bounds() {
        let bad = MyApplicationsQuery {
            page: Some(0),
            per_page: Some(101),
        };
        let errors = bad.check().unwrap_err();
        assert_eq!(errors.get("page"), ["out_of_range"]);
        assert_eq!(errors.get("per_page"), ["out_of_range"]);
        assert!(MyApplicationsQuery::page(100_000).check().is_ok());
    }

    #[test]
    fn an_institution_label_is_cleaned_and_may_be_left_blank() {
        assert_eq!(institution_label("   "), Ok(None));
        assert_eq!(
            institution_label("  Bilgi   İşlem Dairesi "),
            Ok(Some("Bilgi İşlem Dairesi".into()))
        );
        assert_eq!(institution_label("A"), Err("too_short"));
        assert_eq!(institution_label(&"a".repeat(121)), Err("too_long"));
    }

    #[test]
    fn an_institution_label_that_could_mislead_in_an_e_mail_is_refused() {
        assert_eq!(
            institution_label("Geliştirme Kurumu \u{202e} https://evil.example"),
            Err("invalid_characters")
        );
        assert_eq!(
            institution_label("Geliştirme Kurumu https://evil.example"),
            Err("link_not_allowed")
        );
        assert_eq!(
            institution_label("Ödeme için: odeme.example"),
            Err("link_not_allowed")
        );
    }
}
