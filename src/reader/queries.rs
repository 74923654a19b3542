//! The finder's query history: the last queries gone to, newest last, one a
//! line in `queries` beside the state file (mode 0600, written atomically,
//! read only when it is a regular file of at most 64 KiB). A history that
//! cannot be read or written is only a history: the reader goes on without it.

use std::path::{Path, PathBuf};

use crate::files::{Follow, read_capped, write_private};

/// Queries kept.
pub const KEPT: usize = 100;
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Debug, Default)]
pub struct Queries {
    path: Option<PathBuf>,
    list: Vec<String>,
}

impl Queries {
    /// The history beside the state file at `state`; empty when there is none yet.
    pub fn beside(state: &Path) -> Queries {
        let path = state.with_file_name("queries");
        let list = read_capped(&path, MAX_BYTES, Follow::No).map_or_else(|_| Vec::new(), |bytes| parse(&bytes));
        Queries { path: Some(path), list }
    }

    /// Oldest first.
    pub fn list(&self) -> &[String] {
        &self.list
    }

    /// Remembers `query` as the newest (once: an older copy goes) and saves the
    /// history; says why when it could not be saved.
    pub fn push(&mut self, query: &str) -> Option<String> {
        let query = crate::text::sanitize_line(query.trim()).into_owned();
        if query.is_empty() {
            return None;
        }
        self.list.retain(|q| *q != query);
        self.list.push(query);
        let drop = self.list.len().saturating_sub(KEPT);
        self.list.drain(..drop);
        let path = self.path.as_ref()?;
        let mut text = self.list.join("\n");
        text.push('\n');
        write_private(path, text.as_bytes()).err().map(|e| format!("the query history was not saved: {e}"))
    }
}

fn parse(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut list: Vec<String> =
        text.lines().map(|l| crate::text::sanitize_line(l.trim()).into_owned()).filter(|l| !l.is_empty()).collect();
    let drop = list.len().saturating_sub(KEPT);
    list.drain(..drop);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_query_is_last_once_and_the_history_is_capped() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.toml");
        let mut q = Queries::beside(&state);
        for n in 0..KEPT + 5 {
            assert_eq!(q.push(&format!("query {n}")), None);
        }
        q.push("query 101");
        q.push("  ");
        let again = Queries::beside(&state);
        assert_eq!(again.list().len(), KEPT);
        assert_eq!(again.list().last().map(String::as_str), Some("query 101"), "moved to the newest, once");
        assert_eq!(again.list().iter().filter(|l| *l == "query 101").count(), 1);
        assert_eq!(again.list()[0], "query 5");
        let mode = std::fs::metadata(dir.path().join("queries")).unwrap();
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&mode.permissions()) & 0o777, 0o600);
    }

    #[test]
    fn a_hostile_history_file_is_read_as_harmless_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("queries"), "neum\n\x1b[2Jclear\n\n").unwrap();
        let q = Queries::beside(&dir.path().join("state.toml"));
        assert_eq!(q.list(), ["neum", "^[[2Jclear"]);
    }
}
