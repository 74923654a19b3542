//! Matching one term against the words of prose. A paragraph holds every
//! letter somewhere, so a term must sit in one word: the whole word, its
//! start, inside it, or (five letters or more) its start with one typo.

use std::ops::Range;

use super::query::Term;
use super::scope::Tier;
use super::short::{Class, score};
use super::tables::Tables;

/// How `term` matches one folded word, and which of the word's chars it covers.
pub fn word_class(word: &str, term: &str, typos: bool) -> Option<(Class, Range<usize>)> {
    if let Some(at) = word.find(term) {
        let start = word[..at].chars().count();
        let range = start..start + term.chars().count();
        let class = match (at, at + term.len() == word.len()) {
            (0, true) => Class::WholeWord,
            (0, false) => Class::WordStart,
            _ => Class::Substring,
        };
        return Some((class, range));
    }
    if typos && let Some(len) = prefix_with_one_typo(word, term) {
        return Some((Class::Scattered(0), 0..len));
    }
    None
}

/// If `term` is one edit (a letter wrong, missing, extra, or two swapped) from a
/// start of `word` and begins with the same letter: how many chars of the word it covers.
pub fn prefix_with_one_typo(word: &str, term: &str) -> Option<usize> {
    if word.is_ascii() && term.is_ascii() {
        return typo_prefix(word.as_bytes(), term.as_bytes());
    }
    let w: Vec<char> = word.chars().collect();
    let t: Vec<char> = term.chars().collect();
    typo_prefix(&w, &t)
}

fn typo_prefix<T: PartialEq>(w: &[T], t: &[T]) -> Option<usize> {
    if t.is_empty() || w.first() != t.first() {
        return None;
    }
    let i = w.iter().zip(t).take_while(|(a, b)| a == b).count();
    if i == t.len() {
        return Some(i);
    }
    let prefix_of = |t: &[T], w: &[T]| t.len() <= w.len() && t == &w[..t.len()];
    let tail = |from_t: usize, from_w: usize| {
        let (t, w) = (t.get(from_t..)?, w.get(from_w..)?);
        prefix_of(t, w).then_some(from_w + t.len())
    };
    let swapped = t.get(i + 1) == w.get(i) && t.get(i) == w.get(i + 1);
    // Substituted, extra in the term, missing from the term, or two letters swapped.
    tail(i + 1, i + 1)
        .or_else(|| tail(i + 1, i))
        .or_else(|| tail(i, i + 1))
        .or_else(|| if swapped { tail(i + 2, i + 2) } else { None })
}

/// The prose score of each vocabulary word the term matches.
pub fn matching_words(tables: &Tables, term: &Term) -> Vec<(u32, i32)> {
    let (words, t) = match &term.cased {
        Some(cased) => (&tables.words, cased.as_str()),
        None => (&tables.words_lower, term.lower.as_str()),
    };
    let typos = term.typos();
    let first = t.chars().next();
    let mut out = Vec::new();
    for i in 0..words.len() {
        let w = words.get(i);
        // Cheap refusals first: every match shares the term's first letter or contains it whole.
        if w.len() + 1 < t.len() || (!w.starts_with(first.unwrap_or('\0')) && !w.contains(t)) {
            continue;
        }
        if let Some((class, _)) = word_class(w, t, typos) {
            out.push((i as u32, score(Tier::Prose, class)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_matches_inside_one_word() {
        assert_eq!(word_class("fake", "fake", false), Some((Class::WholeWord, 0..4)));
        assert_eq!(word_class("fakes", "fake", false), Some((Class::WordStart, 0..4)));
        assert_eq!(word_class("unfake", "fake", false), Some((Class::Substring, 2..6)));
        assert_eq!(word_class("lodz", "lodz", false).map(|m| m.0), Some(Class::WholeWord));
    }

    #[test]
    fn one_typo_at_the_start_of_a_word_is_forgiven() {
        assert_eq!(prefix_with_one_typo("neumann", "nuemann"), Some(7), "swapped");
        assert_eq!(prefix_with_one_typo("neumann", "neuman"), Some(6), "a prefix");
        assert_eq!(prefix_with_one_typo("neumann", "neimann"), Some(7), "wrong letter");
        assert_eq!(prefix_with_one_typo("neumann", "neumaann"), Some(7), "extra letter");
        assert_eq!(prefix_with_one_typo("neumann", "numann"), Some(7), "missing letter");
        assert_eq!(prefix_with_one_typo("neumann", "mewmann"), None, "the first letter counts");
        assert_eq!(prefix_with_one_typo("neumann", "nuemnan"), None, "two typos");
        assert_eq!(prefix_with_one_typo("закаев", "закеав"), Some(6));
    }
}
