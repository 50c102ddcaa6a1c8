//! `nes-admin create-operator --username U --display-name "N" [--email E]`: the first Kamu SM
//! operator (and any later one made on the server). There is no default account and no
//! default password: the password is read from standard input — twice, without echo, on a
//! terminal; one line when piped, for scripts. The authenticator app is set up at the first
//! login.

use std::io::{BufRead, IsTerminal};

use chrono::{DateTime, Utc};
use shared::api::staff::{CreateStaffAccountRequest, StaffAccount};

use crate::applications::transition::{Actor, ActorKind};
use crate::applications::EventContext;
use crate::auth::ClientInfo;
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::staff::accounts::{create_staff, NewStaff, StaffInput};
use crate::staff::password::Password;

pub const USAGE: &str = "nes-admin create-operator --username U --display-name NAME [--email E] \
(the password is read from standard input)";

/// The command's flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateOperatorArgs {
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
}

impl CreateOperatorArgs {
    /// `--flag value` or `--flag=value`; every flag at most once.
    pub fn parse(args: &[String]) -> Result<CreateOperatorArgs, String> {
        let (mut username, mut display_name, mut email) = (None, None, None);
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag, Some(value.to_owned())),
                None => (arg.as_str(), None),
            };
            let slot = match flag {
                "--username" => &mut username,
                "--display-name" => &mut display_name,
                "--email" => &mut email,
                other => return Err(format!("unknown argument `{other}`")),
            };
            let value = match inline {
                Some(value) => value,
                None => rest
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))?,
            };
            if slot.replace(value).is_some() {
                return Err(format!("{flag} given twice"));
            }
        }
        Ok(CreateOperatorArgs {
            username: username.ok_or("--username is required")?,
            display_name: display_name.ok_or("--display-name is required")?,
            email,
        })
    }
}

/// Reads the password: on a terminal asked twice without echo (`prompt` reads the terminal),
/// otherwise the first line of `input` without its line ending.
pub fn read_password(
    input: &mut impl BufRead,
    terminal: bool,
    prompt: impl Fn(&str) -> std::io::Result<String>,
) -> Result<Password, String> {
    if terminal {
        let first = prompt("Parola (password): ").map_err(|e| e.to_string())?;
        let again = prompt("Parola tekrar (password again): ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ".into());
        }
        return Ok(Password::new(first));
    }
    let mut line = String::new();
    input.read_line(&mut line).map_err(|e| e.to_string())?;
    let password = line.strip_suffix('\n').unwrap_or(&line);
    let password = password.strip_suffix('\r').unwrap_or(password);
    Ok(Password::new(password))
}

/// The work itself: checks, hashes and stores the operator, audited as done by `nes-admin`.
pub fn create_operator(
    conn: &mut AnyConnection,
    args: &CreateOperatorArgs,
    password: &Password,
    now: DateTime<Utc>,
) -> Result<StaffAccount, ApiError> {
    let input = StaffInput::parse(&CreateStaffAccountRequest {
        username: args.username.clone(),
        display_name: args.display_name.clone(),
        email: args.email.clone(),
        role: "operator".into(),
        institution_id: None,
    })
    .map_err(ApiError::Validation)?;
    let new = NewStaff::with_password(input, password)?;
    let ctx = EventContext {
        actor: Actor {
            kind: ActorKind::System,
            id: Some("nes-admin".into()),
        },
        client: ClientInfo::default(),
        at: now,
    };
    write_transaction(conn, |conn| create_staff(conn, &new, &ctx))
}

/// What a refusal means, for the person at the terminal.
pub fn explain(error: &ApiError, args: &CreateOperatorArgs) -> String {
    match error {
        ApiError::AlreadyExists => format!(
            "the user name `{}` is taken; nothing was changed",
            args.username.trim().to_lowercase()
        ),
        ApiError::Validation(fields) => fields
            .iter()
            .map(|(field, codes)| format!("{field}: {}", codes.join(", ")))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// `nes-admin create-operator …`: `Ok(true)` when created, `Ok(false)` when refused (the
/// reason printed).
pub fn run(
    conn: &mut AnyConnection,
    args: &[String],
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let args = match CreateOperatorArgs::parse(args) {
        Ok(args) => args,
        Err(why) => {
            eprintln!("{why}\nusage: {USAGE}");
            return Ok(false);
        }
    };
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let password = match read_password(&mut stdin.lock(), terminal, |p| {
        rpassword::prompt_password(p)
    }) {
        Ok(password) => password,
        Err(why) => {
            eprintln!("password: {why}");
            return Ok(false);
        }
    };
    match create_operator(conn, &args, &password, now) {
        Ok(account) => {
            println!(
                "operator `{}` created (id {}); the authenticator app is set up at the first \
                 login at /personel/giris",
                account.username, account.id
            );
            Ok(true)
        }
        Err(e @ (ApiError::AlreadyExists | ApiError::Validation(_))) => {
            eprintln!("refused: {}", explain(&e, &args));
            Ok(false)
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags_are_read_with_or_without_an_equals_sign() {
        let args = CreateOperatorArgs::parse(&strings(&[
            "--username",
            "op",
            "--display-name=Kamu SM Operatörü",
        ]))
        .unwrap();
        assert_eq!(args.username, "op");
        assert_eq!(args.display_name, "Kamu SM Operatörü");
        assert_eq!(args.email, None);
    }

    #[test]
    fn missing_unknown_or_repeated_flags_are_refused() {
        assert!(CreateOperatorArgs::parse(&strings(&["--username", "op"])).is_err());
        assert!(CreateOperatorArgs::parse(&strings(&["--username"])).is_err());
        assert!(CreateOperatorArgs::parse(&strings(&["--password", "x"])).is_err());
        assert!(CreateOperatorArgs::parse(&strings(&[
            "--username=a",
            "--username=b",
            "--display-name=x"
        ]))
        .is_err());
    }

    #[test]
    fn a_piped_password_is_one_line_without_its_ending() {
        let never = |_: &str| -> std::io::Result<String> { unreachable!() };
        let mut input = "bir uzun parola  \r\nsecond line\n".as_bytes();
        let password = read_password(&mut input, false, never).unwrap();
        assert_eq!(password.expose(), "bir uzun parola  ");
    }

    #[test]
    fn on_a_terminal_the_password_is_asked_twice_and_must_match() {
        let mut nothing = "".as_bytes();
        let same = |_: &str| Ok("aynı uzun parola".to_owned());
        assert_eq!(
            read_password(&mut nothing, true, same).unwrap().expose(),
            "aynı uzun parola"
        );
        let count = std::cell::Cell::new(0);
        let differ = |_: &str| {
            count.set(count.get() + 1);
            Ok(format!("parola numarası {}", count.get()))
        };
        assert!(read_password(&mut nothing, true, differ).is_err());
    }
}
