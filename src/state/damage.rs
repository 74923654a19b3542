//! A state file that cannot be read as one: moved aside when it is the
//! analyst's own, left alone (and marks read-only) when it is not brief's.

use super::{Doc, ReviewFile, StateError, disk, shown};

impl ReviewFile {
    /// Why a file reached through a symlink, or in a team's folder, is left alone.
    pub(super) fn not_ours(&self, why: &str) -> String {
        let (what, how) =
            if self.shared { ("review file", "") } else { ("state file", " (reached through a symlink)") };
        format!(
            "the {what} {}{how} is not a brief state file ({why}); it is left as it is and marks are read-only",
            shown(&self.path)
        )
    }

    /// A damaged file seen on open or reload: the reader moves it aside under
    /// the lock (unless another brief just replaced it); viewing leaves it be.
    pub(super) fn damaged(&mut self, why: &str) -> Option<String> {
        (self.doc, self.newer) = (Doc::default(), None);
        let path = shown(&self.path);
        if !self.writer {
            return Some(format!("the state file {path} is damaged ({why}); showing no marks"));
        }
        let Ok(lock) = disk::lock(&self.path) else {
            return Some(format!("the state file {path} is damaged ({why}) and could not be locked to move it aside"));
        };
        let result = self.read_for_write();
        drop(lock);
        self.stamp = disk::stamp(&self.path);
        match result {
            Ok(doc) => {
                self.doc = doc;
                self.notice.take()
            }
            Err(e @ StateError::Newer { .. }) => Some(e.to_string()),
            Err(e) => Some(format!("the state file {path} is damaged ({why}) and was left as it is: {e}")),
        }
    }
}

pub(super) fn moved_aside(path: &std::path::Path, why: &str, aside: &std::path::Path) -> String {
    format!("the state file {} was damaged ({why}); moved aside to {}; starting clean", shown(path), shown(aside))
}
