//! Problems found while loading a folder: values with a place, never panics.

use std::fmt;
use std::path::{Path, PathBuf};

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

/// Problems listed per file: past these a file is broken through and through,
/// and the rest are counted, not listed (a 4 MiB list of bad ids would
/// otherwise print 800,000 lines and take seconds to say so).
pub const LISTED_PER_FILE: usize = 100;

/// Errors and warnings counted but not listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unlisted {
    pub errors: usize,
    pub warnings: usize,
}

impl Unlisted {
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => {}
        }
    }

    pub fn add(&mut self, other: Unlisted) {
        self.errors += other.errors;
        self.warnings += other.warnings;
    }

    pub fn is_empty(self) -> bool {
        self.errors + self.warnings == 0
    }

    /// The note that stands for them at the end of their file's problems.
    pub fn note(self, path: &std::path::Path) -> Diagnostic {
        let counts = [(self.errors, "error"), (self.warnings, "warning")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} more {what}{}", if *n == 1 { "" } else { "s" }))
            .collect::<Vec<_>>()
            .join(" and ");
        let message = format!("{counts} in this file not listed (only its first {LISTED_PER_FILE} problems are)");
        Diagnostic { severity: Severity::Note, path: path.to_path_buf(), line: 0, col: 0, message }
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

    /// The message up to its first colon, and where in the file:
    /// `invalid TOML at 168:27`, `cannot read`.
    pub fn headline(&self) -> String {
        let what = self.message.split(':').next().unwrap_or_default();
        if self.line == 0 { what.to_string() } else { format!("{what} at {}:{}", self.line, self.col) }
    }

    /// The place alone, `path:line:col` (or just `path` for whole-file problems).
    pub fn place(&self) -> String {
        self.place_in(Path::new(""))
    }

    /// [`Diagnostic::place`], its path from inside `root` when it is there.
    pub fn place_in(&self, root: &Path) -> String {
        let path = self.path.strip_prefix(root).unwrap_or(&self.path);
        let path = crate::text::sanitize_line(&path.to_string_lossy()).into_owned();
        if self.line == 0 { path } else { format!("{path}:{}:{}", self.line, self.col) }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.place(), self.severity.as_str(), self.message)
    }
}
