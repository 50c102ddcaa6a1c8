//! The development transport: writes each message to a file in `<data_dir>/mailbox/`, where a
//! developer reads it (their SMS code included), and logs only where it went and the file name.
//! The body never reaches the log: it may hold a one-time code.

use std::io::Write;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::Utc;

use super::transport::{DeliveredMessage, Transport, TransportError};
use super::{mask_recipient, Channel};

#[derive(Debug, Clone)]
pub struct LogTransport {
    dir: PathBuf,
}

impl LogTransport {
    pub fn new(dir: impl Into<PathBuf>) -> LogTransport {
        LogTransport { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[async_trait]
impl Transport for LogTransport {
    async fn send(&self, message: &DeliveredMessage) -> Result<(), TransportError> {
        let dir = self.dir.clone();
        let message = message.clone();
        let (path, message) = tokio::task::spawn_blocking(move || {
            write_message(&dir, &message).map(|path| (path, message))
        })
        .await
        .map_err(|_| TransportError::Transient("the mailbox writer stopped".into()))??;
        tracing::info!(
            channel = %message.channel,
            to = %mask_recipient(message.channel, &message.recipient),
            subject = %message.subject,
            file = %path.display(),
            "message written to the development mailbox (body not logged)"
        );
        Ok(())
    }
}

/// Writes one file named `<UTC time>-<channel>-<random id>.txt` and returns its path.
fn write_message(dir: &Path, message: &DeliveredMessage) -> Result<PathBuf, TransportError> {
    let io_error =
        |what: &str, e: std::io::Error| TransportError::Transient(format!("{what}: {}", e.kind()));
    std::fs::create_dir_all(dir).map_err(|e| io_error("cannot create the mailbox directory", e))?;
    let now = Utc::now();
    let id = uuid::Uuid::new_v4().simple().to_string();
    let name = format!(
        "{}-{}-{}.txt",
        now.format("%Y%m%dT%H%M%S%.6fZ"),
        message.channel,
        id.get(..12).unwrap_or(&id)
    );
    let path = dir.join(name);
    let mut text = String::new();
    text.push_str(&format!("Channel: {}\n", message.channel));
    text.push_str(&format!("To: {}\n", message.recipient));
    if message.channel == Channel::Email || !message.subject.is_empty() {
        text.push_str(&format!("Subject: {}\n", message.subject));
    }
    text.push_str(&format!("Date: {}\n\n", now.to_rfc3339()));
    text.push_str(&message.body);
    if !message.body.ends_with('\n') {
        text.push('\n');
    }

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .map_err(|e| io_error("cannot create the mailbox file", e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| io_error("cannot write the mailbox file", e))?;
    Ok(path)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_message_becomes_one_utf8_file_named_by_time_and_channel() {
        let dir = std::env::temp_dir().join(format!("mailbox-{}", uuid::Uuid::new_v4()));
        let path = write_message(
            &dir,
            &DeliveredMessage {
                channel: Channel::Sms,
                recipient: "+905321234567".into(),
                subject: String::new(),
                body: "Onay kodunuz: 123456. Şifrenizi paylaşmayın.".into(),
                delivery: Default::default(),
            },
        )
        .unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(name.contains("-sms-") && name.ends_with(".txt"), "{name}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("To: +905321234567"));
        assert!(text.contains("Onay kodunuz: 123456. Şifrenizi paylaşmayın."));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
