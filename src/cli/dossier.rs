//! `brief show`'s views across the folder: an actor's dossier (the groups of
//! `crate::dossier`: `by`, `about`, `affiliated`, `appears in`) and, under
//! shared review, every analyst's marks; as text and as JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Out, json};
use crate::model::{Body, Corpus, EntityId, LinkField};

/// A claim's grade, date and whether it is contradicted; nothing for other kinds.
fn weighed(c: &Corpus, e: EntityId) -> Option<(String, Option<String>, bool)> {
    let Body::Claim(claim) = c.entity(e).body() else { return None };
    Some((c.grade(e), claim.date.as_ref().map(|d| d.text().to_string()), !c.contradictions(e).is_empty()))
}

/// The dossier's groups as aligned rows; nothing for anything but an actor.
pub fn text(c: &Corpus, actor: EntityId, out: &mut Out) -> io::Result<()> {
    let Some(d) = crate::dossier::dossier(c, actor) else { return Ok(()) };
    let width = d.groups().iter().flat_map(|(_, ids)| ids.iter()).map(|&e| c.entity(e).id.len()).max().unwrap_or(0);
    for (name, ids) in d.groups() {
        if ids.is_empty() {
            continue;
        }
        writeln!(out, "\n{}", out.paint("1", name))?;
        for &e in ids {
            let t = c.entity(e);
            let weight = weighed(c, e).map_or(String::new(), |(grade, date, contradicted)| {
                let mark = if contradicted { " contradicted" } else { "" };
                format!("{grade}{}{mark}  ", date.map(|d| format!(" {d}")).unwrap_or_default())
            });
            // A claim's sources, by id, after its text: the rows stay one a line.
            let sources: Vec<&str> = t
                .links_in(LinkField::Sources)
                .filter_map(crate::model::Link::to)
                .map(|s| c.entity(s).id.as_str())
                .collect();
            let cited = if sources.is_empty() { String::new() } else { format!("  [sources: {}]", sources.join(", ")) };
            writeln!(out, "  {:<11}{:<width$}  {weight}{}{cited}", t.kind().as_str(), t.id, c.plain(t.label()))?;
        }
    }
    Ok(())
}

/// The dossier, for JSON; nothing for anything but an actor.
pub fn json(c: &Corpus, actor: EntityId) -> Option<json::Dossier> {
    let d = crate::dossier::dossier(c, actor)?;
    let rows = |ids: &[EntityId]| -> Vec<json::DossierRow> {
        ids.iter()
            .map(|&e| json::DossierRow {
                entity: json::Ref::of(c, e),
                weight: weighed(c, e).map(|(grade, date, contradicted)| json::Weight { contradicted, date, grade }),
                sources: c
                    .entity(e)
                    .links_in(LinkField::Sources)
                    .filter_map(crate::model::Link::to)
                    .map(|s| c.entity(s).id.clone())
                    .collect(),
            })
            .collect()
    };
    Some(json::Dossier {
        by: rows(&d.by),
        about: rows(&d.about),
        affiliated: rows(&d.affiliated),
        appears_in: rows(&d.appears_in),
    })
}

/// One analyst's marks on `e`, with the fields changed since they reviewed it (or `null`).
fn mark_json(c: &Corpus, e: EntityId, file: &crate::state::ReviewFile) -> json::TeamMarks {
    let id = &c.entity(e).id;
    let m = file.marks(id);
    let changed = crate::fingerprint::since_reviewed(c, file, e);
    json::TeamMarks {
        changed_since_reviewed: (!changed.is_empty()).then_some(changed),
        flagged: m.flagged,
        note: m.note.clone(),
        reviewed: m.reviewed,
        updated: file.updated(id),
    }
}

/// Every analyst's marks by name, this analyst's own included.
pub fn team_json(
    c: &Corpus,
    e: EntityId,
    mine: &crate::state::ReviewFile,
    team: &crate::team::Team,
) -> BTreeMap<String, json::TeamMarks> {
    let mut all = BTreeMap::new();
    all.insert(team.me.clone(), mark_json(c, e, mine));
    for (name, file) in &team.others {
        all.insert(name.clone(), mark_json(c, e, file));
    }
    all
}

/// The other analysts' marks and notes, a line each; a review changed since
/// says so, with the fields, as one of your own does.
pub fn team_text(c: &Corpus, e: EntityId, team: &crate::team::Team, out: &mut Out) -> io::Result<()> {
    let id = &c.entity(e).id;
    for t in team.marks(c, e) {
        let changed = format!("changed since reviewed ({})", t.changed.join(", "));
        let mut words = Vec::new();
        if !t.changed.is_empty() {
            words.push(changed.as_str());
        } else if t.mark.reviewed {
            words.push("reviewed");
        }
        if t.mark.flagged {
            words.push("flagged");
        }
        let at = t.file.updated(id).map(|at| format!(" ({at})")).unwrap_or_default();
        writeln!(out, "  {:<16}{}{at}", format!("by {}", t.name), words.join(", "))?;
        if let Some(note) = &t.mark.note {
            for l in crate::text::sanitize(note).lines() {
                writeln!(out, "  {:<16}{l}", "")?;
            }
        }
    }
    Ok(())
}
