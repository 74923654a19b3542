//! A quick read of the layout brief itself writes (`format::render`): a line
//! at a time, for review files of tens of thousands of marks (a desk's shared
//! review). Anything else in the file — a comment in the middle of a mark, a
//! key brief does not know, a table written another way — returns `None`, and
//! the full TOML reading takes over, so both always agree.

use std::str::FromStr;

use toml::Value;
use toml::value::Datetime;

use super::doc::{Doc, Record, clean_note};

enum Section {
    Top,
    Mark(String),
    Read,
    ReadSeen,
}

/// A bare key, or a simple quoted one (no escapes).
fn key(k: &str) -> Option<String> {
    let k = k.trim();
    if let Some(inner) = k.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
        return (!inner.contains(['\\', '"'])).then(|| inner.to_string());
    }
    let bare = !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    bare.then(|| k.to_string())
}

/// One TOML value, as the full reading would take it.
fn value(v: &str) -> Option<Value> {
    let table: toml::Table = format!("v = {v}").parse().ok()?;
    table.get("v").cloned()
}

/// The doc and its version, or `None` for anything not in brief's own layout.
pub fn parse(text: &str) -> Option<(i64, Doc)> {
    let mut doc = Doc::default();
    let mut version = None;
    let mut section = Section::Top;
    // A key or a table given twice is an error in TOML: the full reading says so.
    let mut keys: Vec<String> = Vec::new();
    let mut tables = std::collections::HashSet::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || (line.starts_with('#') && matches!(section, Section::Top)) {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if !tables.insert(header.to_string()) {
                return None;
            }
            keys.clear();
            section = match header {
                "read" => Section::Read,
                "read-seen" => Section::ReadSeen,
                h => Section::Mark(key(h.strip_prefix("marks.")?)?),
            };
            if let Section::Mark(id) = &section {
                doc.marks.entry(id.clone()).or_insert_with(Record::default);
            }
            continue;
        }
        let (k, v) = line.split_once('=')?;
        let (k, v) = (key(k)?, v.trim());
        if keys.contains(&k) {
            return None;
        }
        keys.push(k.clone());
        match &section {
            Section::Top if k == "version" => version = Some(v.parse::<i64>().ok()?),
            Section::Top => return None,
            Section::Mark(id) => {
                let r = doc.marks.get_mut(id)?;
                match (k.as_str(), v) {
                    ("reviewed", "true") => r.mark.reviewed = true,
                    ("flagged", "true") => r.mark.flagged = true,
                    ("reviewed" | "flagged", "false") => {}
                    ("note", v) => r.mark.note = clean_note(value(v)?.as_str()?),
                    ("updated", v) => r.updated = Some(Datetime::from_str(v).ok()?),
                    ("seen", v) => {
                        let Value::Table(t) = value(v)? else { return None };
                        let seen: Option<crate::state::Seen> =
                            t.into_iter().map(|(k, v)| Some((k, v.as_str()?.to_string()))).collect();
                        r.seen = Some(seen?);
                    }
                    ("ratings", v) => {
                        let Value::Table(t) = value(v)? else { return None };
                        let cell = |(k, v): (String, Value)| Some((k, crate::ach::Rating::parse(v.as_str()?)?));
                        r.ratings = t.into_iter().map(cell).collect::<Option<_>>()?;
                    }
                    ("relevance", v) => {
                        let level = crate::ach::Level::parse(value(v)?.as_str()?)?;
                        r.relevance = (level != crate::ach::Level::Medium).then_some(level);
                    }
                    _ => return None,
                }
            }
            Section::Read => match v {
                "true" => drop(doc.read.insert(k, None)),
                "false" => {}
                v => drop(doc.read.insert(k, Some(Datetime::from_str(v).ok()?))),
            },
            Section::ReadSeen => drop(doc.read_seen.insert(k, value(v)?.as_str()?.to_string())),
        }
    }
    Some((version?, doc))
}
