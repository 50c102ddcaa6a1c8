//! An application as stored ([`ApplicationRow`]) and as the use cases see it
//! ([`Application`]): every stored string is parsed once, here, at the database boundary.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use shared::form::{ApplicationForm, ApplicationFormInput, PrefilledFields};
use shared::named::Named;
use shared::workflow::{ApplicationState, Payer, PaymentTerms, Workflow};
use shared::{ApplicationRef, Email, PersonName, Tckn};

use crate::db::schema::applications;
use crate::db::{from_db_time, DbTime};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct ApplicationRow {
    pub id: String,
    pub reference: String,
    pub tckn: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub institution: String,
    pub payer: String,
    pub prepaid: bool,
    pub paid: bool,
    pub state: String,
    pub version: i64,
    pub form_json: Option<String>,
    pub draft_json: Option<String>,
    #[diesel(deserialize_as = DbTime)]
    pub deadline: NaiveDateTime,
    #[diesel(deserialize_as = DbTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = DbTime)]
    pub updated_at: NaiveDateTime,
    pub institution_id: Option<String>,
}

/// An application, typed. Use cases that change one get it from `access::lock`, which also
/// holds its row until the transaction ends.
#[derive(Debug, Clone)]
pub struct Application {
    pub id: String,
    pub reference: ApplicationRef,
    /// Who it is for and the institution as the person sees it: the form's locked fields.
    pub person: PrefilledFields,
    /// The institution it belongs to (what access is decided by); `None` only for rows made
    /// before institutions existed.
    pub institution_id: Option<String>,
    pub workflow: Workflow,
    /// Bumped by every transition: the optimistic check under the lock.
    pub version: i64,
    pub form: Option<ApplicationForm>,
    pub draft: Option<ApplicationFormInput>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Whether the institution had a webhook endpoint enabled when the row was locked
    /// (`access::lock` asks in the same statement); `None` when nobody asked. A transition
    /// with `Some(false)` queues no webhook without looking the endpoints up again.
    pub institution_listens: Option<bool>,
    /// When the person consented to e-Onay (`None` inside: never), as the statement that
    /// locked the row for the applicant read it (`access::change_as_applicant`); `None` when
    /// nobody asked. The consent is never taken back, so what that statement read still holds.
    pub e_onay_consent_at: Option<Option<DateTime<Utc>>>,
}

impl Application {
    pub fn state(&self) -> ApplicationState {
        self.workflow.state
    }

    pub fn payer(&self) -> Payer {
        self.workflow.payment.payer
    }

    pub fn tckn(&self) -> &Tckn {
        &self.person.tckn
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.person.first_name, self.person.last_name)
    }

    /// The submitted form; its absence past `form_submitted` is our bug, not the caller's.
    pub fn submitted_form(&self) -> Result<&ApplicationForm, ApiError> {
        self.form.as_ref().ok_or_else(|| {
            ApiError::Internal(format!(
                "application {} is {} without a form",
                self.id,
                self.state()
            ))
        })
    }
}

impl TryFrom<ApplicationRow> for Application {
    type Error = ApiError;

    fn try_from(row: ApplicationRow) -> Result<Application, ApiError> {
        let id = row.id;
        let corrupt = |what: &str| {
            ApiError::Internal(format!(
                "application {id} has a stored {what} that does not parse"
            ))
        };
        let state = ApplicationState::parse(&row.state).ok_or_else(|| corrupt("state"))?;
        let payer = Payer::parse(&row.payer).ok_or_else(|| corrupt("payer"))?;
        let person = PrefilledFields {
            tckn: Tckn::parse(&row.tckn).map_err(|_| corrupt("TCKN"))?,
            first_name: PersonName::parse(&row.first_name).map_err(|_| corrupt("name"))?,
            last_name: PersonName::parse(&row.last_name).map_err(|_| corrupt("surname"))?,
            email: Email::parse(&row.email).map_err(|_| corrupt("e-mail"))?,
            institution: row.institution,
        };
        let form = row
            .form_json
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|_| corrupt("form"))?;
        let draft = row
            .draft_json
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|_| corrupt("draft"))?;
        Ok(Application {
            reference: ApplicationRef::parse(&row.reference).map_err(|_| corrupt("reference"))?,
            person,
            institution_id: row.institution_id,
            workflow: Workflow {
                state,
                payment: PaymentTerms {
                    payer,
                    prepaid: row.prepaid,
                    paid: row.paid,
                },
                deadline: from_db_time(row.deadline),
            },
            version: row.version,
            form,
            draft,
            created_at: from_db_time(row.created_at),
            updated_at: from_db_time(row.updated_at),
            institution_listens: None,
            e_onay_consent_at: None,
            id,
        })
    }
}
