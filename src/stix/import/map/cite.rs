//! External references as sources, each once however many objects cite it,
//! and an object's prose with its citations and Markdown links made brief
//! links.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::prose::{Page, only_citations, rich};
use super::{Planner, s};
use crate::stix::import::Bundle;
use crate::stix::import::doc::{Table, slug};

/// What makes two references one source: the name, the URL, the external id.
fn key(r: &Json) -> String {
    format!("{}\u{0}{}\u{0}{}", name(r), s(r, "url").trim(), s(r, "external_id").trim())
}

/// A reference's name, trimmed (ATT&CK writes `Secureworks IRON VIKING ` too).
fn name(r: &Json) -> &str {
    s(r, "source_name").trim()
}

/// Whether a reference names the object itself (an ATT&CK id, a CVE): an
/// external id and no description.
pub fn is_own_id(r: &Json) -> bool {
    !s(r, "external_id").is_empty() && s(r, "description").is_empty()
}

/// The bundle's references by source name (the first met of each), for the
/// citations of objects that do not carry the reference themselves; and each
/// object's own page (a reference with an external id and a URL), for
/// Markdown links.
pub fn index(b: &Bundle) -> (HashMap<String, Json>, HashMap<String, usize>) {
    let mut named = HashMap::new();
    let mut pages = HashMap::new();
    for (i, o) in b.objects.iter().enumerate() {
        for r in o.get("external_references").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default() {
            if is_own_id(r) {
                if !s(r, "url").is_empty() {
                    pages.entry(s(r, "url").to_string()).or_insert(i);
                }
            } else if !name(r).is_empty() {
                named.entry(name(r).to_string()).or_insert_with(|| r.clone());
            }
        }
    }
    (named, pages)
}

impl Planner<'_> {
    /// An external reference as a source, once in the whole import (in the
    /// briefing that meets it first). Its title is its description, else
    /// its external id, else its name; a description that is only citation
    /// markers (ATT&CK's note of where an alias comes from) makes no source.
    pub(super) fn source(&mut self, d: usize, r: &Json) -> Option<String> {
        let key = key(r);
        if let Some(id) = self.sources.get(&key) {
            return Some(id.clone());
        }
        let name = name(r);
        let description = Some(s(r, "description")).filter(|t| !only_citations(t)).unwrap_or_default();
        let nowhere = s(r, "external_id").is_empty() && s(r, "url").is_empty();
        // ATT&CK's note on an alias (`… as HIDDEN COBRA.(Citation: …)`) cites
        // sources of its own; it is none.
        if nowhere && (description.is_empty() || description.contains("(Citation:")) {
            return None;
        }
        let title = [description, s(r, "external_id"), name].into_iter().find(|t| !t.trim().is_empty())?;
        // A cited reference is known by its name (`NCSC Sandworm Feb 2020`).
        let base = if description.is_empty() || name.is_empty() { title } else { name };
        let id = self.unique(match slug(base) {
            t if t.is_empty() => "source".into(),
            t => t,
        });
        let mut t = Table::default();
        t.str("id", Some(id.clone()))
            .str("title", Some(crate::text::sanitize_line(title).trim()))
            .str("publisher", Some(name))
            .str("url", Some(s(r, "url")));
        self.docs[d].sections[0].push(t);
        self.sources.insert(key, id.clone());
        Some(id)
    }

    /// Object `i`'s prose as brief prose: `(Citation: Name)` a link to the
    /// source of that name (the object's own reference first), a Markdown
    /// link to an object of the bundle a link to its entity.
    pub(super) fn text(&mut self, i: usize, d: usize, raw: &str) -> String {
        let o = &self.b.objects[i];
        let own: Vec<Json> = o.get("external_references").and_then(Json::as_array).cloned().unwrap_or_default();
        let named = std::mem::take(&mut self.named);
        let pages = std::mem::take(&mut self.pages);
        let ids = std::mem::take(&mut self.ids);
        let page = |url: &str| match pages.get(url) {
            Some(j) => ids.get(j).map_or(Page::Skipped, |id| Page::Entity(id.clone())),
            None => Page::Elsewhere,
        };
        let mut cite = |name: &str| {
            let r = own.iter().find(|r| self::name(r) == name && !is_own_id(r)).or_else(|| named.get(name))?;
            self.source(d, r)
        };
        let out = rich(raw, &mut cite, &page);
        (self.named, self.pages, self.ids) = (named, pages, ids);
        out
    }
}
