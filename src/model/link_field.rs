//! The fields that hold links, and how a link in each reads.

use super::Kind;

/// A field of a briefing file that holds links: an id field (`by`, `sources`…)
/// or prose whose inline `[[id]]` links are read too. The one place that knows
/// each field's key, what it must name and how a link in it reads both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkField {
    // Id fields.
    By,
    Sources,
    About,
    Supports,
    Contradicts,
    Affiliations,
    Actors,
    Briefing,
    Parent,
    // Prose fields, for inline links.
    Bluf,
    Summary,
    Description,
    Text,
    Quote,
    Relevance,
    Notes,
}

impl LinkField {
    /// The id fields of a claim, in the order they are read.
    pub const CLAIM: [LinkField; 5] =
        [LinkField::By, LinkField::Sources, LinkField::About, LinkField::Supports, LinkField::Contradicts];

    /// Its key in a briefing file.
    pub const fn key(self) -> &'static str {
        match self {
            LinkField::By => "by",
            LinkField::Sources => "sources",
            LinkField::About => "about",
            LinkField::Supports => "supports",
            LinkField::Contradicts => "contradicts",
            LinkField::Affiliations => "affiliations",
            LinkField::Actors => "actors",
            LinkField::Briefing => "briefing",
            LinkField::Parent => "parent",
            LinkField::Bluf => "bluf",
            LinkField::Summary => "summary",
            LinkField::Description => "description",
            LinkField::Text => "text",
            LinkField::Quote => "quote",
            LinkField::Relevance => "relevance",
            LinkField::Notes => "notes",
        }
    }

    /// Prose, whose links are inline `[[id]]`, rather than an id field.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            LinkField::Bluf
                | LinkField::Summary
                | LinkField::Description
                | LinkField::Text
                | LinkField::Quote
                | LinkField::Relevance
                | LinkField::Notes
        )
    }

    /// The kind an id in this field must name; `None` where it may name anything.
    pub fn expected(self) -> Option<Kind> {
        match self {
            LinkField::By | LinkField::Affiliations | LinkField::Actors => Some(Kind::Actor),
            LinkField::Sources => Some(Kind::Source),
            LinkField::Supports | LinkField::Contradicts => Some(Kind::Claim),
            LinkField::Briefing => Some(Kind::Briefing),
            LinkField::Parent => Some(Kind::Subject),
            _ => None,
        }
    }

    /// How a link reads from the entity that has it: `by`, `in summary`.
    pub fn words(self) -> &'static str {
        match self {
            LinkField::Bluf => "in bluf",
            LinkField::Summary => "in summary",
            LinkField::Description => "in description",
            LinkField::Text => "in text",
            LinkField::Quote => "in quote",
            LinkField::Relevance => "in relevance",
            LinkField::Notes => "in notes",
            id_field => id_field.key(),
        }
    }

    /// How a link reads from the entity it names: `claims`, `contradicted by`,
    /// `in summary of`. (Each id field belongs to one kind: `about` to claims,
    /// `actors` and `briefing` to precedents; `by` to claims and hypotheses,
    /// and an actor's claims and hypotheses are listed together as what it puts forward.)
    pub fn back_words(self) -> &'static str {
        match self {
            LinkField::By => "claims",
            LinkField::Contradicts => "contradicted by",
            LinkField::Supports => "supported by",
            LinkField::Affiliations => "affiliated",
            LinkField::About => "claim about it",
            LinkField::Sources => "cited by",
            LinkField::Actors | LinkField::Briefing => "in precedent",
            LinkField::Parent => "part of it",
            LinkField::Bluf => "in bluf of",
            LinkField::Summary => "in summary of",
            LinkField::Description => "in description of",
            LinkField::Text => "in text of",
            LinkField::Quote => "in quote of",
            LinkField::Relevance => "in relevance of",
            LinkField::Notes => "in notes of",
        }
    }
}
