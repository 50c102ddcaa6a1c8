//! API types of the Kamu SM operator's area: institutions and their API keys, applications
//! across institutions, payment and production, and the audit trail of an application.
//!
//! The input rules live here, next to the types, so that the operator's screens and the API
//! check the very same things ([`validate_institution`], [`validate_api_key_name`],
//! [`validate_shipment`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ApplicationSummary, ApprovalInfo, PaymentInstructions, ProductionEvent, Shipment};
use crate::form::FieldErrors;
use crate::text::required_bounded;
use crate::workflow::{ApplicationState, Payer};

/// The input field names, as keys of [`FieldErrors`].
pub mod field {
    pub const CODE: &str = "code";
    pub const NAME: &str = "name";
    pub const COURIER: &str = "courier";
    pub const TRACKING_NUMBER: &str = "tracking_number";
}

/// Length limits, in characters after cleaning.
pub const INSTITUTION_CODE_LENGTH: std::ops::RangeInclusive<usize> = 2..=20;
pub const INSTITUTION_NAME_LENGTH: std::ops::RangeInclusive<usize> = 2..=200;
pub const API_KEY_NAME_LENGTH: std::ops::RangeInclusive<usize> = 2..=100;
pub const COURIER_LENGTH: std::ops::RangeInclusive<usize> = 2..=60;
pub const TRACKING_NUMBER_LENGTH: std::ops::RangeInclusive<usize> = 6..=40;

/// Rows per page of the application list, unless asked otherwise; and the most.
pub const DEFAULT_PER_PAGE: u32 = 25;
pub const MAX_PER_PAGE: u32 = 100;

// ---------------------------------------------------------------- institutions

/// An institution (kurum) whose staff apply for NES, with the number of its usable API keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Institution {
    pub id: String,
    /// Short upper-case code, unique, e.g. `ORNEK-BAK`.
    #[cfg_attr(feature = "server", schema(example = "ORNEK-BAK"))]
    pub code: String,
    #[cfg_attr(feature = "server", schema(example = "T.C. Örnek Bakanlığı"))]
    pub name: String,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// API keys not revoked.
    pub active_api_keys: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InstitutionList {
    /// By name.
    pub institutions: Vec<Institution>,
}

/// A new institution, as typed (checked by [`validate_institution`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CreateInstitutionRequest {
    /// Letters, digits, `-` and `_`; stored upper-case.
    #[cfg_attr(feature = "server", schema(example = "ORNEK-BAK"))]
    pub code: String,
    #[cfg_attr(feature = "server", schema(example = "T.C. Örnek Bakanlığı"))]
    pub name: String,
}

/// A valid new institution: the code upper-case, both texts cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInstitution {
    pub code: String,
    pub name: String,
}

// ---------------------------------------------------------------- API keys

/// An integrator API key as it can be shown after its creation: never the key itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiKeyInfo {
    pub id: String,
    pub institution_id: String,
    #[cfg_attr(feature = "server", schema(example = "İK sistemi"))]
    pub name: String,
    /// The first characters of the key, to tell keys apart.
    #[cfg_attr(feature = "server", schema(example = "nes_k7Qp"))]
    pub key_prefix: String,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<String>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// An institution and its API keys (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InstitutionApiKeys {
    pub institution: Institution,
    pub keys: Vec<ApiKeyInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CreateApiKeyRequest {
    /// What the key is for, e.g. the HR system that uses it.
    #[cfg_attr(feature = "server", schema(example = "İK sistemi"))]
    pub name: String,
}

/// The answer to creating a key: the only time the key itself is ever shown.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    /// Give this to the institution's integrator now: Kamu SM keeps only its SHA-256.
    pub api_key: String,
    pub key: ApiKeyInfo,
}

impl std::fmt::Debug for CreatedApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedApiKey")
            .field("api_key", &"<redacted>")
            .field("key", &self.key)
            .finish()
    }
}

// ---------------------------------------------------------------- applications

/// The filters of the application list (query string).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct ApplicationFilter {
    /// Only this institution's applications.
    pub institution_id: Option<String>,
    /// Only applications in this state.
    pub state: Option<ApplicationState>,
    /// A reference (or part of one, e.g. `000123`) or a whole TC Kimlik No.
    pub q: Option<String>,
    /// From 1, at most [`super::MAX_PAGE_NUMBER`].
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 100000))]
    pub page: Option<u32>,
    /// From 1, at most [`MAX_PER_PAGE`].
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 100))]
    pub per_page: Option<u32>,
}

impl ApplicationFilter {
    /// `page` and `per_page` outside their ranges (`out_of_range`): the document's bounds.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self
            .page
            .is_some_and(|page| !(1..=super::MAX_PAGE_NUMBER).contains(&page))
        {
            errors.add("page", "out_of_range");
        }
        if self
            .per_page
            .is_some_and(|per_page| !(1..=MAX_PER_PAGE).contains(&per_page))
        {
            errors.add("per_page", "out_of_range");
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    pub fn per_page(&self) -> u32 {
        self.per_page
            .unwrap_or(DEFAULT_PER_PAGE)
            .clamp(1, MAX_PER_PAGE)
    }

    /// The search text, trimmed; `None` when blank.
    pub fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

/// One line of the operator's application list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OperatorApplicationRow {
    pub id: String,
    #[cfg_attr(feature = "server", schema(example = "NES-2026-000123"))]
    pub reference: String,
    pub institution: String,
    pub institution_id: Option<String>,
    pub applicant_name: String,
    /// Only the first three and the last two digits.
    #[cfg_attr(feature = "server", schema(example = "100******46"))]
    pub tckn_masked: String,
    pub state: ApplicationState,
    pub state_label_tr: String,
    pub state_label_en: String,
    pub payer: Payer,
    pub prepaid: bool,
    pub paid: bool,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::rfc3339")]
    pub updated_at: DateTime<Utc>,
}

/// One page of the list, most recently changed first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OperatorApplicationPage {
    pub items: Vec<OperatorApplicationRow>,
    /// Rows matching the filters, over all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl OperatorApplicationPage {
    pub fn page_count(&self) -> u32 {
        let per_page = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per_page)).unwrap_or(u32::MAX)
    }
}

/// What the operator may do with an application now, as the workflow decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OperatorAction {
    RecordPayment,
    /// Take a recorded payment back (`reverse_payment`), before the card is produced.
    ReversePayment,
    MarkProduced,
    MarkShipped,
    MarkDelivered,
}

impl OperatorAction {
    /// The production step this action records, if it is one.
    pub fn production_event(self) -> Option<ProductionEvent> {
        match self {
            Self::RecordPayment | Self::ReversePayment => None,
            Self::MarkProduced => Some(ProductionEvent::Produced),
            Self::MarkShipped => Some(ProductionEvent::Shipped),
            Self::MarkDelivered => Some(ProductionEvent::Delivered),
        }
    }
}

/// The person behind an application, as the operator sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Applicant {
    pub first_name: String,
    pub last_name: String,
    pub tckn: String,
    pub email: String,
    /// From the submitted form, partly hidden.
    pub mobile_phone_masked: Option<String>,
}

/// One application with everything the operator acts on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OperatorApplication {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub institution_id: Option<String>,
    pub applicant: Applicant,
    pub paid: bool,
    pub approval: Option<ApprovalInfo>,
    /// What the person pays (only once the form is submitted: the amount depends on its
    /// certificate term).
    pub payment: Option<PaymentInstructions>,
    pub shipment: Option<Shipment>,
    pub allowed_actions: Vec<OperatorAction>,
    /// Every e-mail and SMS about it, oldest first, and what became of each.
    pub messages: Vec<super::messages::MessageDelivery>,
    /// The form as submitted: what the card is produced with and shipped to (phone, birth
    /// date, title, delivery address, certificate term).
    #[serde(default)]
    pub form: Option<crate::form::ApplicationForm>,
    /// The payments recorded, oldest first, with their reversals.
    #[serde(default)]
    pub payment_records: Vec<super::payments::PaymentRecord>,
}

// ---------------------------------------------------------------- audit trail

/// Where an entry of the audit trail comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditSource {
    /// The append-only, hash-chained audit log.
    AuditLog,
    /// The application's own timeline.
    Timeline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    #[serde(with = "crate::rfc3339")]
    pub at: DateTime<Utc>,
    pub source: AuditSource,
    /// The audit action (e.g. `payment_recorded`) or the timeline event kind.
    pub action: String,
    pub label_tr: String,
    pub label_en: String,
    /// `applicant`, `integrator`, `officer`, `operator` or `system`.
    pub actor_kind: String,
    pub actor_id: Option<String>,
    /// `success` or `failure` (audit log entries only).
    pub outcome: Option<String>,
    /// As stored (codes such as `e_onay`, or free text such as a reversal's reason).
    pub detail: Option<String>,
    /// The detail in words, with the application's steps the act caused (its timeline events,
    /// which are not listed again on their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_tr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_en: Option<String>,
    pub client_ip: Option<String>,
    /// The position in the audit log's chain (audit log entries only).
    pub seq: Option<i64>,
}

/// Newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditTrail {
    pub application_id: String,
    pub reference: String,
    pub entries: Vec<AuditEntry>,
}

// ---------------------------------------------------------------- validation

/// The code upper-case; letters A–Z, digits, `-` and `_`, starting with a letter.
pub fn validate_institution(
    input: &CreateInstitutionRequest,
) -> Result<NewInstitution, FieldErrors> {
    let mut errors = FieldErrors::new();
    let code = required_bounded(
        &mut errors,
        field::CODE,
        &input.code,
        INSTITUTION_CODE_LENGTH,
    )
    .map(|code| code.to_ascii_uppercase())
    .filter(|code| {
        let well_formed = code.starts_with(|c: char| c.is_ascii_uppercase())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !well_formed {
            errors.add(field::CODE, "institution_code_format");
        }
        well_formed
    });
    let name = required_bounded(
        &mut errors,
        field::NAME,
        &input.name,
        INSTITUTION_NAME_LENGTH,
    );
    match (code, name) {
        (Some(code), Some(name)) if errors.is_empty() => Ok(NewInstitution { code, name }),
        _ => Err(errors),
    }
}

/// The cleaned name of a new API key.
pub fn validate_api_key_name(input: &CreateApiKeyRequest) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    required_bounded(&mut errors, field::NAME, &input.name, API_KEY_NAME_LENGTH).ok_or(errors)
}

/// The courier's name and the tracking number of a shipment. The tracking number keeps
/// letters and digits (upper-case) and inner hyphens; spaces typed to group it are dropped.
pub fn validate_shipment(courier: &str, tracking_number: &str) -> Result<Shipment, FieldErrors> {
    let mut errors = FieldErrors::new();
    let courier = required_bounded(&mut errors, field::COURIER, courier, COURIER_LENGTH);
    let compact: String = tracking_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let tracking = required_bounded(
        &mut errors,
        field::TRACKING_NUMBER,
        &compact,
        TRACKING_NUMBER_LENGTH,
    )
    .filter(|t| {
        let well_formed = t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !t.starts_with('-')
            && !t.ends_with('-');
        if !well_formed {
            errors.add(field::TRACKING_NUMBER, "tracking_number_format");
        }
        well_formed
    });
    match (courier, tracking) {
        (Some(courier), Some(tracking_number)) if errors.is_empty() => Ok(Shipment {
            courier,
            tracking_number,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn institution(code: &str, name: &str) -> Result<NewInstitution, FieldErrors> {
        validate_institution(&CreateInstitutionRequest {
            code: code.into(),
            name: name.into(),
        })
    }

    #[test]
    fn an_institution_code_is_kept_upper_case_and_its_name_required_bounded() {
        let ok = institution(" ornek-bak ", "  T.C.   Örnek Bakanlığı ").unwrap();
        assert_eq!(ok.code, "ORNEK-BAK");
        assert_eq!(ok.name, "T.C. Örnek Bakanlığı");
    }

    #[test]
    fn an_institution_needs_a_well_formed_code_and_a_name() {
        let errors = institution("", "").unwrap_err();
        assert_eq!(errors.get(field::CODE), ["required"]);
        assert_eq!(errors.get(field::NAME), ["required"]);
        for bad in ["1ABC", "AB CD", "ÖRNEK", "AB.CD"] {
            let errors = institution(bad, "Örnek").unwrap_err();
            assert_eq!(
                errors.get(field::CODE),
                ["institution_code_format"],
                "{bad}"
            );
        }
        let errors = institution("A", "X").unwrap_err();
        assert_eq!(errors.get(field::CODE), ["too_short"]);
        assert_eq!(errors.get(field::NAME), ["too_short"]);
        let errors = institution(&"A".repeat(21), "Örnek\u{202E}").unwrap_err();
        assert_eq!(errors.get(field::CODE), ["too_long"]);
        assert_eq!(errors.get(field::NAME), ["invalid_characters"]);
    }

    #[test]
    fn an_api_key_needs_a_name() {
        assert_eq!(
            validate_api_key_name(&CreateApiKeyRequest {
                name: " İK ".into()
            })
            .unwrap(),
            "İK"
        );
        assert_eq!(
            validate_api_key_name(&CreateApiKeyRequest::default())
                .unwrap_err()
                .get(field::NAME),
            ["required"]
        );
    }

    #[test]
    fn a_tracking_number_is_compacted_and_upper_cased() {
        let shipment = validate_shipment(" PTT  Kargo ", "kp 1234 5678 tr").unwrap();
        assert_eq!(shipment.courier, "PTT Kargo");
        assert_eq!(shipment.tracking_number, "KP12345678TR");
        assert_eq!(
            validate_shipment("Aras", "AB-123456")
                .unwrap()
                .tracking_number,
            "AB-123456"
        );
    }

    #[test]
    fn a_shipment_needs_a_courier_and_a_well_formed_tracking_number() {
        let errors = validate_shipment("", "").unwrap_err();
        assert_eq!(errors.get(field::COURIER), ["required"]);
        assert_eq!(errors.get(field::TRACKING_NUMBER), ["required"]);
        for bad in ["ABC#12345", "-1234567", "1234567-", "ŞÇ123456"] {
            let errors = validate_shipment("PTT", bad).unwrap_err();
            assert_eq!(
                errors.get(field::TRACKING_NUMBER),
                ["tracking_number_format"],
                "{bad}"
            );
        }
        let errors = validate_shipment("PTT", "12345").unwrap_err();
        assert_eq!(errors.get(field::TRACKING_NUMBER), ["too_short"]);
    }

    #[test]
    fn pages_are_counted_and_bounded() {
        let filter = ApplicationFilter {
            page: Some(0),
            per_page: Some(1000),
            q: Some("   ".into()),
            ..ApplicationFilter::default()
        };
        assert_eq!(filter.page(), 1);
        assert_eq!(filter.per_page(), MAX_PER_PAGE);
        assert_eq!(filter.search(), None);
        let page = OperatorApplicationPage {
            items: Vec::new(),
            total: 51,
            page: 1,
            per_page: 25,
        };
        assert_eq!(page.page_count(), 3);
    }

    #[test]
    fn a_created_key_is_not_printed_by_debug() {
        let created = CreatedApiKey {
            api_key: "nes_secret".into(),
            key: ApiKeyInfo {
                id: "k".into(),
                institution_id: "i".into(),
                name: "İK".into(),
                key_prefix: "nes_se".into(),
                created_at: DateTime::<Utc>::default(),
                created_by: "op".into(),
                revoked_at: None,
                revoked_by: None,
                last_used_at: None,
            },
        };
        assert!(!format!("{created:?}").contains("nes_secret"));
    }
}
