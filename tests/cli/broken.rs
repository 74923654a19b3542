//! `brief check` on a folder with a file that does not parse (issue
//! "Answers you can trust", item 4): that file's error comes first, then the
//! links to unknown ids it may have defined, not the other way round.

use std::fs;

use super::{copy_dir, repo, run, scratch, stdout};

#[test]
fn check_lists_a_files_syntax_error_before_the_unknown_ids_it_causes() {
    let parent = scratch("broken-quote");
    let dir = parent.join("b");
    copy_dir(&repo().join("briefings"), &dir);
    let moscow = dir.join("moscow-attack-2024.toml");
    let text = fs::read_to_string(&moscow).expect("read");
    let good = "id = \"us-embassy-moscow\"\n";
    let line = text[..text.find(good).expect("the id line")].lines().count() + 1;
    fs::write(&moscow, text.replacen(good, "id = \"us-embassy-moscow\n", 1)).expect("break a quote");
    let out = run(&parent, &["check", "--dir", "b"]);
    assert_eq!(out.status.code(), Some(1));
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    assert!(
        lines[0].starts_with(&format!("b/moscow-attack-2024.toml:{line}:24: error: invalid TOML: ")),
        "the file's own error first:\n{printed}"
    );
    assert!(lines[1].starts_with("b/moscow-attack-2024.toml: note: this file did not load"), "{printed}");
    let unknown: Vec<&&str> = lines.iter().filter(|l| l.contains(": error: unknown ")).collect();
    assert!(unknown.iter().any(|l| l.contains("unknown id 'islamic-state'")), "{printed}");
    assert_eq!(lines[2..2 + unknown.len()], unknown.into_iter().copied().collect::<Vec<_>>()[..], "{printed}");
    assert!(lines[1].contains(&format!("the {} links", lines.len() - 3)), "{printed}");
    assert!(lines.last().is_some_and(|l| l.ends_with("in 3 of 3 files (17 entities loaded)")), "{printed}");
}
