//! Problems found while loading a folder: values with a place, never panics.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem at a place: `path:line:col: severity: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, (line, col): (u32, u32), message: String) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), line, col, message }
    }

    pub fn warning(path: impl Into<PathBuf>, (line, col): (u32, u32), message: String) -> Self {
        Diagnostic { severity: Severity::Warning, path: path.into(), line, col, message }
    }

    /// The place alone, `path:line:col` (or just `path` for whole-file problems).
    pub fn place(&self) -> String {
        let path = crate::text::sanitize_line(&self.path.to_string_lossy()).into_owned();
        if self.line == 0 { path } else { format!("{path}:{}:{}", self.line, self.col) }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.place(), self.severity.as_str(), self.message)
    }
}
