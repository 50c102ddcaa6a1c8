//! Staff accounts: creating officers and operators, listing them without their secrets, and
//! lifting a lock. Used by the operator's endpoints and by `nes-admin create-operator`.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::staff::{
    field, normalise_username, username_problem, CreateStaffAccountRequest, StaffAccount,
    StaffRoleKind, MAX_DISPLAY_NAME_LENGTH,
};
use shared::form::FieldErrors;
use shared::named::Named;
use shared::Email;

use super::password::{
    hash_password, initial_password, policy_problem, Password, PasswordHashString,
};
use super::throttle;
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::auth::staff::delete_all_staff_sessions;
use crate::db::schema::{institutions, login_throttle, staff_users};
use crate::db::{from_db_time, is_unique_violation, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::passkeys::store::{self as passkey_store, Owner};

/// A new account's details, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffInput {
    pub username: String,
    pub display_name: String,
    pub email: Option<Email>,
    pub role: StaffRoleKind,
    pub institution_id: Option<String>,
}

impl StaffInput {
    /// Checks every field and reports every problem at once, with the codes of
    /// `shared::api::staff` (`required`, `too_short`, `too_long`, `invalid_characters`,
    /// `email_invalid`, `role_invalid`, `institution_not_allowed`).
    pub fn parse(request: &CreateStaffAccountRequest) -> Result<StaffInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let username = normalise_username(&request.username);
        if let Some(code) = username_problem(&username) {
            errors.add(field::USERNAME, code);
        }
        let display_name = request.display_name.trim().to_owned();
        if let Some(code) = display_name_problem(&display_name) {
            errors.add(field::DISPLAY_NAME, code);
        }
        let email = match request.email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => match Email::parse(raw) {
                Ok(email) => Some(email),
                Err(e) => {
                    errors.add(field::EMAIL, e.code());
                    None
                }
            },
        };
        let role = StaffRoleKind::parse(request.role.trim());
        let institution_id = request
            .institution_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned);
        match (role, &institution_id) {
            (None, _) => errors.add(field::ROLE, "role_invalid"),
            (Some(StaffRoleKind::Officer), None) => errors.add(field::INSTITUTION_ID, "required"),
            (Some(StaffRoleKind::Operator), Some(_)) => {
                errors.add(field::INSTITUTION_ID, "institution_not_allowed")
            }
            _ => {}
        }
        match role {
            Some(role) if errors.is_empty() => Ok(StaffInput {
                username,
                display_name,
                email,
                role,
                institution_id,
            }),
            _ => Err(errors),
        }
    }
}

fn display_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("required")
    } else if name.chars().count() > MAX_DISPLAY_NAME_LENGTH {
        Some("too_long")
    } else if name.chars().any(char::is_control) {
        Some("invalid_characters")
    } else {
        None
    }
}

/// A checked account with its password already hashed: hashing is slow, so it happens before
/// the transaction (which may be retried) and never inside it.
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub input: StaffInput,
    pub password_hash: PasswordHashString,
    /// The password was made for the person by someone else: they change it first.
    pub password_change_required: bool,
}

impl NewStaff {
    /// With a password its owner chose (`nes-admin create-operator`): checked against the
    /// policy and hashed. Blocking (argon2).
    pub fn with_password(input: StaffInput, password: &Password) -> Result<NewStaff, ApiError> {
        if let Some(code) = policy_problem(&input.username, &input.display_name, password.expose())
        {
            let mut errors = FieldErrors::new();
            errors.add(field::PASSWORD, code);
            return Err(ApiError::Validation(errors));
        }
        Ok(NewStaff {
            password_hash: hash_password(password)?,
            input,
            password_change_required: false,
        })
    }

    /// With a random initial password for the operator to hand over, which the person must
    /// change at their first login. Answers it too, to be shown once. Blocking (argon2).
    pub fn with_initial_password(input: StaffInput) -> Result<(NewStaff, String), ApiError> {
        let (initial, password_hash) = initial_password()?;
        let new = NewStaff {
            password_hash,
            input,
            password_change_required: true,
        };
        Ok((new, initial))
    }
}

/// Stores a new account (in the caller's transaction) and audits it. A user name already in
/// use answers `already_exists`; an officer's institution must exist.
pub fn create_staff(
    conn: &mut AnyConnection,
    new: &NewStaff,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    let input = &new.input;
    if let Some(id) = &input.institution_id {
        if crate::institutions::find(conn, id)?.is_none() {
            let mut errors = FieldErrors::new();
            errors.add(field::INSTITUTION_ID, "institution_unknown");
            return Err(ApiError::Validation(errors));
        }
    }
    let taken: i64 = staff_users::table
        .filter(staff_users::username.eq(&input.username))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::AlreadyExists);
    }
    let id = crate::db::new_row_id();
    let created_by = ctx
        .actor
        .id
        .clone()
        .unwrap_or_else(|| ctx.actor.kind.as_str().to_owned());
    diesel::insert_into(staff_users::table)
        .values((
            staff_users::id.eq(&id),
            staff_users::username.eq(&input.username),
            staff_users::display_name.eq(&input.display_name),
            staff_users::email.eq(input.email.as_ref().map(|e| e.as_str())),
            staff_users::role.eq(input.role.as_str()),
            staff_users::institution_id.eq(input.institution_id.as_deref()),
            staff_users::password_hash.eq(new.password_hash.as_str()),
            staff_users::password_change_required.eq(new.password_change_required),
            staff_users::created_at.eq(to_db_time(ctx.at)),
            staff_users::created_by.eq(&created_by),
        ))
        .execute(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::AlreadyExists
            } else {
                ApiError::Database(e)
            }
        })?;
    audit::record(
        conn,
        ctx,
        AuditAction::StaffCreated,
        Outcome::Success,
        Some(&input.username),
        input.institution_id.as_deref(),
        Some(input.role.as_str()),
    )?;
    find(conn, &id)?.ok_or_else(|| ApiError::Internal("a created account vanished".into()))
}

type AccountRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<NaiveDateTime>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    bool,
);

fn account_rows(
    conn: &mut AnyConnection,
    only_id: Option<&str>,
) -> Result<Vec<AccountRow>, ApiError> {
    let mut query = staff_users::table
        .left_join(institutions::table)
        .select((
            staff_users::id,
            staff_users::username,
            staff_users::display_name,
            staff_users::email,
            staff_users::role,
            staff_users::institution_id,
            institutions::name.nullable(),
            staff_users::totp_enabled_at,
            staff_users::created_at,
            staff_users::disabled_at,
            staff_users::password_change_required,
        ))
        .order((staff_users::role.desc(), staff_users::username.asc()))
        .into_boxed();
    if let Some(id) = only_id {
        query = query.filter(staff_users::id.eq(id.to_owned()));
    }
    Ok(query.load(conn)?)
}

fn to_account(row: AccountRow, throttles: &HashMap<String, (i32, bool)>) -> StaffAccount {
    let (
        id,
        username,
        display_name,
        email,
        role,
        institution_id,
        institution_name,
        totp,
        at,
        disabled,
        password_change_required,
    ) = row;
    let (failures, locked) = throttles
        .get(&throttle::subject(&username))
        .copied()
        .unwrap_or((0, false));
    StaffAccount {
        id,
        role: StaffRoleKind::parse(&role).unwrap_or(StaffRoleKind::Officer),
        username,
        display_name,
        email,
        institution_id,
        institution_name,
        totp_enrolled: totp.is_some(),
        locked: locked || failures >= throttle::LOCK_AT,
        consecutive_failures: u32::try_from(failures).unwrap_or(0),
        created_at: from_db_time(at),
        disabled: disabled.is_some(),
        password_change_required,
    }
}

fn throttles_of(
    conn: &mut AnyConnection,
    usernames: &[&str],
) -> Result<HashMap<String, (i32, bool)>, ApiError> {
    let subjects: Vec<String> = usernames.iter().map(|u| throttle::subject(u)).collect();
    let rows: Vec<(String, i32, Option<NaiveDateTime>)> = login_throttle::table
        .filter(login_throttle::subject.eq_any(&subjects))
        .select((
            login_throttle::subject,
            login_throttle::consecutive_failures,
            login_throttle::locked_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(subject, failures, locked)| (subject, (failures, locked.is_some())))
        .collect())
}

/// Every account, operators first, then by user name.
pub fn list(conn: &mut AnyConnection) -> Result<Vec<StaffAccount>, ApiError> {
    let rows = account_rows(conn, None)?;
    let names: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let throttles = throttles_of(conn, &names)?;
    Ok(rows
        .into_iter()
        .map(|r| to_account(r, &throttles))
        .collect())
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<StaffAccount>, ApiError> {
    let Some(row) = account_rows(conn, Some(id))?.into_iter().next() else {
        return Ok(None);
    };
    let throttles = throttles_of(conn, &[row.1.as_str()])?;
    Ok(Some(to_account(row, &throttles)))
}

/// Lifts a lock (and forgets the failures): the operator's "Kilidi aç".
pub fn unlock(
    conn: &mut AnyConnection,
    id: &str,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    let account = find(conn, id)?.ok_or(ApiError::NotFound)?;
    throttle::reset(conn, &throttle::subject(&account.username))?;
    audit::record(
        conn,
        ctx,
        AuditAction::StaffUnlocked,
        Outcome::Success,
        Some(&account.username),
        account.institution_id.as_deref(),
        Some(&format!(
            "after {} failed attempts",
            account.consecutive_failures
        )),
    )?;
    find(conn, id)?.ok_or(ApiError::NotFound)
}

/// An account another operator may act on: it exists, and it is not the caller's own (an
/// operator who disables or resets themselves locks Kamu SM out, or skips their own
/// re-authentication).
fn other_account(
    conn: &mut AnyConnection,
    id: &str,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    let account = find(conn, id)?.ok_or(ApiError::NotFound)?;
    if ctx.actor.id.as_deref() == Some(account.username.as_str()) {
        return Err(ApiError::OwnAccount);
    }
    Ok(account)
}

fn record(
    conn: &mut AnyConnection,
    ctx: &EventContext,
    action: AuditAction,
    account: &StaffAccount,
    detail: Option<&str>,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        ctx,
        action,
        Outcome::Success,
        Some(&account.username),
        account.institution_id.as_deref(),
        detail,
    )
}

/// "Devre dışı bırak": no login from now on, and every session of the account ends at
/// once. Disabling a disabled account changes nothing and is not audited again.
pub fn disable(
    conn: &mut AnyConnection,
    id: &str,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    set_disabled(conn, id, true, ctx)
}

/// "Etkinleştir": the account may log in again, with the password and second factor it had.
pub fn enable(
    conn: &mut AnyConnection,
    id: &str,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    set_disabled(conn, id, false, ctx)
}

/// The update is conditional on the current state, so of parallel requests only the one
/// that changed it audits it.
fn set_disabled(
    conn: &mut AnyConnection,
    id: &str,
    disabled: bool,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    let account = other_account(conn, id, ctx)?;
    let row = staff_users::table.find(id);
    let changed = if disabled {
        diesel::update(row.filter(staff_users::disabled_at.is_null()))
            .set(staff_users::disabled_at.eq(Some(to_db_time(ctx.at))))
            .execute(conn)?
    } else {
        diesel::update(row.filter(staff_users::disabled_at.is_not_null()))
            .set(staff_users::disabled_at.eq(None::<NaiveDateTime>))
            .execute(conn)?
    };
    if disabled {
        delete_all_staff_sessions(conn, id)?;
    }
    if changed > 0 {
        let action = if disabled {
            AuditAction::StaffDisabled
        } else {
            AuditAction::StaffEnabled
        };
        record(conn, ctx, action, &account, None)?;
    }
    find(conn, id)?.ok_or(ApiError::NotFound)
}

/// "İkinci adımı sıfırla" (a lost phone): the TOTP secret and every passkey go, every
/// session ends, and the next login sets the authenticator app up again.
pub fn reset_second_factor(
    conn: &mut AnyConnection,
    id: &str,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    let account = other_account(conn, id, ctx)?;
    diesel::update(staff_users::table.find(id))
        .set((
            staff_users::totp_secret_sealed.eq(None::<String>),
            staff_users::totp_pending_secret_sealed.eq(None::<String>),
            staff_users::totp_enabled_at.eq(None::<NaiveDateTime>),
            staff_users::totp_last_step.eq(None::<i64>),
        ))
        .execute(conn)?;
    let passkeys = passkey_store::remove_all(conn, &Owner::Staff { id: id.to_owned() })?;
    delete_all_staff_sessions(conn, id)?;
    record(
        conn,
        ctx,
        AuditAction::StaffSecondFactorReset,
        &account,
        Some(&format!("{passkeys} passkeys removed")),
    )?;
    find(conn, id)?.ok_or(ApiError::NotFound)
}

/// "Parolayı sıfırla" (a forgotten password): a new initial password, hashed by the caller
/// before the transaction, which the person must change at their next login; every session
/// ends and the failures are forgotten.
pub fn reset_password(
    conn: &mut AnyConnection,
    id: &str,
    initial_hash: &PasswordHashString,
    ctx: &EventContext,
) -> Result<StaffAccount, ApiError> {
    let account = other_account(conn, id, ctx)?;
    diesel::update(staff_users::table.find(id))
        .set((
            staff_users::password_hash.eq(initial_hash.as_str()),
            staff_users::password_change_required.eq(true),
        ))
        .execute(conn)?;
    delete_all_staff_sessions(conn, id)?;
    throttle::reset(conn, &throttle::subject(&account.username))?;
    record(conn, ctx, AuditAction::StaffPasswordReset, &account, None)?;
    find(conn, id)?.ok_or(ApiError::NotFound)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn request(role: &str, institution: Option<&str>) -> CreateStaffAccountRequest {
        CreateStaffAccountRequest {
            username: " Ayse.Yilmaz ".into(),
            display_name: " Ayşe Yılmaz ".into(),
            email: Some("ayse.yilmaz@kurum.gov.tr".into()),
            role: role.into(),
            institution_id: institution.map(str::to_owned),
        }
    }

    #[test]
    fn an_officer_needs_an_institution_and_gets_a_normalised_name() {
        let input = StaffInput::parse(&request("officer", Some("inst-1"))).unwrap();
        assert_eq!(input.username, "ayse.yilmaz");
        assert_eq!(input.display_name, "Ayşe Yılmaz");
        assert_eq!(input.role, StaffRoleKind::Officer);
        let errors = StaffInput::parse(&request("officer", None)).unwrap_err();
        assert_eq!(errors.get(field::INSTITUTION_ID), ["required"]);
    }

    #[test]
    fn an_operator_belongs_to_no_institution() {
        assert!(StaffInput::parse(&request("operator", None)).is_ok());
        let errors = StaffInput::parse(&request("operator", Some("inst-1"))).unwrap_err();
        assert_eq!(
            errors.get(field::INSTITUTION_ID),
            ["institution_not_allowed"]
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = StaffInput::parse(&CreateStaffAccountRequest {
            username: "a b".into(),
            display_name: "  ".into(),
            email: Some("not an address".into()),
            role: "admin".into(),
            institution_id: None,
        })
        .unwrap_err();
        assert_eq!(errors.get(field::USERNAME), ["invalid_characters"]);
        assert_eq!(errors.get(field::DISPLAY_NAME), ["required"]);
        assert_eq!(errors.get(field::EMAIL), ["email_invalid"]);
        assert_eq!(errors.get(field::ROLE), ["role_invalid"]);
    }

    #[test]
    fn a_short_password_or_the_user_name_is_refused_before_hashing() {
        let input = StaffInput::parse(&request("operator", None)).unwrap();
        for bad in ["kısa", "AYSE.YILMAZ", "ayseyilmaz123"] {
            let Err(ApiError::Validation(errors)) =
                NewStaff::with_password(input.clone(), &Password::new(bad))
            else {
                panic!("{bad} accepted");
            };
            assert!(!errors.get(field::PASSWORD).is_empty());
        }
        assert!(NewStaff::with_password(input, &Password::new("mavi kayık sabah yedide")).is_ok());
    }
}
