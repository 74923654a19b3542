//! `[[hypotheses]]`: loaded as entities of their own kind, checked like the
//! others (ids, links, keys, and a warning for a briefing with only one),
//! found by search, linkable from prose, and in the seed as the report has them.

use super::*;
use brief::model::Kind;
use brief::search::Index;

fn ach() -> Corpus {
    let c = load(&fixture("ach")).expect("the fixture loads");
    assert_eq!(c.diagnostics, [], "the fixture is clean");
    c
}

#[test]
fn hypotheses_load_in_file_order_with_their_links() {
    let c = ach();
    let b = id_of(&c, "ach-fixture");
    let ids: Vec<&str> = c.briefing(b).unwrap().hypotheses.iter().map(|&h| c.entity(h).id.as_str()).collect();
    assert_eq!(ids, ["h-a", "h-b", "h-c"]);
    let h = c.entity(id_of(&c, "h-a"));
    assert_eq!(h.kind(), Kind::Hypothesis);
    assert_eq!(h.briefing, b);
    let Body::Hypothesis(body) = h.body() else { panic!("h-a is a hypothesis") };
    assert_eq!(body.text, "Group A carried out the attack.");
    assert_eq!(body.notes.as_deref(), Some("The [[e-confession|confession]] points here."));
    let by: Vec<&str> = h.links_in(LinkField::By).map(|l| l.target(&c)).collect();
    assert_eq!(by, ["ach-analyst"]);
    let notes: Vec<&str> = h.links_in(LinkField::Notes).map(|l| l.target(&c)).collect();
    assert_eq!(notes, ["e-confession"]);
    // Linkable from prose: the briefing's summary names all three.
    let back: Vec<&str> = c.backlinks[id_of(&c, "h-b")].iter().map(|l| c.entity(l.from()).id.as_str()).collect();
    assert_eq!(back, ["ach-fixture"]);
}

#[test]
fn one_hypothesis_is_a_warning_and_bad_links_and_keys_are_reported() {
    assert_eq!(
        problems("ach-one"),
        [
            "one.toml:9:1: warning: the briefing has one hypothesis: competing hypotheses need at least two (docs/ACH.md)",
            "one.toml:12:7: error: 'one-claim' in hypotheses.by is a claim, not an actor",
            "one.toml:12:20: error: unknown actor 'nobody-at-all' in hypotheses.by",
            "one.toml:13:1: warning: unknown key 'rating' in hypotheses",
        ]
    );
    // The hypothesis still loads, by its id.
    let c = load(&fixture("ach-one")).unwrap();
    assert_eq!(c.entity(id_of(&c, "h-only")).kind(), Kind::Hypothesis);
}

#[test]
fn search_finds_hypotheses_by_kind_and_by_prefix() {
    let c = ach();
    let index = Index::build(&c);
    let ids = |q: &str| -> Vec<String> {
        index.search(q, usize::MAX).iter().map(|h| c.entity(h.entity).id.clone()).collect()
    };
    assert_eq!(ids("h:state"), ["h-b"]);
    assert_eq!(ids("hypothesis:accident"), ["h-c"]);
    let mut all = ids("kind:hypothesis");
    all.sort();
    assert_eq!(all, ["h-a", "h-b", "h-c"]);
    // Without the prefix the claims match "attack" too; with it only the hypothesis does.
    assert_eq!(ids("h:attack"), ["h-a"]);
}

#[test]
fn the_seed_has_the_two_hypotheses_the_report_states() {
    let c = load(&common::briefings()).expect("the seed loads");
    assert_eq!(c.diagnostics, [], "the seed is clean");
    let b = id_of(&c, "moscow-attack-2024");
    let texts: Vec<&str> = c.briefing(b).unwrap().hypotheses.iter().map(|&h| c.entity(h).label()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    // In the report's words: "IS fighters had carried out the attack", ISPK "a
    // possible mastermind"; "the narrative that Ukraine was responsible for the attack".
    assert!(texts[0].starts_with("IS fighters carried out the attack near Moscow"), "{}", texts[0]);
    assert!(texts[0].contains("possible mastermind"), "{}", texts[0]);
    assert_eq!(texts[1], "Ukraine was responsible for the attack near Moscow.");
}
