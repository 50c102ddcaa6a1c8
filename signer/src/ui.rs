//! The terminal: what the app says (stdout), its failures (stderr) and its questions (stdin).
//!
//! Questions are read from standard input whether it is a terminal or a pipe, so a script can
//! answer them; a question that meets the end of input fails with exit code 2 and names the
//! flag that answers it. PINs are read without echo on a terminal (rpassword). Only on a
//! terminal does the app offer another try after a wrong PIN, wait for a card to be inserted,
//! or wait for "Uygulamayı Kapat".

use std::io::{self, BufRead, IsTerminal, Write};

use esign::Pin;

use crate::exit::Failure;
use crate::text::{Lang, Msg};

/// How many times an empty or unreadable answer is asked again on a terminal.
const MAX_REASKS: usize = 3;

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    lang: Lang,
    stdin_is_terminal: bool,
    assume_yes: bool,
}

impl Ui {
    pub fn new(lang: Lang, assume_yes: bool) -> Ui {
        Ui {
            lang,
            stdin_is_terminal: io::stdin().is_terminal(),
            assume_yes,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether a person is at the keyboard (standard input is a terminal).
    pub fn is_interactive(&self) -> bool {
        self.stdin_is_terminal
    }

    pub fn assume_yes(&self) -> bool {
        self.assume_yes
    }

    pub fn render(&self, msg: &Msg) -> String {
        msg.render(self.lang)
    }

    pub fn say(&self, msg: &Msg) {
        println!("{}", self.render(msg));
    }

    /// A line indented under the previous one.
    pub fn detail(&self, msg: &Msg) {
        println!("    {}", self.render(msg));
    }

    /// `label: value`, indented; the label in both languages, the value as it is.
    pub fn field(&self, label: &Msg, value: &str) {
        if value.is_empty() {
            println!("    {}:", self.render(label));
        } else {
            println!("    {}: {value}", self.render(label));
        }
    }

    pub fn blank(&self) {
        println!();
    }

    /// A step title, e.g. "2. Doğrulama Kodu".
    pub fn step(&self, number: u8, msg: &Msg) {
        println!();
        println!("{number}. {}", self.render(msg));
        println!("{}", "─".repeat(60));
    }

    pub fn warn(&self, msg: &Msg) {
        println!("  ⚠ {}", self.render(msg));
    }

    /// A failure, on standard error: the message, its details, and the exit code.
    pub fn report(&self, failure: &Failure) {
        let mut err = io::stderr().lock();
        // Nothing sensible is left to do if standard error is closed.
        let _ = writeln!(err);
        let _ = writeln!(err, "✗ {}", self.render(&failure.message));
        for detail in &failure.details {
            let _ = writeln!(err, "  {}", self.render(detail));
        }
        let _ = writeln!(
            err,
            "  {} {}",
            self.render(&Msg::new("Çıkış kodu", "Exit code")),
            failure.kind.code()
        );
    }

    fn no_answer(&self, label: &Msg, flag: &str) -> Failure {
        Failure::usage(Msg::new(
            format!(
                "\"{}\" sorusuna yanıt gelmedi; {flag} ile verin.",
                label.tr()
            ),
            format!("No answer to \"{}\"; give it with {flag}.", label.en()),
        ))
    }

    fn prompt(&self, label: &Msg, default: Option<&str>) {
        let mut out = io::stdout().lock();
        let _ = match default {
            Some(default) => write!(out, "{} [{default}]: ", self.render(label)),
            None => write!(out, "{}: ", self.render(label)),
        };
        let _ = out.flush();
    }

    /// One line of standard input, without its line end; `None` at the end of input.
    fn read_line(&self) -> Option<String> {
        let mut line = String::new();
        match io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                // In place, so that a PIN leaves no trimmed copy behind.
                let end = line.trim_end_matches(['\r', '\n']).len();
                line.truncate(end);
                if !self.stdin_is_terminal {
                    // A pipe does not echo the answer's line end.
                    println!();
                }
                Some(line)
            }
        }
    }

    /// Asks for a line of text; an empty answer takes `default`.
    pub fn ask(&self, label: &Msg, default: Option<&str>, flag: &str) -> Result<String, Failure> {
        for _ in 0..MAX_REASKS {
            self.prompt(label, default);
            let Some(answer) = self.read_line() else {
                println!();
                return Err(self.no_answer(label, flag));
            };
            let answer = answer.trim();
            if !answer.is_empty() {
                return Ok(answer.to_owned());
            }
            if let Some(default) = default {
                return Ok(default.to_owned());
            }
        }
        Err(self.no_answer(label, flag))
    }

    /// Asks for a PIN or password: without echo on a terminal, as a line from a pipe.
    pub fn ask_secret(&self, label: &Msg, flag: &str) -> Result<Pin, Failure> {
        for _ in 0..MAX_REASKS {
            let prompt = format!("{}: ", self.render(label));
            let answer = if self.stdin_is_terminal {
                // Echo off on the terminal (rpassword reads /dev/tty in raw mode).
                rpassword::prompt_password(prompt).ok()
            } else {
                // A pipe does not echo: the PIN is one line of it.
                print!("{prompt}");
                let _ = io::stdout().flush();
                self.read_line()
            };
            match answer {
                Some(secret) if !secret.is_empty() => return Ok(Pin::new(secret)),
                Some(_) if self.stdin_is_terminal => {
                    self.say(&Msg::new("Boş bırakılamaz.", "It cannot be empty."))
                }
                _ => return Err(self.no_answer(label, flag)),
            }
        }
        Err(self.no_answer(label, flag))
    }

    /// A yes/no question ("e/h", "y/n"); with `--yes` the answer is yes without asking.
    pub fn confirm(&self, question: &Msg, default_yes: bool) -> Result<bool, Failure> {
        if self.assume_yes {
            println!(
                "{} → {} [--yes]",
                self.render(question),
                self.render(&Msg::new("evet", "yes"))
            );
            return Ok(true);
        }
        let hint = if default_yes { "E/h" } else { "e/H" };
        let english_hint = if default_yes { "Y/n" } else { "y/N" };
        let label = question
            .clone()
            .then(&Msg::new(format!("[{hint}]"), format!("[{english_hint}]")));
        for _ in 0..MAX_REASKS {
            self.prompt(&label, None);
            let Some(answer) = self.read_line() else {
                println!();
                return Err(self.no_answer(question, "--yes"));
            };
            match parse_yes_no(&answer) {
                Some(answer) => return Ok(answer),
                None if answer.trim().is_empty() => return Ok(default_yes),
                None => self.say(&Msg::new(
                    "Lütfen \"e\" (evet) ya da \"h\" (hayır) yazın.",
                    "Please type \"y\" (yes) or \"n\" (no).",
                )),
            }
        }
        Err(self.no_answer(question, "--yes"))
    }

    /// Waits for Enter, only when a person is at the keyboard and `--yes` was not given.
    pub fn pause(&self, label: &Msg) {
        if self.assume_yes || !self.stdin_is_terminal {
            return;
        }
        self.prompt(label, None);
        let _ = self.read_line();
    }
}

/// "e", "evet", "y", "yes" → yes; "h", "hayır", "n", "no" → no; anything else → `None`.
pub fn parse_yes_no(answer: &str) -> Option<bool> {
    match answer.trim().to_lowercase().as_str() {
        "e" | "evet" | "y" | "yes" => Some(true),
        "h" | "hayır" | "hayir" | "n" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_are_understood_in_turkish_and_english() {
        for yes in ["e", "E", "evet", "Evet ", "y", "YES"] {
            assert_eq!(parse_yes_no(yes), Some(true), "{yes}");
        }
        for no in ["h", "hayır", "HAYIR", "hayir", "n", "No"] {
            assert_eq!(parse_yes_no(no), Some(false), "{no}");
        }
        assert_eq!(parse_yes_no(""), None);
        assert_eq!(parse_yes_no("belki"), None);
    }
}
