//! Ids, links and backlinks across every file of the folder.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::parse::Parsed;
use super::table::quoted;
use super::walk::Found;
use crate::diag::{Diagnostic, LISTED_PER_FILE, Severity, Unlisted};
use crate::model::{Backlink, Body, Corpus, Entity, Kind, Link};

/// The kind with its article, for messages: "an actor", "a claim".
fn a(kind: Kind) -> String {
    let article = if kind == Kind::Actor { "an" } else { "a" };
    format!("{article} {}", kind.as_str())
}

fn section(kind: Kind) -> &'static str {
    match kind {
        Kind::Briefing => "",
        Kind::Actor => "actors.",
        Kind::Claim => "claims.",
        Kind::Precedent => "precedents.",
        Kind::Source => "sources.",
    }
}

/// A corpus being built: each file's entities are placed as the file is parsed,
/// in file order, then links are resolved once every file is in.
pub struct Builder {
    c: Corpus,
    /// Per file: problems listed so far, and those only counted.
    listed: Vec<(usize, Unlisted)>,
}

impl Builder {
    pub fn new(root: &Path, found: Found) -> Self {
        let listed = vec![(0, Unlisted::default()); found.files.len()];
        Builder {
            listed,
            c: Corpus {
                root: root.to_path_buf(),
                files: found.files,
                diagnostics: found.problems,
                ..Corpus::default()
            },
        }
    }

    /// Places the entities of file number `file`; files must come in order.
    pub fn add(&mut self, file: usize, p: Parsed) {
        self.listed[file] = (p.diags.len(), p.unlisted);
        self.c.diagnostics.extend(p.diags);
        let c = &mut self.c;
        c.entities.reserve(p.entities.len());
        let mut briefing = None;
        for raw in p.entities {
            let eid = c.entities.len();
            if let Some(&first) = c.ids.get(&raw.id) {
                if listing(&mut self.listed[file], Severity::Error) {
                    let other = &c.entities[first];
                    let path = crate::text::sanitize_line(&c.files[other.file].to_string_lossy()).into_owned();
                    let place = format!("{path}:{}:{}", other.pos.line, other.pos.col);
                    let msg = format!("duplicate id {}: first defined at {place}", quoted(&raw.id));
                    c.diagnostics.push(Diagnostic::error(&c.files[file], (raw.pos.line, raw.pos.col), msg));
                }
            } else {
                c.ids.insert(raw.id.clone(), eid);
            }
            let owner = *briefing.get_or_insert(eid);
            let (id, pos, body, links) = (raw.id, raw.pos, raw.body, raw.links);
            c.entities.push(Entity { id, file, pos, briefing: owner, body, links });
            add_to_briefing(c, owner, eid);
        }
    }

    pub fn finish(mut self) -> Corpus {
        resolve_links(&mut self.c, &mut self.listed);
        let mut c = resolve(self.c);
        for (path, (_, unlisted)) in c.files.iter().zip(&self.listed) {
            if !unlisted.is_empty() {
                c.diagnostics.push(unlisted.note(path));
                c.unlisted.add(*unlisted);
            }
        }
        // Stable, by file alone: each note stays last among its file's problems.
        c.diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
        c
    }
}

/// Whether one more problem of `file` is listed; counted either way.
fn listing((listed, unlisted): &mut (usize, Unlisted), severity: Severity) -> bool {
    if *listed < LISTED_PER_FILE {
        *listed += 1;
        return true;
    }
    unlisted.count(severity);
    false
}

fn resolve(mut c: Corpus) -> Corpus {
    c.backlinks = vec![Vec::new(); c.entities.len()];
    for (from, e) in c.entities.iter().enumerate() {
        for link in &e.links {
            // One backlink per linking field, however often the field names it;
            // a repeat can only be among the last ones, pushed by this same entity.
            let Some(to) = link.to else { continue };
            let b = Backlink { from, field: link.field };
            if !c.backlinks[to].iter().rev().take_while(|x| x.from == from).any(|x| *x == b) {
                c.backlinks[to].push(b);
            }
        }
    }
    add_referenced(&mut c);
    let mut briefings = std::mem::take(&mut c.briefings);
    briefings.sort_by(|&a, &b| {
        let (ea, eb) = (&c.entities[a], &c.entities[b]);
        eb.date().cmp(&ea.date()).then_with(|| ea.label().cmp(eb.label()))
    });
    c.briefings = briefings;
    c.diagnostics.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    c
}

fn add_to_briefing(c: &mut Corpus, owner: usize, eid: usize) {
    let kind = c.entities[eid].kind();
    if kind == Kind::Briefing {
        c.briefings.push(eid);
        return;
    }
    let Body::Briefing(b) = &mut c.entities[owner].body else { return };
    match kind {
        Kind::Actor => b.actors.push(eid),
        Kind::Claim => b.claims.push(eid),
        Kind::Precedent => b.precedents.push(eid),
        Kind::Source => b.sources.push(eid),
        Kind::Briefing => {}
    }
}

fn resolve_links(c: &mut Corpus, listed: &mut [(usize, Unlisted)]) {
    let kinds: Vec<Kind> = c.entities.iter().map(Entity::kind).collect();
    let mut diags = Vec::new();
    for e in &mut c.entities {
        let kind = e.kind();
        for link in &mut e.links {
            let want = link.field.expected();
            let found = c.ids.get(&link.target).copied();
            if found.is_none_or(|to| want.is_some_and(|k| kinds[to] != k))
                && !listing(&mut listed[e.file], Severity::Error)
            {
                continue;
            }
            match (found, want) {
                (Some(to), Some(k)) if kinds[to] != k => {
                    let msg =
                        format!("{} in {} is {}, not {}", quoted(&link.target), place(kind, link), a(kinds[to]), a(k));
                    diags.push(Diagnostic::error(&c.files[e.file], (link.pos.line, link.pos.col), msg));
                }
                (Some(to), _) => link.to = Some(to),
                (None, want) => {
                    let what = want.map_or("id", Kind::as_str);
                    let msg = format!("unknown {what} {} in {}", quoted(&link.target), place(kind, link));
                    diags.push(Diagnostic::error(&c.files[e.file], (link.pos.line, link.pos.col), msg));
                }
            }
        }
    }
    c.diagnostics.extend(diags);
}

/// Where a link stands, for messages: `claims.by`, `a link in summary`.
fn place(kind: Kind, link: &Link) -> String {
    let from = section(kind);
    let key = link.field.key();
    if link.inline() { format!("a link in {from}{key}") } else { format!("{from}{key}") }
}

/// A briefing's actors and precedents: those it defines, then those defined
/// elsewhere that it or its entities link to, or that name it as their briefing.
fn add_referenced(c: &mut Corpus) {
    let mut extra: HashMap<usize, Vec<usize>> = HashMap::new();
    // Each entity's kind and briefing side by side: a link's target is read
    // from these small tables, not from its whole entity (half a million
    // entities do not stay in the processor's cache).
    let kinds: Vec<Kind> = c.entities.iter().map(Entity::kind).collect();
    let owners: Vec<usize> = c.entities.iter().map(|e| e.briefing).collect();
    let elsewhere =
        |to: usize, briefing: usize| matches!(kinds[to], Kind::Actor | Kind::Precedent) && owners[to] != briefing;
    for (from, e) in c.entities.iter().enumerate() {
        for to in e.links.iter().filter_map(|l| l.to) {
            if elsewhere(to, e.briefing) {
                extra.entry(e.briefing).or_default().push(to);
            }
            // `briefing = "..."` on a precedent: the briefing it belongs with lists it.
            if kinds[to] == Kind::Briefing && elsewhere(from, to) {
                extra.entry(to).or_default().push(from);
            }
        }
    }
    for (briefing, found) in extra {
        let Body::Briefing(b) = &mut c.entities[briefing].body else { continue };
        // A set beside each list: a briefing may reach 100,000 entities elsewhere.
        let mut seen: HashSet<usize> = b.actors.iter().chain(&b.precedents).copied().collect();
        for i in found {
            if seen.insert(i) {
                (if kinds[i] == Kind::Actor { &mut b.actors } else { &mut b.precedents }).push(i);
            }
        }
    }
}
