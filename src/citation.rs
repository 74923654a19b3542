//! How `y` cites an entity, as plain text: what it is, who said it and how
//! graded, where it is, its first source, and its briefing's TLP. Model
//! queries alone; the reader puts the text on the clipboard.

use crate::model::{Body, Corpus, EntityId, Kind, LinkField, Tlp};

/// A short plain-text citation: the label, who and how graded for a claim,
/// the briefing it is in, its first source, and its briefing's TLP.
pub fn citation(corpus: &Corpus, id: EntityId) -> String {
    let e = corpus.entity(id);
    let label = corpus.plain(e.label());
    let briefing = &corpus.entity(e.briefing).id;
    let source = e
        .links_in(LinkField::Sources)
        .filter_map(crate::model::Link::to)
        .map(|s| corpus.entity(s).label().to_string())
        .next();
    let mut out = match e.body() {
        Body::Claim(_) => {
            let by = corpus.claimants(id);
            let by = if by.is_empty() { String::from("unattributed") } else { by.join(", ") };
            format!("\"{label}\" ({by}, {}) [{}, {briefing}", corpus.grade(id), e.id)
        }
        _ if e.kind() == Kind::Briefing => format!("{label} [{}", e.id),
        _ => format!("{label} ({}) [{}, {briefing}", e.kind().as_str(), e.id),
    };
    if let Some(source) = source {
        out.push_str("; source: ");
        out.push_str(&source);
    }
    out.push(']');
    if let Some(tlp) = tlp(corpus, id) {
        out.push(' ');
        out.push_str(&tlp.label());
    }
    out
}

/// The TLP of the briefing an entity is in.
pub fn tlp(corpus: &Corpus, id: EntityId) -> Option<Tlp> {
    corpus.briefing(corpus.entity(id).briefing)?.tlp
}
