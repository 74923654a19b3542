//! A loaded folder: its files, entities, ids and backlinks, and the queries
//! every part of brief asks of it (a claim's grade, its contradictions, prose
//! as plain words).

use std::path::PathBuf;

use super::{Backlinks, Body, Briefing, Entity, EntityId, Ids, LinkField};
use crate::diag::Diagnostic;

/// A loaded folder.
#[derive(Debug, Default)]
pub struct Corpus {
    pub root: PathBuf,
    /// Paths of the briefing files, as found under the root.
    pub files: Vec<PathBuf>,
    pub entities: Vec<Entity>,
    pub ids: Ids,
    pub backlinks: Backlinks,
    /// The ids links name that no entity (of the kind the link wants) has,
    /// one for each such link ([`super::Link::target`]).
    pub unknown: Vec<Box<str>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Problems counted past each file's first [`crate::diag::LISTED_PER_FILE`].
    pub unlisted: crate::diag::Unlisted,
    /// Briefings, newest first.
    pub briefings: Vec<EntityId>,
    /// Files shown as they last parsed, in file order, each with the error
    /// that stops it parsing now (a reload keeps them: [`crate::load::LastGood`]).
    pub stale: Vec<(usize, Diagnostic)>,
}

impl Corpus {
    pub fn get(&self, id: &str) -> Option<EntityId> {
        self.ids.get(id, &self.entities)
    }

    /// An entity by its id, else the subject with that external id (`T0855`,
    /// any case): what `brief ID` and `brief show ID` open.
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.get(id).or_else(|| {
            self.entities.iter().position(|e| match &*e.read() {
                Body::Subject(super::Subject { external_ids, .. }) | Body::Actor(super::Actor { external_ids, .. }) => {
                    external_ids.iter().any(|x| x.eq_ignore_ascii_case(id))
                }
                _ => false,
            })
        })
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }

    pub fn briefing(&self, id: EntityId) -> Option<&Briefing> {
        let e = self.entities.get(id)?;
        // Only a briefing's body: another's would be decoded and kept.
        match (e.kind(), e.body()) {
            (super::Kind::Briefing, Body::Briefing(b)) => Some(b),
            _ => None,
        }
    }

    /// Why file number `file` is shown as it last parsed, when it is.
    pub fn stale(&self, file: usize) -> Option<&Diagnostic> {
        self.stale.binary_search_by_key(&file, |(f, _)| *f).ok().map(|at| &self.stale[at].1)
    }

    pub fn path_of(&self, id: EntityId) -> &PathBuf {
        &self.files[self.entities[id].file]
    }

    /// The Admiralty grade of a claim: its first source's reliability, then
    /// its credibility, `?` for a part that is not given (`B2`, `?3`, `??`).
    pub fn grade(&self, id: EntityId) -> String {
        let e = &self.entities[id];
        let body = e.read();
        let Body::Claim(claim) = &*body else { return String::new() };
        let reliability = e
            .links_in(LinkField::Sources)
            .find_map(|l| match &*self.entities[l.to()?].read() {
                Body::Source(s) => s.reliability,
                _ => None,
            })
            .unwrap_or('?');
        let credibility = claim.credibility.map_or('?', |c| char::from(b'0' + c));
        format!("{reliability}{credibility}")
    }

    /// Claims that contradict this one or that it contradicts: both directions.
    pub fn contradictions(&self, id: EntityId) -> Vec<EntityId> {
        self.both_ways(id, LinkField::Contradicts)
    }

    /// Claims that support this one or that it supports: both directions.
    pub fn supports(&self, id: EntityId) -> Vec<EntityId> {
        self.both_ways(id, LinkField::Supports)
    }

    fn both_ways(&self, id: EntityId, field: LinkField) -> Vec<EntityId> {
        let out = self.entities[id].links_in(field).filter_map(crate::model::Link::to);
        let back = self.backlinks[id].iter().filter(|b| b.field == field).map(super::Backlink::from);
        let mut all: Vec<EntityId> = out.chain(back).collect();
        let mut seen = std::collections::HashSet::new();
        all.retain(|e| seen.insert(*e));
        all
    }

    /// The names of who asserts a claim (its `by` actors).
    pub fn claimants(&self, id: EntityId) -> Vec<&str> {
        self.entities[id]
            .links_in(LinkField::By)
            .filter_map(crate::model::Link::to)
            .map(|a| self.entities[a].label())
            .collect()
    }

    /// The words an inline link shows: its own, else the label of what it names.
    pub fn link_words<'a>(&'a self, target: &str, words: &'a str) -> std::borrow::Cow<'a, str> {
        self.words_at(target, words, 0)
    }

    /// A bare `[[id]]` reads as its target's label, itself made plain: a claim
    /// quoted inside a summary shows no `[[` of its own (three levels deep; then the id).
    fn words_at<'a>(&'a self, target: &str, words: &'a str, depth: usize) -> std::borrow::Cow<'a, str> {
        match self.get(target) {
            Some(to) if words == target && depth < 3 => self.plain_at(self.entities[to].label(), depth + 1).into(),
            _ => words.into(),
        }
    }

    /// Prose as a person reads it, every link replaced by its words.
    pub fn plain(&self, prose: &str) -> String {
        self.plain_at(prose, 0)
    }

    fn plain_at(&self, prose: &str, depth: usize) -> String {
        crate::text::segments(prose)
            .into_iter()
            .map(|seg| match seg {
                crate::text::Segment::Text(t) => std::borrow::Cow::Borrowed(t),
                crate::text::Segment::Link { target, words } => self.words_at(target, words, depth),
            })
            .collect()
    }

    /// Gives back the pages of the snapshots the bodies lie in, read by a
    /// pass over every entity (an index built): [`crate::mapping::Mapping::release`].
    pub fn release_mapped(&self) {
        let mut last: Option<&std::sync::Arc<crate::mapping::Mapping>> = None;
        for map in self.entities.iter().filter_map(Entity::mapping) {
            if !last.is_some_and(|l| std::sync::Arc::ptr_eq(l, map)) {
                map.release();
                last = Some(map);
            }
        }
    }

    /// Every error, listed or only counted.
    pub fn errors(&self) -> usize {
        self.count(crate::Severity::Error) + self.unlisted.errors
    }

    /// Every warning, listed or only counted.
    pub fn warnings(&self) -> usize {
        self.count(crate::Severity::Warning) + self.unlisted.warnings
    }

    fn count(&self, severity: crate::Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// Files with at least one error or warning.
    pub fn files_with_problems(&self) -> usize {
        let mut paths: Vec<&PathBuf> = self.diagnostics.iter().map(|d| &d.path).collect();
        paths.sort();
        paths.dedup();
        paths.len()
    }
}
