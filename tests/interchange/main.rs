//! STIX 2.1 in and out, through the real binary: `brief export --format stix`
//! then `brief import` gives back every field; bundles nobody here wrote (the
//! specification's examples, `stix2-generator`'s random ones) import into
//! folders `brief check` finds clean; bad bundles get a message with the JSON
//! path of the problem and leave nothing behind. With `BRIEF_STIX_PYTHON` set
//! (`./test.sh` sets it), exports also pass the OASIS validator.

mod attack;
#[path = "../common/mod.rs"]
mod common;
#[path = "../../benches/gen/mod.rs"]
#[allow(dead_code)]
mod corpus_gen;
mod known;
mod ratings;
mod trust;

use common::{briefings, fixture, scratch};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn brief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env_remove("BRIEF_DIR")
        .env("BRIEF_STATE", std::env::temp_dir().join("brief-interchange-tests-no-state.toml"))
        .env("XDG_CONFIG_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config"))
        .env("BRIEF_CACHE_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("interchange-cache"))
        .stdin(Stdio::null())
        .output()
        .expect("brief runs")
}

fn ok(args: &[&str]) -> String {
    let out = brief(args);
    assert_eq!(out.status.code(), Some(0), "brief {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The loaded model as `brief export --format json` prints it, without where
/// each entity sits (an import writes other files), sorted by id.
fn model(dir: &Path) -> Vec<Value> {
    let json: Value = serde_json::from_str(&ok(&["export", "--all", "--format", "json", "--dir", s(dir)])).unwrap();
    let mut entities = json["entities"].as_array().expect("entities").clone();
    for e in &mut entities {
        let e = e.as_object_mut().expect("an object");
        e.remove("path");
        e.remove("line");
    }
    entities.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    entities
}

/// Exports `dir` to STIX, imports the bundle into a new folder, and returns both.
fn round_trip(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let work = scratch(name);
    let bundle = work.join("bundle.json");
    ok(&["export", "--all", "--format", "stix", "-o", s(&bundle), "--dir", s(dir)]);
    let out = work.join("imported");
    let said = ok(&["import", s(&bundle), "--out", s(&out)]);
    assert!(said.starts_with("imported "), "{said}");
    (bundle, out)
}

fn assert_same_model(before: &Path, after: &Path) {
    let (a, b) = (model(before), model(after));
    assert_eq!(a.len(), b.len(), "as many entities after the round trip");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "entity {} changed on the way through STIX", x["id"]);
    }
}

#[test]
fn the_seed_briefings_come_back_from_stix_with_every_field() {
    let (bundle, imported) = round_trip(&briefings(), "seeds");
    assert_same_model(&briefings(), &imported);
    assert_eq!(ok(&["check", "--dir", s(&imported)]), "ok: 3 files, 46 entities, no problems\n");
    validate(&bundle);
}

#[test]
fn one_briefing_exported_alone_imports_into_an_empty_folder_clean() {
    let work = scratch("one-briefing");
    let bundle = work.join("moscow.json");
    let out = brief(&["export", "moscow-attack-2024", "--format", "stix", "-o", s(&bundle), "--dir", s(&briefings())]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("so exported too: ispk-profile, russia-hostage-sieges"), "{said}");
    let imported = work.join("imported");
    ok(&["import", s(&bundle), "--out", s(&imported)]);
    assert_eq!(ok(&["check", "--dir", s(&imported)]), "ok: 3 files, 46 entities, no problems\n");
    validate(&bundle);
}

#[test]
fn the_generated_corpus_comes_back_from_stix_with_every_field() {
    let dir = scratch("generated-corpus");
    corpus_gen::generate(&dir, 60).expect("generate");
    let (bundle, imported) = round_trip(&dir, "generated");
    assert_same_model(&dir, &imported);
    validate(&bundle);
}

#[test]
fn exports_and_imports_are_deterministic_and_an_import_rewrites_only_its_own_files() {
    let (bundle, imported) = round_trip(&briefings(), "idempotent");
    let again = bundle.with_file_name("again.json");
    ok(&["export", "--all", "--format", "stix", "-o", s(&again)]);
    assert!(fs::read(&bundle).unwrap() == fs::read(&again).unwrap(), "the same folder exports the same bytes");

    let before = files(&imported);
    ok(&["import", s(&bundle), "--out", s(&imported)]);
    assert_eq!(files(&imported), before, "importing the same bundle again writes the same files");

    // A hand-written file in the way is not overwritten without --force.
    let mine = imported.join("ispk-profile.toml");
    fs::write(&mine, "title = \"My own notes\"\n").unwrap();
    let refused = brief(&["import", s(&bundle), "--out", s(&imported)]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("ispk-profile.toml exists and was not written by this import"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(&mine).unwrap(), "title = \"My own notes\"\n");
    ok(&["import", s(&bundle), "--out", s(&imported), "--force"]);
    assert_eq!(files(&imported), before, "--force writes the import's own file");
}

/// Every file in `dir`, by name, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

/// `brief import` of `text` fails with exit 2, a message holding `expected`,
/// and writes nothing.
fn refused(name: &str, text: &str, expected: &str) {
    let work = scratch(&format!("bad-{name}"));
    let file = work.join(format!("{name}.json"));
    fs::write(&file, text).unwrap();
    let out_dir = work.join("out");
    let out = brief(&["import", s(&file), "--out", s(&out_dir)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert!(err.starts_with("brief: ") && err.contains(expected), "{name}: expected {expected:?} in {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(!out_dir.exists() || files(&out_dir).is_empty(), "{name}: nothing written");
}

const NOTE: &str = r#"{"type":"note","spec_version":"2.1","id":"note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","content":"A note.","object_refs":["REF"]}"#;

#[test]
fn a_bad_bundle_is_refused_with_the_json_path_of_the_problem() {
    refused("not-json", "{\"type\": \"bundle\",\n  \"objects\": [}", "not JSON: expected value at line 2 column 15");
    refused("array", "[]", "$: not a STIX bundle: expected a JSON object");
    refused("report", r#"{"type":"report","id":"report--1"}"#, "$.type: not a STIX bundle: the type is 'report'");
    refused(
        "stix-2-0",
        r#"{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","spec_version":"2.0","objects":[]}"#,
        "$.spec_version: a STIX 2.0 bundle",
    );
    let wrong_id = NOTE.replace("note--0c7b", "opinion--0c7b");
    refused(
        "wrong-id",
        &format!(r#"{{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[{wrong_id}]}}"#),
        "$.objects[0].id: 'opinion--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061' is not an id of a note",
    );
}

/// STIX lets a bundle name objects its reader may not have: each such
/// reference is named with its JSON path, left out, and the rest imported.
#[test]
fn a_reference_to_an_object_not_in_the_bundle_is_named_and_left_out() {
    let work = scratch("dangling");
    let file = work.join("dangling.json");
    // Another tool's `[[` is text, not a link brief would find broken.
    let note =
        NOTE.replace("REF", "identity--a463ffb3-1bd9-4d94-b02d-74e4f1658283").replace("A note.", "A note [[x]].");
    fs::write(
        &file,
        format!(r#"{{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[{note}]}}"#),
    )
    .unwrap();
    let out_dir = work.join("out");
    let out = brief(&["import", s(&file), "--out", s(&out_dir)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: $.objects[0].object_refs[0]: 'identity--a463ffb3-1bd9-4d94-b02d-74e4f1658283' is not in the bundle; left out"),
        "{err}"
    );
    assert_clean(&out_dir);
    let found = ok(&["search", "A note", "--dir", s(&out_dir), "--kind", "claim"]);
    let words: Vec<&str> = found.split_whitespace().collect();
    assert_eq!(words, ["claim", "a-note-x", "A", "note", "[", "[x]]."], "the note is a claim: {found}");
}

/// 100 MB of objects: more than one briefing file may hold is refused whole,
/// and a bundle over the reader's limit is refused before it is read.
#[test]
fn a_huge_bundle_is_refused_clearly_and_leaves_nothing() {
    let notes: Vec<String> = (0..60_000)
        .map(|i| {
            NOTE.replace("0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061", &format!("0c7b5b88-8ff7-4a4d-aa9d-{i:012}"))
                .replace("A note.", &format!("Note {i}: {}", "a line of an analyst's note. ".repeat(4)))
                .replace(
                    r#","object_refs":["REF"]"#,
                    r#","object_refs":["note--0c7b5b88-8ff7-4a4d-aa9d-000000000000"]"#,
                )
        })
        .collect();
    // In one report: the briefing of a report is never cut into parts (one
    // of objects in no report is, under 3 MiB a part).
    let ids: Vec<String> = (0..60_000).map(|i| format!("\"note--0c7b5b88-8ff7-4a4d-aa9d-{i:012}\"")).collect();
    let report = format!(
        r#"{{"type":"report","spec_version":"2.1","id":"report--44af6c39-c09b-49c5-9de2-394224b04983","created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","name":"Many notes","published":"2016-05-12T08:17:27.000Z","object_refs":[{}]}}"#,
        ids.join(",")
    );
    let text = format!(
        r#"{{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[{report},{}]}}"#,
        notes.join(",")
    );
    refused("many-notes", &text, "over brief's limit of 4 MiB a file");

    let work = scratch("bad-oversized");
    let file = work.join("big.json");
    fs::File::create(&file).unwrap().set_len(300 << 20).unwrap();
    let out = brief(&["import", s(&file), "--out", s(&work.join("out"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the limit of 256 MiB"));
    assert!(!work.join("out").exists());
}

/// The bundles under tests/fixtures/stix, written from the STIX 2.1
/// specification's examples: each imports into a folder with no errors.
#[test]
fn the_specification_examples_import_into_clean_folders() {
    let mut names: Vec<PathBuf> = fs::read_dir(fixture("stix"))
        .expect("tests/fixtures/stix")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "the spec examples are there: {names:?}");
    for bundle in &names {
        let stem = bundle.file_stem().unwrap().to_string_lossy();
        let out = scratch(&format!("spec-{stem}"));
        ok(&["import", s(bundle), "--out", s(&out)]);
        assert_clean(&out);
    }
}

/// `brief check` on `dir` finds no errors (warnings are allowed: none expected either).
fn assert_clean(dir: &Path) {
    let out = brief(&["check", "--dir", s(dir)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}: {text}", dir.display());
    assert!(text.starts_with("ok: "), "{}: {text}", dir.display());
}

/// The venv Python `./test.sh` prepares, or why there is none.
fn python() -> Option<String> {
    let py = std::env::var("BRIEF_STIX_PYTHON").ok().filter(|p| !p.is_empty());
    if py.is_none() {
        eprintln!("skipped: BRIEF_STIX_PYTHON is not set (./test.sh sets it when it can install Python's STIX tools)");
    }
    py
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stix").join(name)
}

/// The bundle passes the OASIS validator, default and strict (but 302), and `stix2.parse`.
fn validate(bundle: &Path) {
    let Some(py) = python() else { return };
    let out = Command::new(py).arg(script("check.py")).arg(bundle).output().expect("python runs");
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn random_bundles_from_stix2_generator_import_into_clean_folders() {
    let Some(py) = python() else { return };
    let work = scratch("generator");
    let made = Command::new(py).arg(script("generate.py")).arg(&work).args(["12", "7"]).output().expect("python");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let mut bundles: Vec<PathBuf> = fs::read_dir(&work).unwrap().map(|e| e.unwrap().path()).collect();
    bundles.sort();
    assert_eq!(bundles.len(), 12);
    for bundle in &bundles {
        let out = bundle.with_extension("");
        let said = ok(&["import", s(bundle), "--out", s(&out)]);
        assert!(said.starts_with("imported "), "{said}");
        assert_clean(&out);
    }
}
