//! The applicant's endpoints for their own applications.

pub mod approve;
pub mod evidence;
pub mod get;
pub mod list;
pub mod result;
pub mod save_draft;
pub mod send_sms_code;
pub mod submit_form;
pub mod verify_sms_code;
