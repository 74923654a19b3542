//! `brief rate` (the one command that writes review state: a rating or a
//! relevance, through the same locked, atomic path as the reader) and
//! `brief ach` (a briefing's matrix and scores, as text or JSON).

use std::io::{self, Write};
use std::process::ExitCode;

use serde_json::{Map, Value as Json, json};

use super::Out;
use crate::ach::team::TeamMatrix;
use crate::ach::{Level, Matrix, Rating, Scores};
use crate::model::{Corpus, EntityId, Kind};
use crate::state::{Change, ReviewFile};
use crate::text::sanitize_line;

fn entity_of(c: &Corpus, id: &str, kind: Kind) -> Result<EntityId, ExitCode> {
    match c.get(id) {
        Some(e) if c.entity(e).kind() == kind => Ok(e),
        Some(e) => {
            let is = c.entity(e).kind().as_str();
            eprintln!("brief: '{}' is a {is}, not a {}", sanitize_line(id), kind.as_str());
            Err(ExitCode::FAILURE)
        }
        None => {
            eprintln!("brief: no {} with id '{}'", kind.as_str(), sanitize_line(id));
            Err(ExitCode::FAILURE)
        }
    }
}

/// What `brief rate` was asked to do.
pub struct RateArgs<'a> {
    pub claim: &'a str,
    pub hypothesis: Option<&'a str>,
    pub rating: Option<&'a str>,
    pub relevance: Option<&'a str>,
}

/// `brief rate CLAIM HYPOTHESIS RATING` (`-` clears) or `brief rate CLAIM --relevance LEVEL`.
pub fn rate(c: &Corpus, store: &mut ReviewFile, args: &RateArgs) -> ExitCode {
    let claim = match entity_of(c, args.claim, Kind::Claim) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let id = c.entity(claim).id.clone();
    let (change, done) = match (args.hypothesis, args.rating, args.relevance) {
        (Some(h), Some(r), None) => {
            let hyp = match entity_of(c, h, Kind::Hypothesis) {
                Ok(e) => e,
                Err(code) => return code,
            };
            if c.entity(hyp).briefing != c.entity(claim).briefing {
                eprintln!("brief: '{}' is not a hypothesis of the claim's briefing", sanitize_line(h));
                return ExitCode::FAILURE;
            }
            let rating = if r == "-" {
                None
            } else if let Some(r) = Rating::parse(r) {
                Some(r)
            } else {
                eprintln!("brief: '{}' is not a rating: CC, C, N, NA, I, II, or - to clear", sanitize_line(r));
                return ExitCode::from(2);
            };
            let done = match rating {
                Some(r) => format!("rated {id} against {h}: {}", r.as_str()),
                None => format!("cleared the rating of {id} against {h}"),
            };
            (Change::SetRating(id.clone(), h.to_string(), rating), done)
        }
        (None, None, Some(level)) => {
            let Some(level) = Level::parse(level) else {
                eprintln!("brief: '{}' is not a relevance: low, medium or high", sanitize_line(level));
                return ExitCode::from(2);
            };
            (Change::SetRelevance(id.clone(), level), format!("relevance of {id}: {}", level.as_str()))
        }
        _ => {
            eprintln!("brief: give CLAIM HYPOTHESIS RATING, or CLAIM --relevance LEVEL");
            return ExitCode::from(2);
        }
    };
    match store.apply(change) {
        Ok(()) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("brief: {}", sanitize_line(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// `brief ach BRIEFING [--json] [--team]`.
pub fn run(
    c: &Corpus,
    (state, team): (&ReviewFile, Option<&crate::team::Team>),
    id: &str,
    (as_json, with_team): (bool, bool),
    out: &mut Out,
) -> io::Result<ExitCode> {
    let b = match entity_of(c, id, Kind::Briefing) {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    let me = team.map_or("me", |t| t.me.as_str());
    let others: &[(String, ReviewFile)] = match (with_team, team) {
        (true, Some(t)) => &t.others,
        (true, None) => {
            eprintln!("brief: --team needs shared review (.brief/team.toml); showing your ratings only");
            &[]
        }
        _ => &[],
    };
    let tm = TeamMatrix::of(c, b, (me, state), others);
    let m = &tm.matrices[0];
    let s = m.score();
    if as_json {
        let j = to_json(c, b, m, &s, with_team.then_some(&tm));
        writeln!(out, "{}", serde_json::to_string_pretty(&j).unwrap_or_default())?;
    } else {
        text(c, b, m, &s, with_team.then_some(&tm), out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn ratings_json(c: &Corpus, m: &Matrix, row: usize) -> Json {
    let cells = m.hypotheses.iter().zip(&m.rows[row].ratings);
    let map: Map<String, Json> =
        cells.filter_map(|(&h, r)| Some((c.entity(h).id.clone(), json!(r.as_ref()?.as_str())))).collect();
    Json::Object(map)
}

fn to_json(c: &Corpus, b: EntityId, m: &Matrix, s: &Scores, team: Option<&TeamMatrix>) -> Json {
    let hypotheses: Vec<Json> = s
        .order
        .iter()
        .map(|&h| {
            let e = c.entity(m.hypotheses[h]);
            json!({"id": e.id, "text": c.plain(e.label()), "inconsistency": s.inconsistency[h],
                   "weighted": (s.weighted[h] * 1000.0).round() / 1000.0, "leader": s.leader == Some(h)})
        })
        .collect();
    let evidence: Vec<Json> = (0..m.rows.len())
        .map(|r| {
            let claim = m.rows[r].claim;
            let mut j = json!({"id": c.entity(claim).id, "grade": c.grade(claim), "relevance": m.rows[r].relevance.as_str(),
                               "diagnostic": s.diagnostic[r], "linchpin": s.linchpin[r]});
            j["ratings"] = match team {
                None => ratings_json(c, m, r),
                Some(t) => t.names.iter().zip(&t.matrices).map(|(n, tm)| (n.clone(), ratings_json(c, tm, r))).collect(),
            };
            if let Some(t) = team {
                let cells = m.hypotheses.iter().zip(&t.disagree[r]).filter(|(_, d)| **d);
                j["disagreements"] = cells.map(|(&h, _)| json!(c.entity(h).id)).collect();
            }
            j
        })
        .collect();
    let mut j = json!({"briefing": c.entity(b).id, "hypotheses": hypotheses, "evidence": evidence});
    if let Some(t) = team {
        j["analysts"] = json!(t.names);
        j["disagreements"] = json!(t.count());
    }
    j
}

fn text(c: &Corpus, b: EntityId, m: &Matrix, s: &Scores, team: Option<&TeamMatrix>, out: &mut Out) -> io::Result<()> {
    let title = sanitize_line(c.entity(b).label());
    writeln!(out, "ACH: {title} ({})", c.entity(b).id)?;
    if m.hypotheses.is_empty() {
        writeln!(out, "\nno hypotheses: add [[hypotheses]] to the briefing (docs/FORMAT.md)")?;
        return Ok(());
    }
    let width = m.hypotheses.iter().map(|&h| c.entity(h).id.len()).max().unwrap_or(0);
    writeln!(out, "\n     {:width$}  incons.  weighted  hypothesis", "id")?;
    for &h in &s.order {
        let e = c.entity(m.hypotheses[h]);
        let lead = if s.leader == Some(h) { "*" } else { " " };
        let text = sanitize_line(&c.plain(e.label())).into_owned();
        let (n, incons, weighted) = (h + 1, s.inconsistency[h], s.weighted[h]);
        writeln!(out, "{lead} H{n} {:width$}  {incons:>7}  {weighted:>8.2}  {text}", e.id)?;
    }
    if s.leader.is_none() {
        writeln!(out, "  (no leader: a tie for the least inconsistency)")?;
    }
    let cw = m.rows.iter().map(|r| c.entity(r.claim).id.len()).max().unwrap_or(5).max(5);
    let names: Vec<String> = team.map_or_else(|| vec![String::new()], |t| t.names.clone());
    let cols: Vec<String> = s
        .order
        .iter()
        .flat_map(|&h| names.iter().map(move |n| (h, n)))
        .map(|(h, n)| if n.is_empty() { format!("H{}", h + 1) } else { format!("H{}:{}", h + 1, sanitize_line(n)) })
        .collect();
    let header =
        format!("{:cw$}  grade  {}", "claim", cols.iter().map(|x| format!("{x:4}")).collect::<Vec<_>>().join(" "));
    writeln!(out, "\n{}", header.trim_end())?;
    let matrices: Vec<&Matrix> = team.map_or_else(|| vec![m], |t| t.matrices.iter().collect());
    for (r, row) in m.rows.iter().enumerate() {
        let mut cells = Vec::new();
        for &h in &s.order {
            for tm in &matrices {
                let cell = tm.rows[r].ratings[h].map_or("-", Rating::as_str);
                let w = cols[cells.len()].chars().count().max(4);
                cells.push(format!("{cell:w$}"));
            }
        }
        let mut notes = Vec::new();
        if s.linchpin[r] {
            notes.push("linchpin".to_string());
        }
        if !s.diagnostic[r] {
            notes.push("not diagnostic".to_string());
        }
        if let Some(t) = team {
            let n = t.disagree[r].iter().filter(|d| **d).count();
            if n > 0 {
                notes.push(format!("{n} disagreement{}", if n == 1 { "" } else { "s" }));
            }
        }
        let id = &c.entity(row.claim).id;
        let line = format!("{id:cw$}  {:5}  {}  {}", c.grade(row.claim), cells.join(" "), notes.join(", "));
        writeln!(out, "{}", line.trim_end())?;
    }
    if let Some(t) = team {
        writeln!(out, "\ndisagreements: {}", t.count())?;
    }
    Ok(())
}
