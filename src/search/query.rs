//! The query language: space-separated terms that must all match, smart case,
//! `'exact` terms, a kind prefix such as `c:` or `actor:`, and filters
//! (`is:flagged`, `-tlp:red`: see `filter`).

use super::filter::{self, Filter, FilterError};
use super::fold::{fold, is_wide};
use crate::model::Kind;

/// Terms shorter than this match short fields as substrings only, and skip prose:
/// one or two letters scattered through a line, or inside every paragraph, say nothing.
pub const MIN_FUZZY_CHARS: usize = 3;
/// Terms this long also find a prose word with one typo.
pub const MIN_TYPO_CHARS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded and lowercased: what every field is first matched against.
    pub lower: String,
    /// Folded with its case kept, when the term has an uppercase letter (smart case).
    pub cased: Option<String>,
    /// `'term`: a substring, never scattered letters or a typo.
    pub exact: bool,
    pub chars: usize,
}

impl Term {
    fn new(raw: &str, exact: bool) -> Option<Term> {
        let lower = fold(raw, true);
        if lower.is_empty() {
            return None;
        }
        let cased = raw.chars().any(char::is_uppercase).then(|| fold(raw, false));
        Some(Term { chars: lower.chars().count(), lower, cased, exact })
    }

    /// Scattered letters may match a short field.
    pub fn scatters(&self) -> bool {
        !self.exact && self.chars >= MIN_FUZZY_CHARS
    }

    /// Prose words are searched: three letters, or one wide (CJK) char, which is a word in itself.
    pub fn in_prose(&self) -> bool {
        self.chars >= MIN_FUZZY_CHARS || self.lower.chars().any(is_wide)
    }

    /// A prose word one edit away still matches.
    pub fn typos(&self) -> bool {
        !self.exact && self.cased.is_none() && self.chars >= MIN_TYPO_CHARS
    }

    /// Every entity `self` matches, `next` (one more letter typed) matches too, or
    /// none: so the last result set can be searched instead of everything.
    fn narrows_to(&self, next: &Term) -> bool {
        let cased_ok = match (&self.cased, &next.cased) {
            (None, None) => true,
            (Some(a), Some(b)) => b.starts_with(a.as_str()),
            _ => false,
        };
        cased_ok
            && next.lower.starts_with(&self.lower)
            && self.exact == next.exact
            && self.scatters() == next.scatters()
            && self.in_prose() == next.in_prose()
            && self.typos() == next.typos()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Kinds to keep; empty keeps every kind.
    pub kinds: Vec<Kind>,
    pub terms: Vec<Term>,
    /// Filters that must all hold; `true` negates one.
    pub filters: Vec<(bool, Filter)>,
}

/// `a:` / `actor:` and friends, as written before a term or on their own.
fn kind_prefix(word: &str) -> Option<(Kind, &str)> {
    let (head, rest) = word.split_once(':')?;
    let kind = match head.to_ascii_lowercase().as_str() {
        "a" | "actor" | "actors" => Kind::Actor,
        "b" | "briefing" | "briefings" => Kind::Briefing,
        "c" | "claim" | "claims" => Kind::Claim,
        "p" | "precedent" | "precedents" => Kind::Precedent,
        "s" | "source" | "sources" => Kind::Source,
        "h" | "hypothesis" | "hypotheses" => Kind::Hypothesis,
        "subject" | "subjects" => Kind::Subject,
        _ => return None,
    };
    Some((kind, rest))
}

impl Query {
    /// The query in `text`; a word that looks like a filter and is not a
    /// valid one is an error.
    pub fn parse(text: &str) -> Result<Query, FilterError> {
        let mut q = Query::default();
        for word in text.split_whitespace() {
            match filter::parse(word) {
                Some(Ok((false, Filter::Kind(kind)))) => {
                    if !q.kinds.contains(&kind) {
                        q.kinds.push(kind);
                    }
                    continue;
                }
                Some(Ok(f)) => {
                    q.filters.push(f);
                    continue;
                }
                Some(Err(e)) => return Err(e),
                None => {}
            }
            // `-c:` leaves claims out.
            if let Some((kind, "")) = word.strip_prefix('-').and_then(kind_prefix) {
                q.filters.push((true, Filter::Kind(kind)));
                continue;
            }
            let word = match kind_prefix(word) {
                Some((kind, rest)) => {
                    if !q.kinds.contains(&kind) {
                        q.kinds.push(kind);
                    }
                    rest
                }
                None => word,
            };
            let (raw, exact) = match word.strip_prefix('\'') {
                Some(rest) => (rest, true),
                None => (word, false),
            };
            let raw: String = raw.chars().filter(|c| !c.is_control()).collect();
            q.terms.extend(Term::new(&raw, exact));
        }
        Ok(q)
    }

    /// Nothing to search for and nothing to filter by.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.kinds.is_empty() && self.filters.is_empty()
    }

    pub fn keeps(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// Whether every entity `next` matches is among those `self` matched.
    pub fn narrows_to(&self, next: &Query) -> bool {
        self.kinds == next.kinds
            && self.filters == next.filters
            && !self.terms.is_empty()
            && self.terms.len() <= next.terms.len()
            && self.terms.iter().zip(&next.terms).all(|(a, b)| a.narrows_to(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Query {
        Query::parse(text).expect("a valid query")
    }

    #[test]
    fn kind_prefixes_stand_alone_or_before_a_term() {
        let q = parsed("c: fake");
        assert_eq!(q.kinds, vec![Kind::Claim]);
        assert_eq!(q.terms.len(), 1);
        let q = parsed("actor:neu P:x");
        assert_eq!(q.kinds, vec![Kind::Actor, Kind::Precedent]);
        assert_eq!(q.terms.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>(), ["neu", "x"]);
        // Not a kind: the whole word is a term.
        assert_eq!(parsed("10:30").terms[0].lower, "10:30");
    }

    #[test]
    fn filters_and_negated_kinds_are_not_terms() {
        let query = parsed("neu is:flagged -c: kind:actor 10:30");
        assert_eq!(query.kinds, vec![Kind::Actor]);
        assert_eq!(query.filters, vec![(false, Filter::Is(filter::State::Flagged)), (true, Filter::Kind(Kind::Claim))]);
        assert_eq!(query.terms.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>(), ["neu", "10:30"]);
        assert!(Query::parse("neu is:flaged").is_err());
    }

    #[test]
    fn uppercase_makes_a_term_case_sensitive_and_accents_fold() {
        let q = parsed("IS łódź 'Exact");
        assert_eq!(q.terms[0].cased.as_deref(), Some("IS"));
        assert_eq!(q.terms[1].lower, "lodz");
        assert_eq!(q.terms[1].cased, None);
        assert!(q.terms[2].exact && !q.terms[2].scatters());
    }

    #[test]
    fn one_more_letter_narrows_but_a_new_mode_does_not() {
        let narrows = |a: &str, b: &str| parsed(a).narrows_to(&parsed(b));
        assert!(narrows("neuma", "neuman"));
        assert!(narrows("neu", "neum"));
        assert!(narrows("neum", "neum att"));
        assert!(!narrows("ne", "neu"), "three letters start scattered and prose matches");
        assert!(!narrows("neum", "neuma"), "five letters start forgiving a typo");
        assert!(!narrows("neum", "nem"));
        assert!(!narrows("fake", "c: fake"));
        assert!(!narrows("neuma", "neumaN"), "case sensitivity changes the mode");
        assert!(!narrows("neum", "neuma is:flagged"), "a filter added is a new search");
    }
}
