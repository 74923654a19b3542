//! `brief show ID`: one entity, its fields, its links and what links to it.

use std::io::{self, Write};
use std::process::ExitCode;

use super::Out;
use super::json::{self, FieldValue, Show};
use crate::model::{Corpus, EntityId, Kind, LinkField};
use crate::reading::Value;
use crate::state::ReviewFile;
use crate::text::{sanitize, sanitize_line};

/// `brief show ID [--json] [--full]`; `--full` on a briefing prints it whole.
pub fn run(
    corpus: &Corpus,
    (state, team): (&ReviewFile, Option<&crate::team::Team>),
    id: &str,
    (as_json, full): (bool, bool),
    out: &mut Out,
) -> io::Result<ExitCode> {
    let Some(eid) = corpus.find(id) else {
        eprintln!("brief: no entity with id '{}'; try 'brief search {}'", sanitize_line(id), sanitize_line(id));
        return Ok(ExitCode::FAILURE);
    };
    if full {
        let Some(b) = corpus.briefing(eid) else {
            eprintln!(
                "brief: --full shows a whole briefing, and '{}' is {}",
                sanitize_line(id),
                corpus.entity(eid).kind().as_str()
            );
            return Ok(ExitCode::from(2));
        };
        return full_text(corpus, eid, b, out).map(|()| ExitCode::SUCCESS);
    }
    if as_json {
        let team = team.map(|team| super::dossier::team_json(corpus, eid, state, team));
        json::line(out, json::Sorted(Show { team, ..review(corpus, eid, state, to_json(corpus, eid)) }))?;
    } else {
        text(corpus, (state, team), eid, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The whole entity, for JSON.
pub fn to_json(corpus: &Corpus, eid: EntityId) -> json::Entity {
    let e = corpus.entity(eid);
    let fields = e
        .fields()
        .into_iter()
        .map(|(name, value)| {
            let v = match value {
                Value::Line(s) => FieldValue::Text(s.into_owned()),
                Value::Prose(s) => FieldValue::Text(corpus.plain(s)),
                Value::List(items) => FieldValue::List(items.iter().map(ToString::to_string).collect()),
            };
            (name, v)
        })
        .collect();
    let links = e
        .links
        .iter()
        .map(|l| json::Link {
            field: l.field.key(),
            id: l.target(corpus).to_string(),
            inline: l.inline(),
            broken: l.to().is_none(),
            kind: l.to().map(|to| corpus.entity(to).kind()),
            label: l.to().map(|to| corpus.plain(corpus.entity(to).label())),
        })
        .collect();
    let backlinks = corpus.backlinks[eid]
        .iter()
        .map(|b| json::Backlink { from: json::Ref::of(corpus, b.from()), field: b.field.key() })
        .collect();
    let claim = e.kind() == Kind::Claim;
    let refs = |ids: Vec<EntityId>| ids.into_iter().map(|c| json::Ref::of(corpus, c)).collect::<Vec<_>>();
    json::Entity {
        kind: e.kind(),
        id: e.id.clone(),
        label: corpus.plain(e.label()),
        briefing: corpus.entity(e.briefing).id.clone(),
        // JSON escapes C0 controls but not C1: a file name could carry an 8-bit CSI.
        path: sanitize_line(&corpus.path_of(eid).to_string_lossy()).into_owned(),
        line: e.pos.line,
        fields,
        links,
        backlinks,
        grade: claim.then(|| corpus.grade(eid)),
        contradictions: claim.then(|| refs(corpus.contradictions(eid))),
        support: claim.then(|| refs(corpus.supports(eid))),
        dossier: super::dossier::json(corpus, eid),
    }
}

/// The entity with `marks` (and `read`, for a briefing) from the review state.
fn review(corpus: &Corpus, eid: EntityId, state: &ReviewFile, entity: json::Entity) -> Show {
    let e = corpus.entity(eid);
    let m = state.marks(&e.id);
    let changed = crate::fingerprint::since_reviewed(corpus, state, eid);
    let marks = json::Marks {
        reviewed: m.reviewed,
        flagged: m.flagged,
        note: m.note.as_deref().map(|n| sanitize(n).into_owned()),
        changed_since_reviewed: (!changed.is_empty()).then_some(changed),
    };
    let briefing = e.kind() == Kind::Briefing;
    let progress = briefing.then(|| {
        let (reviewed, items) = crate::reviewable::progress(corpus, state, eid);
        json::Progress { items, reviewed }
    });
    Show {
        entity,
        marks,
        progress,
        read: briefing.then(|| state.is_read(&e.id)),
        updated_since_read: briefing.then(|| crate::fingerprint::updated_since_read(corpus, state, eid)),
        team: None,
    }
}

/// The `review` line, e.g. `read, reviewed, flagged`, then the note.
fn review_text(corpus: &Corpus, state: &ReviewFile, eid: EntityId, out: &mut Out) -> io::Result<()> {
    let e = corpus.entity(eid);
    let m = state.marks(&e.id);
    let mut words = Vec::new();
    if e.kind() == Kind::Briefing {
        words.push(if state.is_read(&e.id) { "read" } else { "unread" });
        if crate::fingerprint::updated_since_read(corpus, state, eid) {
            words.push("updated since read");
        }
    }
    // What can be reviewed (`crate::reviewable`): a briefing by what it
    // defines, a source not at all.
    let since = crate::fingerprint::since_reviewed(corpus, state, eid);
    let changed = format!("changed since reviewed ({})", since.join(", "));
    let (done, items) = crate::reviewable::progress(corpus, state, eid);
    let progress = format!("{done}/{items} reviewed");
    match (e.kind(), m.reviewed, since.is_empty()) {
        (Kind::Briefing, ..) => words.push(&progress),
        (Kind::Source, false, _) => {}
        (_, true, true) => words.push("reviewed"),
        (_, true, false) => words.push(&changed),
        (_, false, _) => words.push("not reviewed"),
    }
    if m.flagged {
        words.push("flagged");
    }
    if !words.is_empty() {
        writeln!(out, "  {:<16}{}", "review", words.join(", "))?;
    }
    if let Some(note) = &m.note {
        for (i, l) in sanitize(note).lines().enumerate() {
            writeln!(out, "  {:<16}{l}", if i == 0 { "note" } else { "" })?;
        }
    }
    Ok(())
}

fn text(
    corpus: &Corpus,
    (state, team): (&ReviewFile, Option<&crate::team::Team>),
    eid: EntityId,
    out: &mut Out,
) -> io::Result<()> {
    let e = corpus.entity(eid);
    let path = corpus.path_of(eid).display().to_string();
    writeln!(out, "{} {}", out.paint("1", e.kind().as_str()), out.paint("1", &e.id))?;
    writeln!(out, "  {}", corpus.plain(e.label()))?;
    writeln!(out, "  in {} ({}:{})", corpus.entity(e.briefing).id, sanitize_line(&path), e.pos.line)?;
    if e.kind() == Kind::Claim {
        writeln!(out, "  grade {}", corpus.grade(eid))?;
    }
    review_text(corpus, state, eid, out)?;
    if let Some(team) = team {
        super::dossier::team_text(corpus, eid, team, out)?;
    }
    writeln!(out)?;
    fields_text(corpus, eid, false, out)?;
    super::dossier::text(corpus, eid, out)?;
    links_text(corpus, eid, out)
}

/// A briefing whole, in reading order: its own fields, then its actors,
/// claims (grade and claimants first), precedents and sources, each with
/// every field; links are named by id where they stand.
fn full_text(corpus: &Corpus, eid: EntityId, b: &crate::model::Briefing, out: &mut Out) -> io::Result<()> {
    writeln!(out, "{} {}", out.paint("1", "briefing"), out.paint("1", &corpus.entity(eid).id))?;
    writeln!(out, "  {}", b.title)?;
    fields_text(corpus, eid, true, out)?;
    for (heading, ids) in
        [("actors", &b.actors), ("claims", &b.claims), ("precedents", &b.precedents), ("sources", &b.sources)]
    {
        if ids.is_empty() {
            continue;
        }
        writeln!(out, "\n{}", out.paint("1", heading))?;
        for &id in ids {
            let e = corpus.entity(id);
            writeln!(out, "\n{}  {}", out.paint("1", &e.id), corpus.plain(e.label()))?;
            if e.kind() == Kind::Claim {
                let by = corpus.claimants(id);
                let by = if by.is_empty() { String::from("unattributed") } else { by.join(", ") };
                writeln!(out, "  {:<16}{}  by {by}", "grade", corpus.grade(id))?;
            }
            fields_text(corpus, id, true, out)?;
        }
    }
    Ok(())
}

/// Every field, as `name  value` rows; `full` leaves out the label (its
/// heading shows it) and reads a claim linked bare from prose as its id, as
/// the claims follow in the same output.
fn fields_text(corpus: &Corpus, eid: EntityId, full: bool, out: &mut Out) -> io::Result<()> {
    let e = corpus.entity(eid);
    for (name, value) in e.fields() {
        if full && matches!((name, e.kind()), ("text", Kind::Claim) | ("name" | "title", _)) {
            continue;
        }
        match value {
            Value::Line(s) => writeln!(out, "  {name:<16}{s}")?,
            Value::Prose(s) => {
                let body = if full { with_claim_ids(corpus, s) } else { corpus.plain(s) };
                // On a terminal, prose is read as the reader reads it: as
                // paragraphs, wrapped to the screen; to a pipe, as written.
                let body = if out.is_screen() { crate::text::paragraphs(&body).into_owned() } else { body };
                let mut lines = body.lines();
                writeln!(out, "  {name:<16}{}", lines.next().unwrap_or(""))?;
                for l in lines {
                    writeln!(out, "  {:<16}{l}", "")?;
                }
            }
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    writeln!(out, "  {:<16}- {item}", if i == 0 { name } else { "" })?;
                }
            }
        }
    }
    Ok(())
}

/// Prose made plain, a claim linked bare read as its id.
fn with_claim_ids(corpus: &Corpus, prose: &str) -> String {
    crate::text::segments(prose)
        .into_iter()
        .map(|seg| match seg {
            crate::text::Segment::Text(t) => t.into(),
            crate::text::Segment::Link { target, words }
                if words == target && corpus.get(target).is_some_and(|c| corpus.entity(c).kind() == Kind::Claim) =>
            {
                target.into()
            }
            crate::text::Segment::Link { target, words } => corpus.link_words(target, words),
        })
        .collect()
}

/// Links and backlinks as aligned rows: relation, kind, id, label.
fn links_text(corpus: &Corpus, eid: EntityId, out: &mut Out) -> io::Result<()> {
    let e = corpus.entity(eid);
    let back = &corpus.backlinks[eid];
    let ids =
        e.links.iter().map(|l| l.target(corpus).len()).chain(back.iter().map(|b| corpus.entity(b.from()).id.len()));
    let w = ids.max().unwrap_or(0);
    if !e.links.is_empty() {
        writeln!(out, "\n{}", out.paint("1", "links"))?;
        for l in &e.links {
            let field = l.field.words();
            match l.to() {
                Some(to) => {
                    let t = corpus.entity(to);
                    writeln!(out, "  {field:<16}{:<11}{:<w$}  {}", t.kind().as_str(), t.id, corpus.plain(t.label()))?;
                }
                None => writeln!(out, "  {field:<16}{:<11}{}", out.paint("31", "BROKEN"), l.target(corpus))?,
            }
        }
    }
    // An actor's dossier has already listed its claims, precedents and affiliations.
    let in_dossier = |f: LinkField| {
        e.kind() == Kind::Actor
            && matches!(f, LinkField::By | LinkField::About | LinkField::Actors | LinkField::Affiliations)
    };
    let back: Vec<_> = back.iter().filter(|b| !in_dossier(b.field)).collect();
    if !back.is_empty() {
        writeln!(out, "\n{}", out.paint("1", "referenced by"))?;
        for b in back {
            let f = corpus.entity(b.from());
            writeln!(out, "  {:<16}{:<11}{:<w$}  {}", b.field.key(), f.kind().as_str(), f.id, corpus.plain(f.label()))?;
        }
    }
    Ok(())
}
