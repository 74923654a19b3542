//! Fuzzy search across every entity of a folder: built once from a
//! [`Corpus`], searched on each keystroke. How it matches and ranks is in
//! docs/SEARCH.md.

mod build;
pub mod cache;
mod describe;
mod engine;
pub mod facets;
pub mod filter;
pub mod fold;
mod prose;
pub mod query;
pub mod scope;
pub mod select;
mod short;
mod strs;
pub mod tables;

use std::cmp::Ordering;
use std::sync::{Mutex, OnceLock};

use fuzzy_matcher::skim::SkimMatcherV2;

pub use filter::FilterError;
pub use query::Query;
pub use scope::Field;
pub use select::{Marks, reads_ratings};
pub use tables::Tables;

use engine::Scores;
use prose::matching_words;
use short::Masks;

use crate::model::{Corpus, EntityId, Kind};

/// The best hits of a query, and how many entities matched in all.
#[derive(Debug, Default)]
pub struct Answer {
    pub hits: Vec<Hit>,
    pub matched: usize,
}

/// One entity that matched, with what to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entity: EntityId,
    pub score: i64,
    /// The field that matched best (`Field::name` gives its key: `name`, `role`, `summary`…);
    /// `None` when no one field matched.
    pub field: Option<Field>,
    /// That field's text, or the words around the match in prose; one line.
    /// (An index read from the cache keeps no prose until it is restored: there, a prose hit's text is the label.)
    pub text: String,
    /// Char indices in `text` of the matched chars, for highlighting.
    pub positions: Vec<usize>,
}

/// The last search's query and the entities it matched: a query that only
/// adds letters searches those instead of everything.
#[derive(Default)]
struct Memo {
    query: Query,
    matched: Vec<u32>,
}

/// An index that may still be on its way: the reader shows a folder as soon
/// as it is loaded, and its index (read from the cache, or built) follows.
/// Whatever needs it waits ([`OnceLock::wait`]); filled once, by the loader.
pub type PendingIndex = std::sync::Arc<OnceLock<Index>>;

/// A [`PendingIndex`] that is ready now.
pub fn ready(index: Index) -> PendingIndex {
    std::sync::Arc::new(OnceLock::from(index))
}

pub struct Index {
    tables: Tables,
    /// Built on the first search that needs them.
    word_masks: OnceLock<Masks>,
    /// The corpus an index read from the cache was read for, once given:
    /// its prose, for the words around a match, without a second copy of it.
    restored: OnceLock<std::sync::Arc<Corpus>>,
    matcher: SkimMatcherV2,
    memo: Mutex<Memo>,
}

impl Index {
    pub fn build(corpus: &Corpus) -> Index {
        Index::from_store(Tables::build(corpus))
    }

    /// Like [`Index::build`], reading its prose from `corpus` rather than
    /// keeping a copy ([`Index::restore_prose`]), with no copy made at all.
    pub fn build_on(corpus: &std::sync::Arc<Corpus>) -> Index {
        let mut index = Index::from_store(Tables::build_lean(corpus));
        index.restore_prose(corpus);
        index
    }

    pub fn from_store(tables: Tables) -> Index {
        Index {
            tables,
            word_masks: OnceLock::new(),
            restored: OnceLock::new(),
            matcher: SkimMatcherV2::default().respect_case(),
            memo: Mutex::new(Memo::default()),
        }
    }

    /// Whether this index is of `corpus`: the same entities, by id, in the
    /// same order (a cached index read for a folder that changed is not).
    pub fn indexes(&self, corpus: &Corpus) -> bool {
        self.len() == corpus.entities.len() && corpus.entities.iter().enumerate().all(|(e, ent)| self.id(e) == ent.id)
    }

    /// Has the index read its prose from `corpus`, the one it indexes
    /// ([`Index::indexes`]), for the hits shown, as a fresh index keeps it:
    /// an index read from the cache lacks it, and a built one gives up its
    /// own copy (in the reader, a fifth of the folder that would otherwise be
    /// held twice). Until then a prose hit's text is the label.
    pub fn restore_prose(&mut self, corpus: &std::sync::Arc<Corpus>) {
        self.tables.prose = None;
        let _ = self.restored.set(std::sync::Arc::clone(corpus));
    }

    /// The prose fields of entity `e` as the index reads them (one line, links
    /// as their words), when there is prose at hand.
    fn prose_of(&self, e: usize) -> Option<Vec<(Field, std::borrow::Cow<'_, str>)>> {
        if let Some(pr) = &self.tables.prose {
            let range = pr.first[e] as usize..pr.first[e + 1] as usize;
            return Some(range.map(|p| (pr.field[p], pr.text.get(p).into())).collect());
        }
        let c = self.restored.get()?;
        let body = c.entities[e].read();
        Some(scope::prose_fields(&body).into_iter().map(|(f, t)| (f, build::prose_line(c, t).into())).collect())
    }

    fn has_prose(&self) -> bool {
        self.tables.prose.is_some() || self.restored.get().is_some()
    }

    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    pub fn len(&self) -> usize {
        self.tables.entities()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn kind(&self, e: EntityId) -> Kind {
        self.tables.kinds[e]
    }

    pub fn id(&self, e: EntityId) -> &str {
        self.tables.id(e)
    }

    /// Title, name or claim text as read: one line, links replaced by their words.
    pub fn label(&self, e: EntityId) -> &str {
        self.tables.label(e)
    }

    /// The id of the briefing whose file defines the entity.
    pub fn briefing_id(&self, e: EntityId) -> &str {
        self.tables.id(self.tables.briefing[e] as usize)
    }

    fn word_masks(&self) -> &Masks {
        self.word_masks.get_or_init(|| {
            let mut masks = Masks::default();
            (0..self.tables.folded.len()).for_each(|f| masks.push(self.tables.folded.get(f)));
            masks
        })
    }

    /// The best `limit` matches of `query`, best first, with no review marks
    /// (`is:reviewed` matches nothing); a bad filter matches nothing. See
    /// docs/SEARCH.md for the query language.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.find(query, limit, &Marks::default()).unwrap_or_default()
    }

    /// The best `limit` matches of `query`, its `is:` filters reading `marks`.
    pub fn find(&self, query: &str, limit: usize, marks: &Marks) -> Result<Vec<Hit>, FilterError> {
        Ok(self.answer(query, limit, marks)?.hits)
    }

    /// [`Index::find`], with how many entities matched in all.
    pub fn answer(&self, query: &str, limit: usize, marks: &Marks) -> Result<Answer, FilterError> {
        Ok(self.search_query(Query::parse(query)?, limit, marks))
    }

    /// Per entity, whether `query` matches it: what a filter over the whole
    /// folder needs, without ranking or describing a hit.
    pub fn matches(&self, query: &str, marks: &Marks) -> Result<Vec<bool>, FilterError> {
        let query = Query::parse(query)?;
        let select = self.selector(&query.filters, marks);
        let mut set = vec![false; self.len()];
        if query.terms.is_empty() {
            if !query.kinds.is_empty() || !select.is_empty() {
                for (e, m) in set.iter_mut().enumerate() {
                    *m = query.keeps(self.kind(e)) && select.keeps(e);
                }
            }
            return Ok(set);
        }
        let mut cands: Vec<u32> = (0..self.len() as u32)
            .filter(|&e| query.keeps(self.kind(e as usize)) && select.keeps(e as usize))
            .collect();
        self.filter(&query, &mut cands, &mut Scores::new(self.len()));
        for e in cands {
            set[e as usize] = true;
        }
        Ok(set)
    }

    /// Like [`Index::find`], for a query already parsed (and perhaps narrowed to a kind).
    pub fn search_query(&self, query: Query, limit: usize, marks: &Marks) -> Answer {
        let select = self.selector(&query.filters, marks);
        if query.terms.is_empty() {
            return self.browse(&query, &select, limit);
        }
        let memo = std::mem::take(&mut *self.memo.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut cands: Vec<u32> = if memo.query.narrows_to(&query) {
            memo.matched
        } else {
            (0..self.len() as u32).filter(|&e| query.keeps(self.kind(e as usize))).collect()
        };
        // Marks may have changed since the last search: filters are applied afresh.
        if !select.is_empty() {
            cands.retain(|&e| select.keeps(e as usize));
        }
        let mut scores = Scores::new(self.len());
        self.filter(&query, &mut cands, &mut scores);
        let mut ranked: Vec<(i32, u32)> = cands.iter().map(|&e| (scores.total[e as usize], e)).collect();
        let matched = ranked.len();
        self.top(&mut ranked, limit);
        let words: Vec<Vec<(u32, i32)>> = query
            .terms
            .iter()
            .map(|t| if !self.has_prose() && t.in_prose() { matching_words(&self.tables, t) } else { Vec::new() })
            .collect();
        let hits = ranked
            .iter()
            .map(|&(score, e)| {
                let d = self.describe(e as usize, &query.terms, &words);
                Hit {
                    entity: e as usize,
                    score: i64::from(score),
                    field: d.field,
                    text: d.text,
                    positions: d.positions,
                }
            })
            .collect();
        *self.memo.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Memo { query, matched: cands };
        Answer { hits, matched }
    }

    /// A query of kinds and filters alone (`c: is:flagged`) lists every
    /// match by kind, then id (no word to rank by); an empty one lists nothing.
    fn browse(&self, query: &Query, select: &select::Selector, limit: usize) -> Answer {
        if query.kinds.is_empty() && select.is_empty() {
            return Answer::default();
        }
        let mut ranked: Vec<(i32, u32)> = (0..self.len() as u32)
            .filter(|&e| query.keeps(self.kind(e as usize)) && select.keeps(e as usize))
            .map(|e| (0, e))
            .collect();
        let by_id = |a: &(i32, u32), b: &(i32, u32)| {
            let (ea, eb) = (a.1 as usize, b.1 as usize);
            self.kind(ea).cmp(&self.kind(eb)).then_with(|| self.id(ea).cmp(self.id(eb)))
        };
        let matched = ranked.len();
        if ranked.len() > limit && limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, by_id);
        }
        ranked.truncate(limit);
        ranked.sort_unstable_by(by_id);
        let hits = ranked
            .into_iter()
            .map(|(_, e)| {
                let e = e as usize;
                Hit { entity: e, score: 0, field: None, text: self.label(e).to_string(), positions: Vec::new() }
            })
            .collect();
        Answer { hits, matched }
    }

    /// Best first: score, then the shorter label, then kind, then id.
    fn order(&self, a: &(i32, u32), b: &(i32, u32)) -> Ordering {
        let (ea, eb) = (a.1 as usize, b.1 as usize);
        b.0.cmp(&a.0)
            .then_with(|| self.label(ea).chars().count().cmp(&self.label(eb).chars().count()))
            .then(self.kind(ea).cmp(&self.kind(eb)))
            .then_with(|| self.id(ea).cmp(self.id(eb)))
    }

    /// Keeps the best `limit` of `ranked`, in order.
    fn top(&self, ranked: &mut Vec<(i32, u32)>, limit: usize) {
        if ranked.len() > limit && limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, |a, b| self.order(a, b));
        }
        ranked.truncate(limit);
        ranked.sort_unstable_by(|a, b| self.order(a, b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_can_be_searched_from_another_thread() {
        let corpus = crate::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings").as_path());
        let index = std::sync::Arc::new(Index::build(&corpus.expect("the seed briefings load")));
        let shared = std::sync::Arc::clone(&index);
        let hits = std::thread::spawn(move || shared.search("neum", 5)).join().expect("the search thread");
        assert_eq!(hits.first().map(|h| index.id(h.entity)), Some("peter-neumann"));
    }

    #[test]
    fn an_empty_folder_gives_an_empty_index_that_finds_nothing() {
        let index = Index::build(&Corpus::default());
        assert!(index.is_empty());
        assert!(index.search("a", 10).is_empty() && index.search("c:", 10).is_empty());
    }
}
