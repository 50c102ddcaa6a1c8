//! Institutions (kurumlar): whose e-signature officers and HR systems name the people, and
//! the unit by which officers and API keys are scoped.

use diesel::prelude::*;

use crate::db::schema::institutions;
use crate::db::AnyConnection;
use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = institutions)]
pub struct Institution {
    pub id: String,
    pub code: String,
    pub name: String,
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Institution>, ApiError> {
    Ok(institutions::table
        .find(id)
        .select(Institution::as_select())
        .first(conn)
        .optional()?)
}

/// The institution a pre-application row names, by its code or its exact name.
pub fn find_by_code_or_name(
    conn: &mut AnyConnection,
    text: &str,
) -> Result<Option<Institution>, ApiError> {
    Ok(institutions::table
        .filter(
            institutions::code
                .eq(text.to_uppercase())
                .or(institutions::name.eq(text)),
        )
        .select(Institution::as_select())
        .first(conn)
        .optional()?)
}
