//! One search: which entities match every term, and how well.

use std::borrow::Cow;

use memchr::memmem::Finder;

use super::Index;
use super::fold::fold;
use super::prose::matching_words;
use super::query::{Query, Term};
use super::short::{Class, best_occurrence, byte_mask, class_at, field_score, scatter_ceiling, scattered};

/// Not a candidate of this search.
const OUT: i32 = i32::MIN;

/// Per-entity scratch for one search: indexed by entity, reset as it goes.
pub struct Scores {
    /// The best score of the current term, `OUT` for entities not in play.
    best: Vec<i32>,
    /// The sum over the terms so far.
    pub total: Vec<i32>,
}

impl Scores {
    pub fn new(n: usize) -> Scores {
        Scores { best: vec![OUT; n], total: vec![0; n] }
    }

    #[inline]
    fn offer(&mut self, e: usize, score: i32) {
        // `get_mut`: an entity number read from a cache file is not trusted to be in range.
        if let Some(b) = self.best.get_mut(e)
            && *b != OUT
            && score > *b
        {
            *b = score;
        }
    }
}

impl Index {
    /// Narrows `cands` to the entities that match every term, adding each
    /// term's best score to `scores.total`.
    pub(super) fn filter(&self, query: &Query, cands: &mut Vec<u32>, scores: &mut Scores) {
        for term in &query.terms {
            for &e in cands.iter() {
                scores.best[e as usize] = 0;
            }
            self.short_pass(term, cands, scores);
            if term.scatters() {
                self.scatter_pass(term, cands, scores);
            }
            if term.in_prose() {
                for (word, s) in matching_words(&self.tables, term) {
                    for (e, _) in self.tables.postings(word as usize) {
                        scores.offer(e, s);
                    }
                }
            }
            cands.retain(|&e| {
                let e = e as usize;
                let best = std::mem::replace(&mut scores.best[e], OUT);
                scores.total[e] += best.max(0);
                best > 0
            });
        }
    }

    /// Substring matches in short fields: one pass over all of them when most
    /// entities are in play, else field by field.
    fn short_pass(&self, term: &Term, cands: &[u32], scores: &mut Scores) {
        let finder = Finder::new(term.lower.as_bytes());
        let cased = term.cased.as_ref().map(|c| Finder::new(c.as_bytes()).into_owned());
        let mut offer = |f: usize, class: Class| self.offer_field(f, class, cased.as_ref(), scores);
        let few = cands.len() * 8 < self.tables.entities();
        if let Some(c) = one_ascii_char(term) {
            let masks = self.word_masks();
            let each = |f: usize| {
                let (a, b) = self.tables.folded.range(f);
                if let Some(class) = masks.class(f, self.tables.mask(f), c, b - a) {
                    offer(f, class);
                }
            };
            if few {
                cands.iter().flat_map(|&e| self.tables.fields_of(e as usize)).for_each(each);
            } else {
                (0..self.tables.field.len()).for_each(each);
            }
        } else if few {
            for f in cands.iter().flat_map(|&e| self.tables.fields_of(e as usize)) {
                if let Some((class, _)) = best_occurrence(self.tables.folded.get(f), &finder) {
                    offer(f, class);
                }
            }
        } else {
            self.scan_all(&finder, &mut offer);
        }
    }

    /// Offers a field's match to its entity, checking case first for a term with capitals.
    fn offer_field(&self, f: usize, class: Class, cased: Option<&Finder<'_>>, scores: &mut Scores) {
        let e = self.tables.entity_of(f);
        if scores.best[e] == OUT {
            return;
        }
        let class = match cased {
            Some(cf) => match best_occurrence(&cased_fold(self.tables.shown.get(f)), cf) {
                Some((c, _)) => c,
                None => return,
            },
            None => class,
        };
        scores.offer(e, field_score(self.tables.field[f], class));
    }

    /// Every occurrence of the term in all the folded short fields at once,
    /// calling `offer` with each field's best class.
    fn scan_all(&self, finder: &Finder<'_>, offer: &mut impl FnMut(usize, Class)) {
        let text = self.tables.folded.text.bytes();
        let starts = &self.tables.folded.starts;
        let len = finder.needle().len();
        // Occurrences come in order: keep the best class of the field they are in,
        // and offer it when the next occurrence falls in another field.
        let mut cur: Option<(usize, Class)> = None;
        let mut f = 0;
        for hit in finder.find_iter(text) {
            if starts[f + 1] as usize <= hit {
                if let Some((cf, class)) = cur.take() {
                    offer(cf, class);
                }
                f = field_at(starts, f + 1, hit);
            } else if cur.is_some_and(|(_, c)| c >= Class::WholeWord) {
                continue;
            }
            let (a, b) = self.tables.folded.range(f);
            // Checked as it is used: the mapped cache's bytes are untrusted.
            let Some(field) = text.get(a..b).and_then(|t| std::str::from_utf8(t).ok()) else { continue };
            let class = class_at(field, hit - a, len);
            if cur.is_none_or(|(_, c)| class > c) {
                cur = Some((f, class));
            }
        }
        if let Some((cf, class)) = cur {
            offer(cf, class);
        }
    }

    /// Scattered letters in short fields, for entities that have nothing better yet.
    fn scatter_pass(&self, term: &Term, cands: &[u32], scores: &mut Scores) {
        let want = byte_mask(&term.lower);
        for &e in cands {
            let e = e as usize;
            for f in self.tables.fields_of(e) {
                let field = self.tables.field[f];
                if self.tables.mask(f) & want != want || scores.best[e] >= scatter_ceiling(field.tier()) {
                    continue;
                }
                let class = match &term.cased {
                    Some(c) => scattered(&self.matcher, &cased_fold(self.tables.shown.get(f)), c, term.chars),
                    None => scattered(&self.matcher, self.tables.folded.get(f), &term.lower, term.chars),
                };
                if let Some(class) = class {
                    scores.offer(e, field_score(field, class));
                }
            }
        }
    }
}

/// The last field starting at or before byte `at`, searching forward from
/// `from` (which starts at or before it): gallop, then bisect, so that both
/// dense and sparse occurrences cost little.
fn field_at(starts: &[u32], from: usize, at: usize) -> usize {
    let mut lo = from;
    let mut step = 1;
    while lo + step < starts.len() && starts[lo + step] as usize <= at {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(starts.len());
    lo + starts[lo..hi].partition_point(|&s| s as usize <= at) - 1
}

/// A lone lowercase ASCII letter or digit: its class in a field is read off the masks.
fn one_ascii_char(term: &Term) -> Option<char> {
    let mut chars = term.lower.chars();
    let c = chars.next()?;
    (chars.next().is_none() && term.cased.is_none() && (c.is_ascii_lowercase() || c.is_ascii_digit())).then_some(c)
}

/// A field folded with its case kept, for a term with capitals: ASCII needs no folding.
fn cased_fold(shown: &str) -> Cow<'_, str> {
    if shown.is_ascii() { Cow::Borrowed(shown) } else { Cow::Owned(fold(shown, false)) }
}
