//! Every filter of docs/SEARCH.md with known answers: on the fixture built
//! for them (tests/fixtures/filters) and on the seed briefings.

use std::collections::BTreeSet;

use brief::search::{Index, Marks};

use super::fixture;

struct Folder {
    corpus: brief::Corpus,
    index: Index,
}

fn folder(dir: &std::path::Path) -> Folder {
    let corpus = brief::load::load(dir).expect("the folder loads");
    let index = Index::build(&corpus);
    Folder { corpus, index }
}

impl Folder {
    /// Every id the query matches, as a set.
    fn ids_with(&self, query: &str, marks: &Marks) -> BTreeSet<String> {
        let hits = self.index.find(query, usize::MAX, marks).unwrap_or_else(|e| panic!("{query}: {e}"));
        hits.iter().map(|h| self.corpus.entity(h.entity).id.clone()).collect()
    }

    fn ids(&self, query: &str) -> BTreeSet<String> {
        self.ids_with(query, &Marks::default())
    }
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(ToString::to_string).collect()
}

#[test]
fn link_and_kind_filters() {
    let f = folder(&fixture("filters"));
    assert_eq!(f.ids("is:contradicted"), set(&["n-no-tanker", "n-tanker-ran-aground"]), "either way");
    assert_eq!(f.ids("is:supported"), set(&["n-tanker-ran-aground", "n-ungraded"]));
    assert_eq!(f.ids("is:broken"), set(&["s-broken"]));
    assert_eq!(f.ids("c: -is:contradicted in:north"), set(&["n-ungraded"]));
    assert_eq!(f.ids("kind:precedent"), set(&["p-storm-2004", "p-strike-1998-2003"]));
    assert_eq!(f.ids("kind:precedent -kind:precedent"), set(&[]));
}

#[test]
fn tags_and_tlp_match_through_the_briefing() {
    let f = folder(&fixture("filters"));
    assert_eq!(f.ids("tag:baltic p:"), set(&["p-storm-2004"]), "tags fold case");
    assert_eq!(f.ids("tag:labour b:"), set(&["south"]));
    assert_eq!(f.ids("tlp:red c:"), set(&["s-broken", "s-strike-called"]));
    let shareable = f.ids("tlp:<=amber b:");
    assert_eq!(shareable, set(&["north"]), "a briefing without TLP is not shareable");
    assert_eq!(f.ids("tlp:>amber b:"), set(&["south"]));
    assert_eq!(f.ids("-tlp:<=red b:"), set(&["plain"]), "no TLP given");
}

#[test]
fn grades_compare_each_part_and_question_marks_ask_for_ungraded() {
    let f = folder(&fixture("filters"));
    assert_eq!(f.ids("grade:A1"), set(&["n-tanker-ran-aground"]));
    assert_eq!(f.ids("grade:<=C3"), set(&["n-no-tanker", "n-tanker-ran-aground"]));
    assert_eq!(f.ids("grade:>=C3"), set(&["n-no-tanker", "s-strike-called"]));
    assert_eq!(f.ids("grade:??"), set(&["n-ungraded", "s-broken"]));
    assert_eq!(f.ids("grade:?2"), set(&["x-unsourced"]));
    assert_eq!(f.ids("grade:c"), set(&["n-no-tanker"]), "a reliability alone");
    assert_eq!(f.ids("grade:<=F6").len(), 3, "a part ungraded never compares");
}

#[test]
fn by_about_and_in_name_actors_and_briefings_by_id_or_name() {
    let f = folder(&fixture("filters"));
    assert_eq!(f.ids("by:harbour-master"), set(&["n-tanker-ran-aground", "s-strike-called"]));
    assert_eq!(f.ids("by:varga"), f.ids("by:harbour-master"), "by a part of the name");
    assert_eq!(f.ids("by:harbour"), f.ids("by:harbour-master"), "or of an alias");
    assert_eq!(f.ids("about:coast-guard"), set(&["n-tanker-ran-aground", "p-storm-2004"]), "precedents' actors");
    assert_eq!(f.ids("in:southern a:"), set(&[]), "south defines no actor");
    assert_eq!(f.ids("in:southern s:"), set(&["src-f"]), "in: by a part of the title");
    assert_eq!(f.ids("in:plain"), set(&["plain", "x-unsourced"]));
}

#[test]
fn dates_overlap_at_the_precision_written() {
    let f = folder(&fixture("filters"));
    assert_eq!(f.ids("date:2004"), set(&["p-storm-2004"]));
    assert_eq!(f.ids("date:2004-09-30"), set(&["p-storm-2004"]), "2004-09 is the whole month");
    assert_eq!(f.ids("date:2004-10"), set(&[]));
    assert_eq!(f.ids("date:2002..2002-06"), set(&["p-strike-1998-2003", "s-strike-called", "south"]));
    assert_eq!(f.ids("date:2003-02-28 p:"), set(&["p-strike-1998-2003"]), "a span to its end");
    assert_eq!(f.ids("c: date:>=2024-03-05"), set(&["n-no-tanker"]), "2024-03 overlaps from the 5th");
    assert_eq!(f.ids("c: date:<2024-03-04"), set(&["n-no-tanker", "s-strike-called"]));
    assert_eq!(f.ids("a: date:2024"), set(&[]), "actors have no date");
}

#[test]
fn review_filters_read_the_marks() {
    let f = folder(&fixture("filters"));
    let path = super::common::scratch("filter-marks").join("state.toml");
    let (mut state, _) = brief::state::ReviewFile::open(&path);
    state.toggle_reviewed("n-no-tanker").unwrap();
    state.toggle_flagged("s-broken").unwrap();
    state.apply(brief::state::Change::SetNote("n-ungraded".into(), Some("ask".into()))).unwrap();
    state.apply(brief::state::Change::MarkRead("north".into())).unwrap();
    let marks = Marks::of(&state);
    assert_eq!(f.ids_with("is:reviewed", &marks), set(&["n-no-tanker"]));
    assert_eq!(f.ids_with("is:flagged", &marks), set(&["s-broken"]));
    assert_eq!(f.ids_with("is:noted", &marks), set(&["n-ungraded"]));
    assert_eq!(f.ids_with("c: is:unreviewed in:north", &marks), set(&["n-tanker-ran-aground", "n-ungraded"]));
    assert_eq!(f.ids_with("b: is:unread", &marks), set(&["plain", "south"]));
    assert_eq!(f.ids_with("c: is:read", &marks).len(), 3, "an entity is read through its briefing");
    assert_eq!(f.ids_with("tanker is:reviewed", &marks), set(&["n-no-tanker"]), "with words too");
}

/// What can be reviewed (docs/SEARCH.md): actors, claims and precedents,
/// unreviewed until marked so and unchanged since; a briefing while one of
/// its own is; sources never.
#[test]
fn is_unreviewed_is_what_is_left_to_review() {
    let f = folder(&fixture("filters"));
    let path = super::common::scratch("filter-left").join("state.toml");
    let (mut state, _) = brief::state::ReviewFile::open(&path);
    let marks = |state: &brief::state::ReviewFile| Marks::of(state).with_changes(&f.corpus, state);
    assert_eq!(f.ids_with("s: is:unreviewed", &marks(&state)), set(&[]), "sources are no review items");
    assert_eq!(f.ids_with("b: is:unreviewed", &marks(&state)), set(&["north", "plain", "south"]));
    state.toggle_reviewed("x-unsourced").unwrap();
    state.toggle_reviewed("src-a").unwrap();
    assert_eq!(f.ids_with("in:plain is:unreviewed", &marks(&state)), set(&[]), "all of plain is reviewed");
    assert_eq!(f.ids_with("is:reviewed", &marks(&state)), set(&["plain", "x-unsourced"]), "not the source");
    assert_eq!(f.ids_with("b: -is:unreviewed", &marks(&state)), set(&["plain"]));
    // Reviewed, then changed: unreviewed again, and its briefing with it.
    let e = f.corpus.get("x-unsourced").unwrap();
    let mut seen = brief::fingerprint::of(&f.corpus, e);
    seen.insert("text".into(), "00000000".into());
    let saw = brief::state::Saw::Entity(seen);
    state.apply_seen(brief::state::Change::SetReviewed("x-unsourced".into(), true), saw).unwrap();
    assert_eq!(f.ids_with("in:plain is:unreviewed", &marks(&state)), set(&["plain", "x-unsourced"]));
    assert_eq!(f.ids_with("is:changed", &marks(&state)), set(&["x-unsourced"]));
    assert_eq!(f.ids_with("is:reviewed", &marks(&state)), set(&[]));
}

#[test]
fn on_the_seed_briefings() {
    let f = folder(&super::common::briefings());
    let contested = f.ids("c: is:contradicted in:moscow");
    assert_eq!(contested.len(), 5, "{contested:?}");
    assert!(contested.contains("telegram-is-message-fake") && contested.contains("neumann-is-claim-genuine"));
    assert_eq!(f.ids("p: date:2004"), set(&["beslan-siege-2004"]));
    assert_eq!(f.ids("p: date:2002..2004-09"), set(&["beslan-siege-2004", "dubrovka-siege-2002"]));
    let by = f.ids("by:neumann");
    // His claims, and the hypothesis he puts forward (`by` on a hypothesis).
    assert!(by.len() >= 6 && by.contains("h-is-carried-out-attack"), "{by:?}");
    assert!(by.iter().all(|id| id.starts_with("neumann-") || id == "h-is-carried-out-attack"), "{by:?}");
    assert!(f.ids("about:ispk").contains("ispk-recruits-ex-soviet-states"));
    assert_eq!(f.ids("tag:chechnya b:"), set(&["russia-hostage-sieges"]));
    assert_eq!(f.ids("tlp:clear b:").len(), 3);
    // Letters inside a word name nobody: "is" is in "extremists", not an actor.
    let about_is = f.ids("about:is");
    assert!(about_is.contains("is-claims-krasnogorsk-attack"), "Islamic State starts with is: {about_is:?}");
    assert!(!about_is.contains("beslan-1100-hostages") && !about_is.contains("beslan-siege-2004"), "{about_is:?}");
    assert_eq!(f.ids("by:eumann"), set(&[]), "the middle of a name is no name");
    assert_eq!(f.ids("by:neu"), by, "the start of one is");
}

#[test]
fn brief_search_lists_every_match_of_filters_alone_and_refuses_a_bad_one() {
    let (dir, cache) = (fixture("filters"), super::common::scratch("filters-cli"));
    std::fs::write(cache.join("state.toml"), "version = 1\n\n[marks.n-no-tanker]\nflagged = true\n").unwrap();
    for _cold_then_warm in 0..2 {
        let out = super::cli::search(&dir, &cache, &["is:flagged"]);
        assert_eq!(
            super::cli::stdout(&out),
            "claim      n-no-tanker  No tanker was at the northern pier that night.\n"
        );
    }
    let out = super::cli::search(&dir, &cache, &["c: is:contradicted in:north", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = json.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["n-no-tanker", "n-tanker-ran-aground"]);
    let out = super::cli::search(&dir, &cache, &["is:contradicted", "--limit", "1"]);
    assert_eq!(super::cli::stdout(&out).lines().count(), 1, "--limit still applies");
    for (bad, says) in
        [("is:flaged", "did you mean 'flagged'?"), ("grade:Z9", "a grade is"), ("date:2004-13", "dates are")]
    {
        let out = super::cli::search(&dir, &cache, &[bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(&format!("brief: {bad}: ")) && err.contains(says), "{err}");
    }
}
