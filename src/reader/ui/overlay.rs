//! Overlays drawn over the screen: help (from the key table) and problems.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::panes::{block, centered, offset};
use super::wrap::{truncate, truncate_start, wrap};
use crate::reader::app::{App, Overlay};
use crate::reader::keys::{self, Binding};
use crate::reader::theme::{Sym, Theme};
use crate::reader::viewport::Viewport;

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme, vp: &mut Viewport) {
    match app.overlay() {
        Overlay::None => {}
        Overlay::Search(finder) => super::search_box::draw(f, area, app, finder, theme),
        Overlay::Note(editor) => note(f, area, editor, theme),
        Overlay::Filter(editor) => filter(f, area, editor, theme),
        Overlay::Views { selected, counts } => super::picker::draw(f, area, app, *selected, counts, theme),
        Overlay::Help { scroll } => help(f, area, app, *scroll, theme, vp),
        Overlay::Problems { selected } => problems(f, area, app, *selected, theme),
    }
}

/// A key column and what it does, the words wrapped under themselves; on
/// a narrow screen the words go under the keys.
fn entry(keys: &str, what: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    const KEYS: usize = 24;
    let (lead, room) = if width >= KEYS + 30 { (KEYS, width - KEYS) } else { (4, width.saturating_sub(4)) };
    let mut lines = Vec::new();
    let mut words = wrap(&[Span::raw(what.to_string())], room).into_iter();
    let key = Span::styled(format!("  {keys:<w$}", w = KEYS - 2), theme.title());
    if lead == KEYS && Span::raw(keys).width() < KEYS - 2 {
        let mut first = words.next().unwrap_or_default();
        first.spans.insert(0, key);
        lines.push(first);
    } else {
        lines.extend(wrap(&[Span::styled(format!("  {keys}"), theme.title())], width));
    }
    lines.extend(words.map(|mut l| {
        l.spans.insert(0, Span::raw(" ".repeat(lead)));
        l
    }));
    lines
}

fn table_lines(table: &[Binding], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    // An action bound in other views alone has no keys in this table.
    table
        .iter()
        .filter(|b| !b.keys.is_empty())
        .flat_map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| keys::key_name(*k, theme.ascii)).collect();
            entry(&keys.join(" "), b.describe(), width, theme)
        })
        .collect()
}

/// Every key, drawn from the key tables themselves, wrapped to `width`.
pub fn help_lines(normal: &[Binding], theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Keys", theme.title())];
    lines.extend(table_lines(normal, width, theme));
    for (title, table) in [
        ("In the / finder (other keys type)", keys::SEARCH),
        ("In the note editor (other keys type)", keys::NOTE),
        ("On the & filter line (other keys type)", keys::FILTER),
        ("In the v views", keys::VIEWS),
        ("In the C contradictions view", keys::PAIRS),
        ("In the T timeline", keys::TIMELINE),
        ("In the M matrix", keys::MATRIX),
        ("In help", keys::HELP),
        ("In the ! problems list", keys::PROBLEMS),
    ] {
        lines.push(Line::raw(""));
        lines.push(Line::styled(title, theme.title()));
        lines.extend(table_lines(table, width, theme));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", theme.title()));
    for (sym, what) in [
        (Sym::Cursor, "the selected row"),
        (Sym::Open, "in the list: the open briefing, while the cursor previews another"),
        (Sym::Reviewed, "reviewed"),
        (Sym::Changed, "reviewed, but changed since: x reviews it again"),
        (Sym::Updated, "briefing changed since you last opened it"),
        (Sym::Flagged, "flagged"),
        (Sym::Note, "has a note"),
        (Sym::Unread, "briefing not yet read"),
        (Sym::Contradicted, "claim contradicted by or contradicting another"),
        (Sym::Elsewhere, "actor or precedent defined in another briefing"),
        (Sym::Broken, "broken link"),
        (Sym::Stale, "briefing whose file no longer parses: shown as it last parsed (! says why)"),
    ] {
        lines.extend(entry(theme.sym(sym), what, width, theme));
    }
    let grade = "a claim's grade (Admiralty code): its source's reliability A-F, then its credibility 1-6; ? where the briefing gives no value, so ?? is ungraded";
    lines.extend(entry("B2 ?2 ??", grade, width, theme));
    let team = format!("+2{} +1{}", theme.sym(Sym::Reviewed), theme.sym(Sym::Flagged));
    lines.extend(entry(
        &team,
        "shared review (docs/TEAM.md): reviewed by two other analysts, flagged by one",
        width,
        theme,
    ));
    lines.push(Line::raw(""));
    lines.extend(wrap(
        &[Span::raw("Below 140 columns one entity pane shows at a time: Tab walks through them.")],
        width,
    ));
    lines
}

fn help(f: &mut Frame, area: Rect, app: &App, scroll: usize, theme: &Theme, vp: &mut Viewport) {
    let rect = centered(area, 78, area.height);
    let normal = app.keymap().table(keys::Mode::Normal);
    let lines = help_lines(&normal, theme, rect.width.saturating_sub(2) as usize);
    let block = block("Help: Esc closes".into(), true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let max = lines.len().saturating_sub(inner.height as usize);
    (vp.help_max, vp.page) = (max, (inner.height as usize).saturating_sub(1).max(1));
    let visible: Vec<Line> = lines.into_iter().skip(scroll.min(max)).collect();
    f.render_widget(Paragraph::new(visible), inner);
}

fn problems(f: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let diags = &app.corpus().diagnostics;
    let rect = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    let block = block(format!("Problems {}: Esc closes", diags.len()), true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if diags.is_empty() {
        lines.push(Line::raw("No problems."));
    }
    let mut selected_at = 0;
    for (i, d) in diags.iter().enumerate() {
        let style = if d.severity == crate::Severity::Error { theme.error() } else { theme.warn() };
        let head = Line::from(vec![
            Span::raw(if i == selected { theme.sym(Sym::Cursor) } else { " " }),
            Span::styled(format!("{}: ", d.severity.as_str()), style),
            // From inside the folder, and cut from the left: the file's own name stays.
            Span::raw(truncate_start(
                &d.place_in(&app.corpus().root),
                width.saturating_sub(10),
                theme.sym(Sym::Ellipsis),
            )),
        ]);
        if i == selected {
            selected_at = lines.len();
        }
        lines.push(if i == selected { head.style(theme.selected(true)) } else { head });
        lines.extend(wrap(&[Span::raw(format!("  {}", d.message))], width));
        if app.corpus().stale.iter().any(|(_, s)| s == d) {
            lines.extend(wrap(&[Span::styled("  shown as it last parsed until it parses again", theme.warn())], width));
        }
    }
    // Keep the selected problem's first line in view, whatever its messages wrap to.
    let lines: Vec<Line> = lines.into_iter().skip(offset(selected_at, inner.height as usize)).collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// The note editor: one line at the bottom of the screen, over the footer.
/// The note editor at the foot of the screen: one row per line of the note
/// (up to half the screen), the cursor's line kept in view.
fn note(f: &mut Frame, area: Rect, editor: &crate::reader::review::NoteEditor, theme: &Theme) {
    let input = editor.input();
    let (before, after) = input.split();
    let lines = input.text().split('\n').count();
    let at = before.matches('\n').count();
    let rows = lines.clamp(1, (area.height / 2).saturating_sub(2).max(1) as usize);
    // Above the footer, which names the keys.
    let height = (rows as u16 + 2).min(area.height.saturating_sub(1));
    let rect = Rect { x: area.x, y: area.y + area.height - 1 - height, width: area.width, height };
    let full = if input.full() { format!(" (full: {} characters)", input.limit()) } else { String::new() };
    let title = format!("Note on {}{full}: Enter saves", editor.id());
    let block = block(title, true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let width = inner.width as usize;
    let first = (at + 1).saturating_sub(rows);
    let (head, tail) = (before.rsplit_once('\n'), after.split_once('\n'));
    let cursor_line =
        crate::reader::input::InputLine::at_cursor(head.map_or(before, |h| h.1), tail.map_or(after, |t| t.0));
    let drawn: Vec<Line> = input
        .text()
        .split('\n')
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, l)| {
            if i == at {
                Line::from(super::input::input_spans(&cursor_line, width, theme))
            } else {
                Line::raw(truncate(l, width, theme.sym(Sym::Ellipsis)))
            }
        })
        .collect();
    f.render_widget(Paragraph::new(drawn), inner);
}

/// The `&` line above the footer: the query, and what it gives as typed.
fn filter(f: &mut Frame, area: Rect, editor: &crate::reader::filtered::FilterEditor, theme: &Theme) {
    let height = 4.min(area.height.saturating_sub(1));
    let rect = Rect { x: area.x, y: area.y + area.height - 1 - height, width: area.width, height };
    let block = block("Filter the list and panes: Enter applies, empty shows all".into(), true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let width = inner.width as usize;
    let mut prompt = vec![Span::styled("& ", theme.title())];
    prompt.extend(super::input::input_spans(&editor.input, width.saturating_sub(2), theme));
    let (said, style) = match &editor.preview {
        None if editor.input.text().is_empty() => {
            ("e.g. is:unreviewed, c: is:contradicted, tag:russia tlp:<=green".to_string(), theme.dim())
        }
        None => (String::new(), theme.dim()),
        Some(Ok((0, _))) => ("nothing matches".to_string(), theme.warn()),
        Some(Ok((n, b))) => (crate::reader::filtered::counted(*n, *b), theme.dim()),
        Some(Err(e)) if e.incomplete => (e.to_string(), theme.dim()),
        Some(Err(e)) => (e.to_string(), theme.error()),
    };
    let said = Line::styled(truncate(&said, width, theme.sym(Sym::Ellipsis)), style);
    f.render_widget(Paragraph::new(vec![Line::from(prompt), said]), inner);
}
