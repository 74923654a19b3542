//! One briefing file → its entities, before links are resolved.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::table::{Ctx, Lines, Table, quoted, valid_id};
use super::walk::MAX_FILE_BYTES;
use crate::diag::{Diagnostic, Unlisted};
use crate::files::{Follow, ReadError, read_capped};
use crate::model::{
    Actor, ActorKind, Body, Briefing, Claim, Confidence, Hypothesis, Likelihood, LinkField, Pos, Precedent, RawLink,
    SUBJECT_KINDS, Source, Subject, Tlp,
};
use crate::text::sanitize_line;

/// An entity as read from its file.
#[derive(Debug)]
pub struct Raw {
    pub id: String,
    pub pos: Pos,
    pub body: crate::model::Stored,
    pub links: Vec<RawLink>,
}

/// A file's entities (its briefing first, when it has one) and its problems.
#[derive(Debug, Default)]
pub struct Parsed {
    pub entities: Vec<Raw>,
    pub diags: Vec<Diagnostic>,
    pub unlisted: Unlisted,
    /// The entities are the file's last good version, kept by a reload
    /// ([`super::LastGood`]); `diags` say why the file does not parse now.
    pub stale: bool,
}

impl Parsed {
    /// The file as a whole could not be read or parsed (not TOML, not UTF-8,
    /// unreadable): nothing in it was read, so none of its ids are known.
    pub fn unparsed(&self) -> bool {
        self.entities.is_empty() && !self.diags.is_empty()
    }
}

const TOP: &[&str] = &[
    "id",
    "title",
    "date",
    "bluf",
    "summary",
    "tags",
    "tlp",
    "sources",
    "actors",
    "claims",
    "precedents",
    "hypotheses",
    "subjects",
];
const SUBJECT: &[&str] = &["id", "name", "kind", "aliases", "external_ids", "description", LinkField::Parent.key()];
const SOURCE: &[&str] = &["id", "title", "publisher", "url", "date", "reliability"];
const ACTOR: &[&str] =
    &["id", "name", "kind", "aliases", "external_ids", "role", "description", LinkField::Affiliations.key()];
const CLAIM: &[&str] = &[
    "id",
    "text",
    LinkField::By.key(),
    "date",
    "quote",
    LinkField::Sources.key(),
    "credibility",
    "confidence",
    "likelihood",
    LinkField::About.key(),
    LinkField::Supports.key(),
    LinkField::Contradicts.key(),
];
const PRECEDENT: &[&str] = &[
    "id",
    "name",
    "date",
    "end",
    "place",
    "description",
    LinkField::Actors.key(),
    "relevance",
    "similarities",
    "differences",
    LinkField::Briefing.key(),
];
const HYPOTHESIS: &[&str] = &["id", "text", LinkField::By.key(), "notes"];
const RELIABILITY: &[&str] = &["A", "B", "C", "D", "E", "F"];

/// Reads and parses one file. Never fails: problems become diagnostics.
pub fn parse_file(path: &Path) -> Parsed {
    // At most the limit plus one byte, whatever the size reads as; regular files
    // only, opened without waiting (the file may have changed since the listing).
    let bytes = match read_capped(path, MAX_FILE_BYTES, Follow::Yes) {
        Ok(b) => b,
        Err(ReadError::NotRegular) => return whole_file_error(path, "not a regular file; skipped".into()),
        Err(ReadError::TooLarge { limit }) => {
            return whole_file_error(path, format!("file is too large (over the limit of {limit} bytes); skipped"));
        }
        Err(ReadError::Io(e)) => return whole_file_error(path, format!("cannot read: {e}")),
    };
    let src = match std::str::from_utf8(&bytes) {
        Ok(s) => s,
        Err(e) => {
            let p = Lines::new(std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("")).pos(e.valid_up_to());
            let msg = "file is not valid UTF-8".to_string();
            return Parsed { diags: vec![Diagnostic::error(path, (p.line, p.col), msg)], ..Parsed::default() };
        }
    };
    parse_str(path, src)
}

fn whole_file_error(path: &Path, msg: String) -> Parsed {
    Parsed { diags: vec![Diagnostic::error(path, (0, 0), msg)], ..Parsed::default() }
}

pub fn parse_str(path: &Path, src: &str) -> Parsed {
    let mut ctx = Ctx { path, src, lines: Lines::new(src), diags: Vec::new(), unlisted: Unlisted::default() };
    let doc = match DeTable::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            let start = e.span().map_or(0, |s| s.start);
            let message = sanitize_line(e.message().trim()).into_owned();
            ctx.error(start, format!("invalid TOML: {message}"));
            return Parsed { diags: ctx.diags, ..Parsed::default() };
        }
    };
    let top = Table { table: doc.get_ref(), section: "", start: 0 };
    let sections = [
        ("sources", source as Reader),
        ("actors", actor),
        ("claims", claim),
        ("precedents", precedent),
        ("hypotheses", hypothesis),
        ("subjects", subject),
    ]
    .map(|(section, read)| (section, read, array_of_tables(&mut ctx, &top, section)));
    // Sized exactly from the tables found: no regrowth while reading them.
    let mut entities = Vec::with_capacity(1 + sections.iter().map(|(_, _, tables)| tables.len()).sum::<usize>());
    entities.push(briefing(&mut ctx, &top));
    if let [(_, start)] = sections[4].2.as_slice() {
        let msg = "the briefing has one hypothesis: competing hypotheses need at least two (docs/ACH.md)";
        ctx.warning(*start, msg.to_string());
    }
    for (section, read, tables) in sections {
        for (table, start) in tables {
            let t = Table { table, section, start };
            if let Some(raw) = entity(&mut ctx, &t, read) {
                entities.push(raw);
            }
        }
    }
    Parsed { entities, diags: ctx.diags, unlisted: ctx.unlisted, stale: false }
}

type Reader = fn(&mut Ctx, &Table, &mut Vec<RawLink>) -> Body;

fn array_of_tables<'t, 'i>(ctx: &mut Ctx, top: &Table<'t, 'i>, key: &'static str) -> Vec<(&'t DeTable<'i>, usize)> {
    let Some(v) = top.value(key) else { return Vec::new() };
    let items: Vec<&Spanned<DeValue>> = match v.get_ref() {
        DeValue::Array(a) => a.iter().collect(),
        _ => vec![v],
    };
    let mut out = Vec::new();
    for item in items {
        match item.get_ref() {
            DeValue::Table(t) => out.push((t, item.span().start)),
            other => {
                let msg = format!("{key} must be a list of tables ([[{key}]]), not {}", other.type_str());
                ctx.error(item.span().start, msg);
            }
        }
    }
    out
}

/// The id of an entity table, checked; `None` (with an error) when it is missing or malformed.
fn id_of(ctx: &mut Ctx, t: &Table) -> Option<(String, Pos)> {
    let id = t.string(ctx, "id", true)?;
    let start = t.value("id").map_or(t.start, |v| v.span().start);
    if !valid_id(&id) {
        ctx.error(start, format!("malformed id {}: use lowercase a-z, 0-9 and '-'", quoted(&id)));
        return None;
    }
    Some((id, ctx.pos(start)))
}

fn entity(ctx: &mut Ctx, t: &Table, read: Reader) -> Option<Raw> {
    let id = id_of(ctx, t);
    let mut links = Vec::new();
    let mut body = read(ctx, t, &mut links);
    let (id, pos) = id?;
    links.shrink_to_fit();
    // A missing name was reported; the id stands in so the entity stays usable.
    let label = match &mut body {
        Body::Source(Source { title: l, .. })
        | Body::Actor(Actor { name: l, .. })
        | Body::Claim(Claim { text: l, .. })
        | Body::Hypothesis(Hypothesis { text: l, .. }) => l,
        Body::Subject(Subject { name: l, .. }) => l,
        Body::Precedent(p) => &mut p.name,
        Body::Briefing(b) => &mut b.title,
    };
    if label.is_empty() {
        *label = id.as_str().into();
    }
    Some(Raw { id, pos, body: body.into(), links })
}

fn briefing(ctx: &mut Ctx, t: &Table) -> Raw {
    t.check_keys(ctx, TOP);
    let mut links = Vec::new();
    let stem = ctx.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (id, pos) = if t.value("id").is_some() {
        id_of(ctx, t).unwrap_or_else(|| (stem_id(&stem), Pos { line: 1, col: 1 }))
    } else {
        if !valid_id(&stem) {
            ctx.error(0, format!("the file name {} is not a valid id: add an id = \"…\" key", quoted(&stem)));
        }
        (stem_id(&stem), Pos { line: 1, col: 1 })
    };
    let body = Briefing {
        title: t.line(ctx, "title", true).unwrap_or_else(|| id.as_str().into()),
        date: t.date(ctx, "date"),
        bluf: t.prose(ctx, LinkField::Bluf, false, &mut links),
        summary: t.prose(ctx, LinkField::Summary, false, &mut links),
        tags: t.strings(ctx, "tags"),
        tlp: t.choice(ctx, "tlp", &Tlp::NAMES).as_deref().and_then(Tlp::parse),
        ..Briefing::default()
    };
    Raw { id, pos, body: Body::Briefing(Box::new(body)).into(), links }
}

/// A file name made into an id, for a briefing that has none.
fn stem_id(stem: &str) -> String {
    let id: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    if valid_id(&id) { id } else { format!("file-{}", id.trim_start_matches('-')) }
}

fn source(ctx: &mut Ctx, t: &Table, _links: &mut Vec<RawLink>) -> Body {
    t.check_keys(ctx, SOURCE);
    Body::Source(Source {
        title: t.line(ctx, "title", true).unwrap_or_default(),
        publisher: t.line(ctx, "publisher", false),
        url: t.line(ctx, "url", false),
        date: t.date(ctx, "date"),
        reliability: t.choice(ctx, "reliability", RELIABILITY).and_then(|s| s.chars().next()),
    })
}

fn actor(ctx: &mut Ctx, t: &Table, links: &mut Vec<RawLink>) -> Body {
    t.check_keys(ctx, ACTOR);
    t.links(ctx, LinkField::Affiliations, links);
    Body::Actor(Actor {
        name: t.line(ctx, "name", true).unwrap_or_default(),
        kind: t.choice(ctx, "kind", ActorKind::WORDS).as_deref().and_then(ActorKind::parse),
        aliases: t.strings(ctx, "aliases"),
        external_ids: t.strings(ctx, "external_ids"),
        role: t.line(ctx, "role", false),
        description: t.prose(ctx, LinkField::Description, false, links),
    })
}

fn claim(ctx: &mut Ctx, t: &Table, links: &mut Vec<RawLink>) -> Body {
    t.check_keys(ctx, CLAIM);
    for field in LinkField::CLAIM {
        t.links(ctx, field, links);
    }
    Body::Claim(Claim {
        // One sentence, shown on one line wherever the claim is listed.
        text: t
            .prose(ctx, LinkField::Text, true, links)
            .map(|s| sanitize_line(s.trim()).into_owned().into())
            .unwrap_or_default(),
        date: t.date(ctx, "date"),
        quote: t.prose(ctx, LinkField::Quote, false, links),
        credibility: t.integer(ctx, "credibility", 1..=6).map(|n| n as u8),
        confidence: t.choice(ctx, "confidence", Confidence::WORDS).as_deref().and_then(Confidence::parse),
        likelihood: t.choice(ctx, "likelihood", Likelihood::WORDS).as_deref().and_then(Likelihood::parse),
    })
}

fn precedent(ctx: &mut Ctx, t: &Table, links: &mut Vec<RawLink>) -> Body {
    t.check_keys(ctx, PRECEDENT);
    t.links(ctx, LinkField::Actors, links);
    t.links(ctx, LinkField::Briefing, links);
    Body::Precedent(Box::new(Precedent {
        name: t.line(ctx, "name", true).unwrap_or_default(),
        date: t.date(ctx, "date"),
        end: t.date(ctx, "end"),
        place: t.line(ctx, "place", false),
        description: t.prose(ctx, LinkField::Description, false, links),
        relevance: t.prose(ctx, LinkField::Relevance, false, links),
        similarities: t.strings(ctx, "similarities"),
        differences: t.strings(ctx, "differences"),
    }))
}

/// `[[hypotheses]]`: one explanation the briefing weighs; `by` names who puts it forward.
fn hypothesis(ctx: &mut Ctx, t: &Table, links: &mut Vec<RawLink>) -> Body {
    t.check_keys(ctx, HYPOTHESIS);
    t.links(ctx, LinkField::By, links);
    Body::Hypothesis(Hypothesis {
        // One sentence, shown on one line wherever it is listed, as a claim's text is.
        text: t
            .prose(ctx, LinkField::Text, true, links)
            .map(|s| sanitize_line(s.trim()).into_owned().into())
            .unwrap_or_default(),
        notes: t.prose(ctx, LinkField::Notes, false, links),
    })
}

/// `[[subjects]]`: what claims are about that is not an actor (malware, a tool, a technique…).
fn subject(ctx: &mut Ctx, t: &Table, links: &mut Vec<RawLink>) -> Body {
    t.check_keys(ctx, SUBJECT);
    if t.value("kind").is_none() {
        ctx.error(t.start, "subjects.kind is missing (a subject must say what it is)".to_string());
    }
    t.links(ctx, LinkField::Parent, links);
    Body::Subject(Subject {
        name: t.line(ctx, "name", true).unwrap_or_default(),
        kind: t.choice(ctx, "kind", &SUBJECT_KINDS.map(|(kind, _)| kind)).unwrap_or_default().into(),
        aliases: t.strings(ctx, "aliases"),
        external_ids: t.strings(ctx, "external_ids"),
        description: t.prose(ctx, LinkField::Description, false, links),
    })
}
