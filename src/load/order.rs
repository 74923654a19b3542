//! The order problems are listed in, by `brief check` and the reader's `!`.
//! A file that does not parse (or was skipped whole: too large, unreadable)
//! comes first, its error at the head of its own problems. While the ids of such a file are unknown (it was not kept from
//! a last good version), the links to ids that nothing defines come next,
//! after a note that says they may be its: a missing quote that breaks 37
//! links elsewhere is listed above them, not fifteenth. Then the rest, by
//! file, line and column, each file's note of problems not listed last.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Severity};

/// `unparsed`: the errors of the files that do not parse; `lost`: those of
/// them not kept from a last good version, whose ids are unknown; `unknown`: the links to
/// ids nothing defines; `rest`: every other problem.
pub fn arrange(
    unparsed: Vec<Diagnostic>,
    lost: &[PathBuf],
    unknown: Vec<Diagnostic>,
    mut rest: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let broken: BTreeSet<PathBuf> = unparsed.iter().map(|d| d.path.clone()).collect();
    let (mut caused, others): (Vec<_>, Vec<_>) =
        unknown.into_iter().partition(|d| !lost.is_empty() && !broken.contains(&d.path));
    rest.extend(others);
    rest.sort_by(by_place);
    caused.sort_by(by_place);
    let (under, rest): (Vec<_>, Vec<_>) = rest.into_iter().partition(|d| broken.contains(&d.path));
    // Stable, by file alone: each file's error stays ahead of its other problems.
    let mut out: Vec<Diagnostic> = unparsed.into_iter().chain(under).collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    if let (Some(last), false) = (lost.last(), caused.is_empty()) {
        out.push(note(last, lost.len(), caused.len()));
    }
    out.extend(caused);
    out.extend(rest);
    out
}

fn by_place(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (&a.path, a.severity == Severity::Note, a.line, a.col).cmp(&(&b.path, b.severity == Severity::Note, b.line, b.col))
}

/// The note between the files that do not parse and the links they may break.
fn note(path: &std::path::Path, files: usize, links: usize) -> Diagnostic {
    let links = if links == 1 { "the link".to_string() } else { format!("the {links} links") };
    let message = match files {
        1 => format!(
            "this file did not load, so its ids are unknown: {links} to unknown ids below may be to ids it defines"
        ),
        n => format!(
            "this file and {} above did not load, so their ids are unknown: {links} to unknown ids below may be to ids they define",
            if n == 2 { "1 other".to_string() } else { format!("{} others", n - 1) }
        ),
    };
    Diagnostic { severity: Severity::Note, path: path.to_path_buf(), line: 0, col: 0, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(path: &str, line: u32, message: &str) -> Diagnostic {
        Diagnostic::error(path, (line, 1), message.to_string())
    }

    fn places(ds: &[Diagnostic]) -> Vec<String> {
        ds.iter().map(|d| format!("{}:{}", d.path.display(), d.line)).collect()
    }

    #[test]
    fn a_file_that_does_not_parse_leads_and_the_links_it_may_break_follow() {
        let unparsed = vec![d("m.toml", 168, "invalid TOML")];
        let unknown = vec![d("z.toml", 3, "unknown id 'x'"), d("a.toml", 9, "unknown id 'y'")];
        let rest = vec![d("z.toml", 1, "w"), d("a.toml", 2, "w")];
        let lost = [PathBuf::from("m.toml")];
        let out = arrange(unparsed.clone(), &lost, unknown.clone(), rest.clone());
        assert_eq!(places(&out), ["m.toml:168", "m.toml:0", "a.toml:9", "z.toml:3", "a.toml:2", "z.toml:1"]);
        assert_eq!(out[1].severity, Severity::Note);
        // Kept from its last good version: its ids are known, nothing is set apart.
        let out = arrange(unparsed, &[], unknown, rest);
        assert_eq!(places(&out), ["m.toml:168", "a.toml:2", "a.toml:9", "z.toml:1", "z.toml:3"]);
    }

    #[test]
    fn a_kept_file_lists_its_error_before_its_other_problems() {
        let unparsed = vec![d("m.toml", 168, "invalid TOML")];
        let rest = vec![d("m.toml", 12, "unknown key"), d("b.toml", 1, "w")];
        let out = arrange(unparsed, &[], vec![d("m.toml", 40, "unknown id 'q'")], rest);
        assert_eq!(places(&out), ["m.toml:168", "m.toml:12", "m.toml:40", "b.toml:1"]);
    }
}
