//! The snapshot of parsed files: a load takes the files that are as they
//! were from it and parses the rest. Whatever happens to the folder or to
//! the snapshot, what `brief` shows is what a load with no snapshot shows.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::{brief, copy_dir, scratch, stdout};

/// `brief check` and the whole model as JSON, with the cache folder `cache`.
fn seen(dir: &Path, cache: &Path) -> (String, String) {
    let run = |args: &[&str]| {
        let out = brief(dir).args(args).arg("--dir").arg(dir).env("BRIEF_CACHE_DIR", cache).output().expect("runs");
        stdout(&out)
    };
    (run(&["check"]), run(&["export", "--all", "--format", "json"]))
}

fn snapshot(cache: &Path) -> PathBuf {
    let mut snaps: Vec<PathBuf> = fs::read_dir(cache)
        .expect("the cache folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("snap-")))
        .collect();
    assert_eq!(snaps.len(), 1, "one snapshot for one folder: {snaps:?}");
    snaps.remove(0)
}

fn inode(path: &Path) -> u64 {
    fs::metadata(path).expect("stat").ino()
}

#[test]
fn what_a_load_shows_through_the_snapshot_is_what_the_files_hold() {
    let work = scratch("snapshot");
    let _ = fs::remove_dir_all(&work);
    let dir = work.join("b");
    copy_dir(&super::repo().join("briefings"), &dir);
    let cache = work.join("cache");
    let mut n = 0;
    // A load with a cache folder of its own, new each time: no snapshot.
    let mut fresh = |dir: &Path| {
        n += 1;
        seen(dir, &work.join(format!("empty-{n}")))
    };

    let first = seen(&dir, &cache);
    assert!(first.0.starts_with("ok: 3 files, 46 entities"), "{}", first.0);
    assert_eq!(first, fresh(&dir));
    let snap = snapshot(&cache);
    assert_eq!(fs::metadata(&snap).expect("stat").permissions().mode() & 0o777, 0o600, "private");
    let written = inode(&snap);
    assert_eq!(seen(&dir, &cache), first, "the same from the snapshot");
    assert_eq!(inode(&snap), written, "a folder as it was leaves the snapshot alone");

    // An edit, a file added, a file removed: each shown as the files hold it.
    let moscow = dir.join("moscow-attack-2024.toml");
    let text = fs::read_to_string(&moscow).expect("read").replacen("left 62 dead", "left sixty-two dead", 1);
    fs::write(&moscow, text).expect("edit");
    let edited = seen(&dir, &cache);
    assert!(edited.1.contains("left sixty-two dead"), "the edit is seen");
    assert_eq!(edited, fresh(&dir));
    assert_ne!(inode(&snapshot(&cache)), written, "a parsed file goes into a new snapshot");
    fs::write(dir.join("extra.toml"), "title = \"An extra briefing\"\ndate = \"2025-02\"\n").expect("add");
    assert_eq!(seen(&dir, &cache), fresh(&dir));
    fs::remove_file(dir.join("extra.toml")).expect("remove");
    assert_eq!(seen(&dir, &cache), fresh(&dir));

    // A damaged snapshot is never trusted, and is written again.
    let good = fs::read(snapshot(&cache)).expect("read");
    let mut flipped = good.clone();
    let at = good.len() * 2 / 3;
    flipped[at] ^= 0x55;
    // The first file's length said to run past the end (its checksum kept).
    let mut past = good.clone();
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes")) as usize;
    let build = 16 + u32_at(&good, 12);
    let name = build + 4 + 4 + u32_at(&good, build + 4);
    let len_at = name + 4 + u32_at(&good, name);
    assert!(u64::from_le_bytes(good[len_at..len_at + 8].try_into().expect("8 bytes")) < good.len() as u64);
    past[len_at..len_at + 8].copy_from_slice(&(good.len() as u64 + 4096).to_le_bytes());
    let damage: [Vec<u8>; 5] =
        [flipped, good[..good.len() / 2].to_vec(), past, b"BRIEFSNP garbage".to_vec(), Vec::new()];
    for bytes in damage {
        let snap = snapshot(&cache);
        fs::write(&snap, &bytes).expect("damage");
        let before = inode(&snap);
        assert_eq!(seen(&dir, &cache), fresh(&dir), "{} bytes of damage", bytes.len());
        assert_ne!(inode(&snapshot(&cache)), before, "the damaged snapshot is replaced");
    }
}
