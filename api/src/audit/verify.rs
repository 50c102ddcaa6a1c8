//! Walks the audit chain from the first entry and reports the first broken link.

use diesel::prelude::*;

use super::chain::{entry_hash, StoredEntry, GENESIS_HASH};
use crate::db::schema::{audit_head, audit_log};
use crate::db::AnyConnection;
use crate::error::ApiError;

/// What the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    Intact { entries: i64 },
    Broken { seq: i64, reason: BrokenLink },
}

/// Why a link is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenLink {
    /// The entry's content no longer matches its stored hash: it was changed.
    ContentChanged,
    /// The entry does not point at the one before it: entries were removed or inserted.
    PreviousHashMismatch,
    /// Sequence numbers are not consecutive: entries were removed.
    SequenceGap,
    /// The chain ends before (or after) where the head says: entries at the end were removed.
    HeadMismatch,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BrokenLink::ContentChanged => "the entry was changed after it was written",
            BrokenLink::PreviousHashMismatch => "the entry does not follow the one before it",
            BrokenLink::SequenceGap => "entries are missing before this one",
            BrokenLink::HeadMismatch => "the chain does not end where its head says",
        })
    }
}

impl std::fmt::Display for ChainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainReport::Intact { entries } => write!(f, "audit chain intact: {entries} entries"),
            ChainReport::Broken { seq, reason } => {
                write!(f, "audit chain broken at entry {seq}: {reason}")
            }
        }
    }
}

/// Reads the chain in pages (it may be long) and checks every link.
pub fn verify_chain(conn: &mut AnyConnection) -> Result<ChainReport, ApiError> {
    const PAGE: i64 = 1000;
    let mut expected_prev = GENESIS_HASH.to_owned();
    let mut expected_seq = 1;
    loop {
        let page: Vec<StoredEntry> = audit_log::table
            .filter(audit_log::seq.ge(expected_seq))
            .order(audit_log::seq.asc())
            .limit(PAGE)
            .select(StoredEntry::as_select())
            .load(conn)?;
        let done = (page.len() as i64) < PAGE;
        for row in page {
            let (entry, stored_hash) = row.into_entry();
            let broken = |reason| ChainReport::Broken {
                seq: entry.seq,
                reason,
            };
            if entry.seq != expected_seq {
                return Ok(broken(BrokenLink::SequenceGap));
            }
            if entry.prev_hash != expected_prev {
                return Ok(broken(BrokenLink::PreviousHashMismatch));
            }
            if entry_hash(&entry) != stored_hash {
                return Ok(broken(BrokenLink::ContentChanged));
            }
            expected_prev = stored_hash;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    let (head_seq, head_hash): (i64, String) = audit_head::table
        .find(1)
        .select((audit_head::last_seq, audit_head::last_hash))
        .first(conn)?;
    let entries = expected_seq - 1;
    if head_seq != entries || head_hash != expected_prev {
        return Ok(ChainReport::Broken {
            seq: entries.min(head_seq) + 1,
            reason: BrokenLink::HeadMismatch,
        });
    }
    Ok(ChainReport::Intact { entries })
}
