//! An entity's fields in the order a person reads them, for every view.

use std::borrow::Cow;

use crate::date::Date;
use crate::model::{Body, Entity, Text};

/// One field's value, as written (prose keeps its `[[links]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Line(Cow<'a, str>),
    Prose(&'a str),
    List(&'a [Text]),
}

struct Fields<'a>(Vec<(&'static str, Value<'a>)>);

impl<'a> Fields<'a> {
    fn line(&mut self, name: &'static str, v: Option<&'a str>) -> &mut Self {
        if let Some(v) = v {
            self.0.push((name, Value::Line(Cow::Borrowed(v))));
        }
        self
    }

    fn date(&mut self, name: &'static str, v: Option<&'a Date>) -> &mut Self {
        self.line(name, v.map(Date::text))
    }

    fn owned(&mut self, name: &'static str, v: Option<String>) -> &mut Self {
        if let Some(v) = v {
            self.0.push((name, Value::Line(Cow::Owned(v))));
        }
        self
    }

    fn prose(&mut self, name: &'static str, v: Option<&'a Text>) -> &mut Self {
        if let Some(v) = v {
            self.0.push((name, Value::Prose(v)));
        }
        self
    }

    fn list(&mut self, name: &'static str, v: &'a [Text]) -> &mut Self {
        if !v.is_empty() {
            self.0.push((name, Value::List(v)));
        }
        self
    }
}

impl Entity {
    /// Every field that has a value, ids excepted (those are links).
    pub fn fields(&self) -> Vec<(&'static str, Value<'_>)> {
        let mut f = Fields(Vec::new());
        match self.body() {
            Body::Briefing(b) => {
                f.line("title", Some(&b.title))
                    .date("date", b.date.as_ref())
                    .line("tlp", b.tlp.map(crate::model::Tlp::as_str));
                f.prose("bluf", b.bluf.as_ref()).prose("summary", b.summary.as_ref()).list("tags", &b.tags);
            }
            Body::Source(s) => {
                f.line("title", Some(&s.title)).line("publisher", s.publisher.as_deref()).line("url", s.url.as_deref());
                f.date("date", s.date.as_ref()).owned("reliability", s.reliability.map(String::from));
            }
            Body::Actor(a) => {
                f.line("name", Some(&a.name))
                    .line("kind", a.kind.map(crate::model::ActorKind::as_str))
                    .line("role", a.role.as_deref());
                f.list("aliases", &a.aliases).list("external_ids", &a.external_ids);
                f.prose("description", a.description.as_ref());
            }
            Body::Claim(c) => {
                f.prose("text", Some(&c.text)).date("date", c.date.as_ref()).prose("quote", c.quote.as_ref());
                f.owned("credibility", c.credibility.map(|n| n.to_string()));
                f.line("confidence", c.confidence.map(crate::model::Confidence::as_str))
                    .line("likelihood", c.likelihood.map(crate::model::Likelihood::as_str));
            }
            Body::Subject(s) => {
                f.line("name", Some(&s.name)).line("kind", Some(&s.kind)).list("aliases", &s.aliases);
                f.list("external_ids", &s.external_ids).prose("description", s.description.as_ref());
            }
            Body::Precedent(p) => {
                f.line("name", Some(&p.name)).date("date", p.date.as_ref()).date("end", p.end.as_ref());
                f.line("place", p.place.as_deref()).prose("description", p.description.as_ref());
                f.prose("relevance", p.relevance.as_ref());
                f.list("similarities", &p.similarities).list("differences", &p.differences);
            }
            Body::Hypothesis(h) => {
                f.prose("text", Some(&h.text)).prose("notes", h.notes.as_ref());
            }
        }
        f.0
    }
}
