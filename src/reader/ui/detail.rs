//! The detail view: every field of the selected entity, its links, and what
//! references it; and the open briefing's header.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::marks::review_lines;
use super::panes::{block, fit, offset};
use super::wrap::{truncate, wrap};
use crate::model::{Body, Corpus, EntityId};
use crate::reader::app::{App, Pane};
use crate::reader::link_rows::LinkRow;
use crate::reader::theme::{Sym, Theme};
use crate::reader::viewport::Viewport;
use crate::reading::Value;
use crate::text::{Segment, segments};

/// Prose as spans, read as paragraphs: text plain, inline links styled
/// (broken ones marked). A bare link to a claim reads as a short reference,
/// the claim's id, not its whole sentence again; the Links rows follow it.
pub fn prose(corpus: &Corpus, text: &str, theme: &Theme) -> Vec<Span<'static>> {
    let is_claim = |id| corpus.get(id).is_some_and(|e| corpus.entity(e).kind() == crate::Kind::Claim);
    segments(&crate::text::paragraphs(text))
        .into_iter()
        .map(|seg| match seg {
            Segment::Text(t) => Span::raw(t.to_string()),
            Segment::Link { target, words } if words == target && is_claim(target) => {
                Span::styled(target.to_string(), theme.link())
            }
            Segment::Link { target, words } if corpus.get(target).is_some() => {
                Span::styled(corpus.link_words(target, words).into_owned(), theme.link())
            }
            Segment::Link { words, .. } => Span::styled(format!("{}{words}", theme.sym(Sym::Broken)), theme.broken()),
        })
        .collect()
}

/// The open briefing's title, date, TLP, BLUF and (when `summary`) its summary.
pub fn header_lines<'a>(app: &'a App, theme: &Theme, width: usize, summary: bool) -> Vec<Line<'a>> {
    let Some((e, b)) = app.shown_briefing() else { return vec![] };
    let c = &app.corpus();
    // A briefing under the list cursor, not yet opened, says so.
    let preview = app.previewing().then(|| Span::styled("Preview: ", theme.warn()));
    let title = preview.into_iter().chain([Span::styled(b.title.as_str(), theme.title())]);
    let mut lines = Vec::new();
    // A filter in force stays in sight until it is cleared.
    if let Some(f) = app.filter() {
        let said = format!("& {} {} {}", f.query, theme.sym(Sym::Dot), f.said());
        lines.push(Line::styled(truncate(&said, width, theme.sym(Sym::Ellipsis)), theme.warn()));
    }
    // A file that no longer parses is shown as it last did, and says so first.
    if let Some(why) = c.stale(e.file) {
        lines.push(Line::styled(truncate(&stale(why, theme), width, theme.sym(Sym::Ellipsis)), theme.error()));
    }
    lines.extend(wrap(&title.collect::<Vec<_>>(), width));
    let mut meta = vec![b.date.as_ref().map_or("undated".to_string(), |d| d.text().to_string())];
    let tlp = b.tlp.map(crate::model::Tlp::label);
    meta.extend(tlp.clone());
    // Under shared review, each teammate's progress on this briefing, before
    // what a narrow line may cut (tags, the id).
    if let Some(team) = app.team() {
        for (name, file) in &team.others {
            let (done, total) = crate::reviewable::progress(c, file, app.shown().unwrap_or_default());
            meta.push(format!("{name} {done}/{total}"));
        }
    }
    if !b.tags.is_empty() {
        meta.push(b.tags.join(", "));
    }
    meta.push(e.id.clone());
    let dot = format!(" {} ", theme.sym(Sym::Dot));
    let meta = truncate(&meta.join(&dot), width, theme.sym(Sym::Ellipsis));
    // The TLP in its colour, where the line still shows it whole.
    let at = tlp.as_ref().and_then(|t| Some((meta.find(t.as_str())?, t.len())));
    lines.push(match (at, b.tlp) {
        (Some((at, len)), Some(level)) => Line::from(vec![
            Span::styled(meta[..at].to_string(), theme.dim()),
            Span::styled(meta[at..at + len].to_string(), theme.tlp(level)),
            Span::styled(meta[at + len..].to_string(), theme.dim()),
        ]),
        _ => Line::styled(meta, theme.dim()),
    });
    if let Some(bluf) = &b.bluf {
        let mut spans = vec![Span::styled("BLUF ", theme.title())];
        spans.extend(prose(c, bluf, theme));
        lines.extend(wrap(&spans, width));
    }
    if let (true, Some(s)) = (summary, &b.summary) {
        lines.extend(wrap(&prose(c, s, theme), width));
    }
    lines
}

/// `⚠ stale: invalid TOML at 168:27; last good version`.
pub fn stale(why: &crate::Diagnostic, theme: &Theme) -> String {
    format!("{} stale: {}; last good version", theme.sym(Sym::Stale), why.headline())
}

fn field_lines<'a>(c: &'a Corpus, id: EntityId, theme: &Theme, width: usize, out: &mut Vec<Line<'a>>) {
    let e = c.entity(id);
    for (name, value) in e.fields() {
        // The label is already the heading.
        if matches!((name, e.body()), ("text", Body::Claim(_)) | ("name" | "title", _)) {
            continue;
        }
        let label = Span::styled(format!("{name:<13}"), theme.dim());
        match value {
            Value::Line(v) => {
                let mut spans = vec![label];
                spans.push(Span::raw(v.into_owned()));
                out.extend(wrap(&spans, width));
            }
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    let lead = if i == 0 { label.clone() } else { Span::raw(" ".repeat(13)) };
                    out.extend(wrap(&[lead, Span::raw(format!("{} {item}", theme.sym(Sym::Dot)))], width));
                }
            }
            Value::Prose(text) => {
                out.push(Line::from(label));
                let body = prose(c, text, theme);
                out.extend(wrap(&body, width.saturating_sub(2)).into_iter().map(|mut l| {
                    l.spans.insert(0, Span::raw("  "));
                    l
                }));
            }
        }
    }
}

/// All lines of the detail view, and the line index of each link row.
pub fn detail_lines<'a>(app: &'a App, theme: &Theme, width: usize) -> (Vec<Line<'a>>, Vec<usize>) {
    let Some(id) = app.subject() else { return (vec![], vec![]) };
    let c = &app.corpus();
    let e = c.entity(id);
    let mut lines = vec![Line::from(vec![
        Span::styled(e.kind().as_str().to_uppercase(), theme.title()),
        Span::styled(format!("  {}", e.id), theme.dim()),
    ])];
    lines.extend(wrap(&[Span::styled(c.plain(e.label()), theme.title())], width));
    if e.kind() == crate::Kind::Claim {
        let by = c.claimants(id);
        let mut spans = vec![Span::styled(format!("grade {}", c.grade(id)), theme.grade())];
        if !by.is_empty() {
            spans.push(Span::raw(format!("  by {}", by.join(", "))));
        }
        lines.extend(wrap(&spans, width));
    }
    lines.extend(review_lines(c, app.store(), id, theme, width));
    if let Some(team) = app.team() {
        lines.extend(super::marks::team_lines(c, team, id, theme, width));
    }
    field_lines(c, id, theme, width, &mut lines);
    // Where it is, and (once git answers, in a repository) when it last
    // changed: one row, cut to fit, so the answer moves nothing below it.
    let path = c.path_of(id);
    let mut place = format!("{}:{}", path.strip_prefix(&c.root).unwrap_or(path).display(), e.pos.line);
    if let Some(crate::git::Commit { id: commit, author, date, subject }) = app.last_change(&e.id) {
        // The commit's id is for `brief log ID`; here the row has room for little.
        if commit == "uncommitted" {
            place.push_str(" · changed since the last commit");
        } else {
            let _ = write!(place, " · {} by {author}: {subject}", date.get(..10).unwrap_or(date));
        }
    }
    let place = crate::text::sanitize_line(&place).into_owned();
    if let Some(why) = c.stale(e.file) {
        lines.extend(wrap(&[Span::styled(stale(why, theme), theme.error())], width));
    }
    lines.push(Line::styled(truncate(&place, width, theme.sym(Sym::Ellipsis)), theme.dim()));
    let mut rows_at = Vec::new();
    let focused = app.focus() == Pane::Detail;
    let mut heading = "";
    for (i, row) in app.detail_links().into_iter().enumerate() {
        let h = row.section;
        if h != heading {
            heading = h;
            lines.push(Line::raw(""));
            lines.push(Line::styled(h, theme.title()));
        }
        let selected = focused && i == app.selection(Pane::Detail);
        let mut line = link_line(c, &row, selected, width, theme);
        if selected {
            line = line.style(theme.selected(true));
        }
        rows_at.push(lines.len());
        lines.push(line);
    }
    (lines, rows_at)
}

/// One link row: the relation, then what it names (or that it is missing).
fn link_line(c: &Corpus, row: &LinkRow, selected: bool, width: usize, theme: &Theme) -> Line<'static> {
    let cursor = if selected { theme.sym(Sym::Cursor) } else { " " };
    let mut spans = vec![Span::raw(cursor), Span::styled(format!("{:<15} ", row.relation), theme.dim())];
    match row.to {
        Some(to) => {
            let t = c.entity(to);
            // A claim with what an analyst weighs it by: grade, contradicted, date.
            if let crate::model::Body::Claim(claim) = t.body() {
                spans.push(Span::styled(format!("{} ", c.grade(to)), theme.grade()));
                if !c.contradictions(to).is_empty() {
                    spans.push(Span::styled(format!("{} ", theme.sym(Sym::Contradicted)), theme.warn()));
                }
                spans.push(Span::styled(c.plain(t.label()), theme.link()));
                spans.extend(claim.date.as_ref().map(|d| Span::styled(format!(" {}", d.text()), theme.dim())));
            } else {
                spans.push(Span::styled(c.plain(t.label()), theme.link()));
                spans.push(Span::styled(format!(" {}", t.kind().as_str()), theme.dim()));
            }
        }
        None => {
            spans.push(Span::styled(format!("{} {} (missing)", theme.sym(Sym::Broken), row.target), theme.broken()));
        }
    }
    fit(spans, width, theme)
}

pub fn draw_detail(f: &mut Frame, area: Rect, app: &App, theme: &Theme, vp: &mut Viewport) {
    let focused = app.focus() == Pane::Detail;
    let block = block("Detail".into(), focused, theme);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (lines, rows_at) = detail_lines(app, theme, inner.width as usize);
    let height = inner.height as usize;
    let max = lines.len().saturating_sub(height);
    vp.detail_max = max;
    if focused {
        vp.page = height.saturating_sub(1).max(1);
    }
    let scroll = match rows_at.get(app.selection(Pane::Detail)) {
        // Keep the selected link in view, unless the person is paging.
        Some(&at) if focused && !app.nav().detail_free() => offset(at, height).max(app.nav().detail_scroll().min(at)),
        _ => app.nav().detail_scroll().min(max),
    };
    vp.detail_top = scroll;
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    f.render_widget(Paragraph::new(visible), inner);
}
