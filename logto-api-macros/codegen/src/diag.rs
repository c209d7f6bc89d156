//! Problems found in a document, each pinned to the file and a JSON pointer.
//!
//! The generator never stops at the first problem: callers get every [`Diagnostic`] at once so a
//! spec author can fix them in one pass (the approach of serde_derive's error context).

use std::fmt;

/// One problem in an input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or a label such as `<inline>`).
    pub file: String,
    /// JSON pointer (RFC 6901) to the offending node; empty for the whole document.
    pub pointer: String,
    /// `(line, column)` when the problem was found while parsing text.
    pub location: Option<(usize, usize)>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, ": at {pointer}: {}", self.message)
    }
}

/// Every problem found in one run; never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem at `pointer` of `file`, once: a schema looked at from two places
    /// reports its problem a single time.
    pub fn push(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        let diagnostic = Diagnostic {
            file: file.to_owned(),
            pointer: pointer.to_owned(),
            location: None,
            message: message.into(),
        };
        if !self.0.contains(&diagnostic) {
            self.0.push(diagnostic);
        }
    }

    /// True when nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no problem was recorded, otherwise every problem.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// Escapes one reference token for a JSON pointer (RFC 6901 §3).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends `token` to `pointer`.
pub fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_token(token))
}
