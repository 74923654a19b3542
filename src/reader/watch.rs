//! Live reload: a thread looks at the folder's files every 0.7 s and says
//! when any was added, removed or changed.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crate::load::fingerprint;

/// Sends a message each time the folder's files change.
pub fn watch(dir: PathBuf) -> Receiver<()> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut last = fingerprint(&dir).ok();
        loop {
            std::thread::sleep(Duration::from_millis(700));
            let now = fingerprint(&dir).ok();
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
