//! Links: as a file writes them, and as the corpus keeps them once every
//! id of the folder is known.

use super::{Corpus, EntityId, LinkField, Pos, Text};

/// A link as its file writes it, before the folder's ids are known: what a
/// parse gives, and the snapshot keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub field: LinkField,
    /// The id as written: in place in the snapshot, when read from it.
    pub id: Text,
    pub pos: Pos,
}

impl RawLink {
    pub fn new(field: LinkField, id: impl Into<Text>, pos: Pos) -> RawLink {
        RawLink { field, id: id.into(), pos }
    }
}

/// A reference from one entity to an id: an id field or an inline `[[link]]`.
/// Sixteen bytes, on each of two million links of 10,000 briefings: the id
/// it names is read from the entity it points to ([`Link::target`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The field it stands in, e.g. `by`, `affiliations`, or `summary` for an inline link.
    pub field: LinkField,
    pub pos: Pos,
    /// The entity it names; or, with [`NAMES_NOTHING`] set, the place in
    /// [`Corpus::unknown`] of the id it names, which no entity of the right kind has.
    to: u32,
}

const NAMES_NOTHING: u32 = 1 << 31;

impl Link {
    /// `raw`, naming entity `to`.
    pub fn resolved(raw: &RawLink, to: EntityId) -> Link {
        let to = u32::try_from(to).ok().filter(|&t| t & NAMES_NOTHING == 0).expect("fewer than 2 billion entities");
        Link { field: raw.field, pos: raw.pos, to }
    }

    /// `raw`, naming nothing: its id is the `name`th of the corpus's [`Corpus::unknown`].
    pub fn unknown(raw: &RawLink, name: usize) -> Link {
        let name = u32::try_from(name).ok().filter(|&t| t & NAMES_NOTHING == 0).expect("fewer than 2 billion links");
        Link { field: raw.field, pos: raw.pos, to: name | NAMES_NOTHING }
    }

    /// The id it names, as written.
    pub fn target<'a>(&self, corpus: &'a Corpus) -> &'a str {
        match self.to() {
            Some(to) => &corpus.entities[to].id,
            None => corpus.unknown.get(self.unknown_at()).map_or("", |id| id),
        }
    }

    /// The entity it names, when it exists and is of the right kind.
    pub fn to(&self) -> Option<EntityId> {
        (self.to & NAMES_NOTHING == 0).then_some(self.to as EntityId)
    }

    /// Where the id it names is in [`Corpus::unknown`], when it names nothing.
    fn unknown_at(&self) -> usize {
        (self.to & !NAMES_NOTHING) as usize
    }

    /// The same link with its place in [`Corpus::unknown`] moved on by `by`.
    pub fn shift_unknown(&mut self, by: usize) {
        if self.to().is_none() {
            let at = u32::try_from(self.unknown_at() + by).ok().filter(|&t| t & NAMES_NOTHING == 0);
            self.to = at.expect("fewer than 2 billion links") | NAMES_NOTHING;
        }
    }

    /// An inline `[[id]]` link in prose, rather than an id field.
    pub fn inline(&self) -> bool {
        self.field.is_prose()
    }
}
