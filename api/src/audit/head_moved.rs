//! PostgreSQL only: an insert into `audit_log` that also moves the chain's head, as one
//! statement (`WITH head AS (UPDATE audit_head …) INSERT …`). The head's row lock is what
//! every audited change queues on until it commits; each round trip less inside it is one
//! less wait for all of them.

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Text};
use diesel::{PgConnection, QueryResult, RunQueryDsl};

/// `insert`, preceded by the head's update to `last_seq` and `last_hash`.
pub fn with_insert<S>(insert: S, last_seq: i64, last_hash: &str) -> HeadMoved<'_, S> {
    HeadMoved {
        insert,
        last_seq,
        last_hash,
    }
}

pub struct HeadMoved<'a, S> {
    insert: S,
    last_seq: i64,
    last_hash: &'a str,
}

impl<S: QueryFragment<Pg>> QueryFragment<Pg> for HeadMoved<'_, S> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("WITH head AS (UPDATE audit_head SET last_seq = ");
        out.push_bind_param::<BigInt, i64>(&self.last_seq)?;
        out.push_sql(", last_hash = ");
        out.push_bind_param::<Text, str>(self.last_hash)?;
        out.push_sql(" WHERE id = 1) ");
        self.insert.walk_ast(out.reborrow())
    }
}

/// No static query id: diesel keys its statement cache by the text instead, which varies
/// with the number of rows. It is kept prepared only when wrapped in `db::Prepared` (the
/// multi-row insert inside marks itself uncacheable); `audit::record_all` wraps the small ones.
impl<S> QueryId for HeadMoved<'_, S> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<S> RunQueryDsl<PgConnection> for HeadMoved<'_, S> {}
