//! For a hit, the field that matched best, the text to show from it, and
//! which of its chars to highlight. Done only for the hits shown, so the
//! search itself never maps positions.

use std::borrow::Cow;

use memchr::memmem::Finder;

use super::Index;
use super::fold::{fold_with_map, is_word_char};
use super::prose::word_class;
use super::query::Term;
use super::scope::{Field, Tier};
use super::short::{Class, best_occurrence, field_score, scattered, score};

/// Chars of prose shown before the matched word, and in all.
const BEFORE: usize = 30;
const WIDTH: usize = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Short(usize),
    /// The entity's prose field of this number.
    Prose(usize),
    /// Prose whose text is not at hand (an index read from the cache).
    Unseen,
}

struct Place {
    score: i32,
    field: Field,
    source: Source,
    /// Char indices in the field's text.
    positions: Vec<usize>,
}

pub struct Described {
    /// `None` when nothing but the entity as a whole matched.
    pub field: Option<Field>,
    pub text: String,
    pub positions: Vec<usize>,
}

impl Index {
    pub(super) fn describe(&self, e: usize, terms: &[Term], words: &[Vec<(u32, i32)>]) -> Described {
        let prose = if terms.iter().any(Term::in_prose) { self.prose_of(e) } else { None };
        let places: Vec<Place> =
            terms.iter().zip(words).filter_map(|(t, w)| self.best_place(e, t, w, prose.as_deref())).collect();
        let Some(best) = places.iter().reduce(|a, b| if b.score > a.score { b } else { a }) else {
            return Described { field: None, text: self.label(e).to_string(), positions: Vec::new() };
        };
        let mut positions: Vec<usize> =
            places.iter().filter(|p| p.source == best.source).flat_map(|p| p.positions.iter().copied()).collect();
        positions.sort_unstable();
        positions.dedup();
        let field = Some(best.field);
        match best.source {
            Source::Short(f) => Described { field, text: self.tables.shown.get(f).to_string(), positions },
            Source::Prose(p) => {
                let text = prose.as_ref().and_then(|pr| pr.get(p)).map_or("", |(_, t)| t);
                let (text, positions) = window(text, best.positions.first().copied().unwrap_or(0), &positions);
                Described { field, text, positions }
            }
            Source::Unseen => Described { field, text: self.label(e).to_string(), positions: Vec::new() },
        }
    }

    fn best_place(
        &self,
        e: usize,
        term: &Term,
        words: &[(u32, i32)],
        prose: Option<&[(Field, Cow<'_, str>)]>,
    ) -> Option<Place> {
        let mut best: Option<Place> = None;
        let mut offer = |p: Place| {
            if best.as_ref().is_none_or(|b| p.score > b.score) {
                best = Some(p);
            }
        };
        for f in self.tables.fields_of(e) {
            if let Some(p) = self.short_place(f, term) {
                offer(p);
            }
        }
        if term.in_prose() {
            match prose {
                Some(prose) => {
                    for (p, (field, text)) in prose.iter().enumerate() {
                        if let Some(place) = prose_place(text, *field, p, term) {
                            offer(place);
                        }
                    }
                }
                None => {
                    if let Some(place) = self.unseen_place(e, words) {
                        offer(place);
                    }
                }
            }
        }
        best
    }

    fn short_place(&self, f: usize, term: &Term) -> Option<Place> {
        let t = term.cased.as_deref().unwrap_or(&term.lower);
        let (folded, map) = fold_with_map(self.tables.shown.get(f), term.cased.is_none());
        let field = self.tables.field[f];
        let (class, chars) = match best_occurrence(&folded, &Finder::new(t.as_bytes())) {
            Some((class, at)) => {
                let start = folded[..at].chars().count();
                (class, (start..start + t.chars().count()).collect())
            }
            None if term.scatters() => {
                let class = scattered(&self.matcher, &folded, t, term.chars)?;
                let (_, idx) = fuzzy_matcher::FuzzyMatcher::fuzzy_indices(&self.matcher, &folded, t)?;
                (class, idx)
            }
            None => return None,
        };
        let mut positions: Vec<usize> = chars.into_iter().filter_map(|c: usize| map.get(c).copied()).collect();
        positions.dedup();
        Some(Place { score: field_score(field, class), field, source: Source::Short(f), positions })
    }

    /// The prose field of a cache-read index that holds the best of the term's words.
    fn unseen_place(&self, e: usize, words: &[(u32, i32)]) -> Option<Place> {
        let mut by_score: Vec<&(u32, i32)> = words.iter().collect();
        by_score.sort_by_key(|(_, s)| -s);
        by_score.into_iter().find_map(|&(w, s)| {
            let (_, code) = self.tables.postings(w as usize).take_while(|(pe, _)| *pe <= e).find(|(pe, _)| *pe == e)?;
            let field = Field::from_u8(code)?;
            Some(Place { score: s, field, source: Source::Unseen, positions: Vec::new() })
        })
    }
}

/// The best word of one prose field for the term.
fn prose_place(text: &str, field: Field, p: usize, term: &Term) -> Option<Place> {
    let t = term.cased.as_deref().unwrap_or(&term.lower);
    let mut best: Option<(Class, Vec<usize>)> = None;
    let mut chars = 0;
    for word in text.split(|c: char| !is_word_char(c)) {
        if !word.is_empty() {
            let (folded, map) = fold_with_map(word, term.cased.is_none());
            if let Some((class, range)) = word_class(&folded, t, term.typos())
                && best.as_ref().is_none_or(|(b, _)| class > *b)
            {
                let mut pos: Vec<usize> = range.filter_map(|c| map.get(c).map(|m| m + chars)).collect();
                pos.dedup();
                best = Some((class, pos));
            }
        }
        chars += word.chars().count() + 1;
    }
    let (class, positions) = best?;
    Some(Place { score: score(Tier::Prose, class), field, source: Source::Prose(p), positions })
}

/// About `WIDTH` chars of `text` around char `focus`, cut at spaces and marked
/// with `…` where cut; positions moved to match.
fn window(text: &str, focus: usize, positions: &[usize]) -> (String, Vec<usize>) {
    let chars: Vec<char> = text.chars().collect();
    // Back to a space, or at most 12 chars further.
    let mut start = focus.saturating_sub(BEFORE);
    let floor = start.saturating_sub(12);
    while start > floor && chars[start - 1] != ' ' {
        start -= 1;
    }
    let mut end = (start + WIDTH).min(chars.len());
    let ceiling = end.saturating_sub(12).max(focus + 1);
    while end < chars.len() && end > ceiling && chars[end] != ' ' {
        end -= 1;
    }
    let lead = usize::from(start > 0);
    let mut out: String = if start > 0 { "…".into() } else { String::new() };
    out.extend(chars[start..end].iter());
    out = out.trim_end().to_string();
    if end < chars.len() {
        out.push('…');
    }
    let moved = positions.iter().filter(|&&p| p >= start && p < end).map(|p| p - start + lead).collect();
    (out, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_cuts_at_spaces_and_keeps_positions_on_their_letters() {
        let text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen \
                    sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four";
        let focus = text.find("fifteen").unwrap_or(0);
        let (shown, pos) = window(text, focus, &[focus, focus + 1]);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        let chars: Vec<char> = shown.chars().collect();
        assert_eq!((chars[pos[0]], chars[pos[1]]), ('f', 'i'), "{shown}");
        assert!(shown.chars().count() <= WIDTH + 2);
    }
}
