//! The review state in memory: marks by id, read briefings, and what each
//! mark's reviewer saw. `format` reads and writes it as text.

use std::collections::BTreeMap;

use toml::Table;
use toml::value::Datetime;

use super::Mark;
use crate::ach::{Level, Rating};

/// What a reviewer read of an entity: field name to a short hash of what the
/// field said (`crate::fingerprint` makes them).
pub type Seen = BTreeMap<String, String>;

/// One entity's marks, with what it carries beyond them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub mark: Mark,
    pub updated: Option<Datetime>,
    /// The entity as it was at the last change of these marks (version 2).
    pub seen: Option<Seen>,
    /// A claim's ACH ratings (docs/ACH.md), by hypothesis id.
    pub ratings: BTreeMap<String, Rating>,
    /// A claim's relevance when not medium.
    pub relevance: Option<Level>,
    /// Keys a later build of the same schema may add; kept as they are.
    pub extra: Table,
}

impl Record {
    /// Nothing set: no marks, no ratings, nothing kept from elsewhere.
    pub fn is_empty(&self) -> bool {
        self.mark == Mark::default() && self.ratings.is_empty() && self.relevance.is_none() && self.extra.is_empty()
    }
}

/// The whole file, in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub marks: BTreeMap<String, Record>,
    /// Briefing id to when it was first opened (`None` when written as `true`).
    pub read: BTreeMap<String, Option<Datetime>>,
    /// Briefing id to its fingerprint when last opened (version 2).
    pub read_seen: BTreeMap<String, String>,
    pub extra: Table,
}

/// A note holds at most this many characters (docs/STATE.md): what a reviewer
/// writes, not a place to paste documents into; past it the rest is dropped.
pub const MAX_NOTE_CHARS: usize = 4000;

/// A note as saved: no control characters but newlines, no bidi overrides,
/// trimmed, cut to [`MAX_NOTE_CHARS`]; an empty note is no note.
pub fn clean_note(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if crate::text::is_bidi_control(c) || crate::text::is_width_ambiguous(c) || c == '\u{FEFF}' => {}
            c if crate::text::is_noncharacter(c) => out.push('\u{FFFD}'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let mut trimmed = out.trim();
    if let Some((at, _)) = trimmed.char_indices().nth(MAX_NOTE_CHARS) {
        trimmed = &trimmed[..at];
    }
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}
