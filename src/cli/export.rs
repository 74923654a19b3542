//! `brief export [ID…|--all] --format markdown|stix|json [-o FILE] [--marks]`:
//! briefings out of brief. Markdown is a briefing pack a person reads in a
//! Markdown viewer or on a code forge; STIX 2.1 (src/stix) is for threat
//! intelligence platforms; JSON is the loaded model, one object
//! per entity with its links and backlinks, for scripts.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::Out;
use crate::files::Share;
use crate::model::{Body, Corpus, EntityId, Kind, LinkField};
use crate::search::facets::TLP;
use crate::state::ReviewFile;
use crate::text::{Segment, sanitize_line, segments};

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

pub fn run(
    c: &Corpus,
    state: &ReviewFile,
    (ids, all): (&[String], bool),
    (format, marks): (&str, bool),
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
    let text = match format {
        "json" => json_pack(c, &briefings),
        "stix" => String::from_utf8(crate::stix::export::bundle(c, &briefings)).expect("JSON is UTF-8"),
        _ => briefings.iter().map(|&b| markdown(c, b, marks.then_some(state))).collect::<Vec<_>>().join("\n---\n\n"),
    };
    // `-o -` is standard output, as in other tools (`-o ./-` names a file).
    match file.filter(|p| p.as_os_str() != "-") {
        Some(path) => write_file(path, text.as_bytes(), strictest_tlp(c, &briefings))?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The most restrictive TLP of the briefings (`amber+strict`), if any has one.
fn strictest_tlp(c: &Corpus, briefings: &[EntityId]) -> Option<&'static str> {
    let rank = |&b: &EntityId| match &c.entity(b).body {
        Body::Briefing(body) => body.tlp.as_deref().and_then(|t| TLP.iter().position(|x| *x == t)),
        _ => None,
    };
    briefings.iter().filter_map(rank).max().map(|r| TLP[r])
}

/// The export written whole, then renamed into place: never half a pack. A
/// TLP:AMBER or TLP:RED export is readable by the user alone, and says so;
/// any other is made as other tools make a file (the umask).
fn write_file(path: &Path, bytes: &[u8], tlp: Option<&str>) -> io::Result<()> {
    let shown = sanitize_line(&path.to_string_lossy()).into_owned();
    let private = matches!(tlp, Some("amber" | "amber+strict" | "red"));
    let share = if private { Share::Private } else { Share::Umask };
    crate::files::write_export(path, bytes, share).inspect_err(|e| eprintln!("brief: cannot write {shown}: {e}"))?;
    if let Some(tlp) = tlp.filter(|_| private) {
        eprintln!("brief: {shown}: TLP:{} inside, so readable by you alone (mode 0600)", tlp.to_uppercase());
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
    let mut out = b"{\"entities\":[".to_vec();
    for (n, e) in (0..c.entities.len()).filter(|&e| chosen[c.entity(e).briefing]).enumerate() {
        if n > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &super::show::to_json(c, e)).expect("a JSON value writes into memory");
    }
    out.extend_from_slice(b"]}\n");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Text from a file as Markdown shows it, never as markup: HTML's `<` is
/// written `&lt;`, and `\`, `[`, `]`, `!`, backticks and table pipes are
/// escaped, so no link, image, code span or table cell comes from a file.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '\\' | '[' | ']' | '!' | '`' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// One line of text from a file, escaped.
fn md(s: &str) -> String {
    escape(&sanitize_line(s))
}

/// Prose with inline links as relative anchors to the entity in the pack; a
/// link whose target is no id is its words alone.
fn prose(c: &Corpus, s: &str) -> String {
    let mut out = String::new();
    for seg in segments(&crate::text::sanitize(s)) {
        match seg {
            Segment::Text(t) => out.push_str(&escape(t)),
            Segment::Link { target, words } => {
                let words = md(&c.link_words(target, words));
                if crate::load::valid_id(target) {
                    let _ = write!(out, "[{words}](#{target})");
                } else {
                    out.push_str(&words);
                }
            }
        }
    }
    out
}

/// A source's `url` after its publisher: a link to the web or to mail, else text.
fn url_line(url: &str) -> String {
    match web_link(url) {
        Some(to) => format!(" [{}]({to})", md(url)),
        None => format!(" {}", md(url)),
    }
}

/// A source's `url` as a link's destination: only `http`, `https` and
/// `mailto` (any case), percent-encoded as STIX's `url` is, parentheses too.
/// Anything else (`javascript:`, `data:`, `file:`, no scheme) is no link.
fn web_link(url: &str) -> Option<String> {
    let scheme = url.split_once(':')?.0;
    if !["http", "https", "mailto"].iter().any(|s| scheme.eq_ignore_ascii_case(s)) {
        return None;
    }
    Some(crate::stix::uri(url)?.replace('(', "%28").replace(')', "%29"))
}

fn anchor(id: &str) -> String {
    format!("<a id=\"{}\"></a>", md(id))
}

fn marks_line(state: &ReviewFile, id: &str) -> Option<String> {
    let m = state.marks(id);
    let mut words = Vec::new();
    if m.reviewed {
        words.push("reviewed".to_string());
    }
    if m.flagged {
        words.push("flagged".to_string());
    }
    if let Some(note) = &m.note {
        words.push(format!("note: {}", md(note)));
    }
    (!words.is_empty()).then(|| format!("*Review:* {}", words.join("; ")))
}

/// One briefing as Markdown: TLP first, then title, date, BLUF, summary,
/// actors, claims, precedents, sources.
fn markdown(c: &Corpus, b: EntityId, marks: Option<&ReviewFile>) -> String {
    let e = c.entity(b);
    let Body::Briefing(body) = &e.body else { return String::new() };
    let mut s = String::new();
    let tlp = body.tlp.as_deref().map_or("TLP: not given".to_string(), |t| format!("TLP:{}", t.to_uppercase()));
    let _ = writeln!(s, "**{tlp}**\n\n# {}{}\n", anchor(&e.id), md(&body.title));
    let date = body.date.as_ref().map_or("undated".to_string(), |d| d.text().to_string());
    let _ = writeln!(
        s,
        "{} · `{}`{}\n",
        md(&date),
        md(&e.id),
        if body.tags.is_empty() { String::new() } else { format!(" · {}", md(&body.tags.join(", "))) }
    );
    if let Some(bluf) = &body.bluf {
        let _ = writeln!(s, "**BLUF:** {}\n", prose(c, bluf));
    }
    if let Some(summary) = &body.summary {
        let _ = writeln!(s, "{}\n", prose(c, summary).trim());
    }
    let own = |ids: &[EntityId]| ids.iter().copied().filter(|&i| c.entity(i).briefing == b).collect::<Vec<_>>();
    let actors = own(&body.actors);
    if !actors.is_empty() {
        s.push_str("## Actors\n\n| id | name | kind | role |\n| --- | --- | --- | --- |\n");
        for a in actors {
            let ae = c.entity(a);
            let Body::Actor(actor) = &ae.body else { continue };
            let kind = actor.kind.as_deref().unwrap_or("");
            let role = actor.role.as_deref().unwrap_or("");
            let _ = writeln!(
                s,
                "| {}`{}` | {} | {} | {} |",
                anchor(&ae.id),
                md(&ae.id),
                md(&actor.name),
                md(kind),
                md(role)
            );
        }
        s.push('\n');
    }
    let claims = own(&body.claims);
    if !claims.is_empty() {
        s.push_str("## Claims\n\n");
        for cl in claims {
            let ce = c.entity(cl);
            let by = c.claimants(cl);
            let by = if by.is_empty() { "unattributed".to_string() } else { by.join(", ") };
            let _ = writeln!(s, "### {}{}\n", anchor(&ce.id), prose(c, ce.label()));
            let _ = writeln!(s, "- grade **{}** · by {} · `{}`", c.grade(cl), md(&by), md(&ce.id));
            for src in ce.links_in(LinkField::Sources).filter_map(|l| l.to) {
                let _ = writeln!(s, "- source: [{}](#{})", md(c.entity(src).label()), md(&c.entity(src).id));
            }
            for other in c.contradictions(cl) {
                let _ = writeln!(
                    s,
                    "- contradicted by / contradicts: [{}](#{})",
                    md(&c.plain(c.entity(other).label())),
                    md(&c.entity(other).id)
                );
            }
            if let Body::Claim(claim) = &ce.body
                && let Some(q) = &claim.quote
            {
                let _ = writeln!(s, "\n> {}", prose(c, q));
            }
            if let Some(line) = marks.and_then(|m| marks_line(m, &ce.id)) {
                let _ = writeln!(s, "\n{line}");
            }
            s.push('\n');
        }
    }
    for (heading, kind) in [("Precedents", Kind::Precedent), ("Sources", Kind::Source)] {
        let ids = if kind == Kind::Precedent { own(&body.precedents) } else { own(&body.sources) };
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(s, "## {heading}\n");
        for p in ids {
            let pe = c.entity(p);
            let date = pe.date().map(|d| format!(" ({})", d.text())).unwrap_or_default();
            let _ = writeln!(s, "- {}**{}**{} `{}`", anchor(&pe.id), md(pe.label()), md(&date), md(&pe.id));
            match &pe.body {
                Body::Precedent(pr) => {
                    for text in [&pr.description, &pr.relevance].into_iter().flatten() {
                        let _ = writeln!(s, "  {}", prose(c, text).replace('\n', " "));
                    }
                }
                Body::Source(src) => {
                    let publisher = src.publisher.as_deref().map(md).unwrap_or_default();
                    let url = src.url.as_deref().map(url_line).unwrap_or_default();
                    let _ = writeln!(s, "  {publisher}{url}");
                }
                _ => {}
            }
        }
        s.push('\n');
    }
    s
}
