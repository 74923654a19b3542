//! Many strings in one buffer: what the index and its cache hold text in.

/// Many strings in one buffer, each followed by a NUL so that a search over
/// the whole buffer never matches across two of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strs {
    pub text: String,
    /// Where each string starts; one more entry than strings, the end of `text`.
    pub starts: Vec<u32>,
}

impl Strs {
    pub fn new() -> Strs {
        Strs { text: String::new(), starts: vec![0] }
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.end();
    }

    /// Ends the string written straight into `text`.
    pub fn end(&mut self) {
        self.text.push('\0');
        self.starts.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize - 1]
    }

    /// Byte range of string `i` in `text`.
    pub fn range(&self, i: usize) -> (usize, usize) {
        (self.starts[i] as usize, self.starts[i + 1] as usize - 1)
    }

    /// Adds every string of `other` after these.
    pub fn append(&mut self, other: &Strs) {
        let shift = self.text.len() as u32;
        self.text.push_str(&other.text);
        self.starts.extend(other.starts[1..].iter().map(|s| s + shift));
    }
}
