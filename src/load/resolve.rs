//! Ids, links and backlinks across every file of the folder.

use std::collections::HashMap;
use std::path::Path;

use super::parse::Parsed;
use super::table::quoted;
use super::walk::Found;
use crate::diag::{Diagnostic, LISTED_PER_FILE, Severity, Unlisted};
use crate::model::{Backlinks, Body, Corpus, Entity, Kind, Link, RawLink};

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
        Kind::Hypothesis => "hypotheses.",
        Kind::Subject => "subjects.",
    }
}

/// A corpus being built: each file's entities are placed as the file is parsed,
/// in file order, then links are resolved once every file is in.
pub struct Builder {
    c: Corpus,
    /// Per file: problems listed so far, and those only counted.
    listed: Vec<(usize, Unlisted)>,
    /// The errors of the files that do not parse or were skipped whole,
    /// listed first; and those of them whose ids are unknown (not kept from
    /// a last good version).
    unparsed: Vec<Diagnostic>,
    lost: Vec<std::path::PathBuf>,
    /// Each entity's links as its file wrote them, until every id is known.
    links: Vec<Vec<RawLink>>,
}

impl Builder {
    pub fn new(root: &Path, found: Found) -> Self {
        let listed = vec![(0, Unlisted::default()); found.files.len()];
        // Files and folders skipped as a whole (too large, unreadable): nothing in them was read.
        let lost = found.problems.iter().map(|d| d.path.clone()).collect();
        Builder {
            listed,
            unparsed: found.problems,
            lost,
            links: Vec::new(),
            c: Corpus { root: root.to_path_buf(), files: found.files, ..Corpus::default() },
        }
    }

    /// Places the entities of file number `file`; files must come in order.
    pub fn add(&mut self, file: usize, p: Parsed) {
        self.listed[file] = (p.diags.len(), p.unlisted);
        if p.stale || p.unparsed() {
            if p.stale {
                self.c.stale.extend(p.diags.first().map(|d| (file, d.clone())));
            } else {
                self.lost.push(self.c.files[file].clone());
            }
            self.unparsed.extend(p.diags);
        } else {
            self.c.diagnostics.extend(p.diags);
        }
        let c = &mut self.c;
        if c.entities.capacity() - c.entities.len() < p.entities.len() {
            // Grown to what the files so far say the folder holds, not by
            // doubling: on 10,000 briefings a doubled array and id table
            // held 60 MB unused at the peak of a load.
            let (len, files) = (c.entities.len() + p.entities.len(), self.listed.len());
            let want = (len * files / (file + 1)).max(len + len / 8);
            c.entities.reserve_exact(want - c.entities.len());
            c.ids.reserve(want - c.entities.len(), &c.entities);
            self.links.reserve_exact(want - self.links.len());
        }
        let mut briefing = None;
        for raw in p.entities {
            let eid = c.entities.len();
            let first = c.ids.get(&raw.id, &c.entities);
            if let Some(first) = first
                && listing(&mut self.listed[file], Severity::Error)
            {
                let other = &c.entities[first];
                let path = crate::text::sanitize_line(&c.files[other.file].to_string_lossy()).into_owned();
                let place = format!("{path}:{}:{}", other.pos.line, other.pos.col);
                let msg = format!("duplicate id {}: first defined at {place}", quoted(&raw.id));
                c.diagnostics.push(Diagnostic::error(&c.files[file], (raw.pos.line, raw.pos.col), msg));
            }
            let owner = *briefing.get_or_insert(eid);
            c.entities.push(Entity::new(raw.id, file, raw.pos, owner, raw.body, Vec::new()));
            self.links.push(raw.links);
            if first.is_none() {
                c.ids.insert(eid, &c.entities);
            }
            add_to_briefing(c, owner, eid);
        }
    }

    pub fn finish(self) -> Corpus {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let threads = cores.min(self.c.entities.len() / ENTITIES_PER_THREAD).max(1);
        self.finish_in(threads)
    }

    /// [`Builder::finish`], links resolved by `threads` threads.
    fn finish_in(mut self, threads: usize) -> Corpus {
        // Grown file by file: on 10,000 briefings the unused end was 60 MB.
        self.c.entities.shrink_to_fit();
        let links = std::mem::take(&mut self.links);
        let unknown = resolve_links(&mut self.c, &links, &mut self.listed, threads);
        drop(links);
        let mut c = resolve(self.c);
        for (path, (_, unlisted)) in c.files.iter().zip(&self.listed) {
            if !unlisted.is_empty() {
                c.diagnostics.push(unlisted.note(path));
                c.unlisted.add(*unlisted);
            }
        }
        self.lost.sort();
        self.lost.dedup();
        c.diagnostics = super::order::arrange(self.unparsed, &self.lost, unknown, std::mem::take(&mut c.diagnostics));
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
    c.backlinks = Backlinks::of(&c.entities);
    add_referenced(&mut c);
    let mut briefings = std::mem::take(&mut c.briefings);
    briefings.sort_by(|&a, &b| {
        let (ea, eb) = (&c.entities[a], &c.entities[b]);
        eb.date().cmp(&ea.date()).then_with(|| ea.label().cmp(eb.label()))
    });
    c.briefings = briefings;
    c
}

fn add_to_briefing(c: &mut Corpus, owner: usize, eid: usize) {
    let kind = c.entities[eid].kind();
    if kind == Kind::Briefing {
        c.briefings.push(eid);
        return;
    }
    let Body::Briefing(b) = c.entities[owner].body_mut() else { return };
    match kind {
        // Subjects are listed with the actors: what the briefing is about.
        Kind::Actor | Kind::Subject => b.actors.push(eid),
        Kind::Claim => b.claims.push(eid),
        Kind::Precedent => b.precedents.push(eid),
        Kind::Source => b.sources.push(eid),
        Kind::Hypothesis => b.hypotheses.push(eid),
        Kind::Briefing => {}
    }
}

/// Resolves every link (`raw`, each entity's as its file wrote them); the
/// problems of those that name nothing are returned, the others' go with
/// the corpus's.
fn resolve_links(
    c: &mut Corpus,
    raw: &[Vec<RawLink>],
    listed: &mut [(usize, Unlisted)],
    threads: usize,
) -> Vec<Diagnostic> {
    let kinds: Vec<Kind> = c.entities.iter().map(Entity::kind).collect();
    let (all, ids, files, kinds) = (&c.entities, &c.ids, &c.files, &kinds);
    // In parts of whole files, one per core: each part's files are its own to count problems in.
    let mut parts = Vec::with_capacity(threads);
    let (mut listed, mut first_file, mut at) = (listed, 0, 0);
    for t in (1..=threads).rev() {
        let left = all.len() - at;
        let mut cut = at + if t == 1 { left } else { left - left * (t - 1) / t };
        while cut < all.len() && cut > at && all[cut].file == all[cut - 1].file {
            cut += 1;
        }
        let next_file = all.get(cut).map_or(first_file + listed.len(), |e| e.file);
        let (files_here, files_rest) = std::mem::take(&mut listed).split_at_mut(next_file - first_file);
        parts.push(Part { entities: at..cut, listed: files_here, first_file });
        (listed, first_file, at) = (files_rest, next_file, cut);
    }
    let run = |part: Part<'_>| {
        let mut out = Resolved::default();
        for e in part.entities {
            let listed = &mut part.listed[all[e].file - part.first_file];
            let links = resolve_entity(&all[e], &raw[e], (all, ids), files, kinds, listed, &mut out);
            out.links.push(links);
        }
        out
    };
    // The first part on this thread, the others on threads of their own.
    let mut parts = parts.into_iter();
    let first = parts.next();
    let done: Vec<Resolved> = std::thread::scope(|s| {
        let handles: Vec<_> = parts.map(|part| s.spawn(move || run(part))).collect();
        let mut done = vec![first.map(run).unwrap_or_default()];
        done.extend(handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))));
        done
    });
    let mut entities = c.entities.iter_mut();
    let mut unknown = Vec::new();
    for part in done {
        let shift = c.unknown.len();
        // The part's links first: `zip` asks its first side first, and so
        // takes no entity past the part's last.
        for (mut links, e) in part.links.into_iter().zip(entities.by_ref()) {
            for l in &mut links {
                l.shift_unknown(shift);
            }
            e.links = links;
        }
        c.unknown.extend(part.names);
        c.diagnostics.extend(part.wrong);
        unknown.extend(part.unknown);
    }
    unknown
}

/// The entities `entities` and the problem counts of their files
/// (`first_file..`), whose links one thread resolves.
struct Part<'a> {
    entities: std::ops::Range<usize>,
    listed: &'a mut [(usize, Unlisted)],
    first_file: usize,
}

/// What one thread resolved: each entity's links; the ids named by those
/// that name nothing, in order; the problems of links of the wrong kind,
/// and of those naming nothing.
#[derive(Default)]
struct Resolved {
    links: Vec<Vec<Link>>,
    names: Vec<Box<str>>,
    wrong: Vec<Diagnostic>,
    unknown: Vec<Diagnostic>,
}

/// Below this many entities one thread resolves quicker than starting more.
const ENTITIES_PER_THREAD: usize = 20_000;

/// An entity's links pointed at what they name, or kept with the id they
/// name (in `out.names`) when they cannot be, saying why: of the wrong
/// kind, or naming nothing.
fn resolve_entity(
    e: &Entity,
    raw: &[RawLink],
    (entities, ids): (&[Entity], &crate::model::Ids),
    files: &[std::path::PathBuf],
    kinds: &[Kind],
    listed: &mut (usize, Unlisted),
    out: &mut Resolved,
) -> Vec<Link> {
    let kind = e.kind();
    let mut links = Vec::with_capacity(raw.len());
    for link in raw {
        let want = link.field.expected();
        let found = ids.get(&link.id, entities);
        if let Some(to) = found.filter(|&to| want.is_none_or(|k| kinds[to] == k)) {
            links.push(Link::resolved(link, to));
            continue;
        }
        links.push(Link::unknown(link, out.names.len()));
        out.names.push(link.id.as_str().into());
        if !listing(listed, Severity::Error) {
            continue;
        }
        let at = (link.pos.line, link.pos.col);
        if let (Some(to), Some(k)) = (found, want) {
            let msg = format!("{} in {} is {}, not {}", quoted(&link.id), place(kind, link), a(kinds[to]), a(k));
            out.wrong.push(Diagnostic::error(&files[e.file], at, msg));
        } else {
            let what = want.map_or("id", Kind::as_str);
            let msg = format!("unknown {what} {} in {}", quoted(&link.id), place(kind, link));
            out.unknown.push(Diagnostic::error(&files[e.file], at, msg));
        }
    }
    links
}

/// Where a link stands, for messages: `claims.by`, `a link in summary`.
fn place(kind: Kind, link: &RawLink) -> String {
    let from = section(kind);
    let key = link.field.key();
    if link.field.is_prose() { format!("a link in {from}{key}") } else { format!("{from}{key}") }
}

/// A briefing's actors and precedents: those it defines, then those defined
/// elsewhere that it or its entities link to, or that name it as their
/// briefing, in the order of the entities that link.
fn add_referenced(c: &mut Corpus) {
    // Each entity's kind and briefing side by side: a link's target is read
    // from these small tables, not from its whole entity (half a million
    // entities do not stay in the processor's cache).
    let kinds: Vec<Kind> = c.entities.iter().map(Entity::kind).collect();
    let owners: Vec<usize> = c.entities.iter().map(|e| e.briefing).collect();
    let elsewhere = |to: usize, briefing: usize| {
        matches!(kinds[to], Kind::Actor | Kind::Precedent | Kind::Subject) && owners[to] != briefing
    };
    // A file's entities stand together: per file, what they link to elsewhere.
    let (mut found, mut files) = (Vec::new(), Vec::new());
    // `briefing = "..."` on a precedent elsewhere: the briefing it belongs with lists it.
    let mut named: HashMap<usize, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
    let mut from = 0;
    while from < c.entities.len() {
        let (owner, first, start) = (owners[from], from, found.len());
        while from < c.entities.len() && owners[from] == owner {
            for to in c.entities[from].links.iter().filter_map(crate::model::Link::to) {
                if elsewhere(to, owner) {
                    found.push(to);
                }
                if kinds[to] == Kind::Briefing && elsewhere(from, to) {
                    named.entry(to).or_default().push(from);
                }
            }
            from += 1;
        }
        files.push((owner, first, start..found.len()));
    }
    // Per entity, the briefing that last listed it: a set for every briefing at once.
    let mut listed = vec![usize::MAX; c.entities.len()];
    let mut add = |c: &mut Corpus, briefing: usize, links: &[usize], first: usize, others: Vec<usize>| {
        if links.is_empty() && others.is_empty() {
            return;
        }
        let Body::Briefing(b) = c.entities[briefing].body_mut() else { return };
        for &i in b.actors.iter().chain(&b.precedents) {
            listed[i] = briefing;
        }
        // In the order of the linking entities: those before this file's, its own, those after.
        let (before, after): (Vec<usize>, Vec<usize>) = others.iter().partition(|&&from| from < first);
        for &i in before.iter().chain(links).chain(&after) {
            if listed[i] != briefing {
                listed[i] = briefing;
                (if kinds[i] == Kind::Actor { &mut b.actors } else { &mut b.precedents }).push(i);
            }
        }
    };
    for (owner, first, range) in files {
        let others = named.remove(&owner).unwrap_or_default();
        add(c, owner, &found[range], first, others);
    }
    // A briefing that is not its file's first entity (none the parser makes).
    for (briefing, others) in named {
        add(c, briefing, &[], 0, others);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse_str, walk::Found};
    use std::fmt::Write as _;
    use std::path::PathBuf;

    /// Files that link across each other, some to nothing, one with more
    /// problems than are listed, one broken and one empty between them.
    fn files() -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        for i in 0..40 {
            let mut text = format!("id = \"b{i}\"\ntitle = \"B {i}\"\n[[actors]]\nid = \"a{i}\"\nname = \"A {i}\"\n");
            let claims = if i == 7 { LISTED_PER_FILE + 20 } else { 3 };
            for c in 0..claims {
                let by = if c % 3 == 2 || i == 7 { format!("nobody{c}") } else { format!("a{}", (i + c) % 40) };
                let b = (i * 7) % 40;
                let _ = writeln!(
                    text,
                    "[[claims]]\nid = \"c{i}x{c}\"\ntext = \"see [[b{b}]], again [[b{b}]]\"\nby = \"{by}\""
                );
            }
            files.push((PathBuf::from(format!("f{i:02}.toml")), text));
        }
        files.insert(11, (PathBuf::from("f10b.toml"), "id = [".to_string()));
        files.insert(20, (PathBuf::from("f19b.toml"), String::new()));
        files
    }

    fn built(threads: usize) -> Corpus {
        let files = files();
        let found = Found { files: files.iter().map(|(p, _)| p.clone()).collect(), problems: Vec::new() };
        let mut b = Builder::new(Path::new("."), found);
        for (i, (path, text)) in files.iter().enumerate() {
            b.add(i, parse_str(path, text));
        }
        b.finish_in(threads)
    }

    #[test]
    fn links_resolved_in_parts_equal_links_resolved_whole() {
        let whole = built(1);
        assert_eq!(whole.unlisted.errors, 20, "{:?}", whole.diagnostics);
        assert!(whole.diagnostics.iter().any(|d| d.message.starts_with("unknown actor 'nobody")));
        for threads in [2, 3, 8, 200] {
            let parts = built(threads);
            assert_eq!(parts.entities, whole.entities, "{threads} threads");
            assert_eq!(parts.diagnostics, whole.diagnostics, "{threads} threads");
            assert_eq!(parts.unlisted, whole.unlisted, "{threads} threads");
            assert_eq!(parts.backlinks.items, whole.backlinks.items, "{threads} threads");
            assert_eq!(parts.backlinks.start, whole.backlinks.start, "{threads} threads");
        }
    }

    #[test]
    fn backlinks_are_one_per_linking_field_in_entity_order() {
        let c = built(2);
        // Only b1's claims name b7 (7 * 1 % 40), each twice in its text.
        let back = |id: &str| -> Vec<&str> {
            c.backlinks[c.get(id).unwrap()].iter().map(|b| c.entities[b.from()].id.as_str()).collect()
        };
        assert_eq!(back("b7"), ["c1x0", "c1x1", "c1x2"]);
        // a3 is `by` of c2x1 and c3x0 (c1x2 names nobody: c % 3 == 2), in entity order.
        assert_eq!(back("a3"), ["c2x1", "c3x0"]);
    }
}
