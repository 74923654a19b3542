//! What a reviewer read, as a fingerprint kept with each mark: per field a
//! short hash of what the field says, so a later edit shows as "changed since
//! reviewed", with the fields that changed (docs/STATE.md lists them).
//!
//! Whitespace is not content: prose reflowed or re-indented hashes the same.

use std::collections::BTreeMap;

use crate::model::{Corpus, EntityId};
use crate::reading::Value;

/// Field name to an 8-hex-digit hash of its content.
pub use crate::state::Seen;

/// FNV-1a over the words of each part, one space between words.
fn hash<'a>(parts: impl IntoIterator<Item = &'a str>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    };
    for part in parts {
        for word in part.split_whitespace() {
            word.bytes().for_each(&mut eat);
            eat(b' ');
        }
        eat(0);
    }
    h
}

/// The fingerprint of an entity as it is in `c`: every field a reviewer
/// reads (text, quote, dates, names, prose, lists), its id links (`by`,
/// `sources`, `about`, `supports`, `contradicts`…) and, for a claim, its grade,
/// which also moves when a source's reliability does.
pub fn of(c: &Corpus, id: EntityId) -> Seen {
    let e = c.entity(id);
    let mut seen = Seen::new();
    for (name, value) in e.fields() {
        let h = match value {
            Value::Line(s) => hash([s.as_ref()]),
            Value::Prose(s) => hash([s]),
            Value::List(items) => hash(items.iter().map(crate::model::Text::as_str)),
        };
        seen.insert(name.to_string(), format!("{h:08x}"));
    }
    let mut links: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for l in e.links.iter().filter(|l| !l.inline()) {
        links.entry(l.field.key()).or_default().push(l.target(c));
    }
    for (field, mut targets) in links {
        targets.sort_unstable();
        seen.insert(field.to_string(), format!("{:08x}", hash(targets)));
    }
    if e.kind() == crate::model::Kind::Claim {
        seen.insert("grade".into(), format!("{:08x}", hash([c.grade(id).as_str()])));
    }
    seen
}

/// The fields that differ between what was seen and what is there now, by
/// name; a field added or removed counts.
pub fn changed(c: &Corpus, id: EntityId, seen: &Seen) -> Vec<String> {
    let now = of(c, id);
    let mut out: Vec<String> = now.iter().filter(|(k, v)| seen.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect();
    out.extend(seen.keys().filter(|k| !now.contains_key(*k)).cloned());
    out.sort();
    out
}

/// One hash of a whole briefing: its own fields and those of everything its
/// file defines, so an edit anywhere in it shows it as updated since read.
pub fn briefing(c: &Corpus, b: EntityId) -> String {
    let Some(body) = c.briefing(b) else { return String::new() };
    let own = [&body.sources, &body.actors, &body.claims, &body.precedents];
    let defined = own.into_iter().flatten().copied().filter(|&e| c.entity(e).briefing == b);
    let prints: Vec<String> =
        std::iter::once(b).chain(defined).map(|e| format!("{}={:?}", c.entity(e).id, of(c, e))).collect();
    format!("{:08x}", hash(prints.iter().map(String::as_str)))
}

/// The fields of a reviewed entity that changed since it was reviewed; empty
/// when it is not reviewed, when the mark predates fingerprints (valid, not
/// changed), or when nothing changed.
pub fn since_reviewed(c: &Corpus, store: &crate::state::ReviewFile, id: EntityId) -> Vec<String> {
    let e = c.entity(id);
    match store.seen(&e.id) {
        Some(seen) if store.marks(&e.id).reviewed => changed(c, id, seen),
        _ => Vec::new(),
    }
}

/// Whether a read briefing has changed since it was last opened.
pub fn updated_since_read(c: &Corpus, store: &crate::state::ReviewFile, b: EntityId) -> bool {
    let id = &c.entity(b).id;
    store.is_read(id) && store.read_seen(id).is_some_and(|h| h != briefing(c, b))
}
