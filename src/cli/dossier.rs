//! `brief show`'s views across the folder: an actor's dossier (the groups of
//! `crate::dossier`: `by`, `about`, `affiliated`, `appears in`) and, under
//! shared review, every analyst's marks; as text and as JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Out, json};
use crate::model::{Body, Corpus, EntityId};

/// A claim's grade, date and whether it is contradicted; nothing for other kinds.
fn weighed(c: &Corpus, e: EntityId) -> Option<(String, Option<String>, bool)> {
    let Body::Claim(claim) = &c.entity(e).body else { return None };
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
            writeln!(out, "  {:<11}{:<width$}  {weight}{}", t.kind().as_str(), t.id, c.plain(t.label()))?;
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
                entity: super::show::entity_ref(c, e),
                weight: weighed(c, e).map(|(grade, date, contradicted)| json::Weight { contradicted, date, grade }),
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

fn mark_json(file: &crate::state::ReviewFile, id: &str) -> json::TeamMarks {
    let m = file.marks(id);
    json::TeamMarks { reviewed: m.reviewed, flagged: m.flagged, note: m.note.clone(), updated: file.updated(id) }
}

/// Every analyst's marks by name, this analyst's own included.
pub fn team_json(
    c: &Corpus,
    e: EntityId,
    mine: &crate::state::ReviewFile,
    team: &crate::team::Team,
) -> BTreeMap<String, json::TeamMarks> {
    let id = &c.entity(e).id;
    let mut all = BTreeMap::new();
    all.insert(team.me.clone(), mark_json(mine, id));
    for (name, file) in &team.others {
        all.insert(name.clone(), mark_json(file, id));
    }
    all
}

/// The other analysts' marks and notes, a line each.
pub fn team_text(c: &Corpus, e: EntityId, team: &crate::team::Team, out: &mut Out) -> io::Result<()> {
    let id = &c.entity(e).id;
    for (name, file) in &team.others {
        let m = file.marks(id);
        let mut words = Vec::new();
        if m.reviewed {
            words.push("reviewed");
        }
        if m.flagged {
            words.push("flagged");
        }
        if words.is_empty() && m.note.is_none() {
            continue;
        }
        let at = file.updated(id).map(|at| format!(" ({at})")).unwrap_or_default();
        writeln!(out, "  {:<16}{}{at}", format!("by {name}"), words.join(", "))?;
        if let Some(note) = &m.note {
            for l in crate::text::sanitize(note).lines() {
                writeln!(out, "  {:<16}{l}", "")?;
            }
        }
    }
    Ok(())
}
