//! The corpus: every entity of every file, their links and backlinks.

use crate::date::Date;

mod corpus;
mod link;
mod link_field;
mod stored;
mod text;
mod tlp;
mod words;
pub use corpus::Corpus;
pub use link::{Link, RawLink};
pub use link_field::LinkField;
pub use stored::Stored;
pub use text::Text;
pub use tlp::Tlp;
pub use words::{ActorKind, Confidence, Likelihood};

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

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Briefing {
    pub title: Text,
    pub date: Option<Date>,
    pub bluf: Option<Text>,
    pub summary: Option<Text>,
    pub tags: Vec<Text>,
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
    pub title: Text,
    pub publisher: Option<Text>,
    pub url: Option<Text>,
    pub date: Option<Date>,
    pub reliability: Option<char>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub name: Text,
    pub kind: Option<ActorKind>,
    pub aliases: Vec<Text>,
    /// Ids it has elsewhere: ATT&CK's `G0034`.
    pub external_ids: Vec<Text>,
    pub role: Option<Text>,
    pub description: Option<Text>,
}

/// What claims are about that is not an actor (docs/FORMAT.md, `[[subjects]]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    pub name: Text,
    /// One of [`SUBJECT_KINDS`]; empty when the file gives none (an error).
    pub kind: Text,
    pub aliases: Vec<Text>,
    /// Ids others know it by: `T0855`, `S0604`, `CVE-2021-44228`.
    pub external_ids: Vec<Text>,
    pub description: Option<Text>,
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
    pub text: Text,
    pub date: Option<Date>,
    pub quote: Option<Text>,
    pub credibility: Option<u8>,
    pub confidence: Option<Confidence>,
    pub likelihood: Option<Likelihood>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Precedent {
    pub name: Text,
    pub date: Option<Date>,
    pub end: Option<Date>,
    pub place: Option<Text>,
    pub description: Option<Text>,
    pub relevance: Option<Text>,
    pub similarities: Vec<Text>,
    pub differences: Vec<Text>,
}

/// One explanation of a briefing's event, weighed against the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hypothesis {
    pub text: Text,
    pub notes: Option<Text>,
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

impl Body {
    pub fn kind(&self) -> Kind {
        match self {
            Body::Briefing(_) => Kind::Briefing,
            Body::Source(_) => Kind::Source,
            Body::Actor(_) => Kind::Actor,
            Body::Claim(_) => Kind::Claim,
            Body::Precedent(_) => Kind::Precedent,
            Body::Hypothesis(_) => Kind::Hypothesis,
            Body::Subject(_) => Kind::Subject,
        }
    }

    /// A body of `kind` with nothing in it.
    pub fn empty(kind: Kind) -> Body {
        match kind {
            Kind::Briefing => Body::Briefing(Box::default()),
            Kind::Source => Body::Source(Source::default()),
            Kind::Actor => Body::Actor(Actor::default()),
            Kind::Claim => Body::Claim(Claim::default()),
            Kind::Precedent => Body::Precedent(Box::default()),
            Kind::Hypothesis => Body::Hypothesis(Hypothesis::default()),
            Kind::Subject => Body::Subject(Subject::default()),
        }
    }

    /// The words a person knows it by: title, name or claim text.
    pub fn label(&self) -> &str {
        match self {
            Body::Briefing(b) => &b.title,
            Body::Source(s) => &s.title,
            Body::Actor(a) => &a.name,
            Body::Claim(c) => &c.text,
            Body::Precedent(p) => &p.name,
            Body::Hypothesis(h) => &h.text,
            Body::Subject(s) => &s.name,
        }
    }

    pub fn date(&self) -> Option<Date> {
        match self {
            Body::Briefing(b) => b.date,
            Body::Source(s) => s.date,
            Body::Claim(c) => c.date,
            Body::Precedent(p) => p.date,
            Body::Actor(_) | Body::Hypothesis(_) | Body::Subject(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub file: usize,
    pub pos: Pos,
    /// The briefing whose file defines it (itself, for a briefing).
    pub briefing: EntityId,
    body: Stored,
    pub links: Vec<Link>,
}

impl Entity {
    pub fn new(id: String, file: usize, pos: Pos, briefing: EntityId, body: Stored, links: Vec<Link>) -> Entity {
        Entity { id, file, pos, briefing, body, links }
    }

    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// Its body, decoded and kept from now on if it was left in the
    /// snapshot: for what is shown or asked of one entity.
    pub fn body(&self) -> &Body {
        self.body.get()
    }

    /// The snapshot its body was left in, if it was.
    pub fn mapping(&self) -> Option<&std::sync::Arc<crate::mapping::Mapping>> {
        self.body.mapping()
    }

    /// Its body, keeping nothing: for passes over every entity.
    pub fn read(&self) -> std::borrow::Cow<'_, Body> {
        self.body.read()
    }

    pub fn body_mut(&mut self) -> &mut Body {
        self.body.get_mut()
    }

    /// The words a person knows it by: title, name or claim text.
    pub fn label(&self) -> &str {
        self.body.label()
    }

    pub fn date(&self) -> Option<Date> {
        self.read().date()
    }

    /// Links in one field, in file order.
    pub fn links_in(&self, field: LinkField) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.field == field)
    }
}

/// Something that links to an entity: eight bytes, on each of two million.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink {
    from: u32,
    pub field: LinkField,
}

impl Backlink {
    /// The entity that links.
    pub fn from(&self) -> EntityId {
        self.from as EntityId
    }
}

/// Every entity's backlinks in one array, each entity's a slice of it:
/// `backlinks[id]`. (Half a million small lists cost a second in `malloc`.)
#[derive(Debug, Default)]
pub struct Backlinks {
    /// Per entity, where its backlinks start in `items` (one more entry than entities).
    pub start: Vec<u32>,
    pub items: Vec<Backlink>,
}

impl Backlinks {
    /// Each entity's backlinks, from entities in order: one per linking field,
    /// however often the field names it.
    pub fn of(entities: &[Entity]) -> Backlinks {
        // Counted first, then placed: one array, no list per entity.
        let mut start = vec![0u32; entities.len() + 1];
        for to in entities.iter().flat_map(|e| e.links.iter().filter_map(Link::to)) {
            start[to + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut end: Vec<u32> = start[..entities.len()].to_vec();
        let mut items = vec![Backlink { from: 0, field: LinkField::Summary }; start[entities.len()] as usize];
        for (from, e) in entities.iter().enumerate() {
            let from = u32::try_from(from).expect("fewer than 4 billion entities");
            for link in &e.links {
                let Some(to) = link.to() else { continue };
                let b = Backlink { from, field: link.field };
                // A repeat can only be among the last ones, placed by this same entity.
                let placed = &items[start[to] as usize..end[to] as usize];
                if !placed.iter().rev().take_while(|x| x.from == from).any(|x| *x == b) {
                    items[end[to] as usize] = b;
                    end[to] += 1;
                }
            }
        }
        // Repeats left gaps: close them up.
        let mut at = 0;
        let mut kept = Vec::with_capacity(start.len());
        kept.push(0);
        for to in 0..entities.len() {
            let (a, b) = (start[to] as usize, end[to] as usize);
            items.copy_within(a..b, at);
            at += b - a;
            kept.push(at as u32);
        }
        items.truncate(at);
        Backlinks { start: kept, items }
    }
}

impl std::ops::Index<EntityId> for Backlinks {
    type Output = [Backlink];

    fn index(&self, id: EntityId) -> &[Backlink] {
        &self.items[self.start[id] as usize..self.start[id + 1] as usize]
    }
}

/// Entities by id: a table of entity numbers, each id read from its entity
/// (half a million ids copied as keys cost 38 MB). foldhash, not `SipHash`:
/// every link of every file is looked up here.
#[derive(Debug, Default)]
pub struct Ids(hashbrown::HashTable<u32>);

impl Ids {
    fn hash(id: &str) -> u64 {
        std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), id)
    }

    /// The entity of `entities` whose id is `id`.
    pub fn get(&self, id: &str, entities: &[Entity]) -> Option<EntityId> {
        self.0.find(Ids::hash(id), |&e| entities[e as usize].id == id).map(|&e| e as EntityId)
    }

    /// Room for `more` ids.
    pub fn reserve(&mut self, more: usize, entities: &[Entity]) {
        self.0.reserve(more, |&x| Ids::hash(&entities[x as usize].id));
    }

    /// Adds entity `e` of `entities` under its id, which no entity here has.
    pub fn insert(&mut self, e: EntityId, entities: &[Entity]) {
        let e = u32::try_from(e).expect("fewer than 4 billion entities");
        self.0.insert_unique(Ids::hash(&entities[e as usize].id), e, |&x| Ids::hash(&entities[x as usize].id));
    }
}
