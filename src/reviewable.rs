//! What can be reviewed: the one definition the briefing's `n/m`, `u`,
//! `is:reviewed` / `is:unreviewed` (and so the views) and `brief show` share
//! (docs/SEARCH.md, "What can be reviewed").
//!
//! - A briefing's **review items** are the actors, claims and precedents its
//!   file defines. Sources and briefings themselves are no review items.
//! - An item is **reviewed** when it is marked reviewed and has not changed
//!   since (docs/STATE.md, "Fingerprints"); otherwise it is unreviewed.
//! - A briefing is unreviewed while any of its items is, and reviewed when it
//!   has items and all are; a briefing with none is neither.

use crate::fingerprint;
use crate::model::{Corpus, EntityId, Kind};
use crate::state::ReviewFile;

/// Whether entities of `kind` are review items.
pub fn is_item(kind: Kind) -> bool {
    matches!(kind, Kind::Actor | Kind::Claim | Kind::Precedent)
}

/// A briefing's review items, in the order `u` visits them: claims, actors, precedents.
pub fn items(c: &Corpus, briefing: EntityId) -> Vec<EntityId> {
    let Some(b) = c.briefing(briefing) else { return vec![] };
    let own = |ids: &[EntityId]| -> Vec<EntityId> {
        ids.iter().copied().filter(|&i| c.entity(i).briefing == briefing).collect()
    };
    [own(&b.claims), own(&b.actors), own(&b.precedents)].concat()
}

/// Whether an item is reviewed in `store`: marked so, and not changed since.
/// The search filters read the same rule from their snapshot of the marks.
pub fn done(c: &Corpus, store: &ReviewFile, item: EntityId) -> bool {
    store.marks(&c.entity(item).id).reviewed && fingerprint::since_reviewed(c, store, item).is_empty()
}

/// A briefing's `(reviewed, items)` in `store`: the list's `n/m`.
pub fn progress(c: &Corpus, store: &ReviewFile, briefing: EntityId) -> (usize, usize) {
    let all = items(c, briefing);
    (all.iter().filter(|&&i| done(c, store, i)).count(), all.len())
}
