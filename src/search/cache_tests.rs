//! The cache's own tests: what is written reads back, and the checksum.

use super::*;

/// Sections written by `encode`, read back from a mapped file as `read` does.
fn read_back(out: &[u8]) -> Tables {
    let mut file = tempfile::tempfile().expect("a temp file");
    file.write_all(out).expect("write");
    let map = Arc::new(Mapping::of(&file).expect("map"));
    decode(&mut Sections { bytes: map.bytes(), map: Some(&map), at: 0 }).expect("reads back")
}

#[test]
fn an_index_read_back_equals_the_one_written_but_for_its_prose() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["briefings", "tests/fixtures/search-world", "tests/fixtures/search-hostile", "tests/fixtures/wide-text"]
    {
        let corpus = crate::load::load(&root.join(dir)).expect("loads");
        let built = Tables::build(&corpus);
        let mut out = Vec::new();
        encode(&built, &mut out).expect("writes to memory");
        let read = read_back(&out);
        assert!(!read.folded.text.is_empty() && read.masks.len() == read.field.len() * 8);
        let mapped = [&read.shown.text, &read.folded.text].map(|b| matches!(b, Buf::Map(..)));
        assert!(mapped == [true; 2] && matches!(read.postings, Bytes::Map(..)) && matches!(read.masks, Bytes::Map(..)));
        assert_eq!(read, Tables { prose: None, ..built }, "{dir}");
    }
}

#[test]
fn an_index_read_back_and_given_its_corpus_finds_and_shows_as_a_built_one() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let corpus = std::sync::Arc::new(crate::load::load(&dir).expect("loads"));
    let built = super::super::Index::build(&corpus);
    let mut out = Vec::new();
    encode(built.tables(), &mut out).expect("writes to memory");
    let read = read_back(&out);
    let mut read = super::super::Index::from_store(read);
    // A hit in prose shows the words around the match, not the label.
    let prose_hit = |i: &super::super::Index| {
        i.search("mastermind", 20).into_iter().find(|h| {
            h.field.is_some_and(|f| f.tier() == super::super::scope::Tier::Prose) && h.text != i.label(h.entity)
        })
    };
    assert!(prose_hit(&built).is_some());
    assert!(prose_hit(&read).is_none(), "no prose at hand yet: the label stands in");
    read.restore_prose(&corpus);
    assert!(prose_hit(&read).is_some());
    // A built index that gives up its own prose for the corpus's (the
    // reader's, after a reload) answers as it did.
    let mut lean = super::super::Index::build(&corpus);
    lean.restore_prose(&corpus);
    assert!(lean.tables().prose.is_none());
    // One built on its corpus never makes the copy (a reload's index).
    let on = super::super::Index::build_on(&corpus);
    assert!(on.tables().prose.is_none());
    for q in ["mastermind", "christmas cologne", "neumann", "recruits", "isk"] {
        assert_eq!(read.search(q, 50), built.search(q, 50), "{q}");
        assert_eq!(lean.search(q, 50), built.search(q, 50), "{q}");
        assert_eq!(on.search(q, 50), built.search(q, 50), "{q}");
    }
}

#[test]
fn the_checksum_notices_one_changed_byte_anywhere() {
    let mut bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
    let before = checksum(&bytes);
    for at in [0, 31, 32, 500, 999] {
        bytes[at] ^= 1;
        assert_ne!(checksum(&bytes), before, "byte {at}");
        bytes[at] ^= 1;
    }
    assert_eq!(checksum(&bytes), before);
}
