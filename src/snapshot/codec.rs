//! One file's parse as bytes and back. Read from a file anyone with access to
//! the cache folder could have written, so every length is checked against
//! what is left and every tag against what it may be: a bad entry is `None`,
//! never a panic or a huge allocation.

use std::path::Path;
use std::sync::Arc;

use crate::date::Date;
use crate::diag::{Diagnostic, Severity, Unlisted};
use crate::load::{Parsed, Raw};
use crate::mapping::Mapping;
use crate::model::{
    Actor, ActorKind, Body, Briefing, Claim, Confidence, Hypothesis, Likelihood, LinkField, Pos, Precedent, RawLink,
    Source, Stored, Subject, Text, Tlp,
};

/// Every link field, by its number in a snapshot.
const FIELDS: [LinkField; 16] = [
    LinkField::By,
    LinkField::Sources,
    LinkField::About,
    LinkField::Supports,
    LinkField::Contradicts,
    LinkField::Affiliations,
    LinkField::Actors,
    LinkField::Briefing,
    LinkField::Bluf,
    LinkField::Summary,
    LinkField::Description,
    LinkField::Text,
    LinkField::Quote,
    LinkField::Relevance,
    LinkField::Notes,
    LinkField::Parent,
];

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

/// `p` as bytes; its diagnostics' path is the file's, given back on reading.
pub fn encode(p: &Parsed, out: &mut Vec<u8>) {
    let mut w = W(out);
    w.u32(p.entities.len() as u32);
    for e in &p.entities {
        w.str(&e.id);
        w.pos(e.pos);
        w.u32(e.links.len() as u32);
        for l in &e.links {
            w.u8(FIELDS.iter().position(|f| *f == l.field).unwrap_or(0) as u8);
            w.str(&l.id);
            w.pos(l.pos);
        }
        w.body(e.body.get());
    }
    w.u32(p.diags.len() as u32);
    for d in &p.diags {
        w.u8(SEVERITIES.iter().position(|s| *s == d.severity).unwrap_or(0) as u8);
        w.u32(d.line);
        w.u32(d.col);
        w.str(&d.message);
    }
    w.u64(p.unlisted.errors as u64);
    w.u64(p.unlisted.warnings as u64);
}

/// The parse `encode` wrote, for the file at `path`; `None` for anything
/// malformed or left over. With `map`, the mapping `bytes` lie in, the
/// entities' text is read where it lies rather than copied ([`Text::mapped`]).
pub fn decode(bytes: &[u8], path: &Path, map: Option<&Arc<Mapping>>) -> Option<Parsed> {
    let mut r = R { b: bytes, map, check_only: false };
    let n = r.count()?;
    let mut entities = Vec::with_capacity(n);
    for _ in 0..n {
        let (id, pos) = (r.str()?, r.pos()?);
        let links = r.list(13, |r| {
            let field = *FIELDS.get(usize::from(r.u8()?))?;
            Some(RawLink::new(field, r.text()?, r.pos()?))
        })?;
        let at = map.map(|m| r.b.as_ptr() as usize - m.bytes().as_ptr() as usize);
        // Decoded whole once, to check it; then, but for a briefing (whose
        // lists the load fills in), left where it lies until it is shown. Its
        // text is only checked, not kept ([`R::text`]): a kept text counts on
        // the mapping's one `Arc`, which every decoding thread writes.
        let at = at.and_then(|at| u32::try_from(at).ok()).filter(|_| r.b.first() != Some(&0));
        r.check_only = at.is_some();
        let body = r.body()?;
        r.check_only = false;
        let body = match (map, at) {
            (Some(map), Some(at)) => Stored::mapped(body.kind(), map, at),
            _ => Stored::own(body),
        };
        entities.push(Raw { id, pos, body, links });
    }
    let diags = (0..r.count()?)
        .map(|_| {
            let severity = *SEVERITIES.get(usize::from(r.u8()?))?;
            let (line, col, message) = (r.u32()?, r.u32()?, r.str()?);
            Some(Diagnostic { severity, path: path.to_path_buf(), line, col, message })
        })
        .collect::<Option<Vec<_>>>()?;
    let unlisted = Unlisted { errors: usize::try_from(r.u64()?).ok()?, warnings: usize::try_from(r.u64()?).ok()? };
    r.b.is_empty().then_some(Parsed { entities, diags, unlisted, stale: false })
}

/// The body whose bytes start at `at` of `map` (where [`decode`] left it).
pub fn body_at(map: &Arc<Mapping>, at: usize) -> Option<Body> {
    R { b: map.bytes().get(at..)?, map: Some(map), check_only: false }.body()
}

/// The label of the body at `at` of `map`, read in place: every body's
/// first field is its label, after the byte that says its kind.
pub fn label_at(map: &Mapping, at: usize) -> Option<&str> {
    let len = map.get(at.checked_add(1)?, 4)?;
    map.str(at + 5, u32::from_le_bytes(len.try_into().ok()?) as usize)
}

struct W<'a>(&'a mut Vec<u8>);

impl W<'_> {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn pos(&mut self, p: Pos) {
        self.u32(p.line);
        self.u32(p.col);
    }

    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }

    fn strs(&mut self, v: &[Text]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }

    fn date(&mut self, d: Option<&Date>) {
        self.opt(d.map(Date::text));
    }

    fn ids(&mut self, v: &[usize]) {
        self.u32(v.len() as u32);
        for &e in v {
            self.u64(e as u64);
        }
    }

    fn body(&mut self, body: &Body) {
        match body {
            Body::Briefing(b) => {
                self.u8(0);
                self.str(&b.title);
                self.date(b.date.as_ref());
                self.opt(b.bluf.as_deref());
                self.opt(b.summary.as_deref());
                self.strs(&b.tags);
                self.opt(b.tlp.map(Tlp::as_str));
                for v in [&b.sources, &b.claims, &b.precedents, &b.actors, &b.hypotheses] {
                    self.ids(v);
                }
            }
            Body::Source(s) => {
                self.u8(1);
                self.str(&s.title);
                self.opt(s.publisher.as_deref());
                self.opt(s.url.as_deref());
                self.date(s.date.as_ref());
                self.u32(s.reliability.map_or(u32::MAX, u32::from));
            }
            Body::Actor(a) => {
                self.u8(2);
                self.str(&a.name);
                self.opt(a.kind.map(ActorKind::as_str));
                self.strs(&a.aliases);
                self.strs(&a.external_ids);
                self.opt(a.role.as_deref());
                self.opt(a.description.as_deref());
            }
            Body::Claim(c) => {
                self.u8(3);
                self.str(&c.text);
                self.date(c.date.as_ref());
                self.opt(c.quote.as_deref());
                self.u32(c.credibility.map_or(u32::MAX, u32::from));
                self.opt(c.confidence.map(Confidence::as_str));
                self.opt(c.likelihood.map(Likelihood::as_str));
            }
            Body::Precedent(p) => {
                self.u8(4);
                self.str(&p.name);
                self.date(p.date.as_ref());
                self.date(p.end.as_ref());
                self.opt(p.place.as_deref());
                self.opt(p.description.as_deref());
                self.opt(p.relevance.as_deref());
                self.strs(&p.similarities);
                self.strs(&p.differences);
            }
            Body::Hypothesis(h) => {
                self.u8(5);
                self.str(&h.text);
                self.opt(h.notes.as_deref());
            }
            Body::Subject(s) => {
                self.u8(6);
                self.str(&s.name);
                self.str(&s.kind);
                self.strs(&s.aliases);
                self.strs(&s.external_ids);
                self.opt(s.description.as_deref());
            }
        }
    }
}

struct R<'a> {
    b: &'a [u8],
    /// The mapping `b` lies in, if it is mapped.
    map: Option<&'a Arc<Mapping>>,
    /// Text is checked, then read as empty: for a body left in the mapping.
    check_only: bool,
}

// `Option<Option<T>>`: the outer `None` is a malformed entry, the inner a
// value the file does not give.
#[allow(clippy::option_option)]
impl<'a> R<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.b.split_at_checked(n)?;
        self.b = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }

    /// A count of items, each at least one byte: never more than the bytes left.
    fn count(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.b.len()).then_some(n)
    }

    fn pos(&mut self) -> Option<Pos> {
        Some(Pos { line: self.u32()?, col: self.u32()? })
    }

    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok().map(String::from)
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.str().map(Some),
            _ => None,
        }
    }

    /// Text of the model: where it lies in the mapping, or copied.
    fn text(&mut self) -> Option<Text> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        match self.map {
            Some(_) if self.check_only => std::str::from_utf8(bytes).ok().map(|_| Text::default()),
            Some(map) => Text::mapped(map, bytes.as_ptr() as usize - map.bytes().as_ptr() as usize, n),
            None => std::str::from_utf8(bytes).ok().map(Text::from),
        }
    }

    fn opt_text(&mut self) -> Option<Option<Text>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.text().map(Some),
            _ => None,
        }
    }

    fn texts(&mut self) -> Option<Vec<Text>> {
        self.list(4, R::text)
    }

    /// A count, then that many items of at least `least` bytes each: in a
    /// list of exactly that size (half a million entities' lists grown by
    /// doubling would leave a quarter of their memory unused), but never
    /// more than the bytes left could hold.
    fn list<T>(&mut self, least: usize, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n.min(self.b.len() / least));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }

    /// A date as written; one that no longer parses is a bad entry.
    fn date(&mut self) -> Option<Option<Date>> {
        match self.opt()? {
            None => Some(None),
            Some(text) => Date::parse(&text).map(Some),
        }
    }

    fn ids(&mut self) -> Option<Vec<usize>> {
        self.list(8, |r| usize::try_from(r.u64()?).ok())
    }

    fn small(&mut self) -> Option<Option<u32>> {
        let v = self.u32()?;
        Some((v != u32::MAX).then_some(v))
    }

    fn body(&mut self) -> Option<Body> {
        Some(match self.u8()? {
            0 => {
                let (title, date, bluf, summary) = (self.text()?, self.date()?, self.opt_text()?, self.opt_text()?);
                let (tags, tlp) = (self.texts()?, self.opt()?);
                let (sources, claims, precedents, actors) = (self.ids()?, self.ids()?, self.ids()?, self.ids()?);
                let hypotheses = self.ids()?;
                Body::Briefing(Box::new(Briefing {
                    title,
                    date,
                    bluf,
                    summary,
                    tags,
                    tlp: tlp.as_deref().and_then(Tlp::parse),
                    sources,
                    claims,
                    precedents,
                    hypotheses,
                    actors,
                }))
            }
            1 => {
                let (title, publisher, url, date) = (self.text()?, self.opt_text()?, self.opt_text()?, self.date()?);
                let reliability = match self.small()? {
                    Some(c) => Some(char::from_u32(c)?),
                    None => None,
                };
                Body::Source(Source { title, publisher, url, date, reliability })
            }
            2 => {
                let (name, kind, aliases) = (self.text()?, self.opt()?, self.texts()?);
                let kind = kind.as_deref().and_then(ActorKind::parse);
                let (external_ids, role, description) = (self.texts()?, self.opt_text()?, self.opt_text()?);
                Body::Actor(Actor { name, kind, aliases, external_ids, role, description })
            }
            3 => {
                let (text, date, quote) = (self.text()?, self.date()?, self.opt_text()?);
                let credibility = match self.small()? {
                    Some(c) => Some(u8::try_from(c).ok()?),
                    None => None,
                };
                let (confidence, likelihood): (Option<String>, Option<String>) = (self.opt()?, self.opt()?);
                let confidence = confidence.as_deref().and_then(Confidence::parse);
                let likelihood = likelihood.as_deref().and_then(Likelihood::parse);
                Body::Claim(Claim { text, date, quote, credibility, confidence, likelihood })
            }
            4 => {
                let (name, date, end, place) = (self.text()?, self.date()?, self.date()?, self.opt_text()?);
                let (description, relevance) = (self.opt_text()?, self.opt_text()?);
                let (similarities, differences) = (self.texts()?, self.texts()?);
                Body::Precedent(Box::new(Precedent {
                    name,
                    date,
                    end,
                    place,
                    description,
                    relevance,
                    similarities,
                    differences,
                }))
            }
            5 => {
                let (text, notes) = (self.text()?, self.opt_text()?);
                Body::Hypothesis(Hypothesis { text, notes })
            }
            6 => {
                let (name, kind, aliases) = (self.text()?, self.text()?, self.texts()?);
                let (external_ids, description) = (self.texts()?, self.opt_text()?);
                Body::Subject(Subject { name, kind, aliases, external_ids, description })
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
