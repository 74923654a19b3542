//! Filters in a query (`is:flagged`, `tlp:<=green`, `-grade:??`…), as
//! docs/SEARCH.md describes them: parsed here, each word on its own, with an
//! error that says what is valid for anything that looks like a filter but
//! is not one.

use std::cmp::Ordering;

use super::fold::fold;
use crate::date::Date;
use crate::model::{Kind, Tlp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Reviewed,
    Unreviewed,
    Flagged,
    Noted,
    /// Reviewed, and changed since (docs/STATE.md).
    Changed,
    /// Under shared review: one analyst flagged what another reviewed.
    Disputed,
    Read,
    Unread,
    Contradicted,
    Supported,
    Broken,
    /// A claim whose ratings discriminate between its briefing's hypotheses (docs/ACH.md).
    Diagnostic,
    /// A claim on which the leading hypothesis hangs.
    Linchpin,
    /// A claim of a briefing with hypotheses, not rated against every one of them.
    Unrated,
}

const STATES: [(&str, State); 14] = [
    ("reviewed", State::Reviewed),
    ("unreviewed", State::Unreviewed),
    ("flagged", State::Flagged),
    ("noted", State::Noted),
    ("changed", State::Changed),
    ("disputed", State::Disputed),
    ("read", State::Read),
    ("unread", State::Unread),
    ("contradicted", State::Contradicted),
    ("supported", State::Supported),
    ("broken", State::Broken),
    ("diagnostic", State::Diagnostic),
    ("linchpin", State::Linchpin),
    ("unrated", State::Unrated),
];

/// `=`, `<`, `<=`, `>`, `>=` before a TLP or a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn split(value: &str) -> (Cmp, &str) {
        for (op, cmp) in [("<=", Cmp::Le), (">=", Cmp::Ge), ("<", Cmp::Lt), (">", Cmp::Gt), ("=", Cmp::Eq)] {
            if let Some(rest) = value.strip_prefix(op) {
                return (cmp, rest);
            }
        }
        (Cmp::Eq, value)
    }

    pub fn holds(self, o: Ordering) -> bool {
        match self {
            Cmp::Eq => o.is_eq(),
            Cmp::Lt => o.is_lt(),
            Cmp::Le => o.is_le(),
            Cmp::Gt => o.is_gt(),
            Cmp::Ge => o.is_ge(),
        }
    }
}

/// One part of an Admiralty grade as asked: a value (`b'B'`, `b'2'`), `?`
/// (ungraded), or anything (not written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Any,
    Value(u8),
    Ungraded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Is(State),
    Kind(Kind),
    /// Folded.
    Tag(String),
    /// 1 + the level's place in TLP order.
    Tlp(Cmp, u8),
    Grade(Cmp, Part, Part),
    By(String),
    About(String),
    In(String),
    /// Under shared review, by an analyst's name.
    ReviewedBy(String),
    FlaggedBy(String),
    /// First and last day, `yyyymmdd`, inclusive.
    Date(u32, u32),
}

/// A word that looks like a filter and is not a valid one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{word}: {message}")]
pub struct FilterError {
    pub word: String,
    pub message: String,
    /// The word may still become a valid filter as it is typed (`is:fla`):
    /// the finder shows it as a hint rather than as an error.
    pub incomplete: bool,
}

pub const NAMES: [&str; 11] =
    ["is", "kind", "tag", "tlp", "grade", "by", "about", "in", "date", "reviewed-by", "flagged-by"];

/// The closest of `known` to `word`, when it is `most` edits away or fewer
/// (two letters swapped count as one edit).
pub fn near<'k>(word: &str, known: impl IntoIterator<Item = &'k str>, most: usize) -> Option<&'k str> {
    known.into_iter().map(|k| (strsim::osa_distance(word, k), k)).filter(|(d, _)| *d <= most).min().map(|(_, k)| k)
}

fn did_you_mean<'k>(word: &str, known: impl IntoIterator<Item = &'k str> + Clone) -> String {
    let list: Vec<&str> = known.clone().into_iter().collect();
    match near(&word.to_ascii_lowercase(), known, 2) {
        Some(k) => format!("did you mean '{k}'? (one of {})", list.join(", ")),
        None => format!("one of {}", list.join(", ")),
    }
}

/// Reads a query word as a filter: `None` when it is not one (a word to
/// search for), an error when it looks like one but is not valid.
pub fn parse(word: &str) -> Option<Result<(bool, Filter), FilterError>> {
    let (negated, body) = match word.strip_prefix('-') {
        Some(rest) if rest.contains(':') => (true, rest),
        _ => (false, word),
    };
    let (name, value) = body.split_once(':')?;
    let lower = name.to_ascii_lowercase();
    let lower_value = value.to_ascii_lowercase();
    let words: &[&str] = match lower.as_str() {
        "is" => &STATES.map(|(n, _)| n),
        "kind" => &Kind::ALL.map(Kind::as_str),
        "tlp" => &Tlp::NAMES,
        _ => &[],
    };
    let incomplete = value.is_empty() || words.iter().any(|w| w.starts_with(Cmp::split(&lower_value).1));
    let err = |message: String| Some(Err(FilterError { word: word.to_string(), message, incomplete }));
    if !NAMES.contains(&lower.as_str()) {
        // `10:30`, `http://…`: words. `tga:x`, `isr:x`: slips, said so.
        let slip = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '-') && !value.is_empty();
        return near(&lower, NAMES, 1).filter(|_| slip).map(|k| {
            Err(FilterError {
                word: word.to_string(),
                message: format!("unknown filter '{name}:'; did you mean '{k}:'? (see docs/SEARCH.md)"),
                incomplete: false,
            })
        });
    }
    if value.is_empty() {
        return err(format!("'{name}:' needs a value, e.g. {}", example(&lower)));
    }
    let filter = match lower.as_str() {
        "is" => match STATES.iter().find(|(n, _)| n.eq_ignore_ascii_case(value)) {
            Some((_, s)) => Filter::Is(*s),
            None => return err(format!("unknown state; {}", did_you_mean(value, STATES.map(|(n, _)| n)))),
        },
        "kind" => match Kind::parse(&value.to_ascii_lowercase()) {
            Some(k) => Filter::Kind(k),
            None => return err(format!("unknown kind; {}", did_you_mean(value, Kind::ALL.map(Kind::as_str)))),
        },
        "tag" => Filter::Tag(fold(value, true)),
        "tlp" => {
            let (cmp, level) = Cmp::split(value);
            let level = level.to_ascii_lowercase();
            match Tlp::parse(&level) {
                Some(t) => Filter::Tlp(cmp, t as u8 + 1),
                None => return err(format!("unknown TLP; {}", did_you_mean(&level, Tlp::NAMES))),
            }
        }
        "grade" => match grade(value) {
            Some((cmp, r, c)) => Filter::Grade(cmp, r, c),
            None => {
                return err("a grade is a reliability A-F and a credibility 1-6, either ? for ungraded: \
                            B2, B, <=C3, ??, B?"
                    .into());
            }
        },
        "by" => Filter::By(fold(value, true)),
        "about" => Filter::About(fold(value, true)),
        "in" => Filter::In(fold(value, true)),
        "reviewed-by" => Filter::ReviewedBy(crate::team::safe_name(value)),
        "flagged-by" => Filter::FlaggedBy(crate::team::safe_name(value)),
        _ => match date_range(value) {
            Some((a, b)) => Filter::Date(a, b),
            None => {
                return err("dates are YYYY, YYYY-MM or YYYY-MM-DD; a range is FROM..TO (either end may be \
                            left out), >=D, >D, <=D or <D"
                    .into());
            }
        },
    };
    Some(Ok((negated, filter)))
}

fn example(name: &str) -> &'static str {
    match name {
        "is" => "is:flagged",
        "kind" => "kind:claim",
        "tag" => "tag:russia",
        "tlp" => "tlp:<=green",
        "grade" => "grade:<=C3",
        "by" => "by:neumann",
        "about" => "about:ispk",
        "in" => "in:moscow",
        "reviewed-by" => "reviewed-by:ana",
        "flagged-by" => "flagged-by:ana",
        _ => "date:2002..2004-09",
    }
}

/// `B2`, `b2`, `B`, `?3`, `??`, `<=C3`: the comparison and both parts.
fn grade(value: &str) -> Option<(Cmp, Part, Part)> {
    let (cmp, g) = Cmp::split(value);
    let mut chars = g.chars();
    let part = |c: Option<char>, valid: std::ops::RangeInclusive<char>| match c {
        None => Some(Part::Any),
        Some('?') if cmp == Cmp::Eq => Some(Part::Ungraded),
        Some(c) if valid.contains(&c) => Some(Part::Value(c as u8)),
        Some(_) => None,
    };
    let r = part(chars.next().map(|c| c.to_ascii_uppercase()), 'A'..='F')?;
    let c = part(chars.next(), '1'..='6')?;
    (chars.next().is_none() && r != Part::Any).then_some((cmp, r, c))
}

/// `2004`, `2002..2004-09`, `2002..`, `..2004`, `>=2024-03`, `<2024`: first and last day.
fn date_range(value: &str) -> Option<(u32, u32)> {
    let first = |t: &str| Date::parse(t).map(|d| d.key);
    let last = |t: &str| Date::parse(t).map(|d| super::facets::last_day(d.key, d.text()));
    if let Some((a, b)) = value.split_once("..") {
        let lo = if a.is_empty() { 0 } else { first(a)? };
        let hi = if b.is_empty() { u32::MAX } else { last(b)? };
        return (lo <= hi && !(a.is_empty() && b.is_empty())).then_some((lo, hi));
    }
    let (cmp, d) = Cmp::split(value);
    Some(match cmp {
        Cmp::Eq => (first(d)?, last(d)?),
        Cmp::Ge => (first(d)?, u32::MAX),
        Cmp::Gt => (last(d)? + 1, u32::MAX),
        Cmp::Le => (0, last(d)?),
        Cmp::Lt => (0, first(d)?.checked_sub(1)?),
    })
}

#[cfg(test)]
#[allow(clippy::unreadable_literal)] // yyyymmdd reads as a date
mod tests {
    use super::*;

    fn ok(word: &str) -> (bool, Filter) {
        parse(word).expect("a filter").expect("a valid one")
    }

    fn bad(word: &str) -> String {
        parse(word).expect("a filter").expect_err("invalid").to_string()
    }

    #[test]
    fn filters_read_as_documented() {
        assert_eq!(ok("is:flagged"), (false, Filter::Is(State::Flagged)));
        assert_eq!(ok("is:Linchpin"), (false, Filter::Is(State::Linchpin)));
        assert_eq!(ok("-is:unrated"), (true, Filter::Is(State::Unrated)));
        assert_eq!(ok("-is:reviewed"), (true, Filter::Is(State::Reviewed)));
        assert_eq!(ok("tlp:<=green"), (false, Filter::Tlp(Cmp::Le, 2)));
        assert_eq!(ok("TLP:Amber+Strict"), (false, Filter::Tlp(Cmp::Eq, 4)));
        assert_eq!(ok("grade:<=C3"), (false, Filter::Grade(Cmp::Le, Part::Value(b'C'), Part::Value(b'3'))));
        assert_eq!(ok("grade:??"), (false, Filter::Grade(Cmp::Eq, Part::Ungraded, Part::Ungraded)));
        assert_eq!(ok("grade:b"), (false, Filter::Grade(Cmp::Eq, Part::Value(b'B'), Part::Any)));
        assert_eq!(ok("date:2004"), (false, Filter::Date(20040101, 20041231)));
        assert_eq!(ok("date:2002..2004-09"), (false, Filter::Date(20020101, 20040930)));
        assert_eq!(ok("date:>=2024-03"), (false, Filter::Date(20240301, u32::MAX)));
        assert_eq!(ok("date:<2024"), (false, Filter::Date(0, 20240101 - 1)), "bounds compare as yyyymmdd numbers");
        assert_eq!(ok("date:..2004-02"), (false, Filter::Date(0, 20040229)));
        assert_eq!(ok("kind:claim"), (false, Filter::Kind(Kind::Claim)));
        assert_eq!(ok("by:Neumann"), (false, Filter::By("neumann".into())));
    }

    #[test]
    fn a_bad_filter_says_what_is_valid() {
        assert_eq!(
            bad("is:flaged"),
            "is:flaged: unknown state; did you mean 'flagged'? (one of reviewed, unreviewed, flagged, noted, changed, \
             disputed, read, unread, contradicted, supported, broken, diagnostic, linchpin, unrated)"
        );
        assert!(bad("grade:Z9").starts_with("grade:Z9: a grade is a reliability A-F"));
        assert!(bad("grade:<=??").contains("a grade is"));
        assert!(bad("date:2004-13").starts_with("date:2004-13: dates are YYYY"));
        assert!(bad("date:2005..2004").contains("dates are"));
        assert!(bad("tlp:amb").contains("did you mean 'amber'?"));
        assert_eq!(bad("tga:russia"), "tga:russia: unknown filter 'tga:'; did you mean 'tag:'? (see docs/SEARCH.md)");
        assert!(bad("is:").contains("needs a value"));
        let typing = |w: &str| parse(w).unwrap().unwrap_err().incomplete;
        assert!(typing("is:fla") && typing("tlp:<=am") && typing("is:"), "on the way to a valid filter");
        assert!(!typing("is:flaged") && !typing("grade:Z9"));
    }

    #[test]
    fn words_with_a_colon_that_are_no_filter_stay_words() {
        for word in ["10:30", "http://example.org", "note:x", "-word", "ab:"] {
            assert!(parse(word).is_none(), "{word}");
        }
    }
}
