use actix_web::{get, web};
use shared::api::{SigningAppDownload, SigningAppDownloads};

use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// The file name prefix of every build of the signing application.
pub const SIGNING_APP_FILE: &str = "eimza-uygulamasi";

/// The platforms a build can be for, with their names for people.
const PLATFORMS: &[(&str, &str)] = &[
    ("linux-x86_64", "Linux (x86_64)"),
    ("linux-aarch64", "Linux (ARM64)"),
    ("windows-x86_64", "Windows (x86_64)"),
    ("macos-aarch64", "macOS (Apple Silicon)"),
    ("macos-x86_64", "macOS (Intel)"),
];

/// Where to get the e-İmza signing application: the builds this server offers (with sizes
/// and SHA-256), and how to build it where none fits.
#[utoipa::path(
    tag = tags::SIGNING_APP,
    operation_id = "get_signing_app_downloads",
    responses((status = 200, description = "Downloads and build instructions", body = SigningAppDownloads))
)]
#[get("/e-imza/app")]
pub async fn get_signing_app_downloads(
    state: web::Data<AppState>,
) -> Result<Json<SigningAppDownloads>, ApiError> {
    let dir = state.config.downloads_dir.clone();
    let downloads = web::block(move || {
        PLATFORMS
            .iter()
            .filter_map(|(platform, label)| {
                let suffix = if platform.starts_with("windows") {
                    ".exe"
                } else {
                    ""
                };
                let file_name = format!("{SIGNING_APP_FILE}-{platform}{suffix}");
                let bytes = std::fs::read(dir.join(&file_name)).ok()?;
                Some(SigningAppDownload {
                    platform: (*platform).to_owned(),
                    label: (*label).to_owned(),
                    url: format!("/downloads/{file_name}"),
                    size_bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
                    sha256: crate::secrets::sha256_hex(&bytes),
                    file_name,
                })
            })
            .collect()
    })
    .await?;
    Ok(Json(SigningAppDownloads {
        downloads,
        build_command: "cargo build --release -p signer".into(),
        source_note: "The application is in the signer/ folder of the source; the binary is \
                      target/release/eimza-uygulamasi."
            .into(),
    }))
}
