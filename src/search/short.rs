//! Matching one term against one-line fields (ids, names, roles, dates…):
//! whole field, whole word, start of a word, anywhere, or as scattered letters.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use super::fold::{is_wide, is_word_char};
use super::scope::{Field, Tier};

/// Scattered letters are tried only in fields this short: across a long line
/// they find nonsense.
pub const SCATTER_MAX_CHARS: usize = 48;

/// How well a term sits in a field, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// The letters in order with gaps; how tight, 0–99.
    Scattered(u8),
    /// Inside a word.
    Substring,
    /// At the start of a word.
    WordStart,
    /// A whole word (or words) of the field.
    WholeWord,
    /// The whole field.
    Exact,
}

/// A match's score: the field's tier first, then how well it matched.
pub fn score(tier: Tier, class: Class) -> i32 {
    let (exact, word, start, sub, scattered) = match tier {
        Tier::Label => (900, 800, 750, 600, 450),
        Tier::Detail => (700, 600, 550, 400, 250),
        Tier::Prose => (400, 400, 350, 250, 150),
    };
    match class {
        Class::Exact => exact,
        Class::WholeWord => word,
        Class::WordStart => start,
        Class::Substring => sub,
        Class::Scattered(q) => scattered + i32::from(q),
    }
}

/// A match's score in a short field: an id counts a little less than a name or
/// title matched as well, since people search by the words they read.
pub fn field_score(field: Field, class: Class) -> i32 {
    score(field.tier(), class) - if field == Field::Id && class != Class::Exact { 10 } else { 0 }
}

/// The best a scattered match can score in a tier: fields that already beat
/// it need no fuzzy matching.
pub fn scatter_ceiling(tier: Tier) -> i32 {
    score(tier, Class::Scattered(99))
}

fn char_before(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

fn char_at(s: &str, at: usize) -> Option<char> {
    s[at..].chars().next()
}

/// The class of an occurrence of a `len`-byte term at byte `at` of `field`.
pub fn class_at(field: &str, at: usize, len: usize) -> Class {
    if at == 0 && len == field.len() {
        return Class::Exact;
    }
    let starts = char_before(field, at).is_none_or(|c| !is_word_char(c));
    let ends = char_at(field, at + len).is_none_or(|c| !is_word_char(c));
    match (starts, ends) {
        (true, true) => Class::WholeWord,
        (true, false) => Class::WordStart,
        _ => Class::Substring,
    }
}

/// The best occurrence of the term in `field`: its class and byte offset.
pub fn best_occurrence(field: &str, finder: &Finder<'_>) -> Option<(Class, usize)> {
    let len = finder.needle().len();
    let mut best: Option<(Class, usize)> = None;
    for at in finder.find_iter(field.as_bytes()) {
        let class = class_at(field, at, len);
        if best.is_none_or(|(b, _)| class > b) {
            best = Some((class, at));
        }
        if class >= Class::WholeWord {
            break;
        }
    }
    best
}

/// A bit per ASCII letter or digit, and a few shared by all other bytes: a
/// term whose bits are not all in a field's cannot be spelled from it.
pub fn byte_mask(s: &str) -> u64 {
    s.bytes().fold(0, |mask, b| mask | BYTE_BITS[usize::from(b)])
}

/// [`char_bit`] of each byte as a char, looked up: every field of a cached
/// index is masked again as it is read.
const BYTE_BITS: [u64; 256] = {
    let mut bits = [0; 256];
    let mut b = 0;
    while b < 256 {
        bits[b] = char_bit(b as u8 as char);
        b += 1;
    }
    bits
};

/// The mask bit of a char: exact for ASCII letters and digits, shared by others.
#[inline]
pub const fn char_bit(c: char) -> u64 {
    1 << match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        _ => 36 + c as u32 % 28,
    }
}

/// Per short field: which chars begin a word, which are a word alone. A
/// one-letter term, the costliest to scan for, is classed from these and the
/// field's [`byte_mask`].
#[derive(Debug, Default)]
pub struct Masks {
    pub starts: Vec<u64>,
    pub singles: Vec<u64>,
}

impl Masks {
    pub fn push(&mut self, field: &str) {
        let (mut starts, mut singles) = (0, 0);
        let mut prev_word = false;
        let mut it = field.chars().peekable();
        while let Some(c) = it.next() {
            let bit = char_bit(c);
            if !prev_word {
                starts |= bit;
                if it.peek().is_none_or(|n| !is_word_char(*n)) {
                    singles |= bit;
                }
            }
            prev_word = is_word_char(c);
        }
        self.starts.push(starts);
        self.singles.push(singles);
    }

    /// The class of a one-char ASCII letter or digit in field `f` of `len` bytes, whose byte mask is `bytes`.
    pub fn class(&self, f: usize, bytes: u64, c: char, len: usize) -> Option<Class> {
        let bit = char_bit(c);
        if bytes & bit == 0 {
            None
        } else if len == 1 {
            Some(Class::Exact)
        } else if self.singles[f] & bit != 0 {
            Some(Class::WholeWord)
        } else if self.starts[f] & bit != 0 {
            Some(Class::WordStart)
        } else {
            Some(Class::Substring)
        }
    }
}

/// Whether the term's chars appear in `field` in order.
pub fn is_subsequence(field: &str, term: &str) -> bool {
    let mut rest = field.as_bytes();
    if term.is_ascii() {
        for &b in term.as_bytes() {
            match memchr::memchr(b, rest) {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        }
        return true;
    }
    let mut chars = field.chars();
    term.chars().all(|t| chars.any(|c| c == t))
}

/// Whether the term can be spelled from `field` in runs of letters that each
/// begin a word: `pneu` in "peter neumann", `isk` in "islamic state khorasan",
/// but not `ptnm`. Letters scattered inside words are noise, not a match.
pub fn runs_at_word_starts(field: &str, term: &str) -> bool {
    let f: Vec<char> = field.chars().collect();
    let starts: Vec<bool> = (0..f.len()).map(|p| p == 0 || !is_word_char(f[p - 1]) || is_wide(f[p])).collect();
    // ends[p]: the term so far can end with its last letter at p.
    let mut ends: Vec<bool> = f.iter().zip(&starts).map(|(c, s)| *s && term.starts_with(*c)).collect();
    for t in term.chars().skip(1) {
        let mut any_before = false;
        let mut next = vec![false; f.len()];
        for p in 0..f.len() {
            next[p] = f[p] == t && ((p > 0 && ends[p - 1]) || (starts[p] && any_before));
            any_before |= ends[p];
        }
        ends = next;
    }
    ends.contains(&true)
}

/// Scattered match: skim's score, scaled per letter to 0–99.
pub fn scattered(matcher: &SkimMatcherV2, field: &str, term: &str, chars: usize) -> Option<Class> {
    if field.len() > SCATTER_MAX_CHARS * 4 || field.chars().count() > SCATTER_MAX_CHARS {
        return None;
    }
    if !is_subsequence(field, term) || !runs_at_word_starts(field, term) {
        return None;
    }
    let raw = matcher.fuzzy_match(field, term)?;
    // skim gives about 16 a letter plus bonuses for word starts and runs, minus gaps.
    let per_char = raw / chars.max(1) as i64;
    Some(Class::Scattered((per_char * 3).clamp(0, 99) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(field: &str, term: &str) -> Option<Class> {
        best_occurrence(field, &Finder::new(term)).map(|(c, _)| c)
    }

    #[test]
    fn a_fields_mask_holds_the_bit_of_each_of_its_bytes() {
        let text = "Mötley Crüe, 1981; ~ü";
        let each = text.bytes().fold(0, |m, b| m | char_bit(char::from(b)));
        assert_eq!(byte_mask(text), each);
        assert_eq!(byte_mask("az09") & char_bit('q'), 0);
        assert_ne!(byte_mask("az09") & char_bit('z'), 0);
    }

    #[test]
    fn whole_words_beat_word_starts_beat_insides() {
        assert_eq!(class("peter neumann", "peter neumann"), Some(Class::Exact));
        assert_eq!(class("peter neumann", "neumann"), Some(Class::WholeWord));
        assert_eq!(class("peter-neumann", "neum"), Some(Class::WordStart));
        assert_eq!(class("peter neumann", "eum"), Some(Class::Substring));
        // A later occurrence at a word start is found after an earlier one inside a word.
        assert_eq!(class("manmade man", "man"), Some(Class::WholeWord));
        assert_eq!(class("peter", "x"), None);
    }

    #[test]
    fn scattered_letters_need_a_short_field_and_the_right_order() {
        let m = SkimMatcherV2::default().respect_case();
        assert!(matches!(scattered(&m, "peter neumann", "pneu", 4), Some(Class::Scattered(_))));
        assert!(matches!(scattered(&m, "islamic state khorasan", "isk", 3), Some(Class::Scattered(_))));
        assert_eq!(scattered(&m, "peter neumann", "nmp", 3), None, "out of order");
        assert_eq!(scattered(&m, "peter neumann", "ptnm", 4), None, "letters inside words");
        let long = "a very long line about a great many things, such as peter neumann";
        assert_eq!(scattered(&m, long, "pneu", 4), None, "too long a field");
        assert!(is_subsequence("łódź", "łdź") && !is_subsequence("łódź", "dł"));
        assert_eq!(byte_mask("ab") & !byte_mask("abc"), 0);
    }

    #[test]
    fn one_letter_classes_from_masks_agree_with_a_scan() {
        let fields = ["a", "a b", "ab-ca", "bac", "x", "ba a", "ü-a"];
        let mut masks = Masks::default();
        for f in &fields {
            masks.push(f);
        }
        for (i, f) in fields.iter().enumerate() {
            assert_eq!(masks.class(i, byte_mask(f), 'a', f.len()), class(f, "a"), "{f}");
        }
    }
}
