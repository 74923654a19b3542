//! Typed reading of one TOML table, with a diagnostic at the exact place of
//! every missing key, wrong type, bad value and unknown key.

use std::cell::Cell;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::date::Date;
use crate::diag::{Diagnostic, LISTED_PER_FILE, Severity, Unlisted};
use crate::model::{LinkField, Pos, RawLink, Text};
use crate::text::{sanitize, sanitize_line, segments};

/// Byte offsets to 1-based line and column (in characters).
pub struct Lines<'s> {
    src: &'s str,
    starts: Vec<usize>,
    /// The last offset asked and its column: places are mostly asked in order,
    /// so counting on from there keeps 200,000 links on one line linear.
    last: Cell<(usize, usize)>,
}

impl<'s> Lines<'s> {
    pub fn new(src: &'s str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Lines { src, starts, last: Cell::new((0, 0)) }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.src.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let (last, last_col) = self.last.get();
        let (from, base) = if (start..=offset).contains(&last) { (last, last_col) } else { (start, 0) };
        let col = base + self.src.get(from..offset).map_or(offset - from, |s| s.chars().count());
        self.last.set((offset, col));
        // A file is at most 4 MiB, so both fit; saturating all the same.
        let at = |n: usize| u32::try_from(n + 1).unwrap_or(u32::MAX);
        Pos { line: at(line), col: at(col) }
    }
}

/// What one file's reading shares: its path, its text and the problems found.
pub struct Ctx<'s> {
    pub path: &'s Path,
    pub src: &'s str,
    pub lines: Lines<'s>,
    pub diags: Vec<Diagnostic>,
    /// Errors and warnings past the first [`LISTED_PER_FILE`], counted only.
    pub unlisted: Unlisted,
}

impl Ctx<'_> {
    pub fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    pub fn error(&mut self, offset: usize, message: String) {
        self.push(Severity::Error, offset, message);
    }

    pub fn warning(&mut self, offset: usize, message: String) {
        self.push(Severity::Warning, offset, message);
    }

    fn push(&mut self, severity: Severity, offset: usize, message: String) {
        if self.diags.len() >= LISTED_PER_FILE {
            self.unlisted.count(severity);
            return;
        }
        let p = self.pos(offset);
        self.diags.push(Diagnostic { severity, path: self.path.to_path_buf(), line: p.line, col: p.col, message });
    }
}

/// A short, harmless rendering of a value from the file for a message.
pub fn quoted(s: &str) -> String {
    let s = sanitize_line(s);
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("'{}…'", &s[..i]),
        None => format!("'{s}'"),
    }
}

pub fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// One table being read: `section` names it in messages (`claims`, or empty for the top level).
pub struct Table<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub section: &'static str,
    pub start: usize,
}

type Value<'t, 'i> = &'t Spanned<DeValue<'i>>;

impl<'t, 'i> Table<'t, 'i> {
    /// Warns about every key not in `known`, suggesting the closest one.
    pub fn check_keys(&self, ctx: &mut Ctx, known: &[&str]) {
        for key in self.table.keys() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let near = known.iter().map(|k| (strsim::levenshtein(name, k), *k)).min();
            let hint = match near {
                // Close, but not a rewrite of the whole key ('k' is not a typo of 'id').
                Some((d, k)) if d <= 2.max(name.len() / 3) && d < name.len() => format!("; did you mean '{k}'?"),
                _ => String::new(),
            };
            ctx.warning(key.span().start, format!("unknown key {} in {}{hint}", quoted(name), self.where_()));
        }
    }

    fn where_(&self) -> String {
        if self.section.is_empty() { "the briefing".into() } else { self.section.to_string() }
    }

    fn field(&self, key: &str) -> String {
        if self.section.is_empty() { key.to_string() } else { format!("{}.{key}", self.section) }
    }

    pub fn value(&self, key: &str) -> Option<Value<'t, 'i>> {
        self.table.get(key)
    }

    fn wrong_type(&self, ctx: &mut Ctx, key: &str, v: Value, expected: &str) {
        let msg = format!("{} must be {expected}, not {}", self.field(key), v.get_ref().type_str());
        ctx.error(v.span().start, msg);
    }

    /// A string field, made harmless; `required` reports its absence.
    pub fn string(&self, ctx: &mut Ctx, key: &str, required: bool) -> Option<String> {
        let Some(v) = self.value(key) else {
            if required {
                ctx.error(self.start, format!("missing required key '{key}' in {}", self.where_()));
            }
            return None;
        };
        if let Some(s) = v.get_ref().as_str() {
            Some(sanitize(s).into_owned())
        } else {
            self.wrong_type(ctx, key, v, "a string");
            None
        }
    }

    /// A one-line string: newlines become spaces.
    pub fn line(&self, ctx: &mut Ctx, key: &str, required: bool) -> Option<Text> {
        self.string(ctx, key, required).map(|s| sanitize_line(s.trim()).into_owned().into())
    }

    /// A string that must be one of `allowed`.
    pub fn choice(&self, ctx: &mut Ctx, key: &str, allowed: &[&str]) -> Option<String> {
        let s = self.string(ctx, key, false)?;
        if allowed.contains(&s.as_str()) {
            return Some(s);
        }
        let start = self.value(key).map_or(self.start, |v| v.span().start);
        let list = allowed.join(", ");
        ctx.error(start, format!("{} is {}, expected one of: {list}", self.field(key), quoted(&s)));
        None
    }

    pub fn strings(&self, ctx: &mut Ctx, key: &str) -> Vec<Text> {
        self.string_items(ctx, key).into_iter().map(|(s, _)| sanitize_line(&s).into_owned().into()).collect()
    }

    /// A string or an array of strings, each with its offset.
    fn string_items(&self, ctx: &mut Ctx, key: &str) -> Vec<(String, usize)> {
        let Some(v) = self.value(key) else { return Vec::new() };
        let items: Vec<Value> = match v.get_ref() {
            DeValue::String(_) => vec![v],
            DeValue::Array(a) => a.iter().collect(),
            _ => {
                self.wrong_type(ctx, key, v, "a list of strings");
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref().as_str() {
                Some(s) => out.push((s.to_string(), item.span().start)),
                None => self.wrong_type(ctx, key, item, "a string"),
            }
        }
        out
    }

    pub fn integer(&self, ctx: &mut Ctx, key: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
        let v = self.value(key)?;
        let parsed = v.get_ref().as_integer().and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        match parsed {
            Some(n) if range.contains(&n) => Some(n),
            Some(n) => {
                let msg = format!("{} is {n}, expected {} to {}", self.field(key), range.start(), range.end());
                ctx.error(v.span().start, msg);
                None
            }
            None => {
                self.wrong_type(ctx, key, v, "a whole number");
                None
            }
        }
    }

    /// A TOML date, or a string `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn date(&self, ctx: &mut Ctx, key: &str) -> Option<Date> {
        let v = self.value(key)?;
        let text = match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.date.is_some() => dt.to_string(),
            DeValue::String(s) => s.to_string(),
            _ => {
                self.wrong_type(ctx, key, v, "a date (2004-09-01, \"2004-09\" or \"2004\")");
                return None;
            }
        };
        let date = Date::parse(&text);
        if date.is_none() {
            let msg = format!("{} is {}, expected a date: YYYY, YYYY-MM or YYYY-MM-DD", self.field(key), quoted(&text));
            ctx.error(v.span().start, msg);
        }
        date
    }

    /// An id field (one id or a list of them) read as links.
    pub fn links(&self, ctx: &mut Ctx, field: LinkField, out: &mut Vec<RawLink>) {
        let key = field.key();
        for (target, offset) in self.string_items(ctx, key) {
            if !valid_id(&target) {
                ctx.error(offset, format!("malformed id {} in {}", quoted(&target), self.field(key)));
                continue;
            }
            out.push(RawLink::new(field, target.as_str(), ctx.pos(offset)));
        }
    }

    /// Prose that may hold `[[id]]` links: read, and its links collected.
    pub fn prose(&self, ctx: &mut Ctx, field: LinkField, required: bool, out: &mut Vec<RawLink>) -> Option<Text> {
        let key = field.key();
        let text = self.string(ctx, key, required)?;
        let span = self.value(key).map_or(0..0, toml::Spanned::span);
        let raw = ctx.src.get(span.clone()).unwrap_or("");
        // Links are found in the source in order, each `[[` used once.
        let mut from = 0;
        for seg in segments(&text) {
            let crate::text::Segment::Link { target, .. } = seg else { continue };
            let names = |i: usize| {
                let rest = raw[i + 2..].trim_start();
                rest.strip_prefix(target).is_some_and(|r| r.trim_start().starts_with(['|', ']']))
            };
            let found = raw[from..].match_indices("[[").map(|(i, _)| from + i).find(|&i| names(i));
            // Not found (escapes in the source): later links are placed at the
            // field, not searched for again, so the search stays linear.
            from = found.map_or(raw.len(), |i| i + 2);
            let at = found.map_or(span.start, |i| span.start + i);
            if !valid_id(target) {
                ctx.error(at, format!("malformed id {} in a link in {}", quoted(target), self.field(key)));
                continue;
            }
            out.push(RawLink::new(field, target, ctx.pos(at)));
        }
        Some(text.into())
    }
}
