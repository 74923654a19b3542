//! Folding text for search: `Łódź` and `lodz` meet as `lodz`, `München` and
//! `munchen` as `munchen`. Marks are dropped, a few Latin letters that carry
//! no mark (ł ø ß æ œ đ ı þ) are spelled out, and case is lowered unless kept.
//! By hand, not `deunicode`: that transliterates every script (ахмед → akhmed),
//! while this keeps other scripts as typed and each match where it stands.

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

/// Latin letters whose stroke or ligature Unicode does not decompose.
fn spelled(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'Ł' => "L",
        'ø' => "o",
        'Ø' => "O",
        'ß' => "ss",
        'ẞ' => "SS",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'ı' => "i",
        'þ' => "th",
        'Þ' => "TH",
        'ħ' => "h",
        'Ħ' => "H",
        'ŧ' => "t",
        'Ŧ' => "T",
        'ŀ' => "l",
        'Ŀ' => "L",
        'ſ' => "s",
        'ƒ' => "f",
        'ё' => "е",
        'Ё' => "Е",
        _ => return None,
    })
}

/// Scripts whose accents are marks on a base letter a person types without them:
/// Latin, Greek. Cyrillic is left alone (й is not и), save ё above.
fn decomposes(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x0370..=0x03FF | 0x1E00..=0x1EFF | 0x1F00..=0x1FFF)
}

/// Calls `emit` with the folded form of `c`: none, one or a few chars.
#[inline]
pub fn fold_char(c: char, lower: bool, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(if lower { c.to_ascii_lowercase() } else { c });
        return;
    }
    let mut push = |d: char| {
        if canonical_combining_class(d) != 0 {
            return;
        }
        if lower {
            d.to_lowercase().filter(|l| canonical_combining_class(*l) == 0).for_each(&mut emit);
        } else {
            emit(d);
        }
    };
    if let Some(s) = spelled(c) {
        s.chars().for_each(push);
    } else if decomposes(c) {
        decompose_canonical(c, push);
    } else {
        push(c);
    }
}

/// The folded form of `s`, lowercased when `lower`.
pub fn fold(s: &str, lower: bool) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, lower, &mut out);
    out
}

/// Appends the folded form of `s` to `out`.
pub fn fold_into(s: &str, lower: bool, out: &mut String) {
    // ASCII runs copied whole; only the other chars one at a time.
    let mut rest = s;
    while !rest.is_empty() {
        let run = ascii_prefix(rest.as_bytes());
        let start = out.len();
        out.push_str(&rest[..run]);
        if lower {
            out[start..].make_ascii_lowercase();
        }
        let mut chars = rest[run..].chars();
        if let Some(c) = chars.next() {
            fold_char(c, lower, |f| out.push(f));
        }
        rest = chars.as_str();
    }
}

/// How many of the first bytes are ASCII, eight at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..].iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len() - at)
}

/// The folded form of `s` and, for each of its chars, the index of the char
/// of `s` it came from: matched positions in folded text map back to `s`.
pub fn fold_with_map(s: &str, lower: bool) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        fold_char(c, lower, |f| {
            out.push(f);
            map.push(i);
        });
    }
    (out, map)
}

/// Whether a char is part of a word (letters and digits of any script).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// CJK ideographs, kana and hangul: each one carries a word's meaning.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_accents_and_strokes_fold_to_plain_letters() {
        assert_eq!(fold("Şamil Łódź München", true), "samil lodz munchen");
        assert_eq!(fold("Øresund Straße Æsir Œuvre Đorđe Iıİ", true), "oresund strasse aesir oeuvre dorde iii");
        assert_eq!(fold("Crème Brûlée", false), "Creme Brulee");
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        assert_eq!(fold("Ахмед Закаев", true), "ахмед закаев");
        assert_eq!(fold("Йошкар-Ола Ёлка", true), "йошкар-ола елка");
        assert_eq!(fold("Γιώργος", true), "γιωργος");
        assert_eq!(fold("王伟 김민준", true), "王伟 김민준");
        // Harakat are marks on the letters; a reader types the bare letters.
        assert_eq!(fold("مُحَمَّد", true), "محمد");
    }

    #[test]
    fn the_map_points_back_at_the_original_chars() {
        let (folded, map) = fold_with_map("aßb", true);
        assert_eq!(folded, "assb");
        assert_eq!(map, vec![0, 1, 1, 2]);
    }

    #[test]
    fn runs_of_ascii_fold_as_each_char_would() {
        for s in ["Peter NEUMANN, Łódź 2024", "é", "Zé", "éZ", "A\u{301}B", "ÆSIR ŞAMIL — Ахмед", ""] {
            for lower in [true, false] {
                assert_eq!(fold(s, lower), fold_with_map(s, lower).0, "{s:?}");
            }
        }
    }
}
