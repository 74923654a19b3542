//! ACH ratings through STIX: `brief export --format stix --marks` puts the
//! analyst's ratings and relevances in each report's brief extension (never
//! without `--marks`), and `brief import --marks` takes them into the
//! importer's own review state, so the matrix and its scores come back
//! exact; without `--marks` they are counted, not taken.

use super::{s, validate};
use crate::common::{fixture, scratch};

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// `brief ARGS` with a state file of its own.
fn with_state(state: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env_remove("BRIEF_DIR")
        .env_remove("BRIEF_ANALYST")
        .env("BRIEF_STATE", state)
        .env("XDG_CONFIG_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config"))
        .env("BRIEF_CACHE_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("interchange-cache"))
        .stdin(Stdio::null())
        .output()
        .expect("brief runs")
}

fn ok(state: &Path, args: &[&str]) -> String {
    let out = with_state(state, args);
    assert_eq!(out.status.code(), Some(0), "brief {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Every kind of rating, a claim rated against some hypotheses only, and a relevance.
const CELLS: [(&str, &str, &str); 13] = [
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

/// The ach fixture rated with `brief rate` into `state`.
fn rated(state: &Path) -> String {
    let dir = fixture("ach");
    for (claim, h, r) in CELLS {
        ok(state, &["rate", claim, h, r, "--dir", s(&dir)]);
    }
    ok(state, &["rate", "e-video", "--relevance", "high", "--dir", s(&dir)]);
    ok(state, &["rate", "e-rumour", "--relevance", "low", "--dir", s(&dir)]);
    dir.to_str().expect("UTF-8").to_string()
}

/// The report's brief extension in a bundle brief wrote.
fn report_extension(bundle: &Path) -> Value {
    let b: Value = serde_json::from_slice(&fs::read(bundle).unwrap()).unwrap();
    let report = b["objects"].as_array().unwrap().iter().find(|o| o["type"] == "report").expect("a report").clone();
    report["extensions"]["extension-definition--13c4d3d8-07d9-4aa3-b1bf-c210b7b92cbc"].clone()
}

#[test]
fn ratings_exported_with_marks_and_imported_with_marks_give_the_same_matrix_and_scores() {
    let work = scratch("ratings-round-trip");
    let (mine, theirs) = (work.join("mine.toml"), work.join("theirs.toml"));
    let dir = rated(&mine);
    let bundle = work.join("rated.json");
    ok(&mine, &["export", "ach-fixture", "--format", "stix", "--marks", "-o", s(&bundle), "--dir", &dir]);
    let x = report_extension(&bundle);
    assert_eq!(x["ratings"].as_array().map(Vec::len), Some(13), "{x}");
    assert_eq!(x["ratings"][0], serde_json::json!({"claim": "e-confession", "hypothesis": "h-a", "rating": "CC"}));
    assert_eq!(
        x["relevance"],
        serde_json::json!([{"claim": "e-rumour", "level": "low"}, {"claim": "e-video", "level": "high"}])
    );
    validate(&bundle);

    let imported = work.join("imported");
    let said = ok(&theirs, &["import", s(&bundle), "--out", s(&imported), "--marks"]);
    assert!(said.contains("ACH judgments taken into your review state: 13 ratings, 2 relevance\n"), "{said}");
    assert!(!said.contains("not taken"), "{said}");
    let before = ok(&mine, &["ach", "ach-fixture", "--json", "--dir", &dir]);
    let after = ok(&theirs, &["ach", "ach-fixture", "--json", "--dir", s(&imported)]);
    assert_eq!(after, before, "the same ratings, relevances and scores");
    let j: Value = serde_json::from_str(&after).unwrap();
    // e-rumour's `I` against h-a: low credibility (E5) × low relevance, 1/√2 × 1/√2.
    assert_eq!(j["hypotheses"][0]["weighted"], 0.5, "weighted by the grades and the relevance that came through");
    assert_eq!(
        ok(&theirs, &["ach", "ach-fixture", "--dir", s(&imported)]),
        ok(&mine, &["ach", "ach-fixture", "--dir", &dir])
    );
    // The importer's ratings are theirs now: rated, and exported again, the same.
    let again = work.join("again.json");
    ok(&theirs, &["export", "ach-fixture", "--format", "stix", "--marks", "-o", s(&again), "--dir", s(&imported)]);
    assert_eq!(report_extension(&again)["ratings"], x["ratings"]);
}

#[test]
fn without_marks_no_rating_goes_out_and_none_is_taken_in() {
    let work = scratch("ratings-without-marks");
    let (mine, nobody) = (work.join("mine.toml"), work.join("nobody.toml"));
    let dir = rated(&mine);
    let plain = work.join("plain.json");
    ok(&mine, &["export", "ach-fixture", "--format", "stix", "-o", s(&plain), "--dir", &dir]);
    let text = fs::read_to_string(&plain).unwrap();
    assert!(!text.contains("\"ratings\"") && !text.contains("\"relevance\""), "no judgment without --marks");
    let unrated = work.join("unrated.json");
    ok(&nobody, &["export", "ach-fixture", "--format", "stix", "--marks", "-o", s(&unrated), "--dir", &dir]);
    assert_eq!(fs::read(&unrated).unwrap(), text.as_bytes(), "nothing rated, nothing added");
    assert!(!nobody.exists(), "an export writes no state");

    let rated = work.join("rated.json");
    ok(&mine, &["export", "ach-fixture", "--format", "stix", "--marks", "-o", s(&rated), "--dir", &dir]);
    let said = ok(&nobody, &["import", s(&rated), "--out", s(&work.join("in"))]);
    assert!(
        said.contains(
            "not taken (an analyst's ACH judgments; brief import --marks takes them into your review state): \
             13 ratings, 2 relevance\n"
        ),
        "{said}"
    );
    assert!(!nobody.exists(), "an import without --marks writes no state");
    let plain_said = ok(&nobody, &["import", s(&plain), "--out", s(&work.join("in-plain"))]);
    assert!(!plain_said.contains("ACH"), "{plain_said}");
}

#[test]
fn an_import_with_marks_keeps_ratings_of_yours_unless_forced_and_takes_none_for_what_the_folder_lacks() {
    let work = scratch("ratings-kept");
    let (mine, theirs) = (work.join("mine.toml"), work.join("theirs.toml"));
    let dir = rated(&mine);
    let bundle = work.join("rated.json");
    ok(&mine, &["export", "ach-fixture", "--format", "stix", "--marks", "-o", s(&bundle), "--dir", &dir]);
    // A cell for a claim no folder has, and one against another briefing's hypothesis.
    let mut b: Value = serde_json::from_slice(&fs::read(&bundle).unwrap()).unwrap();
    let report = b["objects"].as_array_mut().unwrap().iter_mut().find(|o| o["type"] == "report").unwrap();
    let x = &mut report["extensions"]["extension-definition--13c4d3d8-07d9-4aa3-b1bf-c210b7b92cbc"];
    x["ratings"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"claim": "e-nowhere", "hypothesis": "h-a", "rating": "C"}));
    x["relevance"].as_array_mut().unwrap().push(serde_json::json!({"claim": "h-a", "level": "low"}));
    fs::write(&bundle, serde_json::to_vec(&b).unwrap()).unwrap();

    let imported = work.join("imported");
    ok(&theirs, &["import", s(&bundle), "--out", s(&imported)]);
    ok(&theirs, &["rate", "e-confession", "h-a", "I", "--dir", s(&imported)]);
    ok(&theirs, &["rate", "e-video", "--relevance", "low", "--dir", s(&imported)]);
    ok(&theirs, &["rate", "e-rumour", "--relevance", "low", "--dir", s(&imported)]);
    let said = ok(&theirs, &["import", s(&bundle), "--out", s(&imported), "--marks"]);
    assert!(said.contains("ACH judgments taken into your review state: 12 ratings, 1 relevance\n"), "{said}");
    assert!(said.contains("yours differ, so kept (--force takes the bundle's): 2\n"), "{said}");
    assert!(said.contains("not taken, for claims or hypotheses the folder does not have: 2\n"), "{said}");
    let state = fs::read_to_string(&theirs).unwrap();
    assert!(state.contains("[marks.e-confession]") && state.contains("h-a = \"I\""), "{state}");
    assert!(!state.contains("e-nowhere"), "{state}");

    let said = ok(&theirs, &["import", s(&bundle), "--out", s(&imported), "--marks", "--force"]);
    assert!(said.contains("taken into your review state: 13 ratings, 2 relevance\n"), "{said}");
    assert_eq!(
        ok(&theirs, &["ach", "ach-fixture", "--json", "--dir", s(&imported)]),
        ok(&mine, &["ach", "ach-fixture", "--json", "--dir", &dir])
    );
}

#[test]
fn a_rating_brief_cannot_read_refuses_an_import_with_marks_and_writes_nothing() {
    let work = scratch("ratings-bad");
    let (mine, theirs) = (work.join("mine.toml"), work.join("theirs.toml"));
    let dir = rated(&mine);
    let bundle = work.join("rated.json");
    ok(&mine, &["export", "ach-fixture", "--format", "stix", "--marks", "-o", s(&bundle), "--dir", &dir]);
    let text = fs::read_to_string(&bundle).unwrap().replacen("\"rating\":\"CC\"", "\"rating\":\"maybe\"", 1);
    fs::write(&bundle, text).unwrap();
    let out = work.join("in");
    let refused = with_state(&theirs, &["import", s(&bundle), "--out", s(&out), "--marks"]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains(".extensions.ratings[0]: a rating is {\"claim\": ID"), "{err}");
    assert!(!out.exists() && !theirs.exists(), "nothing written");
    // Without --marks the judgments are not read, so the briefing comes in.
    ok(&theirs, &["import", s(&bundle), "--out", s(&out)]);
    assert!(!theirs.exists());
}
