//! What the detail view lists for an entity: its links out, then what links
//! to it; for an actor, its dossier first. Shared by `update` (to follow a
//! link) and render (to draw it).

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
    /// The heading it is listed under: `Links`, `Referenced by`, or for an
    /// actor its dossier's `Claims by it`, `About it`, `Affiliated`, `Appears in`.
    pub section: &'static str,
}

/// An actor's dossier as rows, each group under its heading.
fn dossier_rows(corpus: &Corpus, id: EntityId) -> Vec<LinkRow> {
    let Some(d) = crate::dossier::dossier(corpus, id) else { return Vec::new() };
    let sections = ["Claims by it", "About it", "Affiliated", "Appears in"];
    let relations = ["claims", "about it", "affiliated", "in briefing"];
    let mut rows = Vec::new();
    for (((_, ids), section), relation) in d.groups().into_iter().zip(sections).zip(relations) {
        for &to in ids {
            let target = corpus.entity(to).id.clone();
            rows.push(LinkRow { relation, target, to: Some(to), backlink: true, section });
        }
    }
    rows
}

/// Links out (id fields, then inline links), then backlinks; duplicates dropped.
pub fn link_rows(corpus: &Corpus, id: EntityId) -> Vec<LinkRow> {
    let e = corpus.entity(id);
    let mut rows: Vec<LinkRow> = dossier_rows(corpus, id);
    let in_dossier = rows.len();
    let listed = |rows: &[LinkRow], to: Option<EntityId>| to.is_some() && rows[..in_dossier].iter().any(|r| r.to == to);
    for l in &e.links {
        let relation = l.field.words();
        if rows.iter().any(|r| r.to.is_some() && r.to == l.to() && !r.backlink) || listed(&rows, l.to()) {
            continue;
        }
        rows.push(LinkRow {
            relation,
            target: l.target(corpus).to_string(),
            to: l.to(),
            backlink: false,
            section: "Links",
        });
    }
    for b in &corpus.backlinks[id] {
        let from = corpus.entity(b.from());
        // A contradiction stated on both claims is one fact: show it once.
        let stated = |r: &LinkRow| r.to == Some(b.from()) && r.relation == LinkField::Contradicts.words();
        if b.field == LinkField::Contradicts && rows.iter().any(stated) {
            continue;
        }
        if rows.iter().any(|r| r.backlink && r.to == Some(b.from())) {
            continue;
        }
        rows.push(LinkRow {
            relation: b.field.back_words(),
            target: from.id.clone(),
            to: Some(b.from()),
            backlink: true,
            section: "Referenced by",
        });
    }
    rows
}
