//! What the index holds, in a few flat arrays (cheap to build, to search and
//! to write to the cache): per entity its kind, id, label and briefing; its
//! short fields as shown and folded; a vocabulary of prose words with the
//! entities that use them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::fields::{Field, prose_fields, short_fields};
use super::fold::{fold_into, is_word_char};
use super::short::byte_mask;
use crate::model::{Corpus, Kind};
use crate::text::sanitize_line;

/// Many strings in one buffer, each followed by a NUL so that a search over
/// the whole buffer never matches across two of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strs {
    pub text: String,
    /// Where each string starts; one more entry than strings, the end of `text`.
    pub starts: Vec<u32>,
}

impl Strs {
    pub fn new() -> Strs {
        Strs { text: String::new(), starts: vec![0] }
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.end();
    }

    /// Ends the string written straight into `text`.
    pub fn end(&mut self) {
        self.text.push('\0');
        self.starts.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize - 1]
    }

    /// Byte range of string `i` in `text`.
    pub fn range(&self, i: usize) -> (usize, usize) {
        (self.starts[i] as usize, self.starts[i + 1] as usize - 1)
    }
}

/// Prose as read, kept for the words around a match (absent in an index read from the cache).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProseText {
    /// Per entity, its first prose field (one more entry than entities).
    pub first: Vec<u32>,
    pub field: Vec<Field>,
    pub text: Strs,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
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
    /// Per short field, the bytes it holds ([`byte_mask`]): a quick no for scattered letters.
    pub masks: Vec<u64>,
    /// Prose words folded with their case kept, and lowercased.
    pub words: Strs,
    pub words_lower: Strs,
    /// Per word, where its postings start in `postings` (one more entry than words).
    pub post_start: Vec<u32>,
    /// Per word, `entity << 4 | prose field` ascending, as varint deltas.
    pub postings: Vec<u8>,
    pub prose: Option<ProseText>,
}

/// FxHash: the vocabulary is hashed millions of times while building, and it
/// needs no protection against chosen collisions.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

struct Vocabulary {
    ids: HashMap<String, u32, BuildHasherDefault<Fx>>,
    lists: Vec<Vec<u32>>,
    words: Strs,
}

impl Vocabulary {
    fn add(&mut self, word: &str, posting: u32) {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.lists.len() as u32;
                self.ids.insert(word.to_string(), id);
                self.words.push(word);
                self.lists.push(Vec::new());
                id
            }
        };
        let list = &mut self.lists[id as usize];
        if list.last() != Some(&posting) {
            list.push(posting);
        }
    }
}

pub fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl Store {
    pub fn build(corpus: &Corpus) -> Store {
        let n = corpus.entities.len();
        let mut s = Store { shown: Strs::new(), folded: Strs::new(), first_field: vec![0], ..Store::default() };
        let mut prose = ProseText { first: vec![0], text: Strs::new(), ..ProseText::default() };
        let mut vocab = Vocabulary { ids: HashMap::default(), lists: Vec::new(), words: Strs::new() };
        let mut word = String::new();
        for (eid, e) in corpus.entities.iter().enumerate() {
            s.kinds.push(e.kind());
            s.briefing.push(e.briefing as u32);
            let (label, fields) = short_fields(corpus, e);
            s.label_field.push((s.field.len() + label) as u32);
            for (field, text) in fields {
                let shown = sanitize_line(&text);
                s.field.push(field);
                s.shown.push(&shown);
                let start = s.folded.text.len();
                fold_into(&shown, true, &mut s.folded.text);
                s.masks.push(byte_mask(&s.folded.text[start..]));
                s.folded.end();
            }
            s.first_field.push(s.field.len() as u32);
            for (field, text) in prose_fields(e) {
                let plain = corpus.plain(text);
                let shown = sanitize_line(&plain);
                let posting = (eid as u32) << 4 | field as u32;
                for w in shown.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
                    word.clear();
                    fold_into(w, false, &mut word);
                    vocab.add(&word, posting);
                }
                prose.field.push(field);
                prose.text.push(&shown);
            }
            prose.first.push(prose.field.len() as u32);
        }
        debug_assert_eq!(s.kinds.len(), n);
        s.set_vocabulary(vocab);
        s.prose = Some(prose);
        s
    }

    fn set_vocabulary(&mut self, vocab: Vocabulary) {
        self.words_lower = Strs::new();
        for i in 0..vocab.words.len() {
            let w = vocab.words.get(i);
            fold_into(w, true, &mut self.words_lower.text);
            self.words_lower.end();
        }
        self.words = vocab.words;
        self.post_start = vec![0];
        for mut list in vocab.lists {
            list.sort_unstable();
            list.dedup();
            let mut prev = 0;
            for v in list {
                push_varint(&mut self.postings, v - prev);
                prev = v;
            }
            self.post_start.push(self.postings.len() as u32);
        }
    }

    pub fn entities(&self) -> usize {
        self.kinds.len()
    }

    pub fn id(&self, e: usize) -> &str {
        self.shown.get(self.first_field[e] as usize)
    }

    pub fn label(&self, e: usize) -> &str {
        self.shown.get(self.label_field[e] as usize)
    }

    /// Short fields of an entity, as a range of field numbers.
    pub fn fields_of(&self, e: usize) -> std::ops::Range<usize> {
        self.first_field[e] as usize..self.first_field[e + 1] as usize
    }

    /// Decodes a word's postings: `(entity, prose field)` ascending.
    pub fn postings(&self, word: usize) -> Postings<'_> {
        let (a, b) = (self.post_start[word] as usize, self.post_start[word + 1] as usize);
        Postings { bytes: &self.postings[a..b], at: 0, prev: 0 }
    }
}

pub struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    prev: u32,
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
        Some(((self.prev >> 4) as usize, (self.prev & 0xf) as u8))
    }
}
