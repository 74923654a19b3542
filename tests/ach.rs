//! Known answers for a whole matrix: the fixture `ach` (three hypotheses,
//! claims graded high, low and medium credibility and ungraded) rated as
//! below, scored plain and weighted, with its non-diagnostic claims and the
//! one claim that alone decides the leader.

mod common;

use std::collections::HashMap;

use brief::ach::{Level, Matrix, Rating, Scores};
use brief::model::Corpus;

use Rating::{C, CC, I, II, N, NA};

/// Claim by claim, against h-a, h-b, h-c; `None` is unrated.
const RATED: [(&str, [Option<Rating>; 3]); 5] = [
    // B1: high credibility. It alone decides: reversed against h-a, h-b leads.
    ("e-confession", [Some(CC), Some(II), Some(II)]),
    // E5: low credibility.
    ("e-rumour", [Some(I), Some(C), Some(I)]),
    // Ungraded: medium. Alike wherever rated: no help.
    ("e-timing", [Some(N), Some(N), None]),
    // B3: medium. One rating on the scale: nothing to compare.
    ("e-weapon", [Some(C), Some(NA), None]),
    // B2: high, and of high relevance.
    ("e-video", [Some(C), Some(C), Some(I)]),
];

fn matrix() -> (Corpus, Matrix) {
    let c = brief::load::load(&common::fixture("ach")).expect("the fixture loads");
    let mut ratings = HashMap::new();
    for (claim, row) in RATED {
        for (h, r) in ["h-a", "h-b", "h-c"].into_iter().zip(row) {
            if let Some(r) = r {
                ratings.insert((claim.to_string(), h.to_string()), r);
            }
        }
    }
    let b = c.get("ach-fixture").unwrap();
    let m = Matrix::of(
        &c,
        b,
        |claim, h| ratings.get(&(claim.to_string(), h.to_string())).copied(),
        |claim| if claim == "e-video" { Level::High } else { Level::Medium },
    );
    (c, m)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn scores() -> (Corpus, Matrix, Scores) {
    let (c, m) = matrix();
    let s = m.score();
    (c, m, s)
}

#[test]
fn credibility_comes_from_each_claims_grade() {
    let (c, m, _) = scores();
    let cred: Vec<(String, Level)> = m.rows.iter().map(|r| (c.entity(r.claim).id.clone(), r.credibility)).collect();
    let want = [("e-confession", Level::High), ("e-rumour", Level::Low), ("e-timing", Level::Medium)];
    for (id, level) in want {
        assert!(cred.contains(&(id.to_string(), level)), "{id}: {cred:?}");
    }
    assert!(cred.contains(&("e-weapon".into(), Level::Medium)) && cred.contains(&("e-video".into(), Level::High)));
}

#[test]
fn plain_and_weighted_scores_are_the_known_answers() {
    let (_, _, s) = scores();
    assert_eq!(s.inconsistency, [1, 2, 4]);
    let (r2, half) = (std::f64::consts::SQRT_2, std::f64::consts::FRAC_1_SQRT_2);
    // h-a: the rumour's I (low × medium). h-b: the confession's II (2 × high).
    // h-c: the confession's II, the rumour's I, the video's I (high × high = 2).
    let want = [half, 2.0 * r2, 2.0 * r2 + half + 2.0];
    for (got, want) in s.weighted.iter().zip(want) {
        assert!(close(*got, want), "{:?} vs {want}", s.weighted);
    }
    assert_eq!(s.order, [0, 1, 2]);
    assert_eq!(s.leader, Some(0));
}

#[test]
fn claims_rated_alike_or_not_comparably_are_not_diagnostic() {
    let (_, _, s) = scores();
    assert_eq!(s.spread, [4, 2, 0, 0, 2]);
    assert_eq!(s.diagnostic, [true, true, false, false, true]);
    assert_eq!(s.by_diagnosticity(), [0, 1, 4, 2, 3]);
}

#[test]
fn the_claim_that_alone_decides_the_leader_is_the_one_linchpin() {
    let (_, _, s) = scores();
    // e-weapon's C reversed against h-a ties h-b on the count (2 and 2) but
    // not on the weighted score, so h-a keeps the lead: not a linchpin.
    assert_eq!(s.linchpin, [true, false, false, false, false]);
}

#[test]
fn unrating_the_linchpin_against_the_runner_up_hands_it_the_lead() {
    let (_, mut m, _) = scores();
    m.rows[0].ratings[1] = None;
    let s = m.score();
    assert_eq!(s.inconsistency, [1, 0, 4]);
    assert_eq!(s.leader, Some(1));
    assert_eq!(s.order, [1, 0, 2]);
}
