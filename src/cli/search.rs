//! `brief search QUERY`: the best matches across every kind, one a line, or
//! as JSON. Reads the index from the cache when the folder has not changed.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{Out, json};
use crate::model::Kind;
use crate::search::filter::{Filter, State};
use crate::search::{Field, Hit, Index, Query};
use crate::text::sanitize_line;

#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words that must all match; `a:` `b:` `c:` `p:` `s:` keep one kind, `'word` matches exactly
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only this kind
    #[arg(long, value_name = "KIND", value_parser = ["briefing", "actor", "claim", "precedent", "source"])]
    pub kind: Option<String>,
    /// How many matches to print, best first (0: all) [default: 20 for words; all for kinds and filters alone]
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// A JSON array of {kind, id, label, briefing, score, field}
    #[arg(long)]
    pub json: bool,
}

/// Runs the search; exit 1 when nothing matches, 2 for an empty query or an unreadable folder.
pub fn main(dir: &Path, args: &SearchArgs, color: bool, analyst: Option<&str>) -> ExitCode {
    let text = args.query.join(" ");
    let mut query = match Query::parse(&text) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("brief: {}", sanitize_line(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    if query.is_empty() {
        eprintln!("brief: the query is empty; give a word to search for, e.g. 'brief search neumann'");
        return ExitCode::from(2);
    }
    if let Some(kind) = args.kind.as_deref().and_then(Kind::parse) {
        // --kind and a kind prefix both apply: a claim asked for with `a:` is no match.
        query.kinds = if query.keeps(kind) { vec![kind] } else { vec![] };
        if query.kinds.is_empty() {
            return nothing(&text, args.json);
        }
    }
    let index = open(dir);
    super::cache_notice();
    let index = match index {
        Ok(index) => index,
        Err(code) => return code,
    };
    // Filters alone ask for a set: all of it. Words ask for the best few.
    let limit = match args.limit {
        Some(0) => usize::MAX,
        Some(n) => n,
        None if query.terms.is_empty() => usize::MAX,
        None => 20,
    };
    // The `is:` filters read the review marks; the state file is only read.
    let marks = if query.filters.is_empty() {
        crate::search::Marks::default()
    } else {
        let (state, team, _) = crate::team::inspect(dir, analyst);
        let marks = crate::search::Marks::of(&state).with_team(&state, team.as_ref());
        // Whether a mark still holds needs the briefings as they are now.
        let changes = query
            .filters
            .iter()
            .any(|(_, f)| matches!(f, Filter::Is(State::Changed | State::Reviewed | State::Unreviewed)))
            && state.marked_ids().any(|id| state.marks(id).reviewed);
        // So does what the ACH ratings make a claim.
        let ratings = crate::search::reads_ratings(&query.filters);
        match (changes || ratings).then(|| crate::folder::load(dir)) {
            Some(Ok(corpus)) if ratings => marks.with_changes(&corpus, &state).with_ach(&corpus, &state),
            Some(Ok(corpus)) => marks.with_changes(&corpus, &state),
            _ => marks,
        }
    };
    let crate::search::Answer { hits, matched } = index.search_query(query, limit, &marks);
    if hits.is_empty() {
        return nothing(&text, args.json);
    }
    if matched > hits.len() {
        eprintln!("brief: {} of {matched} shown; --limit 0 for all", hits.len());
    }
    let mut out = Out::stdout(color);
    let result = if args.json { print_json(&index, &hits, &mut out) } else { print_lines(&index, &hits, &mut out) };
    out.finish(result.map(|()| ExitCode::SUCCESS))
}

/// Exit 1, as grep's; with `--json` the answer is still a document, `[]`.
fn nothing(query: &str, json: bool) -> ExitCode {
    eprintln!("brief: nothing matches '{}'", sanitize_line(query));
    if json {
        let _ = writeln!(io::stdout(), "[]");
    }
    ExitCode::FAILURE
}

/// The index by the folder's rule; an unreadable folder is said (exit 2).
fn open(dir: &Path) -> Result<Index, ExitCode> {
    crate::folder::search_index(dir).or_else(|_| super::load(dir).map(|c| Index::build(&c)))
}

fn print_json(index: &Index, hits: &[Hit], out: &mut Out) -> io::Result<()> {
    let hit = |h: &Hit| json::Hit {
        kind: index.kind(h.entity),
        id: index.id(h.entity).to_string(),
        label: index.label(h.entity).to_string(),
        briefing: index.briefing_id(h.entity).to_string(),
        score: h.score,
        field: h.field.map_or("", Field::name),
    };
    json::line(out, json::Search(hits.iter().map(hit).collect()))
}

fn print_lines(index: &Index, hits: &[Hit], out: &mut Out) -> io::Result<()> {
    let id_width = hits.iter().map(|h| index.id(h.entity).chars().count()).max().unwrap_or(0);
    for h in hits {
        let e = h.entity;
        let id = sanitize_line(index.id(e));
        let label = sanitize_line(index.label(e));
        // Matched letters are lit where they are seen: in the id or the label column.
        let (id_shown, label_shown) = match h.field {
            Some(Field::Id) if out.color => (highlight(out, &id, &h.positions), label.to_string()),
            Some(Field::Title | Field::Name | Field::Text) if out.color && h.text == label => {
                (id.to_string(), highlight(out, &label, &h.positions))
            }
            _ => (id.to_string(), label.to_string()),
        };
        let pad = " ".repeat(id_width.saturating_sub(id.chars().count()));
        let kind = format!("{:<9}", index.kind(e).as_str());
        writeln!(out, "{}  {id_shown}{pad}  {label_shown}", out.paint("2", &kind))?;
    }
    Ok(())
}

/// `text` with the chars at `positions` in bold yellow.
fn highlight(out: &Out, text: &str, positions: &[usize]) -> String {
    let mut shown = String::with_capacity(text.len() + positions.len() * 8);
    let mut run = String::new();
    for (i, c) in text.chars().enumerate() {
        if positions.binary_search(&i).is_ok() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            shown.push_str(&out.paint("1;33", &run));
            run.clear();
        }
        shown.push(c);
    }
    if !run.is_empty() {
        shown.push_str(&out.paint("1;33", &run));
    }
    shown
}
