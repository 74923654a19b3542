//! The `v` picker: the named views, each with its query and what it gives now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::panes::{block, centered, fit};
use crate::reader::app::App;
use crate::reader::theme::{Sym, Theme};

pub fn draw(f: &mut Frame, area: Rect, app: &App, selected: usize, counts: &[Result<String, String>], theme: &Theme) {
    let views = app.views();
    let height = (views.len() as u16 + 3).min(area.height.saturating_sub(2));
    let rect = centered(area, 78, height);
    let block = block("Views: Enter applies one as the filter".into(), true, theme);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let width = inner.width as usize;
    let name_width = views.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0).min(24);
    let said_width = counts.iter().filter_map(|c| c.as_ref().ok()).map(String::len).max().unwrap_or(0);
    let mut lines: Vec<Line> = views
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, ((name, query), count))| {
            let cursor = if i == selected { theme.sym(Sym::Cursor) } else { " " };
            let (said, style) = match count {
                Ok(said) => (said.clone(), theme.dim()),
                Err(why) => (why.clone(), theme.error()),
            };
            let spans = vec![
                Span::raw(format!("{cursor} ")),
                Span::styled(format!("{name:<name_width$}  "), theme.title()),
                Span::styled(format!("{said:<said_width$}  "), style),
                Span::raw(crate::text::sanitize_line(query).into_owned()),
            ];
            let line = fit(spans, width, theme);
            if i == selected { line.style(theme.selected(true)) } else { line }
        })
        .collect();
    lines.push(Line::styled("Name your own in the config file's [views] (docs/CONFIG.md).", theme.dim()));
    f.render_widget(Paragraph::new(lines), inner);
}
