//! The institution's applications: filtered by state, creation day and "stalled for N days",
//! newest change first, one page at a time.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::dsl::{count_star, exists, max, not};
use diesel::prelude::*;
use shared::api::officer::{
    InstitutionApplicationItem, InstitutionApplications, InstitutionApplicationsQuery,
    OfficerInstitution, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_STALLED_DAYS,
};
use shared::form::FieldErrors;
use shared::named::Named;
use shared::workflow::ApplicationState;

use super::scope;
use crate::applications::row::{Application, ApplicationRow};
use crate::db::schema::{application_events, applications};
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;

type Db = <AnyConnection as diesel::Connection>::Backend;

/// Europe/Istanbul is UTC+3 all year (since 2016): a day there starts at 21:00 UTC before.
const TURKEY_OFFSET_HOURS: i64 = 3;

/// The list's filters, checked and turned into instants.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    pub state: Option<ApplicationState>,
    /// Created at or after this instant.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before this instant.
    pub created_before: Option<DateTime<Utc>>,
    /// Unfinished, and no timeline event after this instant.
    pub quiet_since: Option<DateTime<Utc>>,
    pub page: u32,
    pub per_page: u32,
}

impl Filters {
    /// Checks the query; each wrong parameter gets its own code (`out_of_range`,
    /// `date_range_reversed`), so the screen can show it next to its control.
    pub fn parse(
        query: &InstitutionApplicationsQuery,
        now: DateTime<Utc>,
    ) -> Result<Filters, FieldErrors> {
        let mut errors = FieldErrors::new();
        let page = query.page.unwrap_or(1);
        if page == 0 || page > shared::api::MAX_PAGE_NUMBER {
            errors.add("page", "out_of_range");
        }
        let per_page = query.per_page.unwrap_or(DEFAULT_PAGE_SIZE);
        if per_page == 0 || per_page > MAX_PAGE_SIZE {
            errors.add("per_page", "out_of_range");
        }
        if let Some(days) = query.stalled_days {
            if days == 0 || days > MAX_STALLED_DAYS {
                errors.add("stalled_days", "out_of_range");
            }
        }
        if let (Some(from), Some(to)) = (query.created_from, query.created_to) {
            if from > to {
                errors.add("created_to", "date_range_reversed");
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Filters {
            state: query.state,
            created_from: query.created_from.map(start_of_turkish_day),
            created_before: query
                .created_to
                .and_then(|day| day.succ_opt())
                .map(start_of_turkish_day),
            quiet_since: query
                .stalled_days
                .map(|days| now - Duration::days(i64::from(days))),
            page,
            per_page,
        })
    }
}

fn start_of_turkish_day(day: NaiveDate) -> DateTime<Utc> {
    (day.and_time(chrono::NaiveTime::MIN) - Duration::hours(TURKEY_OFFSET_HOURS)).and_utc()
}

/// One page of `institution_id`'s applications matching `filters`.
pub fn list(
    conn: &mut AnyConnection,
    institution_id: &str,
    filters: &Filters,
) -> Result<InstitutionApplications, ApiError> {
    let institution = scope::institution(conn, institution_id)?;
    let total: i64 = matching(institution_id, filters)
        .select(count_star())
        .first(conn)?;
    let rows: Vec<ApplicationRow> = matching(institution_id, filters)
        .order((
            applications::updated_at.desc(),
            applications::reference.desc(),
        ))
        .limit(i64::from(filters.per_page))
        .offset(i64::from(filters.page - 1) * i64::from(filters.per_page))
        .select(ApplicationRow::as_select())
        .load(conn)?;
    let apps = rows
        .into_iter()
        .map(Application::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let last_events = last_event_times(conn, &apps)?;
    let items = apps
        .iter()
        .map(|app| item(app, last_events.get(&app.id).copied()))
        .collect();
    let total = u64::try_from(total).unwrap_or_default();
    let total_pages =
        u32::try_from(total.div_ceil(u64::from(filters.per_page))).unwrap_or(u32::MAX);
    Ok(InstitutionApplications {
        institution: OfficerInstitution {
            id: institution.id,
            code: institution.code,
            name: institution.name,
        },
        items,
        page: filters.page,
        per_page: filters.per_page,
        total,
        total_pages,
    })
}

/// The applications of `institution_id` that match `filters` (built twice: to count them and
/// to load one page).
fn matching<'a>(institution_id: &'a str, filters: &Filters) -> applications::BoxedQuery<'a, Db> {
    let mut query = applications::table
        .filter(applications::institution_id.eq(institution_id))
        .into_boxed();
    if let Some(state) = filters.state {
        query = query.filter(applications::state.eq(state.as_str()));
    }
    if let Some(from) = filters.created_from {
        query = query.filter(applications::created_at.ge(to_db_time(from)));
    }
    if let Some(before) = filters.created_before {
        query = query.filter(applications::created_at.lt(to_db_time(before)));
    }
    if let Some(since) = filters.quiet_since {
        let finished = [
            ApplicationState::Delivered.as_str(),
            ApplicationState::Cancelled.as_str(),
            ApplicationState::Expired.as_str(),
        ];
        let recent_event = application_events::table
            .filter(application_events::application_id.eq(applications::id))
            .filter(application_events::at.gt(to_db_time(since)));
        query = query
            .filter(applications::state.ne_all(finished))
            .filter(not(exists(recent_event)));
    }
    query
}

/// The latest timeline event of each application, in one query.
fn last_event_times(
    conn: &mut AnyConnection,
    apps: &[Application],
) -> Result<HashMap<String, DateTime<Utc>>, ApiError> {
    if apps.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<&str> = apps.iter().map(|app| app.id.as_str()).collect();
    let latest: Vec<(String, Option<NaiveDateTime>)> = application_events::table
        .filter(application_events::application_id.eq_any(ids))
        .group_by(application_events::application_id)
        .select((
            application_events::application_id,
            max(application_events::at),
        ))
        .load(conn)?;
    Ok(latest
        .into_iter()
        .filter_map(|(id, at)| Some((id, from_db_time(at?))))
        .collect())
}

fn item(app: &Application, last_event_at: Option<DateTime<Utc>>) -> InstitutionApplicationItem {
    let state = app.state();
    InstitutionApplicationItem {
        id: app.id.clone(),
        reference: app.reference.to_string(),
        first_name: app.person.first_name.to_string(),
        last_name: app.person.last_name.to_string(),
        tckn_masked: app.tckn().masked(),
        state,
        state_label_tr: state.label_tr().to_owned(),
        state_label_en: state.label_en().to_owned(),
        payer: app.payer(),
        prepaid: app.workflow.payment.prepaid,
        created_at: app.created_at,
        updated_at: app.updated_at,
        last_event_at: last_event_at.unwrap_or(app.updated_at),
        deadline: app.workflow.deadline,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-05-10T12:00:00Z".parse().unwrap()
    }

    fn day(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn no_filters_give_the_first_page_of_the_default_size() {
        let filters = Filters::parse(&InstitutionApplicationsQuery::default(), now()).unwrap();
        assert_eq!(filters.page, 1);
        assert_eq!(filters.per_page, DEFAULT_PAGE_SIZE);
        assert_eq!(filters.created_from, None);
        assert_eq!(filters.quiet_since, None);
    }

    #[test]
    fn days_are_turkish_days_and_the_last_one_is_included() {
        let query = InstitutionApplicationsQuery {
            created_from: day("2026-05-01"),
            created_to: day("2026-05-03"),
            ..Default::default()
        };
        let filters = Filters::parse(&query, now()).unwrap();
        assert_eq!(
            filters.created_from,
            Some("2026-04-30T21:00:00Z".parse().unwrap())
        );
        assert_eq!(
            filters.created_before,
            Some("2026-05-03T21:00:00Z".parse().unwrap())
        );
    }

    #[test]
    fn stalled_days_count_back_from_now() {
        let query = InstitutionApplicationsQuery {
            stalled_days: Some(7),
            ..Default::default()
        };
        let filters = Filters::parse(&query, now()).unwrap();
        assert_eq!(
            filters.quiet_since,
            Some("2026-05-03T12:00:00Z".parse().unwrap())
        );
    }

    #[test]
    fn each_wrong_parameter_is_named() {
        let query = InstitutionApplicationsQuery {
            created_from: day("2026-05-04"),
            created_to: day("2026-05-03"),
            stalled_days: Some(0),
            page: Some(0),
            per_page: Some(MAX_PAGE_SIZE + 1),
            ..Default::default()
        };
        let errors = Filters::parse(&query, now()).unwrap_err();
        assert_eq!(errors.get("created_to"), ["date_range_reversed"]);
        assert_eq!(errors.get("stalled_days"), ["out_of_range"]);
        assert_eq!(errors.get("page"), ["out_of_range"]);
        assert_eq!(errors.get("per_page"), ["out_of_range"]);
    }
}
