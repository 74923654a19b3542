//! Each entity as the STIX object it becomes: its own properties for other
//! tools, and brief's extension for the rest.

use super::{Body, EntityId, Export, Json, LinkField, Text, json, sid, stix_type};
use crate::stix;

impl Export<'_> {
    pub(super) fn object(&self, e: EntityId) -> Option<Json> {
        let c = self.c;
        let ent = c.entity(e);
        let mut m = self.common(stix_type(c, e), sid(c, e), ent.briefing);
        let mut x = self.extension(e);
        match ent.body() {
            Body::Actor(a) => {
                m.insert("name".into(), json!(a.name));
                self.prose(&mut m, &mut x, "description", "description", a.description.as_ref());
                x.opt("kind", a.kind.map(crate::model::ActorKind::as_str))
                    .list("aliases", &a.aliases)
                    .list("external_ids", &a.external_ids)
                    .opt("role", a.role.as_deref());
                own_ids(&mut m, &a.external_ids);
                if matches!(stix_type(c, e), "threat-actor" | "intrusion-set") {
                    if !a.aliases.is_empty() {
                        m.insert("aliases".into(), json!(a.aliases));
                    }
                } else {
                    m.insert("identity_class".into(), json!(identity_class(a.kind)));
                    if let Some(role) = &a.role {
                        m.insert("roles".into(), json!([role]));
                    }
                }
                self.links(&mut x, e, &[LinkField::Affiliations]);
            }
            Body::Claim(cl) => {
                self.prose(&mut m, &mut x, "content", "text", Some(&cl.text));
                let by = c.claimants(e);
                if !by.is_empty() {
                    m.insert("authors".into(), json!(by));
                }
                let mut about = self.refs(e, LinkField::About);
                if about.is_empty() {
                    about = self.refs(e, LinkField::By);
                }
                if about.is_empty() {
                    about.push(sid(c, ent.briefing));
                }
                m.insert("object_refs".into(), json!(about));
                if let Some(conf) = cl.credibility.and_then(stix::confidence) {
                    m.insert("confidence".into(), json!(conf));
                }
                if cl.credibility == Some(6) {
                    x.0.insert("credibility".into(), json!(6));
                }
                let refs: Vec<Json> = ent
                    .links_in(LinkField::Sources)
                    .filter_map(crate::model::Link::to)
                    .map(|s| self.reference(s))
                    .collect();
                if !refs.is_empty() {
                    m.insert("external_references".into(), json!(refs));
                }
                let grade = c.grade(e);
                if !grade.starts_with('?') {
                    x.0.insert("reliability".into(), json!(&grade[..1]));
                }
                x.date("date", cl.date.as_ref()).opt("quote", cl.quote.as_deref());
                x.opt("confidence", cl.confidence.map(crate::model::Confidence::as_str))
                    .opt("likelihood", cl.likelihood.map(crate::model::Likelihood::as_str));
                self.links(&mut x, e, &[LinkField::By, LinkField::Sources, LinkField::About]);
                self.links(&mut x, e, &[LinkField::Supports, LinkField::Contradicts]);
            }
            Body::Precedent(p) => {
                m.insert("name".into(), json!(p.name));
                self.prose(&mut m, &mut x, "description", "description", p.description.as_ref());
                if let Some(d) = &p.date {
                    m.insert("first_seen".into(), json!(stix::start(d)));
                }
                if let Some(d) = p.end.as_ref().filter(|end| p.date.as_ref().is_none_or(|d| d.key <= end.key)) {
                    m.insert("last_seen".into(), json!(stix::end(d)));
                }
                x.date("date", p.date.as_ref()).date("end", p.end.as_ref()).opt("place", p.place.as_deref());
                x.opt("relevance", p.relevance.as_deref());
                x.list("similarities", &p.similarities).list("differences", &p.differences);
                self.links(&mut x, e, &[LinkField::Actors, LinkField::Briefing]);
            }
            Body::Subject(s) => {
                m.insert("name".into(), json!(s.name));
                self.prose(&mut m, &mut x, "description", "description", s.description.as_ref());
                x.opt("kind", Some(&s.kind)).list("aliases", &s.aliases).list("external_ids", &s.external_ids);
                if !s.aliases.is_empty() && matches!(stix_type(c, e), "malware" | "tool" | "infrastructure") {
                    m.insert("aliases".into(), json!(s.aliases));
                }
                if stix_type(c, e) == "malware" {
                    m.insert("is_family".into(), json!(true));
                }
                if stix_type(c, e) == "location" {
                    // STIX asks a location for a region, a country or coordinates.
                    m.insert("region".into(), json!("unknown"));
                }
                own_ids(&mut m, &s.external_ids);
                self.links(&mut x, e, &[LinkField::Parent]);
            }
            Body::Source(_) | Body::Briefing(_) | Body::Hypothesis(_) => return None,
        }
        Some(Self::finish(m, x))
    }
}

/// The STIX identity class of an actor of this kind.
fn identity_class(kind: Option<crate::model::ActorKind>) -> &'static str {
    use crate::model::ActorKind as K;
    match kind {
        Some(K::Person) => "individual",
        Some(K::Organization | K::Media | K::State) => "organization",
        _ => "unknown",
    }
}

/// An object's ids of its own, as external references for other tools.
fn own_ids(m: &mut serde_json::Map<String, Json>, ids: &[Text]) {
    let ids: Vec<Json> = ids.iter().map(|id| json!({"source_name": "brief", "external_id": id})).collect();
    if !ids.is_empty() {
        m.insert("external_references".into(), json!(ids));
    }
}
