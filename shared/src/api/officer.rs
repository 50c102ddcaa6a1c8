//! API types of the officer area (kurum e-İmza sorumlusu): the institution's applications with
//! filters, one application with its timeline, the notification e-mail sent again, and the
//! CSV import of many pre-applications (dry run, then commit).
//!
//! The CSV's column names and template live here so that the browser's download and the
//! server's reader can never disagree.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::ApplicationSummary;
use crate::form::FieldErrors;
use crate::named::Named;
use crate::workflow::{ApplicationState, Payer};

/// The largest CSV file one import takes (1 MiB): far more than
/// [`super::MAX_PRE_APPLICATION_BATCH`] rows of this shape need.
pub const MAX_CSV_IMPORT_BYTES: usize = 1024 * 1024;

/// Rows per page of the applications list, unless asked otherwise.
pub const DEFAULT_PAGE_SIZE: u32 = 25;
/// The most rows one page of the applications list holds.
pub const MAX_PAGE_SIZE: u32 = 100;

/// The notification e-mail goes out again at most once in this many seconds per application
/// (the first e-mail counts): a person is not flooded, and a mistaken double click is harmless.
pub const NOTIFICATION_RESEND_INTERVAL_SECONDS: u64 = 10 * 60;

/// The column names of the pre-application CSV (header row, any order, case ignored).
pub mod csv_column {
    /// T.C. Kimlik No, 11 digits.
    pub const TCKN: &str = "tckn";
    /// First name(s).
    pub const FIRST_NAME: &str = "ad";
    /// Surname.
    pub const LAST_NAME: &str = "soyad";
    /// The e-mail address the notification goes to.
    pub const EMAIL: &str = "eposta";
    /// Who pays: `kurum` (Kurum Ödemeli) or `kişi` (Kişi Ödemeli).
    pub const PAYER: &str = "odeme";
    /// Optional: `evet` when production waits for the payment (ön ödemeli); empty is `hayır`.
    pub const PREPAID: &str = "on_odemeli";

    /// Every column, in the template's order; all but [`PREPAID`] are required.
    pub const ALL: [&str; 6] = [TCKN, FIRST_NAME, LAST_NAME, EMAIL, PAYER, PREPAID];
    pub const REQUIRED: [&str; 5] = [TCKN, FIRST_NAME, LAST_NAME, EMAIL, PAYER];
}

/// The file offered for download: semicolons (what Excel writes in Türkiye), UTF-8 with a
/// byte order mark (so that Excel reads the Turkish letters right), one example row.
pub const CSV_TEMPLATE: &str = "\u{feff}tckn;ad;soyad;eposta;odeme;on_odemeli\r\n\
     10000000146;Ayşe;Yılmaz;ayse.yilmaz@kurum.gov.tr;kurum;hayır\r\n";

/// The file name the template is saved under.
pub const CSV_TEMPLATE_FILE_NAME: &str = "on-basvuru-sablonu.csv";

// ---------------------------------------------------------------- the institution

/// The institution an officer works for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfficerInstitution {
    pub id: String,
    #[cfg_attr(feature = "server", schema(example = "ORNEK"))]
    pub code: String,
    #[cfg_attr(feature = "server", schema(example = "T.C. Örnek Bakanlığı"))]
    pub name: String,
}

// ---------------------------------------------------------------- applications list

/// Filters and page of `list_institution_applications`; every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct InstitutionApplicationsQuery {
    /// Only applications in this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(inline))]
    pub state: Option<ApplicationState>,
    /// Created on or after this day (Türkiye time), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_from: Option<NaiveDate>,
    /// Created on or before this day (Türkiye time), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_to: Option<NaiveDate>,
    /// Only unfinished applications (not delivered, cancelled or expired) whose timeline has
    /// had no event for at least this many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 3650))]
    pub stalled_days: Option<u32>,
    /// From 1, at most [`super::MAX_PAGE_NUMBER`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 100000))]
    pub page: Option<u32>,
    /// Rows per page, at most [`MAX_PAGE_SIZE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 100))]
    pub per_page: Option<u32>,
}

/// The longest "stalled for N days" filter (ten years): anything longer is a typing mistake.
pub const MAX_STALLED_DAYS: u32 = 3650;

/// One row of the officer's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InstitutionApplicationItem {
    pub id: String,
    #[cfg_attr(feature = "server", schema(example = "NES-2026-000123"))]
    pub reference: String,
    pub first_name: String,
    pub last_name: String,
    /// The TCKN with most digits hidden.
    #[cfg_attr(feature = "server", schema(example = "100******46"))]
    pub tckn_masked: String,
    pub state: ApplicationState,
    pub state_label_tr: String,
    pub state_label_en: String,
    pub payer: Payer,
    pub prepaid: bool,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// When the state last changed (the list is sorted by this, newest first).
    #[serde(with = "crate::rfc3339")]
    pub updated_at: DateTime<Utc>,
    /// The latest event of the timeline (state changes, SMS codes sent).
    #[serde(with = "crate::rfc3339")]
    pub last_event_at: DateTime<Utc>,
    /// The applicant must approve before this moment.
    #[serde(with = "crate::rfc3339")]
    pub deadline: DateTime<Utc>,
}

/// One page of the institution's applications, newest change first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InstitutionApplications {
    pub institution: OfficerInstitution,
    pub items: Vec<InstitutionApplicationItem>,
    pub page: u32,
    pub per_page: u32,
    /// Applications matching the filters, over all pages.
    pub total: u64,
    pub total_pages: u32,
}

// ---------------------------------------------------------------- one application

/// Whether the notification e-mail can be sent again now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NotificationStatus {
    /// When the last pre-application e-mail (first or again) was queued.
    pub last_queued_at: Option<DateTime<Utc>>,
    /// The application is still before approval and its deadline has not passed.
    pub resend_allowed: bool,
    /// Seconds until the e-mail may be sent again (0: now, if allowed).
    pub resend_available_in_seconds: u64,
}

/// One of the institution's applications, with its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InstitutionApplicationDetail {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub first_name: String,
    pub last_name: String,
    #[cfg_attr(feature = "server", schema(example = "100******46"))]
    pub tckn_masked: String,
    /// Where the notification e-mail goes (the officer typed it).
    pub email: String,
    pub notification: NotificationStatus,
    /// Every e-mail and SMS about it, oldest first, and what became of each.
    pub messages: Vec<super::messages::MessageDelivery>,
}

/// The notification e-mail is queued again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NotificationResent {
    #[serde(with = "crate::rfc3339")]
    pub queued_at: DateTime<Utc>,
    pub recipient: String,
    /// The next resend is possible from this moment.
    #[serde(with = "crate::rfc3339")]
    pub next_resend_at: DateTime<Utc>,
}

// ---------------------------------------------------------------- CSV import

/// Dry run (validate every row, save nothing) or commit (create the valid rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    DryRun,
    Commit,
}

impl Named for ImportMode {
    const ALL: &'static [ImportMode] = &[ImportMode::DryRun, ImportMode::Commit];

    fn as_str(self) -> &'static str {
        match self {
            ImportMode::DryRun => "dry_run",
            ImportMode::Commit => "commit",
        }
    }
}

crate::deserialize_by_name!(ImportMode);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct ImportQuery {
    #[cfg_attr(feature = "server", param(inline))]
    pub mode: ImportMode,
}

/// What happened to one row of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportRowOutcome {
    /// Dry run: the row passes every rule; a commit creates it (or finds it existing).
    Valid,
    /// Commit: a new pre-application was created and its e-mail queued.
    Created,
    /// Commit: the same open pre-application already existed; nothing changed.
    Existing,
    /// The row breaks a rule (see `errors`); it is not created.
    Rejected,
}

/// One row as read from the file, before validation (so that the screen can show it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CsvPreApplicationRow {
    pub tckn: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// As written in the file (`kurum`, `kişi`…).
    pub payer: String,
    /// As written in the file (`evet`, `hayır`, empty…).
    pub prepaid: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportedRow {
    /// The row's line in the file (the header is line 1), as Excel numbers its rows.
    pub line: u64,
    pub values: CsvPreApplicationRow,
    pub outcome: ImportRowOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Field name (`tckn`, `first_name`, `last_name`, `email`, `payer`, `prepaid`, or `row`
    /// for a row with the wrong number of columns) → error codes, as in
    /// `create_pre_applications`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(value_type = Option<std::collections::BTreeMap<String, Vec<String>>>))]
    pub errors: Option<FieldErrors>,
}

/// The outcome of an import, row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PreApplicationImport {
    pub mode: ImportMode,
    /// Data rows read (blank lines not counted).
    pub total: usize,
    /// Rows that pass every rule (in a commit: created + existing).
    pub valid: usize,
    pub created: usize,
    pub existing: usize,
    pub rejected: usize,
    pub rows: Vec<ImportedRow>,
}
