//! Finding the briefing files under a folder: recursive, hidden names skipped,
//! symlinks followed once, odd files reported instead of opened.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Files larger than this are reported, not read.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Diagnostic>,
}

/// Lists the `*.toml` files under `root`, sorted. Fails only when `root`
/// itself cannot be read as a folder.
pub fn walk(root: &Path) -> io::Result<Found> {
    let meta = fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"));
    }
    let mut found = Found::default();
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    seen_dirs.insert(fs::canonicalize(root)?);
    visit(root, &mut seen_dirs, &mut seen_files, &mut found, true)?;
    found.files.sort();
    Ok(found)
}

fn visit(
    dir: &Path,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<(u64, u64)>,
    found: &mut Found,
    is_root: bool,
) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if is_root => return Err(e),
        Err(e) => {
            found.problems.push(Diagnostic::error(dir, (0, 0), format!("cannot read folder: {e}")));
            return Ok(());
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                if path.extension().is_some_and(|x| x == "toml") || e.kind() != io::ErrorKind::NotFound {
                    found.problems.push(Diagnostic::error(&path, (0, 0), format!("cannot read: {e}")));
                }
                continue;
            }
        };
        if meta.is_dir() {
            let Ok(real) = fs::canonicalize(&path) else { continue };
            // A folder seen before is a symlink loop or a second way in: read it once.
            if seen_dirs.insert(real) {
                visit(&path, seen_dirs, seen_files, found, false)?;
            }
        } else if path.extension().is_some_and(|x| x == "toml") {
            add_file(path, &meta, seen_files, found);
        }
    }
    Ok(())
}

fn add_file(path: PathBuf, meta: &fs::Metadata, seen: &mut HashSet<(u64, u64)>, found: &mut Found) {
    if !meta.is_file() {
        found.problems.push(Diagnostic::error(&path, (0, 0), "not a regular file; skipped".into()));
    } else if meta.len() > MAX_FILE_BYTES {
        let msg = format!("file is too large ({} bytes; the limit is {MAX_FILE_BYTES}); skipped", meta.len());
        found.problems.push(Diagnostic::error(&path, (0, 0), msg));
    } else if seen.insert((meta.dev(), meta.ino())) {
        // The same file reached by a second path (a symlink) is read once.
        found.files.push(path);
    }
}

/// The folder's files as they are now: paths, sizes, times and (on Unix)
/// inodes, as bytes that change when any file is added, removed or changed.
pub fn fingerprint(root: &Path) -> io::Result<Vec<u8>> {
    let found = walk(root)?;
    let mut out = Vec::with_capacity(64 * (found.files.len() + 1));
    for file in found.files.iter().chain(found.problems.iter().map(|d| &d.path)) {
        out.push(0);
        out.extend_from_slice(file.as_os_str().as_encoded_bytes());
        if let Ok(meta) = fs::metadata(file) {
            file_stamp(&meta, &mut out);
        }
    }
    Ok(out)
}

#[cfg(unix)]
pub fn file_stamp(meta: &fs::Metadata, out: &mut Vec<u8>) {
    use std::os::unix::fs::MetadataExt;
    for n in [meta.size() as i64, meta.mtime(), meta.mtime_nsec(), meta.ctime(), meta.ctime_nsec(), meta.ino() as i64] {
        out.extend_from_slice(&n.to_le_bytes());
    }
}

#[cfg(not(unix))]
pub fn file_stamp(meta: &fs::Metadata, out: &mut Vec<u8>) {
    let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    out.extend_from_slice(&meta.len().to_le_bytes());
    out.extend_from_slice(&mtime.map_or(0, |d| d.as_nanos()).to_le_bytes());
}
