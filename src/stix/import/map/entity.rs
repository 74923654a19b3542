//! One STIX object as a brief entity's table: the keys of an actor, a
//! precedent or a claim, read from brief's extension when brief wrote it.

use serde_json::Value as Json;

use super::cite::is_own_id;
use super::{KEPT, Planner, Role, ext, opt, prose, role, s, strs};
use crate::model::SUBJECT_KINDS;
use crate::stix::import::doc::Table;
use crate::stix::{credibility, day};

impl Planner<'_> {
    /// What a person calls an object.
    pub(super) fn label(&self, i: usize) -> String {
        let o = &self.b.objects[i];
        for key in ["name", "abstract", "content", "explanation", "value", "pattern"] {
            let v = s(o, key);
            if !v.is_empty() {
                return crate::text::sanitize_line(v).into_owned();
            }
        }
        if s(o, "type") == "relationship" {
            return self.sentence(o);
        }
        if s(o, "type") == "opinion" {
            return format!("Opinion: {}", s(o, "opinion"));
        }
        s(o, "id").to_string()
    }

    fn refs(&self, o: &Json, key: &str, want: &[&str]) -> Vec<String> {
        strs(o.get(key))
            .iter()
            .filter_map(|r| {
                let &j = self.b.index.get(r)?;
                (want.contains(&s(&self.b.objects[j], "type"))).then(|| self.ids.get(&j).cloned()).flatten()
            })
            .collect()
    }

    pub(super) fn table(&mut self, i: usize, d: usize) -> Table {
        let b = self.b;
        let o = &b.objects[i];
        let described = |p: &mut Self| o.get("description").and_then(Json::as_str).map(|t| p.text(i, d, t));
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
            // A subject's or an actor's own ids are its `external_ids`, not sources.
            let own = |r: &Json| matches!(role(o), Role::Subject | Role::Actor) && is_own_id(r);
            refs.iter().filter(|r| !own(r)).filter_map(|r| self.source(d, r)).collect()
        } else {
            Vec::new()
        };
        match role(o) {
            Role::Actor => {
                let kind = opt(x, "kind").or_else(|| x.is_none().then(|| foreign_kind(o).to_string()));
                t.str("name", Some(s(o, "name"))).str("kind", kind);
                t.list("aliases", if x.is_some() { strs(x.and_then(|x| x.get("aliases"))) } else { self.aliases(i) });
                let ids = if x.is_some() { strs(x.and_then(|x| x.get("external_ids"))) } else { self.external_ids(i) };
                t.list("external_ids", ids);
                t.str("role", if x.is_some() { opt(x, "role") } else { Some(strs(o.get("roles")).join(", ")) });
                t.str("description", opt(x, "description").or_else(|| described(self)));
                links(&mut t, &[("affiliations", "affiliations")]);
            }
            Role::Subject => self.subject(&mut t, i, d),
            Role::Precedent => {
                let date = |k: &str| day(s(o, k)).map(|d| d.text().to_string());
                t.str("name", Some(s(o, "name")));
                t.str("date", if x.is_some() { opt(x, "date") } else { date("first_seen") });
                t.str("end", if x.is_some() { opt(x, "end") } else { date("last_seen") });
                t.str("place", opt(x, "place"));
                t.str("description", opt(x, "description").or_else(|| described(self)));
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
                let (text, quote, mut about): (String, &str, Vec<String>) = match s(o, "type") {
                    "relationship" => (
                        prose(&self.sentence(o)),
                        s(o, "description"),
                        [s(o, "source_ref"), s(o, "target_ref")]
                            .iter()
                            .filter_map(|r| self.b.index.get(*r).and_then(|j| self.ids.get(j)).cloned())
                            .collect(),
                    ),
                    "note" if !s(o, "abstract").is_empty() => {
                        (prose(s(o, "abstract")), s(o, "content"), self.refs(o, "object_refs", &KEPT))
                    }
                    _ => (prose(&self.label(i)), "", self.refs(o, "object_refs", &KEPT)),
                };
                about.dedup();
                let quote = self.text(i, d, quote);
                // The object's own voice, else whoever wrote the report it is in.
                let by = if s(o, "type") == "relationship" { by.or_else(|| self.report_author(d)) } else { by };
                let date = ["start_time", "first_seen"].into_iter().find_map(|k| day(s(o, k)));
                t.str("text", Some(text)).list("by", by.into_iter().collect());
                t.str("date", date.map(|d| d.text().to_string())).str("quote", Some(quote));
                t.list("sources", cites);
                t.int("credibility", o.get("confidence").and_then(Json::as_u64).and_then(credibility).map(i64::from));
                t.list("about", about);
            }
        }
        t
    }

    /// A subject's keys: its kind from its STIX type, its ATT&CK ids, its parent.
    fn subject(&mut self, t: &mut Table, i: usize, d: usize) {
        let b = self.b;
        let o = &b.objects[i];
        let x = ext(o);
        let kind = SUBJECT_KINDS.iter().find(|(_, stix)| *stix == s(o, "type")).map(|(k, _)| *k);
        // A location may have no name: its place stands for one.
        let place = ["city", "administrative_area", "country", "region"].map(|k| s(o, k));
        let place = place.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ");
        let name = Some(s(o, "name")).filter(|n| !n.is_empty()).map_or_else(|| self.label(i), String::from);
        let name = if s(o, "name").is_empty() && !place.is_empty() { place } else { name };
        t.str("name", Some(name)).str("kind", opt(x, "kind").or(kind.map(String::from)));
        let (aliases, ids) = if x.is_some() {
            (strs(x.and_then(|x| x.get("aliases"))), strs(x.and_then(|x| x.get("external_ids"))))
        } else {
            (self.aliases(i), self.external_ids(i))
        };
        t.list("aliases", aliases).list("external_ids", ids);
        t.str(
            "description",
            opt(x, "description").or_else(|| o.get("description").and_then(Json::as_str).map(|t| self.text(i, d, t))),
        );
        if x.is_some() {
            t.list("parent", strs(x.and_then(|x| x.get("parent"))));
        } else {
            t.list("parent", self.parent.get(&i).and_then(|j| self.ids.get(j)).cloned().into_iter().collect());
        }
    }

    /// An object's ids of its own (an external reference with an external
    /// id and no description: `T0855`, `CVE-2021-44228`), then those of the
    /// objects it replaces.
    fn external_ids(&self, i: usize) -> Vec<String> {
        let merged = self.merged.get(&i).map(Vec::as_slice).unwrap_or_default();
        let mut all: Vec<String> = Vec::new();
        for j in std::iter::once(&i).chain(merged) {
            let refs = self.b.objects[*j].get("external_references").and_then(Json::as_array);
            for r in refs.map(Vec::as_slice).unwrap_or_default().iter().filter(|r| is_own_id(r)) {
                let id = crate::text::sanitize_line(s(r, "external_id")).into_owned();
                if !all.contains(&id) {
                    all.push(id);
                }
            }
        }
        all
    }

    /// An actor's or subject's aliases (ATT&CK's `x_mitre_aliases` too): its
    /// own, then the names of the objects it replaces (`revoked-by`), none
    /// its name.
    fn aliases(&self, i: usize) -> Vec<String> {
        let o = &self.b.objects[i];
        let mut all: Vec<String> = Vec::new();
        for a in strs(o.get("aliases")).into_iter().chain(strs(o.get("x_mitre_aliases"))) {
            if a != s(o, "name") && !all.contains(&a) {
                all.push(a);
            }
        }
        let merged = self.merged.get(&i).map(Vec::as_slice).unwrap_or_default();
        for name in merged.iter().map(|&j| s(&self.b.objects[j], "name")) {
            if !name.is_empty() && name != s(o, "name") && !all.iter().any(|a| a == name) {
                all.push(name.to_string());
            }
        }
        all
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
        ("identity", "group") | ("threat-actor", _) => "group",
        ("intrusion-set", _) => "intrusion-set",
        _ => "other",
    }
}
