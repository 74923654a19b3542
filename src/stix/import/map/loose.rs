//! The briefing of the objects in no report: the domain's, named by ATT&CK's
//! `x-mitre-collection`, else one for the bundle; and the list of what was
//! skipped in its summary (ATT&CK's own bookkeeping counted, not listed).

use serde_json::Value as Json;

use super::{Planner, prose, s};
use crate::stix::day;
use crate::stix::import::Bundle;
use crate::stix::import::doc::{Doc, Table, Val, slug};

impl Planner<'_> {
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
