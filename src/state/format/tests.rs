use super::*;

fn at(secs: u64) -> Datetime {
    datetime_from_unix(secs)
}

fn current(text: &str) -> Doc {
    match parse(text.as_bytes()) {
        Ok(Parsed::Current(doc)) => doc,
        other => panic!("expected a current doc, got {other:?}"),
    }
}

fn damage(text: &[u8]) -> String {
    match parse(text) {
        Err(Damage(why)) => why,
        other => panic!("expected damage, got {other:?}"),
    }
}

#[test]
fn unix_seconds_become_utc_date_times() {
    assert_eq!(at(0).to_string(), "1970-01-01T00:00:00Z");
    assert_eq!(at(951_782_400).to_string(), "2000-02-29T00:00:00Z");
    assert_eq!(at(1_795_773_600).to_string(), "2026-11-27T10:00:00Z");
}

#[test]
fn what_is_rendered_parses_back_to_the_same_doc() {
    let mut doc = Doc::default();
    doc.apply(&Change::SetReviewed("peter-neumann".into(), true), at(1), &Saw::Nothing);
    doc.apply(&Change::SetFlagged("peter-neumann".into(), true), at(2), &Saw::Nothing);
    doc.apply(
        &Change::SetNote("peter-neumann".into(), Some("Check his \"X\" post\nand the reply".into())),
        at(3),
        &Saw::Nothing,
    );
    doc.apply(&Change::SetFlagged("is-claim-genuine".into(), true), at(4), &Saw::Nothing);
    doc.apply(&Change::MarkRead("moscow-attack-2024".into()), at(5), &Saw::Briefing("0badf00d".into()));
    let seen: crate::state::Seen = [("text".to_string(), "1234abcd".to_string())].into();
    doc.apply(&Change::SetReviewed("is-claim-genuine".into(), true), at(6), &Saw::Entity(seen.clone()));
    let text = render(&doc);
    assert!(text.starts_with("# brief review state"), "{text}");
    assert!(text.contains("version = 2\n"), "{text}");
    assert!(text.contains("seen = { text = \"1234abcd\" }\n"), "{text}");
    assert!(text.contains("[read-seen]\nmoscow-attack-2024 = \"0badf00d\"\n"), "{text}");
    assert_eq!(doc.marks["is-claim-genuine"].seen.as_ref(), Some(&seen));
    assert!(text.contains("[marks.peter-neumann]\nreviewed = true\nflagged = true\n"), "{text}");
    assert!(text.contains("moscow-attack-2024 = 1970-01-01T00:00:05Z"), "{text}");
    assert_eq!(current(&text), doc);
}

#[test]
fn a_mark_set_back_to_nothing_leaves_the_file() {
    let mut doc = Doc::default();
    assert!(doc.apply(&Change::SetReviewed("a".into(), true), at(1), &Saw::Nothing));
    assert!(doc.apply(&Change::SetReviewed("a".into(), false), at(2), &Saw::Nothing));
    assert!(doc.marks.is_empty());
    assert!(
        !doc.apply(&Change::SetFlagged("b".into(), false), at(3), &Saw::Nothing),
        "setting what is already so changes nothing"
    );
    assert!(doc.marks.is_empty());
    assert!(!render(&doc).contains("[marks"));
}

#[test]
fn marking_read_twice_keeps_the_first_time() {
    let mut doc = Doc::default();
    assert!(doc.apply(&Change::MarkRead("b".into()), at(10), &Saw::Nothing));
    assert!(!doc.apply(&Change::MarkRead("b".into()), at(20), &Saw::Nothing));
    assert_eq!(doc.read.get("b"), Some(&Some(at(10))));
}

#[test]
fn keys_this_build_does_not_know_are_kept_where_they_were() {
    let text = "version = 1\ntheme = \"dark\"\n[marks.a]\nreviewed = true\ncolour = { r = 1 }\n\
                [later]\nx = [1, 2]\n[read]\nb = true\n";
    let mut doc = current(text);
    doc.apply(&Change::SetFlagged("a".into(), true), at(1), &Saw::Nothing);
    let again = current(&render(&doc));
    assert_eq!(again.extra.get("theme"), Some(&Value::String("dark".into())));
    assert!(again.extra.contains_key("later"));
    assert!(again.marks["a"].extra.contains_key("colour"));
    assert!(again.marks["a"].mark.reviewed && again.marks["a"].mark.flagged);
    assert_eq!(again.read.get("b"), Some(&None));
}

#[test]
fn odd_ids_are_quoted_so_the_file_stays_toml() {
    let doc = current("version = 1\n[marks.\"Odd Id.x\"]\nflagged = true\n");
    let text = render(&doc);
    assert!(text.contains("[marks.\"Odd Id.x\"]"), "{text}");
    assert_eq!(current(&text), doc);
}

#[test]
fn wrong_types_and_non_toml_are_damage_with_a_reason() {
    assert!(damage(b"version = 1\n[marks.a]\nreviewed = \"yes\"\n").contains("marks.a.reviewed"));
    assert!(damage(b"version = 1\nmarks = 3\n").contains("'marks'"));
    assert!(damage(b"version = 1\n[read]\nb = 5\n").contains("read.b"));
    assert!(damage(b"version = \"1\"\n").contains("version"));
    assert!(damage(b"version = 0\n").contains("version"));
    assert!(damage(b"[package]\nname = \"x\"\n").contains("not a brief state file"));
    assert!(!damage(b"version = = 1").is_empty());
    assert!(damage(b"version = 1\n\xff\xfe").contains("UTF-8"));
}

#[test]
fn an_empty_file_is_a_fresh_start() {
    assert_eq!(current(""), Doc::default());
    assert_eq!(current("# just a comment\n"), Doc::default());
}

#[test]
fn a_newer_version_is_read_as_far_as_it_can_be() {
    match parse(b"version = 3\n[marks.a]\nflagged = true\n") {
        Ok(Parsed::Newer(3, doc)) => assert!(doc.marks["a"].mark.flagged),
        other => panic!("{other:?}"),
    }
    match parse(b"version = 7\nmarks = \"a new shape\"\n") {
        Ok(Parsed::Newer(7, doc)) => assert!(doc.marks.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn notes_lose_control_characters_but_keep_lines() {
    assert_eq!(clean_note("  a\x1b[31mred\x07\r\nb\tc\u{202E}  "), Some("a[31mred\nb c".into()));
    assert_eq!(clean_note(" \n\t "), None);
}

/// A version-1 file reads as it is: its marks have no fingerprint (valid, not
/// changed), and the next write makes it version 2; a reviewed mark gains a
/// fingerprint at its own next write, and only then.
#[test]
fn a_version_1_file_migrates_at_its_next_write() {
    let v1 = "version = 1\n\n[marks.a]\nreviewed = true\n\n[marks.b]\nflagged = true\n\n[read]\nx = true\n";
    let mut doc = current(v1);
    assert!(doc.marks["a"].mark.reviewed && doc.marks["a"].seen.is_none());
    let seen: crate::state::Seen = [("text".to_string(), "00000001".to_string())].into();
    doc.apply(&Change::SetNote("b".into(), Some("n".into())), at(1), &Saw::Entity(seen.clone()));
    let text = render(&doc);
    assert!(text.contains("version = 2\n") && text.contains("[marks.a]\nreviewed = true\n\n"), "{text}");
    assert_eq!(current(&text).marks["b"].seen, None, "a note vouches for nothing");
    assert_eq!(current(&text).marks["a"].seen, None, "a waits for its own next write");
    doc.apply(&Change::SetFlagged("a".into(), true), at(2), &Saw::Entity(seen.clone()));
    assert_eq!(doc.marks["a"].seen.as_ref(), Some(&seen), "fingerprinted at its next write");
    doc.apply(&Change::SetReviewed("a".into(), false), at(3), &Saw::Entity(seen));
    assert_eq!(doc.marks["a"].seen, None, "not reviewed: nothing vouched for");
}

/// The quick line reading of brief's own layout and the full TOML reading
/// agree on what brief writes; anything else goes to the full reading.
#[test]
fn the_quick_reading_agrees_with_toml_or_steps_aside() {
    let mut doc = Doc::default();
    let seen: crate::state::Seen = [("text".to_string(), "1234abcd".to_string())].into();
    doc.apply(&Change::SetReviewed("a".into(), true), at(1), &Saw::Entity(seen));
    doc.apply(&Change::SetNote("a".into(), Some("a \"quoted\" word\\ and a tab\t".into())), at(2), &Saw::Nothing);
    doc.apply(&Change::SetFlagged("é quoted id".into(), true), at(3), &Saw::Nothing);
    doc.apply(&Change::MarkRead("b".into()), at(4), &Saw::Briefing("0badf00d".into()));
    let text = render(&doc);
    let (version, quick) = super::super::fast::parse(&text).unwrap_or_else(|| panic!("brief's own layout:\n{text}"));
    assert_eq!((version, &quick), (VERSION, &doc));
    // A note over several lines is written as a multi-line string: read in full, the same.
    doc.apply(&Change::SetNote("a".into(), Some("two\nlines".into())), at(5), &Saw::Nothing);
    assert_eq!(current(&render(&doc)), doc);
    for other in [
        "version = 2\n[marks.a]\nreviewed = true # a comment\n",
        "version = 2\n[marks.a]\nshade = \"blue\"\n",
        "version = 2\n[marks.a]\nreviewed = true\n[marks.a]\nflagged = true\n",
        "version = 2\n[marks.a]\nreviewed = true\nreviewed = false\n",
        "version = 2\nmarks = { a = { reviewed = true } }\n",
    ] {
        assert!(super::super::fast::parse(other).is_none(), "{other}");
    }
    assert!(parse(b"version = 2\n[marks.a]\nreviewed = true\n[marks.a]\nflagged = true\n").is_err(), "still damage");
}

#[test]
fn ratings_and_relevance_round_trip_and_clearing_them_drops_the_record() {
    use crate::ach::{Level, Rating};
    let mut doc = Doc::default();
    assert!(doc.apply(&Change::SetRating("e1".into(), "h-a".into(), Some(Rating::CC)), at(1), &Saw::Nothing));
    assert!(doc.apply(&Change::SetRating("e1".into(), "h-b".into(), Some(Rating::NA)), at(2), &Saw::Nothing));
    assert!(doc.apply(&Change::SetRelevance("e1".into(), Level::Low), at(3), &Saw::Nothing));
    assert!(!doc.apply(&Change::SetRelevance("e2".into(), Level::Medium), at(3), &Saw::Nothing), "medium is no change");
    let text = render(&doc);
    assert!(text.contains("[marks.e1]\nupdated = 1970-01-01T00:00:03Z\nratings = { h-a = \"CC\", h-b = \"NA\" }\nrelevance = \"low\"\n"), "{text}");
    // brief's own layout (read line by line) and TOML written another way read alike.
    assert_eq!(current(&text), doc);
    let other = "version = 2\n[marks.e1]\nupdated = 1970-01-01T00:00:03Z\nrelevance = \"low\"\n[marks.e1.ratings]\nh-a = \"CC\"\nh-b = \"NA\"\n";
    assert_eq!(current(other), doc);
    for h in ["h-a", "h-b"] {
        doc.apply(&Change::SetRating("e1".into(), h.into(), None), at(4), &Saw::Nothing);
    }
    assert!(doc.marks.contains_key("e1"), "the relevance is still set");
    doc.apply(&Change::SetRelevance("e1".into(), Level::Medium), at(5), &Saw::Nothing);
    assert!(doc.marks.is_empty(), "{doc:?}");
    assert_eq!(
        damage(b"version = 2\n[marks.e1]\nratings = { h-a = \"maybe\" }\n"),
        "'marks.e1.ratings' should be a table of CC, C, N, NA, I or II"
    );
    assert_eq!(
        damage(b"version = 2\n[marks.e1]\nrelevance = 3\n"),
        "'marks.e1.relevance' should be low, medium or high"
    );
}
