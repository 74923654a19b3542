//! Loading a folder of briefings into a [`Corpus`]: files are parsed in
//! parallel, then ids, links and backlinks are resolved in one pass.

mod fields;
mod parse;
mod resolve;
mod walk;

use std::io;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use fields::valid_id;
pub use parse::{LIKELIHOOD, Parsed, parse_file, parse_str};
pub use walk::{MAX_FILE_BYTES, walk};

use crate::model::Corpus;

/// Loads every briefing under `root`. Fails only when `root` cannot be read;
/// every problem inside it is a diagnostic in the corpus.
pub fn load(root: &Path) -> io::Result<Corpus> {
    load_with_progress(root, |_, _| {})
}

/// Like [`load`], calling `progress(done, total)` as files are parsed.
pub fn load_with_progress(root: &Path, progress: impl Fn(usize, usize) + Sync) -> io::Result<Corpus> {
    let found = walk(root)?;
    let parsed = parse_all(&found.files, &progress);
    Ok(resolve::resolve(root, found, parsed))
}

fn parse_all(files: &[std::path::PathBuf], progress: &(impl Fn(usize, usize) + Sync)) -> Vec<Parsed> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(files.len()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(files.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    mine.push((i, parse_file(path)));
                    progress(i + 1, files.len());
                }
                results.lock().unwrap_or_else(|e| e.into_inner()).extend(mine);
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, p)| p).collect()
}
