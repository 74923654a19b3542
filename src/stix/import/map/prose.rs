//! Another tool's prose as brief prose: a `[[` there is no link, so it is
//! defused; ATT&CK's `(Citation: Name)` markers become links to their
//! sources, and Markdown links links to the objects they name in the bundle,
//! else their words.

use std::fmt::Write as _;

/// Where a Markdown link's URL leads.
pub enum Page {
    /// An object of the bundle that has a brief id.
    Entity(String),
    /// An object of the bundle that brief leaves out: the words alone.
    Skipped,
    /// Somewhere else: the words, then the URL as plain text.
    Elsewhere,
}

/// `[[` written `[ [` (`[[[` → `[ [ [`), so it never reads as a link.
pub fn defuse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = None;
    for c in text.chars() {
        if c == '[' && last == Some('[') {
            out.push(' ');
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// Text fit to stand as a link's words: no brackets, bars or line breaks.
fn words(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            '|' => '/',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

const CITATION: &str = "(Citation:";

/// Whether a text is nothing but citation markers (ATT&CK's alias references).
pub fn only_citations(text: &str) -> bool {
    let mut rest = text.trim();
    if rest.is_empty() {
        return false;
    }
    while let Some(after) = rest.strip_prefix(CITATION) {
        let Some(end) = after.find(')') else { return false };
        rest = after[end + 1..].trim_start();
    }
    rest.is_empty()
}

/// Foreign prose as brief prose: defused, then each citation a link to the
/// source `cite` names (else its name in parentheses), each Markdown link
/// `[words](url)` a brief link when `page` finds an entity (else its words,
/// and the URL when it leads outside the bundle).
pub fn rich(text: &str, cite: &mut dyn FnMut(&str) -> Option<String>, page: &dyn Fn(&str) -> Page) -> String {
    let text = defuse(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(['(', '[']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix(CITATION)
            && let Some(end) = after.find(')').filter(|&e| !after[..e].contains('\n'))
        {
            let name = after[..end].trim();
            match cite(name) {
                Some(id) => _ = write!(out, "([[{id}|{}]])", words(name)),
                None => _ = write!(out, "({})", words(name)),
            }
            rest = &after[end + 1..];
            continue;
        }
        if let Some((shown, url, len)) = markdown_link(rest) {
            match page(url) {
                Page::Entity(id) if !words(shown).is_empty() => _ = write!(out, "[[{id}|{}]]", words(shown)),
                Page::Entity(_) | Page::Skipped => out.push_str(shown),
                Page::Elsewhere => _ = write!(out, "{shown} ({url})"),
            }
            rest = &rest[len..];
            continue;
        }
        out.push_str(&rest[..1]);
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// `[words](url)` at the start of `s`: the words, the URL and the length.
fn markdown_link(s: &str) -> Option<(&str, &str, usize)> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find([']', '[', '\n'])?;
    if !inner[close..].starts_with("](") {
        return None;
    }
    let shown = &inner[..close];
    let after = &inner[close + 2..];
    let end = after.find(|c: char| c == ')' || c.is_whitespace())?;
    if !after[end..].starts_with(')') || end == 0 {
        return None;
    }
    Some((shown, &after[..end], 1 + close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(url: &str) -> Page {
        match url {
            "https://attack.mitre.org/groups/G0034" => Page::Entity("sandworm-team".into()),
            "https://attack.mitre.org/tactics/TA0104" => Page::Skipped,
            _ => Page::Elsewhere,
        }
    }

    #[test]
    fn citations_and_markdown_links_become_brief_links_or_words() {
        let mut cite = |name: &str| (name == "NCSC Sandworm Feb 2020").then(|| "ncsc-2020".to_string());
        let text = "[Sandworm Team](https://attack.mitre.org/groups/G0034) used [Execution](https://attack.mitre.org/tactics/TA0104) \
                    and [a blog](https://example.org/x).(Citation: NCSC Sandworm Feb 2020)(Citation: Other [x])";
        assert_eq!(
            rich(text, &mut cite, &pages),
            "[[sandworm-team|Sandworm Team]] used Execution and a blog (https://example.org/x).\
             ([[ncsc-2020|NCSC Sandworm Feb 2020]])(Other (x))"
        );
        assert_eq!(rich("a [[x]] [b] (c) [d](", &mut cite, &pages), "a [ [x]] [b] (c) [d](");
    }

    #[test]
    fn alias_references_are_only_citations() {
        assert!(only_citations("(Citation: A)(Citation: B) "));
        assert!(!only_citations("(Citation: A) and more"));
        assert!(!only_citations(""));
    }
}
