//! Typed text with a cursor, as the finder and the note editor take it: the
//! readline keys a terminal user's fingers already know. A note may hold
//! line breaks; `Home`, `End` and `Ctrl-u` then keep to the cursor's line.

use super::keys::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputLine {
    text: String,
    /// Byte offset of the cursor, always on a character boundary.
    cursor: usize,
    /// At most this many characters: typing or pasting past it is dropped.
    limit: usize,
}

/// A query line (the finder's) holds up to this many characters.
pub const QUERY_CHARS: usize = 500;

impl Default for InputLine {
    fn default() -> Self {
        InputLine::new(String::new(), QUERY_CHARS)
    }
}

impl InputLine {
    /// A line holding `text` (cut to `limit` characters), the cursor at its end.
    pub fn new(mut text: String, limit: usize) -> InputLine {
        if let Some((at, _)) = text.char_indices().nth(limit) {
            text.truncate(at);
        }
        InputLine { cursor: text.len(), text, limit }
    }

    /// A line of `before` and `after` with the cursor between, to draw.
    pub fn at_cursor(before: &str, after: &str) -> InputLine {
        InputLine { text: format!("{before}{after}"), cursor: before.len(), limit: usize::MAX }
    }

    /// Whether the line holds all it may.
    pub fn full(&self) -> bool {
        self.text.chars().count() >= self.limit
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    pub fn take(&mut self) -> String {
        self.cursor = 0;
        std::mem::take(&mut self.text)
    }

    /// Inserts `s` at the cursor, as much of it as the limit leaves room for.
    pub fn insert(&mut self, s: &str) {
        let room = self.limit.saturating_sub(self.text.chars().count());
        let s = s.char_indices().nth(room).map_or(s, |(at, _)| &s[..at]);
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    fn prev(&self) -> usize {
        self.text[..self.cursor].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.cursor..].chars().next().map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i)
    }

    /// The start of the word before the cursor (`Ctrl-w`: blanks, then the word).
    fn word_start(&self) -> usize {
        let before = self.text[..self.cursor].trim_end_matches(' ');
        before.rfind([' ', '\n']).map_or(0, |i| i + 1)
    }

    /// Applies a typing action; false for any other action.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::Insert(c) => self.insert(c.encode_utf8(&mut [0; 4])),
            Action::DeleteBack => {
                let at = self.prev();
                self.text.replace_range(at..self.cursor, "");
                self.cursor = at;
            }
            Action::DeleteWord => {
                let at = self.word_start();
                self.text.replace_range(at..self.cursor, "");
                self.cursor = at;
            }
            Action::ClearInput => {
                let at = self.line_start();
                self.text.replace_range(at..self.cursor, "");
                self.cursor = at;
            }
            Action::CursorLeft => self.cursor = self.prev(),
            Action::CursorRight => self.cursor = self.next(),
            Action::CursorHome => self.cursor = self.line_start(),
            Action::CursorEnd => self.cursor = self.line_end(),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[Action]) -> (String, String) {
        let mut line = InputLine::default();
        for a in keys {
            line.edit(*a);
        }
        let (a, b) = line.split();
        (a.to_string(), b.to_string())
    }

    fn text(s: &str) -> Vec<Action> {
        s.chars().map(Action::Insert).collect()
    }

    #[test]
    fn readline_keys_edit_at_the_cursor() {
        let mut keys = text("the état major");
        keys.extend([Action::CursorLeft; 6]);
        keys.push(Action::DeleteWord);
        assert_eq!(typed(&keys), ("the ".into(), " major".into()), "Ctrl-w deletes the word before the cursor");
        keys.extend([Action::CursorHome, Action::Insert('>'), Action::CursorEnd, Action::DeleteBack]);
        assert_eq!(typed(&keys), (">the  majo".into(), String::new()));
        keys.extend([Action::CursorLeft, Action::CursorLeft, Action::ClearInput]);
        assert_eq!(typed(&keys), (String::new(), "jo".into()), "Ctrl-u deletes back to the start");
        keys.extend([Action::CursorRight, Action::CursorRight, Action::CursorRight, Action::Insert('é')]);
        assert_eq!(typed(&keys), ("joé".into(), String::new()));
    }

    #[test]
    fn line_keys_keep_to_the_cursors_line() {
        let mut keys = text("first line");
        keys.push(Action::Insert('\n'));
        keys.extend(text("second word"));
        keys.push(Action::CursorHome);
        assert_eq!(typed(&keys), ("first line\n".into(), "second word".into()), "Home: the start of this line");
        keys.extend([Action::CursorEnd, Action::DeleteWord, Action::DeleteWord, Action::DeleteWord]);
        assert_eq!(typed(&keys), ("first line\n".into(), String::new()), "Ctrl-w stops at the line break");
        keys.extend(text("x y"));
        keys.push(Action::ClearInput);
        assert_eq!(typed(&keys), ("first line\n".into(), String::new()), "Ctrl-u clears this line only");
    }

    #[test]
    fn typing_and_pasting_stop_at_the_limit() {
        let mut line = InputLine::new("abcdef".into(), 4);
        assert_eq!(line.text(), "abcd");
        assert!(line.full());
        line.edit(Action::CursorHome);
        line.insert("é");
        assert_eq!(line.text(), "abcd", "nothing fits");
        line.edit(Action::DeleteBack);
        line.edit(Action::CursorEnd);
        line.edit(Action::DeleteBack);
        line.insert("éèêë");
        assert_eq!(line.text(), "abcé", "a paste is cut to the room left");
    }
}
