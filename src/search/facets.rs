//! What the filters of docs/SEARCH.md read about each entity, in flat arrays
//! kept with the index (and in its cache): so `brief search 'is:contradicted'`
//! needs the folder no more than a word query does.

use super::fold::fold;
use super::strs::Strs;
use crate::model::{Body, Corpus, EntityId, LinkField};

pub const CONTRADICTED: u8 = 1;
pub const SUPPORTED: u8 = 2;
pub const BROKEN: u8 = 4;

/// Lists of entities per entity, as in a sparse matrix: the items of `e` are
/// `items[start[e]..start[e + 1]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    pub start: Vec<u32>,
    pub items: Vec<u32>,
}

impl Lists {
    pub fn of(&self, e: usize) -> &[u32] {
        match (self.start.get(e), self.start.get(e + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn new() -> Lists {
        Lists { start: vec![0], items: Vec::new() }
    }

    fn push(&mut self, items: impl Iterator<Item = EntityId>) {
        self.items.extend(items.map(|i| i as u32));
        self.start.push(self.items.len() as u32);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// `CONTRADICTED` | `SUPPORTED` | `BROKEN`.
    pub flags: Vec<u8>,
    /// The TLP of the entity's briefing: 1 + its place in [`TLP`], 0 when not given.
    pub tlp: Vec<u8>,
    /// A claim's grade as written (`B2`, `?3`); 0s for anything else.
    pub grade: Vec<[u8; 2]>,
    /// First and last day the entity's date (or a precedent's date..end)
    /// means, `yyyymmdd`; `(0, 0)` when undated.
    pub span: Vec<(u32, u32)>,
    /// A claim's `by` actors.
    pub by: Lists,
    /// What a claim is `about`, or the `actors` of a precedent.
    pub about: Lists,
    /// A briefing's tags, folded; nothing for other kinds (they match through their briefing).
    pub tags: Lists,
    pub tag_text: Strs,
}

/// The last day a date can mean: `2004` ends on 2004-12-31, `2004-09` on 09-30.
pub fn last_day(key: u32, text: &str) -> u32 {
    let (y, m) = (key / 10_000, key / 100 % 100);
    match text.len() {
        4 => y * 10_000 + 1231,
        7 => y * 10_000 + m * 100 + crate::date::days_in_month(y, m),
        _ => key,
    }
}

fn span(body: &Body) -> (u32, u32) {
    let Some(d) = body.date() else { return (0, 0) };
    let end = match body {
        Body::Precedent(p) => p.end.unwrap_or(d),
        _ => d,
    };
    (d.key, last_day(end.key, end.text()).max(d.key))
}

impl Facets {
    pub fn build(c: &Corpus) -> Facets {
        let mut f = Facets {
            tag_text: Strs::new(),
            by: Lists::new(),
            about: Lists::new(),
            tags: Lists::new(),
            ..Facets::default()
        };
        let mut tag_number = 0usize;
        for (id, e) in c.entities.iter().enumerate() {
            let body = e.read();
            let mut flags = 0;
            // Either way round, as `Corpus::contradictions` reads it, without a list per entity.
            let either = |field: LinkField| {
                e.links_in(field).any(|l| l.to().is_some_and(|to| to != id))
                    || c.backlinks[id].iter().any(|b| b.field == field && b.from() != id)
            };
            if either(LinkField::Contradicts) {
                flags |= CONTRADICTED;
            }
            if either(LinkField::Supports) {
                flags |= SUPPORTED;
            }
            if e.links.iter().any(|l| l.to().is_none()) {
                flags |= BROKEN;
            }
            f.flags.push(flags);
            // TLP 2.0 in its order, from 1; 0 is "not given".
            f.tlp.push(c.briefing(e.briefing).and_then(|b| b.tlp).map_or(0, |t| t as u8 + 1));
            let grade = if let Body::Claim(_) = *body { c.grade(id).into_bytes() } else { Vec::new() };
            f.grade.push(grade.try_into().unwrap_or([0, 0]));
            f.span.push(span(&body));
            f.by.push(e.links_in(LinkField::By).filter_map(crate::model::Link::to));
            let about = match *body {
                Body::Precedent(_) => LinkField::Actors,
                _ => LinkField::About,
            };
            f.about.push(e.links_in(about).filter_map(crate::model::Link::to));
            let tags = match &*body {
                Body::Briefing(b) => b.tags.as_slice(),
                _ => &[],
            };
            for t in tags {
                f.tag_text.push(&fold(t, true));
            }
            f.tags.push(tag_number..tag_number + tags.len());
            tag_number += tags.len();
        }
        f
    }

    /// Whether the facets fit an index of `n` entities: every list in range.
    pub fn fits(&self, n: usize) -> bool {
        let lists_fit = |l: &Lists, limit: usize| {
            l.start.len() == n + 1
                && l.start.first() == Some(&0)
                && l.start.windows(2).all(|w| w[0] <= w[1])
                && l.start.last().is_some_and(|&s| s as usize == l.items.len())
                && l.items.iter().all(|&i| (i as usize) < limit)
        };
        self.flags.len() == n
            && self.tlp.len() == n
            && self.tlp.iter().all(|&t| usize::from(t) <= crate::model::Tlp::ALL.len())
            && self.grade.len() == n
            && self.span.len() == n
            && lists_fit(&self.by, n)
            && lists_fit(&self.about, n)
            && lists_fit(&self.tags, self.tag_text.len())
    }

    pub fn tags_of(&self, e: usize) -> impl Iterator<Item = &str> {
        self.tags.of(e).iter().map(|&t| self.tag_text.get(t as usize))
    }
}
