//! The state file on disk: a sibling lock file, atomic replacement, and
//! moving a damaged file aside with its bytes intact.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use crate::files::sibling;
use crate::files::{self, Follow, Temp};

/// How long a writer waits for another brief to finish its write.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// Identifies one version of the file: a rename gives a new inode, so this
/// changes on every write by any brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime_ns: i128,
}

pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = fs::metadata(path).ok()?;
    let mtime_ns = i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec());
    Some(Stamp { dev: m.dev(), ino: m.ino(), len: m.len(), mtime_ns })
}

/// The largest state file brief reads or writes (16 MiB): far beyond any real
/// review, small enough that reading one on every change stays quick.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The file's bytes, or `None` when there is no file yet. Regular files only,
/// opened without waiting and without following a symlink (the path is
/// already resolved), and never more than [`MAX_BYTES`].
pub fn read(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match files::read_capped(path, MAX_BYTES, Follow::No) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_missing() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Held while a writer re-reads, merges and replaces the file; released on drop
/// (and by the kernel if the process dies).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Whether taking the lock failed because another brief held it too long.
#[derive(Debug)]
pub enum LockError {
    Busy,
    Io(io::Error),
}

/// Takes the lock on `state.toml.lock`, creating the folder (0700) if needed.
/// The data file itself is never locked: a rename replaces it.
pub fn lock(path: &Path) -> Result<Lock, LockError> {
    files::private_parent(path).map_err(LockError::Io)?;
    lock_file(files::open_lock(&sibling(path, ".lock")).map_err(LockError::Io)?)
}

/// Takes an exclusive lock on `file`, waiting up to [`LOCK_WAIT`] for another brief.
pub fn lock_file(file: File) -> Result<Lock, LockError> {
    match files::lock_within(&file, LOCK_WAIT) {
        Ok(true) => Ok(Lock { _file: file }),
        Ok(false) => Err(LockError::Busy),
        Err(e) => Err(LockError::Io(e)),
    }
}

/// Replaces the file with `text` ([`files::write_atomic`], temp `state.toml.tmp`).
/// Call with the lock held; that is what makes the fixed temp name safe.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    files::write_atomic(path, text.as_bytes(), Temp::Locked)
}

/// Moves a damaged file to `state.toml.corrupt-<unix seconds>` (with `-2`,
/// `-3`… if that is taken); a rename, so its bytes are kept exactly.
pub fn quarantine(path: &Path) -> io::Result<PathBuf> {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut aside = sibling(path, &format!(".corrupt-{secs}"));
    let mut n = 1;
    while fs::symlink_metadata(&aside).is_ok() {
        n += 1;
        aside = sibling(path, &format!(".corrupt-{secs}-{n}"));
    }
    fs::rename(path, &aside)?;
    files::sync_folder(path)?;
    Ok(aside)
}
