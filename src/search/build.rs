//! Building the index from a corpus: entities are read in a few parts at once,
//! one per core, and the parts joined in order.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::fold::{fold_into, is_word_char};
use super::scope::{prose_fields, short_fields};
use super::short::byte_mask;
use super::tables::{Bytes, ProseText, Strs, Tables};
use crate::model::Corpus;
use crate::text::sanitize_line;

/// Below this many entities one thread is quicker than starting more.
const ENTITIES_PER_THREAD: usize = 4000;

/// Each distinct prose word once, with the `entity << 4 | field` postings of its uses.
#[derive(Default)]
struct Vocabulary {
    /// foldhash, not `SipHash`: the vocabulary is hashed millions of times while
    /// building, and it needs no protection against chosen collisions.
    ids: HashMap<String, u32, foldhash::fast::FixedState>,
    lists: Vec<Vec<u32>>,
    words: Vec<String>,
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> usize {
        if let Some(&id) = self.ids.get(word) {
            return id as usize;
        }
        let id = self.lists.len();
        self.ids.insert(word.to_string(), id as u32);
        self.words.push(word.to_string());
        self.lists.push(Vec::new());
        id
    }

    fn add(&mut self, word: &str, posting: u32) {
        let id = self.id(word);
        let list = &mut self.lists[id];
        if list.last() != Some(&posting) {
            list.push(posting);
        }
    }

    /// Takes in a later part's words; its entities all come after these, so lists stay in order.
    fn join(&mut self, later: Vocabulary) {
        for (word, list) in later.words.iter().zip(later.lists) {
            let id = self.id(word);
            self.lists[id].extend(list);
        }
    }
}

/// [`sanitize_line`], with a quick way through for the usual printable
/// ASCII that only needs its newlines made spaces.
fn one_line(s: &str) -> Cow<'_, str> {
    if !s.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\n') {
        return sanitize_line(s);
    }
    if s.contains('\n') { Cow::Owned(s.replace('\n', " ")) } else { Cow::Borrowed(s) }
}

pub fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The index of a run of entities, before the vocabulary is encoded.
struct Part {
    tables: Tables,
    prose: ProseText,
    vocab: Vocabulary,
}

/// `prose`: whether to keep a copy of the prose text, for an index that will
/// not have its corpus at hand ([`super::Index::restore_prose`]).
fn part(corpus: &Corpus, range: Range<usize>, prose_kept: bool) -> Part {
    let mut s = Tables { shown: Strs::new(), folded: Strs::new(), first_field: vec![0], ..Tables::default() };
    let mut prose = ProseText { first: vec![0], text: Strs::new(), ..ProseText::default() };
    let mut vocab = Vocabulary::default();
    let mut word = String::new();
    for eid in range {
        let e = &corpus.entities[eid];
        s.kinds.push(e.kind());
        s.briefing.push(e.briefing as u32);
        let body = e.read();
        let (label, fields) = short_fields(corpus, e, &body);
        s.label_field.push((s.field.len() + label) as u32);
        for (field, text) in fields {
            let shown = one_line(&text);
            s.field.push(field);
            s.shown.push(&shown);
            fold_field(&shown, &mut s.folded, &mut s.masks);
        }
        s.first_field.push(s.field.len() as u32);
        for (field, text) in prose_fields(&body) {
            let plain = corpus.plain(text);
            let shown = one_line(&plain);
            let posting = (eid as u32) << 4 | field as u32;
            for w in shown.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
                word.clear();
                fold_into(w, false, &mut word);
                vocab.add(&word, posting);
            }
            prose.field.push(field);
            if prose_kept {
                prose.text.push(&shown);
            }
        }
        prose.first.push(prose.field.len() as u32);
    }
    Part { tables: s, prose, vocab }
}

/// A short field as searched: folded to lowercase, and the bytes it holds
/// ([`byte_mask`]).
pub fn fold_field(shown: &str, folded: &mut Strs, masks: &mut Bytes) {
    let start = folded.text.len();
    let text = folded.text.own();
    fold_into(shown, true, text);
    masks.own().extend(byte_mask(&text[start..]).to_le_bytes());
    folded.end();
}

/// Adds a later part's entities after those of `into`, shifting its offsets.
fn join(into: &mut Part, later: Part) {
    let (s, l) = (&mut into.tables, later.tables);
    let fields = s.field.len() as u32;
    s.kinds.extend(l.kinds);
    s.briefing.extend(l.briefing);
    s.first_field.extend(l.first_field[1..].iter().map(|f| f + fields));
    s.label_field.extend(l.label_field.iter().map(|f| f + fields));
    s.field.extend(l.field);
    s.shown.append(&l.shown);
    s.folded.append(&l.folded);
    s.masks.own().extend_from_slice(&l.masks);
    let texts = into.prose.field.len() as u32;
    into.prose.first.extend(later.prose.first[1..].iter().map(|p| p + texts));
    into.prose.field.extend(later.prose.field);
    into.prose.text.append(&later.prose.text);
    into.vocab.join(later.vocab);
}

impl Tables {
    pub fn build(corpus: &Corpus) -> Tables {
        Tables::build_with(corpus, true)
    }

    /// Without the prose text, for an index that reads it from its corpus:
    /// a reload's peak is less by a fifth of the folder.
    pub fn build_lean(corpus: &Corpus) -> Tables {
        Tables::build_with(corpus, false)
    }

    fn build_with(corpus: &Corpus, prose_kept: bool) -> Tables {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let threads = cores.min(corpus.entities.len() / ENTITIES_PER_THREAD).max(1);
        let mut tables = Tables::build_in_parts(corpus, threads, prose_kept);
        tables.facets = super::facets::Facets::build(corpus);
        if !prose_kept {
            tables.prose = None;
        }
        tables
    }

    /// Builds with one thread per part.
    fn build_in_parts(corpus: &Corpus, threads: usize, prose_kept: bool) -> Tables {
        let n = corpus.entities.len();
        let bounds: Vec<usize> = (0..=threads).map(|t| n * t / threads).collect();
        let parts: Vec<Part> = std::thread::scope(|scope| {
            let handles: Vec<_> =
                bounds.windows(2).map(|w| scope.spawn(move || part(corpus, w[0]..w[1], prose_kept))).collect();
            // A panic in a part is a bug here, not bad input: pass it on.
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
        let mut parts = parts.into_iter();
        let Some(mut whole) = parts.next() else { return part(corpus, 0..0, prose_kept).into_tables() };
        for later in parts {
            join(&mut whole, later);
        }
        whole.into_tables()
    }
}

/// A prose field as the index keeps it: its links as their words, on one line.
pub fn prose_line(corpus: &Corpus, text: &str) -> String {
    one_line(&corpus.plain(text)).into_owned()
}

impl Part {
    fn into_tables(self) -> Tables {
        let mut tables = self.tables;
        tables.set_vocabulary(self.vocab);
        tables.prose = Some(self.prose);
        tables
    }
}

impl Tables {
    fn set_vocabulary(&mut self, vocab: Vocabulary) {
        self.words = Strs::new();
        self.words_lower = Strs::new();
        for w in &vocab.words {
            self.words.push(w);
            fold_into(w, true, self.words_lower.text.own());
            self.words_lower.end();
        }
        self.post_start = vec![0];
        for mut list in vocab.lists {
            list.sort_unstable();
            list.dedup();
            let mut prev = 0;
            for v in list {
                push_varint(self.postings.own(), v - prev);
                prev = v;
            }
            self.post_start.push(self.postings.len() as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_built_apart_and_joined_equal_one_built_whole() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
        let corpus = crate::load::load(&dir).expect("the seed briefings load");
        let whole = Tables::build_in_parts(&corpus, 1, true);
        assert_eq!(Tables::build_in_parts(&corpus, 3, true), whole);
        assert_eq!(Tables::build_in_parts(&corpus, corpus.entities.len(), true), whole);
        assert!(whole.words.len() > 100);
    }

    #[test]
    fn the_quick_way_to_one_line_agrees_with_sanitize_line() {
        for s in ["plain", "two\nlines", "tab\there", "esc \x1b[31m", "ünï\ncode", "cr\r\nlf", ""] {
            assert_eq!(one_line(s), sanitize_line(s), "{s:?}");
        }
    }
}
