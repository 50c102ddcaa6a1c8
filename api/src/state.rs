//! What every handler can reach: the pool, the configuration, the clock, and the outbox
//! worker's wake-up bell.

use std::sync::Arc;

use crate::applications::{access, Application, EventContext};
use crate::auth::session::{Applicant, ApplicantSession};
use crate::auth::session_cache::SessionCache;
use crate::auth::ClientInfo;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{AnyConnection, Database};
use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::notify::queued::Queued;

#[derive(Clone)]
pub struct AppState {
    /// The database: reads on the pool, changes through SQLite's writer or PostgreSQL's pool.
    pub database: Database,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    /// Rung by the database work below for the channels it queued messages on, once they
    /// are committed, so they leave at once instead of at the worker's next poll.
    pub outbox_bell: Arc<crate::notify::OutboxBell>,
    pub http: reqwest::Client,
    /// Checks e-İmza signatures against the configured roots and CRLs; `None` when no root
    /// is configured (approval with e-İmza is then unavailable).
    pub signature_trust: Option<Arc<crate::signature_trust::SignatureTrust>>,
    /// This instance's counters, served at `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Applicant sessions recently found alive, kept while PostgreSQL's announcements keep
    /// the copy honest (never on SQLite, whose read costs no round trip).
    pub sessions: Arc<SessionCache>,
    /// Signs evidence packages; `None` in production without `NES_EVIDENCE_SIGNING_KEY`
    /// (the evidence routes then answer 503).
    pub evidence_key: Option<Arc<crate::evidence::signing::EvidenceKey>>,
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Spends one call of `budget` for `client` (see [`crate::rate_limit`]): a change of its
    /// own, so that the count stands whatever the work after it does.
    pub async fn spend(
        &self,
        budget: &'static crate::rate_limit::Budget,
        client: &crate::auth::ClientInfo,
    ) -> Result<(), ApiError> {
        let ip = client
            .ip
            .clone()
            .filter(|ip| !self.config.rate_limit_exempt.contains(ip));
        let now = self.now();
        self.write(move |conn| crate::rate_limit::take(conn, budget, ip.as_deref(), now))
            .await
    }

    /// The applicant of `session` and when they consented to e-Onay (`GET /api/session`):
    /// from this instance's copy when it may answer ([`crate::auth::session_cache`]), else
    /// in one statement, whose row the copy then keeps.
    pub async fn applicant_with_consent(
        &self,
        session: ApplicantSession,
    ) -> Result<(Applicant, Option<chrono::DateTime<chrono::Utc>>), ApiError> {
        if let Some(answer) = self.sessions.look_up(&session).await {
            self.metrics.session_cache_hit();
            let (applicant, consent) = answer?;
            return Ok((applicant, consent.map(crate::db::from_db_time)));
        }
        let epoch = self.sessions.epoch();
        let looking = session.clone();
        let (applicant, read) = self
            .quick_read_joined(looking, |conn, session| session.look_up_with_consent(conn))
            .await?;
        let consent = read.consent_given_at.map(crate::db::from_db_time);
        if !session.touch_is_due() {
            // A touched session's row has moved on since it was read.
            self.sessions
                .store(epoch, session.id_hash().to_owned(), read, session.now());
        }
        Ok((applicant, consent))
    }

    /// Database work that reads (see [`Database::read`]), or writes outside a request's
    /// change; the lanes of what it queued are rung afterwards.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let queued = self.queued();
        let answer = self.database.read(noting(&queued, work)).await;
        self.pass_on(&queued, answer.is_ok()).await;
        answer
    }

    /// Database work that changes something (see [`Database::change`]); once it has
    /// committed, the outbox lanes of the messages it queued are rung, and no other.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let queued = self.queued();
        let answer = self.database.change(noting(&queued, work)).await;
        self.pass_on(&queued, answer.is_ok()).await;
        answer
    }

    /// Reading work as the applicant of `session`, looked up in the same trip to the
    /// database. A session due for its once-a-minute touch is touched afterwards, before the
    /// answer, as a change of its own (on SQLite only the writer writes).
    pub async fn read_as<T, F>(&self, session: ApplicantSession, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Applicant) -> Result<T, ApiError> + Send + 'static,
    {
        self.read_with_session(session, false, looked_up(work))
            .await
    }

    /// [`AppState::read_as`] for a read of a few rows by key ([`Database::quick_read`]).
    pub async fn quick_read_as<T, F>(
        &self,
        session: ApplicantSession,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Applicant) -> Result<T, ApiError> + Send + 'static,
    {
        self.read_with_session(session, true, looked_up(work)).await
    }

    /// [`AppState::quick_read_as`] for work that reads the session's row in its own statement
    /// (one round trip on PostgreSQL instead of two) and gives it to
    /// [`ApplicantSession::admit`].
    pub async fn quick_read_joined<T, F>(
        &self,
        session: ApplicantSession,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &ApplicantSession) -> Result<T, ApiError> + Send + 'static,
    {
        self.read_with_session(session, true, work).await
    }

    async fn read_with_session<T, F>(
        &self,
        session: ApplicantSession,
        quick: bool,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &ApplicantSession) -> Result<T, ApiError> + Send + 'static,
    {
        let looking = session.clone();
        let read = move |conn: &mut AnyConnection| work(conn, &looking);
        let answer = if quick {
            self.database.quick_read(read).await
        } else {
            self.database.read(read).await
        };
        self.touch_if_due(session).await;
        answer
    }

    /// Touches a session its look-up found due, as a change of its own (on SQLite only the
    /// writer writes). A touch that fails costs the person nothing now: the read stands.
    async fn touch_if_due(&self, session: ApplicantSession) {
        if session.touch_is_due() {
            if let Err(e) = self.write(move |conn| session.touch(conn)).await {
                tracing::warn!(error = %e, "a session could not be touched");
            }
        }
    }

    /// Changing work as the applicant of `session`, looked up (and touched when due) in the
    /// same change.
    pub async fn write_as<T, F>(&self, session: ApplicantSession, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Applicant) -> Result<T, ApiError> + Send + 'static,
    {
        self.write(move |conn| {
            let row = session.row(conn)?;
            let applicant = session.admit_and_touch(conn, row)?;
            work(conn, &applicant)
        })
        .await
    }

    /// A change of application `id` by the applicant of `session`
    /// ([`access::change_as_applicant`]: the session read in the statement that locks the
    /// row), then `read` of what it left for the answer.
    pub async fn change_application_as<T, U, W, R>(
        &self,
        session: ApplicantSession,
        id: String,
        client: ClientInfo,
        change: W,
        read: R,
    ) -> Result<U, ApiError>
    where
        T: Send + 'static,
        U: Send + 'static,
        W: FnMut(&mut AnyConnection, &mut Application, &EventContext) -> Result<T, ApiError>
            + Send
            + 'static,
        R: FnOnce(&mut AnyConnection, (Application, T)) -> Result<U, ApiError> + Send + 'static,
    {
        self.write_then_read(
            move |conn| access::change_as_applicant(conn, &id, &session, &client, change),
            read,
        )
        .await
    }

    /// A change, then a read for the answer (see [`Database::change_then_read`]); the lanes
    /// of what the change queued are rung as by [`AppState::write`].
    pub async fn write_then_read<T, U, W, R>(&self, change: W, read: R) -> Result<U, ApiError>
    where
        T: Send + 'static,
        U: Send + 'static,
        W: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        R: FnOnce(&mut AnyConnection, T) -> Result<U, ApiError> + Send + 'static,
    {
        let queued = self.queued();
        let answer = self
            .database
            .change_then_read(noting(&queued, change), read)
            .await;
        self.pass_on(&queued, answer.is_ok()).await;
        answer
    }

    /// A record of what database work queues, handing messages to lanes when a worker runs.
    fn queued(&self) -> Arc<Queued> {
        Arc::new(Queued::new(self.outbox_bell.takes_hand_offs()))
    }

    /// Passes on what database work queued, once it is over: its handed messages to their
    /// lanes when it `succeeded` (committed), and the lanes of the rest rung. Work that failed
    /// may still have committed some messages (a change followed by a failed read): those
    /// handed are released to the table, for a claim, rather than left claimed by nobody.
    async fn pass_on(&self, queued: &Queued, succeeded: bool) {
        let handed = queued.take_handed();
        let untaken = if succeeded {
            self.outbox_bell.hand(handed)
        } else {
            handed
        };
        let released: Vec<_> = untaken
            .iter()
            .filter_map(|message| crate::notify::Channel::parse(&message.channel))
            .collect();
        crate::notify::worker::release(&self.database, untaken).await;
        released
            .into_iter()
            .for_each(|channel| self.outbox_bell.ring_lane(channel));
        self.outbox_bell.ring_for(queued);
    }
}

/// `work`, noting into `queued` what it queued (whatever it answers).
fn noting<T, F>(
    queued: &Arc<Queued>,
    work: F,
) -> impl FnOnce(&mut AnyConnection) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
{
    let queued = queued.clone();
    move |conn| crate::notify::queued::noting(&queued, || work(conn))
}

/// `work` as the applicant of the session, looked up in a statement of its own first.
fn looked_up<T, F>(
    work: F,
) -> impl FnOnce(&mut AnyConnection, &ApplicantSession) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection, &Applicant) -> Result<T, ApiError>,
{
    move |conn, session| {
        let applicant = session.look_up(conn)?;
        work(conn, &applicant)
    }
}
