//! What the index holds, in a few flat arrays (cheap to build, to search and
//! to write to the cache): per entity its kind, id, label and briefing; its
//! short fields as shown and folded; a vocabulary of prose words with the
//! entities that use them.

use super::scope::Field;
pub use super::strs::{Buf, Bytes, Strs};
use crate::model::Kind;

/// Prose as read, kept for the words around a match (absent in an index read from the cache).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProseText {
    /// Per entity, its first prose field (one more entry than entities).
    pub first: Vec<u32>,
    pub field: Vec<Field>,
    pub text: Strs,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tables {
    pub kinds: Vec<Kind>,
    /// The entity of the briefing whose file defines each entity.
    pub briefing: Vec<u32>,
    /// Per entity, its first short field, always its id (one more entry than entities).
    pub first_field: Vec<u32>,
    /// Per entity, the short field that is its label (title, name or claim text).
    pub label_field: Vec<u32>,
    pub field: Vec<Field>,
    /// Short fields as shown (one line, sanitized) and folded to lowercase.
    pub shown: Strs,
    pub folded: Strs,
    /// Per short field, the bytes it holds (`short::byte_mask`), a little-endian
    /// `u64` each ([`Tables::mask`]): a quick no for scattered letters.
    pub masks: Bytes,
    /// Prose words folded with their case kept, and lowercased.
    pub words: Strs,
    pub words_lower: Strs,
    /// Per word, where its postings start in `postings` (one more entry than words).
    pub post_start: Vec<u32>,
    /// Per word, `entity << 4 | prose field` ascending, as varint deltas.
    pub postings: Bytes,
    pub prose: Option<ProseText>,
    /// What the filters read.
    pub facets: super::facets::Facets,
}

impl Tables {
    pub fn entities(&self) -> usize {
        self.kinds.len()
    }

    pub fn id(&self, e: usize) -> &str {
        self.shown.get(self.first_field[e] as usize)
    }

    pub fn label(&self, e: usize) -> &str {
        self.shown.get(self.label_field[e] as usize)
    }

    /// The bytes short field `f` holds; none when the mapped cache was cut under us.
    pub fn mask(&self, f: usize) -> u64 {
        self.masks.get(f * 8..f * 8 + 8).map_or(0, |m| u64::from_le_bytes(m.try_into().unwrap_or_default()))
    }

    /// The entity short field `f` belongs to (found, not kept: a table of
    /// them was 7 MB on 10,000 briefings).
    pub fn entity_of(&self, f: usize) -> usize {
        self.first_field.partition_point(|&s| s as usize <= f).saturating_sub(1)
    }

    /// Short fields of an entity, as a range of field numbers.
    pub fn fields_of(&self, e: usize) -> std::ops::Range<usize> {
        self.first_field[e] as usize..self.first_field[e + 1] as usize
    }

    /// Decodes a word's postings: `(entity, prose field)` ascending.
    pub fn postings(&self, word: usize) -> Postings<'_> {
        let (a, b) = (self.post_start[word] as usize, self.post_start[word + 1] as usize);
        Postings { bytes: &self.postings[a..b], at: 0, prev: 0, limit: self.entities() }
    }
}

pub struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    prev: u32,
    /// The number of entities: postings are read from the mapped cache
    /// file, so one naming an entity past the end ends them, never a panic.
    limit: usize,
}

impl Iterator for Postings<'_> {
    type Item = (usize, u8);

    fn next(&mut self) -> Option<(usize, u8)> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        self.prev = self.prev.wrapping_add(v);
        let e = (self.prev >> 4) as usize;
        (e < self.limit).then_some((e, (self.prev & 0xf) as u8))
    }
}
