//! Loading a folder of briefings into a [`Corpus`]: files are parsed in
//! parallel, then ids, links and backlinks are resolved in one pass.

mod keep;
mod links;
mod order;
mod parse;
mod resolve;
mod table;
mod walk;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

pub use keep::LastGood;
pub use parse::{Parsed, Raw, parse_file, parse_str};
pub use table::{Lines, valid_id};
pub use walk::{Found, MAX_FILE_BYTES, file_stamp, fingerprint, walk};

use crate::model::Corpus;

/// Loads every briefing under `root`. Fails only when `root` cannot be read;
/// every problem inside it is a diagnostic in the corpus.
pub fn load(root: &Path) -> io::Result<Corpus> {
    load_with_progress(root, |_, _| {})
}

/// Like [`load`], calling `progress(done, total)` as files are parsed.
pub fn load_with_progress(root: &Path, progress: impl Fn(usize, usize) + Sync) -> io::Result<Corpus> {
    Ok(load_found(root, walk(root)?, progress, |_, path| parse_file(path)))
}

/// Like [`load`], loading again after `last`: a file that no longer parses
/// is shown as it last parsed, marked stale ([`LastGood`]).
pub fn reload(root: &Path, last: &Corpus) -> io::Result<Corpus> {
    let keep = LastGood::new(last);
    Ok(load_found(root, walk(root)?, |_, _| {}, |_, path| keep.keep(path, parse_file(path))))
}

/// The corpus of the files [`walk`] found, each read by `read(i, path)` on
/// every core (parsed, or taken from a snapshot), calling `progress(done,
/// total)` as they come.
pub fn load_found(
    root: &Path,
    found: Found,
    progress: impl Fn(usize, usize),
    read: impl Fn(usize, &Path) -> Parsed + Sync,
) -> Corpus {
    let files = found.files.clone();
    let mut corpus = resolve::Builder::new(root, found);
    parse_in_order(&files, read, |i, parsed| {
        corpus.add(i, parsed);
        progress(i + 1, files.len());
    });
    corpus.finish()
}

/// A corpus from files' texts rather than from disk (a git revision's, say):
/// each `(path, text)` read as that file would be, beside the `problems` of
/// files that could not be read.
pub fn load_texts(root: &Path, files: Vec<(PathBuf, String)>, problems: Vec<crate::diag::Diagnostic>) -> Corpus {
    let (paths, texts): (Vec<PathBuf>, Vec<String>) = files.into_iter().unzip();
    let mut corpus = resolve::Builder::new(root, walk::Found { files: paths.clone(), problems });
    // Parsed on every core, in chunks, and added in file order.
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let chunk = paths.len().div_ceil(cores).max(1);
    let parsed: Vec<Vec<Parsed>> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .zip(texts.chunks(chunk))
            .map(|(ps, ts)| s.spawn(move || ps.iter().zip(ts).map(|(p, t)| parse_str(p, t)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    for (i, p) in parsed.into_iter().flatten().enumerate() {
        corpus.add(i, p);
    }
    corpus.finish()
}

/// Parses files on every core and hands each result over in file order, as
/// soon as it is due: a folder's parsed files never wait in memory all at once.
fn parse_in_order(
    files: &[PathBuf],
    read: impl Fn(usize, &Path) -> Parsed + Sync,
    mut deliver: impl FnMut(usize, Parsed),
) {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).min(files.len().max(1));
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let (tx, next, read) = (tx.clone(), &next, &read);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send((i, read(i, path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, parsed) in rx {
            waiting.insert(i, parsed);
            while let Some(parsed) = waiting.remove(&due) {
                deliver(due, parsed);
                due += 1;
            }
        }
    });
}
