//! Live reload: the folder is watched through file-system notifications
//! (inotify on Linux), so an idle reader does no work at all. A burst of
//! events (an editor's save, a `git pull`) is one change, said once it has
//! been quiet for a moment. Where notifications are not to be had (a
//! network mount, the watch limit reached), the folder is polled instead,
//! cheaply: folders' times every 0.7 s, every file's now and then.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::load::fingerprint;

/// Events closer together than this are one change.
const SETTLE: Duration = Duration::from_millis(150);
const POLL: Duration = Duration::from_millis(700);
/// Polling, every file is looked at this often (folders' times catch renames sooner).
const FULL_POLL_EVERY: u32 = 8;

/// Sends a message each time the folder's files change.
pub fn watch(dir: PathBuf) -> Receiver<()> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        if !notified(&dir, &tx) {
            polled(&dir, &tx);
        }
    });
    rx
}

/// Watches through notifications until the reader goes; false when they
/// cannot be had here, so polling takes over.
fn notified(dir: &Path, tx: &Sender<()>) -> bool {
    let (events, raw) = mpsc::channel();
    let root = dir.to_path_buf();
    let Ok(mut watcher) = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        // Reads (ours too) change nothing, and nor do dot folders (`.brief`,
        // `.git`) or files that are not briefings; an error may hide anything.
        let matters = match e {
            Ok(e) => !matches!(e.kind, notify::EventKind::Access(_)) && e.paths.iter().any(|p| briefing_path(&root, p)),
            Err(_) => true,
        };
        if matters {
            let _ = events.send(());
        }
    }) else {
        return false;
    };
    if watcher.watch(dir, RecursiveMode::Recursive).is_err() {
        return false;
    }
    while raw.recv().is_ok() {
        // Wait for the burst to settle, then say it once.
        let mut quiet_since = Instant::now();
        loop {
            match raw.recv_timeout(SETTLE.saturating_sub(quiet_since.elapsed())) {
                Ok(()) => quiet_since = Instant::now(),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return true,
            }
        }
        if tx.send(()).is_err() {
            return true;
        }
    }
    true
}

/// A path a briefing could be at, or a folder holding some: not in a dot
/// folder, and a `.toml` file or something without an extension.
fn briefing_path(root: &Path, path: &Path) -> bool {
    let inside = path.strip_prefix(root).unwrap_or(path);
    let hidden = inside.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !hidden && path.extension().is_none_or(|x| x == "toml")
}

/// The modification times of the folder and every folder under it (not dot folders).
fn folder_times(dir: &Path) -> Vec<(PathBuf, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        out.push((d.clone(), std::fs::metadata(&d).and_then(|m| m.modified()).ok()));
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if !hidden && entry.file_type().is_ok_and(|t| t.is_dir()) {
                todo.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

fn polled(dir: &Path, tx: &Sender<()>) {
    let (mut times, mut files) = (folder_times(dir), fingerprint(dir).ok());
    for round in 1u32.. {
        std::thread::sleep(POLL);
        let now = folder_times(dir);
        if now == times && round % FULL_POLL_EVERY != 0 {
            continue;
        }
        times = now;
        let now = fingerprint(dir).ok();
        if now != files {
            files = now;
            if tx.send(()).is_err() {
                return;
            }
        }
    }
}
