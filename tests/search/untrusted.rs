//! The search cache as untrusted input and as private data: crafted files
//! with valid checksums, FIFOs and symlinks where the cache goes, modes, and
//! where the cache folder is.

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use brief::search::{Index, cache};

use super::cli::{search, stdout};
use super::common::{Rng, scratch};
use super::fixture;

/// Magic, version, key.
const HEADER: usize = 20;

/// The cache's sections, each as its bytes.
fn sections(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = HEADER;
    while at < bytes.len() {
        let n = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes")) as usize;
        at += 16;
        out.push(bytes[at..at + n].to_vec());
        at += n;
    }
    out
}

/// A cache file from a header and sections, every checksum made right.
fn assemble(head: &[u8], sections: &[Vec<u8>]) -> Vec<u8> {
    let mut out = head[..HEADER].to_vec();
    for s in sections {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(&brief::folder::store::checksum(s).to_le_bytes());
        out.extend_from_slice(s);
    }
    out
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("exists").permissions().mode() & 0o777
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Runs a command, killing it if it has not ended in `limit`.
pub fn run_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(Stdio::null()).spawn().expect("spawn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            child.kill().expect("kill");
            child.wait().expect("reap");
            panic!("still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// `brief search kestrel` with a home of its own and the given `XDG_CACHE_HOME`, run in `cwd`.
fn search_at_home(home: &Path, xdg_cache: &str, cwd: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args(["search", "kestrel", "--dir"])
        .arg(fixture("search-world"))
        .current_dir(cwd)
        .env("HOME", home)
        .env("XDG_CACHE_HOME", xdg_cache)
        .env_remove("BRIEF_CACHE_DIR")
        .env_remove("BRIEF_DIR");
    run_within(cmd, Duration::from_secs(20))
}

#[test]
fn a_crafted_cache_with_valid_checksums_and_wild_offsets_is_rebuilt_not_a_crash() {
    let (dir, cache_dir) = (fixture("search-world"), scratch("crafted"));
    let good_out = search(&dir, &cache_dir, &["kestrel"]);
    let key = cache::Key::in_folder(&dir, &cache_dir).expect("key");
    let good = fs::read(&key.path).expect("cache");
    let secs = sections(&good);
    assert_eq!(secs.len(), 28, "the layout this test knows");
    // The shown and the folded strings' second start far past the text, the
    // last one still right; a claimant (the filters' `by` lists) far past the last entity.
    for (section, at) in [(5, 4), (7, 4), (21, 0)] {
        let mut crafted = secs.clone();
        assert!(crafted[section].len() >= at + 4, "section {section} has something to plant in");
        crafted[section][at..at + 4].copy_from_slice(&0x7fff_fff0u32.to_le_bytes());
        fs::write(&key.path, assemble(&good, &crafted)).expect("plant");
        for query in ["kestrel", "by:kestrel"] {
            let out = search(&dir, &cache_dir, &[query]);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(fs::read(&key.path).expect("cache"), good, "the crafted cache was replaced");
    }
    // Bytes that are not UTF-8 in the text searched and shown, read in place
    // and checked string by string as they are used: never a crash.
    for section in [6, 8] {
        let mut crafted = secs.clone();
        crafted[section].iter_mut().take(64).for_each(|b| *b = 0xff);
        fs::write(&key.path, assemble(&good, &crafted)).expect("plant");
        for query in ["kestrel", "k", "ksl"] {
            let out = search(&dir, &cache_dir, &[query]);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
            assert!(std::str::from_utf8(&out.stdout).is_ok());
        }
    }
    fs::write(&key.path, &good).expect("put back");
    let out = search(&dir, &cache_dir, &["kestrel"]);
    assert_eq!(stdout(&out), stdout(&good_out), "answers as before, from a rebuilt index");
}

#[test]
fn a_fifo_at_the_cache_path_is_passed_over_not_waited_on() {
    let (dir, cache_dir) = (fixture("search-world"), scratch("fifo"));
    let key = cache::Key::in_folder(&dir, &cache_dir).expect("key");
    mkfifo(&key.path);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args(["search", "kestrel", "--dir"]).arg(&dir).env("BRIEF_CACHE_DIR", &cache_dir);
    let out = run_within(cmd, Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Mara Kestrel"));
}

#[test]
fn a_symlink_planted_at_a_temp_name_is_never_written_through() {
    let (dir, cache_dir) = (fixture("search-world"), scratch("planted"));
    let victim = scratch("planted-victim").join("victim.txt");
    fs::write(&victim, "precious\n").expect("victim");
    let key = cache::Key::in_folder(&dir, &cache_dir).expect("key");
    let pid = std::process::id();
    // Every name a writer in this process could pick for its temp file, now or before.
    let mut names = vec![key.path.with_extension(format!("{pid}.tmp"))];
    names.extend((0..256).map(|n| {
        let mut name = key.path.as_os_str().to_owned();
        name.push(format!(".{pid}-{n}.tmp"));
        name.into()
    }));
    for name in &names {
        std::os::unix::fs::symlink(&victim, name).expect("plant");
    }
    let corpus = brief::load::load(&dir).expect("loads");
    let _ = cache::write(&key, Index::build(&corpus).tables());
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "precious\n", "the victim is untouched");
    assert!(names.iter().all(|n| n.is_symlink()), "the planted links are left as they are");
}

#[test]
fn the_cache_is_private_and_old_world_readable_ones_are_made_private() {
    let home = scratch("private-home");
    let folder = home.join("xdg").join("brief");
    fs::create_dir_all(&folder).expect("folder");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod");
    let xdg = home.join("xdg");
    let out = search_at_home(&home, xdg.to_str().expect("UTF-8"), &home);
    assert_eq!(out.status.code(), Some(0));
    let file = super::cli::only_file(&folder);
    assert_eq!(mode(&file), 0o600, "the cache holds the briefings' text");
    assert_eq!(mode(&folder), 0o700, "brief's own cache folder is made private");
    // A cache written by an older brief, world-readable, read but not rewritten.
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = search_at_home(&home, xdg.to_str().expect("UTF-8"), &home);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(mode(&file), 0o600);
}

fn uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir).expect("folder").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn a_brief_cache_folder_someone_else_made_is_refused_for_a_private_one() {
    if uid() != 0 {
        eprintln!("skipped: making a folder someone else's needs root");
        return;
    }
    let home = scratch("foreign-home");
    let shared = home.join("shared");
    let planted = shared.join("brief");
    fs::create_dir_all(&planted).expect("folder");
    fs::set_permissions(&planted, fs::Permissions::from_mode(0o700)).expect("chmod");
    std::os::unix::fs::chown(&planted, Some(65534), Some(65534)).expect("chown to nobody");
    let out = search_at_home(&home, shared.to_str().expect("UTF-8"), &home);
    assert_eq!(out.status.code(), Some(0), "search works all the same");
    let err = String::from_utf8_lossy(&out.stderr);
    let mine = shared.join(format!("brief-{}", uid()));
    let said = format!(
        "the cache folder {} is not safe to use (it belongs to uid 65534, not to you); using {} instead",
        planted.display(),
        mine.display()
    );
    assert_eq!(err.matches(&said).count(), 1, "said once: {err}");
    assert!(names(&planted).is_empty(), "nothing written to someone else's folder");
    assert_eq!(mode(&super::cli::only_file(&mine)), 0o600);
    assert_eq!(mode(&mine), 0o700);
}

#[test]
fn a_cache_folder_others_can_write_is_refused_for_a_private_one() {
    for (n, bits) in [0o777, 0o1777, 0o770].into_iter().enumerate() {
        let cache_dir = scratch(&format!("writable-{n}")).join("cache");
        fs::create_dir(&cache_dir).expect("folder");
        fs::set_permissions(&cache_dir, fs::Permissions::from_mode(bits)).expect("chmod");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(["search", "kestrel", "--dir"]).arg(fixture("search-world")).env("BRIEF_CACHE_DIR", &cache_dir);
        let out = run_within(cmd, Duration::from_secs(20));
        assert_eq!(out.status.code(), Some(0));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("others can write to it (mode {bits:o})")), "{err}");
        assert!(names(&cache_dir).is_empty(), "mode {bits:o}: nothing written where others can write");
        let mine = cache_dir.with_file_name(format!("cache-{}", uid()));
        assert!(err.contains(&format!("using {} instead", mine.display())), "{err}");
        assert_eq!(mode(&super::cli::only_file(&mine)), 0o600);
    }
}

#[test]
fn a_relative_xdg_cache_home_is_ignored_as_the_state_path_does() {
    let home = scratch("relative-home");
    let cwd = home.join("work");
    fs::create_dir_all(&cwd).expect("cwd");
    let out = search_at_home(&home, "relcache", &cwd);
    assert_eq!(out.status.code(), Some(0));
    assert!(!cwd.join("relcache").exists(), "nothing made under the working folder");
    let folder = home.join(".cache").join("brief");
    assert_eq!(mode(&super::cli::only_file(&folder)), 0o600, "the cache is in ~/.cache/brief");
}

/// One random change to one section: a byte, a 32-bit value (small, near the
/// edge, or wild), a cut, or a doubling.
fn mutate(secs: &mut [Vec<u8>], seed: &mut Rng) {
    let s = (seed.next() % secs.len() as u64) as usize;
    let sec = &mut secs[s];
    let r = seed.next();
    match r % 6 {
        _ if sec.is_empty() => sec.push(r as u8),
        0 => {
            let at = (r >> 8) as usize % sec.len();
            sec[at] ^= 1 << ((r >> 4) % 8);
        }
        1..=3 if sec.len() >= 4 => {
            let at = ((r >> 8) as usize % (sec.len() / 4)) * 4;
            let old = u32::from_le_bytes(sec[at..at + 4].try_into().expect("4"));
            let v = match r % 3 {
                0 => old.wrapping_add((r >> 40) as u32 % 5).wrapping_sub(2),
                1 => (r >> 32) as u32,
                _ => u32::MAX - (r >> 40) as u32 % 3,
            };
            sec[at..at + 4].copy_from_slice(&v.to_le_bytes());
        }
        4 => sec.truncate((r >> 8) as usize % sec.len()),
        _ => {
            let copy = sec.clone();
            sec.extend_from_slice(&copy);
        }
    }
}

/// Generated caches, each a real one with one to three changes and every
/// checksum made right: reading must never panic, and an index read from one
/// must answer queries without panicking. Bounded in time for CI; the seed is
/// printed so a failure can be replayed (`BRIEF_FUZZ_SEED`).
#[test]
fn generated_caches_with_valid_checksums_never_panic() {
    let (dir, cache_dir) = (fixture("search-world"), scratch("fuzz"));
    let key = cache::Key::in_folder(&dir, &cache_dir).expect("key");
    let corpus = brief::load::load(&dir).expect("loads");
    cache::write(&key, Index::build(&corpus).tables()).expect("write");
    let good = fs::read(&key.path).expect("cache");
    let base = sections(&good);
    let seed = std::env::var("BRIEF_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(7, |d| d.as_nanos() as u64) | 1
    });
    eprintln!("BRIEF_FUZZ_SEED={seed}");
    let mut seed = Rng(seed);
    let (start, mut runs, mut accepted) = (Instant::now(), 0, 0);
    while start.elapsed() < Duration::from_secs(3) {
        let mut secs = base.clone();
        for _ in 0..=(seed.next() % 3) {
            mutate(&mut secs, &mut seed);
        }
        fs::write(&key.path, assemble(&good, &secs)).expect("plant");
        if let Some(tables) = cache::read(&key) {
            accepted += 1;
            let index = Index::from_store(tables);
            for q in ["kestrel", "k", "ma", "mara kes", "c: fake", "a: Kes", "zzq", "the"] {
                for hit in index.search(q, 20) {
                    let _ = (index.id(hit.entity), index.label(hit.entity), index.briefing_id(hit.entity));
                }
            }
        }
        runs += 1;
    }
    eprintln!("{runs} generated caches, {accepted} accepted as whole");
    assert!(runs >= 50, "only {runs} runs in the time allowed");
}
