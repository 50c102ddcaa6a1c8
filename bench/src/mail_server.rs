//! The SMTP server the API sends its e-mails to during a run, as production does (the `log`
//! transport writes one file per message, a developer's convenience that production never
//! pays). It speaks the part of SMTP that lettre uses without TLS or AUTH, accepts every
//! message and only counts them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

pub struct MailServer {
    pub port: u16,
    received: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl MailServer {
    pub async fn start() -> std::io::Result<MailServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let received = Arc::new(AtomicU64::new(0));
        let counter = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, counter.clone()));
            }
        });
        Ok(MailServer {
            port,
            received,
            task,
        })
    }

    /// Messages accepted so far.
    pub fn received(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One connection: replies to each command until QUIT or the connection closes.
async fn session(stream: TcpStream, received: Arc<AtomicU64>) {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut line = Vec::new();
    if write.write_all(b"220 bench ESMTP\r\n").await.is_err() {
        return;
    }
    loop {
        line.clear();
        match read.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let verb = line
            .get(..4)
            .map(|v| v.to_ascii_uppercase())
            .unwrap_or_default();
        let reply: &[u8] = match verb.as_slice() {
            b"EHLO" => b"250-bench\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            b"DATA" => {
                if write.write_all(b"354 go ahead\r\n").await.is_err()
                    || !skip_data(&mut read).await
                {
                    return;
                }
                received.fetch_add(1, Ordering::Relaxed);
                b"250 OK\r\n"
            }
            b"QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            }
            // HELO, MAIL, RCPT, RSET, NOOP
            _ => b"250 OK\r\n",
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// Reads the message up to its lone `.` line; false when the connection ends first.
async fn skip_data(read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> bool {
    let mut line = Vec::new();
    loop {
        line.clear();
        match read.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return false,
            Ok(_) if line == b".\r\n" || line == b".\n" => return true,
            Ok(_) => {}
        }
    }
}
