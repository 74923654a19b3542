//! `brief export [ID…|--all] --format markdown|stix|json [-o FILE] [--marks]`:
//! briefings out of brief. Markdown is a briefing pack a person reads in a
//! Markdown viewer or on a code forge; STIX 2.1 (src/stix) is for threat
//! intelligence platforms; JSON is the loaded model, one object
//! per entity with its links and backlinks, for scripts.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use serde::{Serialize, Serializer};

use super::{Out, json};
use crate::files::Share;
use crate::model::{Corpus, EntityId};
use crate::state::ReviewFile;
use crate::text::sanitize_line;

/// The briefings asked for: by id (an entity's own briefing for any other
/// id), or every one; an unknown id is said.
fn chosen(c: &Corpus, ids: &[String], all: bool) -> Result<Vec<EntityId>, String> {
    if all || ids.is_empty() {
        return Ok(c.briefings.clone());
    }
    let mut out = Vec::new();
    for id in ids {
        let e = c
            .get(id)
            .ok_or_else(|| format!("no entity '{}'; try 'brief search {}'", sanitize_line(id), sanitize_line(id)))?;
        let b = c.entity(e).briefing;
        if !out.contains(&b) {
            out.push(b);
        }
    }
    Ok(out)
}

/// What `brief export` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A briefing pack to read
    Markdown,
    /// A STIX 2.1 bundle
    Stix,
    /// Every entity with its links and backlinks (docs/json-schema/export.json)
    Json,
}

pub fn run(
    c: &Corpus,
    state: &ReviewFile,
    (ids, all): (&[String], bool),
    (format, marks): (Format, bool),
    file: Option<&Path>,
    out: &mut Out,
) -> io::Result<ExitCode> {
    let briefings = match chosen(c, ids, all) {
        Ok(b) => b,
        Err(why) => {
            eprintln!("brief: {why}");
            return Ok(ExitCode::FAILURE);
        }
    };
    // What another briefing holds comes too (whole in STIX, what is linked
    // in Markdown): said, and counted in the file's TLP.
    let linked = with_linked(c, &briefings);
    let scope = if format == Format::Json { &briefings } else { &linked };
    if format == Format::Stix && linked.len() > briefings.len() {
        let ids: Vec<&str> = linked[briefings.len()..].iter().map(|&b| c.entity(b).id.as_str()).collect();
        eprintln!("brief: linked from other briefings, so exported too: {}", sanitize_line(&ids.join(", ")));
    }
    let text = match format {
        Format::Json => json_pack(c, &briefings),
        Format::Stix => {
            String::from_utf8(crate::stix::export::bundle(c, &linked, marks.then_some(state))).expect("JSON is UTF-8")
        }
        Format::Markdown => super::pack::markdown(c, &briefings, marks.then_some(state)),
    };
    // `-o -` is standard output, as in other tools (`-o ./-` names a file).
    match file.filter(|p| p.as_os_str() != "-") {
        Some(path) => write_file(path, text.as_bytes(), super::pack::strictest_tlp(c, scope))?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The briefings, then every briefing they link to, in the order met, and
/// those it links to in turn: a bundle stands alone, every link it holds
/// resolves inside it (an entity lives in its briefing's report).
fn with_linked(c: &Corpus, briefings: &[EntityId]) -> Vec<EntityId> {
    let mut held: Vec<Vec<EntityId>> = vec![Vec::new(); c.entities.len()];
    for (e, ent) in c.entities.iter().enumerate() {
        held[ent.briefing].push(e);
    }
    let mut chosen = vec![false; c.entities.len()];
    let mut out = briefings.to_vec();
    for &b in &out {
        chosen[b] = true;
    }
    let mut next = 0;
    while let Some(&b) = out.get(next) {
        next += 1;
        for &e in &held[b] {
            for to in c.entity(e).links.iter().filter_map(crate::model::Link::to) {
                let home = c.entity(to).briefing;
                if !chosen[home] {
                    chosen[home] = true;
                    out.push(home);
                }
            }
        }
    }
    out
}

/// The export written whole, then renamed into place: never half a pack. A
/// TLP:AMBER or TLP:RED export is readable by the user alone, and says so;
/// any other is made as other tools make a file (the umask).
fn write_file(path: &Path, bytes: &[u8], tlp: Option<crate::model::Tlp>) -> io::Result<()> {
    let shown = sanitize_line(&path.to_string_lossy()).into_owned();
    let private = tlp.is_some_and(crate::model::Tlp::private);
    let share = if private { Share::Private } else { Share::Umask };
    crate::files::write_export(path, bytes, share).inspect_err(|e| eprintln!("brief: cannot write {shown}: {e}"))?;
    if let Some(tlp) = tlp.filter(|_| private) {
        eprintln!("brief: {shown}: {} inside, so readable by you alone (mode 0600)", tlp.label());
    }
    Ok(())
}

/// Every entity of the briefings, with links and backlinks, as JSON text:
/// each entity is written as it is made, never the whole pack as a tree (a
/// tree of 1,000 briefings' 50,000 entities took 9 s and a gigabyte).
fn json_pack(c: &Corpus, briefings: &[EntityId]) -> String {
    let mut chosen = vec![false; c.entities.len()];
    for &b in briefings {
        chosen[b] = true;
    }
    let mut out = Vec::new();
    json::line(&mut out, json::Export { entities: Streamed { c, chosen } }).expect("JSON writes into memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// The entities of the chosen briefings, in the folder's order, each made
/// as it is written.
struct Streamed<'a> {
    c: &'a Corpus,
    chosen: Vec<bool>,
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ids = (0..self.c.entities.len()).filter(|&e| self.chosen[self.c.entity(e).briefing]);
        s.collect_seq(ids.map(|e| super::show::to_json(self.c, e)))
    }
}
