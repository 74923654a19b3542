//! STIX objects as brief's entities: one briefing per report, the rest by
//! the mapping in docs/INTERCHANGE.md. Objects brief wrote carry its
//! extension, and are read back from it whole.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value as Json};

mod cite;
mod entity;
mod known;
mod loose;
mod prose;
mod relation;
mod tlp;

pub use known::Kept;

use super::bundle::{Bundle, Problem, problem, s};
use super::doc::{Doc, Table, slug};
use crate::model::SUBJECT_KINDS;
use crate::stix::{BRIEF_IDENTITY, EXTENSION, day};

/// What an object becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Actor,
    Claim,
    Precedent,
    /// Malware, a tool, a technique…: a subject.
    Subject,
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
        t if SUBJECT_KINDS.iter().any(|(_, stix)| *stix == t) => Role::Subject,
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
    let revoked = relation::revoked(b);
    let mut p = Planner::new(b, taken, &revoked);
    let parents: HashSet<usize> = relation::parents(b).into_keys().collect();
    let kept = |r: &Json| b.get(r.as_str().unwrap_or_default()).is_some_and(|t| KEPT.contains(&s(t, "type")));
    let roles: Vec<Role> = b
        .objects
        .iter()
        .enumerate()
        .map(|(i, o)| match role(o) {
            // An older version of an object is read as its newest; a revoked
            // one as the object that replaces it.
            _ if !b.current(i) || revoked.contains_key(&i) => Role::Used,
            _ if s(o, "relationship_type") == "revoked-by" => Role::Used,
            // A sub-technique's parent is a link of the subject, not a claim.
            _ if parents.contains(&i) => Role::Used,
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
            p.home[i].is_none()
                && matches!(roles[i], Role::Actor | Role::Claim | Role::Precedent | Role::Subject | Role::Skipped)
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
        if matches!(roles[i], Role::Actor | Role::Claim | Role::Precedent | Role::Subject) && !p.is_link(i) {
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
    p.summaries();
    for (&from, to) in &revoked {
        if let Some(id) = p.ids.get(to).cloned() {
            p.ids.insert(from, id);
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
            Role::Subject => 5,
            Role::Used => continue,
            Role::Skipped => {
                *skipped.entry(s(o, "type").to_string()).or_insert(0) += 1;
                if !loose::bookkeeping(b, o) {
                    lines.entry(d).or_default().push(format!("- {} “{}” ({})", s(o, "type"), p.label(i), s(o, "id")));
                }
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
        doc.top.str("tlp", p.tlp[d].map(crate::model::Tlp::as_str));
    }
    p.split_large();
    let kept = known::keep_out(&mut p.docs, &p.known);
    Ok(Plan { docs: p.docs, skipped, kept })
}

impl<'b> Planner<'b> {
    fn new<S: std::hash::BuildHasher>(
        b: &'b Bundle,
        taken: &HashSet<String, S>,
        revoked: &HashMap<usize, usize>,
    ) -> Self {
        let (named, pages) = cite::index(b);
        let mut merged: HashMap<usize, Vec<usize>> = HashMap::new();
        for (&from, &to) in revoked {
            merged.entry(to).or_default().push(from);
        }
        // In bundle order, whatever the map's: the same bundle makes the same files.
        for v in merged.values_mut() {
            v.sort_unstable();
        }
        Planner {
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
            named,
            pages,
            merged,
            parent: relation::parents(b).into_values().collect(),
        }
    }

    /// Each report's description as its briefing's summary, once every id
    /// is known, for its links.
    fn summaries(&mut self) {
        let b = self.b;
        for d in 0..self.docs.len() {
            let Some(i) = self.report[d] else { continue };
            let x = ext(&b.objects[i]);
            if let (None, Some(text)) = (opt(x, "summary"), b.objects[i].get("description").and_then(Json::as_str)) {
                let summary = if x.is_none() { self.text(i, d, text) } else { prose(text) };
                let mut t = Table::default();
                t.str("summary", Some(summary));
                // Where the key goes when it is read at once: before the tags.
                let top = &mut self.docs[d].top.0;
                let at = top.iter().position(|(k, _)| k == "tags").unwrap_or(top.len());
                top.splice(at..at, t.0);
            }
        }
    }
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
    tlp: Vec<Option<crate::model::Tlp>>,
    /// External reference → source id.
    sources: HashMap<String, String>,
    /// The bundle's references by source name, for citations.
    named: HashMap<String, Json>,
    /// Each object's own page (URL) → the object, for Markdown links.
    pages: HashMap<String, usize>,
    /// The objects each object replaces (`revoked-by`), whose names it takes as aliases.
    merged: HashMap<usize, Vec<usize>>,
    /// A sub-technique's parent (`subtechnique-of`).
    parent: HashMap<usize, usize>,
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
        top.str("bluf", opt(x, "bluf")).str("summary", opt(x, "summary"));
        top.list("tags", strs(o.get("labels")));
        let tlp = match opt(x, "tlp") {
            Some(t) => Some(crate::model::Tlp::parse(&t).ok_or_else(|| {
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
}

const KEPT: [&str; 14] = [
    "identity",
    "threat-actor",
    "intrusion-set",
    "note",
    "opinion",
    "campaign",
    "incident",
    "malware",
    "tool",
    "attack-pattern",
    "course-of-action",
    "vulnerability",
    "location",
    "infrastructure",
];

pub(super) use prose::defuse as prose;
