//! The corpus: every entity of every file, their links and backlinks.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::date::Date;
use crate::diag::Diagnostic;

mod link_field;
mod tlp;
pub use link_field::LinkField;
pub use tlp::Tlp;

/// Index of an entity in [`Corpus::entities`].
pub type EntityId = usize;

/// What an entity is: `briefing`, `actor`, `claim`, `precedent` or `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Briefing,
    Actor,
    Claim,
    Precedent,
    Source,
    /// An explanation a briefing weighs against others (competing hypotheses).
    Hypothesis,
    /// What claims are about that is not an actor: malware, a tool, a technique…
    Subject,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Briefing, Kind::Actor, Kind::Claim, Kind::Precedent, Kind::Source, Kind::Hypothesis, Kind::Subject];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Briefing => "briefing",
            Kind::Actor => "actor",
            Kind::Claim => "claim",
            Kind::Precedent => "precedent",
            Kind::Source => "source",
            Kind::Hypothesis => "hypothesis",
            Kind::Subject => "subject",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A place in a file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A reference from one entity to an id: an id field or an inline `[[link]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The field it stands in, e.g. `by`, `affiliations`, or `summary` for an inline link.
    pub field: LinkField,
    /// The id as written, until the link is resolved: then `to` names it
    /// ([`Link::target`]), and nearly two million copies of ids are not kept.
    written: Box<str>,
    pub pos: Pos,
    /// The entity it names, when it exists and is of the right kind.
    pub to: Option<EntityId>,
}

impl Link {
    /// A link as read, not resolved yet.
    pub fn new(field: LinkField, target: &str, pos: Pos) -> Link {
        Link { field, written: target.into(), pos, to: None }
    }

    /// The id it names, as written.
    pub fn target<'a>(&'a self, corpus: &'a Corpus) -> &'a str {
        match self.to {
            Some(to) => &corpus.entities[to].id,
            None => &self.written,
        }
    }

    /// The id as written, before the link is resolved (in a parse).
    pub fn written(&self) -> &str {
        debug_assert!(self.to.is_none(), "a resolved link keeps no text: Link::target");
        &self.written
    }

    /// Points it at the entity its id names, letting the written id go.
    pub fn resolve(&mut self, to: EntityId) {
        (self.to, self.written) = (Some(to), Box::default());
    }

    /// An inline `[[id]]` link in prose, rather than an id field.
    pub fn inline(&self) -> bool {
        self.field.is_prose()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Briefing {
    pub title: String,
    pub date: Option<Date>,
    pub bluf: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub tlp: Option<Tlp>,
    /// Defined here, in file order.
    pub sources: Vec<EntityId>,
    pub claims: Vec<EntityId>,
    pub precedents: Vec<EntityId>,
    /// Its competing hypotheses, in file order (see docs/ACH.md).
    pub hypotheses: Vec<EntityId>,
    /// Defined here, then those its claims and precedents reference elsewhere.
    pub actors: Vec<EntityId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub date: Option<Date>,
    pub reliability: Option<char>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub kind: Option<String>,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub description: Option<String>,
}

/// What claims are about that is not an actor (docs/FORMAT.md, `[[subjects]]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    /// One of [`SUBJECT_KINDS`]; empty when the file gives none (an error).
    pub kind: String,
    pub aliases: Vec<String>,
    /// Ids others know it by: `T0855`, `S0604`, `CVE-2021-44228`.
    pub external_ids: Vec<String>,
    pub description: Option<String>,
}

/// A subject's kinds, each with the STIX type it comes in and goes out as (docs/INTERCHANGE.md).
pub const SUBJECT_KINDS: [(&str, &str); 7] = [
    ("malware", "malware"),
    ("tool", "tool"),
    ("technique", "attack-pattern"),
    ("mitigation", "course-of-action"),
    ("vulnerability", "vulnerability"),
    ("location", "location"),
    ("infrastructure", "infrastructure"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claim {
    pub text: String,
    pub date: Option<Date>,
    pub quote: Option<String>,
    pub credibility: Option<u8>,
    pub confidence: Option<String>,
    pub likelihood: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Precedent {
    pub name: String,
    pub date: Option<Date>,
    pub end: Option<Date>,
    pub place: Option<String>,
    pub description: Option<String>,
    pub relevance: Option<String>,
    pub similarities: Vec<String>,
    pub differences: Vec<String>,
}

/// One explanation of a briefing's event, weighed against the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hypothesis {
    pub text: String,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    // The two largest boxed: every entity is as wide as the widest kind, and
    // briefings and precedents are few beside claims and actors.
    Briefing(Box<Briefing>),
    Source(Source),
    Actor(Actor),
    Claim(Claim),
    Precedent(Box<Precedent>),
    Hypothesis(Hypothesis),
    Subject(Subject),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub file: usize,
    pub pos: Pos,
    /// The briefing whose file defines it (itself, for a briefing).
    pub briefing: EntityId,
    pub body: Body,
    pub links: Vec<Link>,
}

impl Entity {
    pub fn kind(&self) -> Kind {
        match self.body {
            Body::Briefing(_) => Kind::Briefing,
            Body::Source(_) => Kind::Source,
            Body::Actor(_) => Kind::Actor,
            Body::Claim(_) => Kind::Claim,
            Body::Precedent(_) => Kind::Precedent,
            Body::Hypothesis(_) => Kind::Hypothesis,
            Body::Subject(_) => Kind::Subject,
        }
    }

    /// The words a person knows it by: title, name or claim text.
    pub fn label(&self) -> &str {
        match &self.body {
            Body::Briefing(b) => &b.title,
            Body::Source(s) => &s.title,
            Body::Actor(a) => &a.name,
            Body::Claim(c) => &c.text,
            Body::Precedent(p) => &p.name,
            Body::Hypothesis(h) => &h.text,
            Body::Subject(s) => &s.name,
        }
    }

    pub fn date(&self) -> Option<&Date> {
        match &self.body {
            Body::Briefing(b) => b.date.as_ref(),
            Body::Source(s) => s.date.as_ref(),
            Body::Claim(c) => c.date.as_ref(),
            Body::Precedent(p) => p.date.as_ref(),
            Body::Actor(_) | Body::Hypothesis(_) | Body::Subject(_) => None,
        }
    }

    /// Links in one field, in file order.
    pub fn links_in(&self, field: LinkField) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.field == field)
    }
}

/// Something that links to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink {
    pub from: EntityId,
    pub field: LinkField,
}

/// Every entity's backlinks in one array, each entity's a slice of it:
/// `backlinks[id]`. (Half a million small lists cost a second in `malloc`.)
#[derive(Debug, Default)]
pub struct Backlinks {
    /// Per entity, where its backlinks start in `items` (one more entry than entities).
    pub start: Vec<u32>,
    pub items: Vec<Backlink>,
}

impl std::ops::Index<EntityId> for Backlinks {
    type Output = [Backlink];

    fn index(&self, id: EntityId) -> &[Backlink] {
        &self.items[self.start[id] as usize..self.start[id + 1] as usize]
    }
}

/// Entities by id. foldhash, not `SipHash`: every link of every file is looked up here.
pub type Ids = HashMap<String, EntityId, foldhash::fast::FixedState>;

/// A loaded folder.
#[derive(Debug, Default)]
pub struct Corpus {
    pub root: PathBuf,
    /// Paths of the briefing files, as found under the root.
    pub files: Vec<PathBuf>,
    pub entities: Vec<Entity>,
    pub ids: Ids,
    pub backlinks: Backlinks,
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
        self.ids.get(id).copied()
    }

    /// An entity by its id, else the subject with that external id (`T0855`,
    /// any case): what `brief ID` and `brief show ID` open.
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.get(id).or_else(|| {
            self.entities.iter().position(|e| match &e.body {
                Body::Subject(s) => s.external_ids.iter().any(|x| x.eq_ignore_ascii_case(id)),
                _ => false,
            })
        })
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }

    pub fn briefing(&self, id: EntityId) -> Option<&Briefing> {
        match &self.entities.get(id)?.body {
            Body::Briefing(b) => Some(b),
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
        let Body::Claim(claim) = &e.body else { return String::new() };
        let reliability = e
            .links_in(LinkField::Sources)
            .find_map(|l| match &self.entities[l.to?].body {
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
        let out = self.entities[id].links_in(field).filter_map(|l| l.to);
        let back = self.backlinks[id].iter().filter(|b| b.field == field).map(|b| b.from);
        let mut all: Vec<EntityId> = out.chain(back).collect();
        let mut seen = std::collections::HashSet::new();
        all.retain(|e| seen.insert(*e));
        all
    }

    /// The names of who asserts a claim (its `by` actors).
    pub fn claimants(&self, id: EntityId) -> Vec<&str> {
        self.entities[id].links_in(LinkField::By).filter_map(|l| l.to).map(|a| self.entities[a].label()).collect()
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
