//! Word wrapping of styled text, measured in terminal columns (wide
//! characters count two), so scrolling knows how many lines a field takes.

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps styled spans to `width` columns; `\n` starts a new line; a word
/// longer than a line is broken between characters.
pub fn wrap<'a>(spans: &[Span<'a>], width: usize) -> Vec<Line<'a>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'a>> = Vec::new();
    let mut used = 0;
    // After a wrap, blanks that would start the next line are dropped.
    let mut wrapped = false;
    for span in spans {
        for (i, para) in span.content.split('\n').enumerate() {
            if i > 0 {
                lines.push(Line::from(std::mem::take(&mut line)));
                (used, wrapped) = (0, false);
            }
            for word in para.split_inclusive(' ') {
                let w = word.width();
                if used > 0 && (used >= width || used + word.trim_end().width() > width) {
                    lines.push(Line::from(std::mem::take(&mut line)));
                    (used, wrapped) = (0, true);
                }
                if wrapped && word.trim().is_empty() {
                    continue;
                }
                wrapped = false;
                if w <= width - used {
                    line.push(Span::styled(word.to_string(), span.style));
                    used += w;
                    continue;
                }
                // Its trailing blank would overflow: the line ends here anyway.
                let trimmed = word.trim_end();
                if trimmed.width() <= width - used {
                    line.push(Span::styled(trimmed.to_string(), span.style));
                    used = width;
                    continue;
                }
                // Longer than a line: break it between characters.
                let mut piece = String::new();
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if used + cw > width {
                        line.push(Span::styled(std::mem::take(&mut piece), span.style));
                        lines.push(Line::from(std::mem::take(&mut line)));
                        used = 0;
                    }
                    piece.push(c);
                    used += cw;
                }
                line.push(Span::styled(piece, span.style));
            }
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
    fn truncates_to_columns() {
        assert_eq!(truncate("東京都庁舎", 5, "…"), "東京…");
        assert_eq!(truncate("short", 10, "…"), "short");
    }
}
