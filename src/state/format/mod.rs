//! The state file's text: parsed strictly (wrong types mean damage), written
//! in a fixed, diffable layout, keeping keys this build does not know.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use toml::Table;
use toml::Value;
use toml::value::{Date, Datetime, Offset, Time};

pub use super::doc::{Doc, MAX_NOTE_CHARS, Record, Seen, clean_note};
use super::{Change, Mark};
use crate::ach::{Level, Rating};

/// The schema this build writes; it reads version 1 as well (docs/STATE.md).
pub const VERSION: i64 = 2;

const HEADER: &str = "# brief review state; edit with care (see docs/STATE.md in brief's sources)\n";

/// What a file's text turned out to be.
#[derive(Debug)]
pub enum Parsed {
    Current(Doc),
    /// From a newer schema: what could be read of it, for showing only.
    Newer(i64, Doc),
}

/// Why a file is not a state file this build can use; a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage(pub String);

pub fn parse(bytes: &[u8]) -> Result<Parsed, Damage> {
    let text = std::str::from_utf8(bytes).map_err(|e| Damage(format!("not UTF-8 text ({e})")))?;
    // brief's own layout, read a line at a time; anything else through TOML.
    match super::fast::parse(text) {
        Some((version, doc)) if version > VERSION => return Ok(Parsed::Newer(version, doc)),
        Some((version, doc)) if version >= 1 => return Ok(Parsed::Current(doc)),
        _ => {}
    }
    let mut table: Table = text.parse().map_err(|e: toml::de::Error| Damage(first_line(&e.to_string())))?;
    let version = match table.remove("version") {
        Some(Value::Integer(v)) if v >= 1 => v,
        Some(v) => return Err(Damage(format!("'version' should be a whole number from 1 up, not {v}"))),
        // An empty file (say, made by `touch`) is a fresh start; anything else may be someone else's file.
        None if table.is_empty() => return Ok(Parsed::Current(Doc::default())),
        None => return Err(Damage("no 'version' key, so it is not a brief state file".into())),
    };
    if version > VERSION {
        return Ok(Parsed::Newer(version, body(table).unwrap_or_default()));
    }
    body(table).map(Parsed::Current)
}

fn first_line(s: &str) -> String {
    let mut lines = s.lines().filter(|l| !l.trim().is_empty());
    lines.next().unwrap_or("not TOML").trim().to_string()
}

fn body(mut table: Table) -> Result<Doc, Damage> {
    let mut doc = Doc::default();
    if let Some(marks) = table.remove("marks") {
        let Value::Table(marks) = marks else { return Err(Damage("'marks' should be a table".into())) };
        for (id, value) in marks {
            let Value::Table(t) = value else { return Err(Damage(format!("'marks.{id}' should be a table"))) };
            doc.marks.insert(id.clone(), record(&id, t)?);
        }
    }
    if let Some(read) = table.remove("read") {
        let Value::Table(read) = read else { return Err(Damage("'read' should be a table".into())) };
        for (id, value) in read {
            match value {
                Value::Datetime(at) => doc.read.insert(id, Some(at)),
                Value::Boolean(true) => doc.read.insert(id, None),
                Value::Boolean(false) => None,
                _ => return Err(Damage(format!("'read.{id}' should be a date-time or true"))),
            };
        }
    }
    if let Some(seen) = table.remove("read-seen") {
        let Value::Table(seen) = seen else { return Err(Damage("'read-seen' should be a table".into())) };
        for (id, value) in seen {
            let Value::String(h) = value else { return Err(Damage(format!("'read-seen.{id}' should be a string"))) };
            doc.read_seen.insert(id, h);
        }
    }
    doc.extra = table;
    Ok(doc)
}

fn record(id: &str, mut t: Table) -> Result<Record, Damage> {
    let wrong = |key: &str, what: &str| Damage(format!("'marks.{id}.{key}' should be {what}"));
    let mut flag = |key: &str| match t.remove(key) {
        None => Ok(false),
        Some(Value::Boolean(b)) => Ok(b),
        Some(_) => Err(wrong(key, "true or false")),
    };
    let (reviewed, flagged) = (flag("reviewed")?, flag("flagged")?);
    let note = match t.remove("note") {
        None => None,
        Some(Value::String(s)) => clean_note(&s),
        Some(_) => return Err(wrong("note", "a string")),
    };
    let updated = match t.remove("updated") {
        None => None,
        Some(Value::Datetime(d)) => Some(d),
        Some(_) => return Err(wrong("updated", "a date-time")),
    };
    let seen = match t.remove("seen") {
        None => None,
        Some(Value::Table(fields)) => {
            let mut seen = crate::state::Seen::new();
            for (field, h) in fields {
                let Value::String(h) = h else { return Err(wrong("seen", "a table of strings")) };
                seen.insert(field, h);
            }
            Some(seen)
        }
        Some(_) => return Err(wrong("seen", "a table of strings")),
    };
    let ratings = match t.remove("ratings") {
        None => std::collections::BTreeMap::new(),
        Some(Value::Table(cells)) => {
            let rating = |(h, v): (String, Value)| Some((h, v.as_str().and_then(Rating::parse)?));
            cells
                .into_iter()
                .map(rating)
                .collect::<Option<_>>()
                .ok_or_else(|| wrong("ratings", "a table of CC, C, N, NA, I or II"))?
        }
        Some(_) => return Err(wrong("ratings", "a table of CC, C, N, NA, I or II")),
    };
    let relevance = match t.remove("relevance") {
        None => None,
        Some(Value::String(l)) => Some(Level::parse(&l).ok_or_else(|| wrong("relevance", "low, medium or high"))?),
        Some(_) => return Err(wrong("relevance", "low, medium or high")),
    }
    .filter(|l| *l != Level::Medium);
    Ok(Record { mark: Mark { reviewed, flagged, note }, updated, seen, ratings, relevance, extra: t })
}

/// What the user saw when making a change, to keep with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Saw {
    #[default]
    Nothing,
    /// The entity's fingerprint, kept with its marks.
    Entity(crate::state::Seen),
    /// The briefing's fingerprint, kept with its reading.
    Briefing(String),
}

impl Doc {
    /// Applies one change; says whether the file's content changed.
    pub fn apply(&mut self, change: &Change, now: Datetime, saw: &Saw) -> bool {
        let id = change.id();
        if let Change::MarkRead(_) = change {
            let mut changed = false;
            if !self.read.contains_key(id) {
                self.read.insert(id.to_string(), Some(now));
                changed = true;
            }
            if let Saw::Briefing(h) = saw
                && self.read_seen.get(id) != Some(h)
            {
                self.read_seen.insert(id.to_string(), h.clone());
                changed = true;
            }
            return changed;
        }
        let record = self.marks.entry(id.to_string()).or_default();
        let before = (record.mark.clone(), record.ratings.clone(), record.relevance);
        match change {
            Change::SetReviewed(_, v) => record.mark.reviewed = *v,
            Change::SetFlagged(_, v) => record.mark.flagged = *v,
            Change::SetNote(_, note) => record.mark.note = note.as_deref().and_then(clean_note),
            Change::SetRating(_, h, Some(r)) => drop(record.ratings.insert(h.clone(), *r)),
            Change::SetRating(_, h, None) => drop(record.ratings.remove(h)),
            Change::SetRelevance(_, level) => record.relevance = (*level != Level::Medium).then_some(*level),
            Change::MarkRead(_) => {}
        }
        let mut changed = (&record.mark, &record.ratings, record.relevance) != (&before.0, &before.1, before.2);
        // Reviewing vouches for what was read: the fingerprint is taken then
        // (and, for a mark from before fingerprints, at its next write).
        let vouches = matches!(change, Change::SetReviewed(_, true)) || (record.seen.is_none() && record.mark.reviewed);
        if let Saw::Entity(seen) = saw
            && vouches
            && record.seen.as_ref() != Some(seen)
        {
            record.seen = Some(seen.clone());
            changed = true;
        }
        if !record.mark.reviewed && record.seen.take().is_some() {
            changed = true;
        }
        if changed {
            record.updated = Some(now);
        }
        // A mark with nothing left in it is dropped, so the file holds only what was set.
        if record.is_empty() {
            self.marks.remove(id);
        }
        changed
    }
}

/// The file's text: header, version, marks by id, then read briefings by id.
pub fn render(doc: &Doc) -> String {
    let mut s = String::from(HEADER);
    let _ = writeln!(s, "version = {VERSION}");
    extras(&mut s, &doc.extra);
    for (id, r) in &doc.marks {
        let _ = writeln!(s, "\n[marks.{}]", key(id));
        if r.mark.reviewed {
            s.push_str("reviewed = true\n");
        }
        if r.mark.flagged {
            s.push_str("flagged = true\n");
        }
        if let Some(note) = &r.mark.note {
            let _ = writeln!(s, "note = {}", Value::String(note.clone()));
        }
        if let Some(at) = &r.updated {
            let _ = writeln!(s, "updated = {at}");
        }
        if let Some(seen) = &r.seen {
            let fields: Vec<String> =
                seen.iter().map(|(k, v)| format!("{} = {}", key(k), Value::String(v.clone()))).collect();
            let _ = writeln!(s, "seen = {{ {} }}", fields.join(", "));
        }
        if !r.ratings.is_empty() {
            let cells: Vec<String> =
                r.ratings.iter().map(|(h, v)| format!("{} = \"{}\"", key(h), v.as_str())).collect();
            let _ = writeln!(s, "ratings = {{ {} }}", cells.join(", "));
        }
        if let Some(level) = r.relevance {
            let _ = writeln!(s, "relevance = \"{}\"", level.as_str());
        }
        extras(&mut s, &r.extra);
    }
    if !doc.read.is_empty() {
        s.push_str("\n[read]\n");
        for (id, at) in &doc.read {
            let _ = match at {
                Some(at) => writeln!(s, "{} = {at}", key(id)),
                None => writeln!(s, "{} = true", key(id)),
            };
        }
    }
    if !doc.read_seen.is_empty() {
        s.push_str("\n[read-seen]\n");
        for (id, h) in &doc.read_seen {
            let _ = writeln!(s, "{} = {}", key(id), Value::String(h.clone()));
        }
    }
    s
}

/// Unknown keys, written inline so they stay inside the table they came from.
fn extras(s: &mut String, extra: &Table) {
    for (k, v) in extra {
        let _ = writeln!(s, "{} = {v}", key(k));
    }
}

/// A bare key when it can be one, else a quoted one.
fn key(k: &str) -> String {
    let bare = !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { k.to_string() } else { Value::String(k.to_string()).to_string() }
}

/// The current time in UTC, to the second.
pub fn now() -> Datetime {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    datetime_from_unix(secs)
}

pub fn datetime_from_unix(secs: u64) -> Datetime {
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days);
    let time =
        Time { hour: (rest / 3600) as u8, minute: (rest % 3600 / 60) as u8, second: (rest % 60) as u8, nanosecond: 0 };
    Datetime { date: Some(Date { year, month, day }), time: Some(time), offset: Some(Offset::Z) }
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + u64::from(month <= 2);
    (u16::try_from(year).unwrap_or(u16::MAX), month, day)
}

#[cfg(test)]
mod tests;
