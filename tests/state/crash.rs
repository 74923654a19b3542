//! A writer killed with SIGKILL at random moments never leaves a partial file.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use brief::state::{Change, ReviewFile};

use super::Scratch;

/// Tells the re-invoked test binary which file to hammer.
const CHILD_ENV: &str = "BRIEF_STATE_CRASH_CHILD";

/// The writer: run only by the crash test below, which kills it.
#[test]
#[ignore = "run by a_writer_killed_mid_write_never_leaves_a_partial_file"]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else { return };
    let (mut store, notice) = ReviewFile::open(&path);
    assert_eq!(notice, None);
    let mut i = counter(&store).map_or(0, |n| n + 1);
    println!("READY");
    loop {
        store.apply(Change::SetNote("counter".into(), Some(format!("n{i}")))).expect("saved");
        // Marks that come and go, so the file grows and shrinks.
        store.apply(Change::SetFlagged(format!("f-{}", i % 7), i.is_multiple_of(2))).expect("saved");
        i += 1;
    }
}

fn counter(store: &ReviewFile) -> Option<u64> {
    store.marks("counter").note.as_deref()?.strip_prefix('n')?.parse().ok()
}

/// xorshift, seeded from the clock: enough to vary the moment of the kill.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn a_writer_killed_mid_write_never_leaves_a_partial_file() {
    let dir = Scratch::new("crash");
    let path = dir.file();
    let mut seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(7, |d| d.as_nanos() as u64) | 1;
    let (start, mut last, mut rounds, mut mid_write) = (Instant::now(), None, 0, 0);
    while rounds < 50 && start.elapsed() < Duration::from_secs(8) {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "crash::crash_child", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn the writer");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        assert!(lines.any(|l| l.is_ok_and(|l| l.ends_with("READY"))), "the writer started");
        std::thread::sleep(Duration::from_micros(next(&mut seed) % 20_000));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        // A temp file left behind means this kill landed inside a write.
        mid_write += usize::from(crate::sibling_exists(&path, ".tmp"));
        let now = check_whole(&path);
        assert!(now >= last, "went back from {last:?} to {now:?}");
        last = now;
        rounds += 1;
    }
    eprintln!("{rounds} kills in {:?}, {mid_write} mid-write, counter at {last:?}", start.elapsed());
    assert!(rounds >= 10, "only {rounds} rounds in the time allowed");
    assert!(last.is_some(), "the writers got some writes done");
    let stray = std::fs::read_dir(&dir.0).expect("dir").filter_map(Result::ok).map(|e| e.file_name());
    let names: Vec<_> = stray.map(|n| n.to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.contains(".corrupt-")), "nothing was ever damaged: {names:?}");
}

/// The file is absent or whole: it parses, and its counter reads.
fn check_whole(path: &Path) -> Option<u64> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("unreadable: {e}"),
    };
    assert!(text.starts_with("# brief review state") && text.ends_with('\n'), "partial file: {text:?}");
    let (store, notice) = ReviewFile::inspect(path);
    assert_eq!(notice, None, "the file parses: {text:?}");
    let n = counter(&store);
    assert!(n.is_some() || !text.contains("[marks.counter]"), "{text:?}");
    n
}
