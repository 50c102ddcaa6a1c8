//! The hash of an audit entry: SHA-256 over the previous entry's hash and every field, each
//! length-prefixed (and absent fields marked), so no two different entries encode the same.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::from_db_time;
use crate::db::schema::audit_log;

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry, as hashed and as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub outcome: String,
    pub target: Option<String>,
    pub institution_id: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub prev_hash: String,
}

pub fn entry_hash(entry: &Entry) -> String {
    let mut hasher = Sha256::new();
    let mut field = |value: Option<&str>| match value {
        None => hasher.update([0u8]),
        Some(text) => {
            hasher.update([1u8]);
            hasher.update((text.len() as u64).to_be_bytes());
            hasher.update(text.as_bytes());
        }
    };
    let seq = entry.seq.to_string();
    let at = entry.at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    field(Some(&entry.prev_hash));
    field(Some(&seq));
    field(Some(&at));
    field(Some(&entry.actor_kind));
    field(entry.actor_id.as_deref());
    field(Some(&entry.action));
    field(Some(&entry.outcome));
    field(entry.target.as_deref());
    field(entry.institution_id.as_deref());
    field(entry.detail.as_deref());
    field(entry.client_ip.as_deref());
    field(entry.user_agent.as_deref());
    crate::secrets::hex(&hasher.finalize())
}

/// A row of `audit_log`.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub(super) struct StoredEntry {
    seq: i64,
    at: NaiveDateTime,
    actor_kind: String,
    actor_id: Option<String>,
    action: String,
    outcome: String,
    target: Option<String>,
    institution_id: Option<String>,
    detail: Option<String>,
    client_ip: Option<String>,
    user_agent: Option<String>,
    prev_hash: String,
    hash: String,
}

impl StoredEntry {
    /// The entry and the hash stored with it.
    pub(super) fn into_entry(self) -> (Entry, String) {
        (
            Entry {
                seq: self.seq,
                at: from_db_time(self.at),
                actor_kind: self.actor_kind,
                actor_id: self.actor_id,
                action: self.action,
                outcome: self.outcome,
                target: self.target,
                institution_id: self.institution_id,
                detail: self.detail,
                client_ip: self.client_ip,
                user_agent: self.user_agent,
                prev_hash: self.prev_hash,
            },
            self.hash,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn sample() -> Entry {
        Entry {
            seq: 1,
            at: Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap(),
            actor_kind: "operator".into(),
            actor_id: Some("operator".into()),
            action: "payment_recorded".into(),
            outcome: "success".into(),
            target: Some("app-1".into()),
            institution_id: None,
            detail: None,
            client_ip: Some("127.0.0.1".into()),
            user_agent: None,
            prev_hash: GENESIS_HASH.into(),
        }
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = entry_hash(&sample());
        let changes: [fn(&mut Entry); 12] = [
            |e| e.seq = 2,
            |e| e.at += chrono::Duration::microseconds(1),
            |e| e.actor_kind = "officer".into(),
            |e| e.actor_id = None,
            |e| e.action = "api_key_created".into(),
            |e| e.outcome = "failure".into(),
            |e| e.target = Some("app-2".into()),
            |e| e.institution_id = Some("i".into()),
            |e| e.detail = Some(String::new()),
            |e| e.client_ip = None,
            |e| e.user_agent = Some("x".into()),
            |e| e.prev_hash = "1".repeat(64),
        ];
        for change in changes {
            let mut entry = sample();
            change(&mut entry);
            assert_ne!(entry_hash(&entry), base, "{entry:?}");
        }
    }

    #[test]
    fn an_absent_field_differs_from_an_empty_one() {
        let mut with_empty = sample();
        with_empty.user_agent = Some(String::new());
        assert_ne!(entry_hash(&with_empty), entry_hash(&sample()));
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let mut a = sample();
        a.target = Some("ab".into());
        a.detail = Some("c".into());
        let mut b = sample();
        b.target = Some("a".into());
        b.detail = Some("bc".into());
        assert_ne!(entry_hash(&a), entry_hash(&b));
    }
}
