//! The published shape of `--json` (docs/json-schema/): the files are what
//! the output types generate, and what brief prints validates against them.
//!
//! After changing an output type (src/cli/json.rs), write the files anew with
//! `BRIEF_UPDATE_SCHEMA=1 cargo test --test cli json_schema`.

use super::history::{git, repository};
use super::*;

fn schema_dir() -> PathBuf {
    repo().join("docs/json-schema")
}

#[test]
fn the_published_schemas_are_generated_from_the_output_types() {
    let update = std::env::var_os("BRIEF_UPDATE_SCHEMA").is_some_and(|v| !v.is_empty());
    let schemas = brief::cli::json::schemas();
    let mut stale = Vec::new();
    for (name, text) in &schemas {
        let path = schema_dir().join(name);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if update {
                fs::create_dir_all(schema_dir()).unwrap();
                fs::write(&path, text).unwrap();
            } else {
                stale.push(*name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/json-schema/ differs from the output types for {stale:?}: run BRIEF_UPDATE_SCHEMA=1 cargo test --test cli json_schema"
    );
    let mut files: Vec<String> =
        fs::read_dir(schema_dir()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let mut named: Vec<String> = schemas.iter().map(|(n, _)| (*n).to_string()).collect();
    named.sort();
    assert_eq!(files, named, "docs/json-schema/ holds a file no output type generates");
}

/// Checks `out` (one command's standard output) against docs/json-schema/`schema`,
/// and that every object's keys are in order: the text is its own canonical form.
fn valid(schema: &str, what: &str, out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(out));
    let text = stdout(out);
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"));
    assert_eq!(text, format!("{value}\n"), "{what}: one line, keys sorted");
    let doc: Value = serde_json::from_str(&fs::read_to_string(schema_dir().join(schema)).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&doc).expect("the schema is a schema");
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match docs/json-schema/{schema}: {errors:#?}");
}

#[test]
fn show_export_and_search_output_validates_against_the_schema() {
    // Marks: a note, and a review whose fingerprint no longer holds.
    let folder = scratch("json-schema").join("briefings");
    copy_dir(&repo().join("briefings"), &folder);
    let state = folder.with_file_name("state.toml");
    let marks = "version = 2\n\n[marks.peter-neumann]\nreviewed = true\nflagged = true\nnote = \"Check his X post\"\n\
        seen = { name = \"9a4c11d0\" }\n\n[read]\nmoscow-attack-2024 = 2026-11-27T09:58:12Z\n";
    fs::write(&state, marks).unwrap();
    let run = |args: &[&str]| {
        brief(&folder).args(args).arg("--dir").arg(&folder).env("BRIEF_STATE", &state).output().unwrap()
    };
    let export = run(&["export", "--format", "json"]);
    valid("export.json", "export --format json", &export);
    let all: Value = serde_json::from_slice(&export.stdout).unwrap();
    let entities = all["entities"].as_array().unwrap();
    assert!(entities.len() > 40, "every seed entity: {}", entities.len());
    for e in entities {
        let id = e["id"].as_str().unwrap();
        valid("show.json", &format!("show {id} --json"), &run(&["show", id, "--json"]));
    }
    let changed = stdout(&run(&["show", "peter-neumann", "--json"]));
    assert!(changed.contains(r#""changed_since_reviewed":["#), "{changed}");
    // Shared review on: every analyst's marks.
    let desk = team::desk("json-schema-team");
    let ana = brief(&desk)
        .args(["show", "attack-death-toll-62", "--json", "--dir"])
        .arg(&desk)
        .env("BRIEF_ANALYST", "ana")
        .output()
        .unwrap();
    valid("show.json", "show --json under shared review", &ana);
    assert!(stdout(&ana).contains(r#""team":{"ana""#), "{}", stdout(&ana));
    for query in ["neumann", "is:flagged", "moscow attack", "a:"] {
        let out = run(&["search", query, "--json", "--limit", "0"]);
        valid("search.json", &format!("search {query:?} --json"), &out);
    }
    // Broken links, inline links and dates, from the fixtures.
    for case in ["missing-link", "inline-links", "dates"] {
        let out = brief(repo()).args(["export", "--format", "json", "--dir"]).arg(fixture(case)).output().unwrap();
        valid("export.json", &format!("export of {case}"), &out);
    }
}

#[test]
fn diff_and_log_output_validates_against_the_schema() {
    let folder = repository("json-schema-diff");
    let root = folder.parent().unwrap();
    let moscow = folder.join("moscow-attack-2024.toml");
    let text = fs::read_to_string(&moscow).unwrap();
    fs::write(&moscow, text.replace("Dubrovka Theater, Moscow", "Dubrovka Theatre, Moscow")).unwrap();
    fs::remove_file(folder.join("ispk.toml")).unwrap();
    git(root, &["commit", "-q", "-am", "Rename a theatre, drop ISPK"]);
    fs::write(folder.join("new.toml"), "id = \"new\"\ntitle = \"New\"\n").unwrap();
    let run = |args: &[&str]| brief(&folder).args(args).arg("--dir").arg(&folder).output().unwrap();
    let commits = run(&["diff", "HEAD~1", "HEAD", "--json"]);
    valid("diff.json", "diff HEAD~1 HEAD --json", &commits);
    let diff: Value = serde_json::from_slice(&commits.stdout).unwrap();
    assert_eq!(diff["changed"][0]["fields"], serde_json::json!(["place"]), "{diff}");
    assert!(!diff["removed"].as_array().unwrap().is_empty(), "{diff}");
    valid("diff.json", "diff --json", &run(&["diff", "--json"]));
    valid("log.json", "log --json", &run(&["log", "dubrovka-siege-2002", "--json"]));
    valid("log.json", "log of a removed entity", &run(&["log", "ispk", "--json"]));
}
