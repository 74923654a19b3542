//! `brief check`: every problem, compiler style, then a summary.

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
    let files = corpus.files.len();
    let entities = corpus.entities.len();
    if errors + warnings == 0 {
        writeln!(out, "ok: {files} files, {entities} entities, no problems")?;
    } else {
        let with = corpus.files_with_problems();
        writeln!(out, "{errors} errors, {warnings} warnings in {with} of {files} files ({entities} entities loaded)")?;
    }
    Ok(if errors == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
