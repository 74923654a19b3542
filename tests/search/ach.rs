//! The ACH filters with known answers: `is:diagnostic`, `is:linchpin` and
//! `is:unrated` on the fixture built for ACH (tests/fixtures/ach, rated as in
//! tests/ach.rs) and on the seed (rated as in docs/ACH.md), through the
//! index the reader's `/` and `&` and `brief search` use.

use std::collections::BTreeSet;

use brief::ach::{Level, Rating};
use brief::search::{Index, Marks};
use brief::state::{Change, ReviewFile};

use super::common::{briefings, fixture, scratch};

/// A state file of its own holding `ratings` (claim, hypothesis, rating) and `high` relevance claims.
fn rated(name: &str, ratings: &[(&str, &str, &str)], high: &[&str]) -> ReviewFile {
    let (mut state, _) = ReviewFile::open(scratch(name).join("state.toml"));
    for (claim, h, r) in ratings {
        state.apply(Change::SetRating((*claim).into(), (*h).into(), Rating::parse(r))).expect("saved");
    }
    for claim in high {
        state.apply(Change::SetRelevance((*claim).into(), Level::High)).expect("saved");
    }
    state
}

/// Every id `query` finds in `dir` with `state`'s ratings.
fn found(dir: &std::path::Path, state: &ReviewFile, query: &str) -> BTreeSet<String> {
    let corpus = brief::load::load(dir).expect("the folder loads");
    let index = Index::build(&corpus);
    let marks = Marks::of(state).with_ach(&corpus, state);
    let hits = index.find(query, usize::MAX, &marks).unwrap_or_else(|e| panic!("{query}: {e}"));
    hits.iter().map(|h| corpus.entity(h.entity).id.clone()).collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(ToString::to_string).collect()
}

/// tests/ach.rs's ratings: e-confession alone decides the leader.
const FIXTURE: [(&str, &str, &str); 13] = [
    ("e-confession", "h-a", "CC"),
    ("e-confession", "h-b", "II"),
    ("e-confession", "h-c", "II"),
    ("e-rumour", "h-a", "I"),
    ("e-rumour", "h-b", "C"),
    ("e-rumour", "h-c", "I"),
    ("e-timing", "h-a", "N"),
    ("e-timing", "h-b", "N"),
    ("e-weapon", "h-a", "C"),
    ("e-weapon", "h-b", "NA"),
    ("e-video", "h-a", "C"),
    ("e-video", "h-b", "C"),
    ("e-video", "h-c", "I"),
];

#[test]
fn the_ach_fixture_gives_its_known_diagnostic_linchpin_and_unrated_claims() {
    let dir = fixture("ach");
    let state = rated("search-ach", &FIXTURE, &["e-video"]);
    assert_eq!(found(&dir, &state, "is:diagnostic"), set(&["e-confession", "e-rumour", "e-video"]));
    assert_eq!(found(&dir, &state, "c: -is:diagnostic"), set(&["e-timing", "e-weapon"]), "alike, or one on the scale");
    assert_eq!(found(&dir, &state, "is:linchpin"), set(&["e-confession"]));
    assert_eq!(found(&dir, &state, "is:unrated"), set(&["e-timing", "e-weapon"]), "NA counts as rated");
    assert_eq!(found(&dir, &state, "is:diagnostic -is:linchpin video"), set(&["e-video"]), "with words");
    // Nothing rated: every claim is unrated, none discriminates; hypotheses and sources are no evidence.
    let none = rated("search-ach-none", &[], &[]);
    let all = set(&["e-confession", "e-rumour", "e-timing", "e-weapon", "e-video"]);
    assert_eq!(found(&dir, &none, "is:unrated"), all);
    assert_eq!(found(&dir, &none, "is:diagnostic"), set(&[]));
    assert_eq!(found(&dir, &none, "is:linchpin"), set(&[]));
    // Without the ratings read (the marks of another search), nothing is.
    let index = Index::build(&brief::load::load(&dir).unwrap());
    assert!(index.find("is:unrated", usize::MAX, &Marks::of(&state)).unwrap().is_empty());
}

#[test]
fn the_seed_rated_as_in_the_docs_has_seven_diagnostic_claims_and_no_linchpin() {
    let (h1, h2) = ("h-is-carried-out-attack", "h-ukraine-responsible");
    let rows = [
        ("attack-death-toll-62", "N", "N"),
        ("is-claims-krasnogorsk-attack", "CC", "II"),
        ("neumann-is-claim-genuine", "C", "I"),
        ("neumann-is-behind-attack", "CC", "I"),
        ("neumann-claim-letter-not-conclusive", "N", "N"),
        ("neumann-fake-news-ukraine-narrative", "C", "I"),
        ("telegram-is-message-fake", "I", "C"),
        ("ukraine-responsible-narrative", "I", "C"),
        ("medvedev-threat-ukrainian-leadership", "N", "N"),
        ("us-embassy-attack-warning", "N", "N"),
        ("neumann-embassy-had-warned", "N", "N"),
        ("neumann-ispk-possible-mastermind", "C", "I"),
    ];
    let dir = briefings();
    let unrated = rated("search-ach-seed-none", &[], &[]);
    let claims: BTreeSet<String> = rows.iter().map(|r| r.0.to_string()).collect();
    assert_eq!(found(&dir, &unrated, "is:unrated"), claims, "the Moscow briefing's claims, and no other briefing's");
    // Half rated: the claims still missing a rating against one hypothesis.
    let cells: Vec<(&str, &str, &str)> = rows.iter().flat_map(|(c, a, b)| [(*c, h1, *a), (*c, h2, *b)]).collect();
    let half = rated("search-ach-seed-half", &cells[..cells.len() - 1], &[]);
    assert_eq!(found(&dir, &half, "is:unrated"), set(&["neumann-ispk-possible-mastermind"]));
    let all = rated("search-ach-seed", &cells, &[]);
    assert_eq!(found(&dir, &all, "is:unrated"), set(&[]));
    let diagnostic = set(&[
        "is-claims-krasnogorsk-attack",
        "neumann-is-claim-genuine",
        "neumann-is-behind-attack",
        "neumann-fake-news-ukraine-narrative",
        "telegram-is-message-fake",
        "ukraine-responsible-narrative",
        "neumann-ispk-possible-mastermind",
    ]);
    assert_eq!(found(&dir, &all, "is:diagnostic"), diagnostic);
    assert_eq!(found(&dir, &all, "is:linchpin"), set(&[]), "2 to 6: no one rating changes the leader");
    let neumanns = diagnostic.iter().filter(|id| id.starts_with("neumann-")).map(String::as_str).collect::<Vec<_>>();
    assert_eq!(found(&dir, &all, "is:diagnostic by:neumann"), set(&neumanns), "with other filters");
}
