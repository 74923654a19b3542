//! The Markdown pack of `brief export`: one briefing after another, each
//! standing alone. Every `](#id)` it writes has its anchor in the same
//! export: the actors, claims, precedents, sources and briefings a briefing
//! links to from other files come with it, in their sections, marked as from
//! another briefing, and a link to anything not in the export is its words.

use std::fmt::Write as _;

use crate::model::{Body, Corpus, EntityId, Kind, LinkField, Tlp};
use crate::state::ReviewFile;
use crate::text::{Segment, sanitize_line, segments};

/// The briefings' packs, joined by rules. An entity brought by one pack is
/// not brought again by a later one: its anchor is already in the export.
pub fn markdown(c: &Corpus, briefings: &[EntityId], marks: Option<&ReviewFile>) -> String {
    let mut chosen = vec![false; c.entities.len()];
    for &b in briefings {
        chosen[b] = true;
    }
    let mut defined: Vec<bool> = c.entities.iter().map(|e| chosen[e.briefing]).collect();
    let mut packs = Vec::new();
    for &b in briefings {
        let own = own(c, b);
        let mut brought = Vec::new();
        for &e in own.iter().flatten().chain([&b]) {
            for t in linked(c, e) {
                if !defined[t] {
                    defined[t] = true;
                    brought.push(t);
                }
            }
        }
        let pack = Pack { c, b, defined: &defined, marks };
        packs.push(pack.write(&own, &brought));
    }
    packs.join("\n---\n\n")
}

/// The most restrictive TLP of the briefings, if any has one.
pub fn strictest_tlp(c: &Corpus, briefings: &[EntityId]) -> Option<Tlp> {
    briefings.iter().filter_map(|&b| c.briefing(b)?.tlp).max()
}

/// The actors, claims, precedents, sources and hypotheses a briefing defines, in its order.
fn own(c: &Corpus, b: EntityId) -> [Vec<EntityId>; 5] {
    let Some(body) = c.briefing(b) else { return Default::default() };
    let own = |ids: &[EntityId]| ids.iter().copied().filter(|&i| c.entity(i).briefing == b).collect::<Vec<_>>();
    [own(&body.actors), own(&body.claims), own(&body.precedents), own(&body.sources), own(&body.hypotheses)]
}

/// What the pack links to from an entity it writes: the links of the fields
/// it shows, and a claim's supports and contradictions both ways.
fn linked(c: &Corpus, e: EntityId) -> Vec<EntityId> {
    use LinkField as F;
    let ent = c.entity(e);
    let shown = |f: F| match ent.kind() {
        Kind::Briefing => matches!(f, F::Bluf | F::Summary),
        Kind::Claim => matches!(f, F::By | F::Sources | F::Supports | F::Contradicts | F::Text | F::Quote),
        Kind::Precedent => matches!(f, F::Description | F::Relevance),
        Kind::Hypothesis => matches!(f, F::By | F::Text | F::Notes),
        Kind::Actor | Kind::Source | Kind::Subject => false,
    };
    let out = ent.links.iter().filter(|l| shown(l.field)).filter_map(crate::model::Link::to);
    let back = c.backlinks[e].iter().filter(|l| matches!(l.field, F::Supports | F::Contradicts) && shown(l.field));
    out.chain(back.map(crate::model::Backlink::from)).collect()
}

struct Pack<'a> {
    c: &'a Corpus,
    b: EntityId,
    /// Whether each entity has its anchor in the export.
    defined: &'a [bool],
    marks: Option<&'a ReviewFile>,
}

impl Pack<'_> {
    /// TLP first, then title, date, BLUF, summary, actors, claims,
    /// hypotheses, precedents, sources, and the other briefings it links to.
    fn write(&self, own: &[Vec<EntityId>; 5], brought: &[EntityId]) -> String {
        let (c, b) = (self.c, self.b);
        let Some(body) = c.briefing(b) else { return String::new() };
        let mut s = String::new();
        // The marking of the pack is the strictest of what it holds: what it
        // brings from a stricter briefing raises it, and says so.
        let holds: Vec<EntityId> = brought.iter().map(|&e| c.entity(e).briefing).chain([b]).collect();
        let strictest = strictest_tlp(c, &holds);
        let tlp = match (strictest, body.tlp) {
            (None, _) => "**TLP: not given**".to_string(),
            (Some(t), own) if own == Some(t) => format!("**{}**", t.label()),
            (Some(t), own) => format!(
                "**{}** (it brings content from a {} briefing; this briefing alone is {})",
                t.label(),
                t.label(),
                own.map_or("not marked".to_string(), Tlp::label)
            ),
        };
        let _ = writeln!(s, "{tlp}\n\n# {}{}\n", anchor(&c.entity(b).id), md(&body.title));
        let date = body.date.as_ref().map_or("undated".to_string(), |d| d.text().to_string());
        let tags = if body.tags.is_empty() { String::new() } else { format!(" · {}", md(&body.tags.join(", "))) };
        let _ = writeln!(s, "{} · `{}`{tags}\n", md(&date), md(&c.entity(b).id));
        if let Some(bluf) = &body.bluf {
            let _ = writeln!(s, "**BLUF:** {}\n", self.prose(bluf));
        }
        if let Some(summary) = &body.summary {
            let _ = writeln!(s, "{}\n", self.prose(summary).trim());
        }
        let of = |kind: Kind, own: &[EntityId]| {
            own.iter()
                .copied()
                .chain(brought.iter().copied().filter(|&e| c.entity(e).kind() == kind))
                .collect::<Vec<_>>()
        };
        self.actors(&mut s, &of(Kind::Actor, &own[0]));
        let claims = of(Kind::Claim, &own[1]);
        if !claims.is_empty() {
            s.push_str("## Claims\n\n");
            for &cl in &claims {
                self.claim(&mut s, cl);
            }
        }
        self.list(&mut s, "Hypotheses", &of(Kind::Hypothesis, &own[4]));
        if let Some(state) = self.marks {
            self.matrix(&mut s, state);
        }
        self.list(&mut s, "Precedents", &of(Kind::Precedent, &own[2]));
        self.list(&mut s, "Sources", &of(Kind::Source, &own[3]));
        self.list(&mut s, "Other briefings", &of(Kind::Briefing, &[]));
        s
    }

    /// A link to an entity with its anchor in the export, else its words.
    fn link(&self, e: EntityId, words: &str) -> String {
        if self.defined[e] { format!("[{}](#{})", md(words), md(&self.c.entity(e).id)) } else { md(words) }
    }

    /// Prose with inline links as anchors. A link reads as its own words; a
    /// bare link to a claim as the claim's id (as in the reader), not its
    /// whole sentence again; a link to nothing in the export as its words.
    fn prose(&self, s: &str) -> String {
        let c = self.c;
        let mut out = String::new();
        for seg in segments(&crate::text::sanitize(s)) {
            match seg {
                Segment::Text(t) => out.push_str(&escape(t)),
                Segment::Link { target, words } => match c.get(target) {
                    Some(t) if words == target && c.entity(t).kind() == Kind::Claim => {
                        out.push_str(&self.link(t, target));
                    }
                    Some(t) => out.push_str(&self.link(t, &c.link_words(target, words))),
                    None => out.push_str(&md(words)),
                },
            }
        }
        out
    }

    /// ` (from the briefing TITLE)` for an entity another briefing defines.
    fn from(&self, e: EntityId) -> String {
        let home = self.c.entity(e).briefing;
        if home == self.b || home == e {
            return String::new();
        }
        let title = self.c.plain(self.c.entity(home).label());
        format!(" *(from another briefing: {} `{}`)*", self.link(home, &title), md(&self.c.entity(home).id))
    }

    fn actors(&self, s: &mut String, actors: &[EntityId]) {
        if actors.is_empty() {
            return;
        }
        s.push_str("## Actors\n\n| id | name | kind | role |\n| --- | --- | --- | --- |\n");
        for &a in actors {
            let ae = self.c.entity(a);
            let Body::Actor(actor) = ae.body() else { continue };
            let (kind, role) =
                (actor.kind.map_or("", crate::model::ActorKind::as_str), actor.role.as_deref().unwrap_or(""));
            let (id, name, from) = (md(&ae.id), md(&actor.name), self.from(a));
            let _ = writeln!(s, "| {}`{id}` | {name}{from} | {} | {} |", anchor(&ae.id), md(kind), md(role));
        }
        s.push('\n');
    }

    fn claim(&self, s: &mut String, cl: EntityId) {
        let c = self.c;
        let ce = c.entity(cl);
        let Body::Claim(claim) = ce.body() else { return };
        let _ = writeln!(s, "### {}{}\n", anchor(&ce.id), self.prose(ce.label()));
        let by: Vec<String> = ce
            .links_in(LinkField::By)
            .filter_map(crate::model::Link::to)
            .map(|a| self.link(a, c.entity(a).label()))
            .collect();
        let by = if by.is_empty() { "unattributed".to_string() } else { format!("by {}", by.join(", ")) };
        let _ = writeln!(s, "- grade **{}** · {by} · `{}`{}", c.grade(cl), md(&ce.id), self.from(cl));
        for src in ce.links_in(LinkField::Sources).filter_map(crate::model::Link::to) {
            let _ = writeln!(s, "- source: {}", self.link(src, c.entity(src).label()));
        }
        for field in [LinkField::Supports, LinkField::Contradicts] {
            let out: Vec<EntityId> = ce.links_in(field).filter_map(crate::model::Link::to).collect();
            let back: Vec<EntityId> =
                c.backlinks[cl].iter().filter(|l| l.field == field).map(crate::model::Backlink::from).collect();
            for (words, ids) in [(field.key(), out), (field.back_words(), back)] {
                let mut seen = std::collections::HashSet::new();
                for other in ids.into_iter().filter(|&o| seen.insert(o)) {
                    let _ = writeln!(s, "- {words}: {}", self.link(other, &c.plain(c.entity(other).label())));
                }
            }
        }
        if let Some(q) = &claim.quote {
            let _ = writeln!(s, "\n> {}", self.prose(q));
        }
        if let Some(line) = self.marks.and_then(|m| marks_line(m, &ce.id)) {
            let _ = writeln!(s, "\n{line}");
        }
        s.push('\n');
    }

    /// With `--marks` and a rating made, the briefing's ACH matrix as your ratings make it: a
    /// line per hypothesis with its scores (best first), then a table of
    /// claims against hypotheses, the scores at its foot (docs/ACH.md).
    fn matrix(&self, s: &mut String, state: &ReviewFile) {
        let c = self.c;
        let m = crate::ach::Matrix::of(c, self.b, |cl, h| state.rating(cl, h), |cl| state.relevance(cl));
        // Nothing rated is no matrix of yours.
        if m.rows.iter().all(|r| r.ratings.iter().all(Option::is_none)) {
            return;
        }
        let sc = m.score();
        let _ = writeln!(
            s,
            "## ACH matrix (your ratings)
"
        );
        for &h in &sc.order {
            let lead = if sc.leader == Some(h) { ", the leader" } else { "" };
            let words = c.plain(c.entity(m.hypotheses[h]).label());
            let (plain, weighted) = (sc.inconsistency[h], sc.weighted[h]);
            let _ = writeln!(
                s,
                "- **H{}** {}: inconsistency {plain}, weighted {weighted:.2}{lead}",
                h + 1,
                self.link(m.hypotheses[h], &words)
            );
        }
        let heads: String = (1..=m.hypotheses.len()).map(|h| format!(" H{h} |")).collect();
        let rules = " --- |".repeat(m.hypotheses.len());
        let _ = writeln!(s, "\n| claim | grade | relevance |{heads} notes |\n| --- | --- | --- |{rules} --- |");
        for (r, row) in m.rows.iter().enumerate() {
            let id = &c.entity(row.claim).id;
            let cells: String =
                row.ratings.iter().map(|x| format!(" {} |", x.map_or("", crate::ach::Rating::as_str))).collect();
            let notes = [(sc.linchpin[r], "linchpin"), (!sc.diagnostic[r], "not diagnostic")];
            let notes: Vec<&str> = notes.iter().filter(|n| n.0).map(|n| n.1).collect();
            let grade = md(&c.grade(row.claim));
            let relevance = row.relevance.as_str();
            let _ =
                writeln!(s, "| {} | {grade} | {relevance} |{cells} {} |", self.link(row.claim, id), notes.join(", "));
        }
        let plain: String = sc.inconsistency.iter().map(|v| format!(" {v} |")).collect();
        let weighted: String = sc.weighted.iter().map(|v| format!(" {v:.2} |")).collect();
        let _ = writeln!(s, "| **inconsistency** | | |{plain} |\n| **weighted** | | |{weighted} |\n");
    }

    /// Precedents, sources or briefings, one list item each.
    fn list(&self, s: &mut String, heading: &str, ids: &[EntityId]) {
        if ids.is_empty() {
            return;
        }
        let _ = writeln!(s, "## {heading}\n");
        for &p in ids {
            let pe = self.c.entity(p);
            let date = pe.date().map(|d| format!(" ({})", d.text())).unwrap_or_default();
            let label = md(&self.c.plain(pe.label()));
            let _ = writeln!(s, "- {}**{label}**{} `{}`{}", anchor(&pe.id), md(&date), md(&pe.id), self.from(p));
            match pe.body() {
                Body::Precedent(pr) => {
                    for text in [&pr.description, &pr.relevance].into_iter().flatten() {
                        let _ = writeln!(s, "  {}", self.prose(text).replace('\n', " "));
                    }
                    for (words, list) in [("similarity", &pr.similarities), ("difference", &pr.differences)] {
                        for x in list {
                            let _ = writeln!(s, "  - {words}: {}", md(x));
                        }
                    }
                }
                Body::Source(src) => {
                    let publisher = src.publisher.as_deref().map(md).unwrap_or_default();
                    let url = src.url.as_deref().map(url_line).unwrap_or_default();
                    let _ = writeln!(s, "  {publisher}{url}");
                }
                Body::Briefing(br) => {
                    if let Some(bluf) = &br.bluf {
                        let _ = writeln!(s, "  {}", self.prose(bluf).replace('\n', " "));
                    }
                }
                Body::Hypothesis(h) => {
                    let by: Vec<String> = pe
                        .links_in(LinkField::By)
                        .filter_map(crate::model::Link::to)
                        .map(|a| self.link(a, self.c.entity(a).label()))
                        .collect();
                    if !by.is_empty() {
                        let _ = writeln!(s, "  put forward by {}", by.join(", "));
                    }
                    if let Some(notes) = &h.notes {
                        let _ = writeln!(s, "  {}", self.prose(notes).replace('\n', " "));
                    }
                }
                Body::Actor(_) | Body::Claim(_) | Body::Subject(_) => {}
            }
        }
        s.push('\n');
    }
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
