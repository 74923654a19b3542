//! The state file on disk: a sibling lock file, atomic replacement, and
//! moving a damaged file aside with its bytes intact.

use std::ffi::OsString;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a writer waits for another brief to finish its write.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// `state.toml` → `state.toml<suffix>`, in the same folder.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_else(|| OsString::from("state.toml"));
    name.push(suffix);
    path.with_file_name(name)
}

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

/// The file's bytes, or `None` when there is no file yet.
pub fn read(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
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
    ensure_folder(path).map_err(LockError::Io)?;
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(sibling(path, ".lock"))
        .map_err(LockError::Io)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => return Err(LockError::Busy),
            Err(fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
    }
}

/// Creates the state file's folder, 0700, when it does not exist; an existing
/// folder's mode is left alone (it may be a shared one like /tmp).
fn ensure_folder(path: &Path) -> io::Result<()> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else { return Ok(()) };
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    // The umask may have narrowed it further; make it exactly 0700.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

/// Replaces the file with `text`: a temp file in the same folder, fsynced,
/// renamed over it, then the folder fsynced so the rename survives a crash.
/// Call with the lock held; that is what makes the fixed temp name safe.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let tmp = sibling(path, ".tmp");
    // A leftover from a writer that died; removing a symlink removes only the link.
    match fs::remove_file(&tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let result = write_then_rename(&tmp, path, text);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_then_rename(tmp: &Path, path: &Path, text: &str) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(tmp)?;
    file.set_permissions(fs::Permissions::from_mode(0o600))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    fs::rename(tmp, path)?;
    sync_folder(path)
}

fn sync_folder(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
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
    sync_folder(path)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_share_the_folder_and_extend_the_name() {
        let p = Path::new("/x/y/state.toml");
        assert_eq!(sibling(p, ".lock"), Path::new("/x/y/state.toml.lock"));
        assert_eq!(sibling(Path::new("mine.toml"), ".tmp"), Path::new("mine.toml.tmp"));
    }
}
