//! Relationships: the sentence a claim made from one says, the links between
//! claims (`supports`, `contradicts`), and `revoked-by`, which makes the
//! revoked object a name of the one that replaces it.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::{Planner, ext, s};
use crate::stix::import::Bundle;
use crate::stix::import::doc::Val;

/// For each object a `revoked-by` relationship replaces, the object that
/// replaces it in the end (a chain followed to its last link).
pub fn revoked(b: &Bundle) -> HashMap<usize, usize> {
    let mut by: HashMap<usize, usize> = HashMap::new();
    for (i, o) in b.objects.iter().enumerate() {
        if s(o, "type") == "relationship"
            && s(o, "relationship_type") == "revoked-by"
            && b.current(i)
            && let (Some(&from), Some(&to)) = (b.index.get(s(o, "source_ref")), b.index.get(s(o, "target_ref")))
            && from != to
        {
            by.insert(from, to);
        }
    }
    let ends: HashMap<usize, usize> = by
        .keys()
        .map(|&from| {
            let mut to = by[&from];
            // At most as many steps as there are links: a cycle ends somewhere.
            for _ in 0..by.len() {
                match by.get(&to) {
                    Some(&next) if next != from => to = next,
                    _ => break,
                }
            }
            (from, to)
        })
        .collect();
    ends
}

/// Each `subtechnique-of` relationship between two subjects: relationship →
/// (sub-technique, parent).
pub fn parents(b: &Bundle) -> HashMap<usize, (usize, usize)> {
    let subject = |i: usize| matches!(s(&b.objects[i], "type"), "attack-pattern");
    let mut out = HashMap::new();
    for (i, o) in b.objects.iter().enumerate() {
        if s(o, "type") == "relationship"
            && s(o, "relationship_type") == "subtechnique-of"
            && b.current(i)
            && let (Some(&from), Some(&to)) = (b.index.get(s(o, "source_ref")), b.index.get(s(o, "target_ref")))
            && subject(from)
            && subject(to)
        {
            out.insert(i, (from, to));
        }
    }
    out
}

impl Planner<'_> {
    /// `Unit 61398 is attributed to APT1`.
    pub(super) fn sentence(&self, o: &Json) -> String {
        let end = |key| self.b.index.get(s(o, key)).map_or_else(|| s(o, key).to_string(), |&j| self.label(j));
        let kind = s(o, "relationship_type");
        let words = kind.replace('-', " ");
        let verb = if ["-to", "-of", "-by", "-at", "-with", "-from"].iter().any(|e| kind.ends_with(e)) {
            format!("is {words}")
        } else {
            words
        };
        format!("{} {verb} {}", end("source_ref"), end("target_ref"))
    }

    /// A relationship that is a link between two claims (`supports`, `contradicts`).
    pub(super) fn is_link(&self, i: usize) -> bool {
        let o = &self.b.objects[i];
        if s(o, "type") != "relationship" {
            return false;
        }
        let claim = |key| self.b.get(s(o, key)).is_some_and(|t| matches!(s(t, "type"), "note" | "opinion"));
        claim("source_ref") && claim("target_ref") && ["supports", "contradicts"].contains(&link_type(o))
    }

    pub(super) fn link(&mut self, i: usize) {
        let o = &self.b.objects[i];
        let (Some(&from), Some(&to)) = (self.b.index.get(s(o, "source_ref")), self.b.index.get(s(o, "target_ref")))
        else {
            return;
        };
        if ext(&self.b.objects[from]).is_some() {
            return; // brief's own: its links are in the extension.
        }
        let (Some(d), Some(target)) = (self.home[from], self.ids.get(&to).cloned()) else { return };
        let from_id = self.ids.get(&from).cloned();
        let key = link_type(o);
        if let Some(t) = self.docs[d].sections[2]
            .iter_mut()
            .find(|t| matches!(t.get("id"), Some(Val::Str(id)) if Some(id) == from_id.as_ref()))
        {
            match t.0.iter_mut().find(|(k, _)| *k == key) {
                Some((_, Val::List(l))) => l.push(target),
                _ => {
                    t.list(key, vec![target]);
                }
            }
        }
    }
}

/// `supports`/`contradicts`, as a relationship type or (brief's own) its description.
fn link_type(o: &Json) -> &str {
    let kind = s(o, "relationship_type");
    if kind == "related-to" { s(o, "description") } else { kind }
}
