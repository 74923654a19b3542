//! A query's filters applied to an index: names resolved to entities once,
//! then one cheap test per entity.

use std::collections::HashMap;

use super::Index;
use super::facets::{BROKEN, CONTRADICTED, SUPPORTED};
use super::filter::{Cmp, Filter, Part, State};
use super::scope::Field;
use crate::model::Kind;

const REVIEWED: u8 = 1;
const FLAGGED: u8 = 2;
const NOTED: u8 = 4;
const READ: u8 = 8;
const CHANGED: u8 = 16;
/// Worked out per query, for what can be reviewed (`crate::reviewable`): a
/// review item, or a briefing that defines one…
const REVIEWABLE: u8 = 32;
/// …and, of those, an item not reviewed or changed since, or a briefing that defines one.
const OPEN: u8 = 64;

/// The review state the `is:` filters read, by id: a snapshot, so a search
/// on another thread never waits on the state file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks(HashMap<String, u8>, Team, HashMap<String, u8>);

/// What a claim's ratings make it (docs/ACH.md), in the third part of [`Marks`].
const DIAGNOSTIC: u8 = 1;
const LINCHPIN: u8 = 2;
const UNRATED: u8 = 4;

/// Under shared review, each analyst's marks by name (this analyst's own
/// included), and the ids one analyst flagged and another reviewed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Team {
    by: HashMap<String, HashMap<String, u8>>,
    disputed: std::collections::HashSet<String>,
}

impl Marks {
    pub fn of(state: &crate::state::ReviewFile) -> Marks {
        let mut bits: HashMap<String, u8> = HashMap::new();
        for id in state.marked_ids() {
            let m = state.marks(id);
            let b = (u8::from(m.reviewed) * REVIEWED)
                | (u8::from(m.flagged) * FLAGGED)
                | (u8::from(m.note.is_some()) * NOTED);
            *bits.entry(id.to_string()).or_default() |= b;
        }
        for id in state.read_ids() {
            *bits.entry(id.to_string()).or_default() |= READ;
        }
        Marks(bits, Team::default(), HashMap::new())
    }

    /// The marks, and the team's: for `reviewed-by:`, `flagged-by:` and `is:disputed`.
    #[must_use]
    pub fn with_team(mut self, mine: &crate::state::ReviewFile, team: Option<&crate::team::Team>) -> Marks {
        let Some(team) = team else { return self };
        let mut by = HashMap::new();
        for (name, file) in std::iter::once((&team.me, mine)).chain(team.others.iter().map(|(n, f)| (n, f))) {
            let marks: HashMap<String, u8> = file
                .marked_ids()
                .map(|id| {
                    let m = file.marks(id);
                    (id.to_string(), (u8::from(m.reviewed) * REVIEWED) | (u8::from(m.flagged) * FLAGGED))
                })
                .collect();
            by.insert(name.clone(), marks);
        }
        let who = |id: &str, bit: u8| -> Vec<&String> {
            by.iter().filter(|(_, m)| m.get(id).is_some_and(|b| b & bit != 0)).map(|(n, _)| n).collect()
        };
        let ids: std::collections::HashSet<&String> = by.values().flat_map(HashMap::keys).collect();
        let disputed = ids
            .into_iter()
            .filter(|id| {
                let (flagged, reviewed) = (who(id, FLAGGED), who(id, REVIEWED));
                flagged.iter().any(|f| reviewed.iter().any(|r| r != f))
            })
            .cloned()
            .collect();
        self.1 = Team { by, disputed };
        self
    }

    /// The marks, and which reviewed entities of `c` changed since they were
    /// reviewed (`is:changed`): that needs the folder as well as the state.
    #[must_use]
    pub fn with_changes(mut self, c: &crate::model::Corpus, state: &crate::state::ReviewFile) -> Marks {
        for (id, bits) in &mut self.0 {
            if let Some(e) = c.get(id)
                && !crate::fingerprint::since_reviewed(c, state, e).is_empty()
            {
                *bits |= CHANGED;
            }
        }
        self
    }

    /// The marks, and what my ratings make each claim of a briefing with
    /// hypotheses (`is:diagnostic`, `is:linchpin`, `is:unrated`): that needs
    /// the folder (its hypotheses, claims and grades) as well as the state.
    #[must_use]
    pub fn with_ach(mut self, c: &crate::model::Corpus, state: &crate::state::ReviewFile) -> Marks {
        for &b in &c.briefings {
            if c.briefing(b).is_none_or(|body| body.hypotheses.is_empty()) {
                continue;
            }
            let m = crate::ach::Matrix::of(c, b, |cl, h| state.rating(cl, h), |cl| state.relevance(cl));
            let s = m.score();
            for (r, row) in m.rows.iter().enumerate() {
                let bits = (u8::from(s.diagnostic[r]) * DIAGNOSTIC)
                    | (u8::from(s.linchpin[r]) * LINCHPIN)
                    | (u8::from(row.ratings.iter().any(Option::is_none)) * UNRATED);
                self.2.insert(c.entity(row.claim).id.clone(), bits);
            }
        }
        self
    }
}

/// Whether a filter of `filters` reads the ACH ratings (and so needs the folder).
pub fn reads_ratings(filters: &[(bool, Filter)]) -> bool {
    filters.iter().any(|(_, f)| matches!(f, Filter::Is(State::Diagnostic | State::Linchpin | State::Unrated)))
}

enum Test {
    Filter(Filter),
    /// `by:` `about:` `in:` as the entities they name.
    Among(Lists, Vec<bool>),
}

#[derive(Clone, Copy)]
enum Lists {
    By,
    About,
    Briefing,
}

pub struct Selector<'i> {
    index: &'i Index,
    marks: &'i Marks,
    tests: Vec<(bool, Test)>,
    /// Per entity its review bits, when a filter reads them.
    review: Vec<u8>,
}

impl Index {
    /// The entities whose fields of `fields` hold `value` (folded): by id
    /// first, else at the start of a word of the field.
    fn named(&self, kind: Kind, value: &str, fields: &[Field]) -> Vec<bool> {
        let t = &self.tables;
        let of_kind = (0..self.len()).filter(|&e| self.kind(e) == kind);
        let mut set = vec![false; self.len()];
        let mut any = false;
        for e in of_kind.clone().filter(|&e| t.folded.get(t.first_field[e] as usize) == value) {
            (set[e], any) = (true, true);
        }
        if !any {
            for e in of_kind {
                set[e] = t.fields_of(e).any(|f| fields.contains(&t.field[f]) && starts_a_word(t.folded.get(f), value));
            }
        }
        set
    }

    pub fn selector<'i>(&'i self, filters: &[(bool, Filter)], marks: &'i Marks) -> Selector<'i> {
        let actor_fields = [Field::Id, Field::Name, Field::Alias];
        let tests = filters
            .iter()
            .map(|(neg, f)| {
                let test = match f {
                    Filter::By(v) => Test::Among(Lists::By, self.named(Kind::Actor, v, &actor_fields)),
                    Filter::About(v) => Test::Among(Lists::About, self.named(Kind::Actor, v, &actor_fields)),
                    Filter::In(v) => Test::Among(Lists::Briefing, self.named(Kind::Briefing, v, &[Field::Title])),
                    other => Test::Filter(other.clone()),
                };
                (*neg, test)
            })
            .collect::<Vec<_>>();
        let reads_marks = filters.iter().any(|(_, f)| {
            matches!(f, Filter::ReviewedBy(_) | Filter::FlaggedBy(_) | Filter::Is(State::Disputed))
                || matches!(
                    f,
                    Filter::Is(
                        State::Reviewed
                            | State::Unreviewed
                            | State::Flagged
                            | State::Noted
                            | State::Changed
                            | State::Read
                            | State::Unread
                    )
                )
        });
        let mut review = Vec::new();
        if reads_marks {
            review = vec![0; self.len()];
            if !marks.0.is_empty() {
                for (e, bits) in review.iter_mut().enumerate() {
                    *bits = marks.0.get(self.id(e)).copied().unwrap_or(0);
                }
            }
            if filters.iter().any(|(_, f)| matches!(f, Filter::Is(State::Reviewed | State::Unreviewed))) {
                self.open_items(&mut review);
            }
        }
        Selector { index: self, marks, tests, review }
    }
}

impl Index {
    /// Sets [`REVIEWABLE`] and [`OPEN`] from the marks' bits, by the rule of
    /// `crate::reviewable`: an item is reviewed when marked so and not
    /// changed since; a briefing is open while an item it defines is.
    fn open_items(&self, review: &mut [u8]) {
        for e in 0..review.len() {
            if !crate::reviewable::is_item(self.kind(e)) {
                continue;
            }
            let done = review[e] & REVIEWED != 0 && review[e] & CHANGED == 0;
            let bits = if done { REVIEWABLE } else { REVIEWABLE | OPEN };
            review[e] |= bits;
            if let Some(briefing) = review.get_mut(self.tables.briefing[e] as usize) {
                *briefing |= bits;
            }
        }
    }
}

/// Whether `value` starts a word of `text`: at its start, or after a char
/// that is not a letter or digit (`is` starts "Islamic State", not "extremists").
fn starts_a_word(text: &str, value: &str) -> bool {
    text.match_indices(value).any(|(at, _)| text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

impl Selector<'_> {
    pub fn is_empty(&self) -> bool {
        self.tests.is_empty()
    }

    /// What my ratings make entity `e`, a claim of a briefing with hypotheses.
    fn ach(&self, e: usize) -> u8 {
        if self.marks.2.is_empty() { 0 } else { self.marks.2.get(self.index.id(e)).copied().unwrap_or(0) }
    }

    /// Whether entity `e` passes every filter.
    pub fn keeps(&self, e: usize) -> bool {
        self.tests.iter().all(|(neg, t)| self.test(t, e) != *neg)
    }

    fn test(&self, t: &Test, e: usize) -> bool {
        let ix = self.index;
        let f = &ix.tables.facets;
        let briefing = ix.tables.briefing[e] as usize;
        let bits = |e: usize| self.review.get(e).copied().unwrap_or(0);
        let filter = match t {
            Test::Among(Lists::Briefing, set) => return set[briefing],
            Test::Among(Lists::By, set) => return f.by.of(e).iter().any(|&a| set[a as usize]),
            Test::Among(Lists::About, set) => return f.about.of(e).iter().any(|&a| set[a as usize]),
            Test::Filter(filter) => filter,
        };
        match filter {
            Filter::Is(state) => match state {
                State::Reviewed => bits(e) & (REVIEWABLE | OPEN) == REVIEWABLE,
                State::Unreviewed => bits(e) & OPEN != 0,
                State::Flagged => bits(e) & FLAGGED != 0,
                State::Noted => bits(e) & NOTED != 0,
                State::Changed => bits(e) & CHANGED != 0,
                State::Disputed => self.marks.1.disputed.contains(ix.id(e)),
                State::Read => bits(briefing) & READ != 0,
                State::Unread => bits(briefing) & READ == 0,
                State::Contradicted => f.flags[e] & CONTRADICTED != 0,
                State::Supported => f.flags[e] & SUPPORTED != 0,
                State::Broken => f.flags[e] & BROKEN != 0,
                State::Diagnostic => self.ach(e) & DIAGNOSTIC != 0,
                State::Linchpin => self.ach(e) & LINCHPIN != 0,
                State::Unrated => self.ach(e) & UNRATED != 0,
            },
            Filter::Kind(k) => ix.kind(e) == *k,
            Filter::Tag(tag) => f.tags_of(briefing).any(|t| t == tag),
            Filter::Tlp(cmp, level) => f.tlp[e] != 0 && cmp.holds(f.tlp[e].cmp(level)),
            Filter::Grade(cmp, r, c) => grade_holds(f.grade[e], *cmp, *r, *c),
            Filter::Date(lo, hi) => {
                let (a, b) = f.span[e];
                a != 0 && a <= *hi && b >= *lo
            }
            Filter::ReviewedBy(name) | Filter::FlaggedBy(name) => {
                let bit = if matches!(filter, Filter::ReviewedBy(_)) { REVIEWED } else { FLAGGED };
                self.marks.1.by.get(name).and_then(|m| m.get(ix.id(e))).is_some_and(|b| b & bit != 0)
            }
            Filter::By(_) | Filter::About(_) | Filter::In(_) => false,
        }
    }
}

/// A claim's grade against `cmp` and the parts asked: each part compares on
/// its own (`<=C3`: reliability A-C and credibility 1-3), `?` asks for
/// ungraded, a part not written takes anything.
fn grade_holds(grade: [u8; 2], cmp: Cmp, r: Part, c: Part) -> bool {
    if grade == [0, 0] {
        return false;
    }
    [(grade[0], r), (grade[1], c)].iter().all(|&(have, want)| match want {
        Part::Any => true,
        Part::Ungraded => have == b'?',
        Part::Value(v) => have != b'?' && cmp.holds(have.cmp(&v)),
    })
}
