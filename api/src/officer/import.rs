//! Many pre-applications from one CSV file: every row checked by the very rules of
//! `create_pre_applications` (`pre_application::validate_row`), then, in a commit, every valid
//! row created exactly as that endpoint creates it (together, `existing` for an open
//! pre-application of the same person). A dry run saves nothing at all.

use shared::api::officer::{
    CsvPreApplicationRow, ImportMode, ImportRowOutcome, ImportedRow, PreApplicationImport,
};
use shared::api::{PreApplicationInput, RowOutcome};
use shared::form::FieldErrors;

use super::csv_file::{fold, CsvRow};
use crate::applications::pre_application::{create_all, validate_row, NewPreApplication};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::config::Config;
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::institutions::Institution;

/// Checks (and in a commit, creates) every row for `institution`.
pub fn import(
    conn: &mut AnyConnection,
    rows: Vec<CsvRow>,
    mode: ImportMode,
    institution: &Institution,
    ctx: &EventContext,
    config: &Config,
) -> Result<PreApplicationImport, ApiError> {
    let mut results = Vec::with_capacity(rows.len());
    let mut to_create = Vec::new();
    for row in rows {
        let (input, mut errors) = to_input(&row, institution);
        let checked = validate_row(conn, Some(institution), &input)?;
        let valid = match checked {
            Ok(valid) if errors.is_empty() => Some(valid),
            Ok(_) => None,
            Err(rule_errors) => {
                for (field, codes) in rule_errors.iter() {
                    for code in codes {
                        errors.add(field, code.clone());
                    }
                }
                None
            }
        };
        let mut result = ImportedRow {
            line: row.line,
            values: row.values,
            outcome: ImportRowOutcome::Rejected,
            application_id: None,
            reference: None,
            errors: None,
        };
        match (valid, mode) {
            (None, _) => result.errors = Some(errors),
            (Some(_), ImportMode::DryRun) => result.outcome = ImportRowOutcome::Valid,
            (Some(valid), ImportMode::Commit) => {
                to_create.push((results.len(), valid));
            }
        }
        results.push(result);
    }
    let (slots, valid): (Vec<usize>, Vec<NewPreApplication>) = to_create.into_iter().unzip();
    for (slot, created) in slots
        .into_iter()
        .zip(create_all(conn, &valid, ctx, config)?)
    {
        let result = &mut results[slot];
        match created {
            Ok((outcome, id, reference)) => {
                result.outcome = match outcome {
                    RowOutcome::Created => ImportRowOutcome::Created,
                    RowOutcome::Existing => ImportRowOutcome::Existing,
                    RowOutcome::Rejected => ImportRowOutcome::Rejected,
                };
                result.application_id = Some(id);
                result.reference = Some(reference);
            }
            Err(errors) => result.errors = Some(errors),
        }
    }
    let report = report(mode, results);
    if mode == ImportMode::Commit {
        let counts = format!(
            "rows={} created={} existing={} rejected={}",
            report.total, report.created, report.existing, report.rejected
        );
        write_transaction(conn, |conn| {
            audit::record(
                conn,
                ctx,
                AuditAction::PreApplicationImported,
                Outcome::Success,
                None,
                Some(&institution.id),
                Some(&counts),
            )
        })?;
    }
    Ok(report)
}

fn report(mode: ImportMode, rows: Vec<ImportedRow>) -> PreApplicationImport {
    let count = |outcome| rows.iter().filter(|r| r.outcome == outcome).count();
    let (created, existing, rejected) = (
        count(ImportRowOutcome::Created),
        count(ImportRowOutcome::Existing),
        count(ImportRowOutcome::Rejected),
    );
    PreApplicationImport {
        mode,
        total: rows.len(),
        valid: rows.len() - rejected,
        created,
        existing,
        rejected,
        rows,
    }
}

/// The row as `create_pre_applications` would receive it, and what is wrong with it that
/// only a CSV can get wrong (a wrong number of cells, an unreadable `on_odemeli`).
fn to_input(row: &CsvRow, institution: &Institution) -> (PreApplicationInput, FieldErrors) {
    let mut errors = FieldErrors::new();
    if row.wrong_cell_count {
        errors.add("row", "csv_cell_count");
    }
    let values: &CsvPreApplicationRow = &row.values;
    let prepaid = match prepaid(&values.prepaid) {
        Some(prepaid) => prepaid,
        None => {
            errors.add("prepaid", "prepaid_invalid");
            false
        }
    };
    let input = PreApplicationInput {
        tckn: values.tckn.clone(),
        first_name: values.first_name.clone(),
        last_name: values.last_name.clone(),
        email: values.email.clone(),
        institution: institution.name.clone(),
        payer: payer(&values.payer),
        prepaid,
    };
    (input, errors)
}

/// `kurum` / `kişi` (or the API's `institution` / `person`) in any case; anything else is
/// passed on as written, for the shared rule to refuse (`payer_invalid`).
fn payer(raw: &str) -> String {
    let key: String = fold(raw)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    match key.as_str() {
        "kurum" | "kurumodemeli" | "institution" => "institution".to_owned(),
        "kisi" | "kisiodemeli" | "person" => "person".to_owned(),
        _ => raw.to_owned(),
    }
}

/// `evet` / `hayır` and the usual yes/no spellings; an empty cell is "no".
fn prepaid(raw: &str) -> Option<bool> {
    match fold(raw).as_str() {
        "" | "hayir" | "h" | "no" | "n" | "false" | "0" => Some(false),
        "evet" | "e" | "yes" | "y" | "true" | "1" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn institution() -> Institution {
        Institution {
            id: "inst-1".into(),
            code: "ORNEK".into(),
            name: "T.C. Örnek Bakanlığı".into(),
        }
    }

    fn row(payer: &str, prepaid: &str) -> CsvRow {
        CsvRow {
            line: 2,
            values: CsvPreApplicationRow {
                tckn: "10000000146".into(),
                first_name: "Ayşe".into(),
                last_name: "Yılmaz".into(),
                email: "a@kurum.gov.tr".into(),
                payer: payer.into(),
                prepaid: prepaid.into(),
            },
            wrong_cell_count: false,
        }
    }

    #[test]
    fn turkish_payer_and_prepaid_words_become_the_api_values() {
        let (input, errors) = to_input(&row("KİŞİ", "Evet"), &institution());
        assert!(errors.is_empty());
        assert_eq!(input.payer, "person");
        assert!(input.prepaid);
        let (input, _) = to_input(&row("Kurum Ödemeli", ""), &institution());
        assert_eq!(input.payer, "institution");
        assert!(!input.prepaid);
    }

    #[test]
    fn the_institution_is_always_the_officers_own() {
        let (input, _) = to_input(&row("kurum", "hayır"), &institution());
        assert_eq!(input.institution, "T.C. Örnek Bakanlığı");
    }

    #[test]
    fn an_unknown_payer_is_left_for_the_shared_rule_to_refuse() {
        let (input, _) = to_input(&row("belediye", ""), &institution());
        assert_eq!(input.payer, "belediye");
    }

    #[test]
    fn an_unreadable_prepaid_cell_and_a_wrong_cell_count_are_row_errors() {
        let mut bad = row("kurum", "belki");
        bad.wrong_cell_count = true;
        let (_, errors) = to_input(&bad, &institution());
        assert_eq!(errors.get("prepaid"), ["prepaid_invalid"]);
        assert_eq!(errors.get("row"), ["csv_cell_count"]);
    }
}
