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
/// entities, else built, and then, when the folder did not change
/// meanwhile, shared through the cache ([`share`]); either way reading its
/// prose from `corpus`.
pub fn index(dir: &Path, before: Before, corpus: &Arc<Corpus>) -> Index {
    let held = held(dir, before);
    let cached = held.as_ref().and_then(cache::read).map(Index::from_store).filter(|i| i.indexes(corpus));
    if let Some(mut index) = cached {
        index.restore_prose(corpus);
        return index;
    }
    let built = Index::build_on(corpus);
    // Building read every body in the snapshot: its pages go back to the page cache.
    corpus.release_mapped();
    match held {
        Some(key) => share(&key, built, corpus),
        None => built,
    }
}

/// Stores a built index under `key`; a cache that cannot be written only
/// costs speed next time.
pub fn store(key: &Key, index: &Index) {
    let _ = cache::write(key, index.tables());
}

/// A built index of `corpus` made the one every reader of the
/// folder maps, so that it is not a private copy in each: the index another
/// reader stored under `key` meanwhile, else this one stored there and let
/// go before it is read back (not held twice at once); either way read from
/// the cache. The built one when the cache cannot be written; built again
/// in the rare case that what was written does not read back.
pub fn share(key: &Key, built: Index, corpus: &Arc<Corpus>) -> Index {
    let stored = || {
        let mut index = cache::read(key).map(Index::from_store).filter(|i| i.indexes(corpus))?;
        index.restore_prose(corpus);
        Some(index)
    };
    let _held = key.path.parent().and_then(store::lock);
    if let Some(theirs) = stored() {
        return theirs;
    }
    if cache::write(key, built.tables()).is_err() {
        return built;
    }
    drop(built);
    stored().unwrap_or_else(|| Index::build_on(corpus))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tables::Buf;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_built_index_is_shared_through_the_cache_and_a_second_reader_maps_the_first_s() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
        let cache = tempfile::tempdir().expect("cache folder");
        let key = Key::in_folder(&root, cache.path()).expect("key");
        let corpus = Arc::new(load(&root).expect("the seed briefings load"));
        let hits = |i: &Index| i.search("neumann", 20).into_iter().map(|h| (h.entity, h.text)).collect::<Vec<_>>();
        let built = Index::build_on(&corpus);
        let want = hits(&built);
        assert!(!want.is_empty());
        let first = share(&key, built, &corpus);
        assert!(matches!(first.tables().folded.text, Buf::Map(..)), "read from the cache, not kept private");
        assert_eq!(hits(&first), want, "the same answers");
        let inode = fs_inode(&key.path);
        // A second reader that built the same index finds it stored: it maps
        // that file rather than writing its own.
        let second = share(&key, Index::build_on(&corpus), &corpus);
        assert!(matches!(second.tables().folded.text, Buf::Map(..)));
        assert_eq!((fs_inode(&key.path), hits(&second)), (inode, want));
        // With no cache to write to (its folder a file), the built index is kept.
        std::fs::write(cache.path().join("a-file"), "").expect("a file");
        let nowhere = Key { path: cache.path().join("a-file/search.idx"), ..key };
        let kept = share(&nowhere, Index::build_on(&corpus), &corpus);
        assert!(matches!(kept.tables().folded.text, Buf::Own(..)));
    }

    fn fs_inode(path: &Path) -> u64 {
        std::fs::metadata(path).expect("the cache file").ino()
    }
}
