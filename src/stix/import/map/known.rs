//! What the receiving folder already has: an entity whose id another file
//! there defines is not written again, and a link to it resolves to the
//! receiver's copy.

use std::collections::HashSet;

use super::super::doc::{Doc, Val};

/// Entities not written: those the folder already has, and those a briefing
/// the folder already has holds but the folder lacks (left with their briefing).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub already: usize,
    pub left: usize,
}

/// Takes out of `docs` every entity whose id is in `known`, and every
/// briefing (with all it holds) whose id is.
pub fn keep_out(docs: &mut Vec<Doc>, known: &HashSet<String>) -> Kept {
    let mut kept = Kept::default();
    if known.is_empty() {
        return kept;
    }
    let has = |t: &super::super::doc::Table| matches!(t.get("id"), Some(Val::Str(id)) if known.contains(id));
    docs.retain_mut(|doc| {
        if known.contains(&doc.id) {
            kept.already += 1;
            for t in doc.sections.iter().flatten() {
                if has(t) { kept.already += 1 } else { kept.left += 1 }
            }
            return false;
        }
        for section in &mut doc.sections {
            section.retain(|t| {
                let there = has(t);
                kept.already += usize::from(there);
                !there
            });
        }
        true
    });
    kept
}
