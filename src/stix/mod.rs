//! STIX 2.1 in and out: what both directions share (ids, timestamps, TLP
//! markings, the Admiralty confidence scale, brief's extension). The mapping
//! is docs/INTERCHANGE.md.

mod defs;
pub mod export;
pub mod import;

use std::fmt::Write as _;

use crate::date::{Date, days_in_month};

/// The namespace of brief's name-based ids (see [`id`]).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b2f_1c5e_0d7a_4e39_9a43_5c1e_b1ef_0001);

/// brief's property extension, declared in every bundle brief writes; it
/// carries what STIX has no property for, so nothing brief has is lost.
pub const EXTENSION: &str = "extension-definition--13c4d3d8-07d9-4aa3-b1bf-c210b7b92cbc";
/// The identity that declares the extension: brief itself.
pub const BRIEF_IDENTITY: &str = "identity--70fac18c-67f7-44ae-8aa0-c35fc40e9a23";

/// A deterministic STIX id: the same brief id always gives the same one.
/// Made as a `UUIDv5` is (SHA-1 of a namespace and the name), then marked
/// version 4: STIX asks its domain objects for `UUIDv4` ids, and the OASIS
/// validator's strict mode refuses others (its check 103).
pub fn id(kind: &str, name: &str) -> String {
    let mut bytes = *uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes()).as_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    format!("{kind}--{}", uuid::Uuid::from_bytes(bytes))
}

/// The first moment a date can mean: `2024-03` → `2024-03-01T00:00:00.000Z`.
pub fn start(d: &Date) -> String {
    let (y, m, day) = (d.key / 10_000, d.key / 100 % 100, d.key % 100);
    format!("{y:04}-{m:02}-{day:02}T00:00:00.000Z")
}

/// The last moment a date can mean: `2004` → `2004-12-31T23:59:59.999Z`.
pub fn end(d: &Date) -> String {
    let parts = d.text().split('-').count();
    let y = d.key / 10_000;
    let m = if parts >= 2 { d.key / 100 % 100 } else { 12 };
    let day = if parts == 3 { d.key % 100 } else { days_in_month(y, m) };
    format!("{y:04}-{m:02}-{day:02}T23:59:59.999Z")
}

/// The day of a STIX timestamp, as a brief date (`2024-03-23T10:00:00Z` → `2024-03-23`).
pub fn day(timestamp: &str) -> Option<Date> {
    Date::parse(timestamp.get(..10)?)
}

/// A source's `url` as STIX's `url` must be, a URI: what a URI may not hold
/// (letters beyond ASCII, spaces, quotes, `<>{}|\\^`) percent-encoded as
/// UTF-8. None when it names no scheme (`example.org/x`): STIX then gets no
/// `url`, and brief's extension keeps the text as written.
pub fn uri(url: &str) -> Option<String> {
    let scheme = url.split_once(':')?.0;
    let mut chars = scheme.chars();
    if !chars.next()?.is_ascii_alphabetic() || !chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    Some(out)
}

/// TLP 2.0's marking definitions (name, id), as OASIS publishes them.
pub const TLP2: [(&str, &str); 5] = [
    ("clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
    ("green", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
    ("amber", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
    ("amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
    ("red", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"),
];

/// TLP 1.0's, read on import (WHITE is TLP 2.0's CLEAR).
const TLP1: [(&str, &str); 4] = [
    ("clear", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
    ("green", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
    ("amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
    ("red", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"),
];

/// The TLP 2.0 extension the marking definitions are declared through.
pub const TLP2_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// The TLP a marking-definition id stands for, in either version.
pub fn tlp_of(marking: &str) -> Option<&'static str> {
    TLP2.iter().chain(TLP1.iter()).find(|(_, id)| *id == marking).map(|(name, _)| *name)
}

/// The TLP 2.0 marking definition of a brief `tlp`.
pub fn marking(tlp: crate::model::Tlp) -> &'static str {
    TLP2[tlp as usize].1
}

/// Credibility (Admiralty 1–5) as STIX confidence, by the STIX 2.1
/// Admiralty scale; 6, "truth cannot be judged", is no confidence.
pub fn confidence(credibility: u8) -> Option<u8> {
    match credibility {
        1 => Some(90),
        2 => Some(70),
        3 => Some(50),
        4 => Some(30),
        5 => Some(10),
        _ => None,
    }
}

/// STIX confidence (0–100) as Admiralty credibility, by the same scale.
pub fn credibility(confidence: u64) -> Option<u8> {
    match confidence {
        0..=19 => Some(5),
        20..=39 => Some(4),
        40..=59 => Some(3),
        60..=79 => Some(2),
        80..=100 => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_differ_by_name() {
        assert_eq!(id("report", "a"), id("report", "a"));
        assert_ne!(id("report", "a"), id("report", "b"));
        assert!(id("note", "a").starts_with("note--"));
        assert_eq!(uuid::Uuid::parse_str(&id("x", "a")[3..]).unwrap().get_version_num(), 4);
    }

    #[test]
    fn a_url_becomes_a_uri() {
        assert_eq!(
            uri("https://news.example.org/47/5/Malmö").as_deref(),
            Some("https://news.example.org/47/5/Malm%C3%B6")
        );
        assert_eq!(uri("https://x.org/a b?q=\"1\"").as_deref(), Some("https://x.org/a%20b?q=%221%22"));
        assert_eq!(uri("https://x.org/a%20b").as_deref(), Some("https://x.org/a%20b"));
        assert_eq!(uri("news.example.org/x"), None);
        assert_eq!(uri("1http://x"), None);
    }

    #[test]
    fn dates_span_what_they_mean() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(start(&d("2024-03")), "2024-03-01T00:00:00.000Z");
        assert_eq!(end(&d("2024-02")), "2024-02-29T23:59:59.999Z");
        assert_eq!(end(&d("2004")), "2004-12-31T23:59:59.999Z");
        assert_eq!(end(&d("2002-10-26")), "2002-10-26T23:59:59.999Z");
        assert_eq!(day("2024-03-23T10:00:00Z").unwrap().text(), "2024-03-23");
    }

    #[test]
    fn the_admiralty_scale_goes_both_ways() {
        for c in 1..=5 {
            assert_eq!(credibility(u64::from(confidence(c).unwrap())), Some(c));
        }
        assert_eq!(confidence(6), None);
        assert_eq!(credibility(101), None);
        assert_eq!(tlp_of(marking(crate::model::Tlp::AmberStrict)), Some("amber+strict"));
        assert_eq!(tlp_of("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"), Some("clear"));
    }
}
