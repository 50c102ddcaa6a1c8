//! The API's tests, in one binary: each spawns the real server on a free port with a fresh
//! database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` names a server) and talks HTTP.

mod fakes;
mod helpers;
mod notifications;
