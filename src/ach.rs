//! Analysis of competing hypotheses (docs/ACH.md): ratings of claims against
//! a briefing's hypotheses, and what follows from them — inconsistency
//! scores, PARC's weighted score, diagnosticity, linchpins and the leader.
//! No terminal and no files here: the reader, `brief ach` and the exports
//! build a [`Matrix`] and read its [`Scores`].

pub mod team;

use crate::model::{Corpus, EntityId};

/// How one claim bears on one hypothesis, as the ACH tools write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    /// Very consistent.
    CC,
    C,
    /// Neutral: reads both ways.
    N,
    /// Not applicable.
    NA,
    I,
    /// Very inconsistent.
    II,
}

impl Rating {
    pub const ALL: [Rating; 6] = [Rating::CC, Rating::C, Rating::N, Rating::NA, Rating::I, Rating::II];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::CC => "CC",
            Rating::C => "C",
            Rating::N => "N",
            Rating::NA => "NA",
            Rating::I => "I",
            Rating::II => "II",
        }
    }

    /// `CC`, `c`, `na`…: any case.
    pub fn parse(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(s))
    }

    /// What it adds to a hypothesis's inconsistency score: `I` 1, `II` 2.
    pub fn inconsistency(self) -> u32 {
        match self {
            Rating::I => 1,
            Rating::II => 2,
            _ => 0,
        }
    }

    /// Its place on the scale from very inconsistent (-2) to very
    /// consistent (2); `None` for `NA`, which is on no scale.
    pub fn value(self) -> Option<i8> {
        match self {
            Rating::CC => Some(2),
            Rating::C => Some(1),
            Rating::N => Some(0),
            Rating::I => Some(-1),
            Rating::II => Some(-2),
            Rating::NA => None,
        }
    }

    /// The opposite judgment: `CC`↔`II`, `C`↔`I`; `N` and `NA` stay.
    #[must_use]
    pub fn reversed(self) -> Rating {
        match self {
            Rating::CC => Rating::II,
            Rating::II => Rating::CC,
            Rating::C => Rating::I,
            Rating::I => Rating::C,
            other => other,
        }
    }
}

/// Low, medium or high: a claim's relevance, or the credibility its grade gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Level {
    Low,
    #[default]
    Medium,
    High,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Low, Level::Medium, Level::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(s))
    }

    /// PARC's weights: 1/√2, 1, √2.
    pub fn weight(self) -> f64 {
        match self {
            Level::Low => std::f64::consts::FRAC_1_SQRT_2,
            Level::Medium => 1.0,
            Level::High => std::f64::consts::SQRT_2,
        }
    }
}

/// The credibility an Admiralty grade gives (docs/ACH.md): each part that is
/// given says high (`A`, `B`; `1`, `2`), medium (`C`, `F`; `3`, `6`) or low
/// (`D`, `E`; `4`, `5`). Any low part makes it low; all given parts high make
/// it high; anything else, an ungraded claim (`??`) included, is medium.
pub fn credibility(grade: &str) -> Level {
    let level = |c: char| match c {
        'A' | 'B' | '1' | '2' => Some(Level::High),
        'C' | 'F' | '3' | '6' => Some(Level::Medium),
        'D' | 'E' | '4' | '5' => Some(Level::Low),
        _ => None,
    };
    let parts: Vec<Level> = grade.chars().filter_map(level).collect();
    if parts.contains(&Level::Low) {
        Level::Low
    } else if !parts.is_empty() && parts.iter().all(|l| *l == Level::High) {
        Level::High
    } else {
        Level::Medium
    }
}

/// One claim's row of the matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub claim: EntityId,
    pub credibility: Level,
    pub relevance: Level,
    /// One per hypothesis, in the matrix's order; `None` is unrated.
    pub ratings: Vec<Option<Rating>>,
}

impl Row {
    /// This row's weight in the weighted score: credibility × relevance.
    pub fn weight(&self) -> f64 {
        self.credibility.weight() * self.relevance.weight()
    }
}

/// A briefing's claims against its hypotheses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matrix {
    pub hypotheses: Vec<EntityId>,
    pub rows: Vec<Row>,
}

impl Matrix {
    /// The briefing's matrix: its hypotheses across, its claims down (in
    /// file order), each claim's credibility from its grade; `rating` and
    /// `relevance` give an analyst's judgments by claim and hypothesis id.
    pub fn of(
        c: &Corpus,
        briefing: EntityId,
        rating: impl Fn(&str, &str) -> Option<Rating>,
        relevance: impl Fn(&str) -> Level,
    ) -> Matrix {
        let Some(b) = c.briefing(briefing) else { return Matrix::default() };
        let hypotheses = b.hypotheses.clone();
        let claims = b.claims.iter().copied().filter(|&e| c.entity(e).kind() == crate::model::Kind::Claim);
        let rows = claims
            .map(|claim| {
                let id = &c.entity(claim).id;
                Row {
                    claim,
                    credibility: credibility(&c.grade(claim)),
                    relevance: relevance(id),
                    ratings: hypotheses.iter().map(|&h| rating(id, &c.entity(h).id)).collect(),
                }
            })
            .collect();
        Matrix { hypotheses, rows }
    }

    /// Everything that follows from the ratings.
    pub fn score(&self) -> Scores {
        score(self)
    }
}

/// What the ratings say, per hypothesis and per claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Per hypothesis: `I` counts 1, `II` 2.
    pub inconsistency: Vec<u32>,
    /// Per hypothesis: PARC's weighted inconsistency, each `I` or `II` as
    /// 1 or 2 × credibility × relevance.
    pub weighted: Vec<f64>,
    /// Hypotheses, least inconsistent first (then least weighted, then matrix order).
    pub order: Vec<usize>,
    /// The one least inconsistent hypothesis; `None` when two tie for it or there are none.
    pub leader: Option<usize>,
    /// Per claim: how far apart its ratings are on the scale (0 to 4).
    pub spread: Vec<u8>,
    /// Per claim: rated differently against two hypotheses, so it discriminates.
    pub diagnostic: Vec<bool>,
    /// Per claim: one of its ratings, removed or reversed, changes the leader.
    pub linchpin: Vec<bool>,
}

impl Scores {
    /// Claims (row numbers) most discriminating first; equals keep matrix order.
    pub fn by_diagnosticity(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = (0..self.spread.len()).collect();
        rows.sort_by_key(|&r| std::cmp::Reverse(self.spread[r]));
        rows
    }
}

/// Two scores this close are equal (sums of a few square roots).
const EPSILON: f64 = 1e-9;

fn totals(m: &Matrix) -> (Vec<u32>, Vec<f64>) {
    let n = m.hypotheses.len();
    let (mut plain, mut weighted) = (vec![0u32; n], vec![0f64; n]);
    for row in &m.rows {
        let w = row.weight();
        for (h, r) in row.ratings.iter().enumerate().take(n) {
            let i = r.map_or(0, Rating::inconsistency);
            plain[h] += i;
            weighted[h] += f64::from(i) * w;
        }
    }
    (plain, weighted)
}

/// The least inconsistent hypothesis, `None` on a tie or with none.
fn leader(plain: &[u32], weighted: &[f64]) -> Option<usize> {
    let order = ordered(plain, weighted);
    let first = *order.first()?;
    match order.get(1) {
        Some(&second) if plain[second] == plain[first] && (weighted[second] - weighted[first]).abs() < EPSILON => None,
        _ => Some(first),
    }
}

fn ordered(plain: &[u32], weighted: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..plain.len()).collect();
    order.sort_by(|&a, &b| plain[a].cmp(&plain[b]).then(weighted[a].total_cmp(&weighted[b])).then(a.cmp(&b)));
    order
}

/// How far apart a row's ratings are; `NA` and unrated cells are left out.
fn spread(row: &Row) -> u8 {
    let values = row.ratings.iter().filter_map(|r| r.and_then(Rating::value));
    let (lo, hi) = values.fold((i8::MAX, i8::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi { 0 } else { (hi - lo).unsigned_abs() }
}

pub fn score(m: &Matrix) -> Scores {
    let (plain, weighted) = totals(m);
    let lead = leader(&plain, &weighted);
    let spreads: Vec<u8> = m.rows.iter().map(spread).collect();
    let diagnostic = spreads.iter().map(|&s| s > 0).collect();
    let linchpin = m.rows.iter().map(|row| lead.is_some() && hangs_on(row, &plain, &weighted, lead)).collect();
    Scores {
        order: ordered(&plain, &weighted),
        inconsistency: plain,
        weighted,
        leader: lead,
        spread: spreads,
        diagnostic,
        linchpin,
    }
}

/// Whether removing or reversing any one of the row's ratings changes the leader.
fn hangs_on(row: &Row, plain: &[u32], weighted: &[f64], lead: Option<usize>) -> bool {
    let w = row.weight();
    let (mut p, mut x) = (plain.to_vec(), weighted.to_vec());
    for (h, r) in row.ratings.iter().enumerate().take(plain.len()) {
        let Some(r) = *r else { continue };
        for other in [None, Some(r.reversed())] {
            let now = other.map_or(0, Rating::inconsistency);
            if now == r.inconsistency() {
                continue;
            }
            p[h] = plain[h] - r.inconsistency() + now;
            x[h] = weighted[h] + (f64::from(now) - f64::from(r.inconsistency())) * w;
            let changed = leader(&p, &x) != lead;
            (p[h], x[h]) = (plain[h], weighted[h]);
            if changed {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests;
