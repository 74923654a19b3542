//! Many strings in one buffer: what the index and its cache hold text in.
//! A buffer is built here, or read in place from the mapped cache file
//! ([`Buf::Map`]), so every reader of a folder shares one copy of it.

use std::sync::Arc;

use crate::mapping::Mapping;

/// Many strings in one buffer, each followed by a NUL so that a search over
/// the whole buffer never matches across two of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strs {
    pub text: Buf,
    /// Where each string starts; one more entry than strings, the end of `text`.
    pub starts: Vec<u32>,
}

impl Strs {
    pub fn new() -> Strs {
        Strs { text: Buf::default(), starts: vec![0] }
    }

    pub fn push(&mut self, s: &str) {
        self.text.own().push_str(s);
        self.end();
    }

    /// Ends the string written straight into `text`.
    pub fn end(&mut self) {
        self.text.own().push('\0');
        self.starts.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> &str {
        self.text.slice(self.starts[i] as usize, self.starts[i + 1] as usize - 1)
    }

    /// Byte range of string `i` in `text`.
    pub fn range(&self, i: usize) -> (usize, usize) {
        (self.starts[i] as usize, self.starts[i + 1] as usize - 1)
    }

    /// Adds every string of `other` after these.
    pub fn append(&mut self, other: &Strs) {
        let shift = self.text.len() as u32;
        self.text.own().push_str(other.text.as_str());
        self.starts.extend(other.starts[1..].iter().map(|s| s + shift));
    }
}

/// The text of [`Strs`]: its own, or a range of a mapped file, read in place.
#[derive(Debug, Clone)]
pub enum Buf {
    Own(String),
    /// `len` bytes of the mapping from `at`: each string checked as UTF-8
    /// as it is used, never the whole at once (it is read in place, and the
    /// file could even be written under us, though brief never does).
    Map(Arc<Mapping>, usize, usize),
}

impl Default for Buf {
    fn default() -> Buf {
        Buf::Own(String::new())
    }
}

impl PartialEq for Buf {
    fn eq(&self, other: &Buf) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for Buf {}

impl Buf {
    /// `len` bytes of `map` from `at`, when they are in it.
    pub fn mapped(map: &Arc<Mapping>, at: usize, len: usize) -> Option<Buf> {
        map.get(at, len)?;
        Some(Buf::Map(Arc::clone(map), at, len))
    }

    pub fn bytes(&self) -> &[u8] {
        match self {
            Buf::Own(s) => s.as_bytes(),
            Buf::Map(map, at, len) => map.get(*at, *len).unwrap_or_default(),
        }
    }

    pub fn len(&self) -> usize {
        self.bytes().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes `a..b`, when they are whole UTF-8 (else a replacement mark).
    pub fn slice(&self, a: usize, b: usize) -> &str {
        match self {
            Buf::Own(s) => &s[a..b],
            Buf::Map(..) => self.bytes().get(a..b).and_then(|s| std::str::from_utf8(s).ok()).unwrap_or("\u{fffd}"),
        }
    }

    /// The whole text: at once when it is its own, checked whole when mapped.
    pub fn as_str(&self) -> &str {
        self.slice(0, self.len())
    }

    /// The text to build on; a mapped one is copied first.
    pub fn own(&mut self) -> &mut String {
        if let Buf::Map(..) = self {
            *self = Buf::Own(self.as_str().to_string());
        }
        match self {
            Buf::Own(s) => s,
            Buf::Map(..) => unreachable!("made its own above"),
        }
    }
}

/// Bytes the index keeps: its own, or read in place from the mapped cache.
#[derive(Debug, Clone)]
pub enum Bytes {
    Own(Vec<u8>),
    Map(Arc<Mapping>, usize, usize),
}

impl Default for Bytes {
    fn default() -> Bytes {
        Bytes::Own(Vec::new())
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        **self == **other
    }
}

impl Eq for Bytes {}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Own(v) => v,
            Bytes::Map(map, at, len) => map.get(*at, *len).unwrap_or_default(),
        }
    }
}

impl Bytes {
    /// The bytes to build on; mapped ones are copied first.
    pub fn own(&mut self) -> &mut Vec<u8> {
        if let Bytes::Map(..) = self {
            *self = Bytes::Own(self.to_vec());
        }
        match self {
            Bytes::Own(v) => v,
            Bytes::Map(..) => unreachable!("made its own above"),
        }
    }
}
