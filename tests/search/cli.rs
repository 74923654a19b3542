//! `brief search` as a process: what it prints, its exit status, and its cache.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use brief::search::{Index, cache};
use serde_json::Value;

use super::common::{fixture, scratch};

/// `brief search ARGS --dir DIR`, its cache in `cache_dir` and its review
/// state `cache_dir/state.toml`.
pub fn search(dir: &Path, cache_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("search")
        .args(args)
        .arg("--dir")
        .arg(dir)
        .env("BRIEF_CACHE_DIR", cache_dir)
        .env("BRIEF_STATE", cache_dir.join("state.toml"))
        .env_remove("BRIEF_DIR")
        .env("XDG_CONFIG_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("brief runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn world(name: &str) -> (PathBuf, PathBuf) {
    (fixture("search-world"), scratch(name))
}

#[test]
fn prints_kind_id_and_label_in_aligned_columns_best_first() {
    let (dir, cache_dir) = world("columns");
    let out = search(&dir, &cache_dir, &["kestrel"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("actor") && lines[0].contains("person-a") && lines[0].ends_with("Mara Kestrel"));
    // Every label starts in the same column.
    let columns: Vec<usize> = lines.iter().map(|l| l.rfind("  ").unwrap_or(0)).collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn nothing_matching_exits_1_with_nothing_on_stdout_or_an_empty_json_list() {
    let (dir, cache_dir) = world("nothing");
    let cases: [(&[&str], &str); 5] = [
        (&["zzqx"], ""),
        (&["kestrel", "--kind", "source"], ""),
        (&["zzqx", "--json"], "[]\n"),
        (&["kestrel", "--kind", "source", "--json"], "[]\n"),
        // A prefix and `--kind` that cannot both hold: no search at all.
        (&["a: kestrel", "--kind", "claim", "--json"], "[]\n"),
    ];
    for (args, printed) in cases {
        let out = search(&dir, &cache_dir, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), printed, "{args:?}");
    }
}

#[test]
fn bad_usage_exits_2_and_says_what_is_allowed() {
    let (dir, cache_dir) = world("usage");
    let out = search(&dir, &cache_dir, &["kestrel", "--kind", "person"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(["briefing", "actor", "claim", "precedent", "source"].iter().all(|k| err.contains(k)), "{err}");
    assert_eq!(search(&dir, &cache_dir, &[" "]).status.code(), Some(2), "an empty query");
    let out = search(&fixture("no-such-folder"), &cache_dir, &["kestrel"]);
    assert_eq!(out.status.code(), Some(2), "an unreadable folder");
}

#[test]
fn json_gives_kind_id_label_briefing_score_and_field() {
    let (dir, cache_dir) = world("json");
    let out = search(&dir, &cache_dir, &["--json", "--limit", "3", "kestrel"]);
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    assert_eq!(rows.len(), 3, "--limit 3");
    assert_eq!(rows[0]["kind"], "actor");
    assert_eq!(rows[0]["id"], "person-a");
    assert_eq!(rows[0]["label"], "Mara Kestrel");
    assert_eq!(rows[0]["briefing"], "ranking-cases", "the briefing of the file that defines it");
    assert_eq!(rows[0]["field"], "name");
    let scores: Vec<i64> = rows.iter().map(|r| r["score"].as_i64().expect("a whole number")).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
    // A word of prose names its field too, from a warm cache (which keeps no prose text) as from a cold one.
    fs::remove_dir_all(&cache_dir).expect("start cold");
    for _ in 0..2 {
        let out = search(&dir, &cache_dir, &["--json", "p:", "lists"]);
        let rows: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
        assert_eq!(
            (rows[0]["id"].as_str(), rows[0]["field"].as_str()),
            (Some("strasse-raid-2019"), Some("description"))
        );
    }
}

#[test]
fn a_pipe_gets_no_escape_bytes_and_colour_lights_only_the_matched_letters() {
    let (dir, cache_dir) = (fixture("search-hostile"), scratch("hostile"));
    for query in ["evil", "hostile", "e"] {
        let out = search(&dir, &cache_dir, &[query]);
        assert_eq!(out.status.code(), Some(0));
        assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07), "{}", stdout(&out));
        assert!(!stdout(&out).contains('\u{9b}'));
    }
    let out = search(&dir, &cache_dir, &["evil", "--color", "always"]);
    let text = stdout(&out);
    assert!(text.contains("\x1b[1;33mEvil\x1b[0m"), "{text:?}");
    // The label's own escape is still shown as text, never sent.
    assert!(text.contains("^[]0;pwned^G") && !text.contains("\x1b]0"), "{text:?}");
}

/// The one search cache in `dir` (beside the folder's snapshot), and no leftovers.
pub fn only_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("cache folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("snap-")))
        .collect();
    assert_eq!(files.len(), 1, "one cache file and no leftovers: {files:?}");
    files[0].clone()
}

#[test]
fn a_warm_cache_is_read_instead_of_the_files() {
    let (dir, cache_dir) = world("warm");
    let first = search(&dir, &cache_dir, &["kestrel"]);
    let file = only_file(&cache_dir);
    let (inode, bytes) = (fs::metadata(&file).expect("cache").ino(), fs::read(&file).expect("cache"));
    let second = search(&dir, &cache_dir, &["kestrel"]);
    assert_eq!(stdout(&first), stdout(&second));
    // Not replaced (a write renames a new file over it), only its time renewed for pruning.
    let meta = fs::metadata(&file).expect("cache");
    assert_eq!((meta.ino(), fs::read(&file).expect("cache")), (inode, bytes), "a current cache is not written again");
    // Proof that it is read: an index of other briefings stored under this folder's key is what answers.
    let other = brief::load::load(&fixture("search-hostile")).expect("loads");
    let key = cache::Key::in_folder(&dir, &cache_dir).expect("key");
    cache::write(&key, Index::build(&other).tables()).expect("write");
    let out = search(&dir, &cache_dir, &["evil"]);
    assert!(stdout(&out).contains("hostile-actor"), "{}", stdout(&out));
}

#[test]
fn a_changed_file_or_a_damaged_cache_is_rebuilt() {
    let dir = scratch("changing-folder");
    let cache_dir = scratch("changing-cache");
    let file = dir.join("ranking.toml");
    fs::copy(fixture("search-world").join("ranking.toml"), &file).expect("copy");
    assert_eq!(search(&dir, &cache_dir, &["zephyr"]).status.code(), Some(1));
    let mut text = fs::read_to_string(&file).expect("read");
    text.push_str("\n[[actors]]\nid = \"zephyr\"\nname = \"Zephyr Quill\"\n");
    fs::write(&file, text).expect("write");
    let out = search(&dir, &cache_dir, &["zephyr"]);
    assert_eq!(out.status.code(), Some(0), "the new actor is found: the cache was rebuilt");
    let key = cache::Key::in_folder(&dir, &cache_dir).expect("key");
    let good = fs::read(&key.path).expect("cache");
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    for damage in [b"garbage, not an index".to_vec(), good[..good.len() / 2].to_vec(), flipped] {
        fs::write(&key.path, &damage).expect("damage the cache");
        let out = search(&dir, &cache_dir, &["zephyr"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("Zephyr Quill"));
        assert!(cache::read(&key).is_some(), "a whole cache is written in its place");
    }
    only_file(&cache_dir);
}

#[test]
fn the_real_briefings_answer_neum_and_fake() {
    let dir = super::common::briefings();
    let cache_dir = scratch("real");
    let first = |args: &[&str]| stdout(&search(&dir, &cache_dir, args)).lines().next().unwrap_or("").to_string();
    assert!(first(&["neum"]).contains("peter-neumann"));
    assert!(first(&["c:", "fake"]).contains("telegram-is-message-fake"), "a query may come as several words");
}

/// Old caches go, least recently used first: at most 16 files, and the one
/// just written always stays; other files in the folder are left alone.
#[test]
fn old_caches_are_pruned_least_recently_used_first() {
    let dir = scratch("prune");
    let now = std::time::SystemTime::now();
    for i in 0..20u64 {
        let path = dir.join(format!("search-{i:016x}.idx"));
        fs::write(&path, b"x").unwrap();
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(now - std::time::Duration::from_secs(100 * (i + 1))).unwrap();
    }
    fs::write(dir.join("notes.txt"), b"mine").unwrap();
    let keep = dir.join(format!("search-{:016x}.idx", 19));
    brief::folder::store::prune(&dir, &keep);
    let mut left: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    left.sort();
    assert_eq!(left.len(), 17, "16 caches and the other file: {left:?}");
    assert!(left.contains(&"notes.txt".to_string()) && left.contains(&format!("search-{:016x}.idx", 19)));
    assert!(!left.contains(&format!("search-{:016x}.idx", 18)), "the oldest others went: {left:?}");
    assert!(left.contains(&format!("search-{:016x}.idx", 0)), "the newest stay: {left:?}");
}

/// A write cut short (a reader killed while it stored a 264 MB snapshot)
/// leaves a temp file: it goes once it is an hour old, a fresh one stays.
#[test]
fn temp_files_of_writes_cut_short_are_removed_once_stale() {
    let dir = scratch("prune-temp");
    let old = dir.join("snap-0000000000000001.bin.4242-0.tmp");
    let fresh = dir.join("search-0000000000000001.idx.4243-0.tmp");
    for path in [&old, &fresh] {
        fs::write(path, b"half").unwrap();
    }
    let file = fs::File::options().write(true).open(&old).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200)).unwrap();
    fs::write(dir.join("mine.tmp"), b"mine").unwrap();
    let keep = dir.join("search-0000000000000002.idx");
    fs::write(&keep, b"x").unwrap();
    brief::folder::store::prune(&dir, &keep);
    assert!(!old.exists(), "the stale temp file went");
    assert!(fresh.exists(), "a fresh one may be a write going on");
    assert!(dir.join("mine.tmp").exists(), "nothing else is touched");
}

/// A query of filters alone asks for a set: all of it, unless `--limit` cuts
/// it, and then standard error says how much was left out.
#[test]
fn filters_alone_list_every_match_and_a_cut_list_says_so() {
    let cache_dir = scratch("filters-all");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let count = |out: &Output| stdout(out).lines().count();
    let all = search(&dir, &cache_dir, &["tlp:clear"]);
    let every = search(&dir, &cache_dir, &["tlp:clear", "--limit", "0"]);
    assert!(count(&every) > 20, "the seed has more than 20 entities at TLP:CLEAR");
    assert_eq!(stdout(&all), stdout(&every), "no limit given: every match");
    assert_eq!(String::from_utf8_lossy(&all.stderr), "", "nothing was cut");

    let cut = search(&dir, &cache_dir, &["tlp:clear", "--limit", "5"]);
    assert_eq!(count(&cut), 5);
    let said = String::from_utf8_lossy(&cut.stderr).into_owned();
    assert_eq!(said, format!("brief: 5 of {} shown; --limit 0 for all\n", count(&every)));

    // Words ask for the best 20, and say so when there are more.
    let words = search(&dir, &cache_dir, &["a"]);
    assert_eq!(count(&words), 20);
    assert!(String::from_utf8_lossy(&words.stderr).starts_with("brief: 20 of "), "{words:?}");
}
