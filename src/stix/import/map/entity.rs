//! One STIX object as a brief entity's table: the keys of an actor, a
//! precedent or a claim, read from brief's extension when brief wrote it.

use serde_json::Value as Json;

use super::{KEPT, Planner, Role, ext, opt, prose, role, s, strs};
use crate::stix::import::doc::{Table, slug};
use crate::stix::{credibility, day};

impl Planner<'_> {
    fn refs(&self, o: &Json, key: &str, want: &[&str]) -> Vec<String> {
        strs(o.get(key))
            .iter()
            .filter_map(|r| {
                let &j = self.b.index.get(r)?;
                (want.contains(&s(&self.b.objects[j], "type"))).then(|| self.ids.get(&j).cloned()).flatten()
            })
            .collect()
    }

    /// An external reference as a source of the briefing, once.
    pub(super) fn source(&mut self, d: usize, r: &Json) -> Option<String> {
        let key = r.to_string();
        if let Some(id) = self.sources.get(&key) {
            return Some(id.clone());
        }
        let name = s(r, "source_name");
        let title = [s(r, "description"), s(r, "external_id"), name].into_iter().find(|t| !t.is_empty())?;
        let id = self.unique(match slug(title) {
            t if t.is_empty() => "source".into(),
            t => t,
        });
        let mut t = Table::default();
        t.str("id", Some(id.clone()))
            .str("title", Some(title))
            .str("publisher", Some(name))
            .str("url", Some(s(r, "url")));
        self.docs[d].sections[0].push(t);
        self.sources.insert(key, id.clone());
        Some(id)
    }

    pub(super) fn table(&mut self, i: usize, d: usize) -> Table {
        let o = &self.b.objects[i];
        let x = ext(o);
        let mut t = Table::default();
        t.str("id", self.ids.get(&i).cloned());
        let links = |t: &mut Table, keys: &[(&str, &str)]| {
            for (file_key, ext_key) in keys {
                t.list(file_key, strs(x.and_then(|x| x.get(*ext_key))));
            }
        };
        let by = self
            .b
            .get(s(o, "created_by_ref"))
            .and_then(|c| self.b.index.get(s(c, "id")))
            .and_then(|j| self.ids.get(j))
            .cloned();
        let cites: Vec<String> = if x.is_none() {
            let refs: Vec<Json> = o.get("external_references").and_then(Json::as_array).cloned().unwrap_or_default();
            refs.iter().filter_map(|r| self.source(d, r)).collect()
        } else {
            Vec::new()
        };
        match role(o) {
            Role::Actor => {
                let kind = opt(x, "kind").or_else(|| x.is_none().then(|| foreign_kind(o).to_string()));
                t.str("name", Some(s(o, "name"))).str("kind", kind);
                t.list(
                    "aliases",
                    if x.is_some() { strs(x.and_then(|x| x.get("aliases"))) } else { strs(o.get("aliases")) },
                );
                t.str("role", if x.is_some() { opt(x, "role") } else { Some(strs(o.get("roles")).join(", ")) });
                t.str(
                    "description",
                    opt(x, "description").or_else(|| o.get("description").and_then(Json::as_str).map(prose)),
                );
                links(&mut t, &[("affiliations", "affiliations")]);
            }
            Role::Precedent => {
                let date = |k: &str| day(s(o, k)).map(|d| d.text().to_string());
                t.str("name", Some(s(o, "name")));
                t.str("date", if x.is_some() { opt(x, "date") } else { date("first_seen") });
                t.str("end", if x.is_some() { opt(x, "end") } else { date("last_seen") });
                t.str("place", opt(x, "place"));
                t.str(
                    "description",
                    opt(x, "description").or_else(|| o.get("description").and_then(Json::as_str).map(prose)),
                );
                links(&mut t, &[("actors", "actors")]);
                t.str("relevance", opt(x, "relevance"));
                t.list("similarities", strs(x.and_then(|x| x.get("similarities"))))
                    .list("differences", strs(x.and_then(|x| x.get("differences"))));
                links(&mut t, &[("briefing", "briefing")]);
            }
            _ if x.is_some() => {
                let cred = x
                    .and_then(|x| x.get("credibility"))
                    .and_then(Json::as_i64)
                    .or_else(|| o.get("confidence").and_then(Json::as_u64).and_then(credibility).map(i64::from));
                t.str("text", opt(x, "text").or_else(|| Some(s(o, "content").to_string())));
                links(&mut t, &[("by", "claimants")]);
                t.str("date", opt(x, "date")).str("quote", opt(x, "quote"));
                links(&mut t, &[("sources", "sources")]);
                t.int("credibility", cred)
                    .str("confidence", opt(x, "confidence"))
                    .str("likelihood", opt(x, "likelihood"));
                links(&mut t, &[("about", "about"), ("supports", "supports"), ("contradicts", "contradicts")]);
            }
            _ => {
                let (text, quote, about) = match s(o, "type") {
                    "relationship" => (
                        self.sentence(o),
                        s(o, "description").to_string(),
                        [s(o, "source_ref"), s(o, "target_ref")]
                            .iter()
                            .filter_map(|r| self.b.index.get(*r).and_then(|j| self.ids.get(j)).cloned())
                            .collect(),
                    ),
                    "note" if !s(o, "abstract").is_empty() => {
                        (s(o, "abstract").to_string(), s(o, "content").to_string(), self.refs(o, "object_refs", &KEPT))
                    }
                    _ => (self.label(i), String::new(), self.refs(o, "object_refs", &KEPT)),
                };
                // A relationship is said by whoever wrote the report it is in.
                let report_by = self.report_author(d);
                let by = if s(o, "type") == "relationship" { report_by.or(by) } else { by };
                t.str("text", Some(prose(&text)))
                    .list("by", by.into_iter().collect())
                    .str("quote", Some(prose(&quote)));
                t.list("sources", cites);
                t.int("credibility", o.get("confidence").and_then(Json::as_u64).and_then(credibility).map(i64::from));
                t.list("about", about);
            }
        }
        t
    }

    /// The actor id of the identity that wrote a briefing's report.
    fn report_author(&self, d: usize) -> Option<String> {
        let report = &self.b.objects[self.report[d]?];
        let &j = self.b.index.get(s(report, "created_by_ref"))?;
        self.ids.get(&j).cloned()
    }
}

fn foreign_kind(o: &Json) -> &'static str {
    match (s(o, "type"), s(o, "identity_class")) {
        ("identity", "individual") => "person",
        ("identity", "organization") => "organization",
        ("identity", "group") | ("threat-actor" | "intrusion-set", _) => "group",
        _ => "other",
    }
}
