//! The loader against small folders made for each kind of bad input: every
//! problem is reported at the place a person would look, and the rest loads.

#[path = "../common/mod.rs"]
mod common;
mod files;
mod hypotheses;
mod seed;

use common::{fixture, scratch};

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use brief::load::load;
use brief::model::{Body, Corpus, LinkField};

/// The problems as `brief check` prints them, with paths relative to the folder.
fn problems_in(root: &Path) -> Vec<String> {
    let corpus = load(root).expect("folder loads");
    shown(root, &corpus)
}

fn shown(root: &Path, corpus: &Corpus) -> Vec<String> {
    corpus
        .diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.path = d.path.strip_prefix(root).expect("inside the folder").to_path_buf();
            d.to_string()
        })
        .collect()
}

fn problems(case: &str) -> Vec<String> {
    problems_in(&fixture(case))
}

fn corpus(case: &str) -> Corpus {
    load(&fixture(case)).expect("fixture loads")
}

fn id_of(corpus: &Corpus, id: &str) -> usize {
    corpus.get(id).unwrap_or_else(|| panic!("{id} is loaded"))
}

#[test]
fn invalid_toml_is_an_error_at_its_place() {
    assert_eq!(
        problems("syntax"),
        ["syntax-broken.toml:3:34: error: invalid TOML: invalid basic string, expected `\"`"]
    );
}

#[test]
fn missing_required_keys_are_errors_at_their_table() {
    assert_eq!(
        problems("missing"),
        [
            "missing-keys.toml:1:1: error: missing required key 'title' in the briefing",
            "missing-keys.toml:3:1: error: missing required key 'title' in sources",
            "missing-keys.toml:6:1: error: missing required key 'name' in actors",
            "missing-keys.toml:10:1: error: missing required key 'text' in claims",
            "missing-keys.toml:14:1: error: missing required key 'name' in precedents",
        ]
    );
}

#[test]
fn entities_missing_their_name_stay_usable_under_their_id() {
    let c = corpus("missing");
    let actor = id_of(&c, "missing-actor");
    assert_eq!(c.entity(actor).label(), "missing-actor");
    assert_eq!(c.entity(id_of(&c, "missing-keys")).label(), "missing-keys");
    let claim = c.entity(id_of(&c, "missing-claim"));
    assert_eq!(claim.links_in(LinkField::By).map(brief::model::Link::to).collect::<Vec<_>>(), [Some(actor)]);
}

#[test]
fn wrong_types_are_errors_at_the_value() {
    assert_eq!(
        problems("wrong-type"),
        [
            "wrong-type.toml:1:9: error: title must be a string, not integer",
            "wrong-type.toml:3:8: error: date must be a date (2004-09-01, \"2004-09\" or \"2004\"), not datetime",
            "wrong-type.toml:4:14: error: precedents must be a list of tables ([[precedents]]), not string",
            "wrong-type.toml:8:8: error: claims.text must be a string, not array",
            "wrong-type.toml:9:15: error: claims.credibility must be a whole number, not string",
            "wrong-type.toml:10:6: error: claims.by must be a list of strings, not integer",
        ]
    );
}

#[test]
fn a_lone_string_where_a_list_goes_is_a_list_of_one() {
    let c = corpus("wrong-type");
    let Some(b) = c.briefing(id_of(&c, "wrong-type")) else { panic!("a briefing") };
    assert_eq!(b.tags, ["single-tag"]);
}

#[test]
fn malformed_ids_are_errors_and_the_briefing_falls_back_to_its_file_name() {
    assert_eq!(
        problems("malformed-id"),
        [
            "malformed-id.toml:1:6: error: malformed id 'Malformed_Briefing': use lowercase a-z, 0-9 and '-'",
            "malformed-id.toml:5:6: error: malformed id 'Bad Actor': use lowercase a-z, 0-9 and '-'",
            "malformed-id.toml:9:6: error: malformed id '-leading-dash': use lowercase a-z, 0-9 and '-'",
            "malformed-id.toml:15:6: error: malformed id 'Not_An_Id' in claims.by",
        ]
    );
    let c = corpus("malformed-id");
    assert_eq!(c.entity(id_of(&c, "malformed-id")).label(), "Malformed ids");
    assert_eq!(c.entities.len(), 2, "entities with bad ids are left out");
}

#[test]
fn a_duplicate_id_names_both_places_and_the_first_wins() {
    let root = fixture("duplicate");
    let first = root.join("dup-first.toml");
    assert_eq!(
        problems("duplicate"),
        [format!("dup-second.toml:4:6: error: duplicate id 'dup-actor': first defined at {}:4:6", first.display())]
    );
    let c = corpus("duplicate");
    assert_eq!(c.entity(id_of(&c, "dup-actor")).label(), "Defined here first");
}

#[test]
fn links_to_missing_ids_are_errors_and_stay_broken() {
    assert_eq!(
        problems("missing-link"),
        [
            "missing-link.toml:2:16: error: unknown id 'no-such-entity' in a link in summary",
            "missing-link.toml:7:6: error: unknown actor 'nobody-at-all' in claims.by",
            "missing-link.toml:8:12: error: unknown source 'no-such-source' in claims.sources",
            "missing-link.toml:9:10: error: unknown id 'no-such-thing' in claims.about",
        ]
    );
    let c = corpus("missing-link");
    let claim = c.entity(id_of(&c, "missing-link-claim"));
    assert!(claim.links.iter().all(|l| l.to().is_none()), "every link is broken");
    assert_eq!(claim.links.len(), 3);
}

#[test]
fn links_to_the_wrong_kind_are_errors() {
    assert_eq!(
        problems("wrong-kind"),
        [
            "wrong-kind.toml:15:6: error: 'wrong-kind-claim-a' in claims.by is a claim, not an actor",
            "wrong-kind.toml:16:12: error: 'wrong-kind-actor' in claims.sources is an actor, not a source",
            "wrong-kind.toml:17:16: error: 'wrong-kind-actor' in claims.contradicts is an actor, not a claim",
            "wrong-kind.toml:22:11: error: 'wrong-kind-claim-a' in precedents.actors is a claim, not an actor",
            "wrong-kind.toml:23:12: error: 'wrong-kind-actor' in precedents.briefing is an actor, not a briefing",
        ]
    );
    let c = corpus("wrong-kind");
    assert!(c.backlinks[id_of(&c, "wrong-kind-claim-a")].is_empty(), "a link to the wrong kind is no backlink");
}

#[test]
fn unknown_keys_are_warnings_with_a_suggestion_when_one_is_close() {
    assert_eq!(
        problems("unknown-key"),
        [
            "unknown-key.toml:2:1: warning: unknown key 'sumary' in the briefing; did you mean 'summary'?",
            "unknown-key.toml:3:1: warning: unknown key 'colour' in the briefing",
            "unknown-key.toml:4:1: warning: unknown key 'k' in the briefing",
            "unknown-key.toml:8:1: warning: unknown key 'nmae' in actors; did you mean 'name'?",
        ]
    );
    assert_eq!(corpus("unknown-key").errors(), 0);
}

#[test]
fn bad_dates_are_errors_at_the_value() {
    let expected = "expected a date: YYYY, YYYY-MM or YYYY-MM-DD";
    assert_eq!(
        problems("bad-date"),
        [
            format!("bad-date.toml:2:8: error: date is '2024-13', {expected}"),
            format!("bad-date.toml:7:8: error: claims.date is '24', {expected}"),
            format!("bad-date.toml:12:8: error: precedents.date is 'March 2002', {expected}"),
            format!("bad-date.toml:13:7: error: precedents.end is '2002-02-30', {expected}"),
        ]
    );
}

#[test]
fn values_outside_their_list_are_errors_that_name_the_choices() {
    assert_eq!(
        problems("bad-enum"),
        [
            "bad-enum.toml:2:7: error: tlp is 'purple', expected one of: clear, green, amber, amber+strict, red",
            "bad-enum.toml:7:15: error: sources.reliability is 'G', expected one of: A, B, C, D, E, F",
            "bad-enum.toml:12:8: error: actors.kind is 'robot', expected one of: person, organization, group, intrusion-set, state, media, other",
            "bad-enum.toml:17:15: error: claims.credibility is 7, expected 1 to 6",
            "bad-enum.toml:18:14: error: claims.confidence is 'certain', expected one of: low, moderate, high",
            "bad-enum.toml:19:14: error: claims.likelihood is 'probable', expected one of: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain",
        ]
    );
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_at_the_first_bad_byte() {
    let dir = scratch("not-utf8");
    fs::write(dir.join("latin1.toml"), b"title = \"ok\"\nsummary = \"caf\xe9\"\n").expect("write");
    fs::copy(fixture("good/good-briefing.toml"), dir.join("good.toml")).expect("copy");
    assert_eq!(problems_in(&dir), ["latin1.toml:2:15: error: file is not valid UTF-8"]);
    assert!(load(&dir).expect("loads").get("good-claim").is_some());
}

#[test]
fn inline_links_resolve_and_show_their_words() {
    let c = corpus("inline-links");
    let briefing = id_of(&c, "inline-main");
    let Some(summary) = c.briefing(briefing).and_then(|b| b.summary.clone()) else { panic!("a summary") };
    assert_eq!(
        c.plain(&summary),
        "First Inline Actor speaks, then\nthe claim in other words follows; and inline-missing is broken.\n"
    );
    let targets: Vec<_> = c.entity(briefing).links.iter().map(|l| (l.target(&c), l.inline(), l.to())).collect();
    let (actor, claim) = (id_of(&c, "inline-actor"), id_of(&c, "inline-claim"));
    assert_eq!(
        targets,
        [("inline-actor", true, Some(actor)), ("inline-claim", true, Some(claim)), ("inline-missing", true, None)]
    );
}

#[test]
fn inline_links_in_prose_are_backlinks() {
    let c = corpus("inline-links");
    let actor = id_of(&c, "inline-actor");
    let back: Vec<_> = c.backlinks[actor].iter().map(|b| (c.entity(b.from()).id.as_str(), b.field.key())).collect();
    assert_eq!(back, [("inline-main", "summary"), ("inline-claim", "by"), ("inline-claim", "text")]);
}

#[test]
fn a_broken_inline_link_is_an_error_at_the_link() {
    assert_eq!(
        problems("inline-links"),
        ["inline-main.toml:4:56: error: unknown id 'inline-missing' in a link in summary"]
    );
}

#[test]
fn dates_are_shown_as_written_and_briefings_listed_newest_first() {
    let c = corpus("dates");
    let listed: Vec<_> = c
        .briefings
        .iter()
        .map(|&b| (c.entity(b).id.as_str(), c.briefing(b).and_then(|x| x.date.as_ref()).map(brief::date::Date::text)))
        .collect();
    assert_eq!(
        listed,
        [
            ("dates-later", Some("2005")),
            ("dates-day", Some("2004-09-01")),
            ("dates-month", Some("2004-09")),
            ("dates-year", Some("2004")),
            ("dates-undated", None),
        ]
    );
}

#[test]
fn a_briefing_lists_actors_its_claims_name_from_other_files() {
    let c = corpus("cross-file");
    assert_eq!(shown(&fixture("cross-file"), &c), Vec::<String>::new());
    let actors = |briefing: &str| -> Vec<String> {
        let Some(b) = c.briefing(id_of(&c, briefing)) else { panic!("{briefing} is a briefing") };
        b.actors.iter().map(|&a| c.entity(a).id.clone()).collect()
    };
    assert_eq!(actors("cross-uses"), ["cross-local", "cross-actor"]);
    assert_eq!(actors("cross-defines"), ["cross-actor", "cross-unused"]);
    let Body::Actor(a) = c.entity(id_of(&c, "cross-actor")).body() else { panic!("an actor") };
    assert_eq!(a.name, "Şamil Ödün");
}

#[test]
fn control_characters_in_strings_become_caret_notation() {
    let c = corpus("sanitize");
    let briefing = c.entity(id_of(&c, "sanitize-escapes"));
    assert_eq!(briefing.label(), "Title ^[]0;pwned^G with OSC");
    let Some(summary) = c.briefing(id_of(&c, "sanitize-escapes")).and_then(|b| b.summary.clone()) else {
        panic!("a summary")
    };
    assert_eq!(summary, "CSI ^[[2J clear, C1 ^[[31m red, bidi gnp.exe, bell ^G.");
    let Body::Actor(actor) = c.entity(id_of(&c, "sanitize-actor")).body() else { panic!("an actor") };
    assert_eq!(actor.name, "Name ^[[31mred^[[0m");
    assert_eq!(actor.aliases, ["Alias ^[]0;title^[\\"]);
}

#[test]
fn the_seed_briefings_load_without_problems() {
    let c = load(&common::briefings()).expect("loads");
    assert_eq!(c.diagnostics, []);
    assert_eq!((c.files.len(), c.entities.len()), (3, 46));
}

#[test]
fn the_example_in_the_format_reference_has_no_problems_of_its_own() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md")).expect("FORMAT.md");
    let Some(example) = doc.split("```toml\n").nth(1).and_then(|rest| rest.split("```").next()) else {
        panic!("FORMAT.md has a TOML example")
    };
    let parsed = brief::load::parse_str(Path::new("moscow-attack-2024.toml"), example);
    assert_eq!(parsed.diags, [], "links are resolved later; everything else must be right");
    let ids: Vec<_> = parsed.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["moscow-attack-2024", "report-ispk", "peter-neumann", "is-claims-attack", "dubrovka-siege-2002"]);
}

#[test]
fn the_first_file_by_path_wins_however_the_parsing_is_shared_out() {
    let dir = scratch("many-duplicates");
    for i in 0..200 {
        let text =
            format!("title = \"File {i:03}\"\n\n[[actors]]\nid = \"same-actor\"\nname = \"Defined in {i:03}\"\n");
        fs::write(dir.join(format!("file-{i:03}.toml")), text).expect("write");
    }
    let c = load(&dir).expect("loads");
    assert_eq!(c.entity(id_of(&c, "same-actor")).label(), "Defined in 000");
    let problems = shown(&dir, &c);
    assert_eq!(problems.len(), 199);
    let first = dir.join("file-000.toml");
    let msg = format!("file-199.toml:4:6: error: duplicate id 'same-actor': first defined at {}:4:6", first.display());
    assert_eq!(problems.last(), Some(&msg));
}

#[test]
fn each_inline_link_is_placed_at_its_own_brackets() {
    let src = "title = \"t\"\nsummary = \"[[xx-long]] and [[nope]] then [[nope|again]] and [[xx]]\"\n";
    let dir = scratch("inline-places");
    std::fs::write(dir.join("b.toml"), src).unwrap();
    let corpus = brief::load::load(&dir).unwrap();
    let places: Vec<(u32, u32, &str)> =
        corpus.diagnostics.iter().map(|d| (d.line, d.col, d.message.as_str())).collect();
    let col = |needle: &str| src.lines().nth(1).unwrap().find(needle).unwrap() as u32 + 1;
    assert_eq!(
        places,
        vec![
            (2, col("[[xx-long]]"), "unknown id 'xx-long' in a link in summary"),
            (2, col("[[nope]]"), "unknown id 'nope' in a link in summary"),
            (2, col("[[nope|"), "unknown id 'nope' in a link in summary"),
            (2, col("[[xx]]"), "unknown id 'xx' in a link in summary"),
        ]
    );
}
