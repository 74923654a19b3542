//! The built index on disk, so `brief search` on a large folder need not
//! parse every file again. Keyed on the folder and on each file's path, size
//! and times; checked with a version and a checksum per section; written
//! whole and then renamed into place. Anything odd about it means: build again.
//!
//! The file is untrusted input (anyone who can write the folder could craft
//! one with valid checksums): every offset and length is checked before use,
//! and it is opened without following a symlink, regular files only. It holds
//! the briefings' text, so it is private: 0600, in a 0700 folder.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::facets::{Facets, Lists};
use super::scope::Field;
use super::strs::Buf;
use super::tables::{Bytes, Strs, Tables};
use crate::files::{self, Follow};
use crate::mapping::Mapping;
use crate::model::Kind;

const MAGIC: &[u8; 8] = b"BRIEFIDX";
/// Bump when the layout or the way text is folded or split changes.
const VERSION: u32 = 8;
/// Magic, version, key.
const HEADER: usize = 8 + 4 + 8;

/// Where the cache of one folder lives, and what its files look like now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub path: PathBuf,
    pub hash: u64,
}

use crate::folder::store::{checksum, folder, store_with};

impl Key {
    /// Lists the folder as the loader does and fingerprints every file. Fails
    /// when the folder cannot be read; `None` inside means there is no cache folder.
    pub fn of(root: &Path) -> io::Result<Option<Key>> {
        match folder() {
            Some(dir) => Key::in_folder(root, &dir).map(Some),
            None => crate::load::walk(root).map(|_| None),
        }
    }

    /// Like [`Key::of`], with the cache in `dir`.
    pub fn in_folder(root: &Path, dir: &Path) -> io::Result<Key> {
        let files = crate::load::fingerprint(root)?;
        let canonical = fs::canonicalize(root)?;
        let mut material = Vec::with_capacity(files.len() + 256);
        material.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
        material.extend_from_slice(canonical.as_os_str().as_encoded_bytes());
        material.extend_from_slice(&files);
        Ok(Key { path: file_in(dir, &canonical), hash: checksum(&material) })
    }

    /// Where the cache of `root` is, whatever its files hold now.
    pub fn path_of(root: &Path) -> Option<PathBuf> {
        Some(file_in(&folder()?, &fs::canonicalize(root).ok()?))
    }
}

/// `search-<hash of the folder's canonical path>.idx` in `dir`.
fn file_in(dir: &Path, canonical: &Path) -> PathBuf {
    dir.join(format!("search-{:016x}.idx", checksum(canonical.as_os_str().as_encoded_bytes())))
}

/// The index stored under `key`, if it is there, whole, of this version and
/// for these files.
pub fn read(key: &Key) -> Option<Tables> {
    read_any(&key.path).filter(|(hash, _)| *hash == key.hash).map(|(_, tables)| tables)
}

/// The index stored at `path` when it is whole and of this version, with
/// the key's hash of the files it was built from. The file is mapped and its largest sections (the short
/// fields' text as shown and folded, their masks, the postings) are used
/// where they lie, shared by every reader of the folder; the others are
/// copied out.
pub fn read_any(path: &Path) -> Option<(u64, Tables)> {
    let file = files::open_regular(path, Follow::No).ok()?;
    let meta = file.metadata().ok()?;
    if meta.mode() & 0o077 != 0 {
        // Written by an older brief, readable by others: made private now.
        file.set_permissions(fs::Permissions::from_mode(0o600)).ok()?;
    }
    // Mapped when it can be; else read whole (and then nothing is shared).
    let (map, copy) = match Mapping::of(&file) {
        Ok(map) => (Some(Arc::new(map)), Vec::new()),
        Err(_) => (None, fs::read(path).ok()?),
    };
    let bytes = map.as_ref().map_or(&copy[..], |m| m.bytes());
    let head = bytes.get(..HEADER)?;
    let version = u32::from_le_bytes(head[8..12].try_into().ok()?);
    let hash = u64::from_le_bytes(head[12..20].try_into().ok()?);
    if &head[..8] != MAGIC || version != VERSION {
        return None;
    }
    let mut sections = Sections { bytes, map: map.as_ref(), at: HEADER };
    let tables = decode(&mut sections)?;
    // Nothing may follow the last section.
    let whole = sections.at == bytes.len();
    // Used now: the last to be pruned.
    let _ = file.set_modified(std::time::SystemTime::now());
    whole.then_some((hash, tables))
}

/// Stores the index under `key`, atomically ([`files::write_atomic`]), in a
/// private folder; streamed, never whole in memory.
pub fn write(key: &Key, tables: &Tables) -> io::Result<()> {
    store_with(&key.path, |file| {
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        out.write_all(&key.hash.to_le_bytes())?;
        encode(tables, &mut out)?;
        out.flush()
    })
}

fn put(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(&checksum(bytes).to_le_bytes())?;
    out.write_all(bytes)
}

fn put_u32s(out: &mut impl Write, values: &[u32]) -> io::Result<()> {
    put(out, &values.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>())
}

fn put_strs(out: &mut impl Write, s: &Strs) -> io::Result<()> {
    put_u32s(out, &s.starts)?;
    put(out, s.text.bytes())
}

fn encode(s: &Tables, out: &mut impl Write) -> io::Result<()> {
    let kinds: Vec<u8> = s.kinds.iter().map(|k| Kind::ALL.iter().position(|a| a == k).unwrap_or(0) as u8).collect();
    put(out, &kinds)?;
    put_u32s(out, &s.briefing)?;
    put_u32s(out, &s.first_field)?;
    put_u32s(out, &s.label_field)?;
    put(out, &s.field.iter().map(|f| *f as u8).collect::<Vec<u8>>())?;
    put_strs(out, &s.shown)?;
    put_strs(out, &s.folded)?;
    put(out, &s.masks)?;
    put_strs(out, &s.words)?;
    put_strs(out, &s.words_lower)?;
    put_u32s(out, &s.post_start)?;
    put(out, &s.postings)?;
    let f = &s.facets;
    put(out, &f.flags)?;
    put(out, &f.tlp)?;
    put(out, &f.grade.concat())?;
    put_u32s(out, &f.span.iter().flat_map(|&(a, b)| [a, b]).collect::<Vec<u32>>())?;
    for l in [&f.by, &f.about, &f.tags] {
        put_u32s(out, &l.start)?;
        put_u32s(out, &l.items)?;
    }
    put_strs(out, &f.tag_text)
}

/// The file's sections, each checked against its length and checksum:
/// copied out, or kept where they lie in the mapping.
struct Sections<'a> {
    bytes: &'a [u8],
    /// The mapping `bytes` is, when the file is mapped.
    map: Option<&'a Arc<Mapping>>,
    /// Where the next section starts.
    at: usize,
}

impl Sections<'_> {
    /// The next section's place in `bytes`, when it is whole.
    fn next(&mut self) -> Option<(usize, usize)> {
        let head = self.bytes.get(self.at..self.at.checked_add(16)?)?;
        let len = usize::try_from(u64::from_le_bytes(head[..8].try_into().ok()?)).ok()?;
        let sum = u64::from_le_bytes(head[8..].try_into().ok()?);
        let start = self.at + 16;
        // A damaged length is refused before anything is allocated for it.
        let body = self.bytes.get(start..start.checked_add(len)?)?;
        self.at = start + len;
        (checksum(body) == sum).then_some((start, len))
    }

    /// A section copied out: its pages in the mapping, never read again,
    /// go back to the page cache rather than count twice.
    fn bytes(&mut self) -> Option<Vec<u8>> {
        let (at, len) = self.next()?;
        let copy = self.bytes[at..at + len].to_vec();
        if let Some(map) = self.map {
            map.release_range(at, len);
        }
        Some(copy)
    }

    /// A section used where it lies in the mapping (copied when not mapped).
    fn in_place(&mut self) -> Option<Bytes> {
        let (at, len) = self.next()?;
        Some(match self.map {
            Some(map) => Bytes::Map(Arc::clone(map), at, len),
            None => Bytes::Own(self.bytes[at..at + len].to_vec()),
        })
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let raw = self.bytes()?;
        (raw.len() % 4 == 0)
            .then(|| raw.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    /// Strings, checked: ascending starts, each ended by a NUL, valid UTF-8;
    /// their text used in place when `in_place`.
    fn strs(&mut self, in_place: bool) -> Option<Strs> {
        let starts = self.u32s()?;
        let text = match (in_place, self.map) {
            (true, Some(map)) => {
                let (at, len) = self.next()?;
                Buf::mapped(map, at, len)?
            }
            _ => Buf::Own(String::from_utf8(self.bytes()?).ok()?),
        };
        let bytes = text.bytes();
        // Every start checked before it is used: `get`, since a crafted one may point anywhere.
        let ok = starts.first() == Some(&0)
            && starts.last().is_some_and(|&l| l as usize == bytes.len())
            && starts.windows(2).all(|w| w[0] < w[1] && bytes.get(w[1] as usize - 1) == Some(&0));
        ok.then_some(Strs { text, starts })
    }
}

/// Offsets that start at 0, never go down, and end at `limit`.
fn ascending(v: &[u32], len: usize, limit: usize) -> bool {
    v.len() == len
        && v.first() == Some(&0)
        && v.windows(2).all(|w| w[0] <= w[1])
        && v.last().is_some_and(|&l| l as usize == limit)
}

fn decode(r: &mut Sections<'_>) -> Option<Tables> {
    let kinds: Vec<Kind> = r.bytes()?.iter().map(|&k| Kind::ALL.get(usize::from(k)).copied()).collect::<Option<_>>()?;
    let (briefing, first_field, label_field) = (r.u32s()?, r.u32s()?, r.u32s()?);
    let field: Vec<Field> = r.bytes()?.iter().map(|&f| Field::from_u8(f)).collect::<Option<_>>()?;
    let (shown, folded, masks) = (r.strs(true)?, r.strs(true)?, r.in_place()?);
    let (words, words_lower, post_start, postings) = (r.strs(false)?, r.strs(false)?, r.u32s()?, r.in_place()?);
    let facets = facets(r)?;
    let (n, m) = (kinds.len(), field.len());
    let fits = briefing.len() == n
        && briefing.iter().all(|&b| (b as usize) < n)
        && ascending(&first_field, n + 1, m)
        && first_field.windows(2).all(|w| w[0] < w[1])
        && label_field.len() == n
        && label_field.iter().enumerate().all(|(e, &l)| l >= first_field[e] && l < first_field[e + 1])
        && shown.len() == m
        && folded.len() == m
        && masks.len() == m * 8
        && words.len() == words_lower.len()
        && ascending(&post_start, words.len() + 1, postings.len())
        && facets.fits(n);
    fits.then_some(Tables {
        kinds,
        briefing,
        first_field,
        label_field,
        field,
        shown,
        folded,
        masks,
        words,
        words_lower,
        post_start,
        postings,
        prose: None,
        facets,
    })
}

fn facets(r: &mut Sections<'_>) -> Option<Facets> {
    let (flags, tlp) = (r.bytes()?, r.bytes()?);
    let grade = r.bytes()?;
    let span = r.u32s()?;
    if grade.len() % 2 != 0 || span.len() % 2 != 0 {
        return None;
    }
    let mut lists = || Some(Lists { start: r.u32s()?, items: r.u32s()? });
    let (by, about, tags) = (lists()?, lists()?, lists()?);
    Some(Facets {
        flags,
        tlp,
        grade: grade.chunks_exact(2).map(|g| [g[0], g[1]]).collect(),
        span: span.chunks_exact(2).map(|s| (s[0], s[1])).collect(),
        by,
        about,
        tags,
        tag_text: r.strs(false)?,
    })
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
