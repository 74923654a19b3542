//! The timeline: one row per dated item, its kind and name, then its span
//! (or a day's point) on an axis with year ticks; long empty stretches are
//! cut down to a marked break (`2004 ┈┈ 2024`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panes::{block, fit, offset};
use super::wrap::truncate;
use crate::reader::app::App;
use crate::reader::theme::{Sym, Theme};
use crate::reader::timeline::{Axis, BREAK, TimelineView, day};
use crate::reader::viewport::Viewport;

/// The year ticks over the axis, and the breaks between stretches.
fn ticks(axis: &Axis, ascii: bool) -> String {
    let mut row = vec![' '; axis.width];
    let mut put = |at: usize, text: &str| {
        for (i, ch) in text.chars().enumerate() {
            if let Some(cell) = row.get_mut(at + i) {
                *cell = ch;
            }
        }
    };
    let mut free = 0;
    for (i, s) in axis.stretches.iter().enumerate() {
        for year in s.first_year..s.end_year {
            let at = axis.column(day((year * 10_000 + 101) as u32));
            let text = year.to_string();
            // A label where it fits whole, and never over the one before.
            if at >= free && at + text.len() <= s.x + s.width.max(text.len()) {
                put(at, &text);
                free = at + text.len() + 1;
            }
        }
        if i + 1 < axis.stretches.len() {
            let mark = if ascii { " ~~ " } else { " ┈┈ " };
            put(s.x + s.width, mark);
            free = free.max(s.x + s.width + BREAK);
        }
    }
    row.into_iter().collect()
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, view: &TimelineView, theme: &Theme, vp: &mut Viewport) {
    let c = app.corpus();
    let title = format!("Timeline: {} dated", view.items.len());
    let outer = block(title, true, theme);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let width = inner.width as usize;
    let label_width = (width * 2 / 5).clamp(12, 40);
    let axis = Axis::new(&view.items, width.saturating_sub(label_width + 1));
    let rows = (inner.height as usize).saturating_sub(1);
    vp.page = rows.saturating_sub(1).max(1);
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(label_width + 1)),
        Span::styled(ticks(&axis, theme.ascii), theme.dim()),
    ])];
    let (bar, point) = if theme.ascii { ('=', 'o') } else { ('━', '●') };
    for (i, item) in view.items.iter().enumerate().skip(offset(view.selected, rows)).take(rows) {
        let e = c.entity(item.entity);
        let kind = format!("{:<10}", e.kind().as_str());
        let name = truncate(&c.plain(e.label()), label_width.saturating_sub(10), theme.sym(Sym::Ellipsis));
        let label = format!("{kind}{name}");
        let pad = label_width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let (from, to) = (axis.column(item.first), axis.column(item.last));
        let glyph = if item.first == item.last { point.to_string() } else { bar.to_string().repeat(to - from + 1) };
        // Shown, so kept: not decoded again on every frame.
        let date = e.body().date().map(|d| d.text().to_string()).unwrap_or_default();
        // The date right of the bar where it fits, else left of it.
        let after = axis.width.saturating_sub(to + 1);
        let (before, after) = match date.len() + 1 {
            n if after >= n => (String::new(), format!(" {date}")),
            n if from >= n => (format!("{date} "), String::new()),
            _ => (String::new(), String::new()),
        };
        let spans = vec![
            Span::styled(kind, theme.dim()),
            Span::raw(format!("{name}{} ", " ".repeat(pad))),
            Span::raw(" ".repeat(from - before.len())),
            Span::styled(before, theme.dim()),
            Span::styled(glyph, if i == view.selected { theme.title() } else { theme.link() }),
            Span::styled(after, theme.dim()),
        ];
        let line = fit(spans, width, theme);
        lines.push(if i == view.selected { line.style(theme.selected(true)) } else { line });
    }
    f.render_widget(Paragraph::new(lines), inner);
}
