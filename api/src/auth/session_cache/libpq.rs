//! The listener's own libpq connection: connect, run a statement, sleep until the server
//! writes, and take the notifications it wrote. The workspace denies `unsafe`; this file is
//! allowed it (with `memory.rs`), as the FFI to libpq that diesel does not expose.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString};
use std::ptr::NonNull;
use std::time::Duration;

/// A libpq connection of the listener's own.
pub struct Connection(NonNull<pq_sys::PGconn>);

// SAFETY: a libpq connection may move between threads as long as one thread uses it at a
// time; this one lives and dies on the listener's thread.
unsafe impl Send for Connection {}

impl Connection {
    pub fn open(url: &str) -> Result<Connection, String> {
        let url = CString::new(url).map_err(|_| "the database URL holds a NUL byte".to_owned())?;
        // SAFETY: `url` is a valid C string for the call; libpq returns a connection object
        // (to be finished by Drop) or NULL when out of memory.
        let raw = unsafe { pq_sys::PQconnectdb(url.as_ptr()) };
        let conn = Connection(NonNull::new(raw).ok_or("libpq is out of memory")?);
        // SAFETY: a live connection; the processor is a plain function that reads nothing.
        unsafe {
            pq_sys::PQsetNoticeProcessor(conn.0.as_ptr(), Some(ignore_notice), std::ptr::null_mut())
        };
        // SAFETY: `conn` holds a live connection object.
        if unsafe { pq_sys::PQstatus(conn.0.as_ptr()) } != pq_sys::ConnStatusType::CONNECTION_OK {
            return Err(conn.error());
        }
        Ok(conn)
    }

    /// Runs `sql`; answers its first row's first value, if it has one.
    pub fn execute(&self, sql: &str) -> Result<Option<String>, String> {
        let sql = CString::new(sql).map_err(|_| "a statement holds a NUL byte".to_owned())?;
        // SAFETY: a live connection and a valid C string; the result is cleared below.
        let result = unsafe { pq_sys::PQexec(self.0.as_ptr(), sql.as_ptr()) };
        if result.is_null() {
            return Err(self.error());
        }
        // SAFETY: `result` is the non-NULL result just made, read before it is cleared (the
        // value is copied out), and cleared once.
        unsafe {
            let status = pq_sys::PQresultStatus(result);
            let first = (status == pq_sys::ExecStatusType::PGRES_TUPLES_OK
                && pq_sys::PQntuples(result) > 0
                && pq_sys::PQnfields(result) > 0
                && pq_sys::PQgetisnull(result, 0, 0) == 0)
                .then(|| {
                    CStr::from_ptr(pq_sys::PQgetvalue(result, 0, 0))
                        .to_string_lossy()
                        .into_owned()
                });
            pq_sys::PQclear(result);
            match status {
                pq_sys::ExecStatusType::PGRES_COMMAND_OK
                | pq_sys::ExecStatusType::PGRES_TUPLES_OK => Ok(first),
                _ => Err(self.error()),
            }
        }
    }

    /// Sleeps until the server has written something, `bell` is readable, or `timeout`
    /// passed.
    #[cfg(unix)]
    pub fn wait_readable(
        &self,
        bell: &impl std::os::fd::AsRawFd,
        timeout: Duration,
    ) -> Result<(), String> {
        // SAFETY: a live connection.
        let fd = unsafe { pq_sys::PQsocket(self.0.as_ptr()) };
        if fd < 0 {
            return Err("the connection has no socket".into());
        }
        let mut wanted = [fd, bell.as_raw_fd()].map(|fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        });
        let millis = libc::c_int::try_from(timeout.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: two valid pollfds for the duration of the call.
        if unsafe { libc::poll(wanted.as_mut_ptr(), 2, millis) } < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e.to_string());
            }
        }
        Ok(())
    }

    /// Reads what the server wrote, without waiting; fails when the connection is gone.
    pub fn consume_input(&self) -> Result<(), String> {
        // SAFETY: a live connection.
        if unsafe { pq_sys::PQconsumeInput(self.0.as_ptr()) } == 0 {
            return Err(self.error());
        }
        Ok(())
    }

    /// The payload of the next notification already read, if any.
    pub fn next_notification(&self) -> Option<String> {
        // SAFETY: a live connection; a non-NULL notification is ours to free, once, after
        // copying its payload (a valid C string for the notification's life).
        unsafe {
            let notification = pq_sys::PQnotifies(self.0.as_ptr());
            if notification.is_null() {
                return None;
            }
            let payload = CStr::from_ptr((*notification).extra)
                .to_string_lossy()
                .into_owned();
            pq_sys::PQfreemem(notification.cast());
            Some(payload)
        }
    }

    fn error(&self) -> String {
        // SAFETY: a live connection; the message lives as long as it does and is copied.
        unsafe { CStr::from_ptr(pq_sys::PQerrorMessage(self.0.as_ptr())) }
            .to_string_lossy()
            .trim()
            .to_owned()
    }
}

/// libpq's own notice processor writes the server's notices (and a `FATAL` sent as the server
/// ends the connection) to standard error; the failure reaches the listener as an error of
/// the next call anyway, and is logged there. As diesel does for its connections.
unsafe extern "C" fn ignore_notice(_: *mut std::ffi::c_void, _: *const std::ffi::c_char) {}

impl Drop for Connection {
    fn drop(&mut self) {
        // SAFETY: the connection object is finished once, here.
        unsafe { pq_sys::PQfinish(self.0.as_ptr()) };
    }
}
