//! An analyst's review file in a team's shared folder (docs/TEAM.md), where
//! anything may have come from a colleague's commit: the file, `.brief/review`
//! and `.brief` are never followed through a symlink; the lock is taken on
//! the folder itself, so no lock file is ever made there; and the folder
//! gets a `.gitignore` that keeps brief's temp files (and itself) out of a
//! `git add`.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::ReviewFile;
use super::disk::{Lock, LockError};

/// Why brief will not read or write the review file at `path`, if it will
/// not: it, its folder or the folder above is a symlink, or one of those
/// folders is not a folder. Nothing is followed to find out.
pub fn problem(path: &Path) -> Option<String> {
    let review = path.parent().unwrap_or(Path::new("."));
    let brief = review.parent().unwrap_or(Path::new("."));
    let shown = |p: &Path| crate::text::sanitize_line(&p.to_string_lossy()).into_owned();
    for (p, folder) in [(brief, true), (review, true), (path, false)] {
        let Ok(meta) = fs::symlink_metadata(p) else { continue };
        let what = if meta.file_type().is_symlink() {
            "is a symlink"
        } else if folder && !meta.is_dir() {
            "is not a folder"
        } else {
            continue;
        };
        return Some(format!(
            "{} {what}, and brief never follows a link in the team's shared folder or writes through one: the \
             review file {} is left as it is, not read or written",
            shown(p),
            shown(path)
        ));
    }
    None
}

/// Takes the lock for writing the review file at `path`: an exclusive lock
/// on its folder, `.brief/review` (made 0700 if missing; opened without
/// following a symlink), so nothing is created beside the file to lock it.
pub fn lock(path: &Path) -> Result<Lock, LockError> {
    let review = path.parent().unwrap_or(Path::new("."));
    match DirBuilder::new().mode(0o700).create(review) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(LockError::Io(e)),
        _ => {}
    }
    let folder = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(review)
        .map_err(LockError::Io)?;
    super::disk::lock_file(folder)
}

/// What `.brief/review/.gitignore` says: brief's temp files, the locks and
/// moved-aside files older briefs left there, and this file itself.
const IGNORE: &str = "# Written by brief: its temp files are never shared, and neither is this file.\n\
                      .gitignore\n*.tmp\n*.lock\n*.corrupt-*\n";

/// Writes `.gitignore` beside the review file when there is none; an
/// existing one, whatever it is (a colleague's, a symlink), is left alone.
/// Best effort: without it, writes go on.
pub fn ignore_temps(path: &Path) {
    let file = path.with_file_name(".gitignore");
    let made: io::Result<File> = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&file);
    if let Ok(mut made) = made
        && made.write_all(IGNORE.as_bytes()).is_err()
    {
        let _ = fs::remove_file(&file);
    }
}

impl ReviewFile {
    /// [`ReviewFile::open`] for an analyst's file in a team's shared folder
    /// (docs/TEAM.md), where nothing may redirect a write: the file and the
    /// folders `.brief/review` and `.brief` are never followed through a
    /// symlink (any link refuses every change), no lock file is made there,
    /// and a damaged file is left as it is, read-only.
    pub fn open_shared(path: impl Into<PathBuf>) -> (ReviewFile, Option<String>) {
        ReviewFile::start_shared(path.into(), true)
    }

    /// [`ReviewFile::inspect`] under the rules of [`ReviewFile::open_shared`].
    pub fn inspect_shared(path: impl Into<PathBuf>) -> (ReviewFile, Option<String>) {
        ReviewFile::start_shared(path.into(), false)
    }

    fn start_shared(path: PathBuf, writer: bool) -> (ReviewFile, Option<String>) {
        let mut store = ReviewFile { writer, shared: true, path, ..ReviewFile::detached() };
        let message = store.load();
        (store, message)
    }
}
