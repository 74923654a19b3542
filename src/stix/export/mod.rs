//! Briefings as a STIX 2.1 bundle. Each object carries STIX's own properties
//! for other tools, and brief's property extension for what STIX has no
//! property for (ids, dates as written, prose with its links), so an import
//! gives every field back.

mod ach;
mod object;

use crate::date::Date;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value as Json, json};

use super::{BRIEF_IDENTITY, EXTENSION, defs};
use crate::model::{Body, Corpus, EntityId, Kind, LinkField, SUBJECT_KINDS, Text};
use crate::state::ReviewFile;

/// The STIX type an entity becomes.
pub fn stix_type(c: &Corpus, e: EntityId) -> &'static str {
    match c.entity(e).body() {
        Body::Briefing(_) => "report",
        Body::Actor(a) if a.kind == Some(crate::model::ActorKind::Group) => "threat-actor",
        Body::Actor(a) if a.kind == Some(crate::model::ActorKind::IntrusionSet) => "intrusion-set",
        // A subject with no kind (an error brief check reports) goes out as a tool.
        Body::Subject(s) => SUBJECT_KINDS.iter().find(|(k, _)| *k == s.kind).map_or("tool", |(_, t)| t),
        Body::Actor(_) => "identity",
        Body::Claim(_) => "note",
        Body::Precedent(_) => "campaign",
        Body::Source(_) => "external-reference",
        // Not an object of its own: carried in its report's extension.
        Body::Hypothesis(_) => "x-brief-hypothesis",
    }
}

fn sid(c: &Corpus, e: EntityId) -> String {
    super::id(stix_type(c, e), &c.entity(e).id)
}

/// The bundle of the chosen briefings and everything they define, as JSON
/// text: each object is written as it is made, so a large export never holds
/// the whole bundle as a tree. Briefings are written on every core, each
/// into its own bytes, and joined in order, so the bundle is the same bytes
/// however many cores made it. With `marks` (`--marks`), each report also
/// carries that analyst's ACH ratings and relevances of its claims.
pub fn bundle(c: &Corpus, briefings: &[EntityId], marks: Option<&ReviewFile>) -> Vec<u8> {
    let mut chosen = vec![false; c.entities.len()];
    for &b in briefings {
        chosen[b] = true;
    }
    let x = Export { c, chosen: &chosen, marks };
    let id = super::id("bundle", &bundle_name(c, briefings));
    let mut out = format!("{{\"type\":\"bundle\",\"id\":\"{id}\",\"objects\":[\n").into_bytes();
    write(&mut out, &defs::brief_identity());
    emit(&mut out, &defs::extension_definition());
    let mut defined: Vec<Vec<EntityId>> = vec![Vec::new(); c.entities.len()];
    for e in (0..c.entities.len()).filter(|&e| x.inside(e) && c.entity(e).briefing != e) {
        defined[c.entity(e).briefing].push(e);
    }
    // Each publisher's identity is written once, by the first briefing citing it.
    let mut publishers: HashMap<&str, EntityId> = HashMap::new();
    let mut tlps: Vec<&str> = Vec::new();
    for &b in briefings {
        for &e in &defined[b] {
            if let Body::Source(s) = c.entity(e).body()
                && let Some(p) = &s.publisher
            {
                publishers.entry(p.as_str()).or_insert(b);
            }
        }
        if let Some(t) = c.briefing(b).and_then(|body| body.tlp).map(super::marking)
            && !tlps.contains(&t)
        {
            tlps.push(t);
        }
    }
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let chunk = briefings.len().div_ceil(cores).max(1);
    let (x, defined, publishers) = (&x, &defined, &publishers);
    let parts: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = briefings
            .chunks(chunk)
            .map(|bs| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    for &b in bs {
                        x.briefing(&mut out, b, &defined[b], publishers);
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    out.reserve(parts.iter().map(Vec::len).sum::<usize>() + (1 << 16));
    for part in parts {
        out.extend_from_slice(&part);
    }
    for t in tlps {
        emit(&mut out, &defs::tlp_definition(t));
    }
    out.extend_from_slice(b"\n]}\n");
    out
}

fn write(out: &mut Vec<u8>, obj: &Json) {
    serde_json::to_writer(out, obj).expect("a JSON value writes into memory");
}

/// An object after the first: a comma, a line break, the object.
fn emit(out: &mut Vec<u8>, obj: &Json) {
    out.extend_from_slice(b",\n");
    write(out, obj);
}

fn publisher_id(name: &str) -> String {
    super::id("identity", &format!("publisher:{name}"))
}

/// The bundle's id depends on what is in it, so the same export is the same bundle.
fn bundle_name(c: &Corpus, briefings: &[EntityId]) -> String {
    briefings.iter().map(|&b| c.entity(b).id.as_str()).collect::<Vec<_>>().join(" ")
}

struct Export<'a> {
    c: &'a Corpus,
    /// Whether each entity is a chosen briefing.
    chosen: &'a [bool],
    /// The review state whose ratings go out (`--marks`); none without.
    marks: Option<&'a ReviewFile>,
}

impl Export<'_> {
    /// Whether an entity is in the bundle: its briefing was chosen.
    fn inside(&self, e: EntityId) -> bool {
        self.chosen[self.c.entity(e).briefing]
    }

    /// A briefing's objects, relationships and publishers, then its report.
    fn briefing(&self, out: &mut Vec<u8>, b: EntityId, defined: &[EntityId], publishers: &HashMap<&str, EntityId>) {
        let mut refs = Vec::new();
        let mut written = HashSet::new();
        for &e in defined {
            if let Some(obj) = self.object(e) {
                refs.push(obj["id"].clone());
                emit(out, &obj);
            }
            for rel in self.relationships(e) {
                refs.push(rel["id"].clone());
                emit(out, &rel);
            }
            if let Body::Source(s) = self.c.entity(e).body()
                && let Some(p) = &s.publisher
            {
                refs.push(json!(publisher_id(p)));
                if publishers.get(p.as_str()) == Some(&b) && written.insert(p.as_str()) {
                    emit(out, &self.publisher(b, p));
                }
            }
        }
        let mut seen = HashSet::new();
        refs.retain(|r| seen.insert(r.to_string()));
        emit(out, &self.report(b, refs));
    }

    /// `type`, `id`, times and marking: what every object starts with.
    fn common(&self, kind: &str, id: String, briefing: EntityId) -> Map<String, Json> {
        let c = self.c;
        let Body::Briefing(b) = c.entity(briefing).body() else { unreachable!("an entity's briefing is a briefing") };
        let time = b.date.as_ref().map_or_else(|| "1970-01-01T00:00:00.000Z".to_string(), super::start);
        let mut m = Map::new();
        m.insert("type".into(), json!(kind));
        m.insert("spec_version".into(), json!("2.1"));
        m.insert("id".into(), json!(id));
        m.insert("created".into(), json!(time));
        m.insert("modified".into(), json!(time));
        if let Some(t) = b.tlp.map(super::marking) {
            m.insert("object_marking_refs".into(), json!([t]));
        }
        m
    }

    /// brief's extension: the id, then what is given.
    fn extension(&self, e: EntityId) -> Ext {
        let mut x = Ext(Map::new());
        x.0.insert("extension_type".into(), json!("property-extension"));
        x.0.insert("id".into(), json!(self.c.entity(e).id));
        x
    }

    fn finish(mut m: Map<String, Json>, x: Ext) -> Json {
        m.insert("extensions".into(), json!({ EXTENSION: x.0 }));
        Json::Object(m)
    }

    /// A prose field: plain text in STIX's property, the text with its
    /// `[[links]]` in the extension when it has any.
    fn prose(&self, m: &mut Map<String, Json>, x: &mut Ext, stix: &str, key: &str, text: Option<&Text>) {
        let Some(text) = text else { return };
        let plain = self.c.plain(text);
        if plain != text.as_str() {
            x.0.insert(key.into(), json!(text));
        }
        m.insert(stix.into(), json!(plain));
    }

    fn links(&self, x: &mut Ext, e: EntityId, fields: &[LinkField]) {
        for &f in fields {
            let ids: Vec<&str> = self.c.entity(e).links_in(f).map(|l| l.target(self.c)).collect();
            if !ids.is_empty() {
                x.0.insert(link_key(f).into(), json!(ids));
            }
        }
    }

    /// The STIX ids of linked entities that are objects in this bundle (a
    /// source is an external reference, not an object).
    fn refs(&self, e: EntityId, field: LinkField) -> Vec<String> {
        let c = self.c;
        c.entity(e)
            .links_in(field)
            .filter_map(crate::model::Link::to)
            .filter(|&t| self.inside(t) && !matches!(c.entity(t).kind(), Kind::Source | Kind::Hypothesis))
            .map(|t| sid(c, t))
            .collect()
    }

    /// `supports` and `contradicts` as relationships, for tools that draw them
    /// (brief reads its own links back from the extension): `related-to`,
    /// the one type STIX suggests between notes, described as the link.
    fn relationships(&self, e: EntityId) -> Vec<Json> {
        let c = self.c;
        if c.entity(e).kind() != Kind::Claim {
            return Vec::new();
        }
        let mut out = Vec::new();
        for field in [LinkField::Supports, LinkField::Contradicts] {
            for to in self.refs(e, field) {
                let from = sid(c, e);
                let name = format!("{}:{}:{to}", c.entity(e).id, field.key());
                let mut m = self.common("relationship", super::id("relationship", &name), c.entity(e).briefing);
                m.insert("relationship_type".into(), json!("related-to"));
                m.insert("description".into(), json!(field.key()));
                m.insert("source_ref".into(), json!(from));
                m.insert("target_ref".into(), json!(to));
                out.push(Json::Object(m));
            }
        }
        out
    }

    /// A source as an external reference: publisher, title, url, brief id.
    fn reference(&self, s: EntityId) -> Json {
        let ent = self.c.entity(s);
        let Body::Source(src) = ent.body() else { return json!({}) };
        let mut r = json!({
            "source_name": src.publisher.as_deref().unwrap_or(&src.title),
            "description": src.title,
            "external_id": ent.id,
        });
        if let Some(url) = src.url.as_deref().and_then(super::uri) {
            r["url"] = json!(url);
        }
        r
    }

    fn publisher(&self, b: EntityId, name: &str) -> Json {
        let mut m = self.common("identity", publisher_id(name), b);
        m.insert("name".into(), json!(name));
        m.insert("identity_class".into(), json!("organization"));
        m.insert("roles".into(), json!(["publisher"]));
        let mut x = Ext(Map::new());
        x.0.insert("extension_type".into(), json!("property-extension"));
        x.0.insert("publisher".into(), json!(true));
        Self::finish(m, x)
    }

    fn report(&self, b: EntityId, refs: Vec<Json>) -> Json {
        let c = self.c;
        let Body::Briefing(body) = c.entity(b).body() else { unreachable!("chosen briefings are briefings") };
        let mut m = self.common("report", sid(c, b), b);
        let published = m["created"].clone();
        m.insert("name".into(), json!(body.title));
        m.insert("published".into(), published);
        let mut x = self.extension(b);
        self.prose(&mut m, &mut x, "description", "summary", body.summary.as_ref());
        if !body.tags.is_empty() {
            m.insert("labels".into(), json!(body.tags));
        }
        let refs = if refs.is_empty() { vec![json!(BRIEF_IDENTITY)] } else { refs };
        m.insert("object_refs".into(), json!(refs));
        x.date("date", body.date.as_ref())
            .opt("bluf", body.bluf.as_deref())
            .opt("tlp", body.tlp.map(crate::model::Tlp::as_str));
        let sources = &body.sources;
        if !sources.is_empty() {
            m.insert("external_references".into(), sources.iter().map(|&s| self.reference(s)).collect());
            x.0.insert("sources".into(), sources.iter().map(|&s| source(c, s)).collect());
        }
        if !body.hypotheses.is_empty() {
            x.0.insert("hypotheses".into(), body.hypotheses.iter().map(|&h| hypothesis(c, h)).collect());
        }
        self.judgments(&mut x, b);
        Self::finish(m, x)
    }
}

/// A hypothesis whole, for its report's extension: STIX has no object for one.
fn hypothesis(c: &Corpus, h: EntityId) -> Json {
    let ent = c.entity(h);
    let Body::Hypothesis(hy) = ent.body() else { return json!({}) };
    let mut x = Ext(Map::new());
    x.0.insert("id".into(), json!(ent.id));
    x.0.insert("text".into(), json!(hy.text));
    let by: Vec<&str> = ent.links_in(LinkField::By).map(|l| l.target(c)).collect();
    if !by.is_empty() {
        x.0.insert("proposed_by".into(), json!(by));
    }
    x.opt("notes", hy.notes.as_deref());
    Json::Object(x.0)
}

/// An id field's name in the extension: its key in a briefing file, but
/// `claimants` for `by` (STIX property names have three letters or more).
pub fn link_key(f: LinkField) -> &'static str {
    if f == LinkField::By { "claimants" } else { f.key() }
}

/// A source whole, for the report's extension.
fn source(c: &Corpus, s: EntityId) -> Json {
    let ent = c.entity(s);
    let Body::Source(src) = ent.body() else { return json!({}) };
    let mut x = Ext(Map::new());
    x.0.insert("id".into(), json!(ent.id));
    x.0.insert("title".into(), json!(src.title));
    x.opt("publisher", src.publisher.as_deref()).opt("url", src.url.as_deref()).date("date", src.date.as_ref());
    x.opt("reliability", src.reliability.map(String::from).as_deref());
    Json::Object(x.0)
}

/// The extension's properties being gathered.
struct Ext(Map<String, Json>);

impl Ext {
    fn opt(&mut self, key: &str, v: Option<&str>) -> &mut Self {
        if let Some(v) = v {
            self.0.insert(key.into(), json!(v));
        }
        self
    }

    fn date(&mut self, key: &str, v: Option<&crate::date::Date>) -> &mut Self {
        self.opt(key, v.map(Date::text))
    }

    fn list(&mut self, key: &str, v: &[Text]) -> &mut Self {
        if !v.is_empty() {
            self.0.insert(key.into(), json!(v));
        }
        self
    }
}
