//! Everything about one actor across every briefing, grouped as an analyst
//! asks for it: the claims it makes, the claims and precedents about it, who
//! it is affiliated with (either way), and the briefings it appears in. The
//! reader's detail view and `brief show` both read it.

use crate::model::{Body, Corpus, EntityId, LinkField};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dossier {
    /// Claims whose `by` names it, and hypotheses it puts forward (their `by`).
    pub by: Vec<EntityId>,
    /// Claims whose `about` names it, then precedents whose `actors` do.
    pub about: Vec<EntityId>,
    /// Actors it names in `affiliations`, and those that name it.
    pub affiliated: Vec<EntityId>,
    /// Briefings that list it among their actors, defined there or linked.
    pub appears_in: Vec<EntityId>,
}

impl Dossier {
    /// The groups in order, each with its name as `brief show` prints it.
    pub fn groups(&self) -> [(&'static str, &[EntityId]); 4] {
        [("by", &self.by), ("about", &self.about), ("affiliated", &self.affiliated), ("appears in", &self.appears_in)]
    }
}

fn push(list: &mut Vec<EntityId>, e: EntityId) {
    if !list.contains(&e) {
        list.push(e);
    }
}

/// The dossier of `actor`; `None` for anything that is not an actor.
pub fn dossier(c: &Corpus, actor: EntityId) -> Option<Dossier> {
    let e = c.entities.get(actor)?;
    if !matches!(e.body(), Body::Actor(_)) {
        return None;
    }
    let mut d = Dossier::default();
    let mut precedents = Vec::new();
    for b in &c.backlinks[actor] {
        match b.field {
            LinkField::By => push(&mut d.by, b.from()),
            LinkField::About => push(&mut d.about, b.from()),
            LinkField::Actors => push(&mut precedents, b.from()),
            LinkField::Affiliations => push(&mut d.affiliated, b.from()),
            _ => {}
        }
    }
    for p in precedents {
        push(&mut d.about, p);
    }
    let named = e.links_in(LinkField::Affiliations).filter_map(crate::model::Link::to).collect::<Vec<_>>();
    d.affiliated = named.into_iter().chain(std::mem::take(&mut d.affiliated)).fold(Vec::new(), |mut all, a| {
        push(&mut all, a);
        all
    });
    d.appears_in =
        c.briefings.iter().copied().filter(|&b| c.briefing(b).is_some_and(|b| b.actors.contains(&actor))).collect();
    Some(d)
}
