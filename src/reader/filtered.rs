//! The reader's filter (`&`): a query of docs/SEARCH.md applied to the list
//! and the panes. The list keeps the briefings with a match, each pane the
//! matching entities; what matched is worked out once, when it is applied.

use std::collections::HashMap;

use super::input::InputLine;
use super::keys::Action;
use crate::model::{Corpus, EntityId};
use crate::search::{FilterError, Index, Marks};

#[derive(Debug, Clone, Default)]
pub struct Filtered {
    pub query: String,
    /// How many entities match.
    pub matched: usize,
    /// Per entity, whether it matches.
    pub keeps: Vec<bool>,
    /// Briefings that match or define a match, in list order. (Their panes
    /// also keep matching entities defined elsewhere, marked `↗`.)
    pub briefings: Vec<EntityId>,
    /// Per listed briefing, its matching actors, claims and precedents.
    rows: HashMap<EntityId, [Vec<EntityId>; 3]>,
}

impl Filtered {
    /// `query` over `corpus`; an invalid query is an error, and so is one
    /// that matches nothing (the list would be empty).
    pub fn new(corpus: &Corpus, index: &Index, query: &str, marks: &Marks) -> Result<Filtered, FilterError> {
        let mut matched = index.matches(query, marks)?;
        // The index is of this corpus; should it lag a reload, nothing past its end matches.
        matched.resize(corpus.entities.len(), false);
        let count = matched.iter().filter(|m| **m).count();
        let mut f = Filtered { query: query.to_string(), matched: count, ..Filtered::default() };
        let defines_a_match = {
            let mut by_briefing = vec![false; corpus.entities.len()];
            for (e, ent) in corpus.entities.iter().enumerate() {
                if matched[e] {
                    by_briefing[ent.briefing] = true;
                }
            }
            by_briefing
        };
        for &b in &corpus.briefings {
            let Some(body) = corpus.briefing(b) else { continue };
            let keep = |ids: &[EntityId]| ids.iter().copied().filter(|&e| matched[e]).collect::<Vec<_>>();
            let rows = [keep(&body.actors), keep(&body.claims), keep(&body.precedents)];
            if matched[b] || defines_a_match[b] {
                f.briefings.push(b);
                f.rows.insert(b, rows);
            }
        }
        f.keeps = matched;
        Ok(f)
    }

    /// `6 matches in 1 briefing`.
    pub fn said(&self) -> String {
        counted(self.matched, self.briefings.len())
    }

    /// The matching rows of one of `briefing`'s entity panes (0 actors, 1 claims, 2 precedents).
    pub fn rows(&self, briefing: EntityId, pane: usize) -> &[EntityId] {
        self.rows.get(&briefing).and_then(|r| r.get(pane)).map_or(&[], Vec::as_slice)
    }
}

/// `N matches in M briefings`, in the singular where it is one.
pub fn counted(matches: usize, briefings: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let es = if matches == 1 { "" } else { "es" };
    format!("{matches} match{es} in {briefings} briefing{}", s(briefings))
}

/// The `&` line: a query typed with its live count, applied on `Enter`.
#[derive(Debug, Default)]
pub struct FilterEditor {
    pub input: InputLine,
    /// What the query as typed gives: how many entities and briefings, or why not.
    pub preview: Option<Result<(usize, usize), FilterError>>,
}

pub enum FilterOutcome {
    Stay,
    /// Apply the query (an empty one clears the filter).
    Apply(String),
    Cancel,
    Quit,
}

impl FilterEditor {
    pub fn new(text: &str) -> FilterEditor {
        FilterEditor { input: InputLine::new(text.to_string(), super::input::QUERY_CHARS), preview: None }
    }

    pub fn update(&mut self, action: Action) -> FilterOutcome {
        if self.input.edit(action) {
            self.preview = None;
            return FilterOutcome::Stay;
        }
        match action {
            Action::Open => FilterOutcome::Apply(self.input.text().trim().to_string()),
            Action::Cancel => FilterOutcome::Cancel,
            Action::Quit => FilterOutcome::Quit,
            _ => FilterOutcome::Stay,
        }
    }
}
