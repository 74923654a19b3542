//! What reaches outside the reader: the clipboard (OSC 52) and the editor.

use std::io::{self, Write};
use std::path::Path;
use std::process::Command;

use crate::model::{Body, Corpus, EntityId, Kind, LinkField};

/// A short plain-text citation: the label, who and how graded for a claim,
/// the briefing it is in and its first source.
pub fn citation(corpus: &Corpus, id: EntityId) -> String {
    let e = corpus.entity(id);
    let label = corpus.plain(e.label());
    let briefing = &corpus.entity(e.briefing).id;
    let source =
        e.links_in(LinkField::Sources).filter_map(|l| l.to).map(|s| corpus.entity(s).label().to_string()).next();
    let mut out = match &e.body {
        Body::Claim(_) => {
            let by = corpus.claimants(id);
            let by = if by.is_empty() { String::from("unattributed") } else { by.join(", ") };
            format!("\"{label}\" ({by}, {}) [{}, {briefing}", corpus.grade(id), e.id)
        }
        _ if e.kind() == Kind::Briefing => format!("{label} [{}", e.id),
        _ => format!("{label} ({}) [{}, {briefing}", e.kind().as_str(), e.id),
    };
    if let Some(source) = source {
        out.push_str(&format!("; source: {source}"));
    }
    out.push(']');
    out
}

fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that puts `text` on the clipboard; it works over SSH,
/// and in tmux with `set -g set-clipboard on`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// `$VISUAL`, else `$EDITOR`, split into words without a shell.
pub fn editor() -> Option<Vec<String>> {
    let var = ["VISUAL", "EDITOR"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))?;
    Some(var.split_whitespace().map(String::from).collect())
}

/// Runs the editor on `path` at `line`, waiting for it to exit.
pub fn edit(words: &[String], path: &Path, line: u32) -> io::Result<std::process::ExitStatus> {
    let (program, args) = words.split_first().ok_or_else(|| io::Error::other("no editor"))?;
    Command::new(program).args(args).arg(format!("+{line}")).arg(path).status()
}

pub fn write_clipboard(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(osc52(text).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
