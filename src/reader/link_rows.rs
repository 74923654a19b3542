//! What the detail view lists for an entity: its links out, then what links
//! to it. Shared by `update` (to follow a link) and render (to draw it).

use crate::model::{Corpus, EntityId, Kind};

/// One selectable row of the detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// How it relates, in the reader's words: `by`, `contradicted by`, `in summary`.
    pub relation: String,
    /// The id as written, for a broken link.
    pub target: String,
    pub to: Option<EntityId>,
    pub backlink: bool,
}

fn back_relation(field: &str, from: Kind) -> String {
    match field {
        "by" => "claims".into(),
        "contradicts" => "contradicted by".into(),
        "supports" => "supported by".into(),
        "affiliations" => "affiliated".into(),
        "about" => format!("{} about it", from.as_str()),
        "sources" => "cited by".into(),
        "actors" | "briefing" => format!("in {}", from.as_str()),
        other => format!("in {other} of"),
    }
}

/// Links out (id fields, then inline links), then backlinks; duplicates dropped.
pub fn link_rows(corpus: &Corpus, id: EntityId) -> Vec<LinkRow> {
    let e = corpus.entity(id);
    let mut rows: Vec<LinkRow> = Vec::new();
    for l in &e.links {
        let relation = if l.inline { format!("in {}", l.field) } else { l.field.to_string() };
        if rows.iter().any(|r| r.to.is_some() && r.to == l.to && !r.backlink) {
            continue;
        }
        rows.push(LinkRow { relation, target: l.target.clone(), to: l.to, backlink: false });
    }
    for b in &corpus.backlinks[id] {
        let from = corpus.entity(b.from);
        // A contradiction stated on both claims is one fact: show it once.
        if b.field == "contradicts" && rows.iter().any(|r| r.to == Some(b.from) && r.relation == "contradicts") {
            continue;
        }
        if rows.iter().any(|r| r.backlink && r.to == Some(b.from)) {
            continue;
        }
        rows.push(LinkRow {
            relation: back_relation(b.field, from.kind()),
            target: from.id.clone(),
            to: Some(b.from),
            backlink: true,
        });
    }
    rows
}
