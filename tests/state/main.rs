//! The review state file as users and scripts meet it: saved marks, two
//! readers at once, damaged and newer files, permissions, the CLI, and a
//! writer killed mid-write.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brief::state::{Change, Mark, ReviewFile, StateError};

mod changed;
#[path = "../common/mod.rs"]
mod common;
mod crash;
mod team;
mod unusual;

/// A fresh folder under the system temp dir, removed when dropped (the
/// `TempDir` is held for its drop alone).
pub struct Scratch(pub PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = tempfile::Builder::new().prefix(&format!("brief-state-{name}-")).tempdir().expect("temp dir");
        Scratch(dir.path().to_path_buf(), dir)
    }

    pub fn file(&self) -> PathBuf {
        self.0.join("state.toml")
    }
}

pub fn sibling_exists(path: &Path, suffix: &str) -> bool {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    Path::new(&name).exists()
}

fn open(path: &Path) -> ReviewFile {
    let (store, notice) = ReviewFile::open(path);
    assert_eq!(notice, None, "a healthy file opens without a message");
    store
}

fn set(id: &str, reviewed: bool) -> Change {
    Change::SetReviewed(id.into(), reviewed)
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("exists").permissions().mode() & 0o777
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn marks_notes_and_read_state_survive_a_restart() {
    let dir = Scratch::new("round-trip");
    let mut a = open(&dir.file());
    a.apply(set("peter-neumann", true)).expect("saved");
    a.apply(Change::SetFlagged("peter-neumann".into(), true)).expect("saved");
    a.apply(Change::SetNote("peter-neumann".into(), Some("Check his X post".into()))).expect("saved");
    a.apply(Change::MarkRead("moscow-attack-2024".into())).expect("saved");
    let b = open(&dir.file());
    let want = Mark { reviewed: true, flagged: true, note: Some("Check his X post".into()) };
    assert_eq!(b.marks("peter-neumann"), &want);
    assert_eq!(b.marks("someone-else"), &Mark::default());
    assert!(b.is_read("moscow-attack-2024") && !b.is_read("ispk-profile"));
    let text = fs::read_to_string(dir.file()).expect("file");
    assert!(text.contains("version = 2") && text.contains("[marks.peter-neumann]"), "{text}");
    assert!(text.contains("note = \"Check his X post\""), "human-readable: {text}");
}

/// `brief import --marks` saves many ratings at once: all in one write, or,
/// when one is refused, none (the file as it was).
#[test]
fn many_changes_at_once_are_saved_all_or_none() {
    use brief::ach::{Level, Rating};
    let dir = Scratch::new("apply-all");
    let mut a = open(&dir.file());
    a.apply(set("e0", true)).expect("saved");
    let before = fs::read(dir.file()).expect("file");
    let bad = [
        Change::SetRating("e1".into(), "h-a".into(), Some(Rating::CC)),
        Change::SetRating("e2".into(), "../h".into(), None),
    ];
    assert!(matches!(a.apply_all(&bad), Err(StateError::BadId { .. })));
    assert_eq!(fs::read(dir.file()).expect("file"), before, "nothing saved");
    let good = [
        Change::SetRating("e1".into(), "h-a".into(), Some(Rating::CC)),
        Change::SetRating("e1".into(), "h-b".into(), Some(Rating::II)),
        Change::SetRelevance("e1".into(), Level::High),
    ];
    a.apply_all(&good).expect("saved");
    let b = open(&dir.file());
    assert_eq!((b.rating("e1", "h-a"), b.rating("e1", "h-b")), (Some(Rating::CC), Some(Rating::II)));
    assert_eq!(b.relevance("e1"), Level::High);
    assert!(b.marks("e0").reviewed, "what was there stays");
}

#[test]
fn two_readers_writing_in_turn_keep_each_others_marks() {
    let dir = Scratch::new("two-writers");
    let (mut a, mut b) = (open(&dir.file()), open(&dir.file()));
    a.apply(set("alpha", true)).expect("a");
    // b has not reloaded: its write must still keep a's mark.
    b.apply(Change::SetFlagged("beta".into(), true)).expect("b");
    a.apply(Change::SetNote("gamma".into(), Some("from a".into()))).expect("a");
    b.apply(Change::MarkRead("delta".into())).expect("b");
    assert!(!a.is_read("delta"), "a shows what it last read or wrote");
    assert_eq!(a.reload(), None);
    for store in [&a, &b, &open(&dir.file())] {
        assert!(store.marks("alpha").reviewed);
        assert!(store.marks("beta").flagged);
        assert_eq!(store.marks("gamma").note.as_deref(), Some("from a"));
        assert!(store.is_read("delta"));
    }
}

#[test]
fn a_stale_toggle_sets_what_its_user_saw_instead_of_flipping_back() {
    let dir = Scratch::new("stale-toggle");
    let (mut a, mut b) = (open(&dir.file()), open(&dir.file()));
    assert!(a.toggle_reviewed("x").expect("a"));
    // b still shows 'x' unreviewed, so its user asked for reviewed.
    assert!(b.toggle_reviewed("x").expect("b"));
    assert!(open(&dir.file()).marks("x").reviewed);
    assert!(!b.toggle_reviewed("x").expect("b, now fresh"));
    assert!(!open(&dir.file()).marks("x").reviewed);
}

#[test]
fn reload_picks_up_the_other_readers_writes() {
    let dir = Scratch::new("reload");
    let (mut a, mut b) = (open(&dir.file()), open(&dir.file()));
    assert_eq!(b.reload(), None, "nothing changed");
    a.apply(Change::SetFlagged("x".into(), true)).expect("a");
    assert!(!b.marks("x").flagged);
    assert_eq!(b.reload(), None);
    assert!(b.marks("x").flagged);
}

#[test]
fn readers_writing_at_the_same_time_lose_nothing() {
    let dir = Scratch::new("threads");
    let path = dir.file();
    std::thread::scope(|s| {
        for who in ["a", "b", "c"] {
            let path = &path;
            s.spawn(move || {
                let mut store = open(path);
                for i in 0..25 {
                    store.apply(set(&format!("{who}-{i}"), true)).expect("saved");
                }
            });
        }
    });
    let store = open(&path);
    assert_eq!(store.marked_ids().count(), 75);
    assert!(store.marked_ids().all(|id| store.marks(id).reviewed));
}

#[test]
fn a_damaged_file_is_moved_aside_intact_and_the_store_starts_clean() {
    let dir = Scratch::new("corrupt");
    let bytes: &[u8] = b"version = 1\n[marks.a]\nreviewed = \"very\"\n\xff garbage";
    fs::write(dir.file(), bytes).expect("write");
    let (mut store, notice) = ReviewFile::open(dir.file());
    let notice = notice.expect("the user is told");
    assert!(notice.contains("damaged") && notice.contains("moved aside"), "{notice}");
    let names = names_in(&dir.0);
    let aside = names.iter().find(|n| n.starts_with("state.toml.corrupt-")).expect("moved aside");
    assert!(notice.contains(aside.as_str()), "the message names where: {notice}");
    assert_eq!(fs::read(dir.0.join(aside)).expect("aside"), bytes, "bytes intact");
    assert!(!dir.file().exists());
    assert_eq!(store.marked_ids().count(), 0);
    store.apply(set("b", true)).expect("a clean start saves");
    assert!(open(&dir.file()).marks("b").reviewed);
}

#[test]
fn a_file_damaged_while_open_is_moved_aside_on_the_next_change() {
    let dir = Scratch::new("corrupt-later");
    let mut store = open(&dir.file());
    store.apply(set("a", true)).expect("saved");
    fs::write(dir.file(), "not = [toml").expect("hand edit gone wrong");
    store.apply(set("b", true)).expect("saved after moving aside");
    let notice = store.take_notice().expect("the user is told");
    assert!(notice.contains("moved aside"), "{notice}");
    assert_eq!(names_in(&dir.0).iter().filter(|n| n.contains(".corrupt-")).count(), 1);
    assert!(open(&dir.file()).marks("b").reviewed);
}

#[test]
fn viewing_a_damaged_file_leaves_it_where_it_is() {
    let dir = Scratch::new("inspect-corrupt");
    fs::write(dir.file(), "][").expect("write");
    let (mut store, notice) = ReviewFile::inspect(dir.file());
    assert!(notice.expect("told").contains("damaged"));
    assert!(matches!(store.apply(set("a", true)), Err(StateError::ReadOnly { .. })));
    assert_eq!(names_in(&dir.0), ["state.toml"]);
    assert_eq!(fs::read_to_string(dir.file()).expect("file"), "][");
}

#[test]
fn a_newer_file_is_shown_read_only_and_never_written() {
    let dir = Scratch::new("newer");
    let text = "version = 99\nnew_thing = true\n[marks.a]\nflagged = true\n";
    fs::write(dir.file(), text).expect("write");
    let (mut store, notice) = ReviewFile::open(dir.file());
    assert!(notice.expect("told").contains("newer brief (schema version 99"));
    assert!(store.marks("a").flagged, "what can be read is shown");
    for change in [set("a", true), Change::MarkRead("b".into()), Change::SetNote("a".into(), None)] {
        let err = store.apply(change).expect_err("refused");
        assert!(matches!(err, StateError::Newer { version: 99, .. }), "{err:?}");
        assert!(err.to_string().contains("upgrade"), "says why: {err}");
    }
    assert!(store.read_only().is_some());
    assert_eq!(fs::read_to_string(dir.file()).expect("file"), text, "byte for byte");
    assert_eq!(names_in(&dir.0), ["state.toml"], "no lock, temp or aside file either");
}

#[test]
fn the_file_is_private_and_its_new_folder_too() {
    let dir = Scratch::new("perms");
    let path = dir.0.join("data").join("brief").join("state.toml");
    let mut store = open(&path);
    assert!(!path.parent().expect("parent").exists(), "opening writes nothing");
    store.apply(set("a", true)).expect("saved");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().expect("parent")), 0o700);
    assert_eq!(mode(&dir.0.join("data/brief/state.toml.lock")), 0o600);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    store.apply(set("b", true)).expect("saved");
    assert_eq!(mode(&path), 0o600, "every write makes it private again");
    assert!(!dir.0.join("data/brief/state.toml.tmp").exists(), "no temp file left behind");
}

#[test]
fn a_symlinked_state_file_stays_a_symlink() {
    let dir = Scratch::new("symlink");
    let real = dir.0.join("real.toml");
    fs::write(&real, "version = 1\n").expect("write");
    std::os::unix::fs::symlink(&real, dir.file()).expect("symlink");
    let mut store = open(&dir.file());
    store.apply(set("a", true)).expect("saved");
    assert!(dir.file().is_symlink());
    assert!(fs::read_to_string(&real).expect("real").contains("[marks.a]"));
}

#[test]
fn ids_that_are_not_entity_ids_are_refused() {
    let dir = Scratch::new("bad-id");
    let mut store = open(&dir.file());
    assert!(matches!(store.apply(set("Bad Id", true)), Err(StateError::BadId { .. })));
    assert!(!dir.file().exists());
}

fn brief(state: &Path, args: &[&str]) -> Output {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .arg("--dir")
        .arg(seeds)
        .env("BRIEF_STATE", state)
        .env_remove("NO_COLOR")
        .output()
        .expect("brief runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn seed_marks(path: &Path) {
    let mut store = open(path);
    store.apply(set("peter-neumann", true)).expect("saved");
    store.apply(Change::SetNote("peter-neumann".into(), Some("Check his X post".into()))).expect("saved");
    store.apply(Change::MarkRead("moscow-attack-2024".into())).expect("saved");
}

#[test]
fn show_json_carries_marks_and_read_state() {
    let dir = Scratch::new("show-json");
    seed_marks(&dir.file());
    let o = brief(&dir.file(), &["show", "peter-neumann", "--json"]);
    assert!(o.status.success(), "{o:?}");
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let want = serde_json::json!({ "reviewed": true, "flagged": false, "note": "Check his X post", "changed_since_reviewed": null });
    assert_eq!(j["marks"], want);
    assert!(j.get("read").is_none(), "only briefings are read or not");
    let o = brief(&dir.file(), &["show", "moscow-attack-2024", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(j["read"], true);
    assert_eq!(j["marks"]["note"], serde_json::Value::Null);
    let o = brief(&dir.file(), &["show", "ispk-profile", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(j["read"], false);
}

#[test]
fn show_prints_the_review_line_and_a_harmless_note() {
    let dir = Scratch::new("show-text");
    let hand_edited = "version = 1\n[marks.peter-neumann]\nflagged = true\nnote = \"see \\u001b[2Jthis\\nand that\"\n";
    fs::write(dir.file(), hand_edited).expect("write");
    let o = brief(&dir.file(), &["show", "peter-neumann"]);
    let out = stdout(&o);
    assert!(out.lines().any(|l| l.trim_start().starts_with("review") && l.contains("flagged")), "{out}");
    assert!(out.contains("see [2Jthis") && out.contains("and that"), "{out}");
    assert!(!out.contains('\x1b'), "no escape reaches the terminal: {out:?}");
}

#[test]
fn the_state_file_is_found_through_xdg_data_home_when_brief_state_is_empty() {
    let dir = Scratch::new("xdg");
    let path = dir.0.join("brief").join("state.toml");
    seed_marks(&path);
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "peter-neumann", "--json", "--dir"])
        .arg(seeds)
        .env("BRIEF_STATE", "")
        .env("XDG_DATA_HOME", &dir.0)
        .output()
        .expect("brief runs");
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(j["marks"]["reviewed"], true, "{o:?}");
}

#[test]
fn check_notes_marks_kept_for_ids_no_folder_has_and_still_succeeds() {
    let dir = Scratch::new("check-orphans");
    seed_marks(&dir.file());
    let mut store = open(&dir.file());
    store.apply(Change::SetFlagged("old-id".into(), true)).expect("saved");
    let o = brief(&dir.file(), &["check"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let line = out.lines().find(|l| l.contains("'old-id'")).expect("a line for the orphan");
    let shown = dir.file().display().to_string();
    assert!(line.starts_with(&shown) && line.contains(": note: marks kept for 'old-id'"), "{line}");
    assert!(!out.contains("'peter-neumann'"), "marks on real entities are fine: {out}");
    assert!(open(&dir.file()).marks("old-id").flagged, "never pruned");
}

#[test]
fn a_file_it_cannot_read_is_reported_once_and_changes_are_refused() {
    let dir = Scratch::new("unreadable");
    fs::create_dir(dir.file()).expect("a folder where the file should be");
    let (mut store, notice) = ReviewFile::open(dir.file());
    assert!(notice.expect("told").contains("cannot read the state file"));
    assert_eq!(store.reload(), None, "not repeated on every reload");
    let err = store.apply(set("a", true)).expect_err("refused");
    assert!(err.to_string().contains("cannot save review state"), "{err}");
}
