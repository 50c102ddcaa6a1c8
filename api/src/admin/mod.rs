//! The `nes-admin` command's jobs: things done on the server, not through the API.

pub mod create_operator;
pub mod reseal_secrets;
pub mod verify_audit;
pub mod verify_evidence;
