use actix_web::get;
use shared::api::Taahhutname;

use super::tags;
use crate::applications::taahhutname;
use crate::routes::Json;

/// The current Taahhütname: its version, text and SHA-256. Send the version and hash back
/// when approving, to prove which text was read.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "get_taahhutname",
    responses((status = 200, description = "The current version", body = Taahhutname))
)]
#[get("/taahhutname")]
pub async fn get_taahhutname() -> Json<Taahhutname> {
    Json(taahhutname::current().clone())
}
