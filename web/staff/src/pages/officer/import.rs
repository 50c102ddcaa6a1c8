//! `/kurum/toplu-yukleme`: many pre-applications from a CSV file. First a dry run: the API
//! checks every row by the rules of `create_pre_applications` and saves nothing; the rows are
//! shown in a table with each row's errors beside it. Then a commit creates the valid rows
//! (the rows with errors are left out). The file is sent as it is on disk; the API reads it.

use leptos::prelude::*;
use shared::api::officer::{
    csv_column, ImportMode, ImportRowOutcome, ImportedRow, PreApplicationImport, CSV_TEMPLATE,
    CSV_TEMPLATE_FILE_NAME, MAX_CSV_IMPORT_BYTES,
};
use shared::api::MAX_PRE_APPLICATION_BATCH;
use wasm_bindgen::JsCast;

use super::messages::{commit_button, import_limits, import_summary, labelled_field_error};
use super::{application_path, officer_trail, OfficerNav, IMPORT_PATH};
use crate::api::officer::import_csv;
use crate::api::ApiError;
use crate::components::feedback::ErrorBox;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldError, FieldIds, SummaryEntry,
};
use crate::components::table::DataTable;
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::pages::staff::session::use_staff_session;
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;

const FILE_FIELD: &str = "csv_file";
const UPLOAD_ERROR_ID: &str = "yukleme-hatasi";
const REPORT_ID: &str = "yukleme-sonucu";

/// `data:` address of the template, so that it downloads without a request.
pub fn template_href() -> String {
    let mut href = String::from("data:text/csv;charset=utf-8,");
    for b in CSV_TEMPLATE.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            href.push(char::from(b));
        } else {
            href.push_str(&format!("%{b:02X}"));
        }
    }
    href
}

/// The id of a row's error cell (the error summary links to it).
fn row_error_id(line: u64) -> String {
    format!("satir-{line}-hata")
}

/// One summary line per error, "Satır 3 — Ad: Adı girin", linking to the row.
pub fn row_summary_entries(report: &PreApplicationImport, lang: Lang) -> Vec<SummaryEntry> {
    report
        .rows
        .iter()
        .filter_map(|row| row.errors.as_ref().map(|errors| (row.line, errors)))
        .flat_map(|(line, errors)| {
            errors.iter().flat_map(move |(f, codes)| {
                codes.iter().map(move |code| SummaryEntry {
                    message: format!(
                        "{} {line} — {}",
                        S::OfficerColLine.get(lang),
                        labelled_field_error(lang, f, code)
                    ),
                    target: row_error_id(line),
                })
            })
        })
        .collect()
}

#[component]
pub fn OfficerImportPage() -> impl IntoView {
    set_page(S::OfficerImportTitle, officer_trail(S::OfficerImportTitle));
    let i18n = use_i18n();
    let staff = use_staff_session();
    let file = StoredValue::new_local(None::<web_sys::File>);
    let chosen = RwSignal::new(false);
    let file_errors = RwSignal::new(Vec::<String>::new());
    let report = RwSignal::new(None::<PreApplicationImport>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let on_file = move |ev: leptos::ev::Event| {
        let picked = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        chosen.set(picked.is_some());
        file.set_value(picked);
        // A new file needs a new dry run.
        report.set(None);
        error.set(None);
        file_errors.set(Vec::new());
    };

    let run = move |mode: ImportMode| {
        let Some(picked) = file.get_value() else {
            file_errors.set(vec![i18n.t(S::OfficerChooseFile).to_owned()]);
            focus_error_summary();
            return;
        };
        file_errors.set(Vec::new());
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => import_csv(&picked, mode, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(answer) => {
                    report.set(Some(answer));
                    request_animation_frame(|| focus_by_id(REPORT_ID));
                }
                Err(e) => {
                    report.set(None);
                    error.set(Some(e));
                    request_animation_frame(|| focus_by_id(UPLOAD_ERROR_ID));
                }
            }
        });
    };
    let dry_run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(ImportMode::DryRun);
    };

    let ids = FieldIds::new(FILE_FIELD);
    let file_summary = Signal::derive(move || {
        file_errors
            .get()
            .into_iter()
            .map(|message| SummaryEntry {
                message,
                target: FieldIds::new(FILE_FIELD).control,
            })
            .collect::<Vec<_>>()
    });
    let has_file_error = move || !file_errors.read().is_empty();
    let described_by = {
        let ids = ids.clone();
        move || ids.described_by(true, has_file_error())
    };
    let columns = [
        (csv_column::TCKN, S::OfficerColumnTckn),
        (csv_column::FIRST_NAME, T::FirstName),
        (csv_column::LAST_NAME, S::LastName),
        (csv_column::EMAIL, S::OfficerColumnEmail),
        (csv_column::PAYER, S::OfficerColumnPayer),
        (csv_column::PREPAID, S::OfficerColumnPrepaid),
    ]
    .into_iter()
    .map(|(name, meaning)| {
        view! {
            <div class="summary-row">
                <dt><code>{name}</code></dt>
                <dd>{tx(meaning)}</dd>
            </div>
        }
    })
    .collect_view();

    view! {
        <h1>{tx(S::OfficerImportTitle)}</h1>
        <OfficerNav current=IMPORT_PATH />
        <ErrorSummary entries=file_summary />
        <ErrorBox error id=UPLOAD_ERROR_ID />
        <p class="lead">{tx(S::OfficerImportIntro)}</p>
        <section class="section" aria-labelledby="csv-bicimi">
            <h2 id="csv-bicimi">{tx(S::OfficerCsvFormatHeading)}</h2>
            <p>{tx(S::OfficerCsvFormatText)}</p>
            <dl class="summary-list">{columns}</dl>
            <p>{move || import_limits(i18n.lang(), MAX_PRE_APPLICATION_BATCH, MAX_CSV_IMPORT_BYTES)}</p>
            <p>
                <a href=template_href() download=CSV_TEMPLATE_FILE_NAME>
                    {tx(S::OfficerDownloadTemplate)}
                </a>
            </p>
        </section>
        <form novalidate on:submit=dry_run>
            <div class="form-group" class:form-group-error=has_file_error>
                <label class="label" for=ids.control.clone()>{tx(S::OfficerFileLabel)}</label>
                <p class="hint" id=ids.hint.clone()>{tx(S::OfficerFileHint)}</p>
                <FieldError id=ids.error.clone() messages=file_errors />
                <input
                    class="file-upload"
                    type="file"
                    id=ids.control.clone()
                    name=FILE_FIELD
                    accept=".csv,text/csv"
                    aria-describedby=described_by
                    aria-invalid=move || has_file_error().then_some("true")
                    on:change=on_file
                />
            </div>
            <button type="submit" class="button" disabled=move || busy.get()>
                {tx(S::OfficerDryRunButton)}
            </button>
        </form>
        <div id=REPORT_ID tabindex="-1">
            {move || {
                report.get().map(|r| view! { <Report report=r busy chosen commit=Callback::new(move |()| run(ImportMode::Commit)) /> })
            }}
        </div>
    }
}

#[component]
fn Report(
    report: PreApplicationImport,
    busy: RwSignal<bool>,
    chosen: RwSignal<bool>,
    commit: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let entries = {
        let report = report.clone();
        Signal::derive(move || row_summary_entries(&report, i18n.lang()))
    };
    let summary = {
        let report = report.clone();
        move || import_summary(i18n.lang(), &report)
    };
    let heading = match report.mode {
        ImportMode::DryRun => S::OfficerDryRunHeading,
        ImportMode::Commit => S::OfficerCommitHeading,
    };
    let valid = report.valid;
    let offer_commit = report.mode == ImportMode::DryRun && valid > 0;
    let rows = report
        .rows
        .into_iter()
        .map(|row| view! { <ReportRow row /> })
        .collect_view();
    view! {
        <section class="section" aria-labelledby="rapor-baslik">
            <h2 id="rapor-baslik">{tx(heading)}</h2>
            <p role="status" class="notice">{summary}</p>
            {(!entries.read_untracked().is_empty())
                .then(|| {
                    view! {
                        <div class="error-summary" aria-labelledby="satir-hatalari-baslik">
                            <h3 class="error-summary-title" id="satir-hatalari-baslik">
                                {tx(S::OfficerRowErrorsHeading)}
                            </h3>
                            <ul class="error-summary-list">
                                {move || {
                                    entries
                                        .get()
                                        .into_iter()
                                        .map(|entry| {
                                            let target = entry.target.clone();
                                            view! {
                                                <li>
                                                    <a
                                                        href=format!("#{}", entry.target)
                                                        on:click=move |ev| {
                                                            ev.prevent_default();
                                                            focus_by_id(&target);
                                                        }
                                                    >
                                                        {entry.message}
                                                    </a>
                                                </li>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </ul>
                        </div>
                    }
                })}
            <DataTable
                id="satirlar-baslik"
                caption=S::OfficerRowsCaption
                columns=vec![S::OfficerColLine, T::LabelTckn, T::FirstName, S::LastName, T::Email, S::OfficerLabelPayer, S::OfficerLabelPrepaid, S::Outcome] stacked=true
            >
                {rows}
            </DataTable>
            {offer_commit
                .then(|| {
                    view! {
                        <p>{tx(S::OfficerCommitText)}</p>
                        <button
                            type="button"
                            class="button"
                            disabled=move || busy.get() || !chosen.get()
                            on:click=move |_| commit.run(())
                        >
                            {move || commit_button(i18n.lang(), valid)}
                        </button>
                    }
                })}
        </section>
    }
}

#[component]
fn ReportRow(row: ImportedRow) -> impl IntoView {
    let i18n = use_i18n();
    let line = row.line;
    let rejected = row.outcome == ImportRowOutcome::Rejected;
    let outcome = match row.outcome {
        ImportRowOutcome::Valid => S::OfficerOutcomeValid,
        ImportRowOutcome::Created => S::OfficerOutcomeCreated,
        ImportRowOutcome::Existing => S::OfficerOutcomeExisting,
        ImportRowOutcome::Rejected => S::OfficerOutcomeRejected,
    };
    let errors = row.errors.clone().unwrap_or_default();
    let messages = move || {
        errors
            .iter()
            .flat_map(|(f, codes)| {
                codes
                    .iter()
                    .map(move |code| labelled_field_error(i18n.lang(), f, code))
                    .collect::<Vec<_>>()
            })
            .map(|message| view! { <li>{message}</li> })
            .collect_view()
    };
    let link = row.application_id.clone().map(|id| {
        let reference = row.reference.clone().unwrap_or_default();
        view! {
            " "
            <a href=application_path(&id)>{reference}</a>
        }
    });
    let v = row.values;
    view! {
        <tr role="row" class:row-rejected=rejected>
            <th scope="row" role="rowheader" data-label=tx(S::OfficerColLine)>{line}</th>
            <td role="cell" data-label=tx(T::LabelTckn)>{v.tckn}</td>
            <td role="cell" data-label=tx(T::FirstName)>{v.first_name}</td>
            <td role="cell" data-label=tx(S::LastName)>{v.last_name}</td>
            <td role="cell" data-label=tx(T::Email)>{v.email}</td>
            <td role="cell" data-label=tx(S::OfficerLabelPayer)>{v.payer}</td>
            <td role="cell" data-label=tx(S::OfficerLabelPrepaid)>{v.prepaid}</td>
            <td
                role="cell"
                data-label=tx(S::Outcome)
                id=rejected.then(|| row_error_id(line))
                tabindex=rejected.then_some("-1")
            >
                <strong class=if rejected { "error-message" } else { "state" }>{tx(outcome)}</strong>
                {link}
                {rejected.then(|| view! { <ul class="row-errors">{messages}</ul> })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::officer::CsvPreApplicationRow;
    use shared::form::FieldErrors;

    #[test]
    fn the_template_link_holds_the_whole_template() {
        let href = template_href();
        assert!(href.starts_with("data:text/csv;charset=utf-8,%EF%BB%BFtckn%3Bad%3Bsoyad"));
        assert!(!href.contains(' ') && !href.contains('\n'));
    }

    #[test]
    fn each_row_error_is_one_summary_line_linking_to_its_row() {
        let mut errors = FieldErrors::new();
        errors.add("first_name", "name_empty");
        let rows = vec![
            ImportedRow {
                line: 2,
                values: CsvPreApplicationRow::default(),
                outcome: ImportRowOutcome::Valid,
                application_id: None,
                reference: None,
                errors: None,
            },
            ImportedRow {
                line: 3,
                values: CsvPreApplicationRow::default(),
                outcome: ImportRowOutcome::Rejected,
                application_id: None,
                reference: None,
                errors: Some(errors),
            },
        ];
        let report = PreApplicationImport {
            mode: ImportMode::DryRun,
            total: 2,
            valid: 1,
            created: 0,
            existing: 0,
            rejected: 1,
            rows,
        };
        let entries = row_summary_entries(&report, Lang::Tr);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].message, "Satır 3 — Ad: Adı girin");
        assert_eq!(entries[0].target, "satir-3-hata");
    }
}
