//! What reaches outside the reader: the clipboard (OSC 52) and the editor.

use std::io::{self, Write};
use std::path::Path;
use std::process::Command;

use crossterm::clipboard::CopyToClipboard;

/// `$VISUAL`, else `$EDITOR`, else `vi` (as git and less choose), split
/// into words as a shell would (quotes and backslashes keep a path with
/// spaces whole) but run without one. `None` when the value has an unclosed
/// quote.
pub fn editor() -> Option<Vec<String>> {
    let set = ["VISUAL", "EDITOR"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()));
    editor_words(set.as_deref().unwrap_or("vi"))
}

fn editor_words(var: &str) -> Option<Vec<String>> {
    shell_words::split(var).ok().filter(|words| !words.is_empty())
}

/// Runs the editor on `path` at `line`, waiting for it to exit.
pub fn edit(words: &[String], path: &Path, line: u32) -> io::Result<std::process::ExitStatus> {
    let (program, args) = words.split_first().ok_or_else(|| io::Error::other("no editor"))?;
    Command::new(program).args(args).arg(format!("+{line}")).arg(path).status()
}

/// Puts `text` on the clipboard with OSC 52, which works over SSH, and in tmux
/// with `set -g set-clipboard on`.
pub fn write_clipboard(out: &mut impl Write, text: &str) -> io::Result<()> {
    crossterm::queue!(out, CopyToClipboard::to_clipboard_from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_gets_the_text_in_base64() {
        let mut out = Vec::new();
        write_clipboard(&mut out, "hi").unwrap();
        assert_eq!(out, b"\x1b]52;c;aGk=\x1b\\");
    }

    #[test]
    fn an_editor_path_with_spaces_stays_one_word_when_quoted() {
        let words = editor_words("'/opt/My Editor/bin/edit' --wait").unwrap();
        assert_eq!(words, ["/opt/My Editor/bin/edit", "--wait"]);
        let words = editor_words(r"/opt/My\ Editor/edit -n").unwrap();
        assert_eq!(words, ["/opt/My Editor/edit", "-n"]);
        assert_eq!(editor_words("vim").unwrap(), ["vim"]);
        assert_eq!(editor_words("'vim"), None, "an unclosed quote runs nothing");
    }
}
