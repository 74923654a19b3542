//! An import into a folder that already has some of the bundle's entities:
//! an entity whose id another file there defines is not written again, a
//! link to it resolves to the receiver's copy, and the import says how many.

use super::{brief, files, ok, s};
use crate::common::{briefings, scratch};

use std::fs;

#[test]
fn an_entity_the_folder_already_has_is_not_written_again() {
    let work = scratch("known");
    let bundle = work.join("moscow.json");
    ok(&["export", "moscow-attack-2024", "--format", "stix", "-o", s(&bundle), "--dir", s(&briefings())]);
    let dir = work.join("receiver");
    fs::create_dir_all(&dir).unwrap();
    // The receiver's own copy of a linked briefing, under another file name,
    // and its own actor with an id the bundle uses.
    fs::copy(briefings().join("ispk.toml"), dir.join("mine.toml")).unwrap();
    let people = "id = \"people\"\ntitle = \"People I know\"\n\n[[actors]]\nid = \"peter-neumann\"\nname = \"P. Neumann (mine)\"\nkind = \"person\"\n";
    fs::write(dir.join("people.toml"), people).unwrap();
    let said = ok(&["import", s(&bundle), "--out", s(&dir)]);
    // The briefing ispk-profile, its 6 entities, and peter-neumann.
    assert!(said.contains("already in the folder, so not written again (links go to its copy): 8\n"), "{said}");
    assert!(!said.contains("left out"), "{said}");
    assert!(!dir.join("ispk-profile.toml").exists(), "the receiver's copy stands for it");
    assert_eq!(fs::read_to_string(dir.join("people.toml")).unwrap(), people, "the receiver's files are untouched");
    let moscow = fs::read_to_string(dir.join("moscow-attack-2024.toml")).unwrap();
    assert!(!moscow.contains("id = \"peter-neumann\""), "{moscow}");
    assert!(moscow.contains("\"peter-neumann\""), "links to it stay: {moscow}");
    // The seed briefing's two hypotheses come through the report's extension.
    assert_eq!(ok(&["check", "--dir", s(&dir)]), "ok: 4 files, 47 entities, no problems\n");
    let shown = ok(&["show", "peter-neumann", "--dir", s(&dir)]);
    assert!(shown.contains("P. Neumann (mine)"), "{shown}");
    // Again: the same files, the same words.
    let before = files(&dir);
    assert_eq!(ok(&["import", s(&bundle), "--out", s(&dir)]), said);
    assert_eq!(files(&dir), before);
}

#[test]
fn a_briefing_the_folder_has_keeps_out_what_it_holds_and_says_so() {
    let work = scratch("known-briefing");
    let bundle = work.join("moscow.json");
    ok(&["export", "moscow-attack-2024", "--format", "stix", "-o", s(&bundle), "--dir", s(&briefings())]);
    let dir = work.join("receiver");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("mine.toml"), "id = \"ispk-profile\"\ntitle = \"My ISPK notes\"\n").unwrap();
    let out = brief(&["import", s(&bundle), "--out", s(&dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("already in the folder, so not written again (links go to its copy): 1\n"), "{said}");
    assert!(said.contains("left out with their briefing, which the folder already has: 6\n"), "{said}");
    assert!(!dir.join("ispk-profile.toml").exists());
}
