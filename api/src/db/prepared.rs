//! Writes kept prepared on their connection although diesel would prepare them anew each time.
//!
//! diesel keeps a prepared statement per connection only for a query whose text it can
//! prove fixed, and prepares every other one again on each run: every UPDATE (a changeset
//! may skip its `None` fields), every upsert, every INSERT of a value with an optional field
//! (`DEFAULT` in the text instead of a bind) or of a `Vec` of rows. On PostgreSQL that is a
//! parse and a plan by the server for most writes of the applicant's path — CPU of its
//! backends, on the same two cores as the API (docs/benchmarks.md, "Prepared writes").
//!
//! [`Prepared`] hands diesel the statement's text and binds without letting the statement
//! mark itself uncacheable, and has no static id, so diesel keys its cache by the text: each
//! text the statement takes is prepared once per connection. That is sound for a statement
//! whose texts are few — a changeset's optional fields make a handful at most — and wrong for
//! one whose text grows with its input (a multi-row INSERT keeps one text per row count:
//! [`insert_rows!`](crate::db::insert_rows) wraps only small ones).
//!
//! It renders the statement as diesel's own `MultiConnection` does for its backends (text,
//! then binds), with the same helper; a diesel that changes the helper fails to build here,
//! and `tests/api/prepared_writes.rs` checks that a wrapped write is prepared once.

use diesel::backend::Backend;
use diesel::internal::derives::multiconnection::AstPassHelper;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryBuilder, QueryFragment, QueryId};
use diesel::query_dsl::methods::ExecuteDsl;
use diesel::result::QueryResult;
use diesel::sqlite::Sqlite;
use diesel::{Connection, RunQueryDsl};

use super::AnyConnection;

/// A statement its connection keeps prepared once run (see the module's note). Only ever
/// the whole statement: its text is rendered apart, so PostgreSQL's `$n` placeholders are
/// numbered from one — inside another statement they would repeat that one's numbers.
#[derive(Debug, Clone, Copy)]
pub struct Prepared<Q>(pub Q);

impl<Q> Prepared<Q> {
    /// `insert` of `rows` rows, kept prepared only when they are few or a full chunk (one text
    /// per row count: see [`PREPARED_ROWS_AT_MOST`](super::PREPARED_ROWS_AT_MOST)); otherwise
    /// as diesel runs it.
    pub fn when_few_rows(rows: usize, insert: Q) -> MaybePrepared<Q> {
        MaybePrepared {
            statement: Prepared(insert),
            keep: rows <= super::PREPARED_ROWS_AT_MOST || rows == super::ROWS_PER_STATEMENT,
        }
    }
}

/// A [`Prepared`] statement that is kept only when `keep` (decided by its size).
#[derive(Debug, Clone, Copy)]
pub struct MaybePrepared<Q> {
    statement: Prepared<Q>,
    keep: bool,
}

/// Per backend, for the backend value the binds borrow for as long as the statement.
macro_rules! prepared_on {
    ($backend:ident) => {
        impl<Q: QueryFragment<$backend>> QueryFragment<$backend> for Prepared<Q> {
            fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, $backend>) -> QueryResult<()> {
                // Each pass gets only what it uses: rendering the text in every pass (the
                // binds', the one that asks whether it may be cached) doubled a write's
                // instructions outside the database (callgrind, docs/benchmarks.md).
                if let Some((collector, metadata)) = pass.bind_collector() {
                    return self.0.collect_binds(collector, metadata, &$backend);
                }
                if let Some((formatter, backend)) = pass.debug_binds() {
                    return self
                        .0
                        .walk_ast(AstPass::collect_debug_binds_pass(formatter, backend));
                }
                // The text, rendered apart: walking the statement in the pass that asks
                // whether it may be cached would let it answer no.
                let mut text = <$backend as Backend>::QueryBuilder::default();
                self.0.to_sql(&mut text, &$backend)?;
                pass.push_sql(&text.finish());
                Ok(())
            }
        }
    };
}
prepared_on!(Pg);
prepared_on!(Sqlite);

impl<Q, DB> QueryFragment<DB> for MaybePrepared<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
    Prepared<Q>: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        if self.keep {
            self.statement.walk_ast(pass)
        } else {
            self.statement.0.walk_ast(pass)
        }
    }
}

impl<Q> QueryId for MaybePrepared<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, Conn> RunQueryDsl<Conn> for MaybePrepared<Q> {}

/// No static id: the cache is keyed by the statement's text, so each text is its own entry.
impl<Q> QueryId for Prepared<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// A statement that returns rows (`RETURNING`) loads them as it would unwrapped.
impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> RunQueryDsl<Conn> for Prepared<Q> {}

/// Runs `statement` on a backend's own connection, kept prepared: by its type when its type
/// fixes its text (a one-row INSERT of values that are all bound — no `DEFAULT` for a `None`),
/// so that a run renders no text at all, as diesel does for its own fixed queries; otherwise
/// as [`Prepared`], by its text, rendered on every run to find it (a fifth of the SQLite
/// writer's instructions in the applicant's path went on such renders: docs/benchmarks.md).
pub fn execute_kept<Q, C>(statement: Q, conn: &mut C) -> QueryResult<usize>
where
    C: Connection,
    Q: QueryFragment<C::Backend> + QueryId,
    Prepared<Q>: QueryFragment<C::Backend>,
{
    if is_keyed_by_type(&statement) {
        ExecuteDsl::execute(statement, conn)
    } else {
        ExecuteDsl::execute(Prepared(statement), conn)
    }
}

/// Whether diesel keeps `statement` prepared by its type, without rendering its text.
pub fn is_keyed_by_type<Q: QueryId>(_statement: &Q) -> bool {
    Q::HAS_STATIC_QUERY_ID
}

/// Runs `statement` (an UPDATE, DELETE or INSERT whose texts are few) on `conn`'s own
/// backend, kept prepared ([`execute_kept`]); the number of rows it changed.
pub fn execute_prepared<Q>(conn: &mut AnyConnection, statement: Q) -> QueryResult<usize>
where
    Q: QueryFragment<Pg> + QueryFragment<Sqlite> + QueryId,
{
    match conn {
        AnyConnection::Postgresql(pg) => execute_kept(&statement, pg),
        AnyConnection::Sqlite(sqlite) => execute_kept(&statement, sqlite),
    }
}
