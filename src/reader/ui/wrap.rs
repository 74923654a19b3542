//! Word wrapping of styled text, measured in terminal columns (wide
//! characters count two), so scrolling knows how many lines a field takes.

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One piece of what is wrapped: a word (its parts may come from several
/// spans, as a link and the `).` glued to it), the blanks after it, or `\n`.
enum Token<'a> {
    Word(Vec<Span<'a>>),
    Blank(Span<'a>),
    Newline,
}

fn tokens<'a>(spans: &[Span<'a>]) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::new();
    for span in spans {
        let mut rest: &str = &span.content;
        while let Some(c) = rest.chars().next() {
            let kind = |c: char| {
                if c == '\n' {
                    0
                } else if c == ' ' {
                    1
                } else {
                    2
                }
            };
            let k = kind(c);
            let end = if k == 0 { 1 } else { rest.find(|d: char| kind(d) != k).unwrap_or(rest.len()) };
            let piece = Span::styled(rest[..end].to_string(), span.style);
            rest = &rest[end..];
            match (k, out.last_mut()) {
                (0, _) => out.push(Token::Newline),
                (1, _) => out.push(Token::Blank(piece)),
                (_, Some(Token::Word(parts))) => parts.push(piece),
                _ => out.push(Token::Word(vec![piece])),
            }
        }
    }
    out
}

/// Wraps styled spans to `width` columns; `\n` starts a new line; a word
/// longer than a line is broken between characters. A word is never split
/// from what is glued to it, so `).` never starts a line.
pub fn wrap<'a>(spans: &[Span<'a>], width: usize) -> Vec<Line<'a>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'a>> = Vec::new();
    let mut used = 0;
    // After a wrap, blanks that would start the next line are dropped.
    let mut wrapped = false;
    for token in tokens(spans) {
        match token {
            Token::Newline => {
                lines.push(Line::from(std::mem::take(&mut line)));
                (used, wrapped) = (0, false);
            }
            Token::Blank(blank) => {
                let w = blank.content.width();
                if wrapped {
                    continue;
                }
                if used + w <= width {
                    line.push(blank);
                    used += w;
                } else {
                    // The line ends here anyway.
                    used = width;
                }
            }
            Token::Word(parts) => {
                let w: usize = parts.iter().map(|p| p.content.width()).sum();
                if used > 0 && used + w > width {
                    lines.push(Line::from(std::mem::take(&mut line)));
                    used = 0;
                }
                wrapped = false;
                if w <= width {
                    line.extend(parts);
                    used += w;
                    continue;
                }
                // Longer than a line: break it between characters.
                for part in parts {
                    let mut piece = String::new();
                    for c in part.content.chars() {
                        let cw = c.width().unwrap_or(0);
                        if used + cw > width {
                            line.push(Span::styled(std::mem::take(&mut piece), part.style));
                            lines.push(Line::from(std::mem::take(&mut line)));
                            used = 0;
                        }
                        piece.push(c);
                        used += cw;
                    }
                    line.push(Span::styled(piece, part.style));
                }
            }
        }
        if used >= width && !line.is_empty() {
            // Full: what comes next starts a new line, without leading blanks.
            wrapped = true;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Cuts text to `width` columns, ending with `ellipsis` when it was longer.
pub fn truncate(s: &str, width: usize, ellipsis: &str) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        out.push(c);
        used += cw;
    }
    if width >= ellipsis.width() {
        out.push_str(ellipsis);
    }
    out
}

/// Cuts text to `width` columns from the left, starting with `ellipsis` when
/// it was longer: the end of a path (the file's name, the line) stays.
pub fn truncate_start(s: &str, width: usize, ellipsis: &str) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut kept = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        kept.push(c);
        used += cw;
    }
    let end: String = kept.into_iter().rev().collect();
    if width >= ellipsis.width() { format!("{ellipsis}{end}") } else { end }
}

/// What of an input line shows in `room` columns with the cursor (one
/// column) in view: the end of the text before it, then what fits after it.
pub fn around_cursor(before: &str, after: &str, room: usize) -> (String, String) {
    let room = room.saturating_sub(1);
    let mut used = 0;
    let mut shown_before: Vec<char> = Vec::new();
    for c in before.chars().rev() {
        used += c.width().unwrap_or(0);
        if used > room {
            break;
        }
        shown_before.push(c);
    }
    let shown_before: String = shown_before.into_iter().rev().collect();
    let shown_after = truncate(after, room.saturating_sub(shown_before.width()), "");
    (shown_before, shown_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>()).collect()
    }

    #[test]
    fn wraps_on_words_and_counts_wide_characters() {
        let spans = [Span::raw("the quick brown fox"), Span::raw(" 東京都庁舎")];
        assert_eq!(text(&wrap(&spans, 10)), ["the quick ", "brown fox ", "東京都庁舎"]);
        assert_eq!(text(&wrap(&[Span::raw("abcdefghij")], 4)), ["abcd", "efgh", "ij"]);
        assert_eq!(text(&wrap(&[Span::raw("a\nb")], 4)), ["a", "b"]);
        let spans = [Span::raw("grade ??"), Span::raw("   by someone")];
        assert_eq!(text(&wrap(&spans, 8)), ["grade ??", "by ", "someone"], "no blanks start a wrapped line");
        assert_eq!(text(&wrap(&[Span::raw("abcd efgh")], 4)), ["abcd", "efgh"]);
    }

    #[test]
    fn closing_punctuation_stays_with_the_word_before_it() {
        let spans = [Span::raw("said so (see "), Span::raw("the report"), Span::raw(")."), Span::raw(" Then")];
        assert_eq!(text(&wrap(&spans, 23)), ["said so (see the ", "report). Then"]);
    }

    #[test]
    fn the_cursor_stays_in_view() {
        assert_eq!(around_cursor("abcdef", "gh", 5), ("cdef".into(), String::new()));
        assert_eq!(around_cursor("ab", "cdefgh", 5), ("ab".into(), "cd".into()));
    }

    #[test]
    fn truncates_to_columns() {
        assert_eq!(truncate("東京都庁舎", 5, "…"), "東京…");
        assert_eq!(truncate("short", 10, "…"), "short");
    }
}
