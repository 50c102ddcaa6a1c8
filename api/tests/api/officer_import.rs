//! The officer's CSV import: a dry run saves nothing and names each row's errors; a commit
//! creates the valid rows only; the file's encoding, separators and size are handled or
//! refused with a clear code.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{problem, spawn_app};
use crate::officer_helpers::{application_count, audit_entries, dev_officer};
use crate::operator_helpers::operator;

/// A valid TCKN made from nine digits (the first not 0): the two check digits computed.
fn tckn(seed: u32) -> String {
    let mut d: Vec<u32> = format!("{:09}", 100_000_000 + seed)
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    let odd: u32 = d.iter().step_by(2).sum();
    let even: u32 = d.iter().skip(1).step_by(2).sum();
    d.push((odd * 7 + 10 * 10 - even) % 10);
    d.push(d.iter().sum::<u32>() % 10);
    d.iter().map(|n| n.to_string()).collect()
}

fn row(seed: u32, first: &str, sep: char) -> String {
    format!(
        "{t}{sep}{first}{sep}Yılmaz{sep}kisi{seed}@kurum.gov.tr{sep}kurum{sep}hayır\r\n",
        t = tckn(seed)
    )
}

/// Two good rows around one without a first name and with an unknown payer.
fn file_with_one_bad_row() -> String {
    format!(
        "tckn;ad;soyad;eposta;odeme;on_odemeli\r\n{}{};;Kaya;bad@kurum.gov.tr;belediye;\r\n{}",
        row(1, "Ayşe", ';'),
        tckn(2),
        row(3, "Mehmet", ';'),
    )
}

#[test]
fn the_test_tckns_are_valid() {
    for seed in 0..50 {
        assert!(shared::Tckn::parse(&tckn(seed)).is_ok(), "{}", tckn(seed));
    }
}

#[tokio::test]
async fn a_dry_run_saves_nothing_and_names_each_bad_rows_errors() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let report = officer.import_ok("dry_run", &file_with_one_bad_row()).await;

    assert_eq!(report["mode"], "dry_run");
    assert_eq!(report["total"], 3);
    assert_eq!(report["valid"], 2);
    assert_eq!(report["rejected"], 1);
    assert_eq!(report["created"], 0);
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows[0]["line"], 2);
    assert_eq!(rows[0]["outcome"], "valid");
    assert_eq!(rows[1]["line"], 3);
    assert_eq!(rows[1]["outcome"], "rejected");
    assert_eq!(rows[1]["values"]["last_name"], "Kaya");
    assert_eq!(rows[1]["errors"]["first_name"][0], "name_empty");
    assert_eq!(rows[1]["errors"]["payer"][0], "payer_invalid");
    assert!(rows[1].get("application_id").is_none());
    assert_eq!(rows[2]["outcome"], "valid");

    assert_eq!(application_count(&app), 0, "a dry run saves nothing");
    assert!(app
        .smtp
        .wait_for_messages(1, Duration::from_millis(500))
        .await
        .is_empty());
    assert!(audit_entries(&app, "pre_application_imported").is_empty());
}

#[tokio::test]
async fn a_commit_creates_the_valid_rows_only_and_they_are_listed_and_e_mailed() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let report = officer.import_ok("commit", &file_with_one_bad_row()).await;

    assert_eq!(report["mode"], "commit");
    assert_eq!(report["created"], 2);
    assert_eq!(report["existing"], 0);
    assert_eq!(report["rejected"], 1);
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows[0]["outcome"], "created");
    assert!(rows[0]["reference"].as_str().unwrap().starts_with("NES-"));
    assert_eq!(rows[1]["outcome"], "rejected");

    let (_, list) = officer.list("").await;
    assert_eq!(list["total"], 2);
    assert_eq!(application_count(&app), 2);
    let mails = app.smtp.wait_for_messages(2, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 2);

    let audited = audit_entries(&app, "pre_application_imported");
    assert_eq!(audited.len(), 1);
    assert_eq!(
        audited[0].1.as_deref(),
        Some(officer.institution_id.as_str())
    );
    assert_eq!(
        audited[0].2.as_deref(),
        Some("rows=3 created=2 existing=0 rejected=1")
    );
    assert_eq!(audit_entries(&app, "pre_application_created").len(), 2);
}

#[tokio::test]
async fn committing_the_same_file_again_answers_existing_and_creates_nothing() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let file = file_with_one_bad_row();
    let first = officer.import_ok("commit", &file).await;
    let second = officer.import_ok("commit", &file).await;
    assert_eq!(second["created"], 0);
    assert_eq!(second["existing"], 2);
    assert_eq!(
        second["rows"][0]["application_id"],
        first["rows"][0]["application_id"]
    );
    assert_eq!(application_count(&app), 2);
}

#[tokio::test]
async fn commas_a_byte_order_mark_and_turkish_words_are_read() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let csv = format!(
        "\u{feff}TCKN,Ad,Soyad,E-posta,Ödeme,Ön ödemeli\n{},Ali,Can,ali@kurum.gov.tr,KİŞİ,Evet\n",
        tckn(7)
    );
    let report = officer.import_ok("commit", &csv).await;
    assert_eq!(report["created"], 1, "{report}");
    let id = report["rows"][0]["application_id"].as_str().unwrap();
    let (_, detail) = officer.detail(id).await;
    assert_eq!(detail["payer"], "person");
    assert_eq!(detail["prepaid"], true);
}

#[tokio::test]
async fn a_file_that_cannot_be_read_is_csv_malformed() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;

    let (status, body) = problem(
        officer
            .import("dry_run", "tckn;ad;eposta;odeme\n1;A;a@b.c;kurum\n")
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "csv_malformed");
    assert!(body["detail"].as_str().unwrap().contains("soyad"));

    // "Ayşe" as Excel's plain "CSV" writes it: Windows-1254, not UTF-8.
    let mut latin = b"tckn;ad;soyad;eposta;odeme\n".to_vec();
    latin.extend_from_slice(tckn(1).as_bytes());
    latin.extend_from_slice(b";Ay\xFEe;Y;a@kurum.gov.tr;kurum\n");
    let (status, body) = problem(officer.import("dry_run", latin).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "csv_malformed");
    assert!(body["detail"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(application_count(&app), 0);
}

#[tokio::test]
async fn more_rows_than_one_import_takes_is_refused_whole() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let mut csv = String::from("tckn;ad;soyad;eposta;odeme\n");
    for seed in 0..=shared::api::MAX_PRE_APPLICATION_BATCH {
        csv.push_str(&format!(
            "{};Ali;Can;a{seed}@kurum.gov.tr;kurum\n",
            tckn(u32::try_from(seed).unwrap())
        ));
    }
    let (status, body) = problem(officer.import("commit", csv).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "batch_too_large");
    assert_eq!(application_count(&app), 0);
}

#[tokio::test]
async fn a_file_over_one_megabyte_is_refused() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let mut csv = String::from("tckn;ad;soyad;eposta;odeme\n");
    csv.push_str(&"x".repeat(shared::api::officer::MAX_CSV_IMPORT_BYTES));
    let (status, body) = problem(officer.import("dry_run", csv).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "payload_too_large");
}

#[tokio::test]
async fn the_mode_must_be_named() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    let (status, body) = problem(officer.import("later", file_with_one_bad_row()).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "malformed_request");
    assert_eq!(application_count(&app), 0);
}

#[tokio::test]
async fn an_operator_cannot_import_for_an_institution() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let response = operator
        .client
        .post(operator.url("/api/officer/pre-application-imports?mode=commit"))
        .header("Content-Type", "text/csv")
        .body(file_with_one_bad_row())
        .send()
        .await
        .unwrap();
    // No CSRF header: refused before anything else; with it, the role is refused.
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (status, body) = operator.get("/api/officer/applications/x").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden");
    assert_eq!(application_count(&app), 0);
}

#[tokio::test]
async fn the_report_says_which_line_each_row_came_from() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    // A blank line and a row of empty cells (as Excel leaves them) are not rows.
    let csv = format!(
        "tckn;ad;soyad;eposta;odeme\n\n{}{}\n;;;;\n",
        row(1, "Ayşe", ';').replace(";hayır", ""),
        tckn(9) + ";Veli;Ak;v@kurum.gov.tr;kurum",
    );
    let report: Value = officer.import_ok("dry_run", &csv).await;
    assert_eq!(report["total"], 2, "{report}");
    assert_eq!(report["rows"][0]["line"], 3);
    assert_eq!(report["rows"][1]["line"], 4);
}
