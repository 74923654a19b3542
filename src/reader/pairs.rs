//! The contradictions view's model: every pair of claims joined by
//! `contradicts` (and, when asked, `supports`), once per pair whichever side
//! states it, grouped by what the pair is about; and where the reader is in it.

use crate::model::{Corpus, EntityId, LinkField};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Contradicts,
    Supports,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub sides: [EntityId; 2],
    pub relation: Relation,
    /// What the pair is about: an entity both claims are about, else the
    /// first either is about; `None` when neither says.
    pub about: Option<EntityId>,
}

/// Every pair in `corpus` that `keeps` lets through (either side kept), in
/// groups by what they are about (groups by label, unspecified last), then
/// by the claims' ids.
pub fn pairs(c: &Corpus, with_supports: bool, keeps: impl Fn(EntityId) -> bool) -> Vec<Pair> {
    let mut out = Vec::new();
    let fields: &[(LinkField, Relation)] = if with_supports {
        &[(LinkField::Contradicts, Relation::Contradicts), (LinkField::Supports, Relation::Supports)]
    } else {
        &[(LinkField::Contradicts, Relation::Contradicts)]
    };
    let mut seen = std::collections::HashSet::new();
    for (from, e) in c.entities.iter().enumerate() {
        for &(field, relation) in fields {
            for to in e.links_in(field).filter_map(crate::model::Link::to).filter(|&to| to != from) {
                let sides = if from < to { [from, to] } else { [to, from] };
                if (keeps(from) || keeps(to)) && seen.insert((sides, field)) {
                    out.push(Pair { sides, relation, about: about(c, sides) });
                }
            }
        }
    }
    let label = |p: &Pair| p.about.map(|a| c.entity(a).label().to_lowercase());
    out.sort_by(|a, b| {
        (label(a).is_none(), label(a), &c.entity(a.sides[0]).id, &c.entity(a.sides[1]).id).cmp(&(
            label(b).is_none(),
            label(b),
            &c.entity(b.sides[0]).id,
            &c.entity(b.sides[1]).id,
        ))
    });
    out
}

fn about(c: &Corpus, [a, b]: [EntityId; 2]) -> Option<EntityId> {
    let of =
        |e: EntityId| c.entity(e).links_in(LinkField::About).filter_map(crate::model::Link::to).collect::<Vec<_>>();
    let (ours, theirs) = (of(a), of(b));
    ours.iter().find(|x| theirs.contains(x)).or(ours.first()).or(theirs.first()).copied()
}

/// Where the reader is in the view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairsView {
    pub pairs: Vec<Pair>,
    pub selected: usize,
    /// 0 the first side, 1 the second.
    pub side: usize,
    pub with_supports: bool,
}

impl PairsView {
    pub fn new(c: &Corpus, with_supports: bool, keeps: impl Fn(EntityId) -> bool) -> PairsView {
        PairsView { pairs: pairs(c, with_supports, keeps), selected: 0, side: 0, with_supports }
    }

    /// The claim on the focused side.
    pub fn focused(&self) -> Option<EntityId> {
        self.pairs.get(self.selected).map(|p| p.sides[self.side])
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.pairs.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize).saturating_add(delta).clamp(0, last) as usize;
    }

    /// Worked out again (supports toggled, a reload): the same pair and side where it still is.
    #[must_use]
    pub fn rebuilt(&self, c: &Corpus, with_supports: bool, keeps: impl Fn(EntityId) -> bool) -> PairsView {
        let mut next = PairsView::new(c, with_supports, keeps);
        let here = self.pairs.get(self.selected).map(|p| p.sides);
        next.selected = here.and_then(|s| next.pairs.iter().position(|p| p.sides == s)).unwrap_or(0);
        next.side = self.side;
        next
    }
}
