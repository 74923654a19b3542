//! Overlays drawn over the screen: help (from the key table) and problems.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::panes::{block, centered, offset};
use super::wrap::{truncate, wrap};
use crate::reader::app::{App, Overlay};
use crate::reader::keys::{self, Binding};
use crate::reader::theme::{Sym, Theme};
use crate::reader::viewport::Viewport;

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme, vp: &mut Viewport) {
    match app.overlay() {
        Overlay::None => {}
        Overlay::Search(finder) => super::search_box::draw(f, area, app, finder, theme),
        Overlay::Note(editor) => note(f, area, editor, theme),
        Overlay::Help { scroll } => help(f, area, *scroll, theme, vp),
        Overlay::Problems { selected } => problems(f, area, app, *selected, theme),
    }
}

fn table_lines(table: &[Binding], theme: &Theme) -> Vec<Line<'static>> {
    table
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| keys::key_name(*k, theme.ascii)).collect();
            Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), theme.title()),
                Span::raw(b.action.describe()),
            ])
        })
        .collect()
}

/// Every key, drawn from the key table itself.
pub fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Keys", theme.title())];
    lines.extend(table_lines(keys::NORMAL, theme));
    lines.push(Line::raw(""));
    lines.push(Line::styled("In the / finder and the note editor (other keys type)", theme.title()));
    lines.extend(table_lines(keys::INPUT, theme));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", theme.title()));
    for (sym, what) in [
        (Sym::Reviewed, "reviewed"),
        (Sym::Flagged, "flagged"),
        (Sym::Note, "has a note"),
        (Sym::Unread, "briefing not yet read"),
        (Sym::Contradicted, "claim contradicted by or contradicting another"),
        (Sym::Elsewhere, "actor or precedent defined in another briefing"),
        (Sym::Broken, "broken link"),
    ] {
        lines.push(Line::raw(format!("  {:<22}{what}", theme.sym(sym))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw("Below 140 columns one entity pane shows at a time: Tab walks through them."));
    lines
}

fn help(f: &mut Frame, area: Rect, scroll: usize, theme: &Theme, vp: &mut Viewport) {
    let lines = help_lines(theme);
    let rect = centered(area, 78, lines.len() as u16 + 2);
    let block = block("Help: Esc closes".into(), true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let max = lines.len().saturating_sub(inner.height as usize);
    vp.help_max = max;
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
            Span::raw(truncate(&d.place(), width.saturating_sub(10), theme.sym(Sym::Ellipsis))),
        ]);
        if i == selected {
            selected_at = lines.len();
        }
        lines.push(if i == selected { head.style(theme.selected(true)) } else { head });
        lines.extend(wrap(&[Span::raw(format!("  {}", d.message))], width));
    }
    // Keep the selected problem's first line in view, whatever its messages wrap to.
    let lines: Vec<Line> = lines.into_iter().skip(offset(selected_at, inner.height as usize)).collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// The note editor: one line at the bottom of the screen, over the footer.
fn note(f: &mut Frame, area: Rect, editor: &crate::reader::review::NoteEditor, theme: &Theme) {
    let height = 3.min(area.height);
    let rect = Rect { x: area.x, y: area.y + area.height - height, width: area.width, height };
    let block = block(format!("Note on {}: Enter saves, Esc cancels", editor.id()), true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    // Keep the end of a long note, where the cursor is, in view.
    let room = (inner.width as usize).saturating_sub(1);
    let chars: Vec<char> = editor.text().chars().collect();
    let mut start = chars.len();
    let mut used = 0;
    while start > 0 {
        let w = unicode_width::UnicodeWidthChar::width(chars[start - 1]).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        start -= 1;
    }
    let shown: String = chars[start..].iter().collect();
    f.render_widget(Paragraph::new(Line::from(vec![Span::raw(shown), Span::styled("_", theme.selected(true))])), inner);
}
