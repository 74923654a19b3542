//! STIX objects as brief's entities: one briefing per report, the rest by
//! the mapping in docs/INTERCHANGE.md. Objects brief wrote carry its
//! extension, and are read back from it whole.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value as Json};

mod entity;
mod known;
mod tlp;

pub use known::Kept;

use super::bundle::{Bundle, Problem, problem, s};
use super::doc::{Doc, Table, Val, slug};
use crate::stix::{BRIEF_IDENTITY, EXTENSION, day};
use tlp::TLP_ORDER;

/// What an object becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Actor,
    Claim,
    Precedent,
    /// Read for the briefing or for links; nothing of its own.
    Used,
    Skipped,
}

fn role(o: &Json) -> Role {
    match s(o, "type") {
        "identity" if ext(o).is_some_and(|x| x.contains_key("publisher")) => Role::Used,
        "identity" if s(o, "id") == BRIEF_IDENTITY => Role::Used,
        "identity" | "threat-actor" | "intrusion-set" => Role::Actor,
        "note" | "opinion" => Role::Claim,
        "campaign" | "incident" => Role::Precedent,
        "report" | "marking-definition" | "extension-definition" => Role::Used,
        "relationship" => Role::Claim,
        _ => Role::Skipped,
    }
}

pub struct Plan {
    pub docs: Vec<Doc>,
    /// Objects with no place in brief, by type.
    pub skipped: BTreeMap<String, usize>,
    /// Entities the folder already has, not written again.
    pub kept: Kept,
}

/// brief's extension on an object, when brief wrote it.
fn ext(o: &Json) -> Option<&Map<String, Json>> {
    o.get("extensions")?.get(EXTENSION)?.as_object()
}

fn opt(o: Option<&Map<String, Json>>, key: &str) -> Option<String> {
    o?.get(key)?.as_str().map(String::from)
}

fn strs(v: Option<&Json>) -> Vec<String> {
    v.and_then(Json::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

pub fn plan<S: std::hash::BuildHasher>(b: &Bundle, name: &str, taken: &HashSet<String, S>) -> Result<Plan, Problem> {
    let mut p = Planner {
        b,
        taken: taken.iter().cloned().collect(),
        known: taken.iter().cloned().collect(),
        next: HashMap::new(),
        ids: HashMap::new(),
        home: vec![None; b.objects.len()],
        docs: Vec::new(),
        report: Vec::new(),
        tlp: Vec::new(),
        sources: HashMap::new(),
    };
    let kept = |r: &Json| b.get(r.as_str().unwrap_or_default()).is_some_and(|t| KEPT.contains(&s(t, "type")));
    let roles: Vec<Role> = b
        .objects
        .iter()
        .enumerate()
        .map(|(i, o)| match role(o) {
            // An older version of an object is read as its newest.
            _ if !b.current(i) => Role::Used,
            // A relationship is a claim only between things brief keeps.
            Role::Claim
                if s(o, "type") == "relationship"
                    && !(o.get("source_ref").is_some_and(kept) && o.get("target_ref").is_some_and(kept)) =>
            {
                Role::Skipped
            }
            r => r,
        })
        .collect();
    // A briefing per report; each object lives in the first report naming it.
    for (i, o) in b.objects.iter().enumerate().filter(|&(i, o)| s(o, "type") == "report" && b.current(i)) {
        let d = p.new_doc(i)?;
        for r in strs(o.get("object_refs")) {
            if let Some(&j) = b.index.get(&r) {
                p.home[j].get_or_insert(d);
            }
        }
    }
    let loose: Vec<usize> = (0..b.objects.len())
        .filter(|&i| {
            p.home[i].is_none() && matches!(roles[i], Role::Actor | Role::Claim | Role::Precedent | Role::Skipped)
        })
        .collect();
    if !loose.is_empty() {
        let d = p.loose_doc(name);
        for i in loose {
            p.home[i] = Some(d);
        }
    }
    // Ids first, so every link can be written.
    for (i, o) in b.objects.iter().enumerate() {
        if matches!(roles[i], Role::Actor | Role::Claim | Role::Precedent) && !p.is_link(i) {
            let at = format!("$.objects[{i}]");
            if let Some(id) = opt(ext(o), "id") {
                p.claim_id(&at, id, i)?;
            } else {
                let base = slug(&p.label(i));
                let id = p.unique(if base.is_empty() { s(o, "type").to_string() } else { base });
                p.ids.insert(i, id);
            }
        }
    }
    let mut skipped = BTreeMap::new();
    let mut lines: HashMap<usize, Vec<String>> = HashMap::new();
    // Links between claims, once every claim's table is made.
    let mut links = Vec::new();
    for (i, o) in b.objects.iter().enumerate() {
        let Some(d) = p.home[i] else { continue };
        p.mark(d, o);
        let section = match roles[i] {
            Role::Actor => 1,
            Role::Claim if p.is_link(i) => {
                links.push(i);
                continue;
            }
            Role::Claim => 2,
            Role::Precedent => 3,
            Role::Used => continue,
            Role::Skipped => {
                *skipped.entry(s(o, "type").to_string()).or_insert(0) += 1;
                lines.entry(d).or_default().push(format!("- {} “{}” ({})", s(o, "type"), p.label(i), s(o, "id")));
                continue;
            }
        };
        let t = p.table(i, d);
        p.docs[d].sections[section].push(t);
    }
    for i in links {
        p.link(i);
    }
    for (d, lines) in lines {
        p.add_skipped(d, &lines);
    }
    // The strictest TLP met wins, whatever the extension says.
    for (d, doc) in p.docs.iter_mut().enumerate() {
        doc.top.str("tlp", p.tlp[d].map(|t| TLP_ORDER[t]));
    }
    let kept = known::keep_out(&mut p.docs, &p.known);
    Ok(Plan { docs: p.docs, skipped, kept })
}

struct Planner<'b> {
    b: &'b Bundle,
    taken: HashSet<String>,
    /// Ids other files of the folder define: the receiver's, never written again.
    known: HashSet<String>,
    /// The next suffix to try for each base of [`Planner::unique`].
    next: HashMap<String, usize>,
    /// Object index → brief id.
    ids: HashMap<usize, String>,
    home: Vec<Option<usize>>,
    docs: Vec<Doc>,
    /// The report each briefing was made from (none for the loose objects').
    report: Vec<Option<usize>>,
    /// The most restrictive TLP of what each briefing holds.
    tlp: Vec<Option<usize>>,
    /// External reference → source id.
    sources: HashMap<String, String>,
}

impl Planner<'_> {
    /// `base`, else `base-2`, `base-3`, …: the first not taken. The next
    /// number to try is kept per base, so 60,000 notes with one name take
    /// linear time, not quadratic.
    fn unique(&mut self, base: String) -> String {
        let n = self.next.entry(base.clone()).or_insert(2);
        let mut id = base.clone();
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        self.taken.insert(id.clone());
        id
    }

    /// An id brief wrote: kept as it is; the receiver's when the folder has
    /// it (not written again); refused when used earlier in the import.
    fn take(&mut self, at: &str, id: &str) -> Result<(), Problem> {
        if !crate::load::valid_id(id) {
            return Err(problem(at, format!("'{id}' is not a brief id")));
        }
        if !self.taken.insert(id.to_string()) && !self.known.contains(id) {
            return Err(problem(at, format!("the id '{id}' is used twice in the bundle")));
        }
        Ok(())
    }

    fn claim_id(&mut self, at: &str, id: String, i: usize) -> Result<(), Problem> {
        self.take(at, &id)?;
        self.ids.insert(i, id);
        Ok(())
    }

    fn new_doc(&mut self, i: usize) -> Result<usize, Problem> {
        let o = &self.b.objects[i];
        let x = ext(o);
        let id = if let Some(id) = opt(x, "id") {
            self.take(&format!("$.objects[{i}]"), &id)?;
            id
        } else {
            let base = slug(s(o, "name"));
            self.unique(if base.is_empty() { "report".into() } else { base })
        };
        let mut top = Table::default();
        top.str("id", Some(id.clone()))
            .str("title", Some(Some(s(o, "name")).filter(|n| !n.is_empty()).unwrap_or(&id).to_string()));
        top.str(
            "date",
            opt(x, "date")
                .or_else(|| x.is_none().then(|| day(s(o, "published")).map(|d| d.text().to_string())).flatten()),
        );
        top.str("bluf", opt(x, "bluf"))
            .str("summary", opt(x, "summary").or_else(|| o.get("description").and_then(Json::as_str).map(prose)));
        top.list("tags", strs(o.get("labels")));
        let tlp = match opt(x, "tlp") {
            Some(t) => Some(tlp::rank(&t).ok_or_else(|| {
                problem(
                    format!("$.objects[{i}].extensions.tlp"),
                    format!("'{t}' is not a TLP (clear, green, amber, amber+strict, red)"),
                )
            })?),
            None => None,
        };
        let mut doc = Doc { id, top, sections: Default::default() };
        if let Some(list) = x.and_then(|x| x.get("sources")).and_then(Json::as_array) {
            for (k, src) in list.iter().enumerate() {
                if let Some(id) = src.get("id").and_then(Json::as_str) {
                    self.take(&format!("$.objects[{i}].extensions.sources[{k}]"), id)?;
                }
                let mut t = Table::default();
                for key in ["id", "title", "publisher", "url", "date", "reliability"] {
                    t.str(key, src.get(key).and_then(Json::as_str).map(String::from));
                }
                doc.sections[0].push(t);
            }
        }
        if let Some(list) = x.and_then(|x| x.get("hypotheses")).and_then(Json::as_array) {
            for (k, h) in list.iter().enumerate() {
                if let Some(id) = h.get("id").and_then(Json::as_str) {
                    self.take(&format!("$.objects[{i}].extensions.hypotheses[{k}]"), id)?;
                }
                let mut t = Table::default();
                t.str("id", h.get("id").and_then(Json::as_str).map(String::from));
                t.str("text", h.get("text").and_then(Json::as_str).map(String::from));
                t.list("by", strs(h.get("proposed_by")));
                t.str("notes", h.get("notes").and_then(Json::as_str).map(String::from));
                doc.sections[4].push(t);
            }
        }
        self.docs.push(doc);
        self.report.push(Some(i));
        self.tlp.push(tlp);
        let d = self.docs.len() - 1;
        self.mark(d, o);
        if x.is_none() {
            for r in o.get("external_references").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default() {
                self.source(d, r);
            }
        }
        Ok(d)
    }

    fn loose_doc(&mut self, name: &str) -> usize {
        let base = slug(name);
        let id = self.unique(if base.is_empty() { "bundle".into() } else { base });
        let mut top = Table::default();
        top.str("id", Some(id.clone())).str("title", Some(format!("{name}: objects in no report")));
        self.docs.push(Doc { id, top, sections: Default::default() });
        self.report.push(None);
        self.tlp.push(None);
        self.docs.len() - 1
    }

    fn add_skipped(&mut self, d: usize, lines: &[String]) {
        let doc = &mut self.docs[d];
        let old = match doc.top.get("summary") {
            Some(Val::Str(s)) => format!("{}\n\n", s.trim_end()),
            _ => String::new(),
        };
        let text = format!("{old}Not imported (no place for them in brief):\n{}\n", prose(&lines.join("\n")));
        doc.top.0.retain(|(k, _)| k != "summary");
        doc.top.str("summary", Some(text));
    }

    /// What a person calls an object.
    fn label(&self, i: usize) -> String {
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

    /// `Unit 61398 is attributed to APT1`.
    fn sentence(&self, o: &Json) -> String {
        let end = |key| self.b.index.get(s(o, key)).map_or_else(|| s(o, key).to_string(), |&j| self.label(j));
        let kind = s(o, "relationship_type");
        let words = kind.replace('-', " ");
        let verb = if ["-to", "-of", "-by", "-at", "-with", "-from"].iter().any(|e| kind.ends_with(e)) {
            format!("is {words}")
        } else {
            words
        };
        format!("{} {verb} {}", end("source_ref"), end("target_ref"))
    }

    /// A relationship that is a link between two claims (`supports`, `contradicts`).
    fn is_link(&self, i: usize) -> bool {
        let o = &self.b.objects[i];
        if s(o, "type") != "relationship" {
            return false;
        }
        let claim = |key| self.b.get(s(o, key)).is_some_and(|t| matches!(s(t, "type"), "note" | "opinion"));
        claim("source_ref") && claim("target_ref") && ["supports", "contradicts"].contains(&link_type(o))
    }

    fn link(&mut self, i: usize) {
        let o = &self.b.objects[i];
        let (Some(&from), Some(&to)) = (self.b.index.get(s(o, "source_ref")), self.b.index.get(s(o, "target_ref")))
        else {
            return;
        };
        if ext(&self.b.objects[from]).is_some() {
            return; // brief's own: its links are in the extension.
        }
        let (Some(d), Some(target)) = (self.home[from], self.ids.get(&to).cloned()) else { return };
        let from_id = self.ids.get(&from).cloned();
        let key = link_type(o);
        if let Some(t) = self.docs[d].sections[2]
            .iter_mut()
            .find(|t| matches!(t.get("id"), Some(Val::Str(id)) if Some(id) == from_id.as_ref()))
        {
            match t.0.iter_mut().find(|(k, _)| *k == key) {
                Some((_, Val::List(l))) => l.push(target),
                _ => {
                    t.list(key, vec![target]);
                }
            }
        }
    }
}

const KEPT: [&str; 7] = ["identity", "threat-actor", "intrusion-set", "note", "opinion", "campaign", "incident"];

/// Another tool's text as brief prose: a `[[` there is no link, so it is
/// written `[ [` (`[[[` → `[ [ [`), never read as one.
fn prose(text: &str) -> String {
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

/// `supports`/`contradicts`, as a relationship type or (brief's own) its description.
fn link_type(o: &Json) -> &str {
    let kind = s(o, "relationship_type");
    if kind == "related-to" { s(o, "description") } else { kind }
}
