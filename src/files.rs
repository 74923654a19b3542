//! Reading files brief does not control and writing the user's own, in one
//! place: capped reads of regular files only (a FIFO, a device or a `/proc`
//! file never hangs or floods memory), atomic private writes, atomic
//! exports as the umask allows, private folders, and the XDG base folders.

use std::ffi::OsString;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use thiserror::Error;

/// Whether the last part of a path may be a symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Follow a symlink (briefing folders may link files in).
    Yes,
    /// Refuse a symlink (files only brief writes: the cache, the resolved state file).
    No,
}

/// Why a file was not read; each says what a person would fix.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("not a regular file")]
    NotRegular,
    #[error("too large (over the limit of {limit} bytes)")]
    TooLarge { limit: u64 },
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl ReadError {
    /// Whether there is simply no file there.
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl From<ReadError> for io::Error {
    fn from(e: ReadError) -> io::Error {
        match e {
            ReadError::Io(e) => e,
            other => io::Error::other(other),
        }
    }
}

/// Opens a regular file for reading without ever waiting: non-blocking, so a
/// FIFO or a device is refused at once instead of hanging, and checked on the
/// opened descriptor (no race between a look and the open).
pub fn open_regular(path: &Path, follow: Follow) -> Result<File, ReadError> {
    let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY;
    if follow == Follow::No {
        flags |= libc::O_NOFOLLOW;
    }
    let file = OpenOptions::new().read(true).custom_flags(flags).open(path)?;
    if !file.metadata()?.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok(file)
}

/// How much one read asks for: a multiple of 8, as some `/proc` files require.
const CHUNK: usize = 64 * 1024;

/// A regular file's bytes, at most `limit` of them. Reading stops as soon as
/// more than `limit` bytes came, whatever the file's size reads as (a `/proc`
/// file says 0 and never ends), so no more than `limit` plus one 64 KiB read
/// is ever held. A file that would block (such as `/proc/kmsg`) is refused.
pub fn read_capped(path: &Path, limit: u64, follow: Follow) -> Result<Vec<u8>, ReadError> {
    let mut file = open_regular(path, follow)?;
    let said = file.metadata().map_or(0, |m| m.len());
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut buf = Vec::with_capacity(usize::try_from(said).unwrap_or(limit).min(limit).saturating_add(CHUNK));
    while buf.len() <= limit {
        let len = buf.len();
        buf.resize(len + CHUNK, 0);
        match file.read(&mut buf[len..]) {
            Ok(0) => {
                buf.truncate(len);
                return Ok(buf);
            }
            Ok(n) => buf.truncate(len + n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => buf.truncate(len),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Err(ReadError::NotRegular),
            Err(e) => return Err(e.into()),
        }
    }
    Err(ReadError::TooLarge { limit: limit as u64 })
}

/// How the temporary file beside the target is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temp {
    /// `<name>.tmp`, a leftover removed first: only for a writer holding a lock.
    Locked,
    /// `<name>.<pid>-<n>.tmp`, never one that exists: for writers that do not lock.
    Unique,
}

/// `state.toml` → `state.toml<suffix>`, in the same folder.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map_or_else(|| OsString::from("file"), OsString::from);
    name.push(suffix);
    path.with_file_name(name)
}

/// Who may read a file brief writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// 0600 whatever the umask: the user's own files, and TLP:AMBER or
    /// TLP:RED exports.
    Private,
    /// As other tools make a file the user asked for: a new one 0666 less
    /// the umask (or as the folder's default ACL says), one replaced keeps
    /// its permission bits.
    Umask,
}

/// Replaces `path` with `bytes`, all or nothing: a temp file in the same
/// folder made with `O_EXCL|O_NOFOLLOW` and mode 0600 (so nothing planted at
/// its name is ever written through), fsynced, renamed over `path`, then the
/// folder fsynced so the rename survives a crash.
pub fn write_atomic(path: &Path, bytes: &[u8], temp: Temp) -> io::Result<()> {
    write_through_temp(path, temp, (true, Share::Private), |file| file.write_all(bytes))
}

/// An export the user asked for, to hand on: written as [`write_atomic`]
/// writes, readable by whom `share` says.
pub fn write_export(path: &Path, bytes: &[u8], share: Share) -> io::Result<()> {
    write_through_temp(path, Temp::Unique, (true, share), |file| file.write_all(bytes))
}

/// A cache file: made as [`write_atomic`] makes a file, with `write` writing
/// its content (a large one need never be whole in memory), and renamed into
/// place without waiting for the disk. A crash may leave it short or empty;
/// a cache is checked on every read, so that only means building it again,
/// where two fsyncs of a quarter-gigabyte snapshot cost seconds every time.
pub fn write_cache(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    write_through_temp(path, Temp::Unique, (false, Share::Private), write)
}

/// A temp file made as `share` says, written, then (when `durable`) fsynced,
/// renamed over `path` and the folder fsynced; removed if anything fails.
fn write_through_temp(
    path: &Path,
    temp: Temp,
    (durable, share): (bool, Share),
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let (mut file, tmp) = create_temp(path, temp, share)?;
    let result = (|| {
        if share == Share::Private {
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
        } else if let Some(old) = fs::symlink_metadata(path).ok().filter(fs::Metadata::is_file) {
            file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o777))?;
        }
        write(&mut file)?;
        if durable {
            file.sync_all()?;
        }
        drop(file);
        fs::rename(&tmp, path)?;
        if durable { sync_folder(path) } else { Ok(()) }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A new, empty temp file beside `path`, made by this call and no one else:
/// 0600, or for [`Share::Umask`] 0666 less the umask.
fn create_temp(path: &Path, temp: Temp, share: Share) -> io::Result<(File, PathBuf)> {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let mode = if share == Share::Private { 0o600 } else { 0o666 };
    let create = |tmp: &Path| {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(tmp)
    };
    if temp == Temp::Locked {
        let tmp = sibling(path, ".tmp");
        // A leftover from a writer that died; removing a symlink removes only the link.
        match fs::remove_file(&tmp) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        return create(&tmp).map(|f| (f, tmp));
    }
    let mut last = None;
    for _ in 0..8 {
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let tmp = sibling(path, &format!(".{}-{n}.tmp", std::process::id()));
        match create(&tmp) {
            Ok(file) => return Ok((file, tmp)),
            // Someone else's name (planted, or a leftover): never touched; try the next.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AlreadyExists)))
}

/// Fsyncs the folder holding `path`, so a rename in it is on disk.
pub fn sync_folder(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
}

/// Creates the folder holding `path`, 0700, when it does not exist; an
/// existing folder's mode is left alone (it may be a shared one like /tmp).
pub fn private_parent(path: &Path) -> io::Result<()> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => private_dir(dir, false),
        None => Ok(()),
    }
}

/// A small file of the user's own (beside the state file): its folder made
/// as [`private_parent`] does, then [`write_atomic`] with a unique temp name.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    private_parent(path)?;
    write_atomic(path, bytes, Temp::Unique)
}

/// Creates `dir` (and its parents) mode 0700 when missing. An existing folder
/// is made 0700 only when `own` says it is brief's own (like `~/.cache/brief`)
/// and it belongs to this user; any other existing folder is left alone (it
/// may be a shared one like /tmp).
pub fn private_dir(dir: &Path, own: bool) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {
            // SAFETY: geteuid has no preconditions and cannot fail.
            let me = unsafe { libc::geteuid() };
            if own && meta.uid() == me && meta.mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
            }
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
            // The umask may have narrowed it further; make it exactly 0700.
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        }
        Err(e) => Err(e),
    }
}

/// Why `dir` is no folder to keep brief's private files in, or `None` when
/// it is one or is not there yet (brief makes it, 0700). It must be a folder
/// that belongs to you and that no one else (its group, others) can write,
/// as ssh asks of `~/.ssh`: a folder made beforehand by someone else, on a
/// shared host or under `/tmp`, is theirs to fill, empty or swap. A symlink
/// there counts only when it is yours too; its target is what is checked.
pub fn unsafe_folder(dir: &Path) -> Option<String> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    let unreadable = |e: io::Error| Some(format!("it cannot be looked at: {e}"));
    let meta = match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => return unreadable(e),
        Ok(link) if link.file_type().is_symlink() && link.uid() != me => {
            return Some(format!("it is a symlink that belongs to uid {}, not to you", link.uid()));
        }
        Ok(link) if link.file_type().is_symlink() => match fs::metadata(dir) {
            Ok(meta) => meta,
            Err(e) => return unreadable(e),
        },
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        Some("it is not a folder".into())
    } else if meta.uid() != me {
        Some(format!("it belongs to uid {}, not to you", meta.uid()))
    } else if meta.mode() & 0o022 != 0 {
        Some(format!("others can write to it (mode {:o})", meta.mode() & 0o7777))
    } else {
        None
    }
}

/// An XDG base folder: `$<var>` when it is an absolute path (the XDG spec
/// says a relative one is invalid and must be ignored), else `$HOME/<under_home>`.
pub fn xdg_dir(env: impl Fn(&str) -> Option<OsString>, var: &str, under_home: &str) -> Option<PathBuf> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    set(var).filter(|d| d.is_absolute()).or_else(|| set("HOME").map(|h| h.join(under_home)))
}

/// The lock file at `path`: made 0600 if it is not there, never followed
/// through a symlink, never emptied.
pub fn open_lock(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// An exclusive lock (`flock`) on `file`, waiting up to `wait` while another
/// process holds it: whether it was had in time.
pub fn lock_within(file: &File, wait: std::time::Duration) -> io::Result<bool> {
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => return Ok(false),
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn a_relative_or_empty_xdg_folder_is_ignored() {
        for xdg in ["", "relcache", "./x"] {
            let vars = [("XDG_CACHE_HOME", xdg), ("HOME", "/home/a")];
            assert_eq!(xdg_dir(env(&vars), "XDG_CACHE_HOME", ".cache"), Some(PathBuf::from("/home/a/.cache")));
        }
        let vars = [("XDG_CACHE_HOME", "/c"), ("HOME", "/home/a")];
        assert_eq!(xdg_dir(env(&vars), "XDG_CACHE_HOME", ".cache"), Some(PathBuf::from("/c")));
        assert_eq!(xdg_dir(env(&[]), "XDG_CACHE_HOME", ".cache"), None);
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brief-files-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    #[test]
    fn reads_stop_at_the_limit_and_never_wait_on_a_fifo() {
        let dir = scratch("capped");
        let file = dir.join("f");
        fs::write(&file, vec![b'x'; 1000]).expect("write");
        assert_eq!(read_capped(&file, 1000, Follow::No).expect("at the limit").len(), 1000);
        assert!(matches!(read_capped(&file, 999, Follow::No), Err(ReadError::TooLarge { limit: 999 })));
        let link = dir.join("link");
        std::os::unix::fs::symlink(&file, &link).expect("symlink");
        assert!(read_capped(&link, 1000, Follow::Yes).is_ok());
        assert!(matches!(read_capped(&link, 1000, Follow::No), Err(ReadError::Io(_))), "no-follow refuses a link");
        let fifo = dir.join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("no NUL");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(read_capped(&fifo, 1000, Follow::Yes), Err(ReadError::NotRegular)));
        assert!(matches!(read_capped(Path::new("/dev/zero"), 1000, Follow::Yes), Err(ReadError::NotRegular)));
        assert!(read_capped(&dir.join("none"), 10, Follow::No).is_err_and(|e| e.is_missing()));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_atomic_write_is_private_and_leaves_no_temp_file() {
        let dir = scratch("atomic");
        let file = dir.join("out");
        fs::write(&file, "old").expect("write");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
        for temp in [Temp::Locked, Temp::Unique] {
            write_atomic(&file, b"new", temp).expect("written");
            assert_eq!(fs::read(&file).expect("read"), b"new");
            assert_eq!(fs::metadata(&file).expect("meta").mode() & 0o777, 0o600);
            let names: Vec<_> = fs::read_dir(&dir).expect("dir").map(|e| e.expect("entry").file_name()).collect();
            assert_eq!(names, ["out"], "{temp:?}");
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_lock_file_is_made_private_never_emptied_and_never_reached_through_a_symlink() {
        let dir = scratch("lock");
        let lock = dir.join("lock");
        let held = open_lock(&lock).expect("made");
        assert_eq!(fs::metadata(&lock).expect("meta").mode() & 0o777, 0o600);
        assert!(lock_within(&held, std::time::Duration::ZERO).expect("locks"));
        let second = open_lock(&lock).expect("opened again");
        assert!(!lock_within(&second, std::time::Duration::from_millis(20)).expect("waits"), "held by the first");
        drop(held);
        assert!(lock_within(&second, std::time::Duration::ZERO).expect("locks"), "free once let go");
        // One planted as a symlink (a state file's lock in a colleague's
        // folder, say) is refused, and what it points at is neither made nor emptied.
        let (planted, target) = (dir.join("planted"), dir.join("target"));
        std::os::unix::fs::symlink(&target, &planted).expect("symlink");
        assert!(open_lock(&planted).is_err() && !target.exists());
        fs::write(&target, "kept").expect("write");
        assert!(open_lock(&planted).is_err());
        assert_eq!(fs::read_to_string(&target).expect("read"), "kept");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn siblings_share_the_folder_and_extend_the_name() {
        assert_eq!(sibling(Path::new("/x/y/state.toml"), ".lock"), Path::new("/x/y/state.toml.lock"));
        assert_eq!(sibling(Path::new("mine.toml"), ".tmp"), Path::new("mine.toml.tmp"));
    }
}
