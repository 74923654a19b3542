//! The cache folder, where the search index and the snapshots of folders
//! are kept: `$BRIEF_CACHE_DIR`, else `$XDG_CACHE_HOME/brief`, else
//! `~/.cache/brief`; only when it is yours and no one else can write it
//! ([`files::unsafe_folder`]). Else `<that folder>-<uid>` (as tmux keeps
//! `/tmp/tmux-<uid>`), under the same rule, saying so once; else no cache.
//! Files go in whole ([`store_with`]), checked by a [`checksum`], and the
//! least recently used go first when the folder is full ([`prune`]).

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::files;

/// The cache folder to use now, checked; `None` when there is none that is safe.
pub fn folder() -> Option<PathBuf> {
    let (dir, _) = configured(|name| std::env::var_os(name))?;
    match files::unsafe_folder(&dir) {
        None => Some(dir),
        Some(why) => instead(&dir, &why),
    }
}

/// The folder asked for, before any check; the flag says it is brief's own
/// (not one the user named), so its mode may be made private.
fn configured(env: impl Fn(&str) -> Option<OsString>) -> Option<(PathBuf, bool)> {
    match env("BRIEF_CACHE_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Some((PathBuf::from(dir), false)),
        None => files::xdg_dir(env, "XDG_CACHE_HOME", ".cache").map(|d| (d.join("brief"), true)),
    }
}

/// The folder used when `dir` may not be: `dir` with `-<uid>` added.
pub fn fallback(dir: &Path) -> Option<PathBuf> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    dir.file_name().map(|_| files::sibling(dir, &format!("-{me}")))
}

/// [`fallback`] when it is safe; the user is told either way, once.
fn instead(dir: &Path, why: &str) -> Option<PathBuf> {
    let shown = |p: &Path| crate::text::sanitize_line(&p.to_string_lossy()).into_owned();
    let refused = format!("the cache folder {} is not safe to use ({why})", shown(dir));
    let other = fallback(dir);
    let problem = other.as_deref().and_then(files::unsafe_folder);
    match (other, problem) {
        (Some(other), None) => {
            tell_once(format!("{refused}; using {} instead", shown(&other)));
            Some(other)
        }
        (Some(other), Some(also)) => {
            tell_once(format!("{refused}, nor is {} ({also}); searching without a cache", shown(&other)));
            None
        }
        (None, _) => {
            tell_once(format!("{refused}; searching without a cache"));
            None
        }
    }
}

static TOLD: AtomicBool = AtomicBool::new(false);
static NOTICE: Mutex<Option<String>> = Mutex::new(None);

fn tell_once(message: String) {
    if !TOLD.swap(true, Ordering::Relaxed)
        && let Ok(mut notice) = NOTICE.lock()
    {
        *notice = Some(message);
    }
}

/// Why the cache folder asked for is not the one used, the first time it
/// was found so in this process; `None` ever after (and when it is used).
pub fn take_notice() -> Option<String> {
    NOTICE.lock().ok()?.take()
}

/// Makes the folder a cache file is about to go to, 0700 when missing (and
/// brief's own folder, or its fallback, 0700 when others may read it), and
/// checks it again: a folder someone else made meanwhile is refused.
pub fn prepare(dir: &Path) -> io::Result<()> {
    let refuse = |why: String| {
        let shown = crate::text::sanitize_line(&dir.to_string_lossy()).into_owned();
        Err(io::Error::other(format!("the cache folder {shown} is not safe to use ({why})")))
    };
    if let Some(why) = files::unsafe_folder(dir) {
        return refuse(why);
    }
    let own = configured(|name| std::env::var_os(name))
        .is_some_and(|(d, own)| (own && d == dir) || fallback(&d).as_deref() == Some(dir));
    files::private_dir(dir, own)?;
    match files::unsafe_folder(dir) {
        Some(why) => refuse(why),
        None => Ok(()),
    }
}

/// A 64-bit checksum in four independent lanes, fast enough to check tens of
/// megabytes on every run; it guards against damage, not against an attacker.
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: [u64; 4] = [0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63];
    let mut lanes = K;
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&chunk[i * 8..i * 8 + 8]);
            *lane = (*lane ^ u64::from_le_bytes(w)).wrapping_mul(K[i] | 1).rotate_left(29);
        }
    }
    let mut h = bytes.len() as u64;
    for (i, lane) in lanes.iter().enumerate() {
        h = (h ^ lane).wrapping_mul(K[i] | 1).rotate_left(31);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K[0] | 1).rotate_left(7);
    }
    h ^ (h >> 33)
}

/// At most this many bytes of caches in the cache folder, and this many files.
pub const KEEP_BYTES: u64 = 512 << 20;
pub const KEEP_FILES: usize = 16;

/// Removes the caches used least recently (by modification time, which a
/// read renews) until the folder holds at most [`KEEP_FILES`] of them and
/// [`KEEP_BYTES`] in all; `keep` (the one just written) always stays. Temp
/// files of writes cut short go once an hour old.
pub fn prune(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
    // A write cut short (a killed reader) leaves its temp file: gone once it is
    // older than any write could take, which may be a live one's.
    let stale = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in &entries {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with("search-") || name.starts_with("snap-"))
            && name.ends_with(".tmp")
            && fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|t| t < stale))
        {
            let _ = fs::remove_file(e.path());
        }
    }
    let mut caches: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
        .into_iter()
        .filter(|e| {
            let path = e.path();
            let name = e.file_name();
            let name = name.to_string_lossy();
            (name.starts_with("search-") && path.extension().is_some_and(|x| x == "idx"))
                || (name.starts_with("snap-") && path.extension().is_some_and(|x| x == "bin"))
        })
        .filter_map(|e| {
            let m = fs::symlink_metadata(e.path()).ok()?;
            m.is_file().then(|| (m.modified().unwrap_or(std::time::UNIX_EPOCH), m.len(), e.path()))
        })
        .collect();
    // Newest first; the one just written first of all.
    caches.sort_by(|a, b| (b.2 == keep).cmp(&(a.2 == keep)).then(b.0.cmp(&a.0)));
    let mut total = 0;
    for (i, (_, len, path)) in caches.into_iter().enumerate() {
        total += len;
        if path != keep && (i >= KEEP_FILES || total > KEEP_BYTES) {
            let _ = fs::remove_file(path);
        }
    }
}

/// The cache folder held while the returned handle is open (`flock` on its
/// file `lock`, mode 0600, which no one else can open), so that readers
/// which built the same index at once store it one at a time and the later
/// ones find it stored. Not had within ten seconds (a reader stopped while
/// it held it), `None`: the caller goes on without.
pub fn lock(dir: &Path) -> Option<fs::File> {
    let file = files::open_lock(&dir.join("lock")).ok()?;
    matches!(files::lock_within(&file, std::time::Duration::from_secs(10)), Ok(true)).then_some(file)
}

/// Writes a file of the cache folder (an index, or a folder's snapshot) with
/// `write` ([`files::write_cache`]), in a private folder, then prunes the folder.
pub fn store_with(path: &Path, write: impl FnOnce(&mut fs::File) -> io::Result<()>) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    prepare(dir)?;
    files::write_cache(path, write)?;
    prune(dir, path);
    Ok(())
}

/// One section: its length, its checksum, its bytes.
#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn the_folder_asked_for_and_whether_it_is_brief_s_own() {
        let named = [("BRIEF_CACHE_DIR", "/c/mine"), ("XDG_CACHE_HOME", "/x"), ("HOME", "/h")];
        assert_eq!(configured(env(&named)), Some((PathBuf::from("/c/mine"), false)));
        assert_eq!(configured(env(&[("XDG_CACHE_HOME", "/x")])), Some((PathBuf::from("/x/brief"), true)));
        assert_eq!(configured(env(&[("HOME", "/h")])), Some((PathBuf::from("/h/.cache/brief"), true)));
        assert_eq!(configured(env(&[])), None);
    }

    #[test]
    fn the_cache_folder_is_held_by_one_at_a_time() {
        let dir = tempfile::tempdir().expect("a folder");
        let first = lock(dir.path()).expect("free at first");
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let held = lock(&path);
            let _ = tx.send(());
            held.is_some()
        });
        let wait = std::time::Duration::from_millis(300);
        assert!(rx.recv_timeout(wait).is_err(), "the second waits while the first holds it");
        drop(first);
        assert!(rx.recv_timeout(std::time::Duration::from_secs(5)).is_ok(), "and has it once let go");
        assert!(second.join().expect("no panic"));
        let start = std::time::Instant::now();
        assert!(lock(&dir.path().join("missing")).is_none());
        assert!(start.elapsed() < wait, "a folder that cannot be opened is not waited on");
        // A symlink planted as the lock is not followed: nothing made where it points.
        let planted = tempfile::tempdir().expect("a folder");
        let target = planted.path().join("target");
        std::os::unix::fs::symlink(&target, planted.path().join("lock")).expect("plant");
        assert!(lock(planted.path()).is_none() && !target.exists());
    }

    #[test]
    fn the_fallback_is_the_folder_with_the_uid_added() {
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        assert_eq!(fallback(Path::new("/tmp/brief")), Some(PathBuf::from(format!("/tmp/brief-{me}"))));
        assert_eq!(fallback(Path::new("/")), None);
    }
}
