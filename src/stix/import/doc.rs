//! A briefing file being made by an import, and its TOML as brief writes it.

use std::fmt::Write as _;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// A value of a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Str(String),
    List(Vec<String>),
    Int(i64),
}

/// One table's keys, in the order they are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table(pub Vec<(String, Val)>);

impl Table {
    pub fn str(&mut self, key: &str, v: Option<impl Into<String> + AsRef<str>>) -> &mut Self {
        if let Some(v) = v.filter(|v| !v.as_ref().trim().is_empty()) {
            self.0.push((key.into(), Val::Str(v.into())));
        }
        self
    }

    pub fn list(&mut self, key: &str, v: Vec<String>) -> &mut Self {
        if !v.is_empty() {
            self.0.push((key.into(), Val::List(v)));
        }
        self
    }

    pub fn int(&mut self, key: &str, v: Option<i64>) -> &mut Self {
        if let Some(v) = v {
            self.0.push((key.into(), Val::Int(v)));
        }
        self
    }

    pub fn get(&self, key: &str) -> Option<&Val> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// The sections of a briefing file, in the order the loader reads them.
pub const SECTIONS: [&str; 6] = ["sources", "actors", "claims", "precedents", "hypotheses", "subjects"];

/// A briefing file: its top-level keys, then its sections' tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub id: String,
    pub top: Table,
    pub sections: [Vec<Table>; SECTIONS.len()],
}

impl Doc {
    /// The file's text, after a first line saying where it came from.
    pub fn toml(&self, header: &str) -> String {
        let mut s = format!("{header}\n\n");
        write_table(&mut s, &self.top);
        for (name, tables) in SECTIONS.iter().zip(&self.sections) {
            for t in tables {
                let _ = writeln!(s, "\n[[{name}]]");
                write_table(&mut s, t);
            }
        }
        s
    }
}

/// The bytes a table takes in a file, as a section's entry.
pub fn table_len(name: &str, t: &Table) -> usize {
    let mut s = format!("\n[[{name}]]\n");
    write_table(&mut s, t);
    s.len()
}

fn write_table(s: &mut String, t: &Table) {
    for (key, v) in &t.0 {
        let _ = match v {
            Val::Str(v) => writeln!(s, "{key} = {}", string(v)),
            Val::Int(n) => writeln!(s, "{key} = {n}"),
            Val::List(items) => {
                writeln!(s, "{key} = [{}]", items.iter().map(|i| basic(i)).collect::<Vec<_>>().join(", "))
            }
        };
    }
}

/// A TOML string: multi-line when the text has line breaks, so it reads as written.
fn string(v: &str) -> String {
    if v.contains('\n') {
        // The line break after the opening quotes is not part of the string.
        format!("\"\"\"\n{}\"\"\"", escape(v, true))
    } else {
        basic(v)
    }
}

fn basic(v: &str) -> String {
    format!("\"{}\"", escape(v, false))
}

fn escape(v: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(v.len());
    for ch in v.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multiline => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A readable id from a name: `Unit 61398` → `unit-61398`, at most 60 bytes,
/// cut at a word.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for ch in name.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            s.push(ch);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let mut s = s.trim_end_matches('-').to_string();
    if s.len() > 60 {
        let cut = s[..60].rfind('-').filter(|&i| i > 20).unwrap_or(60);
        s.truncate(cut);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_written_so_toml_reads_it_back() {
        let mut t = Table::default();
        let odd = "a \"quote\", a \\ and \u{7}\nand a second line\n";
        t.str("summary", Some(odd)).list("tags", vec!["x\"y".into()]).int("credibility", Some(2));
        let doc = Doc { id: "x".into(), top: t, sections: Default::default() };
        let back: toml::Table = toml::from_str(&doc.toml("# header")).unwrap();
        assert_eq!(back["summary"].as_str(), Some(odd));
        assert_eq!(back["tags"][0].as_str(), Some("x\"y"));
        assert_eq!(back["credibility"].as_integer(), Some(2));
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("Unit 61398"), "unit-61398");
        assert_eq!(slug("  APT1 — (Comment Crew) "), "apt1-comment-crew");
        assert_eq!(slug("Ünïcode only: ☃"), "unicode-only");
        assert!(slug(&"word ".repeat(30)).len() <= 60);
        assert_eq!(slug("☃"), "");
    }
}
