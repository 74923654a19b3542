//! `brief check`: every problem, compiler style, then a summary.

use std::collections::HashSet;
use std::io::{self, Write};
use std::process::ExitCode;

use super::Out;
use crate::diag::Severity;
use crate::model::Corpus;

pub fn run(corpus: &Corpus, out: &mut Out) -> io::Result<ExitCode> {
    for d in &corpus.diagnostics {
        let sev = match d.severity {
            Severity::Error => out.paint("1;31", "error"),
            Severity::Warning => out.paint("1;33", "warning"),
            Severity::Note => out.paint("1;36", "note"),
        };
        writeln!(out, "{}: {sev}: {}", d.place(), d.message)?;
    }
    let errors = corpus.errors();
    let warnings = corpus.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    // Files skipped with a problem (too large, not a regular file) count too.
    let files = corpus.files.iter().chain(corpus.diagnostics.iter().map(|d| &d.path)).collect::<HashSet<_>>().len();
    let entities = corpus.entities.len();
    if errors + warnings == 0 {
        writeln!(out, "ok: {}, {entities} entities, no problems", plural(files, "file"))?;
    } else {
        let with = corpus.files_with_problems();
        let (e, w, f) = (plural(errors, "error"), plural(warnings, "warning"), plural(files, "file"));
        writeln!(out, "{e}, {w} in {with} of {f} ({entities} entities loaded)")?;
    }
    Ok(if errors == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `1 error`, `2 errors`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
}
