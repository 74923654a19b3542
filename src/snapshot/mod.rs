//! A snapshot of a folder's parsed files, kept per user beside the search
//! cache: a load takes each file whose size, times and inode are what they
//! were from the snapshot, and parses only the others. The layout of a
//! snapshot file is in docs/SEARCH.md, "The snapshot".

mod codec;

pub use codec::{body_at, label_at};

use std::collections::HashMap;
use std::fs;
use std::io;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use crate::files::{self, Follow};
use crate::folder::store::{checksum, folder, store_with};
use crate::load::{self, parse_file};
use crate::mapping::Mapping;
use crate::model::Corpus;

const MAGIC: &[u8; 8] = b"BRIEFSNP";
/// Bump when the layout changes.
const VERSION: u32 = 4;
/// One file's parse is at most this long (a 4 MiB file's is far less).
const BODY_LIMIT: usize = 64 << 20;

/// Loads `root` as [`load::load`] does, taking what it can from the snapshot
/// and writing a new one when any file was parsed.
pub fn load(root: &Path) -> io::Result<Corpus> {
    let (corpus, pending) = load_with_progress(root, |_, _| {}, None)?;
    if let Some(p) = pending {
        p.write();
    }
    Ok(corpus)
}

/// Like [`load`], calling `progress(done, total)`, and leaving the new
/// snapshot, when one is due, for the caller to write when it suits (the
/// reader, after its screen is shown; or never, on a reload after an edit).
/// On a reload, `last` is the corpus it replaces: a file that no longer
/// parses is taken from it, as it last parsed ([`load::LastGood`]); the
/// snapshot keeps what the file holds now.
pub fn load_with_progress(
    root: &Path,
    progress: impl Fn(usize, usize),
    last: Option<&Corpus>,
) -> io::Result<(Corpus, Option<Pending>)> {
    let found = load::walk(root)?;
    let last = last.map(load::LastGood::new);
    let keep = |p: &Path, got: load::Parsed| match &last {
        Some(last) => last.keep(p, got),
        None => got,
    };
    let Some(path) = snapshot_path(root) else {
        return Ok((load::load_found(root, found, progress, |_, p| keep(p, parse_file(p))), None));
    };
    let old = Snapshot::open(&path, &build());
    let names: Vec<Vec<u8>> = found.files.iter().map(|f| relative(root, f)).collect();
    let stamps: Vec<Vec<u8>> = found.files.iter().map(|f| stamp(f)).collect();
    let entries = old.as_ref().map_or(&[][..], |s| &s.entries[..]);
    let by_name: HashMap<&[u8], &Entry> = entries.iter().map(|e| (e.name.as_slice(), e)).collect();
    // The entry of each file that is as it was.
    let kept: Vec<Option<&Entry>> = names
        .iter()
        .zip(&stamps)
        .map(|(name, stamp)| by_name.get(name.as_slice()).copied().filter(|e| !stamp.is_empty() && e.stamp == *stamp))
        .collect();
    // Each file parsed now, as it goes into the next snapshot.
    let parsed: Mutex<Vec<Option<Vec<u8>>>> = Mutex::new(vec![None; names.len()]);
    let corpus = load::load_found(root, found, progress, |i, p| {
        if let (Some(s), Some(e)) = (&old, kept[i])
            && let Some(got) = s.decode(e, p)
        {
            return keep(p, got);
        }
        let got = parse_file(p);
        let mut bytes = Vec::new();
        codec::encode(&got, &mut bytes);
        parsed.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(bytes);
        keep(p, got)
    });
    // Every body was read once, to check it, and every link's id once, to
    // resolve it; from now on only what is shown is read.
    if let Some(map) = old.as_ref().and_then(|s| s.map.as_ref()) {
        map.release();
    }
    let parsed = parsed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Written again when it saves enough: with no snapshot, or when more than
    // one file in 50 was parsed or came or went. A file edited since costs
    // a parse each load until then; a quarter-gigabyte rewrite after every
    // edit would cost more.
    let fresh = parsed.iter().filter(|p| p.is_some()).count();
    let due = old.is_none() || (fresh + entries.len().abs_diff(names.len())) * 50 > names.len();
    if !due {
        return Ok((corpus, None));
    }
    // A file is parsed now or kept: every body is one or the other.
    let bodies = parsed
        .into_iter()
        .zip(&kept)
        .map(|(fresh, old)| match (fresh, old) {
            (Some(b), _) => Body::New(b),
            (None, Some(e)) => Body::Old(e.at, e.len, e.sum),
            (None, None) => Body::New(Vec::new()),
        })
        .collect();
    Ok((corpus, Some(Pending { path, old: old.map(|s| s.file), names, stamps, bodies })))
}

/// A file's parse in the snapshot to write: made now, or where the old
/// snapshot has it (offset, length, checksum).
enum Body {
    New(Vec<u8>),
    Old(u64, u64, u64),
}

/// A snapshot due to be written.
pub struct Pending {
    path: PathBuf,
    old: Option<fs::File>,
    names: Vec<Vec<u8>>,
    stamps: Vec<Vec<u8>>,
    bodies: Vec<Body>,
}

impl Pending {
    /// Writes it, streamed (never whole in memory); one that cannot be
    /// written only costs speed next time. Whether it was written.
    pub fn write(self) -> bool {
        store_with(&self.path, |file| {
            let mut out = io::BufWriter::with_capacity(1 << 20, file);
            let mut index = Vec::new();
            Snapshot::header(&mut index, &build(), self.names.len());
            for (i, body) in self.bodies.iter().enumerate() {
                let (len, sum) = match body {
                    Body::New(b) => (b.len() as u64, checksum(b)),
                    Body::Old(_, len, sum) => (*len, *sum),
                };
                Snapshot::entry(&mut index, &self.names[i], &self.stamps[i], len, sum);
            }
            out.write_all(&index)?;
            for body in &self.bodies {
                match (body, &self.old) {
                    (Body::New(b), _) => out.write_all(b)?,
                    (Body::Old(at, len, _), Some(f)) => out.write_all(&read_at(f, *at, *len)?)?,
                    (Body::Old(..), None) => return Err(io::Error::other("the old snapshot is gone")),
                }
            }
            out.flush()
        })
        .is_ok()
    }
}

/// `len` bytes of `file` from `at`, when they are there and not absurdly many.
fn read_at(file: &fs::File, at: u64, len: u64) -> io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let len = usize::try_from(len).ok().filter(|&n| n <= BODY_LIMIT).ok_or_else(|| io::Error::other("too large"))?;
    let mut buf = vec![0; len];
    file.read_exact_at(&mut buf, at)?;
    Ok(buf)
}

/// `snap-<hash of the folder's canonical path>.bin` in the cache folder.
fn snapshot_path(root: &Path) -> Option<PathBuf> {
    let canonical = fs::canonicalize(root).ok()?;
    Some(folder()?.join(format!("snap-{:016x}.bin", checksum(canonical.as_os_str().as_encoded_bytes()))))
}

fn relative(root: &Path, file: &Path) -> Vec<u8> {
    file.strip_prefix(root).unwrap_or(file).as_os_str().as_encoded_bytes().to_vec()
}

/// A file's size, times and inode as bytes; empty when it cannot be read.
fn stamp(file: &Path) -> Vec<u8> {
    let mut out = Vec::with_capacity(48);
    if let Ok(meta) = fs::metadata(file) {
        load::file_stamp(&meta, &mut out);
    }
    out
}

/// What made the snapshot: brief's version and its program file's size and
/// time, so a rebuilt brief (whose parsing may differ) never reads an older one's.
fn build() -> Vec<u8> {
    let mut out = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
        load::file_stamp(&meta, &mut out);
    }
    out
}

/// A file as it is now: device, inode, size, change time.
type Identity = (u64, u64, u64, i64, i64);

/// The last snapshot mapped, while anything still reads from it, and the file it is.
static LAST: Mutex<Option<(Identity, Weak<Mapping>)>> = Mutex::new(None);

/// `file` mapped, or the mapping of it still in use: a reload, which reads
/// the snapshot its corpus came from, maps it once, not a second time.
fn mapped(file: &fs::File) -> Option<Arc<Mapping>> {
    use std::os::unix::fs::MetadataExt;
    let m = file.metadata().ok()?;
    let key = (m.dev(), m.ino(), m.size(), m.ctime(), m.ctime_nsec());
    let mut last = LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(map) = last.as_ref().filter(|(k, _)| *k == key).and_then(|(_, map)| map.upgrade()) {
        return Some(map);
    }
    let map = Arc::new(Mapping::of(file).ok()?);
    *last = Some((key, Arc::downgrade(&map)));
    Some(map)
}

/// One file in a snapshot: its name and stamp, and where its parse is.
struct Entry {
    name: Vec<u8>,
    stamp: Vec<u8>,
    at: u64,
    len: u64,
    sum: u64,
}

/// An open snapshot: its index read, its entries read when asked for,
/// where they lie in the mapped file (so every reader of the folder shares
/// their text), or read into memory when it cannot be mapped.
struct Snapshot {
    file: fs::File,
    map: Option<Arc<Mapping>>,
    entries: Vec<Entry>,
}

impl Snapshot {
    /// The header: magic, version, the build, the number of files.
    fn header(out: &mut Vec<u8>, build: &[u8], files: usize) {
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(build.len() as u32).to_le_bytes());
        out.extend_from_slice(build);
        out.extend_from_slice(&(files as u32).to_le_bytes());
    }

    /// One file's line of the index: name, stamp, its parse's length and checksum.
    fn entry(out: &mut Vec<u8>, name: &[u8], stamp: &[u8], len: u64, sum: u64) {
        for part in [name, stamp] {
            out.extend_from_slice(&(part.len() as u32).to_le_bytes());
            out.extend_from_slice(part);
        }
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&sum.to_le_bytes());
    }

    /// The snapshot at `path` when it is whole and of this build; its parses
    /// follow the index, in order, and end the file.
    fn open(path: &Path, build: &[u8]) -> Option<Snapshot> {
        let file = files::open_regular(path, Follow::No).ok()?;
        let size = file.metadata().ok()?.len();
        let mut r = io::BufReader::with_capacity(1 << 16, &file);
        let mut at = 0u64;
        let mut bytes = |n: usize| -> Option<Vec<u8>> {
            at = at.checked_add(n as u64).filter(|&end| end <= size)?;
            let mut buf = vec![0; n];
            r.read_exact(&mut buf).ok()?;
            Some(buf)
        };
        let u32_of = |b: Vec<u8>| Some(u32::from_le_bytes(b.try_into().ok()?) as usize);
        let u64_of = |b: Vec<u8>| Some(u64::from_le_bytes(b.try_into().ok()?));
        if bytes(8)? != MAGIC || u32_of(bytes(4)?)? != VERSION as usize {
            return None;
        }
        let n = u32_of(bytes(4)?)?;
        if bytes(n)? != build {
            return None;
        }
        let files = u32_of(bytes(4)?)?;
        let mut entries = Vec::with_capacity(files.min(1 << 20));
        for _ in 0..files {
            let n = u32_of(bytes(4)?)?;
            let name = bytes(n)?;
            let n = u32_of(bytes(4)?)?;
            let stamp = bytes(n)?;
            let (len, sum) = (u64_of(bytes(8)?)?, u64_of(bytes(8)?)?);
            entries.push(Entry { name, stamp, at: 0, len, sum });
        }
        for e in &mut entries {
            e.at = at;
            at = at.checked_add(e.len)?;
        }
        drop(r);
        if at != size {
            return None;
        }
        // Mapped as it was measured: a file changed since is not used.
        let map = mapped(&file).filter(|m| m.len() as u64 == size);
        Some(Snapshot { file, map, entries })
    }

    /// An entry's parse, when its bytes are whole: checked once here, and
    /// its text checked again on every use ([`crate::model::Text`]).
    fn decode(&self, e: &Entry, path: &Path) -> Option<load::Parsed> {
        if let Some(map) = &self.map {
            let end = usize::try_from(e.at.checked_add(e.len)?).ok()?;
            let body = map.bytes().get(usize::try_from(e.at).ok()?..end)?;
            return (checksum(body) == e.sum).then(|| codec::decode(body, path, Some(map))).flatten();
        }
        let body = read_at(&self.file, e.at, e.len).ok()?;
        (checksum(&body) == e.sum).then(|| codec::decode(&body, path, None)).flatten()
    }
}
