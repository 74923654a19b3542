//! The briefing of the objects in no report: the domain's, named by ATT&CK's
//! `x-mitre-collection`, else one for the bundle; and the list of what was
//! skipped in its summary (ATT&CK's own bookkeeping counted, not listed).

use serde_json::Value as Json;

use super::{Planner, prose, s};
use crate::stix::day;
use crate::stix::import::Bundle;
use crate::stix::import::doc::{Doc, SECTIONS, Table, Val, slug, table_len};

/// A briefing of objects in no report larger than this is cut into parts:
/// brief reads no file over 4 MiB (ATT&CK Enterprise's objects make 19).
const PART: usize = 3 << 20;

impl Planner<'_> {
    /// Each briefing of objects in no report over [`PART`] bytes cut into
    /// parts, in order (`Enterprise ATT&CK`, `Enterprise ATT&CK, part 2`…),
    /// each under it; the first keeps the summary, each the date and TLP.
    pub(super) fn split_large(&mut self) {
        let mut docs = Vec::with_capacity(self.docs.len());
        for (d, doc) in std::mem::take(&mut self.docs).into_iter().enumerate() {
            let size = |doc: &Doc| doc.toml("").len();
            if self.report[d].is_some() || size(&doc) <= PART {
                docs.push(doc);
                continue;
            }
            let title = match doc.top.get("title") {
                Some(Val::Str(t)) => t.clone(),
                _ => doc.id.clone(),
            };
            let mut rest = doc.clone();
            rest.sections = Default::default();
            let mut part = Doc { sections: Default::default(), ..doc.clone() };
            let mut used = size(&part);
            let mut n = 1;
            for (k, tables) in doc.sections.into_iter().enumerate() {
                for t in tables {
                    let len = table_len(SECTIONS[k], &t);
                    if used + len > PART && part.sections.iter().any(|s| !s.is_empty()) {
                        docs.push(std::mem::replace(&mut part, self.part(&rest, &title, n + 1)));
                        n += 1;
                        used = size(&part);
                    }
                    used += len;
                    part.sections[k].push(t);
                }
            }
            docs.push(part);
        }
        self.docs = docs;
    }

    /// Part `n` of a briefing: its id with `-part-N`, its title with `, part N`, its date and TLP.
    fn part(&mut self, whole: &Doc, title: &str, n: usize) -> Doc {
        let id = self.unique(format!("{}-part-{n}", whole.id));
        let mut top = Table::default();
        top.str("id", Some(id.clone())).str("title", Some(format!("{title}, part {n}")));
        for key in ["date", "tlp"] {
            if let Some(Val::Str(v)) = whole.top.get(key) {
                top.str(key, Some(v.clone()));
            }
        }
        Doc { id, top, sections: Default::default() }
    }

    /// The briefing of a domain's objects in no report, named by its
    /// `x-mitre-collection` (`ICS ATT&CK`), its description the summary.
    pub(super) fn domain_doc(&mut self, c: usize) -> usize {
        let o = &self.b.objects[c];
        let name = crate::text::sanitize_line(s(o, "name")).into_owned();
        let base = slug(&name.replace("ATT&CK", "ATTACK"));
        let id = self.unique(if base.is_empty() { "bundle".into() } else { base });
        let mut top = Table::default();
        top.str("id", Some(id.clone())).str("title", Some(if name.is_empty() { id.clone() } else { name }));
        top.str("date", day(s(o, "modified")).map(|d| d.text().to_string()));
        top.str("summary", o.get("description").and_then(Json::as_str).map(prose));
        self.docs.push(Doc { id, top, sections: Default::default() });
        self.report.push(None);
        self.tlp.push(None);
        let d = self.docs.len() - 1;
        self.mark(d, o);
        d
    }

    /// The briefing of the objects in no report: the domain's, when ATT&CK's
    /// collection names one, else `NAME: objects in no report`.
    pub(super) fn loose_doc(&mut self, name: &str) -> usize {
        let b = self.b;
        if let Some(c) =
            (0..b.objects.len()).find(|&i| s(&b.objects[i], "type") == "x-mitre-collection" && b.current(i))
        {
            return self.domain_doc(c);
        }
        let base = slug(name);
        let id = self.unique(if base.is_empty() { "bundle".into() } else { base });
        let mut top = Table::default();
        top.str("id", Some(id.clone())).str("title", Some(format!("{name}: objects in no report")));
        self.docs.push(Doc { id, top, sections: Default::default() });
        self.report.push(None);
        self.tlp.push(None);
        self.docs.len() - 1
    }

    pub(super) fn add_skipped(&mut self, d: usize, lines: &[String]) {
        let doc = &mut self.docs[d];
        let old = match doc.top.get("summary") {
            Some(Val::Str(s)) => format!("{}\n\n", s.trim_end()),
            _ => String::new(),
        };
        let text = format!("{old}Not imported (no place for them in brief):\n{}\n", prose(&lines.join("\n")));
        doc.top.0.retain(|(k, _)| k != "summary");
        doc.top.str("summary", Some(text));
    }
}

/// ATT&CK's own bookkeeping (`x-mitre-*` objects, and relationships to them):
/// counted when skipped, not listed.
pub(super) fn bookkeeping(b: &Bundle, o: &Json) -> bool {
    let mitre = |t: &str| t.starts_with("x-mitre-");
    mitre(s(o, "type"))
        || (s(o, "type") == "relationship"
            && ["source_ref", "target_ref"].iter().any(|k| b.get(s(o, k)).is_some_and(|t| mitre(s(t, "type")))))
}
