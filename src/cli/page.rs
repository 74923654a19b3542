//! `brief show` on a terminal, as git shows things: lines wrapped to the
//! screen with a hanging indent, and `$PAGER` (else `less -R`) when the text
//! is longer than the screen. To a pipe the text goes out as it is.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use unicode_width::UnicodeWidthChar;

/// Wraps each line of `text` at `width` columns on spaces; a continuation
/// starts under the line's value: after `  name    ` where a row has a name
/// column, after a list's `- `, else under the line's own indent. brief's
/// own colour sequences take no columns.
pub fn hang(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.lines() {
        if columns(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = hang_at(line).min(width / 2);
        let mut col = 0;
        let mut first = true;
        for word in words(line) {
            let w = columns(word);
            if !first && col + w > width && !word.trim().is_empty() {
                out.truncate(out.trim_end_matches(' ').len());
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
                let word = word.trim_start_matches(' ');
                out.push_str(word);
                col += columns(word);
            } else {
                out.push_str(word);
                col += w;
            }
            first = false;
        }
        out.push('\n');
    }
    out
}

/// The words of a line, each with the spaces before it.
fn words(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let start = rest.len() - rest.trim_start_matches(' ').len();
        let end = rest[start..].find(' ').map_or(rest.len(), |i| start + i);
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// The column continuation lines start at.
fn hang_at(line: &str) -> usize {
    let lead = line.len() - line.trim_start_matches(' ').len();
    let body = &line[lead..];
    // `  name<two or more spaces>value`: under the value.
    let value = body
        .find("  ")
        .map(|gap| gap + body[gap..].len() - body[gap..].trim_start_matches(' ').len())
        .filter(|&at| at < body.len() && columns(&body[..at]) <= 32);
    let at = lead + value.map_or(0, |v| columns(&body[..v]));
    let rest = &line[line.char_indices().nth(at).map_or(line.len(), |(i, _)| i)..];
    if rest.starts_with("- ") { at + 2 } else { at }
}

/// Columns on screen; an SGR sequence (`ESC [ … m`) takes none. Text from
/// files holds no ESC: the loader made it `^[`.
fn columns(s: &str) -> usize {
    let mut n = 0;
    let mut in_sgr = false;
    for c in s.chars() {
        match (in_sgr, c) {
            (false, '\x1b') => in_sgr = true,
            (true, 'm') => in_sgr = false,
            (true, _) => {}
            (false, c) => n += c.width().unwrap_or(0),
        }
    }
    n
}

/// Writes `text` to the terminal, through the pager when it has more lines
/// than the screen. A pager that cannot be started is passed over.
pub fn show(text: &str, height: usize) -> io::Result<()> {
    if text.lines().count() >= height
        && let Some(mut child) = pager()
    {
        if let Some(mut stdin) = child.stdin.take() {
            // The reader may quit the pager before reading it all.
            match stdin.write_all(text.as_bytes()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
                _ => {}
            }
        }
        child.wait()?;
        return Ok(());
    }
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// `$PAGER` split as a shell would (an empty one, or `cat`, pages nothing),
/// else `less -R`; `LESS=FRX` unless `LESS` is set, as git does.
fn pager() -> Option<std::process::Child> {
    let words = match std::env::var("PAGER") {
        Ok(p) => shell_words::split(&p).ok()?,
        Err(_) => vec!["less".into(), "-R".into()],
    };
    let (program, args) = words.split_first()?;
    if program == "cat" {
        return None;
    }
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    cmd.spawn().ok()
}

#[cfg(test)]
mod tests {
    use super::hang;

    #[test]
    fn wraps_under_the_value_column() {
        let text = "  summary         one two three four five six seven eight\n  short           fits\n";
        assert_eq!(
            hang(text, 44),
            "  summary         one two three four five\n                  six seven eight\n  short           fits\n"
        );
        let second = hang(text, 30).lines().nth(1).unwrap().to_string();
        assert_eq!(second.len() - second.trim_start().len(), 15, "at most half the width: {second:?}");
    }

    #[test]
    fn wraps_list_items_under_their_text_and_plain_lines_under_their_indent() {
        assert_eq!(
            hang("  sources         - alpha beta gamma delta epsilon\n", 44),
            "  sources         - alpha beta gamma delta\n                    epsilon\n"
        );
        assert_eq!(hang("    a long line of words here\n", 16), "    a long line\n    of words\n    here\n");
    }

    #[test]
    fn a_word_longer_than_the_line_stays_whole_and_colour_takes_no_room() {
        assert_eq!(hang("  url             https://example.org/a/very/long/path\n", 30).lines().count(), 2);
        let heading = "\x1b[1mclaim-id\x1b[0m  words that fit";
        assert_eq!(hang(heading, 24), format!("{heading}\n"));
        assert_eq!(hang(&format!("{heading} and more"), 24), format!("{heading}\n          and more\n"));
    }
}
