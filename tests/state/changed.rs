//! Changed since reviewed: which edits of a briefing count as a change to
//! what a reviewer read, and which do not (docs/STATE.md, "Fingerprints").

use std::fs;
use std::path::{Path, PathBuf};

use brief::fingerprint;

use super::Scratch;

fn copy_of_seeds(dir: &Path) -> PathBuf {
    let to = dir.join("briefings");
    fs::create_dir_all(&to).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    for entry in fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
    to
}

/// The fields of `id` that differ after `edit` is made to moscow-attack-2024.toml.
fn changed_by(name: &str, id: &str, edit: impl Fn(String) -> String) -> Vec<String> {
    let dir = Scratch::new(name);
    let folder = copy_of_seeds(&dir.0);
    let before = brief::load::load(&folder).unwrap();
    let seen = fingerprint::of(&before, before.get(id).unwrap());
    let file = folder.join("moscow-attack-2024.toml");
    let text = fs::read_to_string(&file).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed the file");
    fs::write(&file, edited).unwrap();
    let after = brief::load::load(&folder).unwrap();
    assert_eq!(after.errors(), 0, "{:?}", after.diagnostics);
    fingerprint::changed(&after, after.get(id).unwrap(), &seen)
}

const CLAIM: &str = "neumann-is-claim-genuine";

#[test]
fn a_changed_text_or_quote_counts_and_says_which() {
    let text = |t: String| t.replace("is genuine: it was sent through all official IS channels", "is genuine");
    assert_eq!(changed_by("text", CLAIM, text), ["text"]);
    let quote = |t: String| t.replace("I and my colleagues can confirm this 100%", "we can confirm it");
    assert_eq!(changed_by("quote", CLAIM, quote), ["quote"]);
}

#[test]
fn a_regrade_counts_through_the_grade_and_a_new_claimant_through_by() {
    let graded = |t: String| {
        t.replace(
            "about = [\"islamic-state\", \"amaq\", \"is-claims-krasnogorsk-attack\"]",
            "about = [\"islamic-state\", \"amaq\", \"is-claims-krasnogorsk-attack\"]\ncredibility = 2",
        )
    };
    assert_eq!(changed_by("credibility", CLAIM, graded), ["credibility", "grade"]);
    let by = |t: String| {
        t.replace(
            "by = \"peter-neumann\"\nquote = \"The message",
            "by = [\"peter-neumann\", \"amaq\"]\nquote = \"The message",
        )
    };
    assert_eq!(changed_by("by", CLAIM, by), ["by"]);
}

#[test]
fn reflowed_whitespace_comments_and_other_entities_do_not_count() {
    let reflow = |t: String| {
        t.replace("I and my colleagues can confirm this 100%", "I and my   colleagues\\n can confirm this 100%")
    };
    assert_eq!(changed_by("reflow", CLAIM, reflow), Vec::<String>::new());
    let comment = |t: String| {
        t.replace(
            "[[claims]]\nid = \"neumann-is-claim-genuine\"",
            "# checked\n[[claims]]\nid = \"neumann-is-claim-genuine\"",
        )
    };
    assert_eq!(changed_by("comment", CLAIM, comment), Vec::<String>::new());
    let other = |t: String| t.replace("Moscow left 62 dead.\"", "Moscow left 60 dead.\"");
    assert_eq!(changed_by("other", CLAIM, other), Vec::<String>::new());
}

/// `brief show` and `brief search is:changed` say it, from the same state file.
#[test]
fn the_command_line_says_changed_since_reviewed() {
    let dir = Scratch::new("cli-changed");
    let folder = copy_of_seeds(&dir.0);
    let corpus = brief::load::load(&folder).unwrap();
    let (mut store, _) = brief::state::ReviewFile::open(dir.file());
    let seen = fingerprint::of(&corpus, corpus.get(CLAIM).unwrap());
    store.apply_seen(brief::state::Change::SetReviewed(CLAIM.into(), true), brief::state::Saw::Entity(seen)).unwrap();
    let file = folder.join("moscow-attack-2024.toml");
    let text = fs::read_to_string(&file).unwrap().replace("is genuine: it was sent", "is authentic: it was sent");
    fs::write(&file, text).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .arg("--dir")
            .arg(&folder)
            .env("BRIEF_STATE", dir.file())
            .env("BRIEF_CACHE_DIR", dir.0.join("cache"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&["show", CLAIM]).contains("review          changed since reviewed (text)"));
    let json: serde_json::Value = serde_json::from_str(&run(&["show", CLAIM, "--json"])).unwrap();
    assert_eq!(json["marks"]["changed_since_reviewed"], serde_json::json!(["text"]));
    let found = run(&["search", "is:changed"]);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.starts_with("claim ") && found.contains(CLAIM), "{found}");
}
