//! Search as a person uses it: what a few typed letters find, and in what
//! order. The `brief search` command and its cache are in search/cli.rs.

#[path = "../common/mod.rs"]
mod common;

use common::fixture;

mod ach;
mod cli;
mod filters;
mod untrusted;

use std::path::Path;

use brief::Corpus;
use brief::search::{Field, Index};

fn load(dir: &Path) -> (Corpus, Index) {
    let corpus = brief::load::load(dir).expect("fixture loads");
    assert_eq!(corpus.errors(), 0, "{:?}", corpus.diagnostics);
    let index = Index::build(&corpus);
    (corpus, index)
}

fn world() -> (Corpus, Index) {
    load(&fixture("search-world"))
}

/// Ids of every hit, best first.
fn ids(corpus: &Corpus, index: &Index, query: &str) -> Vec<String> {
    index.search(query, usize::MAX).iter().map(|h| corpus.entity(h.entity).id.clone()).collect()
}

/// The first few letters of a label's first word that has letters: what a person types.
fn first_letters(label: &str, n: usize) -> String {
    let word = label.split_whitespace().find(|w| w.chars().any(char::is_alphanumeric)).unwrap_or(label);
    word.chars().filter(|c| c.is_alphanumeric()).take(n).collect()
}

#[test]
fn every_entity_is_found_by_a_few_letters_of_its_name_and_by_its_id() {
    for dir in [fixture("search-world"), fixture("search-hostile"), common::briefings()] {
        let (corpus, index) = load(&dir);
        for (eid, e) in corpus.entities.iter().enumerate() {
            let typed = first_letters(&corpus.plain(e.label()), 4);
            let found = index.search(&typed, usize::MAX);
            assert!(found.iter().any(|h| h.entity == eid), "'{typed}' does not find {}", e.id);
            let by_id = index.search(&e.id, 1);
            assert_eq!(by_id.first().map(|h| h.entity), Some(eid), "the id '{}' does not come first", e.id);
        }
    }
}

#[test]
fn accents_fold_both_ways() {
    let (corpus, index) = world();
    for (typed, id) in [
        ("samil", "samil-basayev"),
        ("Şamil", "samil-basayev"),
        ("lodz", "lodz-cell"),
        ("łódź", "lodz-cell"),
        ("munchen", "munchen-office"),
        ("orsted", "soren-orsted"),
        ("γιωργος", "georgios"),
    ] {
        assert_eq!(ids(&corpus, &index, typed).first().map(String::as_str), Some(id), "{typed}");
    }
    // ß is ss: the street is found in a name, a place and a claim's text.
    let strasse = ids(&corpus, &index, "hauptstrasse");
    assert!(["strasse-raid-2019", "couriers-paid-cash"].iter().all(|id| strasse.iter().any(|s| s == id)));
}

#[test]
fn other_scripts_wide_characters_and_emoji_are_found() {
    let (corpus, index) = world();
    for (typed, id) in [
        ("закаев", "ahmed-zakayev"),
        ("Закаев", "ahmed-zakayev"),
        ("zakayev", "ahmed-zakayev"),
        ("بكر", "abu-bakr"),
        ("baghdadi", "abu-bakr"),
        ("王", "wang-wei"),
        ("김민", "kim-minjun"),
        ("🔥", "fire-channel"),
    ] {
        assert_eq!(ids(&corpus, &index, typed).first().map(String::as_str), Some(id), "{typed}");
    }
}

#[test]
fn a_name_ranks_above_a_role_which_ranks_above_prose() {
    let (corpus, index) = world();
    let found = ids(&corpus, &index, "kestrel");
    // Mara Kestrel by name; the claim by its id, a label too; Ivo Lind by his
    // role; Ola Brant only because "kestrel" is a word in his description.
    assert_eq!(found, ["person-a", "kestrel-claim", "person-b", "person-c"]);
}

#[test]
fn whole_words_rank_above_scattered_letters_even_in_a_longer_name() {
    let (corpus, index) = world();
    // "Bram Nti" is shorter, but holds b-r-a-n-t only as the starts of two words.
    assert_eq!(ids(&corpus, &index, "brant"), ["person-c", "person-d", "person-e"]);
    // Runs of letters at word starts match ("bnti"); letters scattered inside words do not ("bmti").
    assert_eq!(ids(&corpus, &index, "bnti"), ["person-e"]);
    assert!(ids(&corpus, &index, "bmti").is_empty());
}

#[test]
fn ties_go_to_the_shorter_label_then_kind_then_id() {
    let (corpus, index) = world();
    assert_eq!(ids(&corpus, &index, "lena"), ["person-g", "person-f"], "Lena Ost is shorter");
    // Four entities named exactly "Vienna": actors before precedents before sources, then by id.
    assert_eq!(ids(&corpus, &index, "vienna"), ["vienna-a", "vienna-b", "vienna-1985", "vienna-report"]);
}

#[test]
fn every_term_must_match_somewhere_in_the_same_entity() {
    let (corpus, index) = world();
    assert_eq!(ids(&corpus, &index, "mara kestrel"), ["person-a"]);
    // A name and a role.
    assert_eq!(ids(&corpus, &index, "ivo liaison"), ["person-b"]);
    assert!(ids(&corpus, &index, "mara liaison").is_empty());
}

#[test]
fn a_kind_prefix_keeps_that_kind() {
    let (corpus, index) = world();
    assert_eq!(ids(&corpus, &index, "c: kestrel"), ["kestrel-claim"]);
    assert_eq!(ids(&corpus, &index, "a:kestrel"), ["person-a", "person-b", "person-c"]);
    assert_eq!(ids(&corpus, &index, "source: vienna"), ["vienna-report"]);
    // A prefix alone lists that kind.
    let precedents = index.search("p:", usize::MAX);
    assert_eq!(precedents.len(), 2);
    assert!(precedents.iter().all(|h| corpus.entity(h.entity).kind() == brief::Kind::Precedent));
}

#[test]
fn an_uppercase_letter_makes_a_term_match_case() {
    let (corpus, index) = world();
    let lower = ids(&corpus, &index, "c: is");
    assert!(lower.contains(&"couriers-paid-cash".to_string()), "'this is how…' matches 'is'");
    assert_eq!(ids(&corpus, &index, "c: IS"), ["video-is-fake"], "only 'The IS channel' matches 'IS'");
}

#[test]
fn prose_matches_words_not_letters_scattered_through_a_paragraph() {
    let (corpus, index) = world();
    let found = ids(&corpus, &index, "fake");
    assert_eq!(found.first().map(String::as_str), Some("video-is-fake"));
    // Søren's description has f…a…k…e across "far away keeps everything": no match.
    assert!(!found.contains(&"soren-orsted".to_string()), "{found:?}");
    // A word in prose, with one typo, still finds the precedent's description.
    assert!(ids(&corpus, &index, "recrutiment").contains(&"strasse-raid-2019".to_string()));
}

#[test]
fn a_hit_says_which_field_matched_and_where() {
    let (corpus, index) = world();
    let hit = &index.search("liaison", 1)[0];
    assert_eq!(corpus.entity(hit.entity).id, "person-b");
    assert_eq!((hit.field, hit.text.as_str()), (Some(Field::Role), "Liaison to the kestrel group"));
    assert_eq!(hit.positions, (0..7).collect::<Vec<_>>());
    // Accented letters are highlighted where they stand in the text as written.
    let hit = &index.search("lodz", 1)[0];
    assert_eq!(
        (hit.field, hit.text.as_str(), hit.positions.clone()),
        (Some(Field::Name), "Łódź cell", vec![0, 1, 2, 3])
    );
    // In prose, the words around the match, on one line.
    let hit = &index.search("p: lists", 1)[0];
    assert_eq!(hit.field, Some(Field::Description));
    let shown: String = hit.positions.iter().filter_map(|&p| hit.text.chars().nth(p)).collect();
    assert_eq!(shown, "lists");
    assert!(!hit.text.contains('\n'));
}

#[test]
fn typing_one_more_letter_gives_what_a_fresh_search_gives() {
    let (_, index) = world();
    let (_, fresh) = world();
    for query in ["kes", "kest", "kestr", "kestre", "kestrel", "c: ke", "c: kes", "mara kes", "mara kestrel"] {
        let typed: Vec<_> = index.search(query, usize::MAX).iter().map(|h| (h.entity, h.score)).collect();
        fresh.search("§", 1);
        let anew: Vec<_> = fresh.search(query, usize::MAX).iter().map(|h| (h.entity, h.score)).collect();
        assert_eq!(typed, anew, "{query}");
    }
}

#[test]
fn the_real_briefings_rank_what_a_reader_means_first() {
    let (corpus, index) = load(&common::briefings());
    assert_eq!(ids(&corpus, &index, "neum").first().map(String::as_str), Some("peter-neumann"));
    assert_eq!(ids(&corpus, &index, "c: fake").first().map(String::as_str), Some("telegram-is-message-fake"));
    assert!(index.search("zzqx", 10).is_empty());
}
