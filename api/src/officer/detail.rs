//! One of the institution's applications: its summary and timeline, who it is for, and
//! whether the notification e-mail can be sent again.

use chrono::{DateTime, Utc};
use shared::api::officer::InstitutionApplicationDetail;

use super::list::tckn_masked;
use super::resend;
use crate::applications::read;
use crate::applications::row::ApplicationRow;
use crate::db::AnyConnection;
use crate::error::ApiError;

pub fn detail(
    conn: &mut AnyConnection,
    app: &ApplicationRow,
    now: DateTime<Utc>,
) -> Result<InstitutionApplicationDetail, ApiError> {
    Ok(InstitutionApplicationDetail {
        summary: read::summary_of(conn, app)?,
        first_name: app.first_name.clone(),
        last_name: app.last_name.clone(),
        tckn_masked: tckn_masked(app)?,
        email: app.email.clone(),
        notification: resend::status(conn, app, now)?,
    })
}
