//! A string of the model: its own, or a range of a mapped snapshot that
//! every reader of the folder shares ([`crate::mapping`]). Reads as a `&str`
//! either way; as wide as a `String`.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use crate::mapping::Mapping;

#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Own(Box<str>),
    /// `len` bytes of `map` from `at`: checked on every read, since the
    /// file's bytes are untrusted and could change under us.
    Map {
        map: Arc<Mapping>,
        at: u32,
        len: u32,
    },
}

/// What a mapped text reads as when its bytes are no longer whole UTF-8
/// (the file was changed in place under the reader).
pub(super) const DAMAGED: &str = "\u{fffd}";

impl Text {
    /// `len` bytes of `map` from `at`, when they are UTF-8 now (and the
    /// range fits the offsets kept); else a copy, or `None` if not text.
    pub fn mapped(map: &Arc<Mapping>, at: usize, len: usize) -> Option<Text> {
        let s = map.str(at, len)?;
        Some(match (u32::try_from(at), u32::try_from(len)) {
            (Ok(at), Ok(len)) if len > 0 => Text(Repr::Map { map: Arc::clone(map), at, len }),
            _ => Text::from(s),
        })
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Own(s) => s,
            Repr::Map { map, at, len } => {
                let (at, len) = (*at as usize, *len as usize);
                map.str(at, len).unwrap_or(DAMAGED)
            }
        }
    }

    /// Whether its bytes are in a mapping rather than its own.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Map { .. })
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(Repr::Own(Box::default()))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Own(s.into_boxed_str()))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::Own(s.into()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn a_text_is_as_wide_as_a_string_and_a_link_is_a_quarter_of_a_cache_line() {
        assert_eq!(size_of::<Text>(), size_of::<String>());
        assert_eq!(size_of::<Option<Text>>(), size_of::<String>());
        // Two million links on 10,000 briefings: 48 bytes each was 60 MB more,
        // and as many backlinks at 16 bytes 15 MB more.
        assert_eq!(size_of::<crate::model::Link>(), 16);
        assert_eq!(size_of::<crate::model::Backlink>(), 8);
    }

    #[test]
    fn a_mapped_text_reads_its_bytes_and_damage_under_it_reads_as_a_mark_not_a_crash() {
        let dir = tempfile::tempdir().expect("a scratch folder");
        let path = dir.path().join("snap.bin");
        std::fs::write(&path, "ab Łódź cd").expect("write");
        let map = Arc::new(Mapping::of(&std::fs::File::open(&path).expect("open")).expect("map"));
        let t = Text::mapped(&map, 3, "Łódź".len()).expect("UTF-8 in range");
        assert!(t.is_mapped());
        assert_eq!(t, "Łódź");
        assert!(Text::mapped(&map, 4, 2).is_none(), "half a character is not text");
        assert!(Text::mapped(&map, 8, 100).is_none(), "a length past the end is refused");
        // Written in place under the mapping (brief never does): the first
        // byte of Ł becomes a lone continuation byte.
        let mut f = std::fs::OpenOptions::new().write(true).open(&path).expect("open to write");
        std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(3)).expect("seek");
        f.write_all(&[0x81]).expect("write");
        assert_eq!(t.as_str(), DAMAGED);
    }
}
