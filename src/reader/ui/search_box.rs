//! The `/` finder overlay: the query line, then each hit with its kind, label,
//! briefing, and the field that matched with the matched characters marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::panes::{block, centered, offset};
use super::wrap::{truncate, wrap};
use crate::reader::app::App;
use crate::reader::finder::Finder;
use crate::reader::theme::{Sym, Theme};
use crate::search::{Field, Hit};

/// `text` with the characters at `positions` styled as matches.
fn highlighted(text: &str, positions: &[usize], theme: &Theme) -> Vec<Span<'static>> {
    let mark = theme.link().add_modifier(Modifier::BOLD);
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let marked = positions.contains(&i);
        if marked != run_marked && !run.is_empty() {
            let style = if run_marked { mark } else { ratatui::style::Style::new() };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = marked;
        run.push(c);
    }
    let style = if run_marked { mark } else { ratatui::style::Style::new() };
    spans.push(Span::styled(run, style));
    spans
}

fn hit_lines(app: &App, hit: &Hit, selected: bool, width: usize, theme: &Theme) -> [Line<'static>; 2] {
    let c = &app.corpus();
    let e = c.entity(hit.entity);
    let briefing = c.entity(e.briefing).id.as_str();
    let cursor = if selected { theme.sym(Sym::Cursor) } else { " " };
    let label = c.plain(e.label());
    // The label has the room first: the briefing's id gets what is left, at
    // least a quarter of the row, cut to fit, and none when that leaves it
    // under 8 columns.
    // The kind's column is 10 wide; "hypothesis" takes one more.
    let kind = format!("{:<9} ", e.kind().as_str());
    let room = width.saturating_sub(3 + kind.len());
    let briefing_room = room.saturating_sub(label.width() + 1).max(room / 4).min(briefing.width());
    let briefing_room = if briefing_room < briefing.width().min(8) { 0 } else { briefing_room };
    let label_room = room.saturating_sub(briefing_room + 1);
    let label = truncate(&label, label_room, theme.sym(Sym::Ellipsis));
    let pad = label_room.saturating_sub(label.width());
    let mut first = Line::from(vec![
        Span::raw(format!("{cursor} ")),
        Span::styled(kind, theme.dim()),
        Span::styled(label, theme.title()),
        Span::raw(" ".repeat(pad + 1)),
        Span::styled(truncate(briefing, briefing_room, theme.sym(Sym::Ellipsis)), theme.dim()),
    ]);
    if selected {
        first = first.style(theme.selected(true));
    }
    let field = hit.field.map_or("", Field::name);
    let mut second = vec![Span::styled(format!("    {field}: "), theme.dim())];
    let room = width.saturating_sub(6 + field.len());
    let text = truncate(&hit.text, room, theme.sym(Sym::Ellipsis));
    second.extend(highlighted(&text, &hit.positions, theme));
    [first, Line::from(second)]
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, finder: &Finder, theme: &Theme) {
    let rect = centered(area, 110, area.height.saturating_sub(2));
    let title = match (finder.query().is_empty(), finder.pending()) {
        (true, _) => "Search".to_string(),
        (false, false) if finder.error().is_some_and(|e| !e.incomplete) => "Search: not a valid query".to_string(),
        (false, true) => format!("Search: searching{}", theme.sym(Sym::Ellipsis)),
        // Cut to the best: said, with how to reach the rest.
        (false, false) if finder.matched() > finder.hits().len() => {
            format!("Search: {} of {} shown; type more to narrow", finder.hits().len(), finder.matched())
        }
        (false, false) => format!("Search: {} found", finder.matched()),
    };
    let block = block(title, true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let width = inner.width as usize;
    let mut prompt = vec![Span::styled("/ ", theme.title())];
    prompt.extend(super::input::input_spans(finder.input(), width.saturating_sub(2), theme));
    let mut lines = vec![Line::from(prompt)];
    if let Some(why) = finder.error() {
        // Still being typed: a hint; else what is wrong.
        let style = if why.incomplete { theme.dim() } else { theme.error() };
        lines.extend(wrap(&[Span::styled(why.to_string(), style)], width));
    }
    if finder.query().is_empty() {
        let hint = "Type a few letters of a name, title, id or phrase. a: c: p: b: s: narrow to one kind. \
                    Filters: is:flagged is:unreviewed tag: tlp:<=green grade:<=B2 by: about: in: date: \
                    (- negates).";
        lines.extend(wrap(&[Span::styled(hint, theme.dim())], width));
    } else if finder.hits().is_empty() && !finder.pending() && finder.error().is_none() {
        lines.push(Line::styled("No matches.", theme.dim()));
    }
    let per_page = (inner.height as usize).saturating_sub(lines.len()) / 2;
    for (i, hit) in finder.hits().iter().enumerate().skip(offset(finder.selected(), per_page)).take(per_page) {
        lines.extend(hit_lines(app, hit, i == finder.selected(), width, theme));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
