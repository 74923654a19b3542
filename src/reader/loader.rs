//! The reader's loader: the folder opened on a thread ([`crate::folder`]'s
//! rule), its corpus sent first and its search index after.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use crate::folder;
use crate::model::Corpus;
use crate::search::Index;

pub type Loaded = Result<(Arc<Corpus>, crate::search::PendingIndex), String>;

/// Loads the folder on a thread. The search index comes from the search
/// cache (as `brief search` keeps it) when the folder's files were the same
/// before and after the load, and the cached entities are the loaded ones;
/// else it is built and, when the files held still through the load, stored
/// there and used from there ([`folder::share`]): after an edit too, every
/// reader of the folder maps one copy. The first load (`store`) writes the
/// folder's snapshot after, when it parsed the folder, and then reads the
/// folder again from it and sends that, mapped rather than its own. It sends
/// the folder before its index is here, so the
/// screen need not wait for it. So does a reload when `early` says so: the
/// corpus and index it replaces are then let go before the new index is
/// built, rather than kept beside two new ones (the peak of a reload after
/// an edit; docs/PERFORMANCE.md, "One copy per host"). Searches meanwhile
/// wait for the new index. A reload under a filter, which needs the index
/// at once, sends both together, as the reader has a screen meanwhile.
/// A reload is given the corpus it replaces, `last`: a file that no longer
/// parses is shown as it last parsed, marked stale.
pub fn start_loading(
    dir: PathBuf,
    progress: Arc<(AtomicUsize, AtomicUsize)>,
    (store, early): (bool, bool),
    last: Option<Arc<Corpus>>,
) -> mpsc::Receiver<Loaded> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let show = |done, total| {
            progress.0.store(done, Ordering::Relaxed);
            progress.1.store(total, Ordering::Relaxed);
        };
        // The folder's key before the load (folder::index takes it again
        // after). On the first load, beside it (the screen waits); a reload,
        // which nothing waits for, keeps to fewer threads.
        let (before, loaded) = if store {
            std::thread::scope(|s| {
                let before = s.spawn(|| folder::before(&dir));
                let loaded = folder::corpus(&dir, show, last.as_deref());
                (before.join().unwrap_or_else(|_| folder::before(&dir)), loaded)
            })
        } else {
            (folder::before(&dir), folder::corpus(&dir, show, last.as_deref()))
        };
        drop(last);
        let (corpus, snapshot) = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
        };
        let (corpus, pending) = (Arc::new(corpus), crate::search::PendingIndex::default());
        let mut index = Filled(Some(Arc::clone(&pending)));
        let early = store || early;
        if early && tx.send(Ok((Arc::clone(&corpus), Arc::clone(&pending)))).is_err() {
            return;
        }
        // Its prose read from the folder, before any search.
        index.fill(folder::index(&dir, before, &corpus));
        if !early {
            let _ = tx.send(Ok((Arc::clone(&corpus), Arc::clone(&pending))));
        }
        if let (true, Some(snapshot)) = (store, snapshot)
            && snapshot.write()
        {
            // Parsed, the folder's text is this reader's own: read again from
            // the snapshot just written, it is mapped, one copy for the host.
            let before = folder::before(&dir);
            if let Ok((again, _)) = folder::corpus(&dir, |_, _| {}, Some(&corpus)) {
                let again = Arc::new(again);
                let index = crate::search::ready(folder::index(&dir, before, &again));
                drop((corpus, pending));
                let _ = tx.send(Ok((again, index)));
            }
        }
    });
    rx
}

/// The loader's promise of an index: filled once, and should the loader
/// end without filling it (a panic), filled with an empty one on the way
/// out, so that nothing waits for it forever.
struct Filled(Option<crate::search::PendingIndex>);

impl Filled {
    fn fill(&mut self, index: Index) {
        if let Some(pending) = self.0.take() {
            let _ = pending.set(index);
        }
    }
}

impl Drop for Filled {
    fn drop(&mut self) {
        self.fill(Index::build(&Corpus::default()));
    }
}
