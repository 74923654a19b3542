//! MITRE ATT&CK in: the committed excerpts of the ICS and Mobile bundles
//! (tests/fixtures/attack/, made by tests/stix/excerpt.py) land whole:
//! relationships as claims in ATT&CK's voice, malware, tools, techniques and
//! mitigations as subjects that `brief show` and `brief search` find by their
//! ATT&CK ids, sources once each, no citation marker or Markdown link left in
//! prose; and they come back from a STIX export unchanged.

use super::{assert_clean, assert_same_model, brief, ok, s, validate};
use crate::common::{fixture, scratch};

use std::fs;
use std::path::{Path, PathBuf};

fn excerpt(name: &str) -> PathBuf {
    fixture("attack").join(format!("{name}-attack-excerpt.json"))
}

/// Imports an excerpt into a new folder of the test's own (`test`, as tests
/// run side by side); returns it and what the import said.
fn import(name: &str, test: &str) -> (PathBuf, String) {
    let dir = scratch(&format!("attack-{name}-{test}")).join("in");
    let said = ok(&["import", s(&excerpt(name)), "--out", s(&dir)]);
    (dir, said)
}

fn all_text(dir: &Path) -> String {
    let mut text = String::new();
    for e in fs::read_dir(dir).unwrap() {
        text.push_str(&fs::read_to_string(e.unwrap().path()).unwrap());
    }
    text
}

/// Imported prose keeps no ATT&CK markup, and no source is a citation marker.
fn assert_no_markup(dir: &Path) {
    let text = all_text(dir);
    assert!(!text.contains("](http"), "a Markdown link is left");
    assert!(!text.contains("(Citation:"), "a citation marker is left");
    let model: serde_json::Value =
        serde_json::from_str(&ok(&["export", "--all", "--format", "json", "--dir", s(dir)])).unwrap();
    for e in model["entities"].as_array().unwrap().iter().filter(|e| e["kind"] == "source") {
        assert!(!e["label"].as_str().unwrap().starts_with("(Citation:"), "{e}");
    }
}

#[test]
fn the_ics_excerpt_lands_whole() {
    let (dir, said) = import("ics", "lands");
    assert!(
        said.starts_with("imported 1 briefings (216 sources, 10 actors, 73 claims, 7 precedents, 62 subjects)"),
        "{said}"
    );
    // ATT&CK's bookkeeping and what only it links to: skipped, counted.
    assert!(said.contains("x-mitre-tactic"), "{said}");
    assert!(!said.contains("attack-pattern") && !said.contains("malware"), "{said}");
    assert_clean(&dir);
    assert_no_markup(&dir);
    // One briefing for the domain, named by ATT&CK's collection; its
    // bookkeeping is counted, not listed.
    let domain = fs::read_to_string(dir.join("ics-attack.toml")).unwrap();
    assert!(domain.contains("\ntitle = \"ICS ATT&CK\"\n"), "{}", &domain[..300]);
    assert!(!domain.contains("x-mitre-"), "no bookkeeping listed");

    let found = ok(&["search", "T0855", "--dir", s(&dir)]);
    assert!(found.lines().next().unwrap().contains("unauthorized-command-message"), "{found}");
    let shown = ok(&["show", "T0855", "--dir", s(&dir)]);
    assert!(shown.starts_with("subject unauthorized-command-message"), "{shown}");
    // A group's ATT&CK id is its own, as a technique's is: `brief G0034` finds Sandworm Team.
    let group = ok(&["show", "G0034", "--dir", s(&dir)]);
    assert!(group.starts_with("actor sandworm-team"), "{group}");
    assert!(!all_text(&dir).contains("title = \"G0034\""), "an id of its own is no source");

    let industroyer = ok(&["show", "industroyer", "--dir", s(&dir)]);
    assert!(industroyer.contains("kind            malware"), "{industroyer}");
    assert!(industroyer.contains("S0604") && industroyer.contains("CRASHOVERRIDE"), "{industroyer}");
    assert!(industroyer.contains("Industroyer uses"), "its claims link to it: {industroyer}");

    let sandworm = ok(&["show", "sandworm-team", "--dir", s(&dir)]);
    assert!(sandworm.contains("kind            intrusion-set"), "{sandworm}");
    let uses = sandworm.lines().skip_while(|l| !l.starts_with("about"));
    let uses: Vec<&str> = uses.collect();
    assert!(uses.iter().any(|l| l.contains("Sandworm Team uses Industroyer")), "{sandworm}");
    assert!(
        uses.iter().any(|l| l.contains("Sandworm Team uses Industroyer  [sources: ")),
        "with its sources: {sandworm}"
    );

    let claim = ok(&["show", "sandworm-team-uses-industroyer", "--json", "--dir", s(&dir)]);
    let claim: serde_json::Value = serde_json::from_str(&claim).unwrap();
    let links = claim["links"].as_array().unwrap();
    let by: Vec<&str> = links.iter().filter(|l| l["field"] == "by").map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(by, ["the-mitre-corporation"], "in the bundle's voice: {claim}");
    let about: Vec<&str> = links.iter().filter(|l| l["field"] == "about").map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(about, ["sandworm-team", "industroyer"]);
}

#[test]
fn the_mobile_excerpt_lands_whole_with_sub_techniques_and_revoked_names() {
    let (dir, said) = import("mobile", "lands");
    assert!(said.starts_with("imported 1 briefings ("), "{said}");
    assert_clean(&dir);
    assert_no_markup(&dir);
    let text = all_text(&dir);
    // `subtechnique-of` is a parent link, `revoked-by` a name: neither a claim.
    assert!(text.contains("\nparent = ["), "sub-techniques name their parent");
    assert!(!text.contains(" is subtechnique of ") && !text.contains(" is revoked by "), "no claim of either");
    let brata = ok(&["show", "S1094", "--dir", s(&dir)]);
    assert!(brata.starts_with("subject brata"), "{brata}");
}

#[test]
fn each_reference_is_one_source_shared_by_every_claim_citing_it() {
    let (dir, _) = import("ics", "sources");
    let model: serde_json::Value =
        serde_json::from_str(&ok(&["export", "--all", "--format", "json", "--dir", s(&dir)])).unwrap();
    let mut keys: Vec<String> = model["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "source")
        .map(|e| format!("{} {}", e["fields"]["publisher"], e["fields"]["url"]))
        .collect();
    let all = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), all, "no two sources with one name and URL");
    let text = all_text(&dir);
    let cited = text.matches("\"booz-allen-hamilton\"").count();
    assert!(cited > 2, "one source, cited by several claims: {cited}");
}

#[test]
fn an_imported_excerpt_comes_back_from_stix_as_it_was() {
    for name in ["ics", "mobile"] {
        let (dir, _) = import(name, "round-trip");
        let work = scratch(&format!("attack-{name}-back"));
        let bundle = work.join("bundle.json");
        ok(&["export", "--all", "--format", "stix", "-o", s(&bundle), "--dir", s(&dir)]);
        let json = fs::read_to_string(&bundle).unwrap();
        assert!(json.contains("\"type\":\"intrusion-set\""), "an intrusion set stays one");
        assert!(json.contains("\"type\":\"attack-pattern\"") && json.contains("\"type\":\"malware\""));
        validate(&bundle);
        let back = work.join("back");
        let out = brief(&["import", s(&bundle), "--out", s(&back)]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert_same_model(&dir, &back);
        // The files themselves, but their first line (the bundle's id).
        for e in fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let again = fs::read_to_string(back.join(path.file_name().unwrap())).unwrap();
            let first = fs::read_to_string(&path).unwrap();
            assert_eq!(first.split_once('\n').unwrap().1, again.split_once('\n').unwrap().1, "{}", path.display());
        }
    }
}

#[test]
fn a_domain_too_large_for_one_file_is_cut_into_parts() {
    let work = scratch("attack-parts");
    let text = "an adversary may use this to reach the hosts it wants. ".repeat(20);
    let mut objects = vec![serde_json::json!({"type": "x-mitre-collection", "spec_version": "2.1",
        "id": "x-mitre-collection--00000000-0000-4000-8000-000000000001", "name": "Big ATT&CK",
        "created": "2020-01-01T00:00:00.000Z", "modified": "2024-05-01T00:00:00.000Z"})];
    for n in 0..4_000 {
        objects.push(serde_json::json!({"type": "malware", "spec_version": "2.1", "is_family": true,
            "id": format!("malware--00000000-0000-4000-8000-{n:012}"), "name": format!("Malware {n}"),
            "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z", "description": text}));
    }
    let bundle = work.join("big.json");
    fs::write(&bundle, serde_json::to_vec(&serde_json::json!({"type": "bundle", "objects": objects})).unwrap())
        .unwrap();
    let dir = work.join("in");
    let said = ok(&["import", s(&bundle), "--out", s(&dir)]);
    assert!(
        said.starts_with("imported 2 briefings (0 sources, 0 actors, 0 claims, 0 precedents, 4000 subjects)"),
        "{said}"
    );
    let second = fs::read_to_string(dir.join("big-attack-part-2.toml")).unwrap();
    assert!(second.contains("\ntitle = \"Big ATT&CK, part 2\"\ndate = \"2024-05-01\"\n"), "{}", &second[..300]);
    for e in fs::read_dir(&dir).unwrap() {
        assert!(e.unwrap().metadata().unwrap().len() < 3 << 20, "each part under 3 MiB");
    }
    assert_clean(&dir);
}
