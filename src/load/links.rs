//! Every link of the folder pointed at the entity it names, once all its
//! ids are known: on every core, each part of whole files on one.

use super::table::quoted;
use crate::diag::{Diagnostic, LISTED_PER_FILE, Severity, Unlisted};
use crate::model::{Corpus, Entity, Kind, Link, RawLink};

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

/// Resolves every link (`raw`, each entity's as its file wrote them); the
/// problems of those that name nothing are returned, the others' go with
/// the corpus's.
pub(super) fn resolve(
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
pub(super) const ENTITIES_PER_THREAD: usize = 20_000;

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

/// Whether one more problem of `file` is listed; counted either way.
pub(super) fn listing((listed, unlisted): &mut (usize, Unlisted), severity: Severity) -> bool {
    if *listed < LISTED_PER_FILE {
        *listed += 1;
        return true;
    }
    unlisted.count(severity);
    false
}
