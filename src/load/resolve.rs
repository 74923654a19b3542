//! Ids, links and backlinks across every file of the folder.

use std::collections::HashMap;
use std::path::Path;

use super::links::listing;
use super::parse::Parsed;
use super::table::quoted;
use super::walk::Found;
use crate::diag::{Diagnostic, Severity, Unlisted};
use crate::model::{Backlinks, Body, Corpus, Entity, Kind, RawLink};

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
        let threads = cores.min(self.c.entities.len() / super::links::ENTITIES_PER_THREAD).max(1);
        self.finish_in(threads)
    }

    /// [`Builder::finish`], links resolved by `threads` threads.
    fn finish_in(mut self, threads: usize) -> Corpus {
        // Grown file by file: on 10,000 briefings the unused end was 60 MB.
        self.c.entities.shrink_to_fit();
        let links = std::mem::take(&mut self.links);
        let unknown = super::links::resolve(&mut self.c, &links, &mut self.listed, threads);
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

/// The backlinks, each briefing's actors and precedents from elsewhere, and
/// the briefings newest first: each only reads the entities, so the
/// backlinks are counted on a core of their own (one after another, these
/// took 135 ms of a warm load of 10,000 briefings), and what was found is
/// placed after.
fn resolve(mut c: Corpus) -> Corpus {
    let (backlinks, referenced, briefings) = std::thread::scope(|s| {
        let backlinks = s.spawn(|| Backlinks::of(&c.entities));
        let referenced = referenced(&c);
        let mut briefings = c.briefings.clone();
        briefings.sort_by(|&a, &b| {
            let (ea, eb) = (&c.entities[a], &c.entities[b]);
            eb.date().cmp(&ea.date()).then_with(|| ea.label().cmp(eb.label()))
        });
        (backlinks.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), referenced, briefings)
    });
    c.backlinks = backlinks;
    c.briefings = briefings;
    for (briefing, added) in referenced {
        let (actors, precedents): (Vec<usize>, Vec<usize>) =
            added.into_iter().partition(|&i| c.entities[i].kind() == Kind::Actor);
        if let Body::Briefing(b) = c.entities[briefing].body_mut() {
            b.actors.extend(actors);
            b.precedents.extend(precedents);
        }
    }
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

/// A briefing's actors and precedents: those it defines, then those defined
/// elsewhere that it or its entities link to, or that name it as their
/// briefing, in the order of the entities that link. This returns the
/// latter, per briefing, in order.
fn referenced(c: &Corpus) -> Vec<(usize, Vec<usize>)> {
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
    let mut out = Vec::new();
    let mut add = |briefing: usize, links: &[usize], first: usize, others: Vec<usize>| {
        if links.is_empty() && others.is_empty() {
            return;
        }
        let Body::Briefing(b) = c.entities[briefing].body() else { return };
        for &i in b.actors.iter().chain(&b.precedents) {
            listed[i] = briefing;
        }
        // In the order of the linking entities: those before this file's, its own, those after.
        let (before, after): (Vec<usize>, Vec<usize>) = others.iter().partition(|&&from| from < first);
        let mut added = Vec::new();
        for &i in before.iter().chain(links).chain(&after) {
            if listed[i] != briefing {
                listed[i] = briefing;
                added.push(i);
            }
        }
        out.push((briefing, added));
    };
    for (owner, first, range) in files {
        let others = named.remove(&owner).unwrap_or_default();
        add(owner, &found[range], first, others);
    }
    // A briefing that is not its file's first entity (none the parser makes).
    for (briefing, others) in named {
        add(briefing, &[], 0, others);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::LISTED_PER_FILE;
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
