//! The snapshot codec's own tests: what is written reads back, damage is
//! refused, and a mapped body is left in place.

use super::*;
use crate::model::Kind;
use std::path::PathBuf;

#[test]
fn every_seed_file_comes_back_as_it_was_parsed_and_damage_is_refused() {
    // The seeds, and folders made to hold problems, dates and inline links.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dirs = ["briefings", "tests/fixtures/bad-enum", "tests/fixtures/dates", "tests/fixtures/inline-links"];
    let files: Vec<PathBuf> =
        dirs.iter().flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().path())).collect();
    assert!(files.len() >= 6);
    for path in &files {
        let parsed = crate::load::parse_file(path);
        let mut bytes = Vec::new();
        encode(&parsed, &mut bytes);
        let back = decode(&bytes, path, None).expect("decodes");
        assert_eq!(format!("{back:?}"), format!("{parsed:?}"), "{}", path.display());
        // Cut short anywhere, or with a byte more, it is refused.
        for cut in [0, 1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], path, None).is_none(), "{} cut at {cut}", path.display());
        }
        bytes.push(0);
        assert!(decode(&bytes, path, None).is_none());
    }
}

/// A seed briefing: its path, its parse, and that parse encoded.
fn seed() -> (PathBuf, Parsed, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("briefings/moscow-attack-2024.toml");
    let parsed = crate::load::parse_file(&path);
    let mut bytes = Vec::new();
    encode(&parsed, &mut bytes);
    (path, parsed, bytes)
}

/// `bytes` in a file of their own, mapped.
fn mapped(bytes: &[u8]) -> (tempfile::NamedTempFile, Arc<Mapping>) {
    use std::io::Write as _;
    let mut file = tempfile::NamedTempFile::new().expect("a temp file");
    file.write_all(bytes).expect("write");
    let map = Arc::new(Mapping::of(file.as_file()).expect("map"));
    (file, map)
}

#[test]
fn a_mapped_body_is_left_in_place_until_shown_and_damage_under_it_is_no_crash() {
    use std::io::Write as _;
    let (path, parsed, bytes) = seed();
    let (file, map) = mapped(&bytes);
    let back = decode(map.bytes(), &path, Some(&map)).expect("decodes");
    assert_eq!(format!("{back:?}"), format!("{parsed:?}"), "the same entities, decoded or left in place");
    let claim = back.entities.iter().find(|e| e.body.kind() == Kind::Claim).expect("a claim");
    let briefing = &back.entities[0].body;
    assert!(matches!(briefing.read(), std::borrow::Cow::Borrowed(_)), "a briefing is decoded and kept");
    assert!(matches!(claim.body.read(), std::borrow::Cow::Owned(_)), "a claim is read for the asking only");
    let label = claim.body.label().to_string();
    assert!(!label.is_empty() && matches!(claim.body.read(), std::borrow::Cow::Owned(_)), "its label read in place");
    assert_eq!(claim.body.get().label(), label);
    assert!(matches!(claim.body.read(), std::borrow::Cow::Borrowed(_)), "shown once, kept");
    // The file overwritten in place under the mapping (brief never
    // does): a body not yet decoded reads as an empty one of its kind.
    let unread = back.entities.iter().rev().find(|e| e.body.kind() == Kind::Claim).expect("another claim");
    assert!(matches!(unread.body.read(), std::borrow::Cow::Owned(_)));
    let mut f = std::fs::OpenOptions::new().write(true).open(file.path()).expect("open to write");
    f.write_all(&vec![0xff; bytes.len()]).expect("write in place");
    assert_eq!(*unread.body.read(), Body::empty(Kind::Claim));
    assert_eq!(unread.body.label(), "\u{fffd}");
    assert_eq!(claim.body.get().label(), "\u{fffd}", "a kept body's text is still read in place, and checked");
}

#[test]
fn a_count_larger_than_the_bytes_left_is_refused_before_any_allocation() {
    let mut bytes = u32::MAX.to_le_bytes().to_vec();
    bytes.extend_from_slice(&[0; 16]);
    assert!(decode(&bytes, Path::new("x.toml"), None).is_none());
}

#[test]
fn a_body_left_in_place_is_still_checked_whole_when_mapped() {
    let (path, parsed, mut bytes) = seed();
    let claim = parsed.entities.iter().find(|e| e.body.kind() == Kind::Claim).expect("a claim");
    let text = claim.body.label().to_string();
    let at = bytes.windows(text.len()).position(|w| w == text.as_bytes()).expect("the claim's text in the entry");
    bytes[at + 1] = 0xff;
    let (_file, map) = mapped(&bytes);
    assert!(decode(map.bytes(), &path, Some(&map)).is_none(), "a claim's text that is not UTF-8 refuses the entry");
}
