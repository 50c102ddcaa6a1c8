//! An application as stored, and the loading rules (ownership) around it.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::form::{ApplicationForm, ApplicationFormInput, PrefilledFields};
use shared::workflow::{ApplicationState, Payer, PaymentTerms, Workflow};
use shared::{Email, PersonName, Tckn};

use crate::db::schema::applications;
use crate::db::{from_db_time, AnyConnection};
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
    pub deadline: NaiveDateTime,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub institution_id: Option<String>,
}

fn corrupt(what: &str, id: &str) -> ApiError {
    ApiError::Internal(format!(
        "application {id} has a stored {what} that does not parse"
    ))
}

impl ApplicationRow {
    pub fn state(&self) -> Result<ApplicationState, ApiError> {
        ApplicationState::parse(&self.state).ok_or_else(|| corrupt("state", &self.id))
    }

    pub fn payer(&self) -> Result<Payer, ApiError> {
        Payer::parse(&self.payer).ok_or_else(|| corrupt("payer", &self.id))
    }

    pub fn workflow(&self) -> Result<Workflow, ApiError> {
        Ok(Workflow {
            state: self.state()?,
            payment: PaymentTerms {
                payer: self.payer()?,
                prepaid: self.prepaid,
                paid: self.paid,
            },
            deadline: from_db_time(self.deadline),
        })
    }

    pub fn prefilled(&self) -> Result<PrefilledFields, ApiError> {
        Ok(PrefilledFields {
            tckn: Tckn::parse(&self.tckn).map_err(|_| corrupt("TCKN", &self.id))?,
            first_name: PersonName::parse(&self.first_name)
                .map_err(|_| corrupt("name", &self.id))?,
            last_name: PersonName::parse(&self.last_name)
                .map_err(|_| corrupt("surname", &self.id))?,
            email: Email::parse(&self.email).map_err(|_| corrupt("e-mail", &self.id))?,
            institution: self.institution.clone(),
        })
    }

    pub fn form(&self) -> Result<Option<ApplicationForm>, ApiError> {
        self.form_json
            .as_deref()
            .map(|json| serde_json::from_str(json).map_err(|_| corrupt("form", &self.id)))
            .transpose()
    }

    pub fn draft(&self) -> Result<Option<ApplicationFormInput>, ApiError> {
        self.draft_json
            .as_deref()
            .map(|json| serde_json::from_str(json).map_err(|_| corrupt("draft", &self.id)))
            .transpose()
    }
}

/// The applicant's own application; anyone else's answers `NotFound`, exactly like one that
/// does not exist, so ids cannot be probed.
pub fn load_owned(
    conn: &mut AnyConnection,
    id: &str,
    owner: &Tckn,
) -> Result<ApplicationRow, ApiError> {
    applications::table
        .find(id)
        .filter(applications::tckn.eq(owner.as_str()))
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)
}

pub fn load_any(conn: &mut AnyConnection, id: &str) -> Result<ApplicationRow, ApiError> {
    applications::table
        .find(id)
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)
}
