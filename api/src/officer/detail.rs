//! One of the institution's applications: its summary and timeline, who it is for, and
//! whether the notification e-mail can be sent again.

use chrono::{DateTime, Utc};
use shared::api::officer::InstitutionApplicationDetail;

use super::resend;
use crate::applications::read;
use crate::applications::row::Application;
use crate::db::AnyConnection;
use crate::error::ApiError;

pub fn detail(
    conn: &mut AnyConnection,
    app: &Application,
    now: DateTime<Utc>,
) -> Result<InstitutionApplicationDetail, ApiError> {
    Ok(InstitutionApplicationDetail {
        summary: read::summary_of(conn, app)?,
        first_name: app.person.first_name.to_string(),
        last_name: app.person.last_name.to_string(),
        tckn_masked: app.tckn().masked(),
        email: app.person.email.to_string(),
        notification: resend::status(conn, app, now)?,
        messages: crate::notify::delivery_state::of_application(conn, &app.id)?,
    })
}
