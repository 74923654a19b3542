//! Text from briefing files: made harmless once at load, and prose links.
//! Sanitizing by hand, not with an escape-stripping crate: those delete a
//! control character, and a reader must see (as `^[`) that a file holds one.

use std::borrow::Cow;

/// Bidi controls that can reorder what a reader sees; removed outright.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters terminals draw at widths of their own (tmux 3.3 against
/// unicode-width: `❤️` 1 cell or 2, `👍🏽` 4 or 2, U+2028 none or 1): joiners,
/// variation selectors, skin-tone modifiers, the keycap mark and tag
/// characters. Removed, so that what is drawn takes exactly the cells the
/// terminal will use; the emoji they join or modify stay, each on its own.
pub(crate) fn is_width_ambiguous(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{20E3}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Noncharacters (U+FFFE, U+FDD0…): no terminal agrees what they are.
pub(crate) fn is_noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// Regional indicators (flags are pairs of them) read as their letters: `🇺🇦` → `UA`.
fn regional_letter(c: char) -> Option<char> {
    let n = (c as u32).checked_sub(0x1F1E6).filter(|n| *n < 26)?;
    char::from_u32(u32::from(b'A') + n)
}

/// What [`sanitize`] changes, char by char; `needs_cleaning` is its fast form.
fn needs_care(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || c == '\u{FEFF}'
        || matches!(c, '\u{2028}' | '\u{2029}')
        || is_width_ambiguous(c)
        || is_noncharacter(c)
        || regional_letter(c).is_some()
}

/// Makes a string safe to send to a terminal, keeping newlines: control
/// characters become caret notation (`ESC` → `^[`, C1 `CSI` → `^[[`), tabs
/// become spaces, bidi controls are removed, line and paragraph separators
/// are newlines, and characters terminals disagree on the width of are
/// removed or replaced (see [`is_width_ambiguous`]).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Like [`sanitize`], for one-line fields: a newline becomes a space.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// Whether [`clean`] would change `s`. This runs over every string of a
/// folder, so only the lead bytes of what [`needs_care`] can match are
/// decoded (most letters of most scripts are passed over as bytes).
fn needs_cleaning(s: &str, one_line: bool) -> bool {
    s.bytes().enumerate().any(|(i, c)| match c {
        b'\n' => one_line,
        0..=0x1f | 0x7f => true,
        0xc2 | 0xd8 | 0xe2 | 0xef | 0xf0..=0xf4 => s[i..].chars().next().is_some_and(needs_care),
        _ => false,
    })
}

fn clean(s: &str, one_line: bool) -> Cow<'_, str> {
    if !needs_cleaning(s, one_line) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' if one_line => out.push(' '),
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push_str("    "),
            '\u{FEFF}' => {}
            c if is_bidi_control(c) || is_width_ambiguous(c) => {}
            c if is_noncharacter(c) => out.push('\u{FFFD}'),
            '\u{7F}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(c as u8 + 0x40));
            }
            // C1 controls: shown as their 7-bit escape form.
            c if (0x80..0xA0).contains(&(c as u32)) => {
                out.push_str("^[");
                out.push(char::from((c as u32 - 0x40) as u8));
            }
            c => out.push(regional_letter(c).unwrap_or(c)),
        }
    }
    Cow::Owned(out)
}

/// A piece of prose: plain text, or an inline link `[[id]]` / `[[id|words]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link { target: &'a str, words: &'a str },
}

/// Splits prose into text and inline links. Malformed brackets stay text.
/// Linear: the closing `]]` is found once for all the `[[` before it.
pub fn segments(s: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let (mut text, mut at) = (0, 0);
    let mut close = None;
    while let Some(open) = s[at..].find("[[").map(|i| at + i + 2) {
        let end = match close {
            Some(end) if end >= open => end,
            _ => match s[open..].find("]]") {
                Some(i) => *close.insert(open + i),
                None => break,
            },
        };
        let inner = &s[open..end];
        // A nearer `[[` is tried first (checked before the newline, which scans all of it).
        if inner.contains("[[") || inner.contains('\n') {
            at = open;
            continue;
        }
        let (target, words) = match inner.split_once('|') {
            Some((t, w)) => (t.trim(), w.trim()),
            None => (inner.trim(), inner.trim()),
        };
        if target.is_empty() {
            at = open;
            continue;
        }
        if open - 2 > text {
            out.push(Segment::Text(&s[text..open - 2]));
        }
        out.push(Segment::Link { target, words: if words.is_empty() { target } else { words } });
        (text, at) = (end + 2, end + 2);
    }
    if text < s.len() {
        out.push(Segment::Text(&s[text..]));
    }
    out
}

/// Prose as paragraphs: a blank line separates them (kept as one empty line),
/// a single line break is a space, as in Markdown. Hard-wrapped `"""` text
/// then flows to the width it is shown at.
pub fn paragraphs(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines().map(str::trim) {
        match (line.is_empty(), out.is_empty()) {
            (true, _) => blank = true,
            (false, true) => out.push_str(line),
            (false, false) => {
                out.push_str(if std::mem::take(&mut blank) { "\n\n" } else { " " });
                out.push_str(line);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_reads_as_paragraphs() {
        assert_eq!(paragraphs("one\ntwo  \n  three\n\n\nnext\n"), "one two three\n\nnext");
        assert_eq!(paragraphs("no breaks"), "no breaks");
    }

    #[test]
    fn escapes_become_caret_notation() {
        assert_eq!(sanitize("a\x1b]0;pwned\x07b"), "a^[]0;pwned^Gb");
        assert_eq!(sanitize("\u{9b}2J"), "^[[2J");
        assert_eq!(sanitize("x\u{202E}y\tz\r\n"), "xy    z\n");
        assert_eq!(sanitize_line("two\nlines"), "two lines");
    }

    #[test]
    fn the_byte_check_matches_the_char_check_for_every_char() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(needs_cleaning(&s, false), needs_care(c) && c != '\n', "U+{:04X}", c as u32);
            assert_eq!(needs_cleaning(&s, true), needs_care(c), "U+{:04X}", c as u32);
        }
        assert!(matches!(sanitize("two\nlines"), Cow::Borrowed(_)), "plain prose is not copied");
    }

    #[test]
    fn links_split_from_text() {
        let s = segments("See [[peter-neumann]] and [[islamic-state|IS]].");
        assert_eq!(
            s,
            vec![
                Segment::Text("See "),
                Segment::Link { target: "peter-neumann", words: "peter-neumann" },
                Segment::Text(" and "),
                Segment::Link { target: "islamic-state", words: "IS" },
                Segment::Text("."),
            ]
        );
    }

    #[test]
    fn malformed_brackets_stay_text_and_the_innermost_pair_links() {
        let s = segments("a [[ [[b]] [[\nc]] [[ ]] [[d|e]] [[f");
        assert_eq!(
            s,
            vec![
                Segment::Text("a [[ "),
                Segment::Link { target: "b", words: "b" },
                Segment::Text(" [[\nc]] [[ ]] "),
                Segment::Link { target: "d", words: "e" },
                Segment::Text(" [[f"),
            ]
        );
    }

    #[test]
    fn what_terminals_draw_at_other_widths_is_made_plain() {
        // Joiners and selectors go, the emoji stay: 👨‍👩‍👧 ❤️ 1️⃣ 👍🏽 x​y.
        assert_eq!(sanitize("\u{1F468}\u{200D}\u{1F469}"), "\u{1F468}\u{1F469}");
        assert_eq!(sanitize("\u{2764}\u{FE0F} 1\u{FE0F}\u{20E3} \u{1F44D}\u{1F3FD}"), "\u{2764} 1 \u{1F44D}");
        assert_eq!(sanitize("x\u{200B}y\u{2060}z"), "xyz");
        assert_eq!(sanitize("\u{1F1FA}\u{1F1E6} flag"), "UA flag", "flags read as their letters");
        assert_eq!(sanitize("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(sanitize_line("a\u{2028}b"), "a b");
        assert_eq!(sanitize("\u{FFFE}\u{FFFF}\u{FDD0}\u{1FFFF}"), "\u{FFFD}".repeat(4));
        let devanagari = "\u{0915}\u{094D}\u{0937} \u{0938}\u{094D}\u{0924}\u{094D}\u{0930}\u{0940}";
        assert!(matches!(sanitize(devanagari), Cow::Borrowed(_)), "conjuncts are drawn as written");
    }
}
