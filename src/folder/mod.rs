//! Opening a briefing folder, the one way the commands, `brief search` and
//! the reader all do it:
//! - the corpus comes from the folder's snapshot, parsing only the files
//!   changed since it was written ([`crate::snapshot`]);
//! - the search index comes from the cache when the folder's key (every
//!   file's path, size and times) is the same after the corpus was read as
//!   before, and the cached entities are the corpus's; else it is built, and
//!   stored only under a key that held through the read, so an index is
//!   never cached for files it was not built from.
//!
//! The cache folder itself (where, checked how, pruned when) is [`store`].

pub mod store;

use std::io;
use std::path::Path;
use std::sync::Arc;

use crate::model::Corpus;
use crate::search::Index;
use crate::search::cache::{self, Key};

pub use crate::snapshot::Pending;

/// The folder's key, taken before its corpus is read; `None` without a cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before(Option<Key>);

/// Takes the folder's key before its corpus is read.
pub fn before(dir: &Path) -> Before {
    Before(Key::of(dir).ok().flatten())
}

/// The corpus, the snapshot written when it is due.
pub fn load(dir: &Path) -> io::Result<Corpus> {
    crate::snapshot::load(dir)
}

/// The corpus, calling `progress(done, total)`; a reload passes the corpus
/// it replaces (`last`), so a file that no longer parses is kept as it last
/// parsed. The new snapshot, when one is due, is the caller's to write.
pub fn corpus(
    dir: &Path,
    progress: impl Fn(usize, usize),
    last: Option<&Corpus>,
) -> io::Result<(Corpus, Option<Pending>)> {
    crate::snapshot::load_with_progress(dir, progress, last)
}

/// The index of `corpus`, read from `dir` after `before` was taken: the
/// cached one when the folder did not change meanwhile and it indexes these
/// entities, else built; either way reading its prose from `corpus`. With a
/// built one, the key to store it under, when the folder did not change
/// meanwhile.
pub fn index(dir: &Path, before: Before, corpus: &Arc<Corpus>) -> (Index, Option<Key>) {
    let held = held(dir, before);
    let cached = held.as_ref().and_then(cache::read).map(Index::from_store).filter(|i| i.indexes(corpus));
    match cached {
        Some(mut index) => {
            index.restore_prose(corpus);
            (index, None)
        }
        None => (Index::build_on(corpus), held),
    }
}

/// Stores a built index under `key`; a cache that cannot be written only
/// costs speed next time.
pub fn store(key: &Key, index: &Index) {
    let _ = cache::write(key, index.tables());
}

/// `brief search`'s index: the cached one when it is the folder's as it is
/// now, with no briefing read; else the corpus read, its index built and
/// stored by the rule above. The cache is read and checked while the
/// folder's key is taken, on two cores at once, and used only if they agree.
pub fn search_index(dir: &Path) -> io::Result<Index> {
    let (before, cached) = std::thread::scope(|s| {
        let cached = s.spawn(|| Key::path_of(dir).and_then(|path| cache::read_any(&path)));
        (before(dir), cached.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    if let (Some(key), Some((hash, tables))) = (&before.0, cached)
        && key.hash == hash
    {
        return Ok(Index::from_store(tables));
    }
    // The cache was just found wanting: build, without reading it again.
    let index = Index::build(&load(dir)?);
    if let Some(key) = held(dir, before) {
        store(&key, &index);
    }
    Ok(index)
}

/// The key taken `before` the corpus was read, if the folder still has it.
fn held(dir: &Path, before: Before) -> Option<Key> {
    before.0.filter(|key| Key::of(dir).ok().flatten().as_ref() == Some(key))
}
