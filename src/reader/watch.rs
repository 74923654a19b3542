//! Live reload: a thread looks at the folder's files every 0.7 s and says
//! when any was added, removed or changed.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Paths, sizes and modification times of every briefing file, hashed.
fn fingerprint(dir: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    if let Ok(found) = crate::load::walk(dir) {
        for path in &found.files {
            path.hash(&mut h);
            if let Ok(meta) = std::fs::metadata(path) {
                meta.len().hash(&mut h);
                meta.modified().ok().hash(&mut h);
            }
        }
        found.problems.len().hash(&mut h);
    }
    h.finish()
}

/// Sends a message each time the folder's fingerprint changes.
pub fn watch(dir: PathBuf) -> Receiver<()> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut last = fingerprint(&dir);
        loop {
            std::thread::sleep(Duration::from_millis(700));
            let now = fingerprint(&dir);
            if now != last {
                last = now;
                if tx.send(()).is_err() {
                    return;
                }
            }
        }
    });
    rx
}
