//! What the detail view lists for an entity: its links out, then what links
//! to it. Shared by `update` (to follow a link) and render (to draw it).

use crate::model::{Corpus, EntityId, LinkField};

/// One selectable row of the detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// How it relates, in the reader's words: `by`, `contradicted by`, `in summary`.
    pub relation: &'static str,
    /// The id as written, for a broken link.
    pub target: String,
    pub to: Option<EntityId>,
    pub backlink: bool,
}

/// Links out (id fields, then inline links), then backlinks; duplicates dropped.
pub fn link_rows(corpus: &Corpus, id: EntityId) -> Vec<LinkRow> {
    let e = corpus.entity(id);
    let mut rows: Vec<LinkRow> = Vec::new();
    for l in &e.links {
        let relation = l.field.words();
        if rows.iter().any(|r| r.to.is_some() && r.to == l.to && !r.backlink) {
            continue;
        }
        rows.push(LinkRow { relation, target: l.target.clone(), to: l.to, backlink: false });
    }
    for b in &corpus.backlinks[id] {
        let from = corpus.entity(b.from);
        // A contradiction stated on both claims is one fact: show it once.
        let stated = |r: &LinkRow| r.to == Some(b.from) && r.relation == LinkField::Contradicts.words();
        if b.field == LinkField::Contradicts && rows.iter().any(stated) {
            continue;
        }
        if rows.iter().any(|r| r.backlink && r.to == Some(b.from)) {
            continue;
        }
        rows.push(LinkRow {
            relation: b.field.back_words(),
            target: from.id.clone(),
            to: Some(b.from),
            backlink: true,
        });
    }
    rows
}
