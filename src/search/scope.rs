//! Which fields are searched, and how much a match in each one counts.

use crate::date::Date;
use std::borrow::Cow;

use crate::model::{Body, Corpus, Entity};

/// A searched field. Prose fields come first: their number fits in four bits of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Field {
    Bluf,
    Summary,
    Description,
    Quote,
    Relevance,
    Similarities,
    Differences,
    Id,
    Title,
    Name,
    Alias,
    Text,
    Role,
    Tag,
    Place,
    Date,
    End,
    Publisher,
    Notes,
    /// A subject's `external_ids` (`T0855`).
    ExternalId,
}

/// How much a field says about what an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Prose,
    Detail,
    Label,
}

impl Field {
    const ALL: [Field; 20] = [
        Field::Bluf,
        Field::Summary,
        Field::Description,
        Field::Quote,
        Field::Relevance,
        Field::Similarities,
        Field::Differences,
        Field::Id,
        Field::Title,
        Field::Name,
        Field::Alias,
        Field::Text,
        Field::Role,
        Field::Tag,
        Field::Place,
        Field::Date,
        Field::End,
        Field::Publisher,
        Field::Notes,
        Field::ExternalId,
    ];

    pub fn from_u8(n: u8) -> Option<Field> {
        Field::ALL.get(usize::from(n)).copied()
    }

    /// The field's key in a briefing file.
    pub fn name(self) -> &'static str {
        match self {
            Field::Bluf => "bluf",
            Field::Summary => "summary",
            Field::Description => "description",
            Field::Quote => "quote",
            Field::Relevance => "relevance",
            Field::Similarities => "similarities",
            Field::Differences => "differences",
            Field::Id => "id",
            Field::Title => "title",
            Field::Name => "name",
            Field::Alias => "aliases",
            Field::Text => "text",
            Field::Role => "role",
            Field::Tag => "tags",
            Field::Place => "place",
            Field::Date => "date",
            Field::End => "end",
            Field::Publisher => "publisher",
            Field::Notes => "notes",
            Field::ExternalId => "external_ids",
        }
    }

    pub fn tier(self) -> Tier {
        match self {
            Field::Id | Field::Title | Field::Name | Field::Alias | Field::Text | Field::ExternalId => Tier::Label,
            Field::Role | Field::Tag | Field::Place | Field::Date | Field::End | Field::Publisher => Tier::Detail,
            _ => Tier::Prose,
        }
    }
}

/// The one-line fields of an entity, matched whole as fzf matches a line; the
/// id first, then the label (title, name or claim text, as read), then the rest.
/// Returns the label's place in the list too.
/// `body` is the entity's, as [`Entity::read`] gives it.
pub fn short_fields<'a>(corpus: &'a Corpus, e: &'a Entity, body: &'a Body) -> (usize, Vec<(Field, Cow<'a, str>)>) {
    let label = match body {
        Body::Briefing(_) | Body::Source(_) => Field::Title,
        Body::Actor(_) | Body::Precedent(_) | Body::Subject(_) => Field::Name,
        Body::Claim(_) | Body::Hypothesis(_) => Field::Text,
    };
    let mut out = vec![(Field::Id, Cow::Borrowed(e.id.as_str())), (label, Cow::Owned(corpus.plain(body.label())))];
    let mut one = |f: Field, v: Option<&'a str>| out.extend(v.map(|v| (f, Cow::Borrowed(v))));
    match body {
        Body::Briefing(b) => {
            one(Field::Date, b.date.as_ref().map(Date::text));
            b.tags.iter().for_each(|t| one(Field::Tag, Some(t)));
        }
        Body::Source(s) => {
            one(Field::Publisher, s.publisher.as_deref());
            one(Field::Date, s.date.as_ref().map(Date::text));
        }
        Body::Actor(a) => {
            a.external_ids.iter().for_each(|t| one(Field::ExternalId, Some(t)));
            a.aliases.iter().for_each(|t| one(Field::Alias, Some(t)));
            one(Field::Role, a.role.as_deref());
        }
        Body::Claim(c) => one(Field::Date, c.date.as_ref().map(Date::text)),
        Body::Hypothesis(_) => {}
        Body::Subject(s) => {
            s.external_ids.iter().for_each(|t| one(Field::ExternalId, Some(t)));
            s.aliases.iter().for_each(|t| one(Field::Alias, Some(t)));
        }
        Body::Precedent(p) => {
            one(Field::Place, p.place.as_deref());
            one(Field::Date, p.date.as_ref().map(Date::text));
            one(Field::End, p.end.as_ref().map(Date::text));
        }
    }
    (1, out)
}

/// The prose of an entity's body, matched word by word.
pub fn prose_fields<'a>(body: &'a Body) -> Vec<(Field, &'a str)> {
    let mut out = Vec::new();
    let mut one = |f: Field, v: Option<&'a str>| out.extend(v.map(|v| (f, v)));
    match body {
        Body::Briefing(b) => {
            one(Field::Bluf, b.bluf.as_deref());
            one(Field::Summary, b.summary.as_deref());
        }
        Body::Actor(a) => one(Field::Description, a.description.as_deref()),
        Body::Subject(s) => one(Field::Description, s.description.as_deref()),
        Body::Claim(c) => one(Field::Quote, c.quote.as_deref()),
        Body::Hypothesis(h) => one(Field::Notes, h.notes.as_deref()),
        Body::Precedent(p) => {
            one(Field::Description, p.description.as_deref());
            one(Field::Relevance, p.relevance.as_deref());
            p.similarities.iter().for_each(|s| one(Field::Similarities, Some(s)));
            p.differences.iter().for_each(|s| one(Field::Differences, Some(s)));
        }
        Body::Source(_) => {}
    }
    out
}
