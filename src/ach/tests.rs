//! Known answers for the pieces of scoring: grades to credibility, the
//! rating scale, ties, and a tie for the lead counting as a change. The
//! whole matrix of a briefing is tested in tests/ach.rs.

use super::*;

fn row(claim: EntityId, ratings: &[Option<Rating>]) -> Row {
    Row { claim, credibility: Level::Medium, relevance: Level::Medium, ratings: ratings.to_vec() }
}

#[test]
fn grades_give_credibility_any_low_part_low_all_given_parts_high_high() {
    for (grade, want) in [
        ("A1", Level::High),
        ("B2", Level::High),
        ("B?", Level::High),
        ("?1", Level::High),
        ("A3", Level::Medium),
        ("C2", Level::Medium),
        ("F6", Level::Medium),
        ("??", Level::Medium),
        ("", Level::Medium),
        ("A5", Level::Low),
        ("E1", Level::Low),
        ("D?", Level::Low),
    ] {
        assert_eq!(credibility(grade), want, "{grade}");
    }
}

#[test]
fn ratings_parse_in_any_case_and_reverse_cc_ii_and_c_i() {
    assert_eq!(Rating::parse("cc"), Some(Rating::CC));
    assert_eq!(Rating::parse("Na"), Some(Rating::NA));
    assert_eq!(Rating::parse("III"), None);
    let pairs: Vec<(Rating, Rating)> = Rating::ALL.iter().map(|r| (*r, r.reversed())).collect();
    assert_eq!(
        pairs,
        [
            (Rating::CC, Rating::II),
            (Rating::C, Rating::I),
            (Rating::N, Rating::N),
            (Rating::NA, Rating::NA),
            (Rating::I, Rating::C),
            (Rating::II, Rating::CC)
        ]
    );
    assert!((Level::High.weight() * Level::Low.weight() - 1.0).abs() < 1e-12, "√2 × 1/√2 is 1");
}

#[test]
fn an_even_matrix_has_no_leader_and_no_linchpins() {
    use Rating::{C, I};
    let m = Matrix { hypotheses: vec![10, 11], rows: vec![row(0, &[Some(I), Some(C)]), row(1, &[Some(C), Some(I)])] };
    let s = m.score();
    assert_eq!((s.inconsistency.clone(), s.leader), (vec![1, 1], None));
    assert_eq!(s.order, [0, 1], "ties keep matrix order");
    assert_eq!(s.linchpin, [false, false]);
    assert_eq!(s.diagnostic, [true, true]);
}

#[test]
fn a_change_that_only_ties_the_lead_still_makes_a_linchpin() {
    use Rating::{C, I, N};
    // A leads B by one `I`; reversing claim 1's `C` against A, or removing
    // claim 0's `I` against B, leaves them tied: the lead is lost either way.
    let m = Matrix {
        hypotheses: vec![10, 11],
        rows: vec![row(0, &[Some(N), Some(I)]), row(1, &[Some(C), Some(C)]), row(2, &[None, Some(Rating::NA)])],
    };
    let s = m.score();
    assert_eq!(s.leader, Some(0));
    assert_eq!(s.linchpin, [true, true, false]);
    assert_eq!(s.diagnostic, [true, false, false], "alike, or with nothing on the scale, does not discriminate");
    assert_eq!(s.by_diagnosticity(), [0, 1, 2]);
}

#[test]
fn a_matrix_with_no_hypotheses_or_no_ratings_scores_nothing() {
    let empty = Matrix::default().score();
    assert_eq!((empty.leader, empty.order.len()), (None, 0));
    let unrated = Matrix { hypotheses: vec![10, 11], rows: vec![row(0, &[None, None])] }.score();
    assert_eq!((unrated.leader, unrated.linchpin.clone(), unrated.spread.clone()), (None, vec![false], vec![0]));
}
