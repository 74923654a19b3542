//! `brief check`: every problem, compiler style, then a summary.

use std::collections::HashSet;
use std::io::{self, Write};
use std::process::ExitCode;

use super::Out;
use crate::diag::{Diagnostic, Severity};
use crate::model::Corpus;
use crate::state::ReviewFile;

/// `brief check`: the folder's problems, marks for ids no longer there, and
/// the config file's problems (which also fail the check).
pub fn run(
    corpus: &Corpus,
    (state, team): (&ReviewFile, Option<&crate::team::Team>),
    config: &[Diagnostic],
    out: &mut Out,
) -> io::Result<ExitCode> {
    let mut orphans = orphan_marks(corpus, state);
    // Under shared review, `.brief/` itself and every analyst's marks.
    let shared = if team.is_some() { crate::team::problems(&corpus.root) } else { Vec::new() };
    for (_, file) in team.map(|t| t.others.as_slice()).unwrap_or_default() {
        orphans.extend(orphan_marks(corpus, file));
    }
    let shared_errors = shared.iter().filter(|d| d.severity == Severity::Error).count();
    for d in config.iter().chain(&shared).chain(&corpus.diagnostics).chain(&orphans) {
        let sev = match d.severity {
            Severity::Error => out.paint("1;31", "error"),
            Severity::Warning => out.paint("1;33", "warning"),
            Severity::Note => out.paint("1;36", "note"),
        };
        writeln!(out, "{}: {sev}: {}", d.place(), d.message)?;
    }
    let errors = corpus.errors();
    let warnings = corpus.warnings();
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
    if !config.is_empty() {
        writeln!(out, "config file: {}; brief runs on the defaults until it is fixed", plural(config.len(), "error"))?;
    }
    if shared_errors > 0 {
        writeln!(out, "shared review: {} in .brief/", plural(shared_errors, "error"))?;
    }
    Ok(if errors == 0 && config.is_empty() && shared_errors == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Marks kept for ids that no folder entity has: worth knowing, never an error.
fn orphan_marks(corpus: &Corpus, state: &ReviewFile) -> Vec<Diagnostic> {
    let lines = state.mark_lines();
    let orphans = state.marked_ids().filter(|id| corpus.get(id).is_none());
    orphans
        .map(|id| {
            let line = lines.get(id).copied().unwrap_or(0);
            let message = format!("marks kept for '{}', which no folder entity has", crate::text::sanitize_line(id));
            let path = state.path().to_path_buf();
            Diagnostic { severity: Severity::Note, path, line, col: u32::from(line > 0), message }
        })
        .collect()
}

/// `1 error`, `2 errors`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
}
